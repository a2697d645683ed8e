"""Public statistics (CONTRACTS §9: `/thong-ke/`, `/thong-ke/766/`): aggregates only — the figures
with their formulas and counts, never a dossier list or a name."""

from __future__ import annotations

from datetime import datetime, time

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.accounts.access import public
from motcua.accounts.models import Agency, agency_by_code
from motcua.core.calendar import local_tz
from motcua.core.periods import CALENDAR, Period
from motcua.reports.dashboard import recent_months
from motcua.reports.exports import COLUMNS
from motcua.reports.figures import FORMULAS, Scope, figures
from motcua.reports.forms import ReportFilterForm, period_label
from motcua.reports.index766 import index_766


def _filters(request: HttpRequest, *, rule: str | None = None) -> tuple[ReportFilterForm, Scope | None]:
    """The filter form and the scope it names; None while the form is invalid or names no agency
    (the page shows the error rather than another period or the whole locality)."""
    form = ReportFilterForm(request.GET or {"kind": "month"}, rule=rule)
    if not form.is_valid():
        return form, None
    code = form.cleaned_data.get("agency") or ""
    agency = agency_by_code(code) if code else None
    if code and agency is None:
        form.add_error("agency", _("Không có cơ quan mã %(code)s.") % {"code": code})
        return form, None
    return form, Scope(agency=agency)


def _invalid(request: HttpRequest, form: ReportFilterForm) -> HttpResponse:
    context = {"form": form, "agencies": Agency.objects.order_by("name")}
    return render(request, "portal/statistics_invalid.html", context, status=422)


@public
def statistics(request: HttpRequest) -> HttpResponse:
    """The overview: the period's figures per agency with their formulas, and the on-time trend."""
    form, scope = _filters(request)
    if scope is None:
        return _invalid(request, form)
    total = figures(form.period, scope)
    months = recent_months_for(form)
    trend = [(p, figures(p, scope)["on_time_rate"]) for p in months]
    context = {
        "form": form,
        "period": form.period,
        "period_text": period_label(form.period),
        "scope": scope,
        "agencies": Agency.objects.order_by("name"),
        "rows": [(label, total[key], FORMULAS[key]) for key, label in COLUMNS],
        "trend": trend,
        "trend_chart": {
            "type": "line",
            "max": 100,
            "labels": [f"{p.end:%m/%Y}" for p, _v in trend],
            "series": [
                {
                    "label": "Tỷ lệ đúng hạn (%)",
                    "values": [None if v is None else float(v) for _p, v in trend],
                }
            ],
        },
        "hide_locality": False,
    }
    return render(request, "portal/statistics.html", context)


def recent_months_for(form: ReportFilterForm) -> list[Period]:
    """Six reporting months ending with the chosen period's."""
    return recent_months(datetime.combine(form.period.end, time(12), tzinfo=local_tz()))


@public
def statistics_index(request: HttpRequest) -> HttpResponse:
    """The Decision 766 index for the locality or an agency: calendar periods by receipt date."""
    form, scope = _filters(request, rule=CALENDAR)
    if scope is None:
        return _invalid(request, form)
    context = {
        "form": form,
        "period": form.period,
        "period_text": period_label(form.period),
        "scope": scope,
        "agencies": Agency.objects.order_by("name"),
        "index": index_766(form.period, scope),
    }
    return render(request, "portal/statistics_766.html", context)
