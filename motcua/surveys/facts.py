"""The survey facts other apps read by key (motcua.core.facts documents the keys and shapes)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from motcua.core.facts import DossierIds
from motcua.core.periods import Period
from motcua.surveys.models import (
    ATTITUDE_CRITERION,
    SATISFIED_SCORES,
    Answer,
    QuickLevel,
    QuickRating,
    Response,
)

QUICK_SATISFIED = (QuickLevel.SATISFIED, QuickLevel.VERY_SATISFIED)


def attitude(dossier_ids: DossierIds) -> dict[int, Any]:
    """`survey.attitude` → (satisfied, valid): "service of officials" answers rated 4–5 and quick
    ratings SATISFIED / VERY_SATISFIED, over all of them."""
    counts: dict[int, list[int]] = {}
    answers = Answer.objects.filter(
        response__dossier_id__in=dossier_ids, question__criterion__code=ATTITUDE_CRITERION
    ).values_list("response__dossier_id", "score")
    for dossier_id, score in answers:
        pair = counts.setdefault(dossier_id, [0, 0])
        pair[0] += score in SATISFIED_SCORES
        pair[1] += 1
    for dossier_id, level in QuickRating.objects.filter(dossier_id__in=dossier_ids).values_list(
        "dossier_id", "level"
    ):
        pair = counts.setdefault(dossier_id, [0, 0])
        pair[0] += level in QUICK_SATISFIED
        pair[1] += 1
    return {dossier_id: (s, v) for dossier_id, (s, v) in counts.items()}


def disliked(dossier_ids: DossierIds) -> dict[int, Any]:
    """`survey.disliked` → True for dossiers with a NOT_SATISFIED quick rating (766 indicator 5.4)."""
    ids = QuickRating.objects.filter(dossier_id__in=dossier_ids, level=QuickLevel.NOT_SATISFIED).values_list(
        "dossier_id", flat=True
    )
    return dict.fromkeys(ids, True)


def officer(period: Period, user_ids: list[int]) -> dict[int, Any]:
    """`survey.officer` → responses, satisfied and valid answers on dossiers the officer received
    (responses given in the period), and the quick ratings crediting the officer in the period."""
    start, end = period.bounds()
    facts: dict[int, dict[str, Any]] = {}

    def entry(user_id: int) -> dict[str, Any]:
        return facts.setdefault(
            user_id,
            {"responses": 0, "satisfied": 0, "valid": 0, "quick": dict.fromkeys(QuickLevel.values, 0)},
        )

    responses = Response.objects.filter(
        officer_id__in=user_ids, submitted_at__gte=start, submitted_at__lt=end
    )
    for user_id, count in Counter(responses.values_list("officer_id", flat=True)).items():
        entry(user_id)["responses"] = count
    for user_id, score in Answer.objects.filter(response__in=responses).values_list(
        "response__officer_id", "score"
    ):
        row = entry(user_id)
        row["valid"] += 1
        row["satisfied"] += score in SATISFIED_SCORES
    quick = QuickRating.objects.filter(officer_id__in=user_ids, at__gte=start, at__lt=end)
    for (user_id, level), count in Counter(quick.values_list("officer_id", "level")).items():
        entry(user_id)["quick"][level] = count
    return facts
