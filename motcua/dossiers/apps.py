from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"
    verbose_name = _("Hồ sơ thủ tục hành chính")

    def ready(self) -> None:
        from motcua.dossiers import messages  # noqa: F401 - registers every message of the app
        from motcua.dossiers.indicators import indicators_register

        indicators_register()  # the report figures, for plans to follow by key (core.indicators)
