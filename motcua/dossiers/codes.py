"""Dossier codes, form numbers and tokens (CONTRACTS §3)."""

from __future__ import annotations

import re
from datetime import date

from django.db import connection
from django.utils.crypto import constant_time_compare, salted_hmac

from motcua.accounts.models import Agency

_SEPARATORS = re.compile(r"[\s.\-–—_/]+")
_TOKEN_SALT = "motcua.dossiers.token"  # noqa: S105 - an HMAC salt, not a secret


def code_key(text: str) -> str:
    """How every input names a dossier: case-insensitive, without spaces, dots or dashes."""
    return _SEPARATORS.sub("", text).upper()


def _upsert_next(
    table: str, key_columns: tuple[str, str], key_values: tuple[int, date | int], count: int = 1
) -> int:
    # One statement that creates the counter row or advances it by `count`, returning the new last
    # value. The row lock is held until the caller's transaction ends: concurrent intakes queue on
    # it, and a rollback undoes the increment, so codes are consecutive without gaps.
    a, b = key_columns
    sql = (
        f"INSERT INTO {table} ({a}, {b}, last) VALUES (%s, %s, %s) "  # noqa: S608 - fixed identifiers
        f"ON CONFLICT ({a}, {b}) DO UPDATE SET last = {table}.last + %s RETURNING last"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*key_values, count, count])
        row = cursor.fetchone()
    return int(row[0])


def _code(agency: Agency, day: date, number: int) -> str:
    return f"{agency.code}-{day:%y%m%d}-{number:04d}"


def dossier_code_next(*, agency: Agency, day: date) -> str:
    """`<agency code>-<yymmdd>-<nnnn>`; call inside the transaction that creates the dossier."""
    return _code(agency, day, _upsert_next("dossiers_dossiercounter", ("agency_id", "day"), (agency.pk, day)))


def dossier_codes_reserve(*, agency: Agency, day: date, count: int) -> list[str]:
    """The next `count` codes of the agency's day in one statement (bulk-generated dossiers)."""
    last = _upsert_next("dossiers_dossiercounter", ("agency_id", "day"), (agency.pk, day), count)
    return [_code(agency, day, n) for n in range(last - count + 1, last + 1)]


def register_number_next(*, agency: Agency, year: int, count: int = 1) -> int:
    """The next entry of the register (form 07), numbered per agency per year (with `count`, the
    last of that many reserved)."""
    return _upsert_next("dossiers_registercounter", ("agency_id", "year"), (agency.pk, year), count)


def dossier_token(code: str) -> str:
    """An HMAC of the code with the server secret: printable again, never stored."""
    return salted_hmac(_TOKEN_SALT, code_key(code), algorithm="sha256").hexdigest()[:32]


def dossier_token_matches(code: str, token: str) -> bool:
    return constant_time_compare(dossier_token(code), token.strip().lower())


def form_number(code: str, form: str, index: int = 1) -> str:
    """Form numbers: 02 HDHS (a later one HDHS-2, -3 …), 03 TCHS, 04 XL, 05 DGQ."""
    return f"{code}/{form}" if index <= 1 else f"{code}/{form}-{index}"
