from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "motcua.oversight"
    label = "oversight"
    verbose_name = _("Giám sát, đánh giá")

    def ready(self) -> None:
        from motcua.accounts.desks import desk_counter_register, desk_duty_register
        from motcua.core.facts import fact_register
        from motcua.oversight import messages  # noqa: F401 - register the message templates
        from motcua.oversight.selectors import counter_officer_id, duty_desk_of, explanation_facts

        fact_register("oversight.explanation", explanation_facts, owner="oversight")
        desk_duty_register(duty_desk_of, owner="oversight")
        desk_counter_register(counter_officer_id, owner="oversight")
