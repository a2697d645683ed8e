"""The feedback figures in the core registries (ADR 0004 pattern): indicator keys with their compute
functions (Decision 766 indicators 5.1–5.3, DOMAIN §5) and the facts `feedback.petitions` and
`feedback.about_officer` (core.facts), registered from `FeedbackConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.facts import fact_register, officer_fact_register
from motcua.core.indicators import Unit, indicator_compute_register, indicator_register
from motcua.feedback import selectors

OWNER = "feedback"

INDICATORS = [
    ("feedback_received", _("Số phản ánh, kiến nghị tiếp nhận"), Unit.COUNT, selectors.feedback_received),
    ("feedback_classified", _("Tỷ lệ phản ánh, kiến nghị được phân loại (766, 5.1)"), Unit.PERCENT,
     selectors.feedback_classified),
    ("feedback_on_time", _("Tỷ lệ phản ánh, kiến nghị xử lý đúng thời hạn (766, 5.2)"), Unit.PERCENT,
     selectors.feedback_on_time),
    ("feedback_satisfactory", _("Tỷ lệ phản ánh, kiến nghị được xử lý thỏa đáng (766, 5.3)"), Unit.PERCENT,
     selectors.feedback_satisfactory),
]  # fmt: skip


def feedback_register() -> None:
    for key, label, unit, compute in INDICATORS:
        indicator_register(key, label=label, unit=unit, owner=OWNER)
        indicator_compute_register(key, compute)
    fact_register("feedback.petitions", selectors.fact_petitions, owner=OWNER)
    officer_fact_register("feedback.about_officer", selectors.fact_about_officer, owner=OWNER)
