"""Template helpers of the back office."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest

from motcua.backoffice import menu

register = template.Library()


@register.filter
def may_open(request: HttpRequest, url_name: str) -> bool:
    """Whether the page should offer a link to `url_name` (`menu.may_open`: the roles its view declares)."""
    return menu.may_open(request, url_name)


@register.simple_tag(takes_context=True)
def backoffice_menu(context: template.Context) -> menu.Menu:
    """The menu's entries and groups offered to the user of the page (`menu.menu_for`)."""
    return menu.menu_for(context["request"])


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
