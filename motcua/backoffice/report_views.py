"""The back office's reports: the monthly report (screen, XLSX, PDF), the drill-down from any figure
to its formula and dossiers, the Decision 766 index and the leaders' dashboard.

Who: agency leaders their subtree; the supervisor, the inspector, the locality leader and the
administrator every agency (CONTRACTS §5, `reports.selectors`). An agency outside the user's reach
is a 404; no personal data is shown (names masked as the dossier list masks them).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from motcua.accounts.access import check_page_role, roles_required, search_reads_log
from motcua.accounts.models import User
from motcua.backoffice.report_filters import report_filters, report_filters_invalid
from motcua.core.periods import CALENDAR
from motcua.core.xlsx import Sheet, xlsx_response
from motcua.dossiers.models import State
from motcua.dossiers.selectors import dossier_list_name, dossier_search
from motcua.reports.dashboard import dashboard, trend_chart
from motcua.reports.exports import COLUMNS, report_filename, report_pdf, report_sheets
from motcua.reports.figures import FORMULAS, KEYS, Row, Scope, figure_dossiers
from motcua.reports.forms import ReportFilterForm, period_label
from motcua.reports.handling_time import handling_in_period
from motcua.reports.index766 import index_766
from motcua.reports.monthly import LATE_ON_SCREEN, STEP_KEYS, STEP_LABELS, monthly_report
from motcua.reports.selectors import REPORT_ROLES, report_agencies, report_fields

FILTER_NAMES = ("kind", "year", "number", "start", "end", "agency", "field")


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _query(request: HttpRequest, **extra: str) -> str:
    values = {k: request.GET[k] for k in FILTER_NAMES if request.GET.get(k)}
    values.update(extra)
    return urlencode(values)


def _context(request: HttpRequest, form: ReportFilterForm, scope: Scope) -> dict[str, Any]:
    user = _user(request)
    return {
        "form": form,
        "period": form.period,
        "period_text": period_label(form.period),
        "scope": scope,
        "agencies": report_agencies(user),
        "fields": report_fields(),
        "query": _query(request),
    }


@roles_required(*REPORT_ROLES)
def report_monthly(request: HttpRequest) -> HttpResponse:
    """The monthly report on screen; `?xuat=xlsx` or `?xuat=pdf` exports the same numbers."""
    check_page_role(request)
    form, scope = report_filters(request)
    if scope is None:
        return report_filters_invalid(request, form)
    export = request.GET.get("xuat", "")
    # The XLSX lists every late dossier; the page and the PDF the first LATE_ON_SCREEN.
    report = monthly_report(form.period, scope, late_limit=None if export == "xlsx" else LATE_ON_SCREEN)
    if export == "xlsx":
        return xlsx_response(report_filename(report), report_sheets(report))
    if export == "pdf":
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{report_filename(report)}.pdf"'
        return response
    drill = reverse("backoffice:report_drill") + "?" + _query(request)
    context = {
        **_context(request, form, scope),
        "report": report,
        "columns": COLUMNS,
        "total_rows": [_total_row(report.total)],
        "step_columns": [(k, STEP_LABELS[k]) for k in STEP_KEYS],
        "drill": drill,
    }
    return render(request, "backoffice/report_monthly.html", context)


def _total_row(total: dict[str, Any]) -> Row:
    return Row(None, str(_("Tổng cộng")), total)


@roles_required(*REPORT_ROLES)
def report_drill(request: HttpRequest) -> HttpResponse:
    """A figure's formula and the dossiers behind it, with the dossier list's search and state
    filters; `?xuat=xlsx` exports the list with the same filters."""
    check_page_role(request)
    form, scope = report_filters(request)
    if scope is None:
        return report_filters_invalid(request, form)
    key = request.GET.get("chi_so", "") or "received"
    if key not in KEYS:
        raise Http404
    user = _user(request)
    q = request.GET.get("q", "").strip()[:100]
    state = request.GET.get("state", "")
    behind = figure_dossiers(key, form.period, scope)
    dossiers = dossier_search(user, q).filter(pk__in=behind.values("pk"))
    if state in State.values:
        dossiers = dossiers.filter(state=state)
    dossiers = dossiers.order_by("received_at", "pk")
    label = next((str(label) for k, label in COLUMNS if k == key), key)
    if request.GET.get("xuat") == "xlsx":
        found = list(dossiers)
        search_reads_log(user, (d.subject_ref for d in found if d.found_by_personal_data))
        rows = [
            [
                d.code,
                dossier_list_name(user, d),
                d.procedure_version.procedure.name,
                d.receiving_agency.name,
                d.get_state_display(),
                d.received_at,
                d.due_at,
                d.finished_at,
                d.get_classification_display() if d.classification else "",
            ]
            for d in found
        ]
        header = ["Mã hồ sơ", "Người nộp", "Thủ tục", "Cơ quan tiếp nhận", "Trạng thái", "Tiếp nhận", "Hạn trả",
                  "Hoàn thành", "Kết quả"]  # fmt: skip
        sheet = Sheet(label, header, rows, [label, str(FORMULAS[key]), period_label(form.period)])
        return xlsx_response(f"chi-tiet-{key}", [sheet])
    page = Paginator(dossiers, 50).get_page(request.GET.get("page"))
    search_reads_log(user, (d.subject_ref for d in page if d.found_by_personal_data))
    context = {
        **_context(request, form, scope),
        "key": key,
        "label": label,
        "formula": FORMULAS[key],
        "count": behind.count(),  # the figure: every dossier of the scope it counts
        "listed": page.paginator.count,  # those the user may open (CONTRACTS §5), after q and state
        "page": page,
        "rows": [(d, dossier_list_name(user, d)) for d in page],
        "q": q,
        "state": state,
        "states": State.choices,
        "drill_query": _query(request, chi_so=key, q=q, state=state),
    }
    return render(request, "backoffice/report_drill.html", context)


@roles_required(*REPORT_ROLES)
def report_index(request: HttpRequest) -> HttpResponse:
    """The Decision 766 index for staff: calendar periods by receipt date, formulas and counts."""
    check_page_role(request)
    form, scope = report_filters(request, rule=CALENDAR)
    if scope is None:
        return report_filters_invalid(request, form)
    index = index_766(form.period, scope)
    handling = handling_in_period(form.period, scope)  # 2.2 per procedure
    if request.GET.get("xuat") == "xlsx":
        rows = [
            [i.code, i.name, i.formula, i.numerator, i.denominator, i.value, i.points, i.max_points]
            for g in index.groups
            for i in g.indicators
        ]
        header = ["Mã", "Chỉ số", "Cách tính", "Tử số", "Mẫu số", "Giá trị (%)", "Điểm", "Điểm tối đa"]
        caption = [
            f"Chỉ số 766: {index.total_points}/{index.applicable_max_points}",
            period_label(form.period),
        ]
        by_procedure = Sheet(
            _("2.2 theo thủ tục"),
            [_("Thủ tục"), _("Thời hạn"), _("Hồ sơ có kết quả"), _("Thời gian giải quyết trung bình"),
             _("Đơn vị"), _("So với thời hạn (%)")],
            [[p.name, p.limit_text, p.dossiers, p.average_used, p.unit, p.share] for p in handling],
            [str(_("Thời gian giải quyết trung bình theo thủ tục")), period_label(form.period)],
        )  # fmt: skip
        return xlsx_response("chi-so-766", [Sheet("Chỉ số 766", header, rows, caption), by_procedure])
    context = {**_context(request, form, scope), "index": index, "handling": handling}
    return render(request, "backoffice/report_index.html", context)


@roles_required(*REPORT_ROLES)
def report_dashboard(request: HttpRequest) -> HttpResponse:
    """The leaders' dashboard: today's intake, due soon and overdue by agency, trends."""
    check_page_role(request)
    form, scope = report_filters(request)
    if scope is None:
        return report_filters_invalid(request, form)
    board = dashboard(scope)
    if request.GET.get("xuat") == "xlsx":
        open_rows = [[r["agency"], r["open"], r["due_soon"], r["overdue"]] for r in board.by_agency]
        trend_rows = [[period_label(p.period), p.on_time_rate, p.satisfaction] for p in board.trend]
        caption = [str(scope.agency.name if scope.agency else _("Toàn địa phương"))]
        return xlsx_response(
            "bang-dieu-khien",
            [
                Sheet(
                    _("Đang xử lý"),
                    [_("Cơ quan"), _("Đang xử lý"), _("Sắp đến hạn"), _("Quá hạn")],
                    open_rows,
                    caption,
                ),
                Sheet(
                    _("Xu hướng"),
                    [_("Kỳ"), _("Tỷ lệ đúng hạn (%)"), _("Chỉ số hài lòng (%)")],
                    trend_rows,
                    caption,
                ),
            ],
        )
    context = {**_context(request, form, scope), "board": board, "trend_chart": trend_chart(board)}
    return render(request, "backoffice/report_dashboard.html", context)
