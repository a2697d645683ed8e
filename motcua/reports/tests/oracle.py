"""An independent computation of the report figures and the dossier part of the Decision 766 index,
in plain Python over the rows and the events — written from CONTRACTS §2, §8 and DOMAIN §5, not
from the code under test. Pauses and due times are read from the events alone (never from the
pause table or the stored `due_at`), so the oracle checks the queries' shortcuts too."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from motcua.dossiers.models import Dossier, DossierEvent

PAUSE_START = {"request_supplement", "pause"}
PAUSE_END = {"complete_supplement", "resume", "stop", "withdraw"}


@dataclass
class Row:
    pk: int
    agency: int
    field: int
    channel: str
    received_at: datetime | None
    finished_at: datetime | None
    classification: str
    events: list[tuple[int, datetime, str, dict[str, Any]]] = field(default_factory=list)

    def due_as_of(self, instant: datetime) -> datetime | None:
        due = None
        for _seq, at, _action, payload in self.events:
            if at < instant and "due_at" in payload:
                due = datetime.fromisoformat(payload["due_at"])
        return due

    def paused_at(self, instant: datetime) -> bool:
        paused = False
        for _seq, at, action, _payload in self.events:
            if at >= instant:
                break
            if action in PAUSE_START:
                paused = True
            elif action in PAUSE_END:
                paused = False
        return paused

    def unfinished_at(self, instant: datetime) -> bool:
        return (
            self.received_at is not None
            and self.received_at < instant
            and (self.finished_at is None or self.finished_at >= instant)
        )


def load_rows() -> list[Row]:
    rows = {
        d.pk: Row(
            d.pk,
            d.receiving_agency_id,
            d.procedure_version.procedure.field_id,
            d.channel,
            d.received_at,
            d.finished_at,
            d.classification,
        )
        for d in Dossier.objects.select_related("procedure_version__procedure")
    }
    for e in DossierEvent.objects.order_by("dossier_id", "seq"):
        rows[e.dossier_id].events.append((e.seq, e.at, e.action, e.payload))
    return list(rows.values())


def ratio(n: int, d: int) -> Decimal | None:
    if not d:
        return None
    return (Decimal(100) * n / d).quantize(Decimal("0.01"), ROUND_HALF_UP)


def expected_figures(rows: list[Row], start: datetime, end: datetime) -> dict[str, Any]:
    f: dict[str, Any] = defaultdict(int)
    events = {
        "stop": "stopped",
        "withdraw": "withdrawn",
        "refuse": "refused",
        "guide": "guided",
        "apologise": "apologies",
        "return_result": "returned",
    }
    for r in rows:
        if r.received_at is not None and r.received_at < start and r.unfinished_at(start):
            f["carried_over"] += 1
        if r.received_at is not None and start <= r.received_at < end:
            f["received"] += 1
            f["received_" + r.channel.lower()] += 1
        if r.finished_at is not None and start <= r.finished_at < end and r.classification:
            f[
                {"EARLY": "finished_early", "ON_TIME": "finished_on_time", "LATE": "finished_late"}[
                    r.classification
                ]
            ] += 1
        if r.unfinished_at(end):
            due = r.due_as_of(end)
            if r.paused_at(end) or (due is not None and due >= end):
                f["in_progress"] += 1
            else:
                f["overdue"] += 1
        for _seq, at, action, _payload in r.events:
            if start <= at < end and action in events:
                f[events[action]] += 1
    good = f["finished_early"] + f["finished_on_time"] + f["in_progress"]
    keys = [
        "carried_over",
        "received",
        "received_desk",
        "received_post",
        "received_online",
        "finished_early",
        "finished_on_time",
        "finished_late",
        "in_progress",
        "overdue",
        "stopped",
        "withdrawn",
        "refused",
        "guided",
        "apologies",
        "returned",
    ]
    result = {k: f[k] for k in keys}
    result["on_time_rate"] = ratio(good, good + f["finished_late"] + f["overdue"])
    return result


def expected_2_1(rows: list[Row], start: datetime, end: datetime, now: datetime) -> tuple[int, int]:
    """766 indicator 2.1 over dossiers received in [start, end), judged at `now`."""
    good = total = 0
    for r in rows:
        if r.received_at is None or not (start <= r.received_at < end):
            continue
        if r.finished_at is not None and r.finished_at <= now:
            if not r.classification:
                continue  # stopped, withdrawn
            total += 1
            good += r.classification in {"EARLY", "ON_TIME"}
        else:
            total += 1
            due = r.due_as_of(now)
            good += r.paused_at(now) or (due is not None and due >= now)
    return good, total
