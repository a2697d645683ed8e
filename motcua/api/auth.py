"""API authentication: staff send `Authorization: Token <key>` (CONTRACTS §7)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyHeader

from motcua.accounts.models import ApiToken, User
from motcua.accounts.roles import Role


class StaffToken(APIKeyHeader):
    param_name = "Authorization"

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        if not key:
            return None
        scheme, _, value = key.partition(" ")
        if scheme.lower() != "token" or not value.strip():
            return None
        token = (
            ApiToken.objects.active()
            .select_related("user", "user__agency")
            .filter(key_hash=ApiToken.hash_key(value.strip()))
            .first()
        )
        if token is None or Role.KIOSK in token.user.roles:
            return None  # a kiosk's account has no API rights (CONTRACTS §5)
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        request.user = token.user
        return token.user


staff_token = StaffToken()


def api_user(request: Any) -> User:
    user = request.auth
    assert isinstance(user, User)
    return user
