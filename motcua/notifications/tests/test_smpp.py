"""SMPP 3.4 delivery against the loopback SMSC of smsc.py."""

from __future__ import annotations

from typing import Any as SettingsWrapper

import pytest
import smpplib.consts

from motcua.notifications.models import Message
from motcua.notifications.services import message_deliver, message_queue
from motcua.notifications.tests.smsc import Smsc

pytestmark = pytest.mark.django_db


def queue(code: str = "000.00.01.H23-260109-0001", reason: str = "Thiếu bản sao giấy khai sinh") -> Message:
    message = message_queue(
        channel="SMS",
        to="0905123456",
        template="dossier_supplement_requested",
        context={
            "code": code,
            "reason": reason,
            "documents_short": reason,
            "url": "https://motcua.example.vn/",
        },
    )
    assert message is not None
    return message


def test_a_long_vietnamese_sms_is_submitted_in_ucs2_parts_and_marked_sent(smsc: Smsc) -> None:
    message = queue()
    assert message.segments == 2
    message_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.transport == "smpp"
    assert len(smsc.submitted) == 2
    assert {s.destination_addr for s in smsc.submitted} == {"84905123456"}
    assert {s.data_coding for s in smsc.submitted} == {smpplib.consts.SMPP_ENCODING_ISO10646}
    assert smsc.texts() == [message.body]
    assert message.provider_id == ",".join(s.message_id for s in smsc.submitted)
    assert smsc.binds == 1 and smsc.unbinds == 1


def test_a_diacritic_free_sms_goes_as_gsm7_in_one_part(smsc: Smsc, settings: SettingsWrapper) -> None:
    settings.SMS_DIACRITIC_FREE = True
    message = queue()
    message_deliver(message.pk)
    [part] = smsc.submitted
    assert part.data_coding == smpplib.consts.SMPP_ENCODING_DEFAULT
    assert part.source_addr == "MotCua"


def test_an_invalid_destination_from_the_smsc_is_permanent(smsc: Smsc) -> None:
    smsc.submit_status = smpplib.consts.SMPP_ESME_RINVDSTADR
    message = queue()
    message_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED and message.failure_class == "PERMANENT"
    assert "0x0000000B" in message.last_error


def test_throttling_by_the_smsc_is_temporary(smsc: Smsc) -> None:
    smsc.submit_status = smpplib.consts.SMPP_ESME_RTHROTTLED
    message = queue()
    message_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED and message.failure_class == "TEMPORARY"


def test_a_wrong_password_is_temporary_so_the_next_transport_can_take_over(
    smsc: Smsc, settings: SettingsWrapper
) -> None:
    settings.SMS_SMPP_PASSWORD = "sai"
    settings.SMS_TRANSPORTS = ["smpp", "memory"]
    message = queue()
    message_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.transport == "memory"
    assert "đăng nhập" in message.delivery_attempts.first().error
