"""The clock of a dossier in processing: step rows, due times moved by pauses, and classification.

Separate from the actions because the intake (`dossier_processing_start`), the reminders and the
pages use it too, and because every family of actions opens, closes or re-dates steps the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.core import calendar
from motcua.core.instants import iso
from motcua.dossiers.handling_time import HandlingRow, Used, handling_measure
from motcua.dossiers.models import (
    PAUSED,
    Classification,
    Dossier,
    DossierPause,
    DossierStep,
    PauseReason,
    SupplementRequest,
)
from motcua.dossiers.processing.common import PlannedStep, current_step_locked, open_pause, process_plan


def procedure_limit(version: ProcedureVersion) -> calendar.Limit:
    """The version's time limit for the deadline engine (a same-day limit with its cut-off: the
    version's own, else `SAME_DAY_CUTOFF`)."""
    cutoff = None
    if version.limit_unit == calendar.Unit.SAME_DAY:
        cutoff_time = version.same_day_cutoff
        cutoff = cutoff_time.hour * 60 + cutoff_time.minute if cutoff_time else settings.SAME_DAY_CUTOFF
    return calendar.Limit(version.limit_value, version.limit_unit, cutoff)


def trace_rows(deadline: calendar.Deadline) -> list[dict[str, Any]]:
    """How the due time was counted, day by day, as the dossier keeps it (`due_trace`)."""
    return [
        {"date": row.date.isoformat(), "kind": row.kind, "name": str(row.name), "estimated": row.estimated}
        for row in deadline.trace
    ]


def _step_limit(dossier: Dossier, step: DossierStep) -> calendar.Limit:
    if step.budget_unit == calendar.Unit.SAME_DAY:
        return procedure_limit(dossier.procedure_version)
    return calendar.Limit(step.budget_value, step.budget_unit)


def _closed_pauses(dossier: Dossier, since: datetime | None = None) -> list[calendar.Pause]:
    pauses = dossier.pauses.filter(ended_at__isnull=False).order_by("started_at", "pk")
    if since is not None:  # the pauses taken while a step was open
        pauses = pauses.filter(ended_at__gt=since)
    return [calendar.Pause(p.started_at, p.ended_at, str(PauseReason(p.kind).label)) for p in pauses]


def _step_due(dossier: Dossier, step: DossierStep, closed: list[calendar.Pause] | None = None) -> datetime:
    """A step's due time: its budget from its start, moved by the pauses taken while it was open.
    `closed`, every closed pause of the dossier when the caller has read them, saves reading them again."""
    if closed is None:
        pauses = _closed_pauses(dossier, step.started_at)
    else:
        pauses = [p for p in closed if p.end is not None and p.end > step.started_at]
    return calendar.due_at(step.started_at, _step_limit(dossier, step), pauses).due_at


def step_open(
    dossier: Dossier,
    planned: PlannedStep,
    *,
    at: datetime,
    assignee: User | None,
    last_seq: int | None = None,
    closed: list[calendar.Pause] | None = None,
) -> DossierStep:
    """Open the row of `planned` at `at`. What the caller has already read saves asking again:
    `last_seq`, the dossier's highest step seq; `closed`, its closed pauses (see `_step_due`)."""
    if last_seq is None:
        last_seq = dossier.steps.order_by("-seq").values_list("seq", flat=True).first() or 0
    step = DossierStep(
        dossier=dossier, seq=last_seq + 1, order=planned.order, name=planned.name,
        agency_id=planned.agency_id or dossier.receiving_agency_id, assignee=assignee,
        budget_value=planned.budget_value, budget_unit=planned.budget_unit, started_at=at, due_at=at,
    )  # fmt: skip
    step.due_at = _step_due(dossier, step, closed)
    step.save()
    return step


def classify(finished_at: datetime, due_at: datetime) -> str:
    """CONTRACTS §2: early if the local date of finishing is before the due date's; on time if not
    after the due time; late otherwise."""
    if timezone.localdate(finished_at) < timezone.localdate(due_at):
        return Classification.EARLY
    if finished_at <= due_at:
        return Classification.ON_TIME
    return Classification.LATE


def processing_supplement_count(dossier: Dossier) -> int:
    return dossier.supplement_requests.filter(stage=SupplementRequest.Stage.PROCESSING).count()


def classification_of(dossier: Dossier, finished_at: datetime, supplement_requests: int) -> str:
    """`dossier_classify` with the count of processing supplement requests already read."""
    assert dossier.due_at is not None
    if supplement_requests > 1:
        return Classification.LATE
    return classify(finished_at, dossier.due_at)


def handling_row(dossier: Dossier) -> HandlingRow:
    """What the handling time reads of a dossier with a result: its times and its version's limit."""
    received, started = dossier.received_at, dossier.clock_start_at
    due, finished = dossier.due_at, dossier.finished_at
    assert received is not None and started is not None and due is not None and finished is not None
    return HandlingRow(received, started, due, finished, procedure_limit(dossier.procedure_version))


def dossier_handling(dossier: Dossier) -> Used:
    """The handling time of a dossier with a result, in its procedure's unit (DOMAIN §5, 2.2): measured
    once, when the result is marked ready, from times that no longer change."""
    return handling_measure([handling_row(dossier)])[0]


def dossier_classify(dossier: Dossier, finished_at: datetime) -> str:
    """The dossier's classification at `finished_at`: more than one supplement request during
    processing (any agencies together; form 02 at intake does not count) makes it late."""
    assert dossier.due_at is not None
    return classification_of(dossier, finished_at, processing_supplement_count(dossier))


def step_finish(step: DossierStep, at: datetime, *, classified: bool = True) -> str:
    step.finished_at = at
    step.classification = classify(at, step.due_at) if classified else ""
    step.save(update_fields=["finished_at", "classification"])
    return step.classification


def _recompute_due(dossier: Dossier, closed: list[calendar.Pause] | None = None) -> None:
    """`due_at` from the receipt and every closed pause (each moves it by its office time); `closed`
    when the caller has read them."""
    assert dossier.received_at is not None
    deadline = calendar.due_at(
        dossier.received_at,
        procedure_limit(dossier.procedure_version),
        _closed_pauses(dossier) if closed is None else closed,
    )
    dossier.due_at = deadline.due_at
    dossier.due_estimated = deadline.estimated
    dossier.due_trace = trace_rows(deadline)


def dossier_due_at_now(dossier: Dossier, *, now: datetime | None = None) -> datetime | None:
    """The due time as it stands at `now`: while a pause is open, the pre-pause value plus the office
    time elapsed so far (so a paused dossier is never overdue); otherwise the stored `due_at`."""
    if dossier.state not in PAUSED or dossier.received_at is None:
        return dossier.due_at
    pauses = [*_closed_pauses(dossier)]
    pause = open_pause(dossier)
    if pause is not None:
        pauses.append(calendar.Pause(pause.started_at, None))
    now = now or timezone.now()
    return calendar.due_at(
        dossier.received_at, procedure_limit(dossier.procedure_version), pauses, now=now
    ).due_at


def step_payload(step: DossierStep) -> dict[str, Any]:
    return {
        "step": step.order,
        "step_seq": step.seq,
        "step_agency": step.agency_id,
        "step_due_at": iso(step.due_at),
    }


def pause_close(dossier: Dossier, pause: DossierPause, at: datetime) -> dict[str, Any]:
    """End the pause at `at` and move the locked dossier's and its current step's due times (the
    closed pauses are read once for both)."""
    pause.ended_at = max(at, pause.started_at)
    pause.save(update_fields=["ended_at"])
    closed = _closed_pauses(dossier)
    _recompute_due(dossier, closed)
    facts: dict[str, Any] = {"due_at": iso(dossier.due_at)}
    step = current_step_locked(dossier)
    if step is not None:
        step.due_at = _step_due(dossier, step, closed)
        step.save(update_fields=["due_at"])
        facts.update(step_payload(step))
    return facts


# --- start of processing (called by the intake's RECEIVE branch) ---------------------------------
def dossier_processing_start(dossier: Dossier, *, at: datetime) -> DossierStep:
    """Open the first step of the version's process at the dossier's `clock_start_at` (receipt at `at`)."""
    start = dossier.clock_start_at or calendar.clock_start_at(at)
    return step_open(dossier, process_plan(dossier.procedure_version)[0], at=start, assignee=None)
