"""Reads over the dossiers' history between two instants, for the apps that count it (surveys,
feedback, oversight, reports, plans).

Every selector takes a half-open interval of instants [start, end) — `period_bounds` turns the
inclusive local dates of a period (CONTRACTS §7 "Periods") into one — and an optional agency,
which includes its sub-agencies. Dossier figures (returns, late and overdue dossiers) count under
the dossier's **receiving** agency; events and steps under the agency where they happened, with
`receiving_agency` for the reports' per-dossier columns (CONTRACTS §8: stopped, withdrawn…).

Each returns a lazy QuerySet backed by an index (docs/architecture.md, "History selectors"):
events by (action, at) and (agency, at), steps by (agency, finished_at), dossiers by
(receiving_agency, finished_at) and by due_at. Resolving an agency's sub-agencies costs one query
per level of the tree below it (`Agency.subtree_ids`); the rows are one more.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from motcua.accounts.models import Agency
from motcua.dossiers.models import Action, Classification, Dossier, DossierEvent, DossierStep


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The instants [start 00:00, the day after end 00:00) of a period of local dates, both inclusive."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def _agencies(agency: Agency | None) -> set[int] | None:
    return None if agency is None else agency.subtree_ids()


def history_events(
    start: datetime,
    end: datetime,
    *,
    actions: Iterable[str] = (),
    agency: Agency | None = None,
    receiving_agency: Agency | None = None,
) -> QuerySet[DossierEvent]:
    """Events with `at` in [start, end), oldest first: of `actions` (all when empty), recorded at
    `agency` (the agency where the action happened), of dossiers received at `receiving_agency`."""
    events = DossierEvent.objects.filter(at__gte=start, at__lt=end)
    if wanted := list(actions):
        events = events.filter(action__in=wanted)
    if (ids := _agencies(agency)) is not None:
        events = events.filter(agency_id__in=ids)
    if (receiving := _agencies(receiving_agency)) is not None:
        events = events.filter(dossier__receiving_agency_id__in=receiving)
    return events.order_by("at", "dossier_id", "seq")


def history_returns(
    start: datetime, end: datetime, *, agency: Agency | None = None
) -> QuerySet[DossierEvent]:
    """Results returned in [start, end) (`return_result` events) of dossiers received at `agency`,
    with their dossier: what the surveys invite and the reports count as `returned`."""
    return history_events(start, end, actions=[Action.RETURN_RESULT], receiving_agency=agency).select_related(
        "dossier"
    )


def history_steps_finished(
    start: datetime, end: datetime, *, agency: Agency | None = None
) -> QuerySet[DossierStep]:
    """Steps finished in [start, end) at `agency`, with their classification and assignee: the
    hand-overs of form 06 and the staff evaluations' raw material."""
    steps = DossierStep.objects.filter(finished_at__gte=start, finished_at__lt=end)
    if (ids := _agencies(agency)) is not None:
        steps = steps.filter(agency_id__in=ids)
    return steps.select_related("dossier", "assignee").order_by("finished_at", "dossier_id", "seq")


def history_late_dossiers(
    start: datetime, end: datetime, *, agency: Agency | None = None
) -> QuerySet[Dossier]:
    """Dossiers received at `agency` that finished late in [start, end) (classification frozen at
    `finished_at`, CONTRACTS §2): the reports' `finished_late`."""
    dossiers = Dossier.objects.filter(
        finished_at__gte=start, finished_at__lt=end, classification=Classification.LATE
    )
    if (ids := _agencies(agency)) is not None:
        dossiers = dossiers.filter(receiving_agency_id__in=ids)
    return dossiers.order_by("finished_at", "pk")


def history_overdue_dossiers(at: datetime, *, agency: Agency | None = None) -> QuerySet[Dossier]:
    """Dossiers received at `agency` before `at`, unfinished at `at` and past their due time then:
    the reports' `overdue` at the end of a period. The due time is the dossier's current `due_at`,
    so a pause that began after `at` (which moves it later) hides the dossier: exact for `at` = now
    and for periods no pause crosses."""
    dossiers = Dossier.objects.filter(received_at__lt=at, due_at__lt=at).filter(
        Q(finished_at__isnull=True) | Q(finished_at__gte=at)
    )
    if (ids := _agencies(agency)) is not None:
        dossiers = dossiers.filter(receiving_agency_id__in=ids)
    return dossiers.order_by("due_at", "pk")
