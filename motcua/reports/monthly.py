"""The monthly report (DOMAIN §9, CONTRACTS §8): the receiving agency's figures per field, the same
period by handling agency, and the late dossiers with the agency at fault and its explanation.

A specialised office (Phòng TN&MT) receives nothing itself: the desk receives for it. Its work
shows in the steps it held, so the report adds, per agency that held steps in the scope, the steps
received in the period, finished early / on time / late (each step's own classification, frozen
when it handed over) and, at the period's end, in progress or overdue by the step's due time (a
dossier paused then is never overdue). A pause that began after the period's end moved the step's
stored due time later: for those steps the due time at the end is read from the events.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency
from motcua.core.facts import fact_values
from motcua.core.periods import Period
from motcua.dossiers.models import Classification, Dossier, DossierEvent, DossierPause, DossierStep
from motcua.dossiers.processing import agency_at_fault, fault_choices, step_overran
from motcua.reports.db import without_jit
from motcua.reports.figures import (
    Row,
    Scope,
    dossiers_in,
    figure_dossiers,
    figures_by_agency_and_field,
    paused_at,
    total_of,
)

STEP_KEYS = ("received", "finished_early", "finished_on_time", "finished_late", "in_progress", "overdue")
STEP_LABELS = {
    "received": _("Bước nhận trong kỳ"),
    "finished_early": _("Hoàn thành trước hạn"),
    "finished_on_time": _("Hoàn thành đúng hạn"),
    "finished_late": _("Hoàn thành quá hạn"),
    "in_progress": _("Đang xử lý trong hạn"),
    "overdue": _("Đang xử lý quá hạn"),
}


def steps_in(scope: Scope) -> Q:
    """Steps held at an agency of the scope's subtree, of dossiers in the scope's field."""
    condition = Q()
    if (ids := scope.agency_ids) is not None:
        condition &= Q(agency_id__in=ids)
    if scope.field_id is not None:
        condition &= Q(dossier__procedure_version__procedure__field_id=scope.field_id)
    return condition


def handling_rows(period: Period, scope: Scope) -> list[Row]:
    """One row per agency that held steps in the scope: the period by handling agency."""
    start, end = period.bounds()
    open_end = Q(started_at__lt=end) & (Q(finished_at__isnull=True) | Q(finished_at__gte=end))
    finished = Q(finished_at__gte=start, finished_at__lt=end)
    steps = DossierStep.objects.filter(steps_in(scope), started_at__lt=end).filter(
        Q(finished_at__isnull=True) | Q(finished_at__gte=start)
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STEP_KEYS, 0))
    # Two passes: the period's steps for what happened in it, then only the steps open at its end
    # (a few thousand, found by the finished_at index) for in progress / overdue, so the pause
    # probe and its conditions are not evaluated on every step of a year.
    period_rows = (
        steps.values("agency_id")
        .order_by()
        .annotate(
            received=Count("pk", filter=Q(started_at__gte=start)),
            finished_early=Count("pk", filter=finished & Q(classification=Classification.EARLY)),
            finished_on_time=Count("pk", filter=finished & Q(classification=Classification.ON_TIME)),
            finished_late=Count("pk", filter=finished & Q(classification=Classification.LATE)),
        )
    )
    paused_end = Q(paused_at(end, "dossier_id"))
    open_rows = (
        DossierStep.objects.filter(steps_in(scope), open_end)
        .values("agency_id")
        .order_by()
        .annotate(
            in_progress=Count("pk", filter=Q(due_at__gte=end) | paused_end),
            overdue=Count("pk", filter=Q(due_at__lt=end) & ~paused_end),
        )
    )
    for rows in (period_rows, open_rows):
        for row in rows:
            found = cast(dict[str, int], row)  # a values() row: the agency and its counts
            counts[found["agency_id"]].update({k: v for k, v in found.items() if k != "agency_id"})
    for agency_id in steps_overdue_moved(end, scope):
        counts[agency_id]["in_progress"] -= 1
        counts[agency_id]["overdue"] += 1
    names = dict(Agency.objects.values_list("pk", "name"))
    result = [Row(agency_id, names.get(agency_id, "—"), row) for agency_id, row in counts.items()]
    return sorted((r for r in result if any(r.figures.values())), key=lambda r: r.label)


def steps_overdue_moved(end: datetime, scope: Scope) -> list[int]:
    """The agencies of steps open at `end`, not paused then, whose stored due time lies after `end`
    only because a pause began later: each step's due time at `end` is the last one an event before
    `end` recorded for it (assign, forward, resume carry `step_seq` and `step_due_at`)."""
    later_pause = DossierPause.objects.filter(dossier_id=OuterRef("dossier_id"), started_at__gte=end)
    steps = list(
        DossierStep.objects.filter(steps_in(scope), started_at__lt=end, due_at__gte=end)
        .filter(Q(finished_at__isnull=True) | Q(finished_at__gte=end))
        .filter(Exists(later_pause))
        .exclude(paused_at(end, "dossier_id"))
        .values_list("dossier_id", "seq", "agency_id")
    )
    if not steps:
        return []
    due: dict[tuple[int, int], tuple[int, str]] = {}
    events = DossierEvent.objects.filter(
        dossier_id__in={d for d, _s, _a in steps}, at__lt=end, payload__has_key="step_due_at"
    ).values_list("dossier_id", "seq", "payload__step_seq", "payload__step_due_at")
    for dossier_id, event_seq, step_seq, step_due in events:
        key = (dossier_id, int(step_seq))
        if key not in due or event_seq > due[key][0]:
            due[key] = (event_seq, step_due)
    return [
        agency_id
        for dossier_id, seq, agency_id in steps
        if (dossier_id, seq) in due and datetime.fromisoformat(due[(dossier_id, seq)][1]) < end
    ]


@dataclass
class LateRow:
    code: str
    procedure: str
    receiving_agency: str
    received_at: datetime | None
    due_at: datetime | None
    finished_at: datetime | None  # None: still open, overdue at the period's end
    agency_at_fault: str
    step: str
    explanation: dict[str, str] | None  # {"agency", "reason", "remedy"} once oversight has one


def late_rows(period: Period, scope: Scope, *, limit: int | None = None) -> list[LateRow]:
    """The period's late dossiers: finished late in it, then those overdue at its end, each with the
    agency at fault (`agency_at_fault`), the step that overran and the explanation if any; the
    first `limit` of them when given."""
    _start, end = period.bounds()
    finished = figure_dossiers("finished_late", period, scope).order_by("finished_at", "pk")
    overdue = figure_dossiers("overdue", period, scope).order_by("due_at", "pk")
    dossiers: list[Dossier] = []
    for qs in (finished, overdue):
        if limit is not None:
            if len(dossiers) >= limit:
                break
            qs = qs[: limit - len(dossiers)]
        dossiers.extend(
            qs.select_related("receiving_agency", "procedure_version__procedure").prefetch_related("steps")
        )
    names = dict(Agency.objects.values_list("pk", "name"))
    ids = [d.pk for d in dossiers]
    explanations = fact_values("oversight.explanation", ids) or {}
    chosen = fault_choices(ids)
    rows = []
    for dossier in dossiers:
        at = dossier.finished_at if dossier.finished_at and dossier.finished_at < end else end
        fault = agency_at_fault(dossier, at=at, chosen=chosen.get(dossier.pk))
        step = step_overran(dossier, at=at)
        rows.append(
            LateRow(
                code=dossier.code,
                procedure=dossier.procedure_version.procedure.name,
                receiving_agency=dossier.receiving_agency.name,
                received_at=dossier.received_at,
                due_at=dossier.due_at,
                finished_at=dossier.finished_at
                if dossier.finished_at and dossier.finished_at < end
                else None,
                agency_at_fault=names.get(fault, "") if fault else "",
                step=f"{step.order}. {step.name}" if step else "",
                explanation=explanations.get(dossier.pk),
            )
        )
    return rows


# The page and the PDF list the first late dossiers (a year of a province holds thousands, which no
# one reads on a screen); the XLSX lists them all, and the count beside the list is always the whole.
LATE_ON_SCREEN = 200


@dataclass
class MonthlyReport:
    period: Period
    scope: Scope
    title: str
    total: dict[str, Any]
    by_field: list[Row]
    by_agency: list[Row]
    handling: list[Row]
    late: list[LateRow] = field(default_factory=list)

    @property
    def late_total(self) -> int:
        """Every late dossier of the period (`late` may hold only the first of them)."""
        return int(self.total["finished_late"] + self.total["overdue"])


@without_jit
def monthly_report(period: Period, scope: Scope, *, late_limit: int | None = LATE_ON_SCREEN) -> MonthlyReport:
    """Everything the report shows, computed once for the screen, the XLSX and the PDF alike
    (`late_limit=None` for the XLSX: every late dossier)."""
    agency = scope.agency
    title = agency.name if agency else str(_("Toàn địa phương"))
    by_agency, by_field = figures_by_agency_and_field(period, scope)
    return MonthlyReport(
        period=period,
        scope=scope,
        title=title,
        total=total_of(by_agency),  # every dossier has one receiving agency: the rows add up
        by_field=by_field,
        by_agency=by_agency,
        handling=handling_rows(period, scope),
        late=late_rows(period, scope, limit=late_limit),
    )


__all__ = ["MonthlyReport", "dossiers_in", "monthly_report"]
