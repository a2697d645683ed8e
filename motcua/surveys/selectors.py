"""Back-office reads of survey results and follow-up items, scoped by CONTRACTS §5.

Evaluations of staff: the officer sees their own, their managers (the leaders of their home
agency) their staff's, the supervisor, the inspector (and the locality leader, read only, and the
administrator) all. Follow-up items and the comments they carry: the supervisor and the
administrator; the inspector after stating a reason. Every read of a comment is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from motcua.accounts.access import personal_data_view
from motcua.accounts.models import PersonalDataAccess, User
from motcua.accounts.roles import Role
from motcua.core.indicators import Measure
from motcua.core.periods import Period
from motcua.surveys import facts
from motcua.surveys.models import FollowUp

ALL_RESULTS_ROLES = frozenset({Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN})
FOLLOW_UP_ROLES = frozenset({Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN})
COMMENT_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})  # without a stated reason


def officers_visible_to(user: User) -> QuerySet[User]:
    """Whose results `user` may read (CONTRACTS §5, as for evaluations): everyone's, their staff's
    (`User.staff_condition`: a leader, the home agency's members), or their own."""
    staff = User.objects.filter(is_active=True, agency__isnull=False).select_related("agency")
    if user.roles & ALL_RESULTS_ROLES:
        return staff
    return staff.filter(user.staff_condition() | Q(pk=user.pk))


@dataclass(frozen=True)
class OfficerResult:
    officer: User
    responses: int
    satisfied: int
    valid: int
    quick: dict[str, int]

    @property
    def index(self) -> Decimal | None:
        return Measure.ratio(self.satisfied, self.valid).value  # type: ignore[return-value]


def officer_results(user: User, period: Period) -> list[OfficerResult]:
    """The officers `user` may see who were rated in the period (survey answers on dossiers they
    received, quick ratings at their counter); the user's own row always."""
    officers = {o.pk: o for o in officers_visible_to(user)}
    values = facts.officer(period, list(officers))
    rows = []
    for pk, officer in officers.items():
        fact: dict[str, Any] | None = values.get(pk)
        if fact is None and pk != user.pk:
            continue
        fact = fact or {"responses": 0, "satisfied": 0, "valid": 0, "quick": {}}
        rows.append(
            OfficerResult(officer, fact["responses"], fact["satisfied"], fact["valid"], fact["quick"])
        )
    return sorted(rows, key=lambda r: (r.officer.agency.code if r.officer.agency else "", r.officer.username))


def follow_ups_visible_to(user: User) -> QuerySet[FollowUp]:
    items = FollowUp.objects.select_related("agency", "dossier", "closed_by", "response", "quick")
    return items if user.roles & FOLLOW_UP_ROLES else items.none()


def follow_up_comment(user: User, item: FollowUp, *, reason: str = "") -> str | None:
    """The citizen's comment of the item's response, or None when withheld; a read is logged."""
    if item.response is None or not item.response.comment:
        return None
    if not user.roles & COMMENT_ROLES and not (Role.INSPECTOR in user.roles and reason.strip()):
        return None
    subject = f"dossier:{item.dossier.code}" if item.dossier else f"survey:{item.response_id}"
    if not personal_data_view(user, subject=subject, channel=PersonalDataAccess.Channel.PAGE, reason=reason):
        return None
    return item.response.comment
