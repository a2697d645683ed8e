"""Look-up by SMS: the gateway's webhook for messages to the short code (CONTRACTS §7, DOMAIN §11)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from motcua.accounts.access import public
from motcua.api.schemas import NO_NUL, ErrorOut
from motcua.api.sms import gateway_secret
from motcua.core.bounds import has_nul
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.dossiers.lookup import lookup_sms_reply

router = Router(tags=["SMS"])


class InboundOut(Schema):
    reply: str
    queued: bool


SENDER_MAX = 50
_BODY_SCHEMA = {
    "type": "object",
    "required": ["from"],
    "properties": {
        "from": {
            "type": "string",
            "minLength": 1,
            "maxLength": SENDER_MAX,
            "pattern": r"^[^\u0000]*\S[^\u0000]*$",
            "description": "Số máy gửi tin (không để trống)",
        },
        "text": {
            "type": "string",
            "pattern": NO_NUL,
            "description": "Nội dung tin, ví dụ “TC 000.00.12.H56-260109-0001” (500 ký tự đầu được đọc)",
        },
    },
}


def _fields(request: HttpRequest) -> dict[str, Any]:
    """`from` and `text`, sent as JSON or as a form (gateways differ)."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise InvalidInput(_("Nội dung JSON không hợp lệ.")) from None
        return data if isinstance(data, dict) else {}
    return request.POST.dict()


@router.post(
    "/inbound",
    auth=gateway_secret,
    response={200: InboundOut, 401: ErrorOut, 422: ErrorOut},
    summary="Tin nhắn tra cứu hồ sơ gửi đến đầu số",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _BODY_SCHEMA},
                "application/x-www-form-urlencoded": {"schema": _BODY_SCHEMA},
            },
        }
    },
)
@public  # open to the gateway, which proves itself with X-MotCua-Secret instead of a staff token
def sms_inbound(request: HttpRequest) -> dict[str, Any]:
    """`<KEYWORD> <code>` → a short reply with the state, due date and whether the result is ready;
    queued as an SMS to the sender unless SMS_INBOUND_REPLY=sync (then the gateway sends `reply`)."""
    data = _fields(request)
    sender = str(data.get("from") or "").strip()
    if not sender:
        raise InvalidInput(_("Thiếu số máy gửi tin."), [FieldError("from", _("Thiếu trường bắt buộc."))])
    if has_nul(sender) or has_nul(data.get("text")):
        raise InvalidInput(
            _("Dữ liệu gửi lên không hợp lệ."), [FieldError("from", _("Không được chứa ký tự NUL."))]
        )
    if len(sender) > SENDER_MAX:
        raise InvalidInput(_("Số máy gửi tin quá dài."), [FieldError("from", _("Chuỗi quá dài."))])
    return lookup_sms_reply(sender=sender, text=str(data.get("text") or "")[:500]).as_dict()
