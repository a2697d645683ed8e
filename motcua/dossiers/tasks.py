"""q2 task functions of the dossier app: each calls one service (STYLE.md)."""

from __future__ import annotations

from motcua.dossiers.deadlines import deadlines_check
from motcua.dossiers.online import drafts_purge, guided_expire


def check_deadlines() -> None:
    deadlines_check()


def expire_guided() -> None:
    guided_expire()


def purge_online_drafts() -> None:
    drafts_purge()
