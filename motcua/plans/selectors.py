"""Reads of reform plans: who answers for a task, who has reported, progress by group and agency,
and a task's live indicator value (through `core.indicators`, never the owner's app)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import Role
from motcua.core.indicators import Indicator, Measure, UnknownIndicator, indicator_get, indicator_value
from motcua.core.periods import Period
from motcua.plans.models import (
    PlanTask,
    ProgressStatus,
    ReformPlan,
    ReportingRound,
    Responsibility,
    TaskAgency,
    TaskReport,
)

# Roles that read every plan of the locality (and its compiled report).
PLAN_WIDE_ROLES = frozenset({Role.SUPERVISOR, Role.INSPECTOR, Role.LOCALITY_LEADER, Role.ADMIN})


def plans_visible_to(user: User) -> QuerySet[ReformPlan]:
    """Locality-wide roles see every plan; other staff the plans their agency issued, follows up or
    has a task in (directly or through a group), and the plans of the agencies above it."""
    if not user.is_authenticated or not user.roles:
        return ReformPlan.objects.none()
    if user.roles & PLAN_WIDE_ROLES:
        return ReformPlan.objects.all()
    if user.agency_id is None:
        return ReformPlan.objects.none()
    agency = user.agency
    assert agency is not None
    involved = Q(issuer_id__in=agency.ancestor_ids()) | Q(follow_up_agency_id=agency.pk)
    involved |= Q(tasks__assignments__agency_id=agency.pk)
    involved |= Q(tasks__assignments__agency_group__agencies=agency.pk)
    return ReformPlan.objects.filter(involved).distinct()


def may_follow_up(user: User, plan: ReformPlan) -> bool:
    """The follow-up agency's staff, and locality-wide roles, see who has not reported."""
    return bool(user.roles & PLAN_WIDE_ROLES) or (
        user.agency_id == plan.follow_up_agency_id
        and bool(user.roles & {Role.LEADER, Role.SPECIALIST, Role.INSPECTOR})
    )


def assignment_agency_ids(assignment: TaskAgency) -> set[int]:
    if assignment.agency_id is not None:
        return {assignment.agency_id}
    group = assignment.agency_group
    if group is not None:
        return {a.pk for a in group.agencies.all()}  # prefetched by callers
    return set()


def task_agency_ids(task: PlanTask, responsibility: str | None = None) -> set[int]:
    ids: set[int] = set()
    for assignment in task.assignments.all():
        if responsibility is None or assignment.responsibility == responsibility:
            ids |= assignment_agency_ids(assignment)
    return ids


def agencies_reporting_for(task: PlanTask) -> set[int]:
    """Who may report on a task: its lead and co-ordinating agencies."""
    return task_agency_ids(task)


def expected_reports(plan: ReformPlan) -> list[tuple[str, int]]:
    """(task number, agency id) for every lead agency of every task: the reports each round expects."""
    pairs = []
    tasks = plan.tasks.prefetch_related("assignments__agency_group__agencies")
    for task in tasks:
        for agency_id in sorted(task_agency_ids(task, Responsibility.LEAD)):
            pairs.append((task.number, agency_id))
    return pairs


def reported_pairs(round: ReportingRound) -> set[tuple[str, int]]:
    return set(round.reports.values_list("task__number", "agency_id"))


def round_current(plan: ReformPlan, today: date) -> ReportingRound | None:
    """The round whose report is next due (the last one once the year is over)."""
    rounds = list(plan.rounds.all())
    return next((r for r in rounds if r.due_on >= today), rounds[-1] if rounds else None)


@dataclass
class MissingRow:
    agency: Agency
    tasks: list[str]


def missing_reports(plan: ReformPlan, round: ReportingRound) -> list[MissingRow]:
    """The lead agencies that have not reported on their tasks for the round, with those tasks."""
    done = reported_pairs(round)
    missing: dict[int, list[str]] = defaultdict(list)
    for number, agency_id in expected_reports(plan):
        if (number, agency_id) not in done:
            missing[agency_id].append(number)
    agencies = Agency.objects.in_bulk(list(missing))
    return sorted(
        (MissingRow(agencies[pk], numbers) for pk, numbers in missing.items()), key=lambda r: r.agency.code
    )


# --- indicator values ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskIndicator:
    key: str
    indicator: Indicator | None  # None: the key's owner is not installed
    measure: Measure
    target: Decimal | None

    @property
    def label(self) -> str:
        return str(self.indicator.label) if self.indicator else self.key

    @property
    def met(self) -> bool | None:
        if self.measure.value is None or self.target is None:
            return None
        return Decimal(self.measure.value) >= self.target


def task_indicator(task: PlanTask, period: Period, agency: Agency | None = None) -> TaskIndicator | None:
    """The live value of the indicator a task follows, for a period (the locality, or one agency's
    subtree); N/A when the key is not registered or nobody computes it yet."""
    if not task.indicator_key:
        return None
    try:
        indicator: Indicator | None = indicator_get(task.indicator_key)
        measure = indicator_value(task.indicator_key, period, agency)
    except UnknownIndicator:
        indicator, measure = None, Measure(None)
    return TaskIndicator(task.indicator_key, indicator, measure, task.indicator_target)


# --- progress -----------------------------------------------------------------------------------------


@dataclass
class TaskProgress:
    task: PlanTask
    leads: list[TaskAgency]
    partners: list[TaskAgency]
    reports: list[TaskReport]
    lead_ids: set[int]
    indicator: TaskIndicator | None = None

    @property
    def expected(self) -> int:
        return len(self.lead_ids)

    @property
    def lead_reports(self) -> list[TaskReport]:
        return [r for r in self.reports if r.agency_id in self.lead_ids]

    @property
    def status(self) -> str:
        """The task's status for the round: done when every lead reported done, blocked when one is
        blocked, in progress when any report came in, else not reported."""
        lead_reports = self.lead_reports
        statuses = {r.status for r in lead_reports}
        if not lead_reports:
            return ""
        if ProgressStatus.BLOCKED in statuses:
            return ProgressStatus.BLOCKED
        if statuses == {ProgressStatus.DONE} and len(lead_reports) >= self.expected:
            return ProgressStatus.DONE
        if statuses == {ProgressStatus.NOT_STARTED}:
            return ProgressStatus.NOT_STARTED
        return ProgressStatus.IN_PROGRESS

    @property
    def status_label(self) -> str:
        return str(ProgressStatus(self.status).label) if self.status else gettext("Chưa báo cáo")

    @property
    def lead_reported(self) -> int:
        return len(self.lead_reports)


@dataclass
class GroupProgress:
    number: int
    title: str
    tasks: list[TaskProgress] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return sum(t.expected for t in self.tasks)

    @property
    def reported(self) -> int:
        return sum(t.lead_reported for t in self.tasks)

    @property
    def done(self) -> int:
        return sum(1 for t in self.tasks if t.status == ProgressStatus.DONE)


@dataclass
class AgencyProgress:
    agency: Agency
    expected: int = 0
    reported: int = 0
    done: int = 0
    late: int = 0


def plan_progress(
    plan: ReformPlan, round: ReportingRound
) -> tuple[list[GroupProgress], list[AgencyProgress]]:
    """Progress of the round by group and task (with reports and live indicators) and by lead agency."""
    period = Period(round.period_start, round.period_end)
    tasks = list(
        plan.tasks.select_related("group").prefetch_related(
            "assignments__agency", "assignments__agency_group__agencies"
        )
    )
    reports = defaultdict(list)
    for report in (
        TaskReport.objects.filter(round=round)
        .select_related("agency", "submitted_by", "round")
        .prefetch_related("files")
        .order_by("agency__code")
    ):
        reports[report.task_id].append(report)
    groups: dict[int, GroupProgress] = {}
    by_agency: dict[int, AgencyProgress] = {}
    for task in tasks:
        group = groups.setdefault(task.group.number, GroupProgress(task.group.number, task.group.title))
        leads = [a for a in task.assignments.all() if a.responsibility == Responsibility.LEAD]
        partners = [a for a in task.assignments.all() if a.responsibility == Responsibility.PARTNER]
        lead_ids = task_agency_ids(task, Responsibility.LEAD)
        group.tasks.append(
            TaskProgress(task, leads, partners, reports[task.pk], lead_ids, task_indicator(task, period))
        )
        for agency_id in lead_ids:
            row = by_agency.setdefault(agency_id, AgencyProgress(agency=Agency(pk=agency_id)))
            row.expected += 1
            mine = [r for r in reports[task.pk] if r.agency_id == agency_id]
            row.reported += int(bool(mine))
            row.done += int(any(r.status == ProgressStatus.DONE for r in mine))
            row.late += int(any(r.late for r in mine))
    names = Agency.objects.in_bulk(list(by_agency))
    for agency_id, row in by_agency.items():
        row.agency = names[agency_id]
    return [groups[n] for n in sorted(groups)], sorted(by_agency.values(), key=lambda r: r.agency.code)


def tasks_of_agency(plan: ReformPlan, agency: Agency) -> list[PlanTask]:
    """The tasks an agency leads or co-ordinates (directly or through a group)."""
    tasks = plan.tasks.prefetch_related("assignments__agency_group__agencies")
    return [t for t in tasks if agency.pk in task_agency_ids(t)]


def plan_unmatched(plan: ReformPlan) -> QuerySet[TaskAgency]:
    """Names of the plan's agencies the import could not match (kept as written): an administrator
    adds an alias or a group and imports again."""
    return (
        TaskAgency.objects.filter(task__plan=plan, agency__isnull=True, agency_group__isnull=True)
        .select_related("task")
        .order_by("task__position", "responsibility", "position")
    )
