"""Middleware of the whole site."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase

PRIVATE = "private, no-store"
CREDENTIAL_HEADERS = ("HTTP_AUTHORIZATION", "HTTP_X_DOSSIER_TOKEN")


class NoStoreWithCredentials:
    """`Cache-Control: private, no-store` on every answer to a request that carries credentials — a
    staff session, an API token, a citizen's dossier token (header, or `t=` of a link) — unless the view chose its own: such
    answers may hold personal data, which no shared cache, proxy or browser history may keep.
    Public pages without credentials stay cacheable. (Citizens' token pages set it themselves.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and _carries_credentials(request):
            response["Cache-Control"] = PRIVATE
        return response


def _carries_credentials(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    return bool(request.GET.get("t")) or any(request.META.get(header) for header in CREDENTIAL_HEADERS)
