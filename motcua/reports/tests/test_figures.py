"""The report figures (CONTRACTS §8) on generated histories, against the independent computation of
`oracle.py`, for Decree 09 months, a quarter, a calendar month and a custom period, for the locality,
an agency's subtree and a field."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.accounts.models import Agency
from motcua.core.indicators import indicator_value
from motcua.core.periods import Period, month, quarter
from motcua.dossiers.generate import dossiers_generate, locality_load
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.tests.processing_factories import make_dossier_in
from motcua.reports.figures import Scope, figure_dossiers, figures, figures_by
from motcua.reports.monthly import late_rows, monthly_report
from motcua.reports.tests.oracle import expected_figures, load_rows

pytestmark = pytest.mark.django_db

END = datetime(2026, 11, 20, 16, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
PERIODS = [
    month(2026, 10),
    month(2026, 11),
    month(2026, 11, rule="calendar"),
    quarter(2026, 4),
    Period(date(2026, 9, 1), date(2026, 11, 20)),
]


@pytest.fixture
def generated() -> None:
    locality_load()
    # One dossier received long before and never finished: overdue at every period's end, whatever
    # the generator's draws on this database.
    make_dossier_in(State.IN_PROGRESS)
    dossiers_generate(count=160, seed=18, days=100, end=END, histories=70)


def test_every_figure_equals_the_independent_computation(generated: None) -> None:
    rows = load_rows()
    agency = Agency.objects.filter(pk__in={r.agency for r in rows}).order_by("pk").first()
    field_id = sorted({r.field for r in rows})[0]
    checked = 0
    for period in PERIODS:
        start, end = period.bounds()
        assert figures(period) == expected_figures(rows, start, end), period
        subtree = agency.subtree_ids()
        mine = [r for r in rows if r.agency in subtree]
        assert figures(period, Scope(agency=agency)) == expected_figures(mine, start, end), period
        of_field = [r for r in rows if r.field == field_id]
        assert figures(period, Scope(field_id=field_id)) == expected_figures(of_field, start, end)
        checked += 1
    totals = figures(PERIODS[-1])
    # The data set exercises every column that matters.
    for key in (
        "carried_over",
        "received",
        "finished_early",
        "finished_late",
        "in_progress",
        "overdue",
        "returned",
    ):
        assert totals[key] > 0, key
    assert checked == len(PERIODS)


def test_rows_per_field_add_up_to_the_total(generated: None) -> None:
    period = PERIODS[-1]
    rows = figures_by(period, Scope(), "field")
    total = figures(period)
    assert len(rows) > 1
    for key in ("received", "finished_on_time", "overdue", "apologies"):
        assert sum(r.figures[key] for r in rows) == total[key], key


def test_the_drill_down_lists_the_dossiers_each_count_counts(generated: None) -> None:
    period = PERIODS[-1]
    total = figures(period)
    for key in (
        "carried_over",
        "received",
        "received_online",
        "finished_late",
        "in_progress",
        "overdue",
        "returned",
    ):
        assert figure_dossiers(key, period, Scope()).count() == total[key], key
    assert figure_dossiers("on_time_rate", period, Scope()).count() == sum(
        total[k] for k in ("finished_early", "finished_on_time", "finished_late", "in_progress", "overdue")
    )


def test_the_figures_are_indicator_values_by_key(generated: None) -> None:
    period = PERIODS[1]
    total = figures(period)
    assert indicator_value("received", period).value == total["received"]
    rate = indicator_value("on_time_rate", period)
    assert rate.value == total["on_time_rate"]
    assert rate.denominator == sum(
        total[k] for k in ("finished_early", "finished_on_time", "finished_late", "in_progress", "overdue")
    )
    assert Dossier.objects.exists()


def test_the_report_derives_both_breakdowns_from_one_pass_with_the_same_numbers(generated: None) -> None:
    for period in (PERIODS[1], PERIODS[-1]):
        report = monthly_report(period, Scope())
        for group, rows in (("agency", report.by_agency), ("field", report.by_field)):
            alone = figures_by(period, Scope(), group)
            assert [(r.key, r.figures) for r in rows] == [(r.key, r.figures) for r in alone], group
        assert report.total == figures(period)


def test_the_page_lists_the_first_late_dossiers_and_counts_them_all(generated: None) -> None:
    period = PERIODS[-1]
    every = late_rows(period, Scope())
    total = figures(period)
    assert len(every) == total["finished_late"] + total["overdue"] > 3
    report = monthly_report(period, Scope(), late_limit=3)
    assert report.late_total == len(every)
    assert [r.code for r in report.late] == [r.code for r in every[:3]]
    assert [r.code for r in monthly_report(period, Scope(), late_limit=None).late] == [r.code for r in every]
