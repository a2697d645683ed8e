"""Reads of dossiers, scoped by CONTRACTS §5 (who sees what)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from motcua.accounts.access import may_see_personal_data, personal_data_view
from motcua.accounts.models import Agency, PersonalDataAccess, User, normalise_phone
from motcua.accounts.roles import Role
from motcua.catalog.models import Procedure
from motcua.core.text import fold
from motcua.dossiers.codes import code_key
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep, State


def procedures_received_at(desk: Agency) -> QuerySet[Procedure]:
    """The procedures a desk takes in: those of an agency it receives for (`receiving_for_ids`,
    CONTRACTS §5) — the intake's check and the intake page's list."""
    return Procedure.objects.filter(agencies__in=desk.receiving_for_ids()).distinct()


def received_here(user: User) -> Q | None:
    """The dossiers received or submitted at the user's desk (CONTRACTS §5), as a condition on a
    dossier row; None when there are none. A desk officer's: those whose receiving agency is one
    their desk receives for (`User.desk_receives_for`). A leader's: those received at their agency."""
    roles = user.roles if user.is_authenticated else frozenset()
    parts = []
    if Role.DESK_OFFICER in roles and user.desk_receives_for:
        parts.append(Q(receiving_agency_id__in=sorted(user.desk_receives_for)))
    if Role.LEADER in roles and user.agency_id is not None:
        parts.append(Q(receiving_agency_id=user.agency_id))
    if not parts:
        return None
    condition = parts[0]
    for part in parts[1:]:
        condition |= part
    return condition


def _scope(user: User, steps_at: Callable[[int], Q]) -> Q | None:
    """CONTRACTS §5 as a condition on a dossier row; None when the user sees the whole locality.

    Desk officers: dossiers received or submitted at an agency their desk receives for. Specialists:
    those with a step (current or past) at their agency (`steps_at(agency id)`). Leaders: those
    received at their agency and those with a step there. Supervisors, inspectors and
    administrators, and the locality leader (read only, no personal data): the whole locality.
    Editors: none.
    """
    roles = user.roles if user.is_authenticated else frozenset()
    if roles & {Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN, Role.LOCALITY_LEADER}:
        return None
    scope = Q(pk__in=[])
    if user.agency_id is None:
        return scope
    if (desk := received_here(user)) is not None:
        scope |= desk
    if roles & {Role.SPECIALIST, Role.LEADER}:
        scope |= steps_at(user.agency_id)
    return scope


def dossiers_visible_to(user: User) -> QuerySet[Dossier]:
    """Dossiers a member of staff may open at all (personal data is a separate question).

    The step rule is a semi-join on the steps' agency index rather than a join with DISTINCT, so
    its cost follows the agency's dossiers, not the whole table — right for lists of everything an
    agency has seen. A query that first narrows to a few rows uses `dossier_visibility` instead.
    """
    dossiers = Dossier.objects.select_related("receiving_agency", "procedure_version__procedure")
    scope = _scope(
        user, lambda agency_id: Q(pk__in=DossierStep.objects.filter(agency_id=agency_id).values("dossier_id"))
    )
    return dossiers.all() if scope is None else dossiers.filter(scope)


def dossier_visibility(user: User) -> Q | None:
    """The same rule as `dossiers_visible_to`, with the step rule as a correlated EXISTS: one probe
    of the steps' dossier index per candidate row. For queries that narrow to a few rows first (the
    worklists' active dossiers): the semi-join would read the agency's whole history (241 ms for a
    leader at 100,000 dossiers). None: every dossier."""
    return _scope(
        user,
        lambda agency_id: Q(
            Exists(DossierStep.objects.filter(dossier_id=OuterRef("pk"), agency_id=agency_id))
        ),
    )


def dossier_get_visible(user: User, code: str) -> Dossier | None:
    return dossiers_visible_to(user).filter(code_key=code_key(code)).first()


def dossier_personal_data_visible(
    user: User, dossier: Dossier, *, channel: str, reason: str = "", subject: str = ""
) -> bool:
    """Whether `user` sees the applicant's personal data on `dossier` now; logged when yes, under
    `subject` when given (a file of the dossier, e.g. "dossier:<code>/giay-to/12")."""
    assigned = dossier.steps.filter(assignee=user).exists()
    return personal_data_view(
        user,
        subject=subject or dossier.subject_ref,
        channel=PersonalDataAccess.Channel(channel),
        assigned=assigned,
        reason=reason,
    )


def masked_name(dossier: Dossier) -> str:
    """CONTRACTS §6: "Nguyễn T. A."; a one-word name "A***"; an organisation's first word and "***"."""
    words = dossier.applicant_name.split()
    if not words:
        return "***"
    if dossier.applicant_kind == "ORGANISATION":
        return f"{words[0]} ***"
    if len(words) == 1:
        return f"{words[0][0]}***"
    return " ".join([words[0], *[f"{w[0]}." for w in words[1:]]])


# --- the back office's search -------------------------------------------------------------------
def _personal_scope(user: User, reason: str) -> Q | None:
    """Where `user` may use personal data to find dossiers (CONTRACTS §5, `may_see_personal_data`):
    everywhere (Q()), only on dossiers with a step assigned to them (a specialist), or nowhere (None;
    e.g. an inspector without a stated reason)."""
    if may_see_personal_data(user, assigned=False, reason=reason):
        return Q()
    if may_see_personal_data(user, assigned=True, reason=reason):
        return Q(Exists(DossierStep.objects.filter(dossier_id=OuterRef("pk"), assignee=user)))
    return None


def search_condition(user: User, query: str, *, reason: str = "") -> tuple[Q, Q]:
    """The back office's one search rule (the dossier list and the worklists): by code, by name
    (accents ignored) and — only where the user may see the applicant's personal data — by phone
    number. A query with digits never matches a name, so it can only find a phone where that is
    allowed. (match, personal): `personal` is the part that finds by personal data, a read to log."""
    text = query.strip()
    personal = Q(pk__in=[])
    match = Q(code_key__contains=code_key(text)) if text else Q()
    digits = any(ch in "0123456789" for ch in text)
    if text and not digits:
        match |= Q(search_text__contains=fold(text))
    scope = _personal_scope(user, reason)
    if digits and scope is not None:
        phone = Q(search_text__contains=fold(text))
        with contextlib.suppress(ValidationError):
            phone |= Q(search_text__contains=normalise_phone(text))
        personal = phone & scope & ~Q(code_key__contains=code_key(text))
        match |= personal
    return match, personal


def found_by_personal_data(personal: Q) -> ExpressionWrapper:
    """An annotation: whether a row was found through `personal` (see `search_condition`)."""
    return ExpressionWrapper(personal, output_field=BooleanField())


def dossier_search(user: User, query: str, *, reason: str = "") -> QuerySet[Dossier]:
    """Dossiers `user` may see that match `query` (`search_condition`). Each row carries
    `assigned_to_user` (for `dossier_list_name`) and `found_by_personal_data` (a read to log)."""
    dossiers = dossiers_visible_to(user).annotate(
        assigned_to_user=Exists(DossierStep.objects.filter(dossier_id=OuterRef("pk"), assignee=user))
    )
    match, personal = search_condition(user, query, reason=reason)
    return dossiers.filter(match).annotate(found_by_personal_data=found_by_personal_data(personal))


def dossier_list_name(user: User, dossier: Dossier, *, reason: str = "") -> str:
    """The applicant's name as a list row shows it: in full where the user may see the personal data
    (a specialist: dossiers assigned to them; `assigned_to_user` from `dossier_search`), else masked."""
    assigned = bool(getattr(dossier, "assigned_to_user", False))
    return (
        dossier.applicant_name
        if may_see_personal_data(user, assigned=assigned, reason=reason)
        else masked_name(dossier)
    )


# States in which a dossier is returned or closed: the survey window runs 30 days from entering one.
CLOSED_STATES = frozenset({State.RETURNED, State.REFUSED, State.GUIDED, State.STOPPED, State.WITHDRAWN})


def dossier_closed_at(dossier: Dossier) -> datetime | None:
    """When the dossier entered its current state if it is returned or closed (the return, not the
    result being ready), else None: where the satisfaction survey's 30 days start (CONTRACTS §3)."""
    if dossier.state not in CLOSED_STATES:
        return None
    return (
        DossierEvent.objects.filter(dossier=dossier, to_state=dossier.state)
        .order_by("-seq")
        .values_list("at", flat=True)
        .first()
    )


def dossier_step_agency_ids(dossier: Dossier) -> list[int]:
    """The agencies that held a step of the dossier, in order of first hand-over."""
    return list(dict.fromkeys(dossier.steps.order_by("seq").values_list("agency_id", flat=True)))
