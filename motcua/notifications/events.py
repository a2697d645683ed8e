"""The one message template this app declares itself: `survey_invitation`, a generic SMS inviting the
applicant to rate a dossier (`{code}`, `{url}`; DOMAIN §11). No code queues it today: the surveys app
invites through the receipt's QR code (or form 02 / 03) and the return SMS (`dossier_returned` in
`dossiers/messages.py` carries the survey link); staff see it in the template admin, and the outbox's
own tests use it as their generic message.

Each app registers the SMS and e-mail of its own messages side by side in its `messages.py` (the
dossiers app: `motcua/dossiers/messages.py`; feedback, oversight, plans, reports likewise), so that
this app knows nothing of the others (ARCHITECTURE §2) and one message's wording sits in one place.
"""

from __future__ import annotations

from motcua.notifications.registry import register

SMS = "SMS"

register(
    "survey_invitation",
    SMS,
    "Mời ông/bà đánh giá việc giải quyết hồ sơ {code}: {url}",
    ["code", "url"],
    "Mời đánh giá mức độ hài lòng",
)
