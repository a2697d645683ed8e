"""Look-up by SMS (DOMAIN §11, CONTRACTS §7 `POST sms/inbound`): the gateway's webhook."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import make_dossier
from motcua.notifications.models import Message

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
SECRET = "bi-mat-cong-sms"
SENDER = "0912345678"


@pytest.fixture(autouse=True)
def _gateway(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SMS_INBOUND_SECRET = SECRET
    settings.SMS_INBOUND_REPLY = "queue"
    settings.SMS_LOOKUP_KEYWORDS = ["TC"]
    settings.SMS_SHORT_CODE = "8077"


@pytest.fixture
def dossier() -> Dossier:
    return make_dossier(now=datetime(2026, 3, 4, 9, 0, tzinfo=VN))


def _sms(text: str, sender: str = SENDER, secret: str | None = SECRET, form: bool = False) -> Any:
    headers = {"HTTP_X_MOTCUA_SECRET": secret} if secret is not None else {}
    if form:
        return Client().post("/api/v1/sms/inbound", {"from": sender, "text": text}, **headers)
    return Client().post(
        "/api/v1/sms/inbound", {"from": sender, "text": text}, content_type="application/json", **headers
    )


def _lookup_messages() -> Any:
    return Message.objects.filter(subject_ref__startswith="sms-lookup:")


@pytest.mark.parametrize("secret", [None, "", "sai-bi-mat"])
def test_a_call_without_the_right_secret_is_401_and_answers_nothing(
    dossier: Dossier, secret: str | None
) -> None:
    response = _sms(f"TC {dossier.code}", secret=secret)
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}
    assert not _lookup_messages().exists()


def test_an_empty_secret_setting_refuses_every_call(dossier: Dossier, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SMS_INBOUND_SECRET = ""
    assert _sms(f"TC {dossier.code}", secret="").status_code == 401


@pytest.mark.parametrize(
    "text",
    [
        "TC {code}",
        "tc {lower}",
        "TC{code}",
        "  TC    {code}  ",
        "TC {bare}",
        "Tc {spaced}",
        "TC: {code}",
    ],
)
def test_the_keyword_and_code_are_understood_in_every_usual_spelling(dossier: Dossier, text: str) -> None:
    bare = dossier.code.replace(".", "").replace("-", "")
    spaced = dossier.code.replace("-", " - ").replace(".", " . ")
    message = text.format(code=dossier.code, lower=dossier.code.lower(), bare=bare, spaced=spaced)
    response = _sms(message)
    assert response.status_code == 200
    assert response.json()["reply"].startswith(f"HS {dossier.code}: Đã tiếp nhận.")


def test_the_reply_gives_state_due_date_and_result_and_nothing_personal(dossier: Dossier) -> None:
    reply = _sms(f"TC {dossier.code}").json()["reply"]
    assert reply == f"HS {dossier.code}: Đã tiếp nhận. Hẹn trả 17:00 11/03/2026. Chưa có kết quả."
    for secret in ("Nguyễn", "Ánh", "0905123456", "3456", "056190000123", dossier.receiving_agency.name):
        assert secret not in reply


def test_a_dossier_with_its_result_says_so() -> None:
    dossier = make_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(state="RESULT_READY")
    assert "Đã có kết quả" in _sms(f"TC {dossier.code}").json()["reply"]


@pytest.mark.parametrize("text", ["", "   ", "TC", "TC 000.00.99.H99-260101-0001", "XIN CHAO", "{code}"])
def test_wrong_syntax_or_an_unknown_code_gets_the_help_text(dossier: Dossier, text: str) -> None:
    response = _sms(text.format(code=dossier.code))
    assert response.status_code == 200
    assert response.json()["reply"] == "Sai cú pháp. Soạn: TC <mã hồ sơ> gửi 8077"
    assert _lookup_messages().get().subject_ref == "sms-lookup:"


def test_the_reply_is_queued_to_the_sender_through_the_outbox(dossier: Dossier) -> None:
    answer = _sms(f"TC {dossier.code}").json()
    assert answer["queued"] is True
    message = _lookup_messages().get()
    assert (message.channel, message.recipient, message.body) == ("SMS", "+84912345678", answer["reply"])
    assert message.subject_ref == f"sms-lookup:{dossier.code}"


def test_in_sync_mode_the_reply_is_only_returned_to_the_gateway(dossier: Dossier, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SMS_INBOUND_REPLY = "sync"
    answer = _sms(f"TC {dossier.code}").json()
    assert answer["queued"] is False and dossier.code in answer["reply"]
    assert not _lookup_messages().exists()


def test_the_gateway_may_post_a_form_instead_of_json(dossier: Dossier) -> None:
    response = _sms(f"TC {dossier.code}", form=True)
    assert response.status_code == 200 and dossier.code in response.json()["reply"]


def test_several_keywords_may_be_configured(dossier: Dossier, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SMS_LOOKUP_KEYWORDS = ["TC", "HS"]
    assert dossier.code in _sms(f"hs {dossier.code}").json()["reply"]


def test_a_call_without_a_sender_is_422(dossier: Dossier) -> None:
    response = _sms(f"TC {dossier.code}", sender="")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "from"


def test_a_sender_over_the_hourly_limit_is_told_once_then_ignored_until_the_hour_ends(
    dossier: Dossier, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SMS_INBOUND_RATE_PER_HOUR = 2
    with time_machine.travel(datetime(2026, 3, 4, 10, 15, tzinfo=VN), tick=False) as traveller:
        assert dossier.code in _sms(f"TC {dossier.code}").json()["reply"]
        assert dossier.code in _sms(f"TC {dossier.code}").json()["reply"]
        refused = _sms(f"TC {dossier.code}").json()
        assert refused == {
            "reply": "Số máy đã tra cứu quá nhiều lần. Vui lòng thử lại sau 45 phút.",
            "queued": True,
        }
        assert _sms(f"TC {dossier.code}").json() == {"reply": "", "queued": False}
        assert _sms(f"TC {dossier.code}").json() == {"reply": "", "queued": False}
        assert _lookup_messages().count() == 3
        assert (
            dossier.code in _sms(f"TC {dossier.code}", sender="0987654321").json()["reply"]
        )  # others unaffected
        traveller.shift(45 * 60)
        assert dossier.code in _sms(f"TC {dossier.code}").json()["reply"]


def test_the_same_number_written_two_ways_is_one_sender(dossier: Dossier, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SMS_INBOUND_RATE_PER_HOUR = 1
    _sms(f"TC {dossier.code}", sender="0912345678")
    assert "quá nhiều lần" in _sms(f"TC {dossier.code}", sender="+84912345678").json()["reply"]
