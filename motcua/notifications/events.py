"""Messages of the apps still to come, registered with their Vietnamese default texts until their
owners arrive.

Each app registers the SMS and e-mail of its own messages side by side, in a module of its own (the
dossiers app: `motcua/dossiers/messages.py`), so that this app knows nothing of the others (ARCHITECTURE
§2) and one message's wording sits in one place. The two below (DOMAIN §11) move to `surveys` and
`feedback` with those apps; until then their senders call `message_queue(template=<key>, context={...})`
with the placeholders listed.
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
register(
    "petition_answered",
    SMS,
    "Phản ánh, kiến nghị {code} đã được trả lời. Xem tại {url}",
    ["code", "url"],
    "Trả lời phản ánh, kiến nghị",
)
