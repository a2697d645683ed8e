from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    label = "reports"
    verbose_name = _("Báo cáo, thống kê")

    def ready(self) -> None:
        from motcua.reports import messages  # noqa: F401 - register the report e-mail
        from motcua.reports.indicators import indicators_register

        indicators_register()  # how the report figures are computed (core.indicators)
