"""The reform plan's compiled report (DOMAIN §10): what the follow-up agency (the Home Affairs office)
sends to the province's Department of Home Affairs for a reporting round — per group and task, the
lead agencies, the task's status, the agencies' own text, and the live indicator values against
their targets. DOCX (python-docx, the format the department edits further) and PDF (core.pdf).

Figures come from `plans.selectors.plan_progress`; indicator values through `core.indicators`
(N/A when the key's owner computes nothing for the period).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from motcua.core.indicators import Unit
from motcua.core.pdf import pdf_cached
from motcua.plans.models import ReformPlan, ReportingRound
from motcua.plans.selectors import (
    AgencyProgress,
    GroupProgress,
    TaskIndicator,
    TaskProgress,
    missing_reports,
    plan_progress,
)

NA = "N/A"


@dataclass
class PlanReport:
    plan: ReformPlan
    round: ReportingRound
    groups: list[GroupProgress]
    agencies: list[AgencyProgress]
    missing: int  # lead agencies with at least one task unreported
    made_on: date

    @property
    def tasks(self) -> list[TaskProgress]:
        return [t for g in self.groups for t in g.tasks]

    @property
    def title(self) -> str:
        return f"BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH {self.round.label.upper()}"


def plan_report_build(plan: ReformPlan, round: ReportingRound, *, today: date | None = None) -> PlanReport:
    groups, agencies = plan_progress(plan, round)
    return PlanReport(
        plan=plan,
        round=round,
        groups=groups,
        agencies=agencies,
        missing=len(missing_reports(plan, round)),
        made_on=today or timezone.localdate(),
    )


def indicator_text(indicator: TaskIndicator | None) -> str:
    """ "94,00% / chỉ tiêu 95% (chưa đạt)", "12", or "N/A" — Vietnamese decimal comma."""
    if indicator is None:
        return ""
    unit = indicator.indicator.unit if indicator.indicator else None
    suffix = "%" if unit == Unit.PERCENT else ""

    def number(value: Decimal | int) -> str:
        return f"{value:f}".replace(".", ",") + suffix if isinstance(value, Decimal) else f"{value}{suffix}"

    value = indicator.measure.value
    text = f"{indicator.label}: " + (NA if value is None else number(value))
    if indicator.target is not None:
        text += f" / chỉ tiêu {number(indicator.target.normalize())}"  # 95.00 → "95", 97.50 → "97,5"
        if indicator.met is not None:
            text += " (đạt)" if indicator.met else " (chưa đạt)"
    return text


def agencies_text(task: TaskProgress) -> str:
    """The agencies' own words, each under its name; late reports marked."""
    parts = []
    for report in task.reports:
        late = " (nộp muộn)" if report.late else ""
        parts.append(f"{report.agency.name} — {report.get_status_display()}{late}: {report.content}")
    return "\n".join(parts) if parts else "Chưa có báo cáo."


def leads_text(task: TaskProgress) -> str:
    return task.task.lead_text or "; ".join(a.text for a in task.leads)


# --- DOCX ---------------------------------------------------------------------------------------------


def _cell(cell, text: str, *, bold: bool = False, size: int = 10) -> None:
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        run.font.size = Pt(size)


def plan_report_docx(report: PlanReport) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)

    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run(report.plan.follow_up_agency.name.upper()).bold = True
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(report.title).bold = True
    document.add_paragraph(f"Kế hoạch: {report.plan.title}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    if report.plan.report_to:
        document.add_paragraph(f"Kính gửi: {report.plan.report_to}.").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(
        f"Kỳ báo cáo: {report.round.label}, từ {report.round.period_start:%d/%m/%Y} đến "
        f"{report.round.period_end:%d/%m/%Y}; hạn nộp {report.round.due_on:%d/%m/%Y}. "
        f"Mục tiêu mức độ hài lòng: {report.plan.target:g}%. "
        f"Số cơ quan, đơn vị còn nhiệm vụ chưa báo cáo: {report.missing}."
    )

    header = [
        "STT",
        "Nội dung công việc",
        "Cơ quan chủ trì",
        "Tình trạng",
        "Kết quả thực hiện",
        "Chỉ số đo lường",
    ]
    widths = [Cm(1.2), Cm(7.0), Cm(4.0), Cm(2.6), Cm(8.0), Cm(3.9)]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text, width in zip(table.rows[0].cells, header, widths, strict=True):
        _cell(cell, text, bold=True)
        cell.width = width
    for group in report.groups:
        row = table.add_row().cells
        _cell(row[0], str(group.number), bold=True)
        merged = row[1].merge(row[-1])
        _cell(merged, f"{group.title} — {group.done}/{len(group.tasks)} nhiệm vụ hoàn thành", bold=True)
        for task in group.tasks:
            cells = table.add_row().cells
            values = [
                task.task.number,
                task.task.content,
                leads_text(task),
                task.status_label,
                agencies_text(task),
                indicator_text(task.indicator),
            ]
            for cell, text, width in zip(cells, values, widths, strict=True):
                _cell(cell, text.replace("\n\n", "\n"))
                cell.width = width

    document.add_paragraph()
    document.add_paragraph().add_run("Tổng hợp theo cơ quan chủ trì").bold = True
    summary = document.add_table(rows=1, cols=5)
    summary.style = "Table Grid"
    for cell, text in zip(
        summary.rows[0].cells,
        ["Cơ quan, đơn vị", "Nhiệm vụ chủ trì", "Đã báo cáo", "Hoàn thành", "Nộp muộn"],
        strict=True,
    ):
        _cell(cell, text, bold=True)
    for agency in report.agencies:
        cells = summary.add_row().cells
        for cell, text in zip(
            cells,
            [
                agency.agency.name,
                str(agency.expected),
                str(agency.reported),
                str(agency.done),
                str(agency.late),
            ],
            strict=True,
        ):
            _cell(cell, text)
    document.add_paragraph(f"Lập ngày {report.made_on:%d/%m/%Y} trên hệ thống MotCua.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- HTML and PDF -------------------------------------------------------------------------------------


def plan_report_html(report: PlanReport, *, for_pdf: bool) -> str:
    rows = [
        {
            "group": group,
            "tasks": [
                {
                    "progress": task,
                    "leads": leads_text(task),
                    "agencies": agencies_text(task),
                    "indicator": indicator_text(task.indicator),
                }
                for task in group.tasks
            ],
        }
        for group in report.groups
    ]
    return render_to_string("reports/plan_report.html", {"report": report, "rows": rows, "for_pdf": for_pdf})


def plan_report_pdf(report: PlanReport) -> bytes:
    """Cached by content: a report whose figures did not change is not rendered again."""
    stem = f"ke-hoach-{report.plan.pk}-{report.round.pk}"
    return pdf_cached(("reports", "plans"), stem, plan_report_html(report, for_pdf=True))
