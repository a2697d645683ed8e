"""The evaluation of procedure handling (DOMAIN §7): each of the nine indicators from its source,
against a computation written out in the test; N/A left out of the total; the supervisor's
correction; totals and bands (data) per agency and period."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from motcua.catalog.models import OnlineLevel
from motcua.core import facts, periods
from motcua.core.periods import parse_month
from motcua.dossiers import processing
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.processing_factories import first_document, local, make_cast, receive
from motcua.oversight import selectors, services
from motcua.oversight.models import HandlingBand
from motcua.oversight.tests.factories import early_dossier, late_dossier, run_through

pytestmark = pytest.mark.django_db
MARCH = parse_month("2026-03")


@pytest.fixture(autouse=True)
def no_facts(monkeypatch):  # type: ignore[no-untyped-def]
    """No survey or feedback app unless a test provides one."""
    monkeypatch.setattr(facts, "_SOURCES", {})


def published_cast():  # type: ignore[no-untyped-def]
    """The cast, its procedure published on 01/02/2026, before any dossier of these tests."""
    cast = make_cast()
    type(cast.version).objects.filter(pk=cast.version.pk).update(published_at=local(2026, 2, 1, 8, 0))
    return cast


def _scores(dossier: Dossier) -> dict[int, int | None]:
    return selectors.handling_scores([dossier])[0].scores


def _total(scores: dict[int, int | None]) -> Decimal:
    """Written out: the scored indicators' points over their maximum, on the 18-point scale."""
    scored = [v for v in scores.values() if v is not None]
    return (Decimal(sum(scored)) * 18 / (2 * len(scored))).quantize(Decimal("0.1"))


def test_an_early_dossier_through_the_desk_scores_full_points_where_it_has_sources() -> None:
    cast = published_cast()
    dossier = early_dossier(cast)
    # 1 early, 2 no step overran, 3 no supplement, 4 one agency, 5 received and returned at the desk,
    # 6 published before receipt, 7–8 no survey or petition (N/A), 9 online offered, desk channel: 1.
    assert _scores(dossier) == {1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: None, 8: None, 9: 1}
    score = selectors.handling_scores([dossier])[0]
    assert score.points == 13 and score.scored == 7
    assert score.total == _total(score.scores) == Decimal("16.7")  # 13 / 14 × 18


def test_indicator_1_late_scores_0_or_1_with_an_apology_and_2_counts_the_steps_that_overran() -> None:
    cast = published_cast()
    late = late_dossier(cast)  # step 2 at the other agency overran, no apology
    assert _scores(late)[1] == 0 and _scores(late)[2] == 1
    cast2 = published_cast()
    cast2.at(local(2026, 3, 2, 8, 0))
    apologised = receive(cast2)
    processing.dossier_assign(
        dossier=apologised, officer=cast2.leader, assignee=cast2.specialist, at=cast2.tick()
    )
    processing.dossier_forward(
        dossier=apologised, officer=cast2.specialist, at=cast2.at(local(2026, 3, 3, 15, 0))
    )
    processing.dossier_assign(
        dossier=apologised, officer=cast2.leader2, assignee=cast2.specialist2, at=cast2.tick()
    )
    # Step 1 overran (forwarded the next afternoon): its agency is at fault and its leader apologises.
    processing.dossier_apologise(
        dossier=apologised, officer=cast2.leader, reason="Chờ xác minh", rescheduled_due_at=local(2026, 3, 12, 17, 0),
        at=cast2.at(local(2026, 3, 6, 9, 0)),
    )  # fmt: skip
    processing.dossier_forward(
        dossier=apologised, officer=cast2.specialist2, at=cast2.at(local(2026, 3, 10, 9, 0))
    )
    processing.dossier_assign(
        dossier=apologised, officer=cast2.leader, assignee=cast2.specialist, at=cast2.tick()
    )
    processing.dossier_mark_ready(
        dossier=apologised, officer=cast2.specialist, at=cast2.at(local(2026, 3, 11, 9, 0))
    )
    apologised.refresh_from_db()
    steps = list(apologised.steps.values_list("due_at", "finished_at"))
    overran = sum(
        1 for due, done in steps if done and done > due
    )  # every step: 1, 2 and 3 (a day for half a day)
    assert overran == 3
    assert _scores(apologised)[1] == 1 and _scores(apologised)[2] == 0
    # 5: received at the desk but not returned yet: one of the two.
    assert _scores(apologised)[5] == 1


def test_indicators_3_and_4_count_supplement_requests_and_the_agencies_that_asked() -> None:
    cast = published_cast()
    cast.at(local(2026, 3, 2, 8, 0))
    dossier = receive(cast)
    processing.dossier_assign(dossier=dossier, officer=cast.leader, assignee=cast.specialist, at=cast.tick())
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
    dossier.refresh_from_db()
    requests = list(dossier.supplement_requests.values_list("agency_id", flat=True))
    agencies = {dossier.receiving_agency_id, *requests}
    assert (len(requests), len(agencies)) == (1, 2)
    assert _scores(dossier)[3] == 1 and _scores(dossier)[4] == 1
    assert _scores(dossier)[1] is None  # unfinished: N/A


def test_indicator_6_is_zero_when_the_version_was_published_after_receipt() -> None:
    cast = published_cast()
    dossier = early_dossier(cast)
    version = dossier.procedure_version
    type(version).objects.filter(pk=version.pk).update(published_at=local(2026, 3, 3, 12, 0))
    dossier.refresh_from_db()
    assert _scores(dossier)[6] == 0


def test_indicator_9_online_channel_full_points_and_na_without_online_service() -> None:
    cast = published_cast()
    dossier = early_dossier(cast)
    Dossier.objects.filter(pk=dossier.pk).update(channel="ONLINE")
    dossier.refresh_from_db()
    assert _scores(dossier)[9] == 2
    type(dossier.procedure_version).objects.filter(pk=dossier.procedure_version_id).update(
        online_level=OnlineLevel.NONE
    )
    dossier.refresh_from_db()
    assert _scores(dossier)[9] is None


@pytest.mark.parametrize(
    ("attitude", "expected"), [((4, 5), 2), ((8, 10), 2), ((1, 2), 1), ((2, 5), 0), ((0, 0), None)]
)
def test_indicator_7_reads_the_share_of_satisfied_answers_about_officials(
    monkeypatch, attitude, expected
) -> None:  # type: ignore[no-untyped-def]
    cast = published_cast()
    dossier = early_dossier(cast)
    monkeypatch.setitem(facts._SOURCES, "survey.attitude", ("surveys", lambda ids: {dossier.pk: attitude}))
    satisfied, valid = attitude
    written_out = (
        None if valid == 0 else 2 if satisfied / valid >= 0.8 else 1 if satisfied / valid >= 0.5 else 0
    )
    assert _scores(dossier)[7] == written_out == expected


@pytest.mark.parametrize(("petitions", "expected"), [((2, 2), 2), ((2, 1), 1), ((3, 1), 0), ((0, 0), None)])
def test_indicator_8_reads_the_petitions_answered_on_time(monkeypatch, petitions, expected) -> None:  # type: ignore[no-untyped-def]
    cast = published_cast()
    dossier = early_dossier(cast)
    monkeypatch.setitem(
        facts._SOURCES, "feedback.petitions", ("feedback", lambda ids: {dossier.pk: petitions})
    )
    assert _scores(dossier)[8] == expected


def test_a_dossier_without_a_petition_fact_is_na_and_left_out_of_the_total(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cast = published_cast()
    dossier = early_dossier(cast)
    monkeypatch.setitem(facts._SOURCES, "feedback.petitions", ("feedback", lambda ids: {}))
    monkeypatch.setitem(facts._SOURCES, "survey.attitude", ("surveys", lambda ids: {dossier.pk: (1, 1)}))
    score = selectors.handling_scores([dossier])[0]
    assert score.scores[8] is None and score.scores[7] == 2
    assert score.total == _total(score.scores) == Decimal("16.9")  # 15 / 16 × 18 = 16.875


def test_the_supervisors_correction_replaces_the_computed_score_and_keeps_the_reason() -> None:
    cast = published_cast()
    dossier = early_dossier(cast)
    services.handling_correct(
        dossier=dossier, officer=cast.supervisor, indicator=9, score=2, reason="Có nộp trực tuyến"
    )
    services.handling_correct(
        dossier=dossier, officer=cast.supervisor, indicator=7, score=0, reason="Phản ánh trực tiếp"
    )
    score = selectors.handling_scores([dossier])[0]
    assert score.scores[9] == 2 and score.scores[7] == 0
    assert score.corrected[7].reason == "Phản ánh trực tiếp"


def test_totals_and_bands_per_agency_follow_the_band_table() -> None:
    cast = published_cast()
    early = early_dossier(cast)  # 16.7
    late = late_dossier(cast)
    totals = [selectors.handling_scores([d])[0].total for d in (early, late)]
    average = (sum(totals, Decimal(0)) / 2).quantize(Decimal("0.1"))
    (row,) = selectors.handling_by_agency(MARCH)
    assert row.agency == cast.agency and row.dossiers == 2 and row.average == average
    bands = {b.label: b.min_points for b in HandlingBand.objects.all()}
    expected = max((label for label, low in bands.items() if average >= low), key=lambda label: bands[label])
    assert row.band.label == expected
    HandlingBand.objects.filter(label=expected).update(min_points=Decimal("18"))  # bands are data
    (row,) = selectors.handling_by_agency(MARCH)
    assert row.band.label != expected
    assert run_through  # the factory is shared with the other tests


def test_the_supervisor_appraises_every_flagged_dossier_and_a_stable_sample_of_the_others() -> None:
    cast = published_cast()
    late = late_dossier(cast)
    early = [early_dossier(cast, day=day) for day in (3, 4, 5)]
    flagged, sample = selectors.handling_to_appraise(MARCH, sample=2)
    assert [s.dossier.pk for s in flagged] == [late.pk]
    assert len(sample) == 2 and {s.dossier.pk for s in sample} <= {d.pk for d in early}
    assert [s.dossier.pk for s in selectors.handling_to_appraise(MARCH, sample=2)[1]] == [
        s.dossier.pk for s in sample
    ]


def _same_day(cast, year: int, month: int, day: int) -> Dossier:  # type: ignore[no-untyped-def]
    return run_through(
        cast, received=local(year, month, day, 8, 0), back=local(year, month, day, 14, 0),
        ready=local(year, month, day, 15, 0), returned=local(year, month, day, 16, 0),
    )  # fmt: skip


def test_totals_by_quarter_are_those_of_the_three_months_dossiers_together() -> None:
    cast = published_cast()  # published 01/02/2026: the January dossier scores 0 on indicator 6
    january, february = _same_day(cast, 2026, 1, 5), _same_day(cast, 2026, 2, 2)
    late = late_dossier(cast)  # finished 10/03
    before, after = _same_day(cast, 2025, 12, 8), _same_day(cast, 2026, 3, 16)  # months 2025-12, 2026-04
    quarter = periods.quarter(2026, 1)  # decree 09: 15/12/2025 → 14/03/2026
    assert (quarter.start, quarter.end) == (date(2025, 12, 15), date(2026, 3, 14))
    # Written out: the three reporting months' dossiers, scored one by one, averaged together.
    months = [parse_month(m) for m in ("2026-01", "2026-02", "2026-03")]
    dossiers = [d for m in months for d in selectors.handling_dossiers(m)]
    assert {d.pk for d in dossiers} == {january.pk, february.pk, late.pk}
    assert before.pk not in {d.pk for d in dossiers} and after.pk not in {d.pk for d in dossiers}
    totals = [_total(_scores(d)) for d in dossiers]
    assert len(set(totals)) > 1  # the months differ, so a month's average alone would not do
    average = (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.1"))
    bands = list(HandlingBand.objects.all())

    def band(total: Decimal) -> str:
        return max((b for b in bands if total >= b.min_points), key=lambda b: b.min_points).label

    (row,) = selectors.handling_by_agency(quarter)
    assert (row.agency, row.dossiers, row.average) == (cast.agency, 3, average)
    assert row.band.label == band(average)
    assert row.per_band == dict(Counter(band(t) for t in totals))
    # Each month alone: one dossier each; the half year holds the quarter and the month after it.
    assert [selectors.handling_by_agency(m)[0].dossiers for m in months] == [1, 1, 1]
    assert selectors.handling_by_agency(periods.half(2026))[0].dossiers == 4
    # Scoped to an agency's subtree: the other agency received nothing.
    assert selectors.handling_by_agency(quarter, agency=cast.other) == []
    assert selectors.handling_by_agency(quarter, agency=cast.agency)[0].average == average


def test_scores_read_in_batches_equal_scores_read_at_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cast = published_cast()
    dossiers = [early_dossier(cast), late_dossier(cast), early_dossier(cast, day=4)]
    at_once = [(s.dossier.pk, s.scores, s.total) for s in selectors.handling_scores(dossiers)]
    monkeypatch.setattr(selectors, "SCORE_BATCH", 1)
    assert [(s.dossier.pk, s.scores, s.total) for s in selectors.handling_scores(dossiers)] == at_once
    assert len(at_once) == 3
