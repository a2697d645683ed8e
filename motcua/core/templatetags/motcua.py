"""Display filters shared by every page and printed form: `{% load motcua %}`."""

from __future__ import annotations

from django import template

from motcua.core.text import phone_display

register = template.Library()


@register.filter
def phone(value: str | None) -> str:
    """`{{ number|phone }}`: "0905 123 456" whatever way it is stored (see `phone_display`)."""
    return phone_display(value)
