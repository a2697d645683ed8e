"""Errors of the outbox; their messages are safe to show to users."""

from __future__ import annotations

from motcua.core.exceptions import Conflict, DomainError


class MessageNotFound(DomainError):
    status = 404


class MessageNotRetryable(Conflict):
    pass


class UnknownTemplate(DomainError):
    status = 422


class TransportError(Exception):
    """Raised by a transport; `permanent` failures are never retried."""

    permanent = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TemporaryFailure(TransportError):
    permanent = False


class PermanentFailure(TransportError):
    permanent = True
