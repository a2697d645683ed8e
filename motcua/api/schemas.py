"""Schemas shared by every endpoint: errors and pagination (CONTRACTS §7)."""

from __future__ import annotations

from django.conf import settings
from ninja import Field, Schema


class ErrorItem(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


class PageIn(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(settings.API_PAGE_SIZE_DEFAULT, ge=1, le=settings.API_PAGE_SIZE_MAX)

    def slice(self) -> slice:
        start = (self.page - 1) * self.page_size
        return slice(start, start + self.page_size)


REFUSALS: dict[int, type[Schema]] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}
