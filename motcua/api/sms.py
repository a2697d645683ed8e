"""SMS gateway webhooks (CONTRACTS §7): every call carries `X-MotCua-Secret: <SMS_INBOUND_SECRET>`."""

from __future__ import annotations

import hmac
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import APIKeyHeader

from motcua.accounts.access import public
from motcua.api.schemas import ErrorOut, Text
from motcua.notifications.services import message_record_receipt


class GatewaySecret(APIKeyHeader):
    """The shared secret of the SMS gateway; a missing or wrong one is 401 before the body is read."""

    param_name = "X-MotCua-Secret"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        expected = settings.SMS_INBOUND_SECRET
        if expected and key and hmac.compare_digest(key.encode(), expected.encode()):
            return "gateway"
        raise HttpError(401, _("Thiếu hoặc sai tiêu đề X-MotCua-Secret."))


gateway_secret = GatewaySecret()

router = Router(tags=["SMS"])


class DeliveryReceiptIn(Schema):
    provider_id: Text(100)
    status: Literal["DELIVERED", "FAILED"]
    error: Text(2000) = ""


class DeliveryReceiptOut(Schema):
    provider_id: str
    status: str


@router.post(
    "/status",
    auth=gateway_secret,
    response={200: DeliveryReceiptOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Báo nhận tin nhắn từ nhà mạng",
)
@public  # open to the gateway, which proves itself with the shared secret instead of a staff token
def sms_status(request: HttpRequest, payload: DeliveryReceiptIn) -> dict[str, str]:
    """Delivery receipt from the gateway: the SMS reached the handset (DELIVERED) or not (FAILED).
    401 without the right `X-MotCua-Secret`; 404 for an unknown `provider_id`."""
    message = message_record_receipt(
        provider_id=payload.provider_id, status=payload.status, error=payload.error
    )
    return {"provider_id": message.provider_id, "status": message.status}
