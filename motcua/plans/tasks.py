"""django-q2 entry points of plans (the daily reminder schedule, migration 0002)."""

from __future__ import annotations

from motcua.plans.services import plan_reminders_send


def send_plan_reminders() -> int:
    return plan_reminders_send()
