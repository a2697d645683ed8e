from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "motcua.feedback"
    label = "feedback"
    verbose_name = _("Phản ánh, kiến nghị")

    def ready(self) -> None:
        from motcua.feedback import messages  # noqa: F401 - register the message templates
        from motcua.feedback.indicators import feedback_register

        feedback_register()  # indicator keys, their values and the agreed facts (core.facts)
