from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "motcua.plans"
    label = "plans"
    verbose_name = _("Kế hoạch cải cách hành chính")

    def ready(self) -> None:
        from motcua.plans import messages  # noqa: F401 - register the reminder templates
