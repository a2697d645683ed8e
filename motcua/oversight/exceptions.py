"""Domain exceptions of the oversight app; their messages are shown to users (Vietnamese)."""

from __future__ import annotations

from motcua.core.exceptions import Conflict


class AlreadyAnswered(Conflict):
    """The explanation was already given (409)."""


class NotAssessedYet(Conflict):
    """The officer replies to an assessment that does not exist yet (409)."""
