"""The one generic message this app keeps: a survey invitation by SMS (DOMAIN §11), for a locality
that sends invitations apart from the return SMS (which carries the survey link itself).

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
