"""How a due time was counted, in one sentence (issue 12): the citizen's page, the dossier page, form 01
and the receipt SMS all say it; "(dự kiến)" is explained."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from motcua.catalog.models import TimeUnit
from motcua.catalog.tests.factories import make_version
from motcua.dossiers import documents, explain
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.tests.factories import intake
from motcua.dossiers.tests.processing_factories import make_cast, receive
from motcua.notifications.models import Message
from motcua.notifications.segments import GSM7, sms_segments

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _version(value: int, unit: str) -> Any:
    if unit == TimeUnit.CALENDAR_DAYS:
        return make_version(limit_value=value, limit_unit=unit)
    steps = [{"name": "Giải quyết", "budget_value": value, "budget_unit": unit}]
    return make_version(limit_value=value, limit_unit=unit, steps=steps)


def test_working_days_are_explained_from_the_clock_start() -> None:
    cast = make_cast()
    dossier = receive(cast)  # Monday 02/03/2026 08:00, 5 working days
    assert (
        explain.due_basis(dossier) == "5 ngày làm việc từ 02/03/2026, không tính thứ Bảy, Chủ nhật, ngày lễ"
    )
    assert explain.due_basis(dossier, compact=True) == "5 ngày làm việc từ 02/03/2026, không tính T7, CN, lễ"
    assert explain.due_estimated_note(dossier) == ""


def test_the_holidays_the_count_skipped_are_named_from_the_trace() -> None:
    cast = make_cast()
    cast.at(datetime(2026, 4, 28, 8, 0, tzinfo=VN))  # before 30/04 and 01/05
    dossier = receive(cast)
    names = [row["name"] for row in dossier.due_trace if row["kind"] == "HOLIDAY"]
    assert names
    basis = explain.due_basis(dossier)
    assert basis.startswith("5 ngày làm việc từ 28/04/2026, không tính thứ Bảy, Chủ nhật, ngày lễ (")
    assert names[0] in basis


def test_other_units_are_explained_in_their_own_words() -> None:
    hours = intake(
        version=_version(8, TimeUnit.WORKING_HOURS), now=datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    ).dossier
    assert explain.due_basis(hours).startswith("8 giờ làm việc từ 08:00 02/03/2026, không tính thứ Bảy")
    days = intake(
        version=_version(30, TimeUnit.CALENDAR_DAYS), now=datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    ).dossier
    assert explain.due_basis(days).startswith("30 ngày từ 02/03/2026, tính cả ngày nghỉ")


def test_an_estimated_due_time_says_which_years_calendar_is_not_official() -> None:
    dossier = intake(now=datetime(2031, 3, 3, 8, 0, tzinfo=VN)).dossier
    assert dossier.due_estimated
    note = explain.due_estimated_note(dossier)
    assert "2031" in note and "chưa được công bố chính thức" in note
    assert explain.due_basis(dossier, compact=True).startswith("dự kiến, 5 ngày làm việc từ 03/03/2031")


def test_the_citizens_page_the_dossier_page_and_form_01_show_the_same_sentence() -> None:
    cast = make_cast()
    dossier = receive(cast)
    sentence = explain.due_basis(dossier)
    citizen = (
        Client().get(f"/ho-so/{dossier.code}/?t={dossier_token(dossier.code)}", follow=True).content.decode()
    )
    assert sentence[0].upper() + sentence[1:] in citizen
    staff = Client()
    staff.force_login(cast.desk)
    assert (
        sentence[0].upper() + sentence[1:] in staff.get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    )
    assert f"Cách tính: {sentence}." in documents.form01_html(dossier)


@pytest.mark.parametrize("diacritic_free", [False, True])
def test_the_receipt_sms_says_it_within_three_ucs2_or_two_gsm7_segments(
    diacritic_free: bool, settings: Any
) -> None:
    settings.SMS_DIACRITIC_FREE = diacritic_free
    # The longest compact sentence: estimated, working hours with a time.
    version = _version(40, TimeUnit.WORKING_HOURS)
    dossier = intake(version=version, now=datetime(2031, 3, 3, 8, 0, tzinfo=VN)).dossier
    sms = Message.objects.get(template_key="dossier_received", channel="SMS", subject_ref=dossier.subject_ref)
    count = sms_segments(sms.body)
    assert count.segments <= (2 if diacritic_free else 3), (count, sms.body)
    assert (count.encoding == GSM7) is diacritic_free
    expected = (
        "du kien, 40 gio lam viec tu 08:00 03/03/2031"
        if diacritic_free
        else "dự kiến, 40 giờ làm việc từ 08:00 03/03/2031"
    )
    assert expected in sms.body
