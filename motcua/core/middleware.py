"""Middleware of the whole site.

Input no view can use is refused at the edge with the contract's 422 (CONTRACTS §7).

`InputGuardMiddleware` answers before any view for what would otherwise reach the database or the
parsers as a 500: a NUL character in a query string or a page's form (PostgreSQL refuses NUL in a
string; SQLite would store it silently), and a multipart body Django cannot parse (no boundary). On
the API the answer is the JSON error shape, elsewhere a short page. API bodies are checked by their
schemas (`motcua.api.schemas.Text`) and the actions' parsers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.core.bounds import has_nul
from motcua.core.http import error_body, is_api

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


_FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


def _problem(request: HttpRequest) -> tuple[str, str] | None:
    """(field, message) of the first input that must be refused, or None.

    Query strings everywhere; forms on pages. The API's bodies are its schemas' business (`Text`
    refuses NUL in the fields it reads, and a gateway may send fields the API ignores)."""
    for name, values in request.GET.lists():
        if has_nul(name) or has_nul(values):
            return name.replace("\x00", "") or "__all__", _("Không được chứa ký tự NUL.")
    if request.method not in ("POST", "PUT", "PATCH") or request.content_type not in _FORMS:
        return None
    try:
        fields = list(request.POST.lists())
    except MultiPartParserError:
        return "__all__", _("Nội dung multipart không đọc được (thiếu hoặc sai boundary).")
    if is_api(request):
        return None
    for name, values in fields:
        if has_nul(name) or has_nul(values):
            return name.replace("\x00", "") or "__all__", _("Không được chứa ký tự NUL.")
    return None


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = _problem(request)
        if problem is None:
            return self.get_response(request)
        field, message = problem
        detail = _("Dữ liệu gửi lên không hợp lệ.")
        if is_api(request):
            return JsonResponse(error_body(detail, [{"field": field, "message": message}]), status=422)
        return render(request, "invalid_input.html", {"detail": detail, "message": message}, status=422)
