"""Deadline reminders (`check_deadlines` and its daily schedule).

One working day before a step or a dossier falls due, the assignee and the agency's leaders are
reminded through the outbox; when the dossier cannot make it, the leader is prompted to apologise
(form 04). Idempotent per day: a `DeadlineReminder` row records each reminder sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User, agency_leaders
from motcua.catalog.models import in_hours
from motcua.core import calendar
from motcua.core.instants import local_text
from motcua.dossiers.journal import officer_tell
from motcua.dossiers.models import DeadlineReminder, Dossier, DossierStep
from motcua.dossiers.processing import (
    agency_at_fault,
    current_step,
    planned_step,
    process_plan,
)


# --- reminders (check_deadlines) ------------------------------------------------------------------
def _remind(
    dossier: Dossier, *, officers: Iterable[User | None], kind: str, step_seq: int, day: date, now: datetime,
    template: str, context: dict[str, Any],
) -> int:  # fmt: skip
    sent = 0
    seen: set[int] = set()
    for officer in officers:
        if officer is None or officer.pk in seen or not officer.is_active:
            continue
        seen.add(officer.pk)
        _reminder, created = DeadlineReminder.objects.get_or_create(
            dossier=dossier,
            step_seq=step_seq,
            kind=kind,
            officer=officer,
            day=day,
            defaults={"created_at": now},
        )
        if not created:
            continue
        officer_tell(dossier, officer, template, context)
        sent += 1
    return sent


def _due_within_a_working_day(due_at: datetime, now: datetime) -> bool:
    """Not yet due, and due today or on the next working day."""
    if due_at <= now:
        return False
    return calendar.working_days(timezone.localdate(now), timezone.localdate(due_at)) <= 1


def _hours(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def projected_finish(dossier: Dossier, step: DossierStep, *, now: datetime) -> datetime:
    """When the dossier would be ready if the current step ends on its due time (or now, if it is
    already overdue) and every later step takes its whole budget."""
    start = max(step.due_at, now)
    plan = process_plan(dossier.procedure_version)
    index, _planned_step = planned_step(dossier, step.order)
    hours = Fraction(0)
    for later in plan[index + 1 :]:
        if later.budget_unit in (
            calendar.Unit.WORKING_DAYS,
            calendar.Unit.HALF_DAYS,
            calendar.Unit.WORKING_HOURS,
        ):
            hours += in_hours(later.budget_value, later.budget_unit)
    if not hours:
        return start
    return calendar.due_at(start, calendar.Limit(_hours(hours), calendar.Unit.WORKING_HOURS)).due_at


@dataclass
class DeadlineCheck:
    step_reminders: int = 0
    dossier_reminders: int = 0
    apology_prompts: int = 0


def deadlines_check(*, now: datetime | None = None) -> DeadlineCheck:
    """Remind the assignee and the agency's leaders one working day before a step or the dossier
    falls due, and prompt the leaders of the agency at fault (`agency_at_fault`) to apologise when
    the dossier cannot make it; at most one message of each kind per officer, step and day (running
    it twice a day sends nothing new).
    Paused dossiers are never overdue and get nothing; on a day off nothing is sent."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    result = DeadlineCheck()
    if not calendar.is_working_day(day):
        return result
    dossiers = (
        Dossier.objects.running()
        .select_related("procedure_version__procedure", "receiving_agency")
        .order_by("pk")
    )
    for dossier in list(dossiers):
        with transaction.atomic():
            step = current_step(dossier)
            if step is None or dossier.due_at is None:
                continue
            leaders = agency_leaders(step.agency_id)
            officers = [step.assignee, *leaders]
            if _due_within_a_working_day(step.due_at, now):
                result.step_reminders += _remind(
                    dossier, officers=officers, kind=DeadlineReminder.Kind.STEP_DUE, step_seq=step.seq, day=day,
                    now=now, template="dossier_step_due_reminder",
                    context={"step": step.name, "due": local_text(step.due_at)},
                )  # fmt: skip
            if _due_within_a_working_day(dossier.due_at, now):
                result.dossier_reminders += _remind(
                    dossier, officers=officers, kind=DeadlineReminder.Kind.DOSSIER_DUE, step_seq=0, day=day,
                    now=now, template="dossier_due_reminder", context={"due": local_text(dossier.due_at)},
                )  # fmt: skip
            if (
                dossier.rescheduled_due_at is None
                and projected_finish(dossier, step, now=now) > dossier.due_at
            ):
                at_fault = agency_at_fault(dossier, at=now)  # its leaders sign the apology
                signers = leaders if at_fault in (None, step.agency_id) else agency_leaders(at_fault)
                result.apology_prompts += _remind(
                    dossier, officers=signers, kind=DeadlineReminder.Kind.APOLOGY_PROMPT, step_seq=0, day=day,
                    now=now, template="dossier_apology_prompt",
                    context={"due": local_text(dossier.due_at)},
                )  # fmt: skip
    return result
