"""Who sees what (CONTRACTS §5), in one place that every queryset and view uses.

Refusals are checked in this order: anonymous (302 to log-in for pages, 401 for the
API) → an object the user may not see (404) → a page or action the role can never use
(403) → refused by state or history (409, `motcua.core.exceptions.Conflict`) → invalid
input (422). The decorators below carry the allowed roles on the view, so the access
walk in the tests can check every route without a hand-kept list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext

from motcua.accounts.models import Agency, PersonalDataAccess, User
from motcua.accounts.roles import CASE_ROLES, Role

F = TypeVar("F", bound=Callable[..., Any])

# Every role of a person. The kiosk is a desk's tablet, not a person: it uses only the pages made
# for it (motcua.backoffice.survey_views) and is refused up front everywhere else.
STAFF_ROLES = frozenset(Role) - {Role.KIOSK}


def roles_required(*roles: Role) -> Callable[[F], F]:
    """A back-office page: anonymous → log-in page; a role that may never use it → 403."""
    allowed = frozenset(roles) if roles else STAFF_ROLES

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            assert isinstance(user, User)
            if not user.roles:
                raise PermissionDenied
            if Role.KIOSK in user.roles and not user.roles & allowed:
                raise PermissionDenied  # a kiosk never sees a page not made for it, not even a 404
            request.motcua_allowed_roles = allowed  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = allowed  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def public(view: F) -> F:
    """Mark a view as open to anyone, so the access walk knows it is meant to be."""
    view.allowed_roles = None  # type: ignore[attr-defined]
    return view


def require_role(user: User, allowed: Iterable[Role]) -> None:
    """403 unless the user holds one of `allowed`; call it after the object's visibility (404)."""
    if not user.roles.intersection(allowed):
        raise PermissionDenied


def check_page_role(request: HttpRequest) -> None:
    """The role check of a `roles_required` page, made after its object was found visible."""
    user = request.user
    assert isinstance(user, User)
    require_role(user, getattr(request, "motcua_allowed_roles", STAFF_ROLES))


# --- agencies -------------------------------------------------------------------------


def agencies_visible_to(user: User) -> QuerySet[Agency]:
    """Agencies whose internal pages a user may open: the whole locality for supervisors,
    inspectors and administrators; the home agency and its sub-units for everyone else."""
    if not user.is_authenticated or not user.roles:
        return Agency.objects.none()
    if user.is_locality_wide or Role.LOCALITY_LEADER in user.roles:
        return Agency.objects.all()
    if user.agency is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=user.agency.subtree_ids())


# --- personal data ------------------------------------------------------------------------


def may_see_personal_data(user: User, *, assigned: bool = False, reason: str = "") -> bool:
    """CONTRACTS §5, personal-data column, for an object the user can already see.

    `assigned`: the specialist holds a step of this dossier. `reason`: the inspector's
    stated reason; without one, an inspector sees no personal data.
    """
    roles = user.roles
    if roles & {Role.DESK_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.ADMIN}:
        return True
    if Role.SPECIALIST in roles and assigned:
        return True
    return Role.INSPECTOR in roles and bool(reason.strip())


def personal_data_view(
    user: User,
    *,
    subject: str,
    channel: PersonalDataAccess.Channel,
    assigned: bool = False,
    reason: str = "",
) -> bool:
    """Decide whether `user` sees the personal data of `subject` now, and log it if so."""
    if not may_see_personal_data(user, assigned=assigned, reason=reason):
        return False
    PersonalDataAccess.objects.create(
        user=user, subject=subject, channel=channel, reason=reason.strip()[:500]
    )
    return True


def personal_data_log(
    user: User, *, subjects: Iterable[str], channel: PersonalDataAccess.Channel, reason: str = ""
) -> None:
    """Log a read of several subjects' personal data at once (e.g. a search by phone number)."""
    PersonalDataAccess.objects.bulk_create(
        PersonalDataAccess(user=user, subject=subject, channel=channel, reason=reason.strip()[:500])
        for subject in subjects
    )


def search_reads_log(user: User, subjects: Iterable[str], *, reason: str = "") -> None:
    """A search that matched dossiers by phone number read that number (CONTRACTS §5): one log row
    per dossier found that way, under the reason the user stated, else as a phone search. Every
    page that searches dossiers (list, worklist, report drill-down and its export) logs through here."""
    found = list(subjects)
    if found:
        personal_data_log(
            user, subjects=found, channel=PersonalDataAccess.Channel.PAGE,
            reason=reason or gettext("Tìm hồ sơ theo số điện thoại"),
        )  # fmt: skip


def has_case_role(user: User) -> bool:
    return bool(user.roles & CASE_ROLES)
