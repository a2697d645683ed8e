"""The period and agency filters of every back-office report page — the reports app's pages and
oversight's (handling totals, the periodic report) — written once so they answer alike.

Checked in CONTRACTS §5's order: an agency outside the user's reach is a 404 first, whatever else
the filters say; then filters that do not validate answer 422 with their errors beside the form,
and nothing is computed or exported from them — never another period or the whole locality."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.models import User
from motcua.reports.figures import Scope
from motcua.reports.forms import ReportFilterForm
from motcua.reports.selectors import report_agencies, report_fields, report_scope


def report_filters(
    request: HttpRequest, *, rule: str | None = None, with_field: bool = True
) -> tuple[ReportFilterForm, Scope | None]:
    """The filter form and the scope it names; the scope is None while the form is invalid (answer
    with `report_filters_invalid`). Without any filter: the reporting month containing today."""
    user = request.user
    assert isinstance(user, User)
    asked = (request.GET.get("agency") or "").strip()
    if asked and report_scope(user, asked, None) is None:
        raise Http404
    form = ReportFilterForm(request.GET or {"kind": "month"}, rule=rule)
    if not form.is_valid():
        return form, None
    field = form.cleaned_data.get("field") if with_field else None
    scope = report_scope(user, form.cleaned_data.get("agency") or "", field)
    if scope is None:
        raise Http404
    return form, scope


def report_filters_invalid(
    request: HttpRequest, form: ReportFilterForm, *, with_field: bool = True
) -> HttpResponse:
    """The filters with their errors (422)."""
    user = request.user
    assert isinstance(user, User)
    context = {
        "form": form,
        "agencies": report_agencies(user),
        "fields": report_fields() if with_field else [],
    }
    return render(request, "backoffice/report_invalid.html", context, status=422)
