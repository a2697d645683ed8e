"""Seeding the calendar: the official data migration, `calendar_seed`, the admin and its notice."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from time_machine import TimeMachineFixture

from motcua.core import calendar
from motcua.core.models import CalendarStatus, CalendarVersion, Holiday, MakeUpWorkday
from motcua.core.services import calendar_fill_years, calendar_seed_year
from motcua.core.tests.factories import HolidayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar() -> None:
    calendar.invalidate()


def test_the_official_2022_to_2026_days_are_loaded_by_migration() -> None:
    assert Holiday.objects.filter(date__year__range=(2022, 2026)).count() == 73
    assert MakeUpWorkday.objects.filter(date__year__range=(2022, 2026)).count() == 4
    assert not Holiday.objects.filter(
        date__year__range=(2022, 2026), status=CalendarStatus.ESTIMATED
    ).exists()
    assert Holiday.objects.get(date=date(2024, 4, 29)).kind == Holiday.Kind.BRIDGE
    assert Holiday.objects.get(date=date(2022, 5, 2)).status == CalendarStatus.CONFIRMED  # `derived`
    assert CalendarVersion.objects.exists()


def test_only_the_reported_culture_day_needs_review() -> None:
    assert list(Holiday.objects.filter(needs_review=True).values_list("date", "status")) == [
        (date(2026, 11, 24), CalendarStatus.CONFIRMED)
    ]


def test_calendar_seed_fills_a_year_with_estimated_rows_and_vietnamese_output() -> None:
    out = StringIO()
    call_command("calendar_seed", "--year", "2028", stdout=out)
    assert "Đã tạo" in out.getvalue()
    rows = Holiday.objects.filter(date__year=2028)
    assert rows.exists()
    assert set(rows.values_list("status", flat=True)) == {CalendarStatus.ESTIMATED}
    # 01/01/2028 is a Saturday: the package's observed Monday, not a second one.
    assert rows.get(date=date(2028, 1, 3)).kind == Holiday.Kind.COMPENSATORY
    assert rows.get(date=date(2028, 1, 3)).name == "Nghỉ bù Tết Dương lịch"
    assert rows.get(date=date(2028, 1, 26)).name == "Tết Nguyên đán Mậu Thân"
    assert not rows.filter(date=date(2028, 1, 4)).exists()


def test_calendar_seed_refuses_a_year_with_confirmed_rows() -> None:
    with pytest.raises(CommandError, match="chính thức"):
        call_command("calendar_seed", "--year", "2026", stdout=StringIO())
    assert not Holiday.objects.filter(date__year=2026, status=CalendarStatus.ESTIMATED).exists()


def test_seeding_again_recomputes_only_estimated_rows() -> None:
    first = calendar_seed_year(year=2029)
    assert calendar_seed_year(year=2029) == first
    assert (
        Holiday.objects.filter(date__year=2029).count()
        + MakeUpWorkday.objects.filter(date__year=2029).count()
        == first
    )


def test_seeding_a_year_out_of_range_is_refused() -> None:
    with pytest.raises(CommandError, match="2000"):
        call_command("calendar_seed", "--year", "1800", stdout=StringIO())


def test_filling_on_demand_leaves_years_with_rows_alone() -> None:
    HolidayFactory(date=date(2030, 1, 1), estimated=True, name="Tết Dương lịch")
    created = calendar_fill_years(years=[2030, 2031])
    assert list(created) == [2031]
    assert Holiday.objects.filter(date__year=2030).count() == 1


def test_seeding_changes_the_version_stamp() -> None:
    before = CalendarVersion.objects.get().stamp
    calendar_seed_year(year=2032)
    assert CalendarVersion.objects.get().stamp != before


def test_the_lunar_year_names_follow_the_sexagenary_cycle() -> None:
    assert calendar.lunar_year_name(2024) == "Giáp Thìn"
    assert calendar.lunar_year_name(2026) == "Bính Ngọ"
    assert calendar.lunar_year_name(2027) == "Đinh Mùi"


@pytest.fixture
def admin_client(client: Client, settings: Any) -> Client:
    from motcua.accounts.models import User

    settings.OTP_REQUIRED_FOR_ADMINS = False
    user = User.objects.create_superuser(
        username="quantri", password="mat-khau-thu-nghiem", email="qt@example.vn"
    )
    client.force_login(user)
    return client


def test_the_admin_warns_from_october_when_next_year_is_not_confirmed(
    admin_client: Client, time_machine: TimeMachineFixture
) -> None:
    time_machine.move_to("2026-10-01 09:00 +07:00")
    page = admin_client.get("/admin/").content.decode()
    assert "Chưa có lịch nghỉ chính thức năm 2027" in page
    assert "24/11/2026 Ngày Văn hóa Việt Nam" in page


def test_the_admin_does_not_warn_before_october(
    admin_client: Client, time_machine: TimeMachineFixture
) -> None:
    time_machine.move_to("2026-09-30 09:00 +07:00")
    assert "Chưa có lịch nghỉ chính thức" not in admin_client.get("/admin/").content.decode()


def test_the_admin_stops_warning_once_next_year_has_confirmed_rows(
    admin_client: Client, time_machine: TimeMachineFixture
) -> None:
    time_machine.move_to("2026-11-01 09:00 +07:00")
    HolidayFactory(date=date(2027, 1, 1), name="Tết Dương lịch")
    assert "Chưa có lịch nghỉ chính thức" not in admin_client.get("/admin/").content.decode()


def test_a_day_off_added_in_the_admin_changes_due_times_at_once(admin_client: Client) -> None:
    before = CalendarVersion.objects.get().stamp
    response = admin_client.post(
        "/admin/core/holiday/add/",
        {"date": "2026-03-11", "kind": "HOLIDAY", "name": "Nghỉ đột xuất", "status": "CONFIRMED"},
    )
    assert response.status_code == 302
    assert CalendarVersion.objects.get().stamp != before
    assert not calendar.is_working_day(date(2026, 3, 11))


def test_confirming_the_reported_day_in_the_admin_clears_the_review_flag(admin_client: Client) -> None:
    row = Holiday.objects.get(date=date(2026, 11, 24))
    response = admin_client.post(
        "/admin/core/holiday/", {"action": "confirm_rows", "_selected_action": [row.pk]}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.needs_review is False


def test_a_day_off_deleted_in_the_admin_is_a_working_day_again(admin_client: Client) -> None:
    row = HolidayFactory(date=date(2026, 3, 12))
    calendar.invalidate()
    assert not calendar.is_working_day(date(2026, 3, 12))
    response = admin_client.post(f"/admin/core/holiday/{row.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert calendar.is_working_day(date(2026, 3, 12))
