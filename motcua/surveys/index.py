"""The satisfaction index (DOMAIN §6, CONTRACTS §7 `surveys/index`).

Satisfied = 4 or 5. The question, criterion and overall indices are pooled shares: satisfied
answers ÷ valid answers over their questions. The 95 % Wilson interval goes with the overall share,
with n = the number of responses (one person's answers are not independent, so the answers are not
n). Below `SURVEY_MIN_RESPONSES` responses the index and its interval are withheld. Quick ratings
are counted beside the index, never mixed into it.

`index_compute` is pure (rows in, figures out) so the property tests drive it directly;
`survey_index` selects the rows for a period and a scope.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from motcua.accounts.models import Agency, User
from motcua.catalog.models import Procedure
from motcua.core.indicators import Measure
from motcua.core.periods import Period
from motcua.dossiers.history import history_events
from motcua.dossiers.models import Action
from motcua.surveys.models import SATISFIED_SCORES, Answer, Criterion, QuickLevel, QuickRating, Response

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal
CENT = Decimal("0.01")
# The actions that open a dossier's survey (CONTRACTS §3): receipt, or the desk's guide or refusal.
OPENING_ACTIONS = (Action.RECEIVE, Action.GUIDE, Action.REFUSE)


def _percent(share: float) -> Decimal:
    return (Decimal(repr(share)) * 100).quantize(CENT, ROUND_HALF_UP)


def wilson(satisfied: int, valid: int, n: int) -> tuple[Decimal, Decimal] | None:
    """The 95 % Wilson score interval, in percent, on the share satisfied/valid with n responses."""
    if not valid or not n:
        return None
    p = satisfied / valid
    z2 = Z95 * Z95
    centre = p + z2 / (2 * n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low, high = (centre - half) / (1 + z2 / n), (centre + half) / (1 + z2 / n)
    return _percent(max(0.0, min(low, p))), _percent(min(1.0, max(high, p)))


@dataclass(frozen=True)
class Row:
    """One valid answer: its response, criterion and question codes and its score (1–5)."""

    response: int
    criterion: str
    question: str
    score: int


@dataclass
class Share:
    satisfied: int = 0
    valid: int = 0
    responses: set[int] = field(default_factory=set)

    def add(self, row: Row) -> None:
        self.valid += 1
        self.satisfied += row.score in SATISFIED_SCORES
        self.responses.add(row.response)

    @property
    def index(self) -> Decimal | None:
        return Measure.ratio(self.satisfied, self.valid).value  # type: ignore[return-value]


@dataclass
class Figures:
    responses: int
    invited: int
    overall: Share
    criteria: dict[str, Share]
    questions: dict[str, Share]
    quick: dict[str, int]
    minimum: int

    @property
    def enough(self) -> bool:
        return self.responses >= self.minimum

    @property
    def index(self) -> Decimal | None:
        return self.overall.index if self.enough else None

    @property
    def interval(self) -> tuple[Decimal, Decimal] | None:
        if not self.enough:
            return None
        return wilson(self.overall.satisfied, self.overall.valid, self.responses)

    @property
    def response_rate(self) -> Decimal | None:
        return Measure.ratio(self.responses, self.invited).value  # type: ignore[return-value]

    def criterion_index(self, code: str) -> Decimal | None:
        share = self.criteria.get(code)
        return share.index if share and self.enough else None

    def question_index(self, code: str) -> Decimal | None:
        share = self.questions.get(code)
        return share.index if share and self.enough else None


def index_compute(
    rows: Iterable[Row],
    *,
    responses: int,
    invited: int = 0,
    quick: dict[str, int] | None = None,
    minimum: int = 30,
) -> Figures:
    overall = Share()
    criteria: dict[str, Share] = {}
    questions: dict[str, Share] = {}
    for row in rows:
        overall.add(row)
        criteria.setdefault(row.criterion, Share()).add(row)
        questions.setdefault(row.question, Share()).add(row)
    counts = {level: 0 for level in QuickLevel.values}
    counts.update(quick or {})
    return Figures(responses, invited, overall, criteria, questions, counts, minimum)


# --- selecting the rows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What the figures are about: an agency (and its sub-agencies: the receiving agency of the
    dossier), a procedure, an officer (the receiving officer; the officer rated at the kiosk)."""

    agency: Agency | None = None
    procedure: Procedure | None = None
    officer: User | None = None


def _responses(start: datetime, end: datetime, scope: Scope) -> QuerySet[Response]:
    responses = Response.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
    if scope.agency is not None:
        responses = responses.filter(agency_id__in=scope.agency.subtree_ids())
    if scope.procedure is not None:
        responses = responses.filter(procedure=scope.procedure)
    if scope.officer is not None:
        responses = responses.filter(officer=scope.officer)
    return responses


def _quick(start: datetime, end: datetime, scope: Scope) -> dict[str, int]:
    ratings = QuickRating.objects.filter(at__gte=start, at__lt=end)
    if scope.agency is not None:
        ratings = ratings.filter(agency_id__in=scope.agency.subtree_ids())
    if scope.procedure is not None:
        ratings = ratings.filter(dossier__procedure_version__procedure=scope.procedure)
    if scope.officer is not None:
        ratings = ratings.filter(officer=scope.officer)
    return dict(Counter(ratings.values_list("level", flat=True)))


def _invited(start: datetime, end: datetime, scope: Scope) -> int:
    """Dossiers that could answer from the period on: those whose survey opened in it — received,
    or guided or refused at the desk's check — since the receipt's QR code (or the guide, or the
    refusal) is the invitation; the return SMS repeats it."""
    opened = history_events(start, end, actions=OPENING_ACTIONS, receiving_agency=scope.agency)
    if scope.procedure is not None:
        opened = opened.filter(dossier__procedure_version__procedure=scope.procedure)
    if scope.officer is not None:
        opened = opened.filter(officer=scope.officer)
    return opened.values("dossier_id").distinct().count()


def survey_figures(period: Period, scope: Scope | None = None) -> Figures:
    scope = scope or Scope()
    start, end = period.bounds()
    responses = _responses(start, end, scope)
    rows = (
        Row(r, c, q, s)
        for r, c, q, s in Answer.objects.filter(response__in=responses).values_list(
            "response_id", "question__criterion__code", "question__code", "score"
        )
    )
    return index_compute(
        rows,
        responses=responses.count(),
        invited=_invited(start, end, scope),
        quick=_quick(start, end, scope),
        minimum=settings.SURVEY_MIN_RESPONSES,
    )


def criteria_names() -> dict[str, str]:
    """Criterion names by code, from the latest version that has each code."""
    names: dict[str, str] = {}
    for code, name in Criterion.objects.order_by("code", "-version__number").values_list("code", "name"):
        names.setdefault(code, name)
    return names


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def index_answer(figures: Figures) -> dict[str, Any]:
    """The JSON of `GET /api/v1/surveys/index` (CONTRACTS §7)."""
    interval = figures.interval
    names = criteria_names()
    return {
        "responses": figures.responses,
        "invited": figures.invited,
        "response_rate": _number(figures.response_rate),
        "index": _number(figures.index),
        "ci_low": _number(interval[0]) if interval else None,
        "ci_high": _number(interval[1]) if interval else None,
        "enough": figures.enough,
        "criteria": [
            {
                "code": code,
                "name": names.get(code, code),
                "index": _number(figures.criterion_index(code)),
                "responses": len(figures.criteria[code].responses) if code in figures.criteria else 0,
            }
            for code in sorted(set(names) | set(figures.criteria))
        ],
        "quick": {
            "not_satisfied": figures.quick[QuickLevel.NOT_SATISFIED],
            "satisfied": figures.quick[QuickLevel.SATISFIED],
            "very_satisfied": figures.quick[QuickLevel.VERY_SATISFIED],
        },
    }


def satisfaction_measure(period: Period, agency: Agency | None) -> Measure:
    """The `satisfaction_index` indicator: the pooled share, withheld (None) below the minimum."""
    figures = survey_figures(period, Scope(agency=agency))
    measure = Measure.ratio(figures.overall.satisfied, figures.overall.valid)
    return measure if figures.enough else Measure(None, measure.numerator, measure.denominator)
