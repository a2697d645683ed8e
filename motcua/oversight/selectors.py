"""Reads of the oversight app: late dossiers and their explanations, the desk roster, the monthly
figures of a desk officer, the nine indicators of procedure handling, and who sees evaluations.

Dossiers are read through `dossiers.history` and the dossiers' public models; survey and feedback
facts only through `core.facts` (they are built by apps that oversight does not import)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import GROUP_NAMES, LOCALITY_WIDE_ROLES, Role
from motcua.catalog.models import OnlineLevel
from motcua.core.facts import DossierIds, fact_values, officer_fact_values
from motcua.core.indicators import Measure
from motcua.core.periods import Period
from motcua.dossiers import processing
from motcua.dossiers.history import history_events, history_late_dossiers
from motcua.dossiers.models import (
    Action,
    Channel,
    Classification,
    Dossier,
    DossierEvent,
    DossierStep,
    SupplementRequest,
)
from motcua.oversight.models import (
    DeskDuty,
    DeskMeeting,
    DeskReview,
    Explanation,
    FollowUp,
    HandlingBand,
    HandlingCorrection,
    Inspection,
    Reminder,
    StaffEvaluation,
    Violation,
)

# --- late dossiers (seed 5.3) --------------------------------------------------------------------


@dataclass
class LateRow:
    dossier: Dossier
    at_fault: int | None  # agency id
    explanation: Explanation | None


def late_dossiers(period: Period, *, agency: Agency | None = None) -> list[LateRow]:
    """The period's late dossiers (finished late, CONTRACTS §2), each with the agency at fault by
    the one rule (`processing.agency_at_fault`) and the explanation asked for, if any."""
    start, end = period.bounds()
    dossiers = list(
        history_late_dossiers(start, end, agency=agency)
        .select_related("procedure_version__procedure", "receiving_agency")
        .prefetch_related("steps")  # what the agency-at-fault rule reads, one query for all
    )
    explanations = {
        e.dossier_id: e for e in Explanation.objects.filter(dossier__in=dossiers).select_related("agency")
    }
    chosen = processing.fault_choices([d.pk for d in dossiers])
    return [
        LateRow(d, processing.agency_at_fault(d, at=d.finished_at or end, chosen=chosen.get(d.pk)),
                explanations.get(d.pk))
        for d in dossiers
    ]  # fmt: skip


def explanations_for_leader(user: User) -> QuerySet[Explanation]:
    """The explanations the user's agency owes (a leader answers them)."""
    if not user.has_role(Role.LEADER) or user.agency_id is None:
        return Explanation.objects.none()
    return Explanation.objects.filter(agency_id=user.agency_id).select_related("dossier", "agency")


def explanations_visible_to(user: User) -> QuerySet[Explanation]:
    """Locality-wide staff see every explanation; a leader those their agency owes."""
    if user.roles & (LOCALITY_WIDE_ROLES | {Role.LOCALITY_LEADER}):
        return Explanation.objects.select_related("dossier", "agency")
    return explanations_for_leader(user)


def explanations_overdue(*, at: datetime | None = None) -> QuerySet[Explanation]:
    return Explanation.objects.overdue(at=at or timezone.now()).select_related("dossier", "agency")


def explanation_facts(dossier_ids: DossierIds) -> dict[int, dict[str, str]]:
    """`oversight.explanation` (core.facts): the agency asked and its answer, per late dossier."""
    rows = Explanation.objects.filter(dossier_id__in=dossier_ids).select_related("agency")
    return {e.dossier_id: {"agency": e.agency.code, "reason": e.reason, "remedy": e.remedy} for e in rows}


# --- the desk roster (seed 4.2) -----------------------------------------------------------------


def duty_desk_of(user_id: int, at: datetime) -> tuple[int, frozenset[int]] | None:
    """The desk agency and the fields of the duty the roster puts `user_id` on at `at` (the
    `accounts.desks` seam); no fields means every field."""
    duty = (
        DeskDuty.objects.filter(officer_id=user_id, starts_at__lte=at, ends_at__gt=at)
        .order_by("-starts_at")
        .prefetch_related("fields")
        .first()
    )
    if duty is None:
        return None
    return duty.desk_id, frozenset(f.pk for f in duty.fields.all())


def officer_on_duty(desk_agency: Agency | int, counter: str, at: datetime) -> User | None:
    """Who is on duty at `counter` of the desk of `desk_agency` at `at`: the officer a kiosk rating
    made there credits (DOMAIN §6)."""
    desk_id = desk_agency.pk if isinstance(desk_agency, Agency) else desk_agency
    duty = (
        DeskDuty.objects.filter(desk_id=desk_id, counter=counter, starts_at__lte=at, ends_at__gt=at)
        .select_related("officer")
        .order_by("-starts_at")
        .first()
    )
    return duty.officer if duty else None


def counter_officer_id(desk_id: int, counter: str, at: datetime) -> int | None:
    """The `accounts.desks` seam's counter source: the id of `officer_on_duty`, None for nobody."""
    officer = officer_on_duty(desk_id, counter, at)
    return officer.pk if officer else None


def roster(start: datetime, end: datetime, *, desk: Agency | None = None) -> QuerySet[DeskDuty]:
    duties = DeskDuty.objects.filter(starts_at__lt=end, ends_at__gt=start)
    if desk is not None:
        duties = duties.filter(desk=desk)
    return duties.select_related("officer", "desk").prefetch_related("fields")


# --- the monthly staff evaluation (seed 4.5) ----------------------------------------------------

FIGURES = (
    "received", "returned", "early", "on_time", "late", "unfinished", "supplement_requests", "refusals",
    "apologies", "violations", "reminders",
)  # fmt: skip


def desk_officers() -> QuerySet[User]:
    return (
        User.objects.filter(groups__name=GROUP_NAMES[Role.DESK_OFFICER], is_active=True)
        .select_related("agency")
        .distinct()
        .order_by("username")
    )


def _by_officer(events: QuerySet[Any], ids: list[int]) -> Counter[int]:
    rows = events.filter(officer_id__in=ids).values("officer_id").annotate(n=Count("pk")).order_by()
    return Counter({r["officer_id"]: r["n"] for r in rows})


def officer_figures(period: Period, officers: list[User]) -> dict[int, dict[str, Any]]:
    """The month's figures of each officer (seed 4.5), computed from the dossiers' history:
    received (`receive` events by the officer), returned (`return_result` events), early / on time /
    late / unfinished among the dossiers they received in the period (the frozen classification),
    supplement requests (form 02 at intake — `guide` — and during processing) and refusals they
    issued, apologies (form 04) in the period on dossiers they received, inspection violations and
    written reminders in the period; satisfaction results (`survey.officer`) and petitions about
    their behaviour (`feedback.about_officer`) through core.facts, None when no app provides them."""
    ids = [o.pk for o in officers]
    start, end = period.bounds()
    received = _by_officer(history_events(start, end, actions=[Action.RECEIVE]), ids)
    returned = _by_officer(history_events(start, end, actions=[Action.RETURN_RESULT]), ids)
    supplements = _by_officer(
        history_events(start, end, actions=[Action.GUIDE, Action.REQUEST_SUPPLEMENT]), ids
    )
    refusals = _by_officer(history_events(start, end, actions=[Action.REFUSE]), ids)
    classes = (
        history_events(start, end, actions=[Action.RECEIVE])
        .filter(officer_id__in=ids)
        .values("officer_id", "dossier__classification")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_class: dict[int, Counter[str]] = {i: Counter() for i in ids}
    for row in classes:
        by_class[row["officer_id"]][row["dossier__classification"] or ""] += row["n"]
    apologies = Counter(
        {
            r["dossier__received_by_id"]: r["n"]
            for r in history_events(start, end, actions=[Action.APOLOGISE])
            .filter(dossier__received_by_id__in=ids)
            .values("dossier__received_by_id")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    violations = Counter(
        dict(
            Violation.objects.filter(
                officer_id__in=ids,
                inspection__inspected_on__gte=period.start,
                inspection__inspected_on__lte=period.end,
            )
            .values_list("officer_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    reminders = Counter(
        dict(
            Reminder.objects.filter(officer_id__in=ids, issued_at__gte=start, issued_at__lt=end)
            .values_list("officer_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    survey = officer_fact_values("survey.officer", period, ids)
    petitions = officer_fact_values("feedback.about_officer", period, ids)
    figures = {}
    for i in ids:
        c = by_class[i]
        figures[i] = {
            "received": received[i],
            "returned": returned[i],
            "early": c[Classification.EARLY],
            "on_time": c[Classification.ON_TIME],
            "late": c[Classification.LATE],
            "unfinished": c[""],
            "supplement_requests": supplements[i],
            "refusals": refusals[i],
            "apologies": apologies[i],
            "violations": violations[i],
            "reminders": reminders[i],
            # None: no app provides the fact (N/A); an officer without rows has zero of them.
            "survey": None
            if survey is None
            else survey.get(i, {"responses": 0, "satisfied": 0, "valid": 0, "quick": {}}),
            "petitions": None if petitions is None else petitions.get(i, 0),
        }
    return figures


def evaluations_visible_to(user: User) -> QuerySet[StaffEvaluation]:
    """CONTRACTS §5 "Evaluations": the officer their own, managers (leaders of the officer's home
    agency) their staff's, the supervisor, the inspector (and the administrator) all."""
    evaluations = StaffEvaluation.objects.select_related("officer", "agency", "grade")
    if user.roles & LOCALITY_WIDE_ROLES:
        return evaluations
    if not user.roles:
        return evaluations.none()
    managed = User.objects.filter(user.staff_condition()).values("pk")
    return evaluations.filter(Q(officer=user) | Q(officer__in=managed))


def satisfaction_percent(survey: dict[str, Any] | None) -> Decimal | None:
    if not survey:
        return None
    value = Measure.ratio(survey["satisfied"], survey["valid"]).value
    return None if value is None else Decimal(value)


# --- the evaluation of procedure handling (DOMAIN §7) -------------------------------------------

INDICATORS: dict[int, Any] = {
    1: _("Thời gian giải quyết so với quy định"),
    2: _("Thời gian xử lý tại từng cơ quan"),
    3: _("Số lần liên hệ để hoàn thiện hồ sơ"),
    4: _("Số cơ quan người nộp phải liên hệ"),
    5: _("Giải quyết qua bộ phận một cửa"),
    6: _("Công khai thủ tục trước khi tiếp nhận"),
    7: _("Thái độ của cán bộ"),
    8: _("Tiếp nhận, xử lý phản ánh, kiến nghị"),
    9: _("Dịch vụ công trực tuyến"),
}


@dataclass
class HandlingScore:
    dossier: Dossier
    scores: dict[int, int | None]  # None: N/A, left out of the total
    corrected: dict[int, HandlingCorrection]

    @property
    def points(self) -> int:
        return sum(s for s in self.scores.values() if s is not None)

    @property
    def scored(self) -> int:
        return sum(1 for s in self.scores.values() if s is not None)

    @property
    def total(self) -> Decimal | None:
        """The points out of 18: the scored indicators' sum scaled to all nine (N/A left out)."""
        if not self.scored:
            return None
        return (Decimal(self.points) * 18 / (2 * self.scored)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _ratio_score(good: int, of: int) -> int:
    return 2 if good == of else (1 if good * 2 >= of else 0)


SCORE_BATCH = 2_000  # dossiers whose sources are read together: bounded `IN` lists, whatever the period


def handling_scores(dossiers: list[Dossier]) -> list[HandlingScore]:
    """`_scores` over batches of dossiers: a year's totals read the sources a batch at a time, so no
    query carries a year of ids (SQLite caps a statement's parameters; PostgreSQL plans them all)."""
    return [
        score
        for i in range(0, len(dossiers), SCORE_BATCH)
        for score in _scores(dossiers[i : i + SCORE_BATCH])
    ]


def _scores(dossiers: list[Dossier]) -> list[HandlingScore]:
    """The nine indicators of DOMAIN §7 per finished dossier, 0–2 each, from their sources (our
    scale, docs/oversight.md): (1) early or on time 2, late with an apology 1, late without 0;
    (2) steps finished within their own time: all 2, all but one 1, else 0; (3) supplement
    requests (form 02 at intake and in processing): none 2, one 1, more 0; (4) agencies the
    applicant dealt with (the receiving desk and each agency that asked for documents): one 2,
    two 1, more 0; (5) received by a desk officer and the result returned through the desk (or by
    post / electronically from it): both 2, one 1; (6) the version was published before receipt 2,
    else 0; (7) `survey.attitude` satisfied ÷ valid: ≥ 80 % 2, ≥ 50 % 1, else 0, N/A without
    answers; (8) `feedback.petitions` answered on time ÷ petitions: all 2, at least half 1, else 0,
    N/A without petitions; (9) online service offered: submitted online 2, at the desk 1, N/A for a
    procedure without online service. A supervisor's correction replaces the computed score."""
    ids = [d.pk for d in dossiers]
    steps: dict[int, list[tuple[datetime, datetime | None]]] = {i: [] for i in ids}
    for dossier_id, due, finished in DossierStep.objects.filter(dossier_id__in=ids).values_list(
        "dossier_id", "due_at", "finished_at"
    ):
        steps[dossier_id].append((due, finished))
    requests: dict[int, list[int]] = {i: [] for i in ids}
    for dossier_id, agency_id in SupplementRequest.objects.filter(dossier_id__in=ids).values_list(
        "dossier_id", "agency_id"
    ):
        requests[dossier_id].append(agency_id)
    events = DossierEvent.objects.filter(
        dossier_id__in=ids, action__in=[Action.APOLOGISE, Action.RETURN_RESULT]
    )
    apologised = set(events.filter(action=Action.APOLOGISE).values_list("dossier_id", flat=True))
    returned = set(events.filter(action=Action.RETURN_RESULT).values_list("dossier_id", flat=True))
    attitude = fact_values("survey.attitude", ids) or {}
    petitions = fact_values("feedback.petitions", ids) or {}
    corrections: dict[int, dict[int, HandlingCorrection]] = {i: {} for i in ids}
    for c in HandlingCorrection.objects.filter(dossier_id__in=ids).order_by("corrected_at", "pk"):
        corrections[c.dossier_id][c.indicator] = c  # the latest wins
    results = []
    for d in dossiers:
        s: dict[int, int | None] = {}
        if d.classification in (Classification.EARLY, Classification.ON_TIME):
            s[1] = 2
        elif d.classification == Classification.LATE:
            s[1] = 1 if d.pk in apologised else 0
        else:
            s[1] = None
        done_steps = [(due, f) for due, f in steps[d.pk] if f is not None]
        overran = sum(1 for due, f in done_steps if f > due)
        s[2] = None if not done_steps else (2 if overran == 0 else 1 if overran == 1 else 0)
        n = len(requests[d.pk])
        s[3] = 2 if n == 0 else 1 if n == 1 else 0
        agencies = {d.receiving_agency_id, *requests[d.pk]}
        s[4] = 2 if len(agencies) == 1 else 1 if len(agencies) == 2 else 0
        s[5] = int(d.received_by_id is not None) + int(d.pk in returned)
        version = d.procedure_version
        s[6] = (
            2
            if version.published_at is not None and d.received_at and version.published_at <= d.received_at
            else 0
        )
        if (a := attitude.get(d.pk)) and a[1]:
            ratio = Decimal(a[0]) / a[1]
            s[7] = 2 if ratio >= Decimal("0.8") else 1 if ratio >= Decimal("0.5") else 0
        else:
            s[7] = None
        if (p := petitions.get(d.pk)) and p[0]:
            s[8] = _ratio_score(p[1], p[0])
        else:
            s[8] = None
        if version.online_level == OnlineLevel.NONE:
            s[9] = None
        else:
            s[9] = 2 if d.channel == Channel.ONLINE else 1
        for indicator, correction in corrections[d.pk].items():
            s[indicator] = correction.score
        results.append(HandlingScore(d, s, corrections[d.pk]))
    return results


def handling_dossiers(period: Period, *, agency: Agency | None = None) -> QuerySet[Dossier]:
    """The dossiers evaluated for a period: finished (early, on time or late) in it, under their
    receiving agency (and its sub-agencies)."""
    start, end = period.bounds()
    dossiers = Dossier.objects.filter(
        finished_at__gte=start, finished_at__lt=end, classification__in=list(Classification.values)
    )
    if agency is not None:
        dossiers = dossiers.filter(receiving_agency_id__in=agency.subtree_ids())
    return dossiers.select_related("procedure_version", "receiving_agency").order_by("finished_at", "pk")


def band_of(total: Decimal | None, bands: list[HandlingBand] | None = None) -> HandlingBand | None:
    if total is None:
        return None
    for band in bands if bands is not None else list(HandlingBand.objects.all()):
        if total >= band.min_points:
            return band
    return None


@dataclass
class AgencyHandling:
    agency: Agency
    dossiers: int
    average: Decimal | None
    band: HandlingBand | None
    per_band: dict[str, int]


def handling_by_agency(period: Period, *, agency: Agency | None = None) -> list[AgencyHandling]:
    """Per receiving agency: dossiers evaluated, the average total out of 18, its band, and how many
    dossiers fell in each band — for any period (a reporting month, a quarter, six or nine months,
    a year: `core.periods`), over the locality or `agency`'s subtree."""
    bands = list(HandlingBand.objects.all())
    scores = handling_scores(list(handling_dossiers(period, agency=agency)))
    grouped: dict[int, list[HandlingScore]] = {}
    for score in scores:
        grouped.setdefault(score.dossier.receiving_agency_id, []).append(score)
    agencies = Agency.objects.in_bulk(list(grouped))
    rows = []
    for agency_id, items in grouped.items():
        totals = [t for t in (i.total for i in items) if t is not None]
        average = (
            (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.1"), ROUND_HALF_UP)
            if totals
            else None
        )
        per_band = Counter(b.label for b in (band_of(t, bands) for t in totals) if b is not None)
        rows.append(
            AgencyHandling(agencies[agency_id], len(items), average, band_of(average, bands), dict(per_band))
        )
    return sorted(rows, key=lambda r: r.agency.name)


# --- inspections and the desk itself -------------------------------------------------------------


def inspections_visible_to(user: User) -> QuerySet[Inspection]:
    """Locality-wide staff see every inspection; an agency's leader those of their agency."""
    inspections = Inspection.objects.select_related("agency", "recorded_by")
    if user.roles & LOCALITY_WIDE_ROLES:
        return inspections
    if Role.LEADER in user.roles and user.agency_id is not None:
        return inspections.filter(agency_id=user.agency_id)
    return inspections.none()


def desks_visible_to(user: User) -> QuerySet[Agency]:
    """The desks whose reviews and meetings the user reads: all for locality-wide staff, the
    leader's own agency otherwise."""
    if user.roles & (LOCALITY_WIDE_ROLES | {Role.LOCALITY_LEADER}):
        return Agency.objects.all()
    if Role.LEADER in user.roles and user.agency_id is not None:
        return Agency.objects.filter(pk=user.agency_id)
    return Agency.objects.none()


def follow_ups_overdue(*, today: date) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(done_on__isnull=True, deadline__lt=today).select_related(
        "inspection", "agency"
    )


def desk_reviews(desks: QuerySet[Agency]) -> QuerySet[DeskReview]:
    return DeskReview.objects.filter(desk__in=desks).select_related("desk", "reviewed_by")


def desk_meetings(desks: QuerySet[Agency]) -> QuerySet[DeskMeeting]:
    return DeskMeeting.objects.filter(desk__in=desks).select_related("desk").prefetch_related("attendees")


def handling_to_appraise(
    period: Period, *, sample: int = 10, agency: Agency | None = None
) -> tuple[list[HandlingScore], list[HandlingScore]]:
    """What the supervisor appraises each month (DOMAIN §7): every flagged dossier — late, a
    petition about it, a "dislike" quick rating (`survey.disliked`), or an indicator scored 0 — and
    a sample of the others, the same for the same period (seeded by its start), so two supervisors
    see one sample."""
    scores = handling_scores(list(handling_dossiers(period, agency=agency)))
    ids = [s.dossier.pk for s in scores]
    disliked = fact_values("survey.disliked", ids) or {}
    petitions = fact_values("feedback.petitions", ids) or {}

    def flagged(s: HandlingScore) -> bool:
        return (
            s.dossier.classification == Classification.LATE
            or bool(disliked.get(s.dossier.pk))
            or bool((petitions.get(s.dossier.pk) or (0, 0))[0])
            or 0 in s.scores.values()
        )

    flagged_rows = [s for s in scores if flagged(s)]
    others = [s for s in scores if not flagged(s)]
    rng = random.Random(period.start.toordinal())  # noqa: S311 - a sample, not security
    return flagged_rows, sorted(rng.sample(others, min(sample, len(others))), key=lambda s: s.dossier.pk)
