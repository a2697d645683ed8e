"""The officials' back office under /quan-tri/."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from motcua.accounts.access import agencies_visible_to, check_page_role, has_case_role, roles_required
from motcua.accounts.models import PersonalDataAccess, User
from motcua.accounts.roles import Role
from motcua.dossiers.worklists import TABS, worklist_counts


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@roles_required()
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    counts = worklist_counts(user) if has_case_role(user) else None
    worklist = [(tab, counts[tab.key]) for tab in TABS] if counts is not None else []
    context = {"roles": [r.label for r in sorted(user.roles)], "worklist": worklist}
    return render(request, "backoffice/home.html", context)


@roles_required()
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = agencies_visible_to(_user(request)).select_related("parent").order_by("code")
    return render(request, "backoffice/agency_list.html", {"agencies": agencies})


@roles_required()
def agency_detail(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = get_object_or_404(
        agencies_visible_to(_user(request)).prefetch_related("aliases", "agency_groups"),
        code=agency_code.upper(),
    )
    staff = agency.staff.filter(is_active=True).prefetch_related("groups").order_by("username")
    may_reset = Role.ADMIN in _user(request).roles  # the administrator's password reset
    context = {"agency": agency, "staff": staff, "may_reset": may_reset}
    return render(request, "backoffice/agency_detail.html", context)


@roles_required(Role.LEADER, Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN)
def agency_access_log(request: HttpRequest, agency_code: str) -> HttpResponse:
    """Who viewed personal data, for the officers of one agency: a leader's check on their staff."""
    agency = get_object_or_404(agencies_visible_to(_user(request)), code=agency_code.upper())
    check_page_role(request)
    entries = PersonalDataAccess.objects.filter(user__agency=agency).select_related("user")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "backoffice/agency_access_log.html", {"agency": agency, "page": page})
