"""Rebuild a dossier's cached state and times from its events alone (CONTRACTS §4).

Times are read from the events' payloads, never recomputed: once computed they are frozen, so a
later edit of the calendar cannot make the replay disagree. Besides the dossier's own fields, the
replay rebuilds the processing steps (the hand-over history: order, start, finish, assignee,
classification) and the pause intervals from the events.

Left out, as derived from what is replayed rather than recorded: the due time's trace
(`due_trace`, `due_estimated`), the search text, and the handling time of Decision 766 indicator 2.2
(`handling_used`, `handling_allowed`: `processing.dossier_handling` of the replayed times and the
version's limit, measured once at `mark_ready`; the tests check that it derives from the replay).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from motcua.dossiers.models import Dossier

TIME_FIELDS = ("received_at", "clock_start_at", "due_at", "rescheduled_due_at", "finished_at")
FINISHING = {"refuse": "at", "mark_ready": "at", "return_result": "at", "stop": "at", "withdraw": "at"}
PAUSING = {"request_supplement": "SUPPLEMENT", "pause": None}
RESUMING = {"complete_supplement", "resume"}
HAND_OVERS = {"forward", "send_back"}
ENDING = {"stop", "withdraw"}


def _time(raw: str | None) -> datetime | None:
    return datetime.fromisoformat(raw) if raw else None


def dossier_replay(dossier: Dossier) -> dict[str, Any]:
    """The state, register number, times, classification, steps and pauses that the events imply."""
    state = ""
    values: dict[str, Any] = dict.fromkeys(TIME_FIELDS)
    values["register_number"] = None
    values["classification"] = ""
    steps: list[list[Any]] = []  # [seq, order, started_at, finished_at, assignee_id, classification]
    pauses: list[list[Any]] = []  # [kind, started_at, ended_at]
    first_order = min(
        dossier.procedure_version.steps.values_list("order", flat=True), default=1
    )  # the version is immutable
    for event in dossier.events.order_by("seq"):
        state = event.to_state
        payload = event.payload
        for name in (*TIME_FIELDS, "register_number", "classification"):
            if name in payload:
                raw = payload[name]
                values[name] = _time(raw) if name in TIME_FIELDS else raw
        if event.action in FINISHING and values["finished_at"] is None:
            values["finished_at"] = event.at
        open_step = steps[-1] if steps and steps[-1][3] is None else None
        if event.action == "receive":
            steps.append([1, first_order, values["clock_start_at"], None, None, ""])
        elif event.action == "assign" and open_step is not None:
            open_step[4] = payload.get("assignee")
        elif event.action in HAND_OVERS and open_step is not None:
            open_step[3], open_step[5] = event.at, payload.get("from_step_classification", "")
            steps.append([payload["step_seq"], payload["step"], event.at, None, payload.get("assignee"), ""])
        elif event.action == "mark_ready" and open_step is not None:
            open_step[3], open_step[5] = event.at, payload.get("step_classification", "")
        elif event.action in ENDING and open_step is not None:
            open_step[3] = event.at
        if event.action in PAUSING:
            pauses.append([PAUSING[event.action] or payload.get("kind", ""), event.at, None])
        elif (event.action in RESUMING or event.action in ENDING) and pauses and pauses[-1][2] is None:
            pauses[-1][2] = event.at
    return {
        "state": state,
        **values,
        "steps": [tuple(row) for row in steps],
        "pauses": [tuple(row) for row in pauses],
    }


def dossier_cached(dossier: Dossier) -> dict[str, Any]:
    """The same facts as stored on the dossier row and its step and pause rows, for comparison with
    the replay."""
    return {
        "state": dossier.state,
        **{name: getattr(dossier, name) for name in TIME_FIELDS},
        "register_number": dossier.register_number,
        "classification": dossier.classification,
        "steps": [
            (s.seq, s.order, s.started_at, s.finished_at, s.assignee_id, s.classification)
            for s in dossier.steps.order_by("seq")
        ],
        "pauses": [(p.kind, p.started_at, p.ended_at) for p in dossier.pauses.order_by("started_at", "pk")],
    }
