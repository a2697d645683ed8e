"""POST /api/v1/sms/status: the gateway's delivery receipts (CONTRACTS §7)."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.notifications.models import Message
from motcua.notifications.tests.factories import MessageFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/sms/status"
SECRET = {"HTTP_X_MOTCUA_SECRET": "bi-mat-cong-sms"}


def post(client: Client, body: dict, **headers: str):
    return client.post(URL, data=body, content_type="application/json", **headers)


def test_a_receipt_without_the_secret_is_401_with_the_error_shape(client: Client) -> None:
    MessageFactory(sent=True, provider_id="gw-1")
    for headers in ({}, {"HTTP_X_MOTCUA_SECRET": "sai"}):
        response = post(client, {"provider_id": "gw-1", "status": "DELIVERED"}, **headers)
        assert response.status_code == 401
        assert set(response.json()) == {"detail", "errors"}
    assert Message.objects.get(provider_id="gw-1").status == Message.Status.SENT


def test_a_bad_body_without_the_secret_is_still_401(client: Client) -> None:
    assert post(client, {}).status_code == 401


def test_an_empty_secret_setting_refuses_every_receipt(client: Client, settings) -> None:
    settings.SMS_INBOUND_SECRET = ""
    assert (
        post(client, {"provider_id": "gw-1", "status": "DELIVERED"}, HTTP_X_MOTCUA_SECRET="").status_code
        == 401
    )


def test_an_unknown_provider_id_is_404(client: Client) -> None:
    response = post(client, {"provider_id": "gw-khong-co", "status": "DELIVERED"}, **SECRET)
    assert response.status_code == 404
    assert response.json()["detail"]


def test_a_delivered_receipt_marks_the_message_delivered(client: Client) -> None:
    message = MessageFactory(sent=True, provider_id="gw-2")
    response = post(client, {"provider_id": "gw-2", "status": "DELIVERED"}, **SECRET)
    assert response.status_code == 200
    assert response.json() == {"provider_id": "gw-2", "status": "DELIVERED"}
    message.refresh_from_db()
    assert message.status == Message.Status.DELIVERED and message.delivered_at is not None


def test_a_failed_receipt_marks_the_message_failed_with_the_gateway_error(client: Client) -> None:
    message = MessageFactory(sent=True, provider_id="gw-3")
    response = post(
        client, {"provider_id": "gw-3", "status": "FAILED", "error": "thuê bao tắt máy quá 48 giờ"}, **SECRET
    )
    assert response.status_code == 200
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.failure_class == Message.FailureClass.PERMANENT
    assert message.last_error == "thuê bao tắt máy quá 48 giờ"


def test_an_unknown_status_is_422(client: Client) -> None:
    MessageFactory(sent=True, provider_id="gw-4")
    response = post(client, {"provider_id": "gw-4", "status": "READ"}, **SECRET)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"
