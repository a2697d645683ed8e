"""Report periods at the edge (CONTRACTS §7: bad input is a 422 or a clear error, never a 500): dates
outside the calendar's years, an end before the start, and one length rule for the forms and the API."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import InvalidInput
from motcua.core.periods import MAX_REPORT_DAYS, Period
from motcua.reports.forms import ReportFilterForm

pytestmark = pytest.mark.django_db

FAR = "kind=custom&start=9999-12-30&end=9999-12-31"


def test_far_off_dates_are_a_clear_error_of_the_form() -> None:
    for start, end in (
        ("9999-12-30", "9999-12-31"),
        ("0001-01-01", "0001-01-02"),
        ("1999-12-31", "2000-01-01"),
    ):
        form = ReportFilterForm({"kind": "custom", "start": start, "end": end})
        assert not form.is_valid()
        assert "2000–2099" in str(form.errors)
    assert ReportFilterForm({"kind": "custom", "start": "2099-12-01", "end": "2099-12-31"}).is_valid()
    year = ReportFilterForm({"kind": "year", "year": "2100"})
    assert not year.is_valid()


def test_public_and_back_office_report_pages_do_not_fail_on_far_off_dates() -> None:
    anonymous = Client()
    # Refused with the error beside the form (422), never a 500 nor another period's numbers.
    for url in (f"/thong-ke/?{FAR}", f"/thong-ke/766/?{FAR}", "/thong-ke/?kind=year&year=2100"):
        answer = anonymous.get(url)
        assert answer.status_code == 422, url
        assert "Bộ lọc báo cáo chưa hợp lệ" in answer.content.decode()
    assert "Chọn ngày trong các năm 2000–2099." in anonymous.get(f"/thong-ke/?{FAR}").content.decode()
    supervisor = Client()
    supervisor.force_login(UserFactory(role=Role.SUPERVISOR))
    for url in (f"/quan-tri/bao-cao/?{FAR}", f"/quan-tri/bao-cao/766/?{FAR}"):
        assert supervisor.get(url).status_code == 422, url


def test_one_length_rule_for_the_forms_and_the_api() -> None:
    start = date(2024, 1, 1)
    longest = Period(start, start + timedelta(days=MAX_REPORT_DAYS - 1))
    assert longest.days == MAX_REPORT_DAYS
    assert longest.check_length() == longest
    too_long = Period(start, longest.end + timedelta(days=1))
    with pytest.raises(InvalidInput):
        too_long.check_length()
    for period, valid in ((longest, True), (too_long, False)):
        form = ReportFilterForm({"kind": "custom", "start": period.start, "end": period.end})
        assert form.is_valid() is valid
        query = f"start={period.start}&end={period.end}"
        assert Client().get(f"/api/v1/reports/summary?{query}").status_code == (200 if valid else 422)


def test_the_publication_counts_page_refuses_bad_periods_with_a_clear_error() -> None:
    client = Client()
    client.force_login(UserFactory(role=Role.SUPERVISOR))
    end_before_default = client.get("/quan-tri/cong-khai/thong-ke/?end=2000-01-01")
    assert end_before_default.status_code == 422
    assert "Ngày cuối kỳ phải sau hoặc bằng ngày đầu kỳ." in end_before_default.content.decode()
    too_long = client.get("/quan-tri/cong-khai/thong-ke/?start=2020-01-01&end=2026-01-01")
    assert too_long.status_code == 422 and "tối đa 3 năm" in too_long.content.decode()
    far = client.get("/quan-tri/cong-khai/thong-ke/?start=9999-12-30&end=9999-12-31&xuat=xlsx")
    assert far.status_code == 422 and "2000–2099" in far.content.decode()
    fine = client.get("/quan-tri/cong-khai/thong-ke/?start=2026-01-01&end=2026-01-31")
    assert fine.status_code == 200 and fine.context["period"] == Period(date(2026, 1, 1), date(2026, 1, 31))
