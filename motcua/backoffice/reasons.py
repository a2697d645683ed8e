"""An inspector's stated reason for seeing personal data on back-office pages (CONTRACTS §5).

The reason is stated in a form sent by POST (so CSRF-protected) and kept in the session for what it
was stated for — one dossier (its page, forms and files), the dossier list's search, one petition —
and never read from a link: a forged link could make an inspector's browser log a reason they never
gave, and a query string reaches the web server's logs (ADR 0011). Each slot keeps the last
`REASONS_KEPT` subjects.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.sessions import session_recall, session_remember

REASONS = "access_reasons"
REASONS_KEPT = 20
DOSSIER_LIST = "dossier-list"  # the subject of the dossier list's search by phone


class AccessReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do cần xem thông tin cá nhân (được ghi nhật ký)"),
        max_length=500,
        error_messages={"required": _("Nêu lý do cần xem thông tin cá nhân.")},
    )


def reason_remember(request: HttpRequest, subject: str, reason: str) -> None:
    """Keep the reason the user stated (by POST) for `subject`; an empty reason forgets it."""
    session_remember(request, REASONS, subject, reason.strip()[:500], kept=REASONS_KEPT)


def reason_recall(request: HttpRequest, subject: str) -> str:
    """The reason the user stated for `subject` in this session, or an empty string."""
    return session_recall(request, REASONS, subject)
