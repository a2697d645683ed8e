"""Decision 766 indicator 2.2: the handling time against each procedure's own time limit (DOMAIN §5,
ADR 0028), over the dossiers with a result.

Each dossier's handling time — the shortest limit in its procedure's unit it would have met, on the
working calendar, pauses left out — is measured once, when its result is marked ready, and kept on
the dossier (`handling_used` of `handling_allowed` units: `dossiers.handling_time`). Here it is only
added up: the value is the average of used ÷ allowed over the dossiers with a result (a percentage
with 2 decimals; below 100 % = faster than the limits); the denominator is the number of those
dossiers. Both figures come from one grouped query, by the limit in units (`handling_allowed`, a
few dozen values at most), so that the sum of the shares is exact — a fraction per group — and the
rounding to 2 decimals cannot go the wrong way at a half.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from motcua.core.calendar import Limit, Unit, amount_text
from motcua.core.indicators import Measure
from motcua.core.periods import Period
from motcua.dossiers.models import Dossier
from motcua.reports.figures import Scope, dossiers_in

TWO = Decimal("0.01")


def _groups(dossiers: QuerySet[Dossier], *keys: str) -> Iterable[dict[str, Any]]:
    """`dossiers` grouped by `keys` and the limit in units: the count and the units used of each group."""
    # A dossier with a result always has its handling time; the filter is for the reader.
    measured = dossiers.filter(handling_used__isnull=False, handling_allowed__isnull=False).order_by()
    return measured.values(*keys, "handling_allowed").annotate(used=Sum("handling_used"), n=Count("pk"))


def _rounded(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(TWO, ROUND_HALF_UP)


@dataclass
class _Tally:
    """Dossiers added up exactly: their count, units used, and sum of used ÷ allowed."""

    dossiers: int = 0
    used: int = 0
    shares: Fraction = Fraction(0)

    def add(self, group: dict[str, Any]) -> None:
        used = int(group["used"])
        self.dossiers += group["n"]
        self.used += used
        self.shares += Fraction(used, group["handling_allowed"])

    @property
    def share(self) -> Decimal:
        """The average share of the limit, in %."""
        return _rounded(100 * self.shares / self.dossiers)

    @property
    def average_used(self) -> Decimal:
        return _rounded(Fraction(self.used, self.dossiers))


def handling_time_measure(dossiers: QuerySet[Dossier]) -> Measure:
    """Indicator 2.2 over `dossiers` (those with a result): average used ÷ allowed, in %."""
    tally = _Tally()
    for group in _groups(dossiers):
        tally.add(group)
    if not tally.dossiers:
        return Measure(None, None, 0)
    return Measure(tally.share, None, tally.dossiers)


@dataclass(frozen=True, slots=True)
class ProcedureHandling:
    """2.2 for one procedure and time limit (a new version may change the limit): its dossiers with
    a result, their average handling time in `unit` and the average share of the limit (%)."""

    procedure_id: int
    name: str
    limit: Limit
    dossiers: int
    average_used: Decimal
    share: Decimal

    @property
    def limit_text(self) -> str:
        return amount_text(int(self.limit.value), self.limit.unit)

    @property
    def unit(self) -> str:
        """The unit of `average_used`: the limit's, calendar days for months, working days for
        "within the day" (1 = within it, then the working days over)."""
        if self.limit.unit == Unit.SAME_DAY or int(self.limit.value) == 0:
            return str(Unit.WORKING_DAYS.label)
        if self.limit.unit == Unit.MONTHS:
            return str(Unit.CALENDAR_DAYS.label)
        return str(Unit(self.limit.unit).label)


def handling_by_procedure(dossiers: QuerySet[Dossier]) -> list[ProcedureHandling]:
    """The average handling time per procedure (DOMAIN §5, 2.2) over `dossiers` (those with a
    result), most dossiers first: one grouped query."""
    keys = (
        "procedure_version__procedure_id", "procedure_version__procedure__name",
        "procedure_version__limit_value", "procedure_version__limit_unit",
    )  # fmt: skip
    tallies: dict[tuple[Any, ...], _Tally] = {}
    for group in _groups(dossiers, *keys):
        tallies.setdefault(tuple(group[key] for key in keys), _Tally()).add(group)
    out = [
        ProcedureHandling(
            procedure_id=procedure_id,
            name=name,
            limit=Limit(value, unit),
            dossiers=tally.dossiers,
            average_used=tally.average_used,
            share=tally.share,
        )
        for (procedure_id, name, value, unit), tally in tallies.items()
    ]
    return sorted(out, key=lambda p: (-p.dossiers, p.name, p.procedure_id))


def handling_in_period(
    period: Period, scope: Scope, *, now: datetime | None = None
) -> list[ProcedureHandling]:
    """`handling_by_procedure` over the dossiers the index reads for 2.2: received in the period in
    the scope, with a result at `now`."""
    now = now or timezone.now()
    start, end = period.bounds()
    dossiers = Dossier.objects.filter(
        dossiers_in(scope), received_at__gte=start, received_at__lt=end, finished_at__lte=now
    ).exclude(classification="")
    return handling_by_procedure(dossiers)
