"""The values of the report figures in the core indicator registry (ADR 0004 pattern): `dossiers`
registered the keys of CONTRACTS §8 by name; `reports` says how to compute them, and registers
the figures it owns itself (the online share, the Decision 766 total)."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency
from motcua.core.indicators import Measure, Unit, indicator_compute_register, indicator_register
from motcua.core.periods import Period
from motcua.dossiers.indicators import FIGURES
from motcua.reports.figures import Scope, figure_measure, figures
from motcua.reports.index766 import index_766

OWNER = "reports"


def online_share(period: Period, agency: Agency | None) -> Measure:
    """Dossiers received online ÷ dossiers received in the period, in percent."""
    row = figures(period, Scope(agency=agency))
    return Measure.ratio(row["received_online"], row["received"])


def index_766_total(period: Period, agency: Agency | None) -> Measure:
    """The Decision 766 total points over the applicable maximum (a plan can follow it)."""
    index = index_766(period, Scope(agency=agency))
    return Measure(index.total_points, None, None)


def indicators_register() -> None:
    for key, _label, _unit in FIGURES:
        indicator_compute_register(key, partial(figure_measure, key))
    indicator_register("online_share", label=_("Tỷ lệ hồ sơ trực tuyến"), unit=Unit.PERCENT, owner=OWNER)
    indicator_compute_register("online_share", online_share)
    indicator_register(
        "index_766", label=_("Chỉ số phục vụ (Quyết định 766), điểm"), unit=Unit.POINTS, owner=OWNER
    )
    indicator_compute_register("index_766", index_766_total)
