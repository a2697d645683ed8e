"""The catalogue's indicator keys: publications published in a period (seed plan tasks 1.3 and 1.5)
and procedures published with every part a–g (Decision 766 indicator 1.3)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency
from motcua.catalog import publication_selectors
from motcua.core.indicators import Measure, Unit, indicator_compute_register, indicator_register
from motcua.core.periods import Period

PUBLICATIONS_PUBLISHED = "publications_published"
PROCEDURES_PUBLISHED = "procedures_published"


def publications_published(period: Period, agency: Agency | None) -> Measure:
    """How many publications became public in the period (by their publication instant) and are still
    public, for the agency's tree or the whole locality."""
    return Measure(publication_selectors.publications_published_in(period, agency).count())


def procedures_published(period: Period, agency: Agency | None) -> Measure:
    """Procedures in force at the end of the period whose version publishes every part a–g, as a
    percentage of the procedures in force (of the agency's tree: those it implements)."""
    complete, listed = publication_selectors.procedures_published_counts(period.end, agency)
    return Measure.ratio(complete, listed)


def register() -> None:
    indicator_register(
        PUBLICATIONS_PUBLISHED, label=_("Số tin, văn bản được công khai"), unit=Unit.COUNT, owner="catalog"
    )
    indicator_compute_register(PUBLICATIONS_PUBLISHED, publications_published)
    indicator_register(
        PROCEDURES_PUBLISHED,
        label=_("Tỷ lệ thủ tục hành chính công khai đầy đủ các bộ phận a–g (Chỉ số 1.3, QĐ 766)"),
        unit=Unit.PERCENT,
        owner="catalog",
    )
    indicator_compute_register(PROCEDURES_PUBLISHED, procedures_published)
