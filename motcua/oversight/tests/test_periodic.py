"""The periodic report to the People's Committee (seed 2.1, 4.5; DOMAIN §9): per desk the checklist
reviews, meetings and inspections of the period, and the handling totals and bands per agency —
checked against a computation written in the test, and read back from the XLSX (openpyxl) and the
PDF (pdftotext) to show the same numbers."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.core import facts, periods
from motcua.core.periods import parse_month
from motcua.dossiers.tests.processing_factories import local, make_cast
from motcua.oversight import exports, selectors, services
from motcua.oversight.models import CHECKLIST, HandlingBand, Violation
from motcua.oversight.periodic import periodic_report
from motcua.oversight.tests.factories import early_dossier, late_dossier

pytestmark = pytest.mark.django_db
MARCH = parse_month("2026-03")  # 15/02 → 14/03/2026
AS_OF = date(2026, 3, 20)
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
NOT_MET = {"wifi": ("Wi-Fi chập chờn", "Thay bộ phát"), "queue": ("Máy xếp hàng hỏng", "Đã sửa")}


@pytest.fixture(autouse=True)
def no_facts(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(facts, "_SOURCES", {})


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    """March at the cast's desk: a review (two conditions not met), a meeting, an inspection with a
    violation and three follow-ups (done, overdue, open), two dossiers finished; a review in
    February (outside the period) and one at the other agency (outside its subtree)."""
    cast = make_cast()
    type(cast.version).objects.filter(pk=cast.version.pk).update(published_at=local(2026, 2, 1, 8, 0))
    items = {
        key: {"ok": key not in NOT_MET, "finding": NOT_MET.get(key, ("", ""))[0], "fix": NOT_MET.get(key, ("", ""))[1]}
        for key in CHECKLIST
    }  # fmt: skip
    services.desk_review_record(
        by=cast.supervisor, desk=cast.agency, reviewed_on=date(2026, 3, 2), items=items
    )
    services.desk_review_record(by=cast.supervisor, desk=cast.agency, reviewed_on=date(2026, 2, 10), items={})
    services.desk_review_record(by=cast.supervisor, desk=cast.other, reviewed_on=date(2026, 3, 3), items={})
    services.desk_meeting_record(
        by=cast.supervisor, desk=cast.agency, held_on=date(2026, 3, 5), attendees=[cast.desk, cast.leader],
        topics="Rà soát hồ sơ trễ hạn", decisions="Nhắc lịch hẹn mỗi sáng",
    )  # fmt: skip
    inspection = services.inspection_record(
        by=cast.inspector, agency=cast.agency, inspected_on=date(2026, 3, 6), findings="Một cán bộ đến muộn"
    )
    services.violation_add(
        inspection=inspection, by=cast.inspector, officer=cast.desk, kind=Violation.Kind.PUNCTUALITY,
        description="Có mặt lúc 07:45",
    )  # fmt: skip
    done = services.follow_up_add(
        inspection=inspection, by=cast.inspector, action="Chấn chỉnh giờ giấc", agency=cast.agency,
        deadline=date(2026, 3, 10),
    )  # fmt: skip
    services.follow_up_done(follow_up=done, by=cast.inspector, done_on=date(2026, 3, 9))
    services.follow_up_add(
        inspection=inspection, by=cast.inspector, action="Bổ sung ghế chờ", agency=cast.agency,
        deadline=date(2026, 3, 15),
    )  # fmt: skip
    services.follow_up_add(
        inspection=inspection, by=cast.inspector, action="Thay bộ phát Wi-Fi", agency=cast.agency,
        deadline=date(2026, 4, 15),
    )  # fmt: skip
    early, late = early_dossier(cast), late_dossier(cast)
    return cast, [early, late]


def _handling(dossiers):  # type: ignore[no-untyped-def]
    """Written out: the dossiers' totals, their average and its band, the count per band."""
    totals = [selectors.handling_scores([d])[0].total for d in dossiers]
    average = (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.1"))
    bands = list(HandlingBand.objects.order_by("-min_points"))

    def band(total: Decimal) -> str:
        return next(b.label for b in bands if total >= b.min_points)

    per_band: dict[str, int] = {}
    for t in totals:
        per_band[band(t)] = per_band.get(band(t), 0) + 1
    return average, band(average), per_band


def test_the_report_puts_each_desks_period_together(world) -> None:  # type: ignore[no-untyped-def]
    cast, dossiers = world
    report = periodic_report(MARCH, today=AS_OF)
    by_desk = {s.desk: s for s in report.desks}
    assert set(by_desk) == {cast.agency, cast.other}
    desk = by_desk[cast.agency]
    (review,) = desk.reviews  # February's review is outside the period
    assert (review.met, review.not_met) == (len(CHECKLIST) - len(NOT_MET), len(NOT_MET))
    assert {(i.label, i.finding, i.fix) for i in review.items if not i.ok} == {
        (str(CHECKLIST[k]), finding, fix) for k, (finding, fix) in NOT_MET.items()
    }
    (meeting,) = desk.meetings
    assert meeting.held_on == date(2026, 3, 5) and meeting.decisions == "Nhắc lịch hẹn mỗi sáng"
    assert meeting.attendees == sorted([cast.desk.full_name, cast.leader.full_name])
    (inspection,) = desk.inspections
    assert [(v.kind, v.description) for v in inspection.violations] == [
        (str(Violation.Kind.PUNCTUALITY.label), "Có mặt lúc 07:45")
    ]
    # On 20/03: done; deadline 15/03 passed undone → overdue; deadline 15/04 → open.
    assert [(f.action, f.status) for f in inspection.follow_ups] == [
        ("Chấn chỉnh giờ giấc", "done"), ("Bổ sung ghế chờ", "overdue"), ("Thay bộ phát Wi-Fi", "open"),
    ]  # fmt: skip
    assert by_desk[cast.other].reviews[0].not_met == len(CHECKLIST)  # an empty review: nothing met
    average, band, per_band = _handling(dossiers)
    (row,) = report.handling
    assert (row.agency, row.dossiers, row.average, row.band.label, row.per_band) == (
        cast.agency, 2, average, band, per_band,
    )  # fmt: skip


def test_an_agency_report_keeps_to_its_subtree_and_any_period_works(world) -> None:  # type: ignore[no-untyped-def]
    cast, _dossiers = world
    report = periodic_report(MARCH, agency=cast.agency, today=AS_OF)
    assert [s.desk for s in report.desks] == [cast.agency]
    assert report.title == cast.agency.name
    quarter = periodic_report(periods.quarter(2026, 1), agency=cast.agency, today=AS_OF)  # 15/12 → 14/03
    assert len(quarter.desks[0].reviews) == 2  # February's review too
    assert periodic_report(parse_month("2026-04"), agency=cast.agency, today=AS_OF).desks == []


def _pdf_text(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        args = [PDFTOTEXT, "-layout", handle.name, "-"]
        return subprocess.run(args, capture_output=True, check=True, text=True).stdout  # noqa: S603


def test_the_xlsx_and_the_pdf_carry_the_same_numbers(world) -> None:  # type: ignore[no-untyped-def]
    cast, dossiers = world
    report = periodic_report(MARCH, today=AS_OF)
    book = load_workbook(io.BytesIO(exports.report_xlsx(report)))
    summary = list(book["Tổng hợp"].iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(summary) if r[0] == "Bộ phận một cửa")
    rows = {r[0]: r[1:] for r in summary[header_at + 1 :]}
    # reviews, met, not met, meetings, inspections, violations, follow-ups, overdue
    assert rows[cast.agency.name] == (1, len(CHECKLIST) - 2, 2, 1, 1, 1, 3, 1)
    assert rows[cast.other.name] == (1, 0, len(CHECKLIST), 0, 0, 0, 0, 0)
    follow_ups = [r for r in book["Việc khắc phục"].iter_rows(values_only=True) if r[2] == "Bổ sung ghế chờ"]
    assert follow_ups[0][-1] == "Quá hạn"
    reviews = list(book["Điều kiện một cửa"].iter_rows(values_only=True))
    assert sum(1 for r in reviews if r[4] == "Chưa đạt" and r[0] == cast.agency.name) == 2
    handling = list(book["Đánh giá giải quyết TTHC"].iter_rows(values_only=True))
    average, band, _per_band = _handling(dossiers)
    (row,) = [r for r in handling if r[0] == cast.agency.name]
    assert (row[1], Decimal(str(row[2])), row[3]) == (2, average, band)
    text = _pdf_text(exports.report_pdf(report))
    assert "BÁO CÁO ĐỊNH KỲ" in text.upper()
    assert cast.agency.name in text and "Wi-Fi chập chờn" in text and "Quá hạn" in text
    line = next(
        line for line in text.splitlines() if line.strip().startswith(cast.agency.name) and band in line
    )
    assert str(average).replace(".", ",") in line or str(average) in line
    summary_line = next(
        line for line in text.splitlines() if line.strip().startswith(cast.agency.name) and band not in line
    )
    assert summary_line.split()[-8:] == [str(v) for v in rows[cast.agency.name]]


def test_who_reads_the_report_page(world) -> None:  # type: ignore[no-untyped-def]
    cast, _dossiers = world
    url = "/quan-tri/giam-sat/bao-cao-dinh-ky/?kind=month&year=2026&number=3"
    for user in (cast.supervisor, cast.inspector, UserFactory(role=Role.LOCALITY_LEADER)):
        client = Client()
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200, user
        body = page.content.decode()
        assert cast.agency.name in body and cast.other.name in body
        assert cast.desk.full_name not in body.split("Vi phạm")[-1].split("Việc khắc phục")[0]
    leader = Client()
    leader.force_login(cast.leader)
    own = leader.get(url)
    assert own.status_code == 200 and "Máy xếp hàng hỏng" in own.content.decode()
    assert cast.other.name not in own.content.decode().split("<h1>")[1]  # only their subtree
    assert leader.get(url + f"&agency={cast.other.code}").status_code == 404
    for role in (Role.DESK_OFFICER, Role.SPECIALIST, Role.EDITOR, Role.KIOSK):
        client = Client()
        client.force_login(UserFactory(role=role, agency=cast.agency))
        assert client.get(url).status_code == 403, role
    supervisor = Client()
    supervisor.force_login(cast.supervisor)
    download = supervisor.get(url + "&xuat=xlsx")
    assert download.status_code == 200 and download["Content-Disposition"].endswith('.xlsx"')
    assert load_workbook(io.BytesIO(download.content))["Tổng hợp"].max_row >= 5
