"""What every processing action shares: the states, the refusals and their checks, the version's
internal process (the plan), and the locked dossier row with what one action reads from it once.

Kept apart from the families of actions (handling, supplements, pauses, results) so that each of
them reads as its use cases only, and so that the per-action memos live in one place: an action
locks the row (`lock_for_action`), asks for the open step as often as its checks need
(`current_step_locked`, one query), and saves only the columns it changed (`action_done`). The names
are public for the package's families; the rest of the project imports `processing` itself.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.catalog.models import ProcedureVersion
from motcua.core.exceptions import Conflict, FieldError, InvalidInput
from motcua.core.instants import vietnam_time
from motcua.core.text import nfc
from motcua.dossiers.exceptions import WrongState
from motcua.dossiers.models import (
    Dossier,
    DossierEvent,
    DossierNote,
    DossierPause,
    DossierStep,
)


# --- refusals (the exceptions: `dossiers.exceptions`; who may act: `dossiers.rules`) ---------------
def require_role(officer: User | None, roles: Iterable[Role], message: str) -> User:
    if officer is None or not (officer.roles & frozenset(roles)):
        raise PermissionDenied(message)
    return officer


def require_state(dossier: Dossier, states: Iterable[str]) -> None:
    if dossier.state not in tuple(states):
        raise WrongState.of(dossier.state)


def require_text(value: str, field_name: str, message: str) -> str:
    text = nfc(value or "").strip()
    if not text:
        raise InvalidInput(message, [FieldError(field_name, message)])
    return text


def instant_required(value: datetime | None, field_name: str) -> datetime:
    if value is None:
        message = _("Nhập ngày giờ.")
        raise InvalidInput(message, [FieldError(field_name, message)])
    return vietnam_time(value)


# --- the version's internal process ---------------------------------------------------------------
@dataclass(frozen=True)
class PlannedStep:
    """A step of the version's internal process, or the single implicit step of a version without one."""

    order: int
    name: str
    agency_id: int | None
    budget_value: int
    budget_unit: str


# Where `process_plan` keeps a published version's plan: on the instance, with the row's identity.
_PLAN = "_processing_plan"


def _plan_identity(version: ProcedureVersion) -> tuple[Any, ...]:
    """The row a plan was read from, and the language its implicit step was named in."""
    return (version.pk, version.status, version.published_at, get_language())


def process_plan(version: ProcedureVersion) -> list[PlannedStep]:
    """The steps of the version's internal process, in order (one implicit step when it has none).

    A published version is never edited (the catalogue revises it into a new version), so its plan
    is read once and remembered on the instance; a draft is read on every call, since its steps may
    still change. The memo is on the instance rather than in a per-process cache keyed by pk because
    pks are not identities over time: a test database is rolled back or flushed between tests and
    hands the same pk to another version with other steps, while an instance never outlives the rows
    it was read with. `lock_for_action` passes the memo on to the re-fetched version when the row is the same
    (same pk, published, same publication instant) and the language too (the implicit step's name
    is translated)."""
    memo = version.__dict__.get(_PLAN)
    if memo is not None and memo[0] == _plan_identity(version):
        return list(memo[1])
    steps = [
        PlannedStep(s.order, s.name, s.agency_id, s.budget_value, s.budget_unit)
        for s in version.steps.order_by("order", "pk")
    ]
    plan = steps or [PlannedStep(1, _("Giải quyết hồ sơ"), None, version.limit_value, version.limit_unit)]
    if version.is_published:
        version.__dict__[_PLAN] = (_plan_identity(version), tuple(plan))
    return plan


def _carry_plan(source: ProcedureVersion, target: ProcedureVersion) -> None:
    """Give `target` the plan `source` remembers when both are the same published row."""
    memo = source.__dict__.get(_PLAN)
    if (
        memo is not None
        and _PLAN not in target.__dict__
        and target.is_published
        and memo[0] == _plan_identity(source) == _plan_identity(target)
    ):
        target.__dict__[_PLAN] = memo


def planned_step(dossier: Dossier, order: int) -> tuple[int, PlannedStep]:
    plan = process_plan(dossier.procedure_version)
    for index, step in enumerate(plan):
        if step.order == order:
            return index, step
    raise Conflict(_("Quy trình của thủ tục không còn bước này."))


# --- the locked dossier ---------------------------------------------------------------------------
# Attributes one action keeps on its locked instance: the row as read (to save only what changed)
# and the open step (read once). `action_done` drops both.
_ROW = "_processing_row"
_STEP = "_processing_step"


def _column(field: models.Field[Any, Any], instance: Dossier) -> Any:
    """A column's value as the database would give it back: files by name, JSON decoded afresh,
    instants in UTC."""
    value = getattr(instance, field.attname)
    if isinstance(field, models.FileField):
        return field.get_prep_value(value)
    if isinstance(field, models.JSONField):
        return json.loads(json.dumps(value, cls=field.encoder), cls=field.decoder)
    if isinstance(value, datetime) and timezone.is_aware(value):
        return value.astimezone(UTC)
    return copy.copy(value)


def lock_for_action(dossier: Dossier) -> Dossier:
    """The dossier's row, locked (`SELECT … FOR UPDATE`) and read afresh with its version, procedure
    and receiving agency; the caller's instance is left as it is until `action_done`."""
    locked = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure_version__procedure", "receiving_agency")
        .get(pk=dossier.pk)
    )
    if Dossier.procedure_version.is_cached(dossier):
        _carry_plan(dossier.procedure_version, locked.procedure_version)
    locked.__dict__[_ROW] = {f.attname: _column(f, locked) for f in Dossier._meta.concrete_fields}
    return locked


def action_done(original: Dossier, locked: Dossier) -> Dossier:
    """Save the columns the action changed (none: no UPDATE) and bring the caller's instance up to
    date, as `refresh_from_db` would, without reading the row again: it is what was just written,
    under the lock, and the version, procedure and agency read with it are shared."""
    before = locked.__dict__.pop(_ROW)
    locked.__dict__.pop(_STEP, None)
    fields = [f for f in Dossier._meta.concrete_fields if _column(f, locked) != before[f.attname]]
    if fields:
        locked.save(update_fields=[f.name for f in fields])
    if original is not locked:
        _refresh_from(original, locked)
    return locked


def _refresh_from(original: Dossier, locked: Dossier) -> None:
    """`original.refresh_from_db(from_queryset=<the lock's queryset>)`, from the row in memory."""
    original._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    for field in Dossier._meta.concrete_fields:
        setattr(original, field.attname, _column(field, locked))
        if field.is_relation:
            if field.is_cached(locked):  # type: ignore[attr-defined]
                field.set_cached_value(original, field.get_cached_value(locked))  # type: ignore[attr-defined]
            elif field.is_cached(original):  # type: ignore[attr-defined]
                field.delete_cached_value(original)  # type: ignore[attr-defined]
    for relation in Dossier._meta.related_objects:
        if relation.is_cached(original):
            relation.delete_cached_value(original)
    original._state.db = locked._state.db


def latest_seq(model: type[models.Model], outer: str) -> Subquery:
    """The highest `seq` of the dossier's rows of `model` (events or steps), as a subquery."""
    return Subquery(model._default_manager.filter(dossier=OuterRef(outer)).order_by("-seq").values("seq")[:1])


def remember_last_event(locked: Dossier, seq: int | None) -> None:
    """Hand `dossier_record_event` the last event's seq read after the lock, so that it need not ask.

    Only a value read by a statement that ran after the row lock was taken is fresh: every event is
    appended under that lock. A column of the locking SELECT itself would not do on PostgreSQL,
    where a SELECT … FOR UPDATE that waited re-reads the locked row but not its subqueries."""
    if seq is not None and getattr(locked, "_last_event_seq", None) is None:
        locked._last_event_seq = seq  # type: ignore[attr-defined]


def current_step_locked(locked: Dossier) -> DossierStep | None:
    """`current_step` of the locked dossier, read once per action. The same query brings what a
    hand-over needs to open the next step without asking again — the highest step seq
    (`latest_step_seq`) and the latest end of a closed pause (`latest_pause_end`) — and the last
    event's seq for `dossier_record_event`. Valid until the action finishes or opens a step; the
    actions ask before they do."""
    if _STEP not in locked.__dict__:
        closed = DossierPause.objects.filter(dossier=OuterRef("dossier_id"), ended_at__isnull=False)
        step = (
            locked.steps.filter(finished_at__isnull=True)
            .select_related("agency", "assignee")
            .annotate(
                latest_event_seq=latest_seq(DossierEvent, "dossier_id"),
                latest_step_seq=latest_seq(DossierStep, "dossier_id"),
                latest_pause_end=Subquery(closed.order_by("-ended_at").values("ended_at")[:1]),
            )
            .order_by("-seq")
            .first()
        )
        if step is not None:
            remember_last_event(locked, step.latest_event_seq)
        locked.__dict__[_STEP] = step
    step_or_none: DossierStep | None = locked.__dict__[_STEP]
    return step_or_none


def current_step(dossier: Dossier) -> DossierStep | None:
    """The open step of a dossier in processing (None before receipt and after it finishes)."""
    return (
        dossier.steps.filter(finished_at__isnull=True)
        .select_related("agency", "assignee")
        .order_by("-seq")
        .first()
    )


def open_pause(dossier: Dossier) -> DossierPause | None:
    return dossier.pauses.filter(ended_at__isnull=True).first()


def note_add(dossier: Dossier, author: User | None, at: datetime, text: str) -> DossierNote:
    return DossierNote.objects.create(dossier=dossier, author=author, created_at=at, text=text)
