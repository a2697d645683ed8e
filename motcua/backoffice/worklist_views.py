"""The worklist page (việc cần làm): tabs with counts, a search box and a table refreshed by htmx."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.access import check_page_role, roles_required, search_reads_log
from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.dossiers.worklists import worklist_page

CASE_ROLES = (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN)


@roles_required(*CASE_ROLES)
def worklist(request: HttpRequest) -> HttpResponse:
    """`?tab=&q=&page=`; an htmx request (`HX-Request`) gets only the panel (tabs, search, table)."""
    check_page_role(request)
    user = request.user
    assert isinstance(user, User)
    page = worklist_page(
        user,
        request.GET.get("tab"),
        query=request.GET.get("q", "").strip()[:100],
        page=request.GET.get("page", 1),
    )
    search_reads_log(user, page.found_by_personal_data)
    partial = request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")
    template = "backoffice/worklist__panel.html" if partial else "backoffice/worklist.html"
    response = render(request, template, {"wl": page})
    response["Vary"] = "HX-Request"
    return response
