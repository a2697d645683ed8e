"""The satisfaction index on hand-made data, worked out here (not by the code under test)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.core.facts import fact_values, officer_fact_values
from motcua.core.indicators import indicator_value
from motcua.core.periods import Period
from motcua.dossiers.tests.processing_factories import local, make_cast, make_dossier_in, receive
from motcua.surveys.index import Scope, index_answer, survey_figures, wilson
from motcua.surveys.models import FollowUp, QuickLevel, QuickRating
from motcua.surveys.services import kiosk_duty_start, quick_rating_record
from motcua.surveys.tests.factories import respond

pytestmark = pytest.mark.django_db

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def world(settings):  # type: ignore[no-untyped-def]
    """Three responses in March 2026 at one agency — two on the web, one on paper — and three quick
    ratings at its kiosk; one dossier returned in March (an invitation)."""
    settings.SURVEY_MIN_RESPONSES = 3
    returned, cast = make_dossier_in("RETURNED")
    second = receive(cast)
    third = receive(cast)
    at = local(2026, 3, 10, 9, 0)
    # R1: C1.1=5 C1.2=4 C4.1=2 → 2 satisfied of 3
    respond(returned, {"C1.1": 5, "C1.2": 4, "C4.1": 2}, at=at)
    # R2: C1.1=3 C4.1=4 → 1 of 2
    respond(second, {"C1.1": 3, "C4.1": 4}, at=at)
    # R3 (paper, typed by a colleague of the desk): C1.1=1 C1.2=5 C4.1=5 C4.2=4 → 3 of 4
    clerk = UserFactory(role=Role.DESK_OFFICER, agency=cast.agency)
    respond(third, {"C1.1": 1, "C1.2": 5, "C4.1": 5, "C4.2": 4}, at=at, paper_by=clerk)
    kiosk = UserFactory(role=Role.KIOSK, agency=cast.agency)
    kiosk_duty_start(kiosk=kiosk, officer=cast.desk, at=at)
    for level in (QuickLevel.VERY_SATISFIED, QuickLevel.VERY_SATISFIED, QuickLevel.NOT_SATISFIED):
        quick_rating_record(kiosk=kiosk, level=level, at=at)
    return cast


def test_the_index_pools_web_and_paper_answers_and_keeps_quick_ratings_apart(world) -> None:  # type: ignore[no-untyped-def]
    figures = survey_figures(MARCH, Scope(agency=world.agency))
    assert figures.responses == 3
    assert figures.invited == 3  # three dossiers received in March: their receipts invite
    assert figures.response_rate == Decimal("100.00")
    # overall: (2 + 1 + 3) satisfied of (3 + 2 + 4) answers = 6/9
    assert figures.index == Decimal("66.67")
    # C1: 5,4 | 3 | 1,5 → 3 of 5; C4: 2 | 4 | 5,4 → 3 of 4
    assert figures.criterion_index("C1") == Decimal("60.00")
    assert figures.criterion_index("C4") == Decimal("75.00")
    assert figures.criterion_index("C2") is None
    # question C1.1: 5, 3, 1 → 1 of 3
    assert figures.question_index("C1.1") == Decimal("33.33")
    # quick ratings beside it, not in it (three ratings would change 6/9 if mixed in)
    assert figures.quick == {"VERY_SATISFIED": 2, "SATISFIED": 0, "NOT_SATISFIED": 1}


def test_the_interval_is_wilsons_with_n_the_number_of_responses(world) -> None:  # type: ignore[no-untyped-def]
    # p = 6/9 = 2/3 with n = 3 responses (not 9 answers): the tabulated 95 % Wilson interval for
    # 2 of 3 is 0.2077–0.9385 (Newcombe 1998, table I method 3).
    low, high = survey_figures(MARCH, Scope(agency=world.agency)).interval  # type: ignore[misc]
    assert low == Decimal("20.77") and high == Decimal("93.85")
    # With n = 9 answers it would be much narrower (0.3542–0.8794): the code must not do that.
    assert wilson(6, 9, 9) == (Decimal("35.42"), Decimal("87.94"))


def test_below_the_minimum_the_index_is_withheld_but_the_counts_are_shown(world, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SURVEY_MIN_RESPONSES = 4
    answer = index_answer(survey_figures(MARCH, Scope(agency=world.agency)))
    assert answer["enough"] is False
    assert answer["index"] is None and answer["ci_low"] is None and answer["ci_high"] is None
    assert answer["responses"] == 3 and answer["invited"] == 3
    assert all(c["index"] is None for c in answer["criteria"])
    assert indicator_value("satisfaction_index", MARCH, world.agency).value is None


def test_the_public_api_answers_as_contracts_section_7(world) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(
        "/api/v1/surveys/index", {"start": "2026-03-01", "end": "2026-03-31", "agency": world.agency.code}
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "responses", "invited", "response_rate", "index", "ci_low", "ci_high", "enough", "criteria", "quick",
    }  # fmt: skip
    assert body["index"] == 66.67 and body["ci_low"] == 20.77 and body["ci_high"] == 93.85
    assert body["responses"] == 3 and body["invited"] == 3 and body["enough"] is True
    assert body["response_rate"] == 100.0
    assert body["quick"] == {"not_satisfied": 1, "satisfied": 0, "very_satisfied": 2}
    c4 = next(c for c in body["criteria"] if c["code"] == "C4")
    assert c4 == {"code": "C4", "name": "Sự phục vụ của công chức", "index": 75.0, "responses": 3}
    assert [c["code"] for c in body["criteria"]] == ["C1", "C2", "C3", "C4", "C5", "C6"]
    # another month has nothing
    empty = Client().get("/api/v1/surveys/index", {"start": "2026-04-01", "end": "2026-04-30"}).json()
    assert empty["responses"] == 0 and empty["index"] is None and empty["response_rate"] is None


def test_the_api_refuses_bad_input_with_422() -> None:
    client = Client()
    assert (
        client.get("/api/v1/surveys/index", {"start": "2026-03-31", "end": "2026-03-01"}).status_code == 422
    )
    assert client.get("/api/v1/surveys/index", {"start": "x", "end": "2026-03-01"}).status_code == 422
    unknown = client.get(
        "/api/v1/surveys/index", {"start": "2026-03-01", "end": "2026-03-31", "agency": "NOPE"}
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "agency"


def test_the_indicator_and_the_facts_are_registered_by_key(world) -> None:  # type: ignore[no-untyped-def]
    measure = indicator_value("satisfaction_index", MARCH, world.agency)
    assert (measure.value, measure.numerator, measure.denominator) == (Decimal("66.67"), 6, 9)
    ids = list(world.agency.received_dossiers.order_by("pk").values_list("pk", flat=True))
    attitude = fact_values("survey.attitude", ids)
    # C4 answers: R1 (2) → 0 of 1; R2 (4) → 1 of 1; R3 (5, 4) → 2 of 2
    assert attitude == {ids[0]: (0, 1), ids[1]: (1, 1), ids[2]: (2, 2)}
    assert fact_values("survey.disliked", ids) == {}  # the kiosk's ratings were not tied to a dossier
    officer = officer_fact_values("survey.officer", MARCH, [world.desk.pk])
    # the desk received all three dossiers: 6 of 9 answers; its kiosk ratings: 2 very satisfied, 1 not
    assert officer == {
        world.desk.pk: {
            "responses": 3, "satisfied": 6, "valid": 9,
            "quick": {"NOT_SATISFIED": 1, "SATISFIED": 0, "VERY_SATISFIED": 2},
        }
    }  # fmt: skip


def test_a_quick_rating_tied_to_a_dossier_is_a_dislike_and_a_follow_up() -> None:
    cast = make_cast()
    dossier = receive(cast)
    kiosk = UserFactory(role=Role.KIOSK, agency=cast.agency)
    kiosk_duty_start(kiosk=kiosk, officer=cast.desk)
    rating = quick_rating_record(kiosk=kiosk, level=QuickLevel.NOT_SATISFIED, code=dossier.code.lower())
    assert rating.officer == cast.desk and rating.dossier == dossier
    assert fact_values("survey.disliked", [dossier.pk]) == {dossier.pk: True}
    assert fact_values("survey.attitude", [dossier.pk]) == {dossier.pk: (0, 1)}
    assert FollowUp.objects.get(quick=rating).kind == FollowUp.Kind.QUICK_NOT_SATISFIED
    assert QuickRating.objects.count() == 1


def test_not_satisfied_answers_and_comments_open_follow_up_items() -> None:
    cast = make_cast()
    happy, unhappy, commented = receive(cast), receive(cast), receive(cast)
    at = cast.now + timedelta(hours=1)
    respond(happy, {"C1.1": 5, "C2.1": 3}, at=at)
    respond(unhappy, {"C1.1": 5, "C4.3": 2}, at=at)
    respond(commented, {"C1.1": 4}, at=at, comment="Chỗ ngồi chờ hơi chật.")
    kinds = sorted(FollowUp.objects.values_list("dossier__code", "kind"))
    assert kinds == sorted([(unhappy.code, "NOT_SATISFIED"), (commented.code, "COMMENT")])
