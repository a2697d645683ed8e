from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from motcua.accounts.roles import Role

# Pages an administrator may open before completing the second factor.
_OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz", "/api/")


class AdminOTPRequiredMiddleware:
    """Administrators must pass TOTP before any staff page; other staff may opt in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.OTP_REQUIRED_FOR_ADMINS
            and user.is_authenticated
            and Role.ADMIN in getattr(user, "roles", ())
            and not user.is_verified()  # type: ignore[union-attr]
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            setup = reverse("accounts:totp_setup")
            allowed = {setup, reverse("accounts:logout")}
            if request.path not in allowed:
                return redirect(f"{setup}?next={request.get_full_path()}")
        return self.get_response(request)
