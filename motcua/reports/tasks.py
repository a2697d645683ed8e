"""q2 task functions of the reports app: each calls one service (STYLE.md)."""

from __future__ import annotations

from motcua.reports.services import reports_send_closed


def send_closed_reports() -> None:
    reports_send_closed()
