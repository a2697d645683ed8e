"""The Decision 766/QĐ-TTg real-time service index (DOMAIN §5) for an agency's subtree or the
locality, over a calendar period by receipt date (CONTRACTS §7, §9).

Each indicator has a formula, a numerator, a denominator and points from the weights stored as data
(`IndexWeight`): points = max × min(1, value ÷ full_at), 2 decimals. An indicator is N/A — value and
points null, and left out of `applicable_max_points` — when its denominator is 0 or when no source
for it exists yet (1.1, 1.4, 3.5, 4.4, 4.5; 1.2, 1.3 and 5.1–5.3 until the catalogue's publications
and the feedback app register their figures, read by key through `core.indicators`). Dossier
states are judged now (the index is live): a finished dossier by its frozen classification (more
than one supplement request = late), an unfinished one on time while not yet due or paused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency
from motcua.catalog.models import Fee, OnlineLevel, Procedure, ResultKind
from motcua.core.facts import fact_available, fact_values
from motcua.core.indicators import Measure, UnknownIndicator, indicator_value
from motcua.core.periods import Period
from motcua.dossiers.models import Channel, Classification, Dossier, DossierDocument
from motcua.reports.db import without_jit
from motcua.reports.figures import Scope, dossiers_in, paused_at
from motcua.reports.handling_time import handling_time_measure
from motcua.reports.models import IndexWeight

TWO = Decimal("0.01")

GROUPS = {
    "1": _("Công khai, minh bạch"),
    "2": _("Tiến độ giải quyết"),
    "3": _("Dịch vụ trực tuyến"),
    "4": _("Mức độ số hóa hồ sơ"),
    "5": _("Mức độ hài lòng"),
}

NAMES: dict[str, Any] = {
    "1.1": _("Công bố thủ tục hành chính đúng hạn"),
    "1.2": _("Công khai thủ tục hành chính trong 5 ngày làm việc kể từ khi công bố"),
    "1.3": _("Công khai đầy đủ các bộ phận của thủ tục hành chính"),
    "1.4": _("Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia"),
    "2.1": _("Hồ sơ giải quyết trước hạn, đúng hạn và đang giải quyết trong hạn"),
    "2.2": _("Thời gian giải quyết trung bình so với thời hạn quy định"),
    "3.1": _("Thủ tục có dịch vụ công trực tuyến"),
    "3.2": _("Dịch vụ trực tuyến có phát sinh hồ sơ trực tuyến"),
    "3.3": _("Hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận"),
    "3.5": _("Thủ tục có phí, lệ phí tích hợp thanh toán trực tuyến"),
    "3.6": _("Hồ sơ thanh toán trực tuyến trên hồ sơ có phí, lệ phí"),
    "4.1": _("Hồ sơ cấp kết quả điện tử"),
    "4.2": _("Hồ sơ được số hóa"),
    "4.3": _("Hồ sơ tái sử dụng dữ liệu số hóa"),
    "4.4": _("Hồ sơ kết nối kho dữ liệu cá nhân"),
    "4.5": _("Khai thác cơ sở dữ liệu quốc gia về dân cư, VNeID"),
    "5.1": _("Phản ánh, kiến nghị được phân loại"),
    "5.2": _("Phản ánh, kiến nghị xử lý đúng hạn"),
    "5.3": _("Phản ánh, kiến nghị xử lý hài lòng"),
    "5.4": _("100% trừ tỷ lệ hồ sơ trễ hạn và tỷ lệ hồ sơ bị phản ánh, không hài lòng"),
}

FORMULAS: dict[str, Any] = {
    "1.1": _("Chưa có nguồn dữ liệu"),
    "1.2": _("Thủ tục công khai trong 5 ngày làm việc ÷ thủ tục được công bố"),
    "1.3": _("Thủ tục công khai đủ các bộ phận a–g ÷ thủ tục công khai"),
    "1.4": _("Chưa có nguồn dữ liệu"),
    "2.1": _(
        "(có kết quả trước hạn, đúng hạn + đang giải quyết chưa đến hạn) ÷ (có kết quả + đang giải quyết);"
        " không tính hồ sơ dừng, rút; bổ sung quá một lần là trễ hạn"
    ),
    "2.2": _(
        "Trung bình của (thời gian giải quyết ÷ thời hạn của thủ tục) trên các hồ sơ có kết quả, tính theo"
        " đơn vị thời hạn của từng thủ tục (ngày làm việc, buổi, giờ, ngày, tháng) trên lịch làm việc,"
        " không tính thời gian tạm dừng; dưới 100% là nhanh hơn thời hạn; không tính điểm"
    ),
    "3.1": _("Thủ tục có dịch vụ trực tuyến ÷ thủ tục; đủ điểm từ 80%"),
    "3.2": _("Dịch vụ trực tuyến có ít nhất một hồ sơ trực tuyến trong kỳ ÷ dịch vụ trực tuyến"),
    "3.3": _("Hồ sơ trực tuyến (kết quả giấy thì phải có kết quả điện tử) ÷ hồ sơ tiếp nhận; đủ điểm từ 50%"),
    "3.5": _("Chưa có nguồn dữ liệu"),
    "3.6": _("Hồ sơ thanh toán trực tuyến ÷ hồ sơ có phí, lệ phí khác 0"),
    "4.1": _("Hồ sơ có kết quả điện tử ÷ hồ sơ có kết quả mà thủ tục trả kết quả giấy"),
    "4.2": _("Hồ sơ có giấy tờ số hóa và kết quả điện tử ÷ hồ sơ tiếp nhận; đủ điểm từ 80%"),
    "4.3": _("Hồ sơ tái sử dụng dữ liệu số hóa ÷ hồ sơ tiếp nhận; đủ điểm từ 80%"),
    "4.4": _("Chưa có nguồn dữ liệu"),
    "4.5": _("Chưa có nguồn dữ liệu"),
    "5.1": _("Phản ánh được phân loại ÷ phản ánh tiếp nhận"),
    "5.2": _("Phản ánh xử lý trong thời hạn ÷ phản ánh"),
    "5.3": _("(phản ánh − không hài lòng − quá hạn − lặp lại) ÷ phản ánh"),
    "5.4": _(
        "100% − (hồ sơ trễ hạn + hồ sơ bị phản ánh hoặc đánh giá không hài lòng) ÷ hồ sơ tiếp nhận;"
        " đủ điểm từ 90%"
    ),
}

# Indicators whose figures another app computes, read by key (core.indicators).
BY_KEY = {
    "1.3": "procedures_published",
    "5.1": "feedback_classified",
    "5.2": "feedback_on_time",
    "5.3": "feedback_satisfactory",
}
NO_SOURCE = {"1.1", "1.2", "1.4", "3.5", "4.4", "4.5"}  # 1.2: announcement dates not kept yet


@dataclass
class IndicatorValue:
    code: str
    name: str
    formula: str
    numerator: int | None
    denominator: int | None
    value: Decimal | None
    points: Decimal | None
    max_points: Decimal


@dataclass
class GroupValue:
    code: str
    name: str
    max_points: Decimal
    points: Decimal | None
    indicators: list[IndicatorValue] = field(default_factory=list)


@dataclass
class Index766:
    period: Period
    scope: Scope
    total_points: Decimal
    applicable_max_points: Decimal
    groups: list[GroupValue]

    def as_dict(self) -> dict[str, Any]:
        """The JSON of `GET /api/v1/indices/766` (CONTRACTS §7)."""
        return {
            "total_points": self.total_points,
            "applicable_max_points": self.applicable_max_points,
            "groups": [
                {
                    "code": g.code,
                    "name": g.name,
                    "max_points": g.max_points,
                    "points": g.points,
                    "indicators": [
                        {
                            "code": i.code,
                            "name": i.name,
                            "numerator": i.numerator,
                            "denominator": i.denominator,
                            "value": i.value,
                            "points": i.points,
                            "max_points": i.max_points,
                        }
                        for i in g.indicators
                    ],
                }
                for g in self.groups
            ],
        }


def points_for(value: Decimal | None, weight: IndexWeight) -> Decimal | None:
    """Full points from `full_at`, proportional below; None for N/A."""
    if value is None:
        return None
    share = min(Decimal(1), Decimal(value) / weight.full_at) if weight.full_at else Decimal(1)
    return (share * weight.max_points).quantize(TWO, ROUND_HALF_UP)


def _procedures(scope: Scope, day: Any) -> Any:
    procedures = Procedure.objects.listed().with_version_in_force(day)
    if (ids := scope.agency_ids) is not None:
        procedures = procedures.filter(agencies__in=ids).distinct()
    if scope.field_id is not None:
        procedures = procedures.filter(field_id=scope.field_id)
    return procedures


def _electronic_result() -> Q:
    return ~Q(result_file="") | (Q(online__isnull=False) & ~Q(online__result_file=""))


def dossier_measures(period: Period, scope: Scope, *, now: datetime | None = None) -> dict[str, Measure]:
    """The indicators computed from dossiers (2.1, 2.2, 3.1–3.3, 3.6, 4.1–4.3, 5.4)."""
    now = now or timezone.now()
    start, end = period.bounds()
    received = Dossier.objects.filter(dossiers_in(scope), received_at__gte=start, received_at__lt=end)
    result = Q(finished_at__lte=now) & ~Q(classification="")
    unfinished = Q(finished_at__isnull=True) | Q(finished_at__gt=now)
    on_time = Q(classification__in=[Classification.EARLY, Classification.ON_TIME])
    # One pass, no per-row probes where a set does: the scanned dossiers and the versions with a
    # fee are hashed once (`IN` a subquery), the flags joined (one row per dossier); only the pause
    # probe stays per row, and it runs only for the dossiers still open.
    scanned = Q(pk__in=DossierDocument.objects.exclude(scan="").values("dossier_id"))
    has_fees = Q(procedure_version_id__in=Fee.objects.filter(amount_vnd__gt=0).values("version_id"))
    paper = Q(procedure_version__result_kind__in=[ResultKind.PAPER, ResultKind.BOTH])
    electronic = _electronic_result()
    counts = received.aggregate(
        received=Count("pk"),
        finished=Count("pk", filter=result),
        finished_good=Count("pk", filter=result & on_time),
        finished_late=Count("pk", filter=result & Q(classification=Classification.LATE)),
        open=Count("pk", filter=unfinished),
        open_good=Count("pk", filter=unfinished & (Q(due_at__gte=now) | Q(paused_at(now)))),
        online_counted=Count(
            "pk",
            filter=Q(channel=Channel.ONLINE)
            & (Q(procedure_version__result_kind=ResultKind.ELECTRONIC) | electronic),
        ),
        paper_results=Count("pk", filter=result & paper),
        paper_electronic=Count("pk", filter=result & paper & electronic),
        digitised=Count("pk", filter=scanned & electronic),
        reused=Count("pk", filter=Q(flags__reused_digitised=True)),
        with_fees=Count("pk", filter=has_fees),
        paid_online=Count("pk", filter=has_fees & Q(flags__paid_online=True)),
    )
    measures: dict[str, Measure] = {}
    good = counts["finished_good"] + counts["open_good"]
    measures["2.1"] = Measure.ratio(good, counts["finished"] + counts["open"])
    measures["2.2"] = handling_time_measure(received.filter(result))
    procedures = _procedures(scope, period.end)
    online_services = procedures.exclude(version_online_level=OnlineLevel.NONE)
    measures["3.1"] = Measure.ratio(online_services.count(), procedures.count())
    used = online_services.filter(
        pk__in=received.filter(channel=Channel.ONLINE).values("procedure_version__procedure_id")
    )
    measures["3.2"] = Measure.ratio(used.count(), online_services.count())
    measures["3.3"] = Measure.ratio(counts["online_counted"], counts["received"])
    measures["3.6"] = Measure.ratio(counts["paid_online"], counts["with_fees"])
    measures["4.1"] = Measure.ratio(counts["paper_electronic"], counts["paper_results"])
    measures["4.2"] = Measure.ratio(counts["digitised"], counts["received"])
    measures["4.3"] = Measure.ratio(counts["reused"], counts["received"])
    measures["5.4"] = _measure_5_4(received, counts, result, now)
    return measures


def _measure_5_4(received: Any, counts: dict[str, int], result: Q, now: datetime) -> Measure:
    """100 % − (late rate + rate of dossiers with a complaint or a dislike), over the dossiers
    received; N/A until the surveys or the feedback app provide their facts."""
    if not (fact_available("survey.disliked") or fact_available("feedback.petitions")):
        return Measure(None)
    ids = received.values_list("pk", flat=True)  # a subquery: a year of ids is too many to send back
    disliked = fact_values("survey.disliked", ids)
    petitions = fact_values("feedback.petitions", ids)
    complained = {pk for pk, v in (disliked or {}).items() if v} | {
        pk for pk, v in (petitions or {}).items() if v and v[0]
    }
    late = counts["finished_late"] + (counts["open"] - counts["open_good"])
    total = counts["received"]
    return Measure.ratio(max(0, total - late - len(complained)), total)


def _by_key(key: str, period: Period, agency: Agency | None) -> Measure:
    try:
        measure = indicator_value(key, period, agency)
    except UnknownIndicator:
        return Measure(None)
    # An indicator is a share: a figure without a denominator (a count) cannot score.
    return measure if measure.denominator is not None else Measure(None)


@without_jit
def index_766(period: Period, scope: Scope | None = None, *, now: datetime | None = None) -> Index766:
    """The index for the scope over the period (receipt dates; give a calendar period)."""
    scope = scope or Scope()
    measures = dossier_measures(period, scope, now=now)
    for code, key in BY_KEY.items():
        # Those figures (publications, petitions) have no field: N/A when one is chosen, rather
        # than the whole agency's value mixed into one field's total.
        measures[code] = Measure(None) if scope.field_id is not None else _by_key(key, period, scope.agency)
    weights = {w.code: w for w in IndexWeight.objects.all()}
    groups: dict[str, GroupValue] = {
        code: GroupValue(code, str(name), Decimal(0), None) for code, name in GROUPS.items()
    }
    total = Decimal(0)
    applicable = Decimal(0)
    for code in sorted(weights, key=lambda c: tuple(int(p) for p in c.split("."))):
        weight = weights[code]
        measure = measures.get(code, Measure(None)) if code not in NO_SOURCE else Measure(None)
        scored = weight.max_points > 0
        value = None if measure.value is None else Decimal(measure.value)
        points = points_for(value, weight) if scored else None
        group = groups[weight.group]
        group.max_points += weight.max_points
        group.indicators.append(
            IndicatorValue(
                code=code,
                name=str(NAMES.get(code, code)),
                formula=str(FORMULAS.get(code, "")),
                numerator=measure.numerator,
                denominator=measure.denominator,
                value=None if measure.value is None else Decimal(measure.value),
                points=points,
                max_points=weight.max_points,
            )
        )
        if points is not None:
            group.points = (group.points or Decimal(0)) + points
            total += points
            applicable += weight.max_points
    return Index766(
        period=period,
        scope=scope,
        total_points=total.quantize(TWO),
        applicable_max_points=applicable.quantize(TWO),
        groups=list(groups.values()),
    )
