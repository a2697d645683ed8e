"""The periodic report to the People's Committee as XLSX sheets and as a PDF, from the same
`PeriodicReport` the page shows: one computation, three renderings, so the numbers agree."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from motcua.core.pdf import pdf_render
from motcua.core.xlsx import Sheet, xlsx_bytes
from motcua.oversight.periodic import PeriodicReport


def period_text(report: PeriodicReport) -> str:
    return f"{report.period.start:%d/%m/%Y} – {report.period.end:%d/%m/%Y}"


def caption(report: PeriodicReport) -> list[str]:
    return [
        _("BÁO CÁO ĐỊNH KỲ VỀ HOẠT ĐỘNG CỦA BỘ PHẬN MỘT CỬA"),
        f"{_('Đơn vị')}: {report.title}",
        f"{_('Kỳ báo cáo')}: {period_text(report)}",
    ]


def summary_header() -> list[str]:
    return [
        _("Bộ phận một cửa"), _("Số lần kiểm tra điều kiện"), _("Điều kiện đạt"), _("Điều kiện chưa đạt"),
        _("Số cuộc họp"), _("Số cuộc kiểm tra công vụ"), _("Số vi phạm"), _("Việc khắc phục"),
        _("Việc khắc phục quá hạn"),
    ]  # fmt: skip


def summary_rows(report: PeriodicReport) -> list[list[Any]]:
    return [
        [
            s.desk.name,
            len(s.reviews),
            s.met,
            s.not_met,
            len(s.meetings),
            len(s.inspections),
            s.violations,
            len(s.follow_ups),
            sum(1 for f in s.follow_ups if f.status == "overdue"),
        ]
        for s in report.desks
    ]


def handling_header(report: PeriodicReport) -> list[str]:
    return [
        _("Cơ quan tiếp nhận"), _("Số hồ sơ"), _("Điểm bình quân /18"), _("Xếp loại"),
        *(b.label for b in report.bands),
    ]  # fmt: skip


def handling_rows(report: PeriodicReport) -> list[list[Any]]:
    return [
        [
            r.agency.name,
            r.dossiers,
            r.average,
            r.band.label if r.band else "",
            *(r.per_band.get(b.label, 0) for b in report.bands),
        ]
        for r in report.handling
    ]


def report_sheets(report: PeriodicReport) -> list[Sheet]:
    top = caption(report)
    met, not_met = _("Đạt"), _("Chưa đạt")
    reviews = [
        [s.desk.name, r.reviewed_on, r.reviewed_by, i.label, met if i.ok else not_met, i.finding, i.fix]
        for s in report.desks
        for r in s.reviews
        for i in r.items
    ]
    meetings = [
        [s.desk.name, m.held_on, ", ".join(m.attendees), m.topics, m.decisions]
        for s in report.desks
        for m in s.meetings
    ]
    inspections = [
        [
            s.desk.name,
            i.inspected_on,
            ", ".join(i.inspectors),
            i.findings,
            len(i.violations),
            len(i.follow_ups),
        ]
        for s in report.desks
        for i in s.inspections
    ]
    violations = [
        [s.desk.name, i.inspected_on, v.kind, v.description]
        for s in report.desks
        for i in s.inspections
        for v in i.violations
    ]
    follow_ups = [
        [s.desk.name, i.inspected_on, f.action, f.agency, f.deadline, f.done_on, f.status_label]
        for s in report.desks
        for i in s.inspections
        for f in i.follow_ups
    ]
    return [
        Sheet(_("Tổng hợp"), summary_header(), summary_rows(report), top),
        Sheet(
            _("Điều kiện một cửa"),
            [
                _("Bộ phận một cửa"),
                _("Ngày kiểm tra"),
                _("Người kiểm tra"),
                _("Điều kiện"),
                _("Kết quả"),
                _("Tồn tại"),
                _("Khắc phục"),
            ],
            reviews,
            top,
        ),
        Sheet(
            _("Họp bộ phận một cửa"),
            [_("Bộ phận một cửa"), _("Ngày họp"), _("Thành phần dự họp"), _("Nội dung"), _("Kết luận")],
            meetings,
            top,
        ),
        Sheet(
            _("Kiểm tra công vụ"),
            [
                _("Đơn vị được kiểm tra"),
                _("Ngày kiểm tra"),
                _("Đoàn kiểm tra"),
                _("Kết quả kiểm tra"),
                _("Số vi phạm"),
                _("Việc khắc phục"),
            ],
            inspections,
            top,
        ),
        Sheet(
            _("Vi phạm"),
            [_("Đơn vị được kiểm tra"), _("Ngày kiểm tra"), _("Loại vi phạm"), _("Mô tả")],
            violations,
            top,
        ),
        Sheet(
            _("Việc khắc phục"),
            [
                _("Đơn vị được kiểm tra"),
                _("Ngày kiểm tra"),
                _("Việc phải làm"),
                _("Đơn vị thực hiện"),
                _("Thời hạn"),
                _("Hoàn thành ngày"),
                _("Tình trạng"),
            ],
            follow_ups,
            top,
        ),
        Sheet(_("Đánh giá giải quyết TTHC"), handling_header(report), handling_rows(report), top),
    ]


def report_xlsx(report: PeriodicReport) -> bytes:
    return xlsx_bytes(report_sheets(report))


def report_pdf(report: PeriodicReport) -> bytes:
    html = render_to_string(
        "oversight/periodic_pdf.html",
        {
            "report": report, "period_text": period_text(report), "summary_header": summary_header(),
            "summary_rows": summary_rows(report), "handling_header": handling_header(report),
            "handling_rows": handling_rows(report),
        },
    )  # fmt: skip
    return pdf_render(html)


def report_filename(report: PeriodicReport) -> str:
    code = report.agency.code if report.agency else "toan-dia-phuong"
    return f"bao-cao-mot-cua-{code}-{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}".replace(".", "-")
