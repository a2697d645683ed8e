"""Schemas shared by every endpoint: errors, pagination and the bounded field types (CONTRACTS §7).

Every number, length and date the API reads is one of the bounded types below, so that bad input is
a 422 at the edge and the OpenAPI document states the bound (`maxLength`, `maximum`, `pattern`):
`Text(n)` (at most n characters, no NUL), `Id` (a row's key), `Count` (0–99 originals or copies),
`Page`, `Day` and `Instant` (in the years the working calendar computes). The limits themselves
live in `motcua.core.bounds`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.conf import settings
from ninja import Field, Schema
from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from motcua.core.bounds import MAX_ID, MAX_PAGE, year_in_range
from motcua.core.calendar import FIRST_YEAR, LAST_YEAR

NO_NUL = r"^[^\u0000]*$"


def Text(max_length: int, *, min_length: int = 0) -> Any:
    """A string of at most `max_length` characters without NUL (PostgreSQL refuses it)."""
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length, pattern=NO_NUL)]


def _in_years(value: Any) -> Any:
    if not year_in_range(value):
        raise PydanticCustomError(
            "year_range", "year outside {first}–{last}", {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return value


_YEARS = f"Năm {FIRST_YEAR}–{LAST_YEAR}."
# The calendar's years are one century (2000–2099), which a pattern on the ISO text can state.
assert FIRST_YEAR % 100 == 0 and LAST_YEAR == FIRST_YEAR + 99
YEAR_PATTERN = rf"^{FIRST_YEAR // 100}[0-9]{{2}}-"
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Count = Annotated[int, Field(ge=0, le=99)]
Page = Annotated[int, Field(ge=1, le=MAX_PAGE)]
Day = Annotated[
    date, AfterValidator(_in_years), Field(description=_YEARS, json_schema_extra={"pattern": YEAR_PATTERN})
]
Instant = Annotated[
    datetime,
    AfterValidator(_in_years),
    Field(description=_YEARS, json_schema_extra={"pattern": YEAR_PATTERN}),
]


class ErrorItem(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


class PageIn(Schema):
    page: Page = 1
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


def inline_schema(model: type[Schema]) -> dict[str, Any]:
    """The JSON schema of `model` with its `$defs` written in place, for a hand-made request body
    (`openapi_extra`): a `#/$defs/...` reference would not resolve inside the OpenAPI document."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                rest = {k: v for k, v in node.items() if k != "$ref"}
                return {**resolve(definitions[ref.removeprefix("#/$defs/")]), **resolve(rest)}
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)
