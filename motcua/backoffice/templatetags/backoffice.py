"""Template helpers of the back office."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import NoReverseMatch, resolve, reverse

register = template.Library()


@lru_cache(maxsize=64)
def _allowed_roles(url_name: str) -> frozenset[str] | None:
    try:
        path = reverse(url_name)
    except NoReverseMatch:  # a page of one object: any value reaches the same view
        path = reverse(url_name, args=["0"])
    view = resolve(path).func
    roles = getattr(view, "allowed_roles", None)
    return None if roles is None else frozenset(roles)


@register.filter
def may_open(request: HttpRequest, url_name: str) -> bool:
    """Whether the menu should offer `url_name`: read from the roles its view declares, so the
    menu and the refusals never disagree."""
    roles = _allowed_roles(url_name)
    return roles is None or bool(roles & set(getattr(request.user, "roles", ())))


# How the dossier page orders and draws its action forms: the way forward first (filled), the other
# steps (outlined), and last, in red, what ends or withdraws the dossier. Unlisted actions are "secondary".
ACTION_TONES = {
    "receive": "primary",
    "assign": "primary",
    "forward": "primary",
    "complete_supplement": "primary",
    "resume": "primary",
    "mark_ready": "primary",
    "return_result": "primary",
    "refuse": "danger",
    "stop": "danger",
    "withdraw": "danger",
}
_TONE_ORDER = {"primary": 0, "secondary": 1, "danger": 2}


@register.filter
def action_tone(name: str) -> str:
    return ACTION_TONES.get(name, "secondary")


@register.filter
def in_action_order(forms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The action forms, primary first and destructive last (table order within each tone)."""
    return sorted(forms, key=lambda form: _TONE_ORDER[action_tone(form["name"])])
