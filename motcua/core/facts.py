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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

Source = Callable[[list[int]], dict[int, Any]]
_SOURCES: dict[str, tuple[str, Source]] = {}


def fact_register(key: str, source: Source, *, owner: str) -> None:
    existing = _SOURCES.get(key)
    if existing is not None and existing[0] != owner:
        raise ImproperlyConfigured(f"Dossier fact {key!r} is already registered by {existing[0]!r}")
    _SOURCES[key] = (owner, source)


def fact_values(key: str, dossier_ids: Iterable[int]) -> dict[int, Any] | None:
    """The fact per dossier id, or None when no app provides `key` (the reader shows N/A)."""
    entry = _SOURCES.get(key)
    if entry is None:
        return None
    return entry[1](list(dossier_ids))


def fact_available(key: str) -> bool:
    return key in _SOURCES
