"""Reads the report pages need besides the figures: agencies and fields to choose from, by the
user's reach (CONTRACTS §5: the locality leader, supervisor and inspector see every agency's
reports; an agency leader their subtree)."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import Role
from motcua.catalog.models import Field
from motcua.reports.figures import Scope

# Who reads reports and dashboards, and how far (CONTRACTS §5).
REPORT_ROLES = (Role.LEADER, Role.SUPERVISOR, Role.INSPECTOR, Role.LOCALITY_LEADER, Role.ADMIN)
LOCALITY_REPORT_ROLES = frozenset({Role.SUPERVISOR, Role.INSPECTOR, Role.LOCALITY_LEADER, Role.ADMIN})


def report_agencies(user: User) -> QuerySet[Agency]:
    """Agencies whose reports `user` may read."""
    if user.roles & LOCALITY_REPORT_ROLES:
        return Agency.objects.all().order_by("name")
    if Role.LEADER in user.roles and user.agency_id is not None:
        assert user.agency is not None
        return Agency.objects.filter(pk__in=user.agency.subtree_ids()).order_by("name")
    return Agency.objects.none()


def reports_locality_wide(user: User) -> bool:
    return bool(user.roles & LOCALITY_REPORT_ROLES)


def report_fields() -> QuerySet[Field]:
    return Field.objects.order_by("name")


def report_scope(user: User, agency_code: str, field_id: int | None) -> Scope | None:
    """The scope a user asks for, or None when the agency is outside their reach (a 404). Without
    an agency: the locality for locality-wide readers, their own agency for an agency leader."""
    if agency_code:
        agency = report_agencies(user).filter(code__iexact=agency_code.strip()).first()
        if agency is None:
            return None
    elif reports_locality_wide(user):
        agency = None
    elif user.agency is not None and Role.LEADER in user.roles:
        agency = user.agency
    else:
        return None
    return Scope(agency=agency, field_id=field_id)
