from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "motcua.notifications"
    label = "notifications"
    verbose_name = _("Tin nhắn và thư điện tử")

    def ready(self) -> None:
        from motcua.core.selectors import register_backlog_counter
        from motcua.notifications import events  # noqa: F401  (registers the messages of apps still to come)
        from motcua.notifications.selectors import outbox_backlog_count

        register_backlog_counter(outbox_backlog_count)
