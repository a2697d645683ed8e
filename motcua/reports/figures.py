"""The monthly report's figures (CONTRACTS §8), computed live from the dossiers and their events.

One rule per figure, written once here and used by the screen, the exports, the API
(`reports/summary`), the indicator registry and the drill-down lists, so every place shows the
same number. For a period [S, E) of instants (the period's local dates, `Period.bounds()`) and a
scope (an agency's subtree and / or a field; dossiers count under their **receiving** agency):

- `carried_over`: received before S, unfinished at S (finished_at null or ≥ S);
- `received*`: received_at in [S, E), by channel;
- `finished_*`: finished_at in [S, E) with a classification (only `mark_ready` / `return_result`
  classify; stopped and withdrawn dossiers do not);
- `in_progress` / `overdue`: unfinished at E, judged on the due time **as it stood at E** — a
  dossier paused at E is never overdue (CONTRACTS §2); a pause that began after E moved the stored
  `due_at` later, so for those few the due time at E is read from the last event before E that
  set one (events are the record, CONTRACTS §4);
- `stopped`, `withdrawn`, `refused`, `guided`, `apologies`, `returned`: events in [S, E).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency
from motcua.catalog.models import Field, ProcedureVersion
from motcua.core.indicators import Measure
from motcua.core.periods import Period
from motcua.dossiers.models import Action, Channel, Classification, Dossier, DossierEvent, DossierPause
from motcua.reports.db import without_jit

COUNT_KEYS = (
    "carried_over",
    "received",
    "received_desk",
    "received_post",
    "received_online",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "in_progress",
    "overdue",
    "stopped",
    "withdrawn",
    "refused",
    "guided",
    "apologies",
    "returned",
)
KEYS = (*COUNT_KEYS, "on_time_rate")

EVENT_KEYS = {
    Action.STOP: "stopped",
    Action.WITHDRAW: "withdrawn",
    Action.REFUSE: "refused",
    Action.GUIDE: "guided",
    Action.APOLOGISE: "apologies",
    Action.RETURN_RESULT: "returned",
}

# How each figure is computed, in words: the drill-down shows it beside the list of dossiers.
FORMULAS: dict[str, Any] = {
    "carried_over": _("Hồ sơ tiếp nhận trước ngày đầu kỳ, chưa hoàn thành vào đầu ngày đầu kỳ"),
    "received": _("Hồ sơ có thời điểm tiếp nhận trong kỳ"),
    "received_desk": _("Hồ sơ tiếp nhận trong kỳ, nộp trực tiếp"),
    "received_post": _("Hồ sơ tiếp nhận trong kỳ, nộp qua bưu chính công ích"),
    "received_online": _("Hồ sơ tiếp nhận trong kỳ, nộp trực tuyến"),
    "finished_early": _("Hồ sơ có kết quả trong kỳ, ngày có kết quả trước ngày hẹn trả"),
    "finished_on_time": _("Hồ sơ có kết quả trong kỳ, không trước ngày hẹn và không quá hạn"),
    "finished_late": _(
        "Hồ sơ có kết quả trong kỳ sau thời điểm hẹn trả, hoặc bị yêu cầu bổ sung quá một lần"
    ),
    "in_progress": _(
        "Hồ sơ chưa hoàn thành vào cuối ngày cuối kỳ và chưa đến hạn (hoặc đang tạm dừng) lúc đó"
    ),
    "overdue": _("Hồ sơ chưa hoàn thành vào cuối ngày cuối kỳ và đã quá hạn lúc đó"),
    "stopped": _("Hồ sơ có thông báo dừng giải quyết trong kỳ"),
    "withdrawn": _("Hồ sơ được rút trong kỳ"),
    "refused": _("Hồ sơ bị từ chối tiếp nhận trong kỳ"),
    "guided": _("Phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ khi tiếp nhận, lập trong kỳ"),
    "apologies": _("Văn bản xin lỗi, hẹn lại ngày trả kết quả, lập trong kỳ"),
    "returned": _("Hồ sơ đã trả kết quả trong kỳ"),
    "on_time_rate": _(
        "(trước hạn + đúng hạn + đang giải quyết trong hạn) ÷ (trước hạn + đúng hạn + quá hạn"
        " + đang giải quyết trong hạn + đang giải quyết quá hạn) × 100"
    ),
}

AGENCY, FIELD, VERSION = (
    "receiving_agency_id",
    "procedure_version__procedure__field_id",
    "procedure_version_id",
)
GROUPS = {"field": (FIELD, Field), "agency": (AGENCY, Agency)}


@dataclass(frozen=True)
class Scope:
    """Whose dossiers: an agency with its sub-agencies (None: the locality) and / or a field."""

    agency: Agency | None = None
    field_id: int | None = None

    @property
    def agency_ids(self) -> set[int] | None:
        return None if self.agency is None else self.agency.subtree_ids()


def dossiers_in(scope: Scope, prefix: str = "") -> Q:
    """The scope as a condition on dossiers (`prefix` "dossier__" from a related row)."""
    condition = Q()
    if (ids := scope.agency_ids) is not None:
        condition &= Q(**{f"{prefix}receiving_agency_id__in": ids})
    if scope.field_id is not None:
        condition &= Q(**{f"{prefix}procedure_version__procedure__field_id": scope.field_id})
    return condition


def paused_at(instant: datetime, dossier_ref: str = "pk") -> Exists:
    """Whether the dossier's clock stood still at `instant` (a pause open then)."""
    return Exists(
        DossierPause.objects.filter(dossier_id=OuterRef(dossier_ref), started_at__lt=instant).filter(
            Q(ended_at__isnull=True) | Q(ended_at__gt=instant)
        )
    )


def unfinished_at(instant: datetime) -> Q:
    """Received before `instant` and not finished then (stopped and withdrawn count as finished)."""
    return Q(received_at__lt=instant) & (Q(finished_at__isnull=True) | Q(finished_at__gte=instant))


def due_at_as_of(dossier_ids: Iterable[int], instant: datetime) -> dict[int, datetime]:
    """The due time each dossier had at `instant`: from the last event before it that set one."""
    due: dict[int, tuple[int, datetime]] = {}
    events = DossierEvent.objects.filter(
        dossier_id__in=list(dossier_ids), at__lt=instant, payload__has_key="due_at"
    ).values_list("dossier_id", "seq", "payload__due_at")
    for dossier_id, seq, raw in events:
        if dossier_id not in due or seq > due[dossier_id][0]:
            due[dossier_id] = (seq, datetime.fromisoformat(raw))
    return {k: v[1] for k, v in due.items()}


def _moved_after(end: datetime, scope: Scope) -> QuerySet[Dossier]:
    """Unfinished at `end`, not paused then, stored `due_at` ≥ `end`, but a pause began after
    `end`: the stored due time is later than it was at `end`, which the events tell."""
    later_pause = DossierPause.objects.filter(dossier_id=OuterRef("pk"), started_at__gte=end)
    return (
        Dossier.objects.filter(dossiers_in(scope), unfinished_at(end), due_at__gte=end)
        .filter(Exists(later_pause))
        .exclude(paused_at(end))
    )


def overdue_moved(end: datetime, scope: Scope) -> list[int]:
    """The ids of `_moved_after` dossiers that were overdue at `end` by their due time then."""
    rows = dict(_moved_after(end, scope).values_list("pk", "pk"))
    due = due_at_as_of(rows, end)
    return [pk for pk in rows if pk in due and due[pk] < end]


def _cells(period: Period, scope: Scope, keys: tuple[str, ...]) -> dict[tuple[Any, ...], dict[str, int]]:
    """The counts per combination of `keys` (dossier columns; () for one total): one grouped pass
    over the dossiers and one over the events, however many breakdowns the caller derives."""
    start, end = period.bounds()
    counts: dict[tuple[Any, ...], dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNT_KEYS, 0))
    in_period = Q(received_at__gte=start, received_at__lt=end)
    finished = Q(finished_at__gte=start, finished_at__lt=end)
    open_end = unfinished_at(end)
    dossiers = (
        Dossier.objects.filter(dossiers_in(scope))
        .filter(received_at__lt=end)
        .filter(Q(finished_at__isnull=True) | Q(finished_at__gte=start))
    )
    # Two passes: what happened in the period over its dossiers, then in progress / overdue over
    # only those still open at its end (found by the finished_at index), so the pause probe and its
    # conditions are not evaluated on every dossier of a year.
    paused_end = Q(paused_at(end))
    passes = (
        (dossiers, {
            "carried_over": Count("pk", filter=Q(received_at__lt=start)),
            "received": Count("pk", filter=in_period),
            "received_desk": Count("pk", filter=in_period & Q(channel=Channel.DESK)),
            "received_post": Count("pk", filter=in_period & Q(channel=Channel.POST)),
            "received_online": Count("pk", filter=in_period & Q(channel=Channel.ONLINE)),
            "finished_early": Count("pk", filter=finished & Q(classification=Classification.EARLY)),
            "finished_on_time": Count("pk", filter=finished & Q(classification=Classification.ON_TIME)),
            "finished_late": Count("pk", filter=finished & Q(classification=Classification.LATE)),
        }),
        (Dossier.objects.filter(dossiers_in(scope)).filter(open_end), {
            "in_progress": Count("pk", filter=Q(due_at__gte=end) | paused_end),
            "overdue": Count("pk", filter=Q(due_at__lt=end) & ~paused_end),
        }),
    )  # fmt: skip
    for rows, aggregates in passes:
        if keys:
            for row in rows.values(*keys).order_by().annotate(**aggregates):
                found = cast(dict[str, Any], row)  # a values() row: the grouping fields and `aggregates`
                counts[tuple(found[k] for k in keys)].update({k: found[k] for k in aggregates})
        else:
            counts[()].update(rows.aggregate(**aggregates))
    # Overdue at E by the due time then, though a later pause moved the stored one past E.
    moved = overdue_moved(end, scope)
    if moved:
        for cell in Dossier.objects.filter(pk__in=moved).values_list(*keys, "pk"):
            row = counts[tuple(cell[:-1])]
            row["in_progress"] -= 1
            row["overdue"] += 1
    events = DossierEvent.objects.filter(
        dossiers_in(scope, "dossier__"), at__gte=start, at__lt=end, action__in=list(EVENT_KEYS)
    )
    event_keys = [f"dossier__{k}" for k in keys]
    # COUNT(*): the (action, at) index answers it alone (an index-only scan), where COUNT(id) reads
    # every event row from the table.
    for event in events.values(*event_keys, "action").order_by().annotate(n=Count("*")):
        counts[tuple(event[k] for k in event_keys)][EVENT_KEYS[event["action"]]] += event["n"]
    return counts


def _group_rows(period: Period, scope: Scope, group: str | None) -> dict[Any, dict[str, int]]:
    """The counts per field or receiving agency (`group`), or one total under None."""
    if group is None:
        return {None: _cells(period, scope, ())[()]}
    return {key[0]: row for key, row in _cells(period, scope, (GROUPS[group][0],)).items()}


def on_time_rate(row: dict[str, int]) -> Measure:
    """CONTRACTS §8: (early + on time + in progress) ÷ (early + on time + late + in progress + overdue)."""
    good = row["finished_early"] + row["finished_on_time"] + row["in_progress"]
    return Measure.ratio(good, good + row["finished_late"] + row["overdue"])


def _complete(row: dict[str, int]) -> dict[str, Any]:
    return {**row, "on_time_rate": on_time_rate(row).value}


@without_jit
def figures(period: Period, scope: Scope | None = None) -> dict[str, Any]:
    """The report's figures for the scope's dossiers over the period (CONTRACTS §8)."""
    return _complete(_group_rows(period, scope or Scope(), None)[None])


@dataclass
class Row:
    key: Any  # the group's id (a field, an agency), None for the total
    label: str
    figures: dict[str, Any]

    @property
    def cells(self) -> list[tuple[str, Any]]:
        """(key, value) in column order (the figures' own order), for templates."""
        return list(self.figures.items())


@without_jit
def figures_by(period: Period, scope: Scope, group: str) -> list[Row]:
    """One row per field (or receiving agency) with dossiers in the scope, by name; no total."""
    return _rows(_group_rows(period, scope, group), group)


@without_jit
def figures_by_agency_and_field(period: Period, scope: Scope) -> tuple[list[Row], list[Row]]:
    """`figures_by` for both groups from one pass: the rows per receiving agency and per field."""
    # Grouped by procedure version (a column of the dossier and of nothing joined), then each
    # version's field looked up once: the year's rows are not joined to the catalogue.
    cells = _cells(period, scope, (AGENCY, VERSION))
    fields = dict(
        ProcedureVersion.objects.filter(pk__in={v for _a, v in cells}).values_list(
            "pk", "procedure__field_id"
        )
    )
    by: dict[str, dict[Any, dict[str, int]]] = {"agency": {}, "field": {}}
    for (agency_id, version_id), row in cells.items():
        for group, key in (("agency", agency_id), ("field", fields.get(version_id))):
            into = by[group].setdefault(key, dict.fromkeys(COUNT_KEYS, 0))
            for name, n in row.items():
                into[name] += n
    return _rows(by["agency"], "agency"), _rows(by["field"], "field")


def _rows(counts: dict[Any, dict[str, int]], group: str) -> list[Row]:
    model = GROUPS[group][1]
    found = cast(Any, model)._default_manager.filter(pk__in=[k for k in counts if k is not None])
    names = dict(found.values_list("pk", "name"))
    # A row's key is what the filters take: a field's id, an agency's code.
    keys = dict(found.values_list("pk", "code")) if group == "agency" else {k: k for k in names}
    rows = [
        Row(keys.get(key), names.get(key, "—"), _complete(row))
        for key, row in counts.items()
        if any(row.values())
    ]
    return sorted(rows, key=lambda r: r.label)


def total_of(rows: list[Row]) -> dict[str, Any]:
    """The total of rows that partition the dossiers (one row per receiving agency): the counts
    add up; the rate is computed again from the sums."""
    sums = {key: sum(r.figures[key] for r in rows) for key in COUNT_KEYS}
    return _complete(sums)


@without_jit
def figure_measure(key: str, period: Period, agency: Agency | None) -> Measure:
    """A figure as an indicator value (core.indicators), for plans and dashboards."""
    row = _group_rows(period, Scope(agency=agency), None)[None]
    if key == "on_time_rate":
        return on_time_rate(row)
    return Measure(row[key])


# --- the dossiers behind a figure (the drill-down) ------------------------------------------------


def figure_dossiers(key: str, period: Period, scope: Scope) -> QuerySet[Dossier]:
    """The dossiers a figure counts, so a leader can act on a number and an auditor check it. For
    the event figures (`apologies`, `guided`), a dossier appears once however many events it had."""
    start, end = period.bounds()
    dossiers = Dossier.objects.filter(dossiers_in(scope))
    in_period = Q(received_at__gte=start, received_at__lt=end)
    finished = Q(finished_at__gte=start, finished_at__lt=end)
    by_channel = {
        "received_desk": Channel.DESK,
        "received_post": Channel.POST,
        "received_online": Channel.ONLINE,
    }
    by_class = {
        "finished_early": Classification.EARLY,
        "finished_on_time": Classification.ON_TIME,
        "finished_late": Classification.LATE,
    }
    if key == "carried_over":
        return dossiers.filter(unfinished_at(start))
    if key == "received":
        return dossiers.filter(in_period)
    if key in by_channel:
        return dossiers.filter(in_period, channel=by_channel[key])
    if key in by_class:
        return dossiers.filter(finished, classification=by_class[key])
    if key in {"in_progress", "overdue", "on_time_rate"}:
        open_end = dossiers.filter(unfinished_at(end)).annotate(paused_end=paused_at(end))
        moved = overdue_moved(end, scope)
        overdue = Q(paused_end=False, due_at__lt=end) | Q(pk__in=moved)
        if key == "overdue":
            return open_end.filter(overdue)
        if key == "in_progress":
            return open_end.exclude(overdue)
        return dossiers.filter(Q(pk__in=open_end.values("pk")) | (finished & ~Q(classification="")))
    actions = {v: k for k, v in EVENT_KEYS.items()}
    if key in actions:
        events = DossierEvent.objects.filter(at__gte=start, at__lt=end, action=actions[key])
        return dossiers.filter(pk__in=events.values("dossier_id"))
    raise KeyError(key)
