from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "motcua.catalog"
    label = "catalog"
    verbose_name = _("Thủ tục hành chính")

    def ready(self) -> None:
        """Register the figures the catalogue owns (ARCHITECTURE §2: the indicator registry in core)."""
        from motcua.catalog import indicators

        indicators.register()
