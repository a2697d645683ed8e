"""Template helpers of the back office."""

from __future__ import annotations

from functools import lru_cache

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
