"""Agencies and the calling officer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from motcua.accounts.access import STAFF_ROLES, agencies_visible_to, require_role
from motcua.accounts.models import Agency
from motcua.accounts.roles import Role
from motcua.api.auth import api_user, staff_token
from motcua.api.schemas import REFUSALS, PageIn

router = Router(tags=["Cơ quan và cán bộ"])


class AgencyOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None
    province: str
    commune: str
    street: str
    phone: str
    hotline: str
    email: str
    aliases: list[str]


class AgencyPage(Schema):
    items: list[AgencyOut]
    count: int


class MeOut(Schema):
    username: str
    full_name: str
    agency: str | None
    roles: list[str]


class StaffOut(Schema):
    username: str
    full_name: str
    roles: list[str]


class StaffPage(Schema):
    items: list[StaffOut]
    count: int


def _agency_out(agency: Agency) -> dict[str, Any]:
    return {
        "code": agency.code,
        "name": agency.name,
        "kind": agency.kind,
        "parent": agency.parent.code if agency.parent else None,
        "province": agency.province,
        "commune": agency.commune,
        "street": agency.street,
        "phone": agency.phone,
        "hotline": agency.hotline,
        "email": agency.email,
        "aliases": [a.name for a in agency.aliases.all()],
    }


@router.get("/agencies", response={200: AgencyPage, 422: REFUSALS[422]}, auth=None, summary="Danh bạ cơ quan")
def agency_list(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    agencies = Agency.objects.active().select_related("parent").prefetch_related("aliases")
    return {"items": [_agency_out(a) for a in agencies[page.slice()]], "count": agencies.count()}


@router.get("/me", response={200: MeOut, **REFUSALS}, auth=staff_token, summary="Cán bộ đang gọi API")
def me(request: HttpRequest) -> dict[str, Any]:
    user = api_user(request)
    return {
        "username": user.username,
        "full_name": user.full_name,
        "agency": user.agency.code if user.agency else None,
        "roles": sorted(user.roles),
    }


STAFF_DIRECTORY_ROLES = (
    Role.LEADER,
    Role.SUPERVISOR,
    Role.INSPECTOR,
    Role.ADMIN,
    Role.DESK_OFFICER,
    Role.SPECIALIST,
)


@router.get(
    "/agencies/{agency_code}/staff",
    response={200: StaffPage, **REFUSALS},
    auth=staff_token,
    summary="Cán bộ của một cơ quan",
)
def agency_staff(request: HttpRequest, agency_code: str, page: Query[PageIn]) -> dict[str, Any]:
    user = api_user(request)
    agency = get_object_or_404(agencies_visible_to(user), code=agency_code.upper())
    require_role(user, STAFF_DIRECTORY_ROLES)
    staff = agency.staff.filter(is_active=True).prefetch_related("groups").order_by("username")
    items = [
        {"username": s.username, "full_name": s.full_name, "roles": sorted(s.roles)}
        for s in staff[page.slice()]
    ]
    return {"items": items, "count": staff.count()}


agency_staff.allowed_roles = frozenset(STAFF_DIRECTORY_ROLES)  # type: ignore[attr-defined]
me.allowed_roles = STAFF_ROLES  # type: ignore[attr-defined]  # every person; not the kiosk
