"""Properties of the index calculator, for any answers (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.surveys.index import Row, index_compute

CODES = [("C1", "C1.1"), ("C1", "C1.2"), ("C3", "C3.1"), ("C4", "C4.1"), ("C4", "C4.3")]

# A list of responses, each a non-empty list of (question, score) answers.
responses = st.lists(
    st.lists(st.tuples(st.sampled_from(CODES), st.integers(1, 5)), min_size=1, max_size=5),
    min_size=1,
    max_size=40,
)


def rows_of(answers: list[list[tuple[tuple[str, str], int]]]) -> list[Row]:
    return [
        Row(number, criterion, question, score)
        for number, response in enumerate(answers)
        for (criterion, question), score in response
    ]


def figures(rows: list[Row], n: int):  # type: ignore[no-untyped-def]
    return index_compute(rows, responses=n, minimum=1)


@settings(deadline=None)  # a shared CI machine: time is not the property
@given(responses)
def test_the_index_lies_between_0_and_100(answers) -> None:  # type: ignore[no-untyped-def]
    result = figures(rows_of(answers), len(answers))
    assert Decimal(0) <= result.index <= Decimal(100)
    for code in result.criteria:
        assert Decimal(0) <= result.criterion_index(code) <= Decimal(100)


@settings(deadline=None)  # a shared CI machine: time is not the property
@given(responses, st.randoms(use_true_random=False))
def test_the_index_does_not_depend_on_the_order_of_the_answers(answers, rng) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(answers)
    shuffled = rows[:]
    rng.shuffle(shuffled)
    a, b = figures(rows, len(answers)), figures(shuffled, len(answers))
    assert (a.index, a.interval) == (b.index, b.interval)
    assert {c: a.criterion_index(c) for c in a.criteria} == {c: b.criterion_index(c) for c in b.criteria}


@settings(deadline=None)  # a shared CI machine: time is not the property
@given(responses, st.sampled_from(CODES), st.sampled_from([4, 5]), st.booleans())
def test_one_more_satisfied_answer_never_lowers_the_index(answers, code, score, new_response) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(answers)
    before = figures(rows, len(answers))
    response = len(answers) if new_response else 0
    after = figures([*rows, Row(response, code[0], code[1], score)], len(answers) + new_response)
    assert after.index >= before.index
    assert after.criterion_index(code[0]) >= (before.criterion_index(code[0]) or Decimal(0))


@settings(deadline=None)  # a shared CI machine: time is not the property
@given(responses)
def test_the_interval_contains_the_index(answers) -> None:  # type: ignore[no-untyped-def]
    result = figures(rows_of(answers), len(answers))
    low, high = result.interval
    assert Decimal(0) <= low <= result.index <= high <= Decimal(100)
