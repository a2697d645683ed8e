"""Reads of the feedback app: who sees which petition (CONTRACTS §5), the public list, the overdue
list, and the figures of Decision 766 indicators 5.1–5.3 and the agreed facts (core.facts)."""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import Role
from motcua.catalog.selectors import folded_search
from motcua.core.facts import DossierIds
from motcua.core.indicators import Measure
from motcua.core.periods import Period
from motcua.core.text import fold, phone_display
from motcua.feedback import limits
from motcua.feedback.codes import petition_code_key, petition_token_matches, token_digest
from motcua.feedback.models import OPEN, RESOLVED, Category, Petition, PetitionEvent, State

ALL_SEERS = frozenset({Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN})
AGENCY_SEERS = frozenset({Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER})


def petition_visibility(user: User) -> Q | None:
    """The petitions a staff user may see, or None for none: the supervisor, the inspector and the
    administrator all (tips too); officers and leaders of the assigned agency those assigned there —
    a leader's sub-units are not theirs (CONTRACTS §5, unlike a report's scope); never one about the
    user."""
    if not user.is_authenticated or not user.roles:
        return None
    if user.roles & ALL_SEERS:
        scope = Q()
    elif user.roles & AGENCY_SEERS and user.agency_id is not None:
        scope = Q(agency_id=user.agency_id, is_tip=False)
    else:
        return None
    return scope & ~Q(about_officer_id=user.pk)


def petitions_visible_to(user: User) -> QuerySet[Petition]:
    scope = petition_visibility(user)
    if scope is None:
        return Petition.objects.none()
    return Petition.objects.filter(scope).select_related("agency", "about_officer", "assignee", "dossier")


def petition_get_visible(user: User, code: str) -> Petition | None:
    return petitions_visible_to(user).filter(code_key=petition_code_key(code)).first()


def petition_for_token(code: str, token: str) -> Petition | None:
    """The petition if `token` is its token (the petitioner's page); None otherwise."""
    petition = (
        Petition.objects.select_related("agency").filter(code_key=petition_code_key(code or "")).first()
    )
    if petition is None or not token or not petition_token_matches(petition.code, token):
        return None
    return petition


def petition_by_token(token: str) -> Petition | None:
    """Open311 `tokens/<token>`: the petition whose token this is."""
    return Petition.objects.filter(token_digest=token_digest(token)).first()


def petitions_about_dossier(user: User, dossier_id: int) -> QuerySet[Petition]:
    """The panel on a dossier's back-office page: petitions about it that the user may see."""
    return petitions_visible_to(user).filter(dossier_id=dossier_id).order_by("-submitted_at")


def petition_worklist(user: User, *, state: str = "", q: str = "", overdue: bool = False) -> list[Petition]:
    petitions = petitions_visible_to(user)
    if state:
        petitions = petitions.filter(state=state)
    rows = list(folded_search(petitions, q, order=("due_at",))[:500])
    if overdue:
        now = timezone.now()
        rows = [p for p in rows if limits.is_overdue(p, now=now)]
    return rows


def petitions_open_for_reminders() -> QuerySet[Petition]:
    return Petition.objects.petitions().filter(state__in=[*OPEN, State.ANSWERED]).select_related("agency")


# --- public ---------------------------------------------------------------------------------------


def published_search(q: str = "", *, category: str = "", agency: str = "") -> QuerySet[Petition]:
    """Published answers matching `q` by the catalogue's one search rule (`folded_search`: "thai do
    can bo" finds "thái độ cán bộ"). The searched text is the masked copy's (`petition_search_text`),
    so a phone or name the page hides does not find the petition either."""
    petitions = Petition.objects.filter(state=State.PUBLISHED, is_tip=False).select_related("agency")
    if category:
        petitions = petitions.filter(category=category)
    if agency:
        petitions = petitions.filter(agency__code=agency)
    return folded_search(petitions, q, order=("-published_at",))


MASK = "***"


def _contact_forms(petition: Petition) -> list[str]:
    """The ways the petitioner's own name, phone and e-mail may be written in their text."""
    forms = [petition.petitioner_name, petition.petitioner_email]
    phone = petition.petitioner_phone
    if phone.startswith("+84"):
        national = "0" + phone[3:]
        forms += [
            phone,
            national,
            phone_display(phone),
            national[:4] + "." + national[4:7] + "." + national[7:],
        ]
    return sorted({f for f in forms if len(f) >= 4}, key=len, reverse=True)


def with_last_event_at(petitions: QuerySet[Petition]) -> QuerySet[Petition]:
    """The petitions with `last_event_at`, the time of each one's latest event (None without one),
    read in the same query (Open311's `updated_datetime` for a list of up to a thousand)."""
    latest = PetitionEvent.objects.filter(petition=OuterRef("pk")).order_by("-seq").values("at")[:1]
    return petitions.annotate(last_event_at=Subquery(latest))


def public_copy(petition: Petition) -> Petition:
    """A copy for public pages and Open311 whose title, content and answer have the petitioner's own
    name, phone and e-mail masked (a citizen may write them into the text). Never saved."""
    shown = copy.copy(petition)
    for field_name in ("title", "content", "answer"):
        text = getattr(shown, field_name)
        for form in _contact_forms(petition):
            text = re.sub(re.escape(form), MASK, text, flags=re.IGNORECASE)
        setattr(shown, field_name, text)
    return shown


def published_in(period: Period) -> QuerySet[Petition]:
    start, end = period.bounds()
    return published_search().filter(published_at__gte=start, published_at__lt=end).order_by("published_at")


# --- figures (Decision 766, 5.1–5.3) -----------------------------------------------------------------


@dataclass
class Figures:
    """Petitions filed in a period (tips apart), by what the indicators need."""

    received: int = 0  # petitions (not tips)
    tips: int = 0
    refused: int = 0
    feedback: int = 0  # received − refused: petitions under Decree 20/2008
    classified: int = 0
    on_time: int = 0  # within every limit so far (refusals included)
    judged: int = 0  # received (5.2's denominator)
    unsatisfied: int = 0
    overdue: int = 0
    repeated: int = 0
    satisfactory: int = 0
    likes: int = 0
    dislikes: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_state: Counter[str] = field(default_factory=Counter)
    # Per limit ("refuse", "info", "resolve", "publish"): how many met it and how many missed it.
    met: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)


def _scope(period: Period, agency: Agency | None) -> QuerySet[Petition]:
    start, end = period.bounds()
    petitions = Petition.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
    if agency is not None:
        petitions = petitions.filter(agency_id__in=agency.subtree_ids())
    return petitions


def feedback_figures(period: Period, agency: Agency | None = None, *, now: datetime | None = None) -> Figures:
    """Petitions by submission date in the period (the 766 date basis), judged at `now`."""
    now = now or timezone.now()
    figures = Figures()
    for p in _scope(period, agency):
        if p.is_tip:
            figures.tips += 1
            continue
        figures.received += 1
        figures.judged += 1
        figures.by_state[p.state] += 1
        figures.likes += p.likes
        figures.dislikes += p.dislikes
        check = limits.limits_check(p, now=now)
        late = check.missed
        for limit, verdict in check.as_dict().items():
            if verdict is True:
                figures.met[limit] += 1
            elif verdict is False:
                figures.missed[limit] += 1
        if not late:
            figures.on_time += 1
        if p.state == State.REFUSED:
            figures.refused += 1
            continue
        figures.feedback += 1
        figures.by_category[p.category or p.category_suggested] += 1
        if p.classified_at is not None:
            figures.classified += 1
        unsatisfied, repeated = p.unsatisfied, p.repeated_of_id is not None
        figures.unsatisfied += unsatisfied
        figures.overdue += late
        figures.repeated += repeated
        figures.satisfactory += not (unsatisfied or late or repeated)
    return figures


def feedback_received(period: Period, agency: Agency | None) -> Measure:
    return Measure(feedback_figures(period, agency).received)


def feedback_classified(period: Period, agency: Agency | None) -> Measure:
    f = feedback_figures(period, agency)
    return Measure.ratio(f.classified, f.feedback)


def feedback_on_time(period: Period, agency: Agency | None) -> Measure:
    f = feedback_figures(period, agency)
    return Measure.ratio(f.on_time, f.judged)


def feedback_satisfactory(period: Period, agency: Agency | None) -> Measure:
    """(feedback − rated unsatisfied − overdue − repeated) ÷ feedback, each petition subtracted once."""
    f = feedback_figures(period, agency)
    return Measure.ratio(f.satisfactory, f.feedback)


# --- facts (core.facts) ---------------------------------------------------------------------------


def fact_petitions(dossier_ids: DossierIds) -> dict[int, tuple[int, int]]:
    """`feedback.petitions` → (petitions, answered_on_time) per dossier."""
    out: dict[int, list[int]] = {}
    for p in Petition.objects.petitions().filter(dossier_id__in=dossier_ids):
        assert p.dossier_id is not None
        row = out.setdefault(p.dossier_id, [0, 0])
        row[0] += 1
        if p.state in RESOLVED and p.answered_at is not None and p.answered_at <= p.due_at:
            row[1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def fact_about_officer(period: Period, user_ids: list[int]) -> dict[int, int]:
    """`feedback.about_officer` → petitions about the officer's behaviour filed in the period."""
    counts: Counter[int] = Counter()
    start, end = period.bounds()
    rows = (
        Petition.objects.petitions()
        .filter(about_officer_id__in=user_ids, submitted_at__gte=start, submitted_at__lt=end)
        .filter(Q(category=Category.BEHAVIOUR) | Q(category="", category_suggested=Category.BEHAVIOUR))
    )
    for officer_id in rows.values_list("about_officer_id", flat=True):
        counts[officer_id] += 1
    return dict(counts)


def petition_search_text(petition: Petition) -> str:
    """What search reads: the code, and the title and content with the petitioner's own contact
    masked as on the public pages."""
    shown = public_copy(petition)
    return fold(f"{petition.code} {shown.title} {shown.content}")
