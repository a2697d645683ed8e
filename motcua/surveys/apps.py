from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "motcua.surveys"
    label = "surveys"
    verbose_name = _("Khảo sát sự hài lòng")

    def ready(self) -> None:
        """Register the index and the facts other apps read by key (ADR 0004 pattern)."""
        from motcua.core.facts import fact_register, officer_fact_register
        from motcua.core.indicators import Unit, indicator_compute_register, indicator_register
        from motcua.surveys import facts
        from motcua.surveys.index import satisfaction_measure

        indicator_register(
            "satisfaction_index", label=_("Chỉ số hài lòng (%)"), unit=Unit.PERCENT, owner=self.label
        )
        indicator_compute_register("satisfaction_index", satisfaction_measure)
        fact_register("survey.attitude", facts.attitude, owner=self.label)
        fact_register("survey.disliked", facts.disliked, owner=self.label)
        officer_fact_register("survey.officer", facts.officer, owner=self.label)
