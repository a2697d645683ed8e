"""Petition codes `PA-<yymmdd>-<nnnn>` (per locality, gap-free) and tokens (CONTRACTS §3).

The same rules as dossier codes, with a counter of their own: the counter advances in the
transaction that creates the petition, so a rollback leaves no gap.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.db import connection
from django.utils.crypto import constant_time_compare, salted_hmac

from motcua.dossiers.codes import code_key

PREFIX = "PA"
_TOKEN_SALT = "motcua.feedback.token"  # noqa: S105 - an HMAC salt, not a secret


def petition_code_key(text: str) -> str:
    """Case-insensitive, without spaces, dots or dashes (CONTRACTS §3): the dossiers' rule."""
    return code_key(text)


def petition_code_next(day: date) -> str:
    """The next code of the local day; call inside the transaction that creates the petition."""
    sql = (
        "INSERT INTO feedback_petitioncounter (day, last) VALUES (%s, 1) "
        "ON CONFLICT (day) DO UPDATE SET last = feedback_petitioncounter.last + 1 RETURNING last"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [day])
        number = int(cursor.fetchone()[0])
    return f"{PREFIX}-{day:%y%m%d}-{number:04d}"


def petition_token(code: str) -> str:
    """An HMAC of the code with the server secret: printable again, never stored."""
    return salted_hmac(_TOKEN_SALT, petition_code_key(code), algorithm="sha256").hexdigest()[:32]


def petition_token_matches(code: str, token: str) -> bool:
    return constant_time_compare(petition_token(code), (token or "").strip().lower())


def token_digest(token: str) -> str:
    return hashlib.sha256((token or "").strip().lower().encode()).hexdigest()
