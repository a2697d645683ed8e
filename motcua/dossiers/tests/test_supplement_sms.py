"""The supplement SMS names the documents asked for (shortened to fit) and carries the citizen's link,
within three UCS-2 segments, or two without diacritics (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.catalog.demo import PROCEDURES
from motcua.dossiers import processing
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import State
from motcua.dossiers.tests.processing_factories import make_cast, make_dossier_in
from motcua.notifications.models import Message
from motcua.notifications.segments import GSM7, UCS2, fit_list, shorten, sms_segments, ucs2_units

pytestmark = pytest.mark.django_db

# A long public address, longer than most provinces' portals.
LONG_BASE_URL = "https://dichvucong.camranh.khanhhoa.gov.vn"
LONG_REASON = (
    "Hợp đồng chuyển nhượng chưa có chữ ký của bên nhận chuyển nhượng và tờ khai lệ phí trước bạ ghi sai "
    "diện tích thửa đất so với giấy chứng nhận đã cấp."
)


def _longest_demo_documents() -> list[str]:
    """The document names of the demo procedure whose list is longest in all."""
    procedure = max(PROCEDURES, key=lambda p: sum(len(d[0]) for d in p[7]))
    return [d[0] for d in procedure[7]]


def _sms_for(names: list[str], reason: str, settings: Any) -> tuple[Message, Any]:
    settings.PUBLIC_BASE_URL = LONG_BASE_URL
    documents = [{"name": name, "originals": 1, "copies": 0} for name in names]
    cast = make_cast(documents=documents)
    dossier, cast = make_dossier_in(State.IN_PROGRESS, cast)
    processing.dossier_request_supplement(
        dossier=dossier, officer=cast.specialist, reason=reason, at=cast.tick(),
        documents=list(cast.version.documents.values_list("pk", flat=True)),
    )  # fmt: skip
    return Message.objects.get(template_key="dossier_supplement_requested", channel="SMS"), dossier


def test_the_longest_demo_documents_fit_three_ucs2_segments_with_the_link(settings: Any) -> None:
    names = _longest_demo_documents()
    assert sum(len(n) for n in names) > 150  # the list the issue asks to test with
    sms, dossier = _sms_for(names, LONG_REASON, settings)
    count = sms_segments(sms.body)
    assert count.encoding == UCS2 and count.segments <= 3, (count, sms.body)
    assert sms.segments == count.segments
    assert f"{LONG_BASE_URL}/ho-so/{dossier.code}/?t={dossier_token(dossier.code)}" in sms.body
    assert sms.body.rstrip().endswith(dossier_token(dossier.code))  # the link is whole, at the end
    # The first documents are named, at least by their first words, the others counted.
    assert names[0].split(",")[0][:20] in sms.body
    assert f"+{len(names) - 1} giấy tờ khác" in sms.body or names[1].split(",")[0][:10] in sms.body
    assert "Xem lý do" in sms.body


def test_without_diacritics_the_same_sms_fits_two_gsm7_segments(settings: Any) -> None:
    settings.SMS_DIACRITIC_FREE = True
    sms, _dossier = _sms_for(_longest_demo_documents(), LONG_REASON, settings)
    count = sms_segments(sms.body)
    assert count.encoding == GSM7 and count.segments <= 2, (count, sms.body)


def test_a_short_request_names_every_document_whole_and_the_email_gives_the_reason_once_stopped(
    settings: Any,
) -> None:
    sms, dossier = _sms_for(["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"], "Tờ khai chưa ký.", settings)
    assert sms.body.startswith("Hồ sơ cần bổ sung: Tờ khai đăng ký khai sinh; Giấy chứng sinh. Xem lý do")
    assert ".." not in sms.body
    email = Message.objects.get(template_key="dossier_supplement_requested", channel="EMAIL")
    assert "Tờ khai đăng ký khai sinh; Giấy chứng sinh" in email.body
    assert "Lý do: Tờ khai chưa ký\n" in email.body
    assert f"/ho-so/{dossier.code}/?t=" in email.body


def test_shorten_cuts_at_a_word_and_drops_a_parenthesis_first() -> None:
    assert shorten("Giấy tờ tùy thân có ảnh (xuất trình)", 40) == "Giấy tờ tùy thân có ảnh (xuất trình)"
    assert shorten("Giấy tờ tùy thân có ảnh (xuất trình)", 30) == "Giấy tờ tùy thân có ảnh…"
    assert shorten("Hợp đồng, văn bản chuyển nhượng, tặng cho", 20) == "Hợp đồng, văn bản…"
    assert shorten("Hợp đồng", 3) == ""


def test_fit_list_keeps_short_items_whole_and_counts_what_does_not_fit() -> None:
    items = [
        "Giấy chứng sinh",
        "Tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch",
        "Bản sao sổ hộ khẩu",
    ]
    fitted = fit_list(items, 60, more="+{n} giấy tờ khác")
    assert ucs2_units(fitted) <= 60
    assert fitted.startswith("Giấy chứng sinh; Tờ khai")
    assert "Bản sao sổ hộ khẩu" in fitted
    tight = fit_list(items, 40, more="+{n} giấy tờ khác")
    assert ucs2_units(tight) <= 40 and "giấy tờ khác" in tight
    assert tight.startswith("Giấy chứng sinh")
