"""Demo data of oversight: late dossiers finished this reporting month (one already explained), the
month's staff evaluations (the previous month assessed), a roster for this week and next, an
inspection with a violation and a follow-up, a desk review, a desk meeting and a written reminder —
and, last month, a ward desk's review and an inspection whose follow-up was done (the periodic
report over a quarter or a year shows both months).

Runs after the dossiers demo (INSTALLED_APPS order); does nothing if oversight data exists, so
`seed_demo` stays idempotent. Every dossier is made through the real services, at instants in the
past, so the supervisor, the leaders, the desk officers and the inspector each have their part."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.catalog.models import ProcedureVersion, TimeUnit
from motcua.core import calendar
from motcua.core.periods import month_containing
from motcua.dossiers import processing
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.selectors import procedures_received_at
from motcua.dossiers.services import Applicant, DocumentIn, Outcome, dossier_intake
from motcua.oversight import services
from motcua.oversight.models import (
    CHECKLIST,
    DeskDuty,
    DeskMeeting,
    DeskReview,
    EvaluationGrade,
    Explanation,
    FollowUp,
    Inspection,
    StaffEvaluation,
    Violation,
)

DESK = "tiepnhan"
LATE_DOSSIERS = 3


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).select_related("agency").first()


def _one(role: Role, agency_id: int) -> User | None:
    return (
        User.objects.filter(agency_id=agency_id, groups__name=GROUP_NAMES[role], is_active=True)
        .order_by("username")
        .first()
    )


def _working_days_back(today: date, days: int) -> date:
    day = today
    while calendar.working_days(day, today) < days:
        day -= timedelta(days=1)
    return day


def _late_dossier(desk: User, version: ProcedureVersion, finished: datetime, n: int) -> Dossier | None:
    """A dossier received long enough before `finished` that it finishes late, carried through every
    step by the demo account whose turn it is."""
    days = version.limit_value + 3 if version.limit_unit == TimeUnit.WORKING_DAYS else 8
    day = _working_days_back(timezone.localtime(finished).date(), days)
    received = datetime.combine(day, time(8, 15 + n), tzinfo=calendar.local_tz())
    documents = [DocumentIn(d.pk, max(d.originals, 1), d.copies) for d in version.documents.all()]
    applicant = Applicant(
        kind="PERSON", name=["Trần Văn Minh", "Lê Thị Hồng", "Phạm Quốc Bảo"][n % 3], id_number=f"05619000{n:04d}",
        phone=f"09051000{n:02d}", email="", province="Khánh Hòa", commune="Phường Cam Lộc", street="5 Lê Duẩn",
    )  # fmt: skip
    dossier = dossier_intake(
        officer=desk, procedure_version=version, applicant=applicant, documents=documents, channel="DESK",
        return_method="DESK", outcome=Outcome.RECEIVE, now=received,
    ).dossier  # fmt: skip
    gap = (finished - received) / 12
    at = received
    for _ in range(30):
        dossier.refresh_from_db()
        step = processing.current_step(dossier)
        if (dossier.state != State.RECEIVED and dossier.state != State.IN_PROGRESS) or step is None:
            return None
        plan = processing.process_plan(version)
        last = [p.order for p in plan].index(step.order) == len(plan) - 1
        at = min(at + gap, finished - timedelta(minutes=30))
        if dossier.state == State.RECEIVED and not last:
            processing.dossier_forward(dossier=dossier, officer=desk, at=at)
            continue
        if step.assignee is None:
            leader, specialist = _one(Role.LEADER, step.agency_id), _one(Role.SPECIALIST, step.agency_id)
            if leader is None or specialist is None:
                return None
            processing.dossier_assign(dossier=dossier, officer=leader, assignee=specialist, at=at)
            continue
        if last:
            processing.dossier_mark_ready(dossier=dossier, officer=step.assignee, at=finished)
            processing.dossier_return_result(
                dossier=dossier,
                officer=desk,
                method="DESK",
                received_by=applicant.name,
                at=finished + timedelta(minutes=10),
            )
            dossier.refresh_from_db()
            return dossier
        processing.dossier_forward(dossier=dossier, officer=step.assignee, at=at)
    return None


@transaction.atomic
def seed() -> None:
    if Explanation.objects.exists() or StaffEvaluation.objects.exists() or DeskDuty.objects.exists():
        return
    desk, supervisor, inspector = _user(DESK), _user("giamsat"), _user("thanhtra")
    if desk is None or desk.agency is None or supervisor is None or inspector is None:
        return
    now = timezone.now()
    today = timezone.localdate(now)
    period = month_containing(today)
    # Late dossiers finished this reporting month: yesterday's afternoon, or this morning on the 15th.
    finished = max(
        now - timedelta(days=1), datetime.combine(period.start, time(9, 0), tzinfo=calendar.local_tz())
    )
    finished = min(finished, now - timedelta(minutes=20))
    versions = [
        v
        for v in ProcedureVersion.objects.in_force(at=today)
        .filter(procedure__in=procedures_received_at(desk.agency))
        .order_by("limit_value", "procedure__code")
        .prefetch_related("documents")
        if "DESK" in v.channels and len(processing.process_plan(v)) > 1
    ]
    late = []
    for n, version in enumerate(versions):
        if len(late) == LATE_DOSSIERS:
            break
        dossier = _late_dossier(desk, version, finished - timedelta(minutes=40 * n), n)
        if dossier is not None and dossier.classification == "LATE":
            late.append(dossier)
    if late:
        # One late dossier of the month already explained; the supervisor asks for the others.
        first = late[0]
        at_fault = processing.agency_at_fault(first, at=now) or first.receiving_agency_id
        explanation = Explanation.objects.create(
            dossier=first, agency_id=at_fault, period_start=period.start, period_end=period.end,
            requested_by=supervisor, requested_at=now - timedelta(minutes=15),
            due_at=calendar.due_at(now, calendar.Limit(5)).due_at,
        )  # fmt: skip
        leader = _one(Role.LEADER, at_fault)
        if leader is not None:
            services.explanation_submit(
                explanation=explanation, officer=leader, at=now - timedelta(minutes=5),
                reason="Hồ sơ phải xác minh thực địa, cán bộ thụ lý nghỉ phép đột xuất.",
                remedy="Phân công cán bộ thay thế khi nghỉ phép; theo dõi hạn xử lý hằng ngày.",
            )  # fmt: skip
    # The roster: this week and next, each working day, both sessions.
    desks = [(desk, "1")]
    if (second := _user("tiepnhan.motcua")) is not None:
        desks.append((second, "2"))
    if (ward := _user("tiepnhan.camlinh")) is not None:
        desks.append((ward, "1"))
    monday = today - timedelta(days=today.weekday())
    for offset in range(14):
        day = monday + timedelta(days=offset)
        if not calendar.is_working_day(day):
            continue
        for officer, counter in desks:
            assert officer.agency is not None
            for start, end in ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0))):
                DeskDuty.objects.create(
                    officer=officer, desk=officer.agency, counter=counter,
                    starts_at=datetime.combine(day, start, tzinfo=calendar.local_tz()),
                    ends_at=datetime.combine(day, end, tzinfo=calendar.local_tz()),
                )  # fmt: skip
    # Inspections, a desk review and meeting, a written reminder.
    inspection = Inspection.objects.create(
        inspected_on=today, agency=desk.agency, recorded_by=inspector, recorded_at=now,
        findings="Kiểm tra đột xuất bộ phận một cửa: một cán bộ đến muộn 15 phút; niêm yết thủ tục đầy đủ.",
    )  # fmt: skip
    inspection.inspectors.set([inspector])
    Violation.objects.create(
        inspection=inspection,
        officer=desk,
        kind=Violation.Kind.PUNCTUALITY,
        description="Có mặt tại quầy lúc 07:45.",
    )
    FollowUp.objects.create(
        inspection=inspection, agency=desk.agency, action="Chấn chỉnh giờ giấc làm việc tại bộ phận một cửa.",
        deadline=today + timedelta(days=15),
    )  # fmt: skip
    items = {key: {"ok": key != "wifi", "finding": "", "fix": ""} for key in CHECKLIST}
    items["wifi"] = {"ok": False, "finding": "Wi-Fi chập chờn", "fix": "Đã đề nghị thay bộ phát"}
    DeskReview.objects.create(desk=desk.agency, reviewed_on=today, reviewed_by=supervisor, items=items)
    meeting = DeskMeeting.objects.create(
        desk=desk.agency, held_on=today, recorded_by=supervisor, topics="Rà soát hồ sơ trễ hạn tháng trước.",
        decisions="Nhắc lịch hẹn trả cho từng hồ sơ mỗi sáng.",
    )  # fmt: skip
    meeting.attendees.set([u for u, _c in desks])
    # Last reporting month (the periodic report's quarter or year shows it): a ward desk's review,
    # and a follow-up of an earlier inspection done in time.
    earlier = month_containing(period.start - timedelta(days=1)).start + timedelta(days=3)
    if ward is not None and ward.agency is not None:
        ward_items = {key: {"ok": True, "finding": "", "fix": ""} for key in CHECKLIST}
        ward_items["accessibility"] = {
            "ok": False, "finding": "Chưa có lối đi cho xe lăn", "fix": "Đề nghị xây dốc trong quý tới",
        }  # fmt: skip
        DeskReview.objects.create(
            desk=ward.agency, reviewed_on=earlier, reviewed_by=supervisor, items=ward_items
        )
    past = Inspection.objects.create(
        inspected_on=earlier, agency=desk.agency, recorded_by=inspector, recorded_at=now,
        findings="Kiểm tra định kỳ: niêm yết thủ tục chưa cập nhật bản mới.",
    )  # fmt: skip
    past.inspectors.set([inspector])
    FollowUp.objects.create(
        inspection=past, agency=desk.agency, action="Cập nhật niêm yết thủ tục theo quyết định công bố mới.",
        deadline=earlier + timedelta(days=7), done_on=earlier + timedelta(days=5),
    )  # fmt: skip
    services.reminder_issue(officer=desk, text="Đề nghị có mặt tại quầy trước 07:30.", by=supervisor, at=now)
    # Staff evaluations: last month assessed (the officer may reply), this month's figures so far.
    previous = month_containing(period.start - timedelta(days=1))
    for evaluation in services.staff_evaluations_fill(period=previous):
        if evaluation.officer_id == desk.pk:
            services.staff_evaluation_assess(
                evaluation=evaluation, officer=supervisor, grade=EvaluationGrade.objects.get(code="TOT"),
                assessment="Tiếp nhận đúng quy trình, hướng dẫn người dân đầy đủ; cần đúng giờ hơn.",
            )  # fmt: skip
    services.staff_evaluations_fill(period=period)
