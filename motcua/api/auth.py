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
        user = token_user(value)
        if user is not None:
            request.user = user
        return user


staff_token = StaffToken()


def token_user(key: str) -> User | None:
    """The active member of staff whose API token this is (CONTRACTS §7), its use stamped; None for
    an unknown or revoked key and for a kiosk's account, which has no API rights (CONTRACTS §5).
    The one check of a key: the API's `Authorization: Token` and Open311's `api_key`."""
    token = (
        ApiToken.objects.active()
        .select_related("user", "user__agency")
        .filter(key_hash=ApiToken.hash_key(key.strip()))
        .first()
    )
    if token is None or Role.KIOSK in token.user.roles:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def api_user(request: Any) -> User:
    user = request.auth
    assert isinstance(user, User)
    return user
