"""Reads of dossiers, scoped by CONTRACTS §5 (who sees what)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q, QuerySet

from motcua.accounts.access import personal_data_view
from motcua.accounts.models import PersonalDataAccess, User
from motcua.accounts.roles import Role
from motcua.dossiers.codes import code_key
from motcua.dossiers.models import Dossier, DossierStep


def _scope(user: User, steps_at: Callable[[int], Q]) -> Q | None:
    """CONTRACTS §5 as a condition on a dossier row; None when the user sees the whole locality.

    Desk officers: dossiers received or submitted at their agency. Specialists: those with a step
    (current or past) at their agency (`steps_at(agency id)`). Leaders: both. Supervisors,
    inspectors and administrators: the whole locality. Editors: none.
    """
    roles = user.roles if user.is_authenticated else frozenset()
    if roles & {Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN}:
        return None
    scope = Q(pk__in=[])
    if user.agency_id is None:
        return scope
    if roles & {Role.DESK_OFFICER, Role.LEADER}:
        scope |= Q(receiving_agency_id=user.agency_id)
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
