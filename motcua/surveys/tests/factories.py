"""Survey test helpers: answers by question code, made through the real services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.surveys.models import Question, Response
from motcua.surveys.services import questionnaire_published, survey_record_response


def question_ids() -> dict[str, int]:
    """Question id by code (C1.1 …) in the version in use."""
    version = questionnaire_published()
    return dict(Question.objects.filter(criterion__version=version).values_list("code", "id"))


def respond(
    dossier: Dossier,
    scores: dict[str, int],
    *,
    at: datetime,
    comment: str = "",
    paper_by: User | None = None,
    **kwargs: Any,
) -> Response:
    ids = question_ids()
    return survey_record_response(
        dossier=dossier,
        scores={ids[code]: score for code, score in scores.items()},
        comment=comment,
        channel=Response.Channel.PAPER if paper_by else Response.Channel.WEB,
        entered_by=paper_by,
        at=at,
        **kwargs,
    )
