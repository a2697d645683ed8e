"""Catalogue errors; their messages are safe to show to users (in Vietnamese)."""

from __future__ import annotations

from motcua.core.exceptions import Conflict, InvalidInput


class VersionInvalid(InvalidInput):
    """A version cannot be saved or published as it is (e.g. step budgets do not add up)."""


class VersionPublished(Conflict):
    """A published version is never edited: revise it into a new version instead."""
