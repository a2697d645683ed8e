"""Use cases of reform plans: the reporting calendar, an agency's task report, indicator links and
the reminders of reports due (DOMAIN §10)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.core import periods, uploads
from motcua.core.exceptions import Conflict, FieldError, InvalidInput
from motcua.core.indicators import indicator_all, validate_indicator_key
from motcua.notifications.services import message_queue
from motcua.plans.models import (
    Frequency,
    PlanTask,
    ProgressStatus,
    ReformPlan,
    ReminderSent,
    ReportingRound,
    TaskReport,
    TaskReportFile,
    TaskReportRevision,
)
from motcua.plans.selectors import agencies_reporting_for, expected_reports, reported_pairs

ROMAN = ["I", "II", "III", "IV"]
# Evidence: a scan, a photo, or an office document (a decision, a report).
EVIDENCE_FORMATS = (*uploads.SCANS, uploads.DOC, uploads.DOCX, uploads.ODT, uploads.XLSX)
EVIDENCE_MAX_FILES = 5
REPORTING_ROLES = frozenset(
    {Role.LEADER, Role.SPECIALIST, Role.SUPERVISOR, Role.INSPECTOR, Role.EDITOR, Role.ADMIN}
)


def _rounds_wanted(plan: ReformPlan) -> list[tuple[str, periods.Period, date]]:
    year, day = plan.year, plan.report_due_day

    def due(month: int) -> date:
        return date(year, month, min(day, 28))

    if plan.report_frequency == Frequency.MONTHLY:
        return [(f"Tháng {m}/{year}", periods.month(year, m), due(m)) for m in range(1, 13)]
    if plan.report_frequency == Frequency.HALF:
        return [
            (f"6 tháng đầu năm {year}", periods.half(year), due(6)),
            (f"Năm {year}", periods.year_period(year), due(12)),
        ]
    if plan.report_frequency == Frequency.YEARLY:
        return [(f"Năm {year}", periods.year_period(year), due(12))]
    return [(f"Quý {ROMAN[q - 1]}/{year}", periods.quarter(year, q), due(q * 3)) for q in range(1, 5)]


def plan_rounds_ensure(plan: ReformPlan) -> list[ReportingRound]:
    """The plan's reporting calendar from its frequency and due day (reporting periods of
    `core.periods`, so they follow `REPORT_PERIOD`). Rounds that exist are left as staff edited them."""
    rounds = []
    for label, period, due_on in _rounds_wanted(plan):
        row, _made = ReportingRound.objects.get_or_create(
            plan=plan,
            label=label,
            defaults={"period_start": period.start, "period_end": period.end, "due_on": due_on},
        )
        rounds.append(row)
    return rounds


# --- reports ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportInput:
    status: str
    content: str
    difficulties: str = ""


def task_report_submit(
    *,
    user: User,
    task: PlanTask,
    round: ReportingRound,
    data: ReportInput,
    files: Iterable[Any] = (),
    now: Any = None,
) -> TaskReport:
    """Record (or correct) the user's agency's report on a task for a round, with evidence.

    Refusals: the user's agency has no part in the task, or the user's role does not report → 403;
    the round has not started yet → 409; empty text, a bad status or a refused file → 422."""
    now = now or timezone.now()
    agency = user.agency
    if agency is None or not user.roles & REPORTING_ROLES or agency.pk not in agencies_reporting_for(task):
        raise PermissionDenied
    if round.plan_id != task.plan_id:
        raise InvalidInput(_("Kỳ báo cáo không thuộc kế hoạch này."))
    if timezone.localdate(now) < round.period_start:
        raise Conflict(_("Kỳ báo cáo %(label)s chưa bắt đầu.") % {"label": round.label})
    errors = []
    if data.status not in ProgressStatus.values:
        errors.append(FieldError("status", _("Chọn tình trạng thực hiện.")))
    if not data.content.strip():
        errors.append(FieldError("content", _("Nêu kết quả thực hiện trong kỳ.")))
    files = list(files)
    if len(files) > EVIDENCE_MAX_FILES:
        errors.append(
            FieldError("evidence", _("Tối đa %(n)s tệp minh chứng mỗi lần.") % {"n": EVIDENCE_MAX_FILES})
        )
    formats = []
    for file in files:
        try:
            formats.append(uploads.check(file, max_bytes=uploads.scan_max_bytes(), formats=EVIDENCE_FORMATS))
        except uploads.UploadRefused as refused:
            errors.append(FieldError("evidence", refused.naming(getattr(file, "name", ""))))
    if errors:
        raise InvalidInput(errors[0].message, errors)
    text = {"status": data.status, "content": data.content.strip(), "difficulties": data.difficulties.strip()}
    with transaction.atomic():
        report, made = TaskReport.objects.get_or_create(
            task=task,
            round=round,
            agency=agency,
            defaults={"submitted_by": user, "submitted_at": now, **text},
        )
        if not made:
            # A correction: the first submission's time stands (on time stays on time); the text it
            # replaces is kept.
            report = TaskReport.objects.select_for_update().get(pk=report.pk)
            if any(getattr(report, name) != value for name, value in text.items()):
                TaskReportRevision.objects.create(
                    report=report,
                    status=report.status,
                    content=report.content,
                    difficulties=report.difficulties,
                    written_by_id=report.corrected_by_id or report.submitted_by_id,
                    written_at=report.corrected_at or report.submitted_at,
                )
            for name, value in text.items():
                setattr(report, name, value)
            report.corrected_by, report.corrected_at = user, now
            report.save()
        for file, fmt in zip(files, formats, strict=True):
            TaskReportFile.objects.create(
                report=report,
                file=uploads.stored(file, fmt.extension, prefix=f"kh{task.plan_id}-{task.number}"),
                original_name=(getattr(file, "name", "") or fmt.extension).rsplit("/", 1)[-1][:255],
                content_type=fmt.content_type,
                size=uploads.size_of(file),
            )
    return report


# --- indicators ---------------------------------------------------------------------------------------


def task_indicator_link(*, task: PlanTask, key: str, target: Decimal | None = None) -> PlanTask:
    """Make a task follow an indicator (an empty key unlinks it); the key must be registered."""
    key = key.strip()
    if key:
        try:
            validate_indicator_key(key)
        except ValidationError as exc:
            raise InvalidInput(exc.messages[0], [FieldError("indicator_key", exc.messages[0])]) from None
    task.indicator_key = key
    task.indicator_target = target if key else None
    task.save(update_fields=["indicator_key", "indicator_target", "updated_at"])
    return task


def plan_indicators_link(
    plan: ReformPlan, links: Mapping[str, tuple[str, Decimal | None]]
) -> tuple[list[str], list[str]]:
    """Link tasks (by number) to indicator keys; only keys registered now are linked, the others are
    returned (their owner is not installed yet) to be linked by a later run. Returns (linked, skipped)."""
    registered = {i.key for i in indicator_all()}
    linked, skipped = [], []
    for task in plan.tasks.filter(number__in=list(links)):
        key, target = links[task.number]
        if key not in registered:
            skipped.append(f"{task.number}:{key}")
            continue
        if task.indicator_key != key or task.indicator_target != target:
            task_indicator_link(task=task, key=key, target=target)
        linked.append(f"{task.number}:{key}")
    return sorted(linked), sorted(skipped)


# --- reminders ----------------------------------------------------------------------------------------


def _recipients(agency: Agency) -> list[str]:
    leaders = User.objects.filter(
        agency=agency, groups__name=GROUP_NAMES[Role.LEADER], is_active=True
    ).exclude(email="")
    addresses = sorted({u.email for u in leaders})
    return addresses or ([agency.email] if agency.email else [])


@transaction.atomic
def plan_reminders_send(*, today: date | None = None) -> int:
    """Remind the agencies that have not reported: `PLAN_REMINDER_DAYS` before a round's due date,
    and once more the day after it. One e-mail per agency, round and kind (never twice), to the
    agency's leaders (or the agency's address), through the outbox. Returns the messages queued."""
    today = today or timezone.localdate()
    before = timedelta(days=settings.PLAN_REMINDER_DAYS)
    queued = 0
    rounds = ReportingRound.objects.select_related("plan").filter(
        due_on__gte=today - timedelta(days=30), due_on__lte=today + before
    )
    for round in rounds:
        kind = ReminderSent.Kind.BEFORE if today <= round.due_on else ReminderSent.Kind.OVERDUE
        expected = expected_reports(round.plan)
        done = reported_pairs(round)
        missing: dict[int, list[str]] = {}
        for task_number, agency_id in expected:
            if (task_number, agency_id) not in done:
                missing.setdefault(agency_id, []).append(task_number)
        agencies = Agency.objects.in_bulk(list(missing))
        for agency_id, numbers in sorted(missing.items()):
            agency = agencies[agency_id]
            if ReminderSent.objects.filter(round=round, agency=agency, kind=kind).exists():
                continue
            context = {
                "agency": agency.name,
                "plan": round.plan.title[:120],
                "round": round.label,
                "due": f"{round.due_on:%d/%m/%Y}",
                "tasks": ", ".join(numbers),
            }
            for address in _recipients(agency):
                sent = message_queue(
                    channel="EMAIL",
                    to=address,
                    template="plan_report_overdue"
                    if kind == ReminderSent.Kind.OVERDUE
                    else "plan_report_due",
                    context=context,
                    subject_ref=f"plan:{round.plan_id}:{round.pk}",
                )
                queued += sent is not None
            ReminderSent.objects.create(round=round, agency=agency, kind=kind)
    return queued
