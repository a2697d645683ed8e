"""The Decision 766 weights loaded by the data migration (and the tests): code, group, points, full
points from (%), whether the decision itself fixes the points. Group totals: 18, 20, 22, 22, 18."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

WEIGHTS = [
    ("1.1", "1", 4, 100, False),
    ("1.2", "1", 4, 100, True),
    ("1.3", "1", 6, 100, False),
    ("1.4", "1", 4, 100, False),
    ("2.1", "2", 20, 100, True),
    ("2.2", "2", 0, 100, True),  # shown, no points
    ("3.1", "3", 4, 80, False),
    ("3.2", "3", 4, 100, False),
    ("3.3", "3", 6, 50, False),
    ("3.5", "3", 4, 80, False),
    ("3.6", "3", 4, 100, False),
    ("4.1", "4", 4, 100, False),
    ("4.2", "4", 6, 80, False),
    ("4.3", "4", 4, 80, False),
    ("4.4", "4", 4, 100, False),
    ("4.5", "4", 4, 100, False),
    ("5.1", "5", 4, 100, False),
    ("5.2", "5", 4, 100, False),
    ("5.3", "5", 4, 100, False),
    ("5.4", "5", 6, 90, True),
]


def weights_load(model: Any) -> None:
    """Create or update one row of `model` (IndexWeight, or the migration's historical model) per
    weight: the data migration and the browser tests, whose per-test flush wipes migration data,
    load them the same way."""
    for code, group, points, full_at, confirmed in WEIGHTS:
        model.objects.update_or_create(
            code=code,
            defaults={
                "group": group,
                "max_points": Decimal(points),
                "full_at": Decimal(full_at),
                "confirmed": confirmed,
            },
        )
