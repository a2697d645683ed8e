"""Benchmark: the working-calendar engine against a naive day-by-day loop.

Run from the project root:  MOTCUA_TESTING=1 .venv/bin/python bench/calendar.py [--calls N]

It migrates a throwaway SQLite database in a temporary directory, computes N (100,000 by
default) due times of 5 and 30 working days from random receipts in 2022–2030 with both
implementations, checks they agree, and prints the median time per call and the ratio.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# This file is called calendar.py: drop its folder from the import path before anything imports
# the standard library's `calendar`, and put the project root there instead.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))

import argparse  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from datetime import date, datetime, timedelta  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def setup_django(var_dir: str) -> None:
    os.environ["MOTCUA_VAR_DIR"] = var_dir
    os.environ.setdefault("MOTCUA_TESTING", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


class NaiveCalendar:
    """The obvious implementation: walk day by day, asking a set whether each day is worked."""

    def __init__(self, days_off: set[date], makeup: set[date], sessions: tuple[tuple[int, int], ...]) -> None:
        self.days_off = days_off
        self.makeup = makeup
        self.sessions = sessions

    def is_working(self, day: date) -> bool:
        return day not in self.days_off and (day.weekday() < 5 or day in self.makeup)

    def at(self, day: date, minute: int) -> datetime:
        return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=VN)

    def clock_start(self, received: datetime) -> datetime:
        local = received.astimezone(VN)
        day = local.date()
        if self.is_working(day):
            minute = local.hour * 60 + local.minute + (local.second or local.microsecond) / 60
            for start, end in self.sessions:
                if minute < start:
                    return self.at(day, start)
                if minute < end:
                    return local
        day += timedelta(days=1)
        while not self.is_working(day):
            day += timedelta(days=1)
        return self.at(day, self.sessions[0][0])

    def due(self, received: datetime, days: int) -> datetime:
        day = self.clock_start(received).date()
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working(day):
                counted += 1
        return self.at(day, self.sessions[-1][1])


def time_calls(function, inputs: list[datetime]) -> tuple[list[int], list[datetime]]:
    clock = time.perf_counter_ns
    durations, results = [], []
    for received in inputs:
        began = clock()
        result = function(received)
        durations.append(clock() - began)
        results.append(result)
    return durations, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20260109)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as var_dir:
        setup_django(var_dir)
        from django.conf import settings

        from motcua.core import calendar
        from motcua.core.models import Holiday, MakeUpWorkday

        calendar.current_calendar(2022, 2032)  # fill the estimated years once, outside the timing
        naive = NaiveCalendar(
            set(Holiday.objects.values_list("date", flat=True)),
            set(MakeUpWorkday.objects.values_list("date", flat=True)),
            tuple(settings.OFFICE_HOURS),
        )
        rng = random.Random(args.seed)
        first, span = (
            datetime(2022, 1, 1, tzinfo=VN),
            (datetime(2031, 1, 1, tzinfo=VN) - datetime(2022, 1, 1, tzinfo=VN)),
        )
        inputs = [
            first + timedelta(minutes=rng.randrange(int(span.total_seconds() // 60)))
            for _ in range(args.calls)
        ]

        rows = []
        for days in (5, 30):
            limit = calendar.Limit(days)
            engine_ns, engine_due = time_calls(
                lambda received, limit=limit: calendar.due_at(received, limit).due_at, inputs
            )
            traced_ns, _traces = time_calls(
                lambda received, limit=limit: calendar.due_at(received, limit).trace, inputs
            )
            naive_ns, naive_due = time_calls(lambda received, days=days: naive.due(received, days), inputs)
            mismatches = sum(a != b for a, b in zip(engine_due, naive_due, strict=True))
            engine_median = statistics.median(engine_ns) / 1000
            traced_median = statistics.median(traced_ns) / 1000
            naive_median = statistics.median(naive_ns) / 1000
            rows.append(
                (days, engine_median, traced_median, naive_median, naive_median / engine_median, mismatches)
            )

    print(f"Calendar benchmark: {args.calls:,} due times per row, receipts 2022–2030, seed {args.seed}")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPU(s)")
    print()
    print(
        "| limit | engine: due time, median µs/call | engine: due time + trace | naive day-by-day | "
        "naive ÷ engine (due time) | mismatches |"
    )
    print("|---|---|---|---|---|---|")
    for days, engine_median, traced_median, naive_median, ratio, mismatches in rows:
        print(
            f"| {days} working days | {engine_median:.1f} | {traced_median:.1f} | {naive_median:.1f} | "
            f"{ratio:.2f}× | {mismatches} |"
        )


if __name__ == "__main__":
    main()
