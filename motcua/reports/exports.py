"""The monthly report as XLSX sheets and as a PDF, from the same `MonthlyReport` the screen shows:
one computation, three renderings, so the numbers cannot disagree."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from motcua.core.pdf import pdf_render
from motcua.core.xlsx import Sheet, xlsx_bytes
from motcua.dossiers.indicators import FIGURES
from motcua.reports.forms import period_label
from motcua.reports.monthly import STEP_KEYS, STEP_LABELS, MonthlyReport

COLUMNS = [(key, label) for key, label, _unit in FIGURES]


def caption(report: MonthlyReport) -> list[str]:
    return [
        _("BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"),
        f"{_('Đơn vị')}: {report.title}",
        f"{_('Kỳ báo cáo')}: {period_label(report.period)}",
    ]


def figure_row(label: str, figures: dict[str, Any]) -> list[Any]:
    return [label, *(figures[key] for key, _label in COLUMNS)]


def report_sheets(report: MonthlyReport) -> list[Sheet]:
    header = [_("Lĩnh vực"), *(str(label) for _key, label in COLUMNS)]
    by_field = [figure_row(r.label, r.figures) for r in report.by_field]
    by_field.append(figure_row(_("Tổng cộng"), report.total))
    by_agency = [figure_row(r.label, r.figures) for r in report.by_agency]
    handling = [[r.label, *(r.figures[k] for k in STEP_KEYS)] for r in report.handling]
    late = [
        [
            row.code,
            row.procedure,
            row.receiving_agency,
            row.received_at,
            row.due_at,
            row.finished_at,
            row.agency_at_fault,
            row.step,
            (row.explanation or {}).get("reason", ""),
            (row.explanation or {}).get("remedy", ""),
        ]
        for row in report.late
    ]
    return [
        Sheet(_("Theo lĩnh vực"), header, by_field, caption(report)),
        Sheet(
            _("Theo cơ quan tiếp nhận"),
            [_("Cơ quan tiếp nhận"), *header[1:]],
            by_agency,
            caption(report),
        ),
        Sheet(
            _("Theo cơ quan xử lý"),
            [_("Cơ quan xử lý"), *(str(STEP_LABELS[k]) for k in STEP_KEYS)],
            handling,
            caption(report),
        ),
        Sheet(
            _("Hồ sơ trễ hạn"),
            [
                _("Mã hồ sơ"),
                _("Thủ tục"),
                _("Cơ quan tiếp nhận"),
                _("Tiếp nhận lúc"),
                _("Hạn trả"),
                _("Hoàn thành lúc"),
                _("Cơ quan để chậm"),
                _("Bước quá hạn"),
                _("Lý do chậm (giải trình)"),
                _("Biện pháp khắc phục"),
            ],
            late,
            caption(report),
        ),
    ]


def report_xlsx(report: MonthlyReport) -> bytes:
    return xlsx_bytes(report_sheets(report))


def report_pdf(report: MonthlyReport) -> bytes:
    html = render_to_string(
        "reports/monthly_pdf.html",
        {"report": report, "columns": COLUMNS, "step_keys": STEP_KEYS, "step_labels": STEP_LABELS},
    )
    return pdf_render(html)


def report_filename(report: MonthlyReport) -> str:
    code = report.scope.agency.code if report.scope.agency else "toan-dia-phuong"
    return f"bao-cao-{code}-{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}".replace(".", "-")
