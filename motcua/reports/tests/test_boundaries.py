"""The cases the figures get wrong most easily: the Decree 09 cut-off (14th / 15th), a dossier
paused across the period's end, a pause begun after it, and the Decision 766 rules (more than one
supplement request = late; in progress and not yet due = on time). Each checked against the
independent computation of `oracle.py` as well as by hand."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from motcua.core.periods import Period, month
from motcua.dossiers import processing
from motcua.dossiers.tests.processing_factories import (
    Cast,
    _to_last_step,
    first_document,
    local,
    make_cast,
    receive,
)
from motcua.reports.figures import Scope, figures
from motcua.reports.index766 import index_766
from motcua.reports.monthly import handling_rows
from motcua.reports.tests.oracle import expected_2_1, expected_figures, load_rows

pytestmark = pytest.mark.django_db

APRIL = month(2026, 4)  # 15/03/2026 → 14/04/2026
MAY = month(2026, 5)


def _assign(dossier, cast: Cast) -> None:
    processing.dossier_assign(dossier=dossier, officer=cast.leader, assignee=cast.specialist, at=cast.tick())


def _both(period: Period, scope: Scope) -> dict:
    start, end = period.bounds()
    computed = figures(period, scope)
    assert computed == expected_figures(load_rows(), start, end)
    return computed


def test_a_dossier_received_on_the_14th_is_in_that_month_and_on_the_15th_in_the_next() -> None:
    cast = make_cast()
    scope = Scope(agency=cast.agency)
    cast.at(local(2026, 4, 14, 16, 59))
    receive(cast)
    cast.at(local(2026, 4, 15, 7, 30))
    receive(cast)
    assert (APRIL.start, APRIL.end) == (local(2026, 3, 15).date(), local(2026, 4, 14).date())
    april, may = _both(APRIL, scope), _both(MAY, scope)
    assert april["received"] == 1 and april["in_progress"] == 1
    assert may["received"] == 1 and may["carried_over"] == 1


def test_a_dossier_paused_across_the_period_end_is_in_progress_not_overdue() -> None:
    cast = make_cast()
    cast.at(local(2026, 4, 1, 8, 0))
    dossier = receive(cast)
    _assign(dossier, cast)
    cast.at(local(2026, 4, 7, 9, 0))
    processing.dossier_pause(
        dossier=dossier, officer=cast.specialist, kind="VERIFICATION", reason="Xác minh", at=cast.now
    )
    dossier.refresh_from_db()
    assert dossier.due_at < local(2026, 4, 15)  # the pre-pause due time lies before the period's end
    cast.at(local(2026, 4, 20, 9, 0))
    processing.dossier_resume(dossier=dossier, officer=cast.specialist, at=cast.now)
    april = _both(APRIL, Scope(agency=cast.agency))
    assert (april["in_progress"], april["overdue"]) == (1, 0)
    assert april["on_time_rate"] == Decimal("100.00")


def test_a_pause_begun_after_the_period_end_does_not_hide_an_overdue_dossier() -> None:
    cast = make_cast()
    cast.at(local(2026, 4, 1, 8, 0))
    dossier = receive(cast)
    _assign(dossier, cast)
    cast.at(local(2026, 4, 16, 9, 0))  # overdue since 08/04, paused after the period's end
    processing.dossier_pause(
        dossier=dossier, officer=cast.specialist, kind="VERIFICATION", reason="Xác minh", at=cast.now
    )
    cast.at(local(2026, 5, 6, 9, 0))
    processing.dossier_resume(dossier=dossier, officer=cast.specialist, at=cast.now)
    dossier.refresh_from_db()
    assert dossier.due_at >= local(2026, 4, 15)  # the stored due time moved past the period's end
    april = _both(APRIL, Scope(agency=cast.agency))
    assert (april["in_progress"], april["overdue"]) == (0, 1)
    assert april["on_time_rate"] == Decimal("0.00")
    # The step held at the period's end was overdue too, by its due time then.
    step = dossier.steps.get()
    assert step.due_at >= local(2026, 4, 15)
    (row,) = handling_rows(APRIL, Scope(agency=cast.agency))
    assert (row.figures["in_progress"], row.figures["overdue"]) == (0, 1)


def _two_supplements_then_on_time(cast: Cast):
    """Asked for documents by both agencies (each within its own limit), finished before its due time."""
    dossier = receive(cast)
    _assign(dossier, cast)
    processing.dossier_request_supplement(
        dossier=dossier,
        officer=cast.specialist,
        documents=[first_document(cast)],
        reason="Thiếu",
        at=cast.tick(),
    )
    processing.dossier_complete_supplement(dossier=dossier, officer=cast.desk, at=cast.tick())
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader2, assignee=cast.specialist2, at=cast.tick()
    )
    processing.dossier_request_supplement(
        dossier=dossier,
        officer=cast.specialist2,
        documents=[first_document(cast)],
        reason="Thiếu",
        at=cast.tick(),
    )
    processing.dossier_complete_supplement(dossier=dossier, officer=cast.desk, at=cast.tick())
    processing.dossier_forward(dossier=dossier, officer=cast.specialist2, at=cast.tick())
    processing.dossier_assign(dossier=dossier, officer=cast.leader, assignee=cast.specialist, at=cast.tick())
    processing.dossier_mark_ready(dossier=dossier, officer=cast.specialist, at=cast.tick())
    dossier.refresh_from_db()
    return dossier


def test_766_counts_two_supplement_requests_as_late_and_an_undue_dossier_as_on_time() -> None:
    cast = make_cast()
    cast.at(local(2026, 3, 2, 8, 0))
    late = _two_supplements_then_on_time(cast)
    assert late.finished_at < late.due_at and late.classification == "LATE"
    cast.at(local(2026, 3, 3, 8, 0))
    undue = receive(cast)  # in progress, not yet due at `now`
    _assign(undue, cast)
    cast.at(local(2026, 3, 4, 8, 0))
    early = receive(cast)
    _assign(early, cast)
    _to_last_step(early, cast)
    processing.dossier_mark_ready(dossier=early, officer=cast.specialist, at=cast.tick())
    cast.at(local(2026, 3, 5, 8, 0))
    stopped = receive(cast)
    processing.dossier_stop(dossier=stopped, officer=cast.leader, reason="Dừng", at=cast.tick())
    now = local(2026, 3, 6, 10, 0)
    period = Period(local(2026, 3, 1).date(), local(2026, 3, 31).date())
    index = index_766(period, Scope(agency=cast.agency), now=now)
    indicator = next(i for g in index.groups for i in g.indicators if i.code == "2.1")
    start, end = period.bounds()
    assert (
        (indicator.numerator, indicator.denominator) == expected_2_1(load_rows(), start, end, now) == (2, 3)
    )
    assert indicator.value == Decimal("66.67")
    assert indicator.points == Decimal("13.33")  # 20 points × 66.67 %
    # Overdue once `now` passes the undue dossier's due time.
    undue.refresh_from_db()
    later = index_766(period, Scope(agency=cast.agency), now=undue.due_at + timedelta(hours=1))
    assert next(i for g in later.groups for i in g.indicators if i.code == "2.1").numerator == 1
