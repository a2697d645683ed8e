"""Per-dossier facts that an app above `dossiers` owns and another reads (ADR 0004 pattern).

Oversight scores officials' attitude from survey answers and the response to feedback from
petitions; the Decision 766 index (indicator 5.4) counts dossiers with a complaint or a "dislike".
Those facts live in `surveys` and `feedback`; each registers a function here from `ready()`, and
readers ask by key without importing the owner. A key nobody registered answers None (N/A), so a
reader works, and says N/A, before the owner exists.

Agreed keys (values per dossier id; dossiers without the fact are absent from the dict):
- `survey.attitude` → (satisfied, valid): answers to the "service of officials" criterion rated
  4–5 and quick ratings SATISFIED / VERY_SATISFIED, over all of them (DOMAIN §6, §7 indicator 7).
- `survey.disliked` → True: the dossier has a NOT_SATISFIED quick rating (766 indicator 5.4).
- `feedback.petitions` → (petitions, answered_on_time): petitions about the dossier (766 5.4: a
  complaint; DOMAIN §7 indicator 8: response to feedback).
- `oversight.explanation` → {"agency": code, "reason": text, "remedy": text}: the explanation the
  agency at fault gave for a late dossier (seed 5.3; the monthly report's late list).

Per-officer facts for a period (`officer_fact_register` / `officer_fact_values`, user ids):
- `survey.officer` → {"responses": n, "satisfied": n, "valid": n, "quick": {"NOT_SATISFIED": n,
  "SATISFIED": n, "VERY_SATISFIED": n}}: survey answers on dossiers the officer received, and quick
  ratings crediting the officer (the monthly staff evaluation, seed 4.5).
- `feedback.about_officer` → n: petitions about the officer's behaviour filed in the period.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

if TYPE_CHECKING:
    from motcua.core.periods import Period

# The dossiers asked about: their ids, or a query of them (`values_list("pk", flat=True)`) that the source filters
# by as a subquery — the 766 index asks about a year of dossiers, too many ids to send back.
DossierIds = Sequence[int] | QuerySet[Any]
Source = Callable[[DossierIds], dict[int, Any]]
_SOURCES: dict[str, tuple[str, Source]] = {}


def fact_register(key: str, source: Source, *, owner: str) -> None:
    existing = _SOURCES.get(key)
    if existing is not None and existing[0] != owner:
        raise ImproperlyConfigured(f"Dossier fact {key!r} is already registered by {existing[0]!r}")
    _SOURCES[key] = (owner, source)


def fact_values(key: str, dossier_ids: Iterable[int] | QuerySet[Any]) -> dict[int, Any] | None:
    """The fact per dossier id, or None when no app provides `key` (the reader shows N/A)."""
    entry = _SOURCES.get(key)
    if entry is None:
        return None
    return entry[1](dossier_ids if isinstance(dossier_ids, QuerySet) else list(dossier_ids))


def fact_available(key: str) -> bool:
    return key in _SOURCES


OfficerSource = Callable[["Period", list[int]], dict[int, Any]]
_OFFICER_SOURCES: dict[str, tuple[str, OfficerSource]] = {}


def officer_fact_register(key: str, source: OfficerSource, *, owner: str) -> None:
    existing = _OFFICER_SOURCES.get(key)
    if existing is not None and existing[0] != owner:
        raise ImproperlyConfigured(f"Officer fact {key!r} is already registered by {existing[0]!r}")
    _OFFICER_SOURCES[key] = (owner, source)


def officer_fact_values(key: str, period: Period, user_ids: Iterable[int]) -> dict[int, Any] | None:
    """The fact per officer for the period, or None when no app provides `key` (N/A)."""
    entry = _OFFICER_SOURCES.get(key)
    if entry is None:
        return None
    return entry[1](period, list(user_ids))
