"""The bounds every input is held to at the edge (CONTRACTS §7: bad input is a 422, never a 500).

One place for the limits that the API schemas, the forms and the action parsers share: the largest
id a database row can have, the years the working calendar computes (every stored date must lie in
them, so that a due time, a register's period or a postal receipt never overflows), and text without
NUL characters (PostgreSQL refuses them in a string). Digits are ASCII digits: `\\d` in a Python
pattern matches any Unicode digit (Arabic-Indic "١٢٣"), so patterns here use `[0-9]`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from motcua.core.calendar import FIRST_YEAR, LAST_YEAR

MAX_ID = 2**63 - 1  # BigAutoField, and SQLite's INTEGER
MAX_PAGE = 1_000_000
YEARS = {"first": FIRST_YEAR, "last": LAST_YEAR}  # for messages: "năm %(first)s–%(last)s"


def id_in_range(value: int) -> bool:
    """Whether `value` can be the primary key of a row (1 … 2⁶³ − 1)."""
    return 1 <= value <= MAX_ID


def year_in_range(value: date | datetime) -> bool:
    """Whether `value` lies in the years the working calendar computes (FIRST_YEAR … LAST_YEAR)."""
    return FIRST_YEAR <= value.year <= LAST_YEAR


def validate_year_in_range(value: date | datetime) -> None:
    """A form field's validator: a date or an instant in the calendar's years, or a Vietnamese error."""
    if not year_in_range(value):
        raise ValidationError(_("Chọn ngày trong các năm %(first)s–%(last)s.") % YEARS, code="year_range")


def has_nul(value: Any) -> bool:
    """Whether a string, or any string inside lists and dicts (keys too), holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_nul(v) for v in value)
    return False
