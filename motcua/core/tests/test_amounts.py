"""Amounts of time in words go through the language's plural forms ("1 working hour", not "1 working hours")."""

from __future__ import annotations

import pytest

from motcua.core import calendar
from motcua.core.calendar import Unit, amount_text


def test_an_amount_of_time_is_a_plural_message_so_english_says_1_working_hour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, str, int]] = []

    def english(singular: str, plural: str, n: int) -> str:
        calls.append((singular, plural, n))
        return "%(n)d working hour" if n == 1 else "%(n)d working hours"

    monkeypatch.setattr(calendar, "ngettext", english)
    assert amount_text(1, Unit.WORKING_HOURS) == "1 working hour"
    assert amount_text(16, Unit.WORKING_HOURS) == "16 working hours"
    assert calls == [
        ("%(n)d giờ làm việc", "%(n)d giờ làm việc", 1),
        ("%(n)d giờ làm việc", "%(n)d giờ làm việc", 16),
    ]


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (5, Unit.WORKING_DAYS, "5 ngày làm việc"),
        (1, Unit.WORKING_HOURS, "1 giờ làm việc"),
        (2, Unit.HALF_DAYS, "2 buổi làm việc"),
        (30, Unit.CALENDAR_DAYS, "30 ngày"),
        (3, Unit.MONTHS, "3 tháng"),
        (0, Unit.SAME_DAY, "trong ngày"),
    ],
)
def test_amounts_read_in_vietnamese(value: int, unit: str, text: str) -> None:
    assert amount_text(value, unit) == text
