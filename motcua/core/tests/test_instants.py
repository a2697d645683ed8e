from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from motcua.core.instants import InstantOutOfRange, iso, parse_instant, vietnam_time

VIETNAM = timedelta(hours=7)


@pytest.mark.parametrize(
    "text",
    ["2026-03-20T16:00", "2026-03-20 16:00", "20/03/2026 16:00", "16:00 20/03/2026", " 2026-03-20T16:00:00 "],
)
def test_an_instant_without_an_offset_is_vietnam_time(text: str) -> None:
    parsed = parse_instant(text)
    assert parsed.utcoffset() == VIETNAM
    assert parsed.astimezone(UTC) == datetime(2026, 3, 20, 9, 0, tzinfo=UTC)


def test_a_date_alone_means_midnight_in_vietnam() -> None:
    assert parse_instant("2026-03-20").astimezone(UTC) == datetime(2026, 3, 19, 17, 0, tzinfo=UTC)


def test_an_offset_given_is_kept() -> None:
    assert parse_instant("2026-03-20T16:00Z") == datetime(2026, 3, 20, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["", "hôm qua", "2026-02-30", "20/03/2026", "32/01/2026 10:00"])
def test_what_is_no_instant_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_instant(text)


@pytest.mark.parametrize("text", ["1999-12-31T23:59", "2100-01-01", "01/01/2100 08:00"])
def test_years_outside_the_calendar_are_refused_with_the_instant(text: str) -> None:
    with pytest.raises(InstantOutOfRange) as refused:
        parse_instant(text)
    assert refused.value.instant.year in {1999, 2100}


def test_vietnam_time_keeps_an_aware_instant_and_localises_a_naive_one() -> None:
    aware = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
    assert vietnam_time(aware) is aware
    assert vietnam_time(datetime(2026, 3, 20, 16, 0)) == aware


def test_iso_shows_vietnam_time_with_its_offset() -> None:
    at = datetime(2026, 3, 20, 9, 0, 5, 123456, tzinfo=UTC)
    assert iso(at) == "2026-03-20T16:00:05.123456+07:00"
    assert iso(at, timespec="seconds") == "2026-03-20T16:00:05+07:00"
    assert iso(None) is None
