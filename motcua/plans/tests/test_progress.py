"""Agencies' progress reports, who has not reported, reminders, and the indicators tasks follow."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.core import indicators
from motcua.core.exceptions import Conflict, InvalidInput
from motcua.core.indicators import Measure, Unit, indicator_all
from motcua.core.periods import Period
from motcua.notifications.models import Message
from motcua.plans.demo import SEED_LINKS
from motcua.plans.models import PlanTask, ProgressStatus, ReformPlan, ReportingRound, TaskReport
from motcua.plans.selectors import missing_reports, plan_progress, plans_visible_to, task_indicator
from motcua.plans.services import (
    ReportInput,
    plan_indicators_link,
    plan_reminders_send,
    task_indicator_link,
    task_report_submit,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TNMT = "000.04.31.H34"
# The tasks the Natural Resources office leads, read from the document: 1.3 by name; 1.1, 1.5, 3.1,
# 4.2, 6.1 as one of "các cơ quan, đơn vị"; 3.3, 4.1, 5.1 as one of "các cơ quan chuyên môn".
TNMT_LEADS = ["1.1", "1.3", "1.5", "3.1", "3.3", "4.1", "4.2", "5.1", "6.1"]


def _q1(plan: ReformPlan) -> ReportingRound:
    return plan.rounds.get(label="Quý I/2022")


def _task(plan: ReformPlan, number: str) -> PlanTask:
    return plan.tasks.get(number=number)


def _at(*args: int) -> datetime:
    return datetime(*args, tzinfo=TZ)


def test_an_agency_reports_on_its_task_with_evidence_and_may_correct_it(seed_import) -> None:
    plan, leader = seed_import.plan, User.objects.get(username="lanhdao.tnmt")
    report = task_report_submit(
        user=leader,
        task=_task(plan, "1.3"),
        round=_q1(plan),
        data=ReportInput(
            ProgressStatus.IN_PROGRESS, "Đã công khai quy hoạch sử dụng đất 2022 tại 15 xã, phường."
        ),
        files=[SimpleUploadedFile("bien-ban niem yet.pdf", PDF)],
        now=_at(2022, 3, 8, 9),
    )
    assert report.agency.code == TNMT and report.files.get().original_name == "bien-ban niem yet.pdf"
    stored = report.files.get().file.name
    assert stored.startswith("plans/minh-chung/") and stored.endswith(".pdf") and "niem" not in stored
    again = task_report_submit(
        user=leader,
        task=_task(plan, "1.3"),
        round=_q1(plan),
        data=ReportInput(ProgressStatus.DONE, "Đã công khai đầy đủ."),
        now=_at(2022, 3, 9, 9),
    )
    assert again.pk == report.pk and TaskReport.objects.count() == 1
    assert again.status == ProgressStatus.DONE and again.files.count() == 1


def test_a_report_on_time_corrected_after_the_due_date_stays_on_time_and_keeps_its_first_text(
    seed_import,
) -> None:
    plan, q1 = seed_import.plan, _q1(seed_import.plan)  # due 10/03/2022
    leader = User.objects.get(username="lanhdao.tnmt")
    first = "Đã công khai quy hoạch sử dụng đất tại 10 xã, phường."
    task_report_submit(
        user=leader,
        task=_task(plan, "1.3"),
        round=q1,
        data=ReportInput(ProgressStatus.IN_PROGRESS, first, "Thiếu bảng niêm yết."),
        now=_at(2022, 3, 8, 9),
    )
    corrector = UserFactory(agency=leader.agency, role=Role.LEADER)  # another leader of the office
    task_report_submit(
        user=corrector,
        task=_task(plan, "1.3"),
        round=q1,
        data=ReportInput(ProgressStatus.DONE, "Đã công khai tại 15 xã, phường."),
        now=_at(2022, 3, 20, 15),
    )
    report = TaskReport.objects.get()
    assert report.submitted_at == _at(2022, 3, 8, 9) and report.submitted_by == leader
    assert report.corrected_at == _at(2022, 3, 20, 15) and report.corrected_by == corrector
    assert not report.late
    assert report.content == "Đã công khai tại 15 xã, phường." and report.status == ProgressStatus.DONE
    (previous,) = report.revisions.all()
    assert (previous.status, previous.content, previous.difficulties) == (
        ProgressStatus.IN_PROGRESS,
        first,
        "Thiếu bảng niêm yết.",
    )
    assert (previous.written_by, previous.written_at) == (leader, _at(2022, 3, 8, 9))
    _groups, agencies = plan_progress(plan, q1)
    row = next(a for a in agencies if a.agency == leader.agency)
    assert (row.reported, row.done, row.late) == (1, 1, 0)


def test_refusals_in_the_order_of_contracts(seed_import) -> None:
    plan, q1 = seed_import.plan, _q1(seed_import.plan)
    leader = User.objects.get(username="lanhdao.tnmt")
    good = ReportInput(ProgressStatus.DONE, "Xong.")
    with pytest.raises(PermissionDenied):  # 4.5: the People's Committee office and the one-stop unit only
        task_report_submit(user=leader, task=_task(plan, "4.5"), round=q1, data=good, now=_at(2022, 3, 1))
    with pytest.raises(PermissionDenied):  # a desk officer does not report on the plan
        task_report_submit(
            user=User.objects.get(username="tiepnhan"),
            task=_task(plan, "4.5"),
            round=q1,
            data=good,
            now=_at(2022, 3, 1),
        )
    q4 = plan.rounds.get(label="Quý IV/2022")
    with pytest.raises(Conflict):
        task_report_submit(user=leader, task=_task(plan, "1.3"), round=q4, data=good, now=_at(2022, 3, 1))
    with pytest.raises(InvalidInput) as refused:
        task_report_submit(
            user=leader,
            task=_task(plan, "1.3"),
            round=q1,
            data=ReportInput(ProgressStatus.DONE, "  "),
            files=[SimpleUploadedFile("a.pdf", b"not a pdf at all")],
            now=_at(2022, 3, 1),
        )
    assert {e.field for e in refused.value.errors} == {"content", "evidence"}
    assert TaskReport.objects.count() == 0


def test_the_follow_up_agency_sees_who_has_not_reported(seed_import) -> None:
    plan, q1 = seed_import.plan, _q1(seed_import.plan)
    tnmt = Agency.objects.get(code=TNMT)
    rows = {r.agency.code: r.tasks for r in missing_reports(plan, q1)}
    assert rows[TNMT] == TNMT_LEADS
    assert rows["000.51.31.H34"] == ["4.1", "5.2"]  # UBND phường Ba Ngòi: one of "UBND các xã, phường"
    task_report_submit(
        user=User.objects.get(username="lanhdao.tnmt"),
        task=_task(plan, "1.3"),
        round=q1,
        data=ReportInput(ProgressStatus.DONE, "Đã công khai."),
        now=_at(2022, 3, 11, 8),  # a day late
    )
    rows = {r.agency.code: r.tasks for r in missing_reports(plan, q1)}
    assert rows[TNMT] == [n for n in TNMT_LEADS if n != "1.3"]
    groups, agencies = plan_progress(plan, q1)
    task13 = next(t for t in groups[0].tasks if t.task.number == "1.3")
    assert task13.status == ProgressStatus.DONE and task13.reports[0].late
    row = next(a for a in agencies if a.agency == tnmt)
    assert (row.expected, row.reported, row.done, row.late) == (len(TNMT_LEADS), 1, 1, 1)


def test_reminders_before_the_due_date_and_once_overdue_never_twice(seed_import) -> None:
    plan = seed_import.plan
    task_report_submit(
        user=User.objects.get(username="lanhdao.tnmt"),
        task=_task(plan, "1.3"),
        round=_q1(plan),
        data=ReportInput(ProgressStatus.DONE, "Đã công khai."),
        now=_at(2022, 3, 4, 8),
    )
    assert plan_reminders_send(today=date(2022, 3, 4)) == 0  # 6 days before: too early
    queued = plan_reminders_send(today=date(2022, 3, 5))  # PLAN_REMINDER_DAYS = 5
    to_tnmt = Message.objects.get(recipient="lanhdao.tnmt@camranh.example.vn", template_key="plan_report_due")
    assert "Quý I/2022" in to_tnmt.subject and "10/03/2022" in to_tnmt.body
    assert "1.1, 1.5, 3.1, 3.3, 4.1, 4.2, 5.1, 6.1." in to_tnmt.body  # 1.3 is reported
    to_ward = Message.objects.get(recipient="lanhdao.bangoi@camranh.example.vn")
    assert "nhiệm vụ: 4.1, 5.2." in to_ward.body
    assert queued == Message.objects.count() > 20
    assert plan_reminders_send(today=date(2022, 3, 8)) == 0  # already reminded
    assert plan_reminders_send(today=date(2022, 3, 11)) == queued  # overdue, once
    assert Message.objects.filter(template_key="plan_report_overdue").count() == queued
    assert plan_reminders_send(today=date(2022, 3, 12)) == 0


def test_seed_links_follow_only_registered_indicators(seed_import) -> None:
    plan = seed_import.plan
    linked, skipped = plan_indicators_link(plan, SEED_LINKS)
    registered = {i.key for i in indicator_all()}
    assert "5.1:on_time_rate" in linked  # registered by dossiers
    for entry in linked + skipped:
        number, key = entry.split(":")
        assert (entry in linked) == (key in registered)
        assert _task(plan, number).indicator_key == (key if key in registered else "")
    assert len(linked) + len(skipped) == len(SEED_LINKS) == 5
    assert plan_indicators_link(plan, SEED_LINKS) == (linked, skipped)  # again: nothing new
    with pytest.raises(InvalidInput):
        task_indicator_link(task=_task(plan, "4.6"), key="khong_co_chi_so")


def test_a_linked_task_shows_the_live_value_against_its_target_or_na(seed_import, monkeypatch) -> None:
    monkeypatch.setattr(indicators, "_REGISTRY", dict(indicators._REGISTRY))
    monkeypatch.setattr(indicators, "_COMPUTE", dict(indicators._COMPUTE))
    indicators.indicator_register("plans_test_rate", label="Tỷ lệ thử", unit=Unit.PERCENT, owner="plans")
    seen = []

    def compute(period, agency):
        seen.append((period.start, period.end, agency))
        return Measure.ratio(47, 50)

    indicators.indicator_compute_register("plans_test_rate", compute)
    plan, q1 = seed_import.plan, _q1(seed_import.plan)
    task = task_indicator_link(task=_task(plan, "5.1"), key="plans_test_rate", target=Decimal("95"))
    groups, _agencies = plan_progress(plan, q1)
    shown = next(t for t in groups[4].tasks if t.task.number == "5.1").indicator
    assert shown is not None and shown.measure.value == Decimal("94.00") and shown.met is False
    assert seen == [(date(2021, 12, 15), date(2022, 3, 14), None)]
    task_indicator_link(task=task, key="on_time_rate", target=Decimal("95"))
    value = task_indicator(task, q1_period(q1))
    assert value is not None and value.label == "Tỷ lệ giải quyết đúng hạn"
    if not indicators.indicator_computable("on_time_rate"):
        assert value.measure.value is None and value.met is None  # N/A until reports computes it


def q1_period(q1: ReportingRound) -> Period:
    return Period(q1.period_start, q1.period_end)


def test_plans_are_visible_to_the_agencies_involved(seed_import) -> None:
    plan = seed_import.plan
    for username in ("lanhdao.tnmt", "chutich", "thanhtra", "lanhdao.bangoi"):
        assert plan in plans_visible_to(User.objects.get(username=username)), username
    stranger = Agency.objects.create(code="999.00.00.X99", name="Sở khác", kind=Agency.Kind.OTHER)
    outsider = User.objects.create(username="ngoai", agency=stranger)
    assert list(plans_visible_to(outsider)) == []  # no role
