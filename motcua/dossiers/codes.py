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


def _upsert_next(table: str, key_columns: tuple[str, str], key_values: tuple[int, date | int]) -> int:
    # One statement that creates the counter row or advances it, returning the new value. The
    # row lock is held until the caller's transaction ends: concurrent intakes queue on it, and a
    # rollback undoes the increment, so codes are consecutive without gaps.
    a, b = key_columns
    sql = (
        f"INSERT INTO {table} ({a}, {b}, last) VALUES (%s, %s, 1) "  # noqa: S608 - fixed identifiers
        f"ON CONFLICT ({a}, {b}) DO UPDATE SET last = {table}.last + 1 RETURNING last"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(key_values))
        row = cursor.fetchone()
    return int(row[0])


def dossier_code_next(*, agency: Agency, day: date) -> str:
    """`<agency code>-<yymmdd>-<nnnn>`; call inside the transaction that creates the dossier."""
    number = _upsert_next("dossiers_dossiercounter", ("agency_id", "day"), (agency.pk, day))
    return f"{agency.code}-{day:%y%m%d}-{number:04d}"


def register_number_next(*, agency: Agency, year: int) -> int:
    """The next entry of the register (form 07), numbered per agency per year."""
    return _upsert_next("dossiers_registercounter", ("agency_id", "year"), (agency.pk, year))


def dossier_token(code: str) -> str:
    """An HMAC of the code with the server secret: printable again, never stored."""
    return salted_hmac(_TOKEN_SALT, code_key(code), algorithm="sha256").hexdigest()[:32]


def dossier_token_matches(code: str, token: str) -> bool:
    return constant_time_compare(dossier_token(code), token.strip().lower())


def form_number(code: str, form: str, index: int = 1) -> str:
    """Form numbers: 02 HDHS (a later one HDHS-2, -3 …), 03 TCHS, 04 XL, 05 DGQ."""
    return f"{code}/{form}" if index <= 1 else f"{code}/{form}-{index}"
