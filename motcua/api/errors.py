"""The error shape of CONTRACTS §7 for every endpoint: {"detail", "errors": [{"field", "message"}]}."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from motcua.core.calendar import FIRST_YEAR, LAST_YEAR
from motcua.core.exceptions import Conflict, DomainError, InvalidInput, RateLimited
from motcua.core.http import error_body

__all__ = ["install_error_handlers"]

logger = logging.getLogger("django.request")

# Vietnamese messages for pydantic's error types; anything else falls back to a generic one.
_MESSAGES = {
    "missing": "Thiếu trường bắt buộc.",
    "int_parsing": "Phải là một số nguyên.",
    "int_type": "Phải là một số nguyên.",
    "float_parsing": "Phải là một số.",
    "bool_parsing": "Phải là true hoặc false.",
    "date_from_datetime_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "datetime_parsing": "Thời điểm không hợp lệ (định dạng ISO 8601, ví dụ 2026-01-09T10:00).",
    "datetime_from_date_parsing": "Thời điểm không hợp lệ (định dạng ISO 8601, ví dụ 2026-01-09T10:00).",
    "greater_than_equal": "Giá trị quá nhỏ.",
    "less_than_equal": "Giá trị quá lớn.",
    "string_too_long": "Chuỗi quá dài.",
    "string_too_short": "Chuỗi quá ngắn.",
    "enum": "Giá trị không nằm trong danh sách cho phép.",
    "literal_error": "Giá trị không nằm trong danh sách cho phép.",
    "json_invalid": "Nội dung JSON không hợp lệ.",
    "string_pattern_mismatch": "Giá trị không đúng định dạng (ký tự NUL không được phép).",
    "year_range": f"Ngày nằm ngoài phạm vi lịch làm việc (năm {FIRST_YEAR}–{LAST_YEAR}).",
    "too_long": "Danh sách quá dài.",
}


def _field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    # ninja prefixes the location with "query" / "body" / "path", and a body's fields with the view's
    # parameter name ("body", "payload", "status"); the contract names the field only.
    loc = list(loc)
    if len(loc) > 2 and loc[0] == "body":
        loc = loc[2:]
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "header", "form", "file")]
    return ".".join(parts) or "__all__"


def _field_error(err: dict[str, Any]) -> dict[str, str]:
    """One pydantic error as CONTRACTS §7 names it. A typed input of the domain
    (`motcua.dossiers.action_inputs`) carries its own Vietnamese message, and sometimes the name of
    the field to mark (`document_12` inside `files`)."""
    context = err.get("ctx") or {}
    if err.get("type") == "motcua":
        field = str(context.get("field") or "") or _field_name(err.get("loc", ()))
        return {"field": field, "message": str(context.get("message", ""))}
    return {
        "field": _field_name(err.get("loc", ())),
        "message": _MESSAGES.get(err.get("type", ""), "Giá trị không hợp lệ."),
    }


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [_field_error(err) for err in exc.errors]
        return api.create_response(
            request, error_body(_("Dữ liệu gửi lên không hợp lệ."), errors), status=422
        )

    @api.exception_handler(InvalidInput)
    def invalid(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
        errors = [{"field": e.field, "message": e.message} for e in exc.errors]
        return api.create_response(request, error_body(exc.message, errors), status=422)

    @api.exception_handler(Conflict)
    def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return api.create_response(request, error_body(exc.message), status=409)

    @api.exception_handler(DomainError)
    def domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(request, error_body(exc.message), status=exc.status)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = api.create_response(
            request, error_body(_("Cần đăng nhập: gửi tiêu đề Authorization: Token <khóa>.")), status=401
        )
        response["WWW-Authenticate"] = "Token"
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body(_("Không tìm thấy.")), status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(
            request, error_body(_("Vai trò của bạn không được dùng chức năng này.")), status=403
        )

    @api.exception_handler(RateLimited)
    def throttled(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        response = api.create_response(
            request, error_body(exc.message or _("Quá nhiều yêu cầu, vui lòng thử lại sau.")), status=429
        )
        response["Retry-After"] = str(exc.retry_after_s)
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, error_body(str(exc)), status=exc.status_code)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        """A defect, not bad input: logged like Django's own 500s (mail to the admins when configured)
        and answered in the API's error shape, never an HTML page. DEBUG keeps Django's debug page."""
        if settings.DEBUG:
            raise exc
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exc,
            extra={"status_code": 500, "request": request},
        )
        return api.create_response(
            request, error_body(_("Lỗi máy chủ, vui lòng thử lại sau. Sự cố đã được ghi lại.")), status=500
        )
