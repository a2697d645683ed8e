"""Decision 766 indicator 2.2 — the average handling time against each procedure's own limit — read
from the values each dossier stored when its result was marked ready (ADR 0028).

Checked on generated histories three ways: against the average of the stored columns, against the
rule run again on every dossier's times (what the index did before the columns existed), and against
the definition (`handling_oracle.expected_used`, from the pause rows)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.core.periods import Period
from motcua.dossiers.generate import dossiers_generate, locality_load
from motcua.dossiers.handling_time import HandlingRow, handling_measure
from motcua.dossiers.models import Dossier
from motcua.dossiers.processing import procedure_limit
from motcua.dossiers.tests.handling_oracle import expected_of
from motcua.reports.figures import Scope
from motcua.reports.handling_time import handling_in_period
from motcua.reports.index766 import index_766

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
END = datetime(2026, 11, 20, 16, 0, tzinfo=VN)
PERIOD = Period(date(2026, 9, 1), date(2026, 11, 30))


def rounded(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def indicator_2_2(now: datetime = END) -> Any:
    return {i.code: i for g in index_766(PERIOD, Scope(), now=now).groups for i in g.indicators}["2.2"]


def with_result() -> list[Dossier]:
    start, end = PERIOD.bounds()
    return list(
        Dossier.objects.filter(received_at__gte=start, received_at__lt=end, finished_at__lte=END)
        .exclude(classification="")
        .select_related("procedure_version")
        .order_by("pk")
    )


def test_indicator_2_2_averages_the_shares_of_the_dossiers_with_a_result() -> None:
    locality_load()
    dossiers_generate(count=160, seed=22, days=90, end=END, histories=80)
    done = with_result()
    assert len({d.procedure_version.limit_unit for d in done}) > 1  # more than one unit in the sample
    assert any(d.pauses.exists() for d in done)  # and pauses to leave out
    # 1. From the stored columns.
    stored = {d.pk: (Fraction(d.handling_used), Fraction(d.handling_allowed)) for d in done}
    # 2. The rule run again on every dossier's times, as the index did before it stored them.
    rows = [
        HandlingRow(
            d.received_at, d.clock_start_at, d.due_at, d.finished_at, procedure_limit(d.procedure_version)
        )
        for d in done
    ]
    again = {
        d.pk: (Fraction(u.used), Fraction(u.allowed))
        for d, u in zip(done, handling_measure(rows), strict=True)
    }
    # 3. The definition, from the pause rows.
    oracle = expected_of(done)
    assert stored == again == oracle
    shares = sum((used / allowed for used, allowed in oracle.values()), Fraction(0))
    indicator = indicator_2_2()
    assert indicator.denominator == len(done) > 0
    assert indicator.value == rounded(100 * shares / len(done))
    assert indicator.points is None and indicator.max_points == 0  # shown, no points (DOMAIN §5)
    # Per procedure (and limit): the same dossiers, grouped, in the staff page's table.
    table = handling_in_period(PERIOD, Scope(), now=END)
    assert sum(r.dossiers for r in table) == len(done)
    groups: dict[tuple[int, int, str], list[tuple[Fraction, Fraction]]] = {}
    for d in done:
        v = d.procedure_version
        groups.setdefault((v.procedure_id, v.limit_value, v.limit_unit), []).append(oracle[d.pk])
    assert {(r.procedure_id, int(r.limit.value), r.limit.unit) for r in table} == set(groups)
    assert len(table) > 3
    names = dict(
        Dossier.objects.values_list("procedure_version__procedure_id", "procedure_version__procedure__name")
    )
    for r in table:
        mine = groups[(r.procedure_id, int(r.limit.value), r.limit.unit)]
        assert r.name == names[r.procedure_id]
        assert r.dossiers == len(mine)
        assert r.share == rounded(100 * sum((u / a for u, a in mine), Fraction(0)) / len(mine)), (
            r.procedure_id
        )
        assert r.average_used == rounded(sum((u for u, _a in mine), Fraction(0)) / len(mine)), r.procedure_id
    assert [(-r.dossiers, r.name) for r in table] == sorted((-r.dossiers, r.name) for r in table)


def test_a_result_marked_after_now_is_not_yet_counted() -> None:
    locality_load()
    dossiers_generate(count=60, seed=9, days=90, end=END, histories=60)
    done = with_result()
    earlier = min(d.finished_at for d in done)
    counted = [d for d in done if d.finished_at <= earlier]
    assert indicator_2_2().denominator == len(done) > len(counted) == indicator_2_2(earlier).denominator


def test_no_dossier_with_a_result_leaves_2_2_not_applicable() -> None:
    indicator = indicator_2_2()
    assert (indicator.value, indicator.denominator, indicator.points) == (None, 0, None)
    assert handling_in_period(PERIOD, Scope(), now=END) == []


def test_the_index_reads_2_2_in_queries_that_do_not_grow_with_the_dossiers() -> None:
    locality_load()
    counts = []
    for seed in (1, 2):
        dossiers_generate(count=40 * seed, seed=seed, days=90, end=END, histories=20)
        indicator_2_2()  # warm: the weights, the calendar
        with CaptureQueriesContext(connection) as queries:
            assert indicator_2_2().denominator > 0
        counts.append(len(queries))
    assert Dossier.objects.exclude(classification="").count() > 40
    assert counts[0] == counts[1], counts
