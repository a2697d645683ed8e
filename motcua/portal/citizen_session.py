"""A citizen's secrets travel in the session, not in URLs (request lines end up in logs).

Links already sent by SMS, printed as QR codes or bookmarked keep working: the page that receives
`?t=<token>` (or an old look-up link's `&phone4=`) keeps it here and redirects to the same page
without it. Tokens are remembered per dossier code (the last few only); the phone digits for one
look-up, taken by the page they were redirected to.
"""

from __future__ import annotations

from django.http import HttpRequest

from motcua.core.sessions import session_recall, session_remember
from motcua.dossiers.codes import code_key

TOKENS = "citizen_tokens"
PHONE4 = "lookup_phone4"
TOKENS_KEPT = 20


def token_from_query(request: HttpRequest) -> str | None:
    """The token of a link that still carries it (`?t=`), or None when the URL has none."""
    if "t" not in request.GET:
        return None
    return request.GET.get("t", "")[:80].strip()


def token_remember(request: HttpRequest, code: str, token: str) -> None:
    session_remember(request, TOKENS, code_key(code), token, kept=TOKENS_KEPT)


def token_of(request: HttpRequest, code: str) -> str:
    """The token this session holds for `code`, or an empty string."""
    return session_recall(request, TOKENS, code_key(code))


def phone4_remember(request: HttpRequest, code: str, phone4: str) -> None:
    request.session[PHONE4] = {"code": code_key(code), "phone4": phone4}


def phone4_take(request: HttpRequest, code: str) -> str:
    """The phone digits kept for a look-up of `code` (once), or an empty string."""
    kept = request.session.get(PHONE4)
    if not kept or kept.get("code") != code_key(code):
        return ""
    del request.session[PHONE4]
    return str(kept.get("phone4", ""))
