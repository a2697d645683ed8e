"""Domain exceptions whose messages are safe to show to users (in Vietnamese).

Views and the API map them onto the refusal codes of CONTRACTS §5: a `Conflict` is
409 (refused because of the current state or history), `InvalidInput` is 422.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class DomainError(Exception):
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Conflict(DomainError):
    status = 409


@dataclass
class FieldError:
    field: str
    message: str


class InvalidInput(DomainError):
    status = 422

    def __init__(self, message: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(message)
        self.errors: list[FieldError] = errors or []


@dataclass
class RateLimited(Exception):
    retry_after_s: int
    message: str = field(default="")
