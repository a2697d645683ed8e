"""q2 task functions of the feedback app: each calls one service (STYLE.md)."""

from __future__ import annotations

from motcua.feedback.deadlines import petition_deadlines_check


def check_petition_deadlines() -> None:
    petition_deadlines_check()
