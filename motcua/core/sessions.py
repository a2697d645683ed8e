"""Values a browser session keeps per dossier instead of carrying them in URLs (request lines end up
in logs, and a link can be forged): a citizen's token, an inspector's stated reason. Each slot keeps
the last `kept` keys, most recent last."""

from __future__ import annotations

from django.http import HttpRequest


def session_remember(request: HttpRequest, slot: str, key: str, value: str, *, kept: int = 20) -> None:
    values = dict(request.session.get(slot) or {})
    values.pop(key, None)
    values[key] = value
    while len(values) > kept:
        values.pop(next(iter(values)))
    request.session[slot] = values


def session_recall(request: HttpRequest, slot: str, key: str) -> str:
    """The value this session keeps for `key` in `slot`, or an empty string."""
    return str((request.session.get(slot) or {}).get(key, ""))
