"""The outbox app: every SMS and e-mail (DOMAIN §11). Other apps register their own messages' templates
from their own `ready()` (the dossiers app: `dossiers/messages.py`; feedback, oversight, plans,
reports likewise); this app knows none of them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "motcua.notifications"
    label = "notifications"
    verbose_name = _("Tin nhắn và thư điện tử")

    def ready(self) -> None:
        """Register the one template this app declares itself (`events.py`: `survey_invitation`) and
        the outbox backlog (QUEUED + SENDING) that /healthz reports through `core.selectors`."""
        from motcua.core.selectors import register_backlog_counter
        from motcua.notifications import events  # noqa: F401  (registers `survey_invitation`)
        from motcua.notifications.selectors import outbox_backlog_count

        register_backlog_counter(outbox_backlog_count)
