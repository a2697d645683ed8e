"""q2 task functions of the oversight app: each calls one service (STYLE.md)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from motcua.core.periods import month_containing
from motcua.oversight.services import explanations_remind, staff_evaluations_fill


def remind_explanations() -> None:
    explanations_remind()


def fill_staff_evaluations() -> None:
    """Monthly: the reporting month that ended yesterday (run on the day after the cut-off)."""
    yesterday = timezone.localdate() - timedelta(days=1)
    staff_evaluations_fill(period=month_containing(yesterday))
