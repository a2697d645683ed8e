"""Rebuild a petition's cached state and times from its events alone (as `dossiers.replay` does for
dossiers): the events are the record, the petition row a cache of them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from motcua.accounts.models import Agency
from motcua.core import calendar
from motcua.core.calendar import Limit
from motcua.feedback import limits
from motcua.feedback.models import Action, Petition

CACHED = (
    "state", "category", "classified_at", "agency_id", "refused_at", "refusal_kind", "first_info_request_at",
    "due_at", "answered_at", "publish_due_at", "published_at", "closed_at", "assignee_id",
)  # fmt: skip


def petition_replay(petition: Petition) -> dict[str, Any]:
    """The cached fields as the events say they are."""
    out: dict[str, Any] = dict.fromkeys(CACHED)
    out["category"] = out["refusal_kind"] = ""
    pauses: list[tuple[datetime, datetime | None]] = []
    submitted_at: datetime | None = None
    for event in petition.events.order_by("seq"):
        p = event.payload
        out["state"] = event.to_state
        if event.action == Action.CREATE:
            submitted_at, out["agency_id"] = event.at, event.agency_id
        elif event.action == Action.RECEIVE:
            out["category"] = p["category"]
            out["classified_at"] = out["classified_at"] or event.at
        elif event.action == Action.REFUSE:
            out["refused_at"], out["refusal_kind"] = event.at, p["refusal_kind"]
        elif event.action == Action.START:
            out["assignee_id"] = p["assignee"]
        elif event.action == Action.REQUEST_INFO:
            out["first_info_request_at"] = out["first_info_request_at"] or event.at
            out["assignee_id"] = out["assignee_id"] or event.officer_id
            pauses.append((event.at, None))
        elif event.action == Action.PROVIDE_INFO:
            pauses[-1] = (pauses[-1][0], event.at)
        elif event.action == Action.DRAFT:
            out["assignee_id"] = out["assignee_id"] or event.officer_id
        elif event.action == Action.APPROVE:
            out["answered_at"] = event.at
            out["publish_due_at"] = limits.publish_due(event.at)
        elif event.action == Action.TRANSFER:
            out["agency_id"] = Agency.objects.get(code=p["to_agency"]).pk
            out["assignee_id"] = None
        elif event.action == Action.PUBLISH:
            out["published_at"] = event.at
        elif event.action == Action.CLOSE:
            out["closed_at"] = event.at
    assert submitted_at is not None, "a petition's first event is its creation"
    closed = [(a, b) for a, b in pauses if b is not None]
    out["due_at"] = calendar.due_at(submitted_at, Limit(limits.RESOLVE_DAYS), closed).due_at
    return out


def petition_cached(petition: Petition) -> dict[str, Any]:
    return {field: getattr(petition, field) for field in CACHED}
