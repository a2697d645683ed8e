"""The back office's worklists (việc cần làm): which dossiers wait for whom, with counts per tab.

Every list is a subset of what `selectors.dossier_visibility(user)` lets the user see (CONTRACTS §5). A dossier's current
step is its open `DossierStep` row (at most one), joined once through a `FilteredRelation`, so a
page of rows, its step, assignee and agency come in one query and the counts of every tab in one
aggregate query (`COUNT(*) FILTER (WHERE …)` per tab). See docs/worklists.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Count, F, FilteredRelation, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.core import calendar
from motcua.dossiers.models import OPEN, RUNNING, Dossier, State
from motcua.dossiers.selectors import (
    dossier_visibility,
    found_by_personal_data,
    masked_name,
    received_here,
    search_condition,
)

# States in which a dossier can be on somebody's worklist at all.
ACTIVE = (State.SUBMITTED, *OPEN, State.RESULT_READY)
RISK_SHARE = 0.8  # a step that has used 80 % of its office time is flagged
PAGE_SIZE = 50


@dataclass(frozen=True)
class Tab:
    key: str
    label: Any
    description: Any


MINE = "mine"
UNASSIGNED = "unassigned"
AGENCY = "agency"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
SUPPLEMENT = "supplement"
PAUSED = "paused"
READY = "ready"
SUBMITTED = "submitted"

TABS: tuple[Tab, ...] = (
    Tab(MINE, _("Việc của tôi"), _("Hồ sơ có bước hiện tại được phân công cho ông/bà.")),
    Tab(UNASSIGNED, _("Chờ phân công"), _("Bước hiện tại ở cơ quan của ông/bà, chưa phân công cán bộ.")),
    Tab(AGENCY, _("Hồ sơ của cơ quan"), _("Mọi hồ sơ có bước hiện tại ở cơ quan của ông/bà.")),
    Tab(
        DUE_SOON, _("Sắp đến hạn"), _("Hồ sơ chưa quá hạn, hẹn trả trong ngày hoặc ngày làm việc tiếp theo.")
    ),
    Tab(OVERDUE, _("Quá hạn"), _("Hồ sơ đang giải quyết đã quá thời hạn trả kết quả.")),
    Tab(SUPPLEMENT, _("Chờ bổ sung"), _("Hồ sơ đang chờ người nộp bổ sung giấy tờ.")),
    Tab(PAUSED, _("Tạm dừng"), _("Hồ sơ tạm dừng tính thời hạn.")),
    Tab(READY, _("Chờ trả kết quả"), _("Hồ sơ đã có kết quả, chờ trả tại bộ phận một cửa.")),
    Tab(SUBMITTED, _("Chờ tiếp nhận"), _("Hồ sơ nộp trực tuyến chờ bộ phận một cửa kiểm tra.")),
)
TAB_KEYS = tuple(t.key for t in TABS)
_NOTHING = Q(pk__isnull=True)  # never true; unlike `pk__in=[]` it compiles inside an aggregate filter


def default_tab(user: User) -> str:
    """The tab a page opens on: the specialist's own tasks, the leader's agency, the desk's results."""
    roles = user.roles
    if Role.SPECIALIST in roles:
        return MINE
    if Role.LEADER in roles:
        return AGENCY
    if Role.DESK_OFFICER in roles:
        return READY
    return OVERDUE


def _scoped(user: User, *, active: bool = True) -> QuerySet[Dossier]:
    """Dossiers visible to `user` (`active`: only those that can be on a worklist), with the open
    step joined as `current`. A tab's rows skip `active`: every tab has its own state condition,
    and the two state lists together make PostgreSQL misjudge how few rows match and drive the
    query from the state index instead of the open steps."""
    dossiers = Dossier.objects.annotate(
        current=FilteredRelation("steps", condition=Q(steps__finished_at__isnull=True))
    )
    if active:
        dossiers = dossiers.filter(state__in=ACTIVE)
    visible = dossier_visibility(user)
    return dossiers if visible is None else dossiers.filter(visible)


def due_soon_limit(now: datetime) -> datetime:
    """The end (exclusive) of "due within one working day": midnight after the next working day,
    so a due time today or on the next working day counts (as the reminders of check_deadlines)."""
    day = timezone.localdate(now) + timedelta(days=1)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=calendar.local_tz())


def _conditions(user: User, now: datetime) -> dict[str, Q]:
    """One condition per tab, each within the user's concern."""
    roles = user.roles
    agency_id = user.agency_id
    wide = user.is_locality_wide
    on_steps = bool(roles & {Role.SPECIALIST, Role.LEADER}) and agency_id is not None
    here = received_here(user)
    if wide:
        concern, desk = Q(), Q()
    else:
        parts = [Q(current__agency_id=agency_id)] if on_steps else []
        parts += [here] if here is not None else []
        concern = _NOTHING
        for part in parts:
            concern = part if concern is _NOTHING else concern | part
        desk = here if here is not None else _NOTHING
    at_agency = Q(current__agency_id=agency_id) if agency_id is not None else _NOTHING
    return {
        MINE: Q(current__assignee_id=user.pk, state__in=OPEN),
        UNASSIGNED: at_agency & Q(current__assignee__isnull=True, state__in=RUNNING),
        AGENCY: at_agency & Q(state__in=OPEN),
        DUE_SOON: concern & Q(state__in=RUNNING, due_at__gte=now, due_at__lt=due_soon_limit(now)),
        OVERDUE: concern & Q(state__in=RUNNING, due_at__lt=now),
        SUPPLEMENT: concern & Q(state=State.AWAITING_SUPPLEMENT),
        PAUSED: concern & Q(state=State.PAUSED),
        READY: desk & Q(state=State.RESULT_READY),
        SUBMITTED: desk & Q(state=State.SUBMITTED),
    }


_ORDER: dict[str, tuple[Any, ...]] = {
    READY: (F("finished_at").asc(nulls_last=True), "pk"),
    SUBMITTED: (F("submitted_at").asc(nulls_last=True), F("created_at").asc(), "pk"),
}
_DEFAULT_ORDER = (F("due_at").asc(nulls_last=True), "pk")


def worklist(
    user: User, tab: str, query: str | None = None, now: datetime | None = None
) -> QuerySet[Dossier]:
    """The dossiers of one tab, most urgent first, with the current step as annotations
    (`step_name`, `step_started_at`, `step_due_at`, `step_assignee_id`, `step_assignee_name`,
    `step_agency_name`). An unknown tab is empty."""
    now = now or timezone.now()
    conditions = _conditions(user, now)
    if tab not in conditions:
        return Dossier.objects.none()
    match, personal = search_condition(user, (query or "")[:100])
    return (
        _scoped(user, active=False)
        .filter(conditions[tab], match)
        .select_related("procedure_version__procedure")
        .defer("due_trace", "search_text")
        .annotate(
            found_by_personal_data=found_by_personal_data(personal),
            step_name=F("current__name"),
            step_started_at=F("current__started_at"),
            step_due_at=F("current__due_at"),
            step_assignee_id=F("current__assignee_id"),
            step_assignee_name=F("current__assignee__full_name"),
            step_assignee_username=F("current__assignee__username"),
            step_agency_name=F("current__agency__name"),
        )
        .order_by(*_ORDER.get(tab, _DEFAULT_ORDER))
    )


def worklist_counts(user: User, now: datetime | None = None, *, query: str | None = None) -> dict[str, int]:
    """How many dossiers each tab holds (with the same search, if any), in one query."""
    now = now or timezone.now()
    conditions = _conditions(user, now)
    match, _personal = search_condition(user, (query or "")[:100])
    totals = (
        _scoped(user)
        .filter(match)
        .aggregate(**{key: Count("pk", filter=condition) for key, condition in conditions.items()})
    )
    return {key: int(totals.get(key) or 0) for key in TAB_KEYS}


def step_used_share(started_at: datetime | None, due_at: datetime | None, now: datetime) -> float | None:
    """Office time used since the step started ÷ office time from its start to its due time."""
    if started_at is None or due_at is None:
        return None
    budget = calendar.working_time_between(started_at, due_at)
    if budget <= timedelta(0):
        return 1.0 if now >= due_at else 0.0
    return calendar.working_time_between(started_at, now) / budget


def at_risk(started_at: datetime | None, due_at: datetime | None, now: datetime) -> bool:
    """A running step that has used 80 % of its office-time budget (or more: overdue steps too)."""
    share = step_used_share(started_at, due_at, now)
    return share is not None and share >= RISK_SHARE


def overdue_by(due_at: datetime, now: datetime) -> str:
    """How long past `due_at` it is at `now`, as people count it: working days after the due date
    ("3 ngày làm việc"), or within the due date the office hours since ("2 giờ làm việc")."""
    days = calendar.working_days(timezone.localdate(due_at), timezone.localdate(now))
    if days:
        return calendar.amount_text(days, calendar.Unit.WORKING_DAYS)
    hours = int(calendar.working_time_between(due_at, now) / timedelta(hours=1))
    if hours:
        return calendar.amount_text(hours, calendar.Unit.WORKING_HOURS)
    return str(_("dưới 1 giờ làm việc"))


class Urgency:
    """The warning of a row: the dossier is overdue (red), its current step is overdue (red), it is
    due soon — on the due-soon tab's terms or its step has used 80 % of its time (amber) — or on
    time. Rows whose clock is stopped (paused, awaiting supplement) have none."""

    OVERDUE = "overdue"
    STEP_OVERDUE = "step-overdue"
    DUE_SOON = "due-soon"
    ON_TIME = "on-time"


@dataclass
class WorklistRow:
    dossier: Dossier
    applicant: str
    step_name: str
    step_due_at: datetime | None
    assignee: str
    agency: str
    used_share: float | None
    urgency: str | None = None
    late_by: str = ""

    @property
    def used_percent(self) -> int | None:
        return None if self.used_share is None else round(self.used_share * 100)

    @property
    def risk(self) -> bool:
        return self.urgency in (Urgency.OVERDUE, Urgency.STEP_OVERDUE, Urgency.DUE_SOON)


def _urgency(
    dossier: Dossier, step_due_at: datetime | None, share: float | None, now: datetime
) -> tuple[str | None, str]:
    """The row's `Urgency` and, when overdue, for how long (see `overdue_by`)."""
    if dossier.state not in RUNNING:
        return None, ""
    due_at = dossier.due_at
    if due_at is not None and due_at < now:
        return Urgency.OVERDUE, overdue_by(due_at, now)
    if step_due_at is not None and step_due_at < now:
        return Urgency.STEP_OVERDUE, overdue_by(step_due_at, now)
    if (due_at is not None and due_at < due_soon_limit(now)) or (share is not None and share >= RISK_SHARE):
        return Urgency.DUE_SOON, ""
    return Urgency.ON_TIME, ""


def worklist_rows(dossiers: list[Dossier], *, now: datetime) -> list[WorklistRow]:
    """Display rows for a page of `worklist(...)`: the masked applicant name (lists never show
    personal data), the share of its time the current step has used and the row's `Urgency`
    (only while the clock runs)."""
    rows = []
    for d in dossiers:
        running = d.state in RUNNING
        step_due_at = getattr(d, "step_due_at", None)
        share = step_used_share(getattr(d, "step_started_at", None), step_due_at, now) if running else None
        urgency, late_by = _urgency(d, step_due_at, share, now)
        rows.append(
            WorklistRow(
                dossier=d,
                applicant=masked_name(d),
                step_name=getattr(d, "step_name", None) or "",
                step_due_at=step_due_at,
                assignee=getattr(d, "step_assignee_name", None)
                or getattr(d, "step_assignee_username", None)
                or "",
                agency=getattr(d, "step_agency_name", None) or "",
                used_share=share,
                urgency=urgency,
                late_by=late_by,
            )
        )
    return rows


@dataclass
class WorklistPage:
    """Everything the worklist page shows: the tabs with their counts, one page of rows."""

    tab: Tab
    query: str
    counts: dict[str, int]
    rows: list[WorklistRow]
    number: int
    num_pages: int
    now: datetime
    tabs: list[tuple[Tab, int]] = field(default_factory=list)
    # dossiers on this page found by the applicant's phone number: a read of it, for the access log
    found_by_personal_data: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.counts[self.tab.key]

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def worklist_page(
    user: User, tab: str | None, *, query: str = "", page: Any = 1, now: datetime | None = None
) -> WorklistPage:
    """One page of a tab (default for the user's role when `tab` is unknown) with every count.
    The tab's count is the pager's total, so the page costs two queries and the calendar."""
    now = now or timezone.now()
    key = tab if tab in TAB_KEYS else default_tab(user)
    counts = worklist_counts(user, now, query=query)
    num_pages = max(1, -(-counts[key] // PAGE_SIZE))
    try:
        number = min(max(int(page), 1), num_pages)
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * PAGE_SIZE
    dossiers = list(worklist(user, key, query=query, now=now)[offset : offset + PAGE_SIZE])
    by_key = {t.key: t for t in TABS}
    return WorklistPage(
        tab=by_key[key], query=query, counts=counts, rows=worklist_rows(dossiers, now=now), number=number,
        num_pages=num_pages, now=now, tabs=[(t, counts[t.key]) for t in TABS],
        found_by_personal_data=[d.subject_ref for d in dossiers if getattr(d, "found_by_personal_data", False)],
    )  # fmt: skip


__all__ = [
    "TABS",
    "TAB_KEYS",
    "Urgency",
    "WorklistPage",
    "WorklistRow",
    "at_risk",
    "default_tab",
    "due_soon_limit",
    "overdue_by",
    "step_used_share",
    "worklist",
    "worklist_counts",
    "worklist_page",
    "worklist_rows",
]
