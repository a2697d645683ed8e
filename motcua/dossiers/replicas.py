"""Copies of generated dossiers, for volume (`generate_dossiers --histories K`).

Why: every action through the services costs about a dozen statements and 25–30 ms on a small
machine, so 100,000 dossiers with their histories would take the better part of a day. The
generator therefore runs K histories through the services and fills the rest of `--count` with
copies of them. A copy keeps its template's history exactly — procedure version, agencies,
officers, instants, events, steps, pauses, supplement requests, notes, documents — so it obeys the
rules because its template did, and its events replay to its own row. What identifies a dossier is
new: the code (the next numbers of the same desk's day, reserved from the same counter), the
register number (the agency's year counter), the applicant (drawn from the seed), the form numbers
derived from the code, the postal tracking number and the online idempotency key.

Not copied: outbox messages (nothing was sent for a copy) and deadline reminders. Scans and result
files are shared with the template: stored files are never rewritten in place.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from motcua.dossiers.codes import code_key, dossier_codes_reserve, register_number_next
from motcua.dossiers.intake import Applicant
from motcua.dossiers.models import (
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierNote,
    DossierPause,
    DossierStep,
    OnlineSubmission,
    SupplementItem,
    SupplementRequest,
)

CHUNK = 200  # copies per transaction: a few thousand rows per bulk insert
M = TypeVar("M", bound=models.Model)


@dataclass
class Template:
    """A generated dossier with every row that belongs to it, loaded once for all its copies."""

    dossier: Dossier
    documents: list[DossierDocument]
    notes: list[DossierNote]
    requests: list[SupplementRequest]
    items: dict[int, list[SupplementItem]]
    events: list[DossierEvent]
    steps: list[DossierStep]
    pauses: list[DossierPause]
    online: OnlineSubmission | None


def templates_load(ids: Sequence[int]) -> list[Template]:
    """The templates in the order of `ids` (a handful of queries for all of them)."""
    rows = {
        d.pk: d
        for d in Dossier.objects.filter(pk__in=ids)
        .select_related("receiving_agency", "online")
        .prefetch_related("documents", "notes", "supplement_requests__items", "events", "steps", "pauses")
    }
    templates = []
    for pk in ids:
        d = rows[pk]
        requests = sorted(d.supplement_requests.all(), key=lambda r: r.pk)
        templates.append(
            Template(
                dossier=d,
                documents=sorted(d.documents.all(), key=lambda x: x.pk),
                notes=sorted(d.notes.all(), key=lambda x: x.pk),
                requests=requests,
                items={r.pk: sorted(r.items.all(), key=lambda x: x.pk) for r in requests},
                events=sorted(d.events.all(), key=lambda x: x.seq),
                steps=sorted(d.steps.all(), key=lambda x: x.seq),
                pauses=sorted(d.pauses.all(), key=lambda x: x.pk),
                online=getattr(d, "online", None),
            )
        )
    return templates


def _clone(row: M, **changes: Any) -> M:
    """An unsaved copy of `row` with `changes` (by attribute name, e.g. `dossier_id`)."""
    values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if not f.primary_key}
    values.update(changes)
    return type(row)(**values)


def _renamed(value: Any, old: str, new: str) -> Any:
    """A fresh copy of `value` (an event payload) with the template's code replaced wherever a form
    number holds it."""
    text = json.dumps(value, ensure_ascii=False)
    return json.loads(text.replace(json.dumps(old)[1:-1], json.dumps(new)[1:-1]))


def _reserve(templates: Sequence[Template]) -> tuple[list[str], list[int | None]]:
    """Codes and register numbers for one copy of each template, reserved a block per counter row
    (in the order of `templates`, so the same seed gives the same numbers)."""
    by_day: dict[tuple[int, Any], list[int]] = defaultdict(list)
    by_year: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, t in enumerate(templates):
        d = t.dossier
        by_day[(d.receiving_agency_id, timezone.localdate(d.created_at))].append(i)
        if d.register_number is not None and d.received_at is not None:
            by_year[(d.receiving_agency_id, timezone.localdate(d.received_at).year)].append(i)
    codes: list[str] = [""] * len(templates)
    numbers: list[int | None] = [None] * len(templates)
    for (_agency, day), indices in by_day.items():
        agency = templates[indices[0]].dossier.receiving_agency
        for i, code in zip(
            indices, dossier_codes_reserve(agency=agency, day=day, count=len(indices)), strict=True
        ):
            codes[i] = code
    for (_agency, year), indices in by_year.items():
        agency = templates[indices[0]].dossier.receiving_agency
        last = register_number_next(agency=agency, year=year, count=len(indices))
        for offset, i in enumerate(indices):
            numbers[i] = last - len(indices) + 1 + offset
    return codes, numbers


def _copy_chunk(
    templates: Sequence[Template],
    indices: Sequence[int],
    *,
    seed: int,
    applicant: Callable[[random.Random, Dossier], Applicant],
) -> list[Dossier]:
    """One copy of each of `templates` (copy number `indices[i]` drawing from the seed), in one
    transaction."""
    codes, numbers = _reserve(templates)
    dossiers: list[Dossier] = []
    for t, index, code, number in zip(templates, indices, codes, numbers, strict=True):
        rng = random.Random(f"{seed}:copy:{index}")  # noqa: S311 - generated data, not security
        person = applicant(rng, t.dossier)
        copy = _clone(
            t.dossier, code=code, code_key=code_key(code), register_number=number, applicant_kind=person.kind,
            applicant_name=person.name, applicant_id_number=person.id_number, applicant_tax_code=person.tax_code,
            applicant_phone=person.phone or t.dossier.applicant_phone, applicant_email=person.email,
            applicant_province=person.province, applicant_district=person.district,
            applicant_commune=person.commune, applicant_street=person.street,
            postal_tracking_number=f"RR{rng.randrange(10**9):09d}VN" if t.dossier.postal_tracking_number else "",
        )  # fmt: skip
        copy.search_text_refresh()
        dossiers.append(copy)
    Dossier.objects.bulk_create(dossiers)

    # Old primary key → the copy's, per copy: a template may be copied more than once per chunk.
    pairs = list(enumerate(zip(templates, dossiers, strict=True)))
    notes = {(i, n.pk): _clone(n, dossier_id=d.pk) for i, (t, d) in pairs for n in t.notes}
    DossierNote.objects.bulk_create(notes.values())
    requests = {
        (i, r.pk): _clone(
            r,
            dossier_id=d.pk,
            number=r.number.replace(t.dossier.code, d.code, 1),
            reason_id=_new(notes, i, r.reason_id),
        )
        for i, (t, d) in pairs
        for r in t.requests
    }
    SupplementRequest.objects.bulk_create(requests.values())
    SupplementItem.objects.bulk_create(
        [
            _clone(item, request_id=requests[(i, r.pk)].pk)
            for i, (t, _d) in pairs
            for r in t.requests
            for item in t.items[r.pk]
        ]
    )

    events: list[DossierEvent] = []
    steps: list[DossierStep] = []
    pauses: list[DossierPause] = []
    documents: list[DossierDocument] = []
    online: list[OnlineSubmission] = []
    for i, (t, d) in pairs:
        old = t.dossier
        for e in t.events:
            payload = _renamed(e.payload, old.code, d.code)
            if "register_number" in payload:
                payload["register_number"] = d.register_number
            events.append(_clone(e, dossier_id=d.pk, note_id=_new(notes, i, e.note_id), payload=payload))
        steps += [_clone(s, dossier_id=d.pk) for s in t.steps]
        pauses += [
            _clone(
                p,
                dossier_id=d.pk,
                note_id=_new(notes, i, p.note_id),
                supplement_request_id=_new(requests, i, p.supplement_request_id),
            )
            for p in t.pauses
        ]
        documents += [_clone(x, dossier_id=d.pk) for x in t.documents]
        if t.online is not None:
            key = f"sinh-{seed}-copy-{indices[i]}"
            online.append(_clone(t.online, dossier_id=d.pk, idempotency_key=key))
    DossierEvent.objects.bulk_create(events, batch_size=2000)
    DossierStep.objects.bulk_create(steps, batch_size=2000)
    DossierPause.objects.bulk_create(pauses, batch_size=2000)
    DossierDocument.objects.bulk_create(documents, batch_size=2000)
    OnlineSubmission.objects.bulk_create(online)
    return dossiers


def _new(copies: Mapping[tuple[int, int], models.Model], position: int, old_id: int | None) -> int | None:
    """The primary key of the copy (at `position` in the chunk) of the row `old_id`, if any."""
    return None if old_id is None else copies[(position, old_id)].pk


def dossiers_copy(
    template_ids: Sequence[int],
    count: int,
    *,
    seed: int,
    applicant: Callable[[random.Random, Dossier], Applicant],
    first_index: int = 0,
) -> Iterator[list[Dossier]]:
    """`count` copies of the templates, taken round-robin (copy i of template `i % len`), numbered
    from `first_index` for the seed; yields each transaction's copies once committed."""
    if not template_ids or count <= 0:
        return
    templates = templates_load(template_ids)
    for start in range(0, count, CHUNK):
        indices = list(range(start, min(start + CHUNK, count)))
        chosen = [templates[i % len(templates)] for i in indices]
        with transaction.atomic():
            chunk = _copy_chunk(chosen, [first_index + i for i in indices], seed=seed, applicant=applicant)
        yield chunk


__all__ = ["Template", "dossiers_copy", "templates_load"]
