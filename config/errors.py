"""The site's own error pages (403, 404, 500), in Vietnamese with the site's layout; JSON under /api/.

Django calls `handler403`/`handler404`/`handler500` (config/urls.py) whenever DEBUG is off — in
production and in the tests. Under DEBUG it shows its technical pages instead (a 404 that lists
every URL pattern, a 500 with the traceback). `SiteErrorPagesMiddleware` puts the site's pages back
under DEBUG when `ERROR_PAGES_IN_DEBUG` is on (by default in demo mode, as `./dev serve` runs), after
Django has logged the error with its traceback to the console; `ERROR_PAGES_IN_DEBUG=false` keeps
Django's technical pages for a developer who wants them (ADR 0012). The tests run with DEBUG off, so the test
client still re-raises a view's exception with its traceback. See docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import is_valid_path
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from motcua.core.context_processors import locality
from motcua.core.http import error_body, is_api


def _reason(exception: Exception | None) -> str:
    """A refusal's own message when it has one: the domain raises messages safe to show (STYLE)."""
    if exception is None or not exception.args:
        return ""
    message = exception.args[0]
    return str(message) if isinstance(message, (str, Promise)) else ""


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return JsonResponse(error_body(_("Vai trò của bạn không được dùng chức năng này.")), status=403)
    return render(request, "403.html", {"reason": _reason(exception)}, status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return JsonResponse(error_body(_("Không tìm thấy.")), status=404)
    return render(request, "404.html", {"path": request.path}, status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """`CSRF_FAILURE_VIEW`: a form sent from a stale page (or by another site) in the site's words,
    not Django's English "CSRF verification failed"; nothing typed is kept, so say how to go on."""
    message = _(
        "Biểu mẫu đã hết hạn hoặc trình duyệt chưa bật cookie. Hãy tải lại trang, nhập lại và gửi lần nữa."
    )
    if is_api(request):
        return JsonResponse(error_body(message), status=403)
    return render(request, "403.html", {"reason": message}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """No request context and no query: whatever failed (the database too) must not fail this."""
    if is_api(request):
        return JsonResponse(error_body(_("Lỗi máy chủ, vui lòng thử lại sau.")), status=500)
    return HttpResponseServerError(loader.get_template("500.html").render(locality(request)))


class SiteErrorPagesMiddleware:
    """Under DEBUG with `ERROR_PAGES_IN_DEBUG`, answer a 404 (an `Http404` or no URL matching) and an
    unhandled exception's 500 with the site's pages rather than Django's technical ones. Django has
    already logged the exception and sent `got_request_exception` by then. A 404 a view returns on
    purpose (not raised) is left alone. Without DEBUG it is not loaded at all."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not (settings.DEBUG and settings.ERROR_PAGES_IN_DEBUG):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        failure: Any = getattr(request, "motcua_failure", None)
        if response.status_code == 404 and (
            isinstance(failure, Http404)
            or not is_valid_path(request.path_info, getattr(request, "urlconf", None))
        ):
            return page_not_found(request, failure)
        if response.status_code == 500 and failure is not None:
            return server_error(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        request.motcua_failure = exception  # type: ignore[attr-defined]
