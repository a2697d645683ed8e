"""The Decision 766 index on generated histories, against plain-Python computations over the rows;
the N/A rules, the applicable maximum, the weights as data and 5.4 with a registered fact."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest

from motcua.core import facts
from motcua.core.periods import Period
from motcua.dossiers.generate import dossiers_generate, locality_load
from motcua.dossiers.models import Dossier, DossierFlags
from motcua.dossiers.services import dossier_flags_set
from motcua.reports.figures import Scope
from motcua.reports.index766 import index_766
from motcua.reports.models import IndexWeight
from motcua.reports.tests.oracle import expected_2_1, load_rows, ratio

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
END = datetime(2026, 11, 20, 16, 0, tzinfo=VN)
PERIOD = Period(date(2026, 9, 1), date(2026, 11, 30))


@pytest.fixture
def generated() -> None:
    locality_load()
    dossiers_generate(count=100, seed=766, days=90, end=END, histories=40)


@pytest.fixture
def disliked_fact() -> Iterator[set[int]]:
    """A stand-in for the surveys app's `survey.disliked` (it registers the real one)."""
    disliked: set[int] = set()
    saved = dict(facts._SOURCES)
    facts._SOURCES.pop("survey.disliked", None)  # the surveys app's own source, replaced for the test
    facts.fact_register("survey.disliked", lambda ids: {i: True for i in ids if i in disliked}, owner="test")
    yield disliked
    facts._SOURCES.clear()
    facts._SOURCES.update(saved)


def indicators(index) -> dict[str, object]:
    return {i.code: i for g in index.groups for i in g.indicators}


def test_the_dossier_indicators_equal_plain_computations(generated: None, disliked_fact: set[int]) -> None:
    received = list(
        Dossier.objects.filter(received_at__date__gte=PERIOD.start)
        .select_related("procedure_version", "online")
        .prefetch_related("documents", "procedure_version__fees")
        .order_by("pk")
    )
    officer = Dossier.objects.first().received_by
    for dossier in received[::3]:
        dossier_flags_set(dossier=dossier, officer=officer, reused_digitised=True, paid_online=True)
    disliked_fact.update(d.pk for d in received[::5])
    now = END
    index = index_766(PERIOD, Scope(), now=now)
    got = indicators(index)
    start, end = PERIOD.bounds()
    mine = [d for d in received if start <= d.received_at < end]

    def electronic(d: Dossier) -> bool:
        online = getattr(d, "online", None) if hasattr(d, "online") else None
        return bool(d.result_file) or bool(online and online.result_file)

    finished = [d for d in mine if d.classification and d.finished_at <= now]
    online_ok = [
        d
        for d in mine
        if d.channel == "ONLINE" and (d.procedure_version.result_kind == "ELECTRONIC" or electronic(d))
    ]
    paper = [d for d in finished if d.procedure_version.result_kind in {"PAPER", "BOTH"}]
    digitised = [d for d in mine if any(doc.scan for doc in d.documents.all()) and electronic(d)]
    flagged = {f.dossier_id: f for f in DossierFlags.objects.all()}
    with_fees = [d for d in mine if any(f.amount_vnd > 0 for f in d.procedure_version.fees.all())]
    paid = [d for d in with_fees if d.pk in flagged and flagged[d.pk].paid_online]
    reused = [d for d in mine if d.pk in flagged and flagged[d.pk].reused_digitised]
    good, total = expected_2_1(load_rows(), start, end, now)
    expected = {
        "2.1": (good, total),
        "3.3": (len(online_ok), len(mine)),
        "3.6": (len(paid), len(with_fees)),
        "4.1": (len([d for d in paper if electronic(d)]), len(paper)),
        "4.2": (len(digitised), len(mine)),
        "4.3": (len(reused), len(mine)),
    }
    for code, (n, d) in expected.items():
        assert (got[code].numerator, got[code].denominator) == (n, d), code
        assert got[code].value == ratio(n, d), code
    # 5.4: 100 % − (late + disliked) ÷ received.
    unfinished_late = (total - len(finished)) - (
        good - len([d for d in finished if d.classification != "LATE"])
    )
    late = len([d for d in finished if d.classification == "LATE"]) + unfinished_late
    disliked = len({d.pk for d in mine} & disliked_fact)
    assert got["5.4"].value == ratio(max(0, len(mine) - late - disliked), len(mine))
    assert got["2.1"].denominator > 0 and got["3.3"].denominator > 0 and disliked > 0


def test_points_follow_the_stored_weights_and_na_leaves_the_applicable_maximum(generated: None) -> None:
    index = index_766(PERIOD, Scope(), now=END)
    got = indicators(index)
    for code in ("1.1", "1.2", "1.4", "3.5", "4.4", "4.5"):
        assert got[code].value is None and got[code].points is None, code  # no source yet
    for code in ("5.1", "5.2", "5.3"):  # the feedback app's shares: no petition in the generated data
        assert got[code].denominator == 0 and got[code].value is None, code
    weights = {w.code: w for w in IndexWeight.objects.all()}
    applicable = Decimal(0)
    total = Decimal(0)
    for code, indicator in got.items():
        if indicator.value is None or weights[code].max_points == 0:
            continue
        share = min(Decimal(1), indicator.value / weights[code].full_at)
        points = (share * weights[code].max_points).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert indicator.points == points, code
        applicable += weights[code].max_points
        total += points
    assert index.applicable_max_points == applicable < 100
    assert index.total_points == total
    assert sum(g.max_points for g in index.groups) == 100  # 18 + 20 + 22 + 22 + 18
    # The weights are data: double 2.1's points and its points double.
    IndexWeight.objects.filter(code="2.1").update(max_points=40)
    again = indicators(index_766(PERIOD, Scope(), now=END))
    assert again["2.1"].points == (min(Decimal(1), got["2.1"].value / 100) * 40).quantize(Decimal("0.01"))


def test_an_empty_period_is_not_applicable_anywhere(generated: None) -> None:
    index = index_766(Period(date(2020, 1, 1), date(2020, 1, 31)), Scope(), now=END)
    got = indicators(index)
    assert got["2.1"].denominator == 0 and got["2.1"].value is None
    applicable = [i.code for i in got.values() if i.points is not None]
    assert index.total_points == 0 and index.applicable_max_points == 0, applicable
    assert got["3.1"].denominator == 0  # no procedure version was in force yet
