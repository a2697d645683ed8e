"""XLSX workbooks, one way for every export: sheets of rows, a bold frozen header, sensible widths.

Reports, evaluations and lists export what the screen shows with the same filters; each passes
its rows here. Values stay typed (numbers as numbers, dates as dates) so officials can sum and
filter in Excel; aware datetimes are written in Vietnam time (Excel has no time zones). Text is
always text: a value a spreadsheet would take for a formula (an applicant named `=HYPERLINK(…)`) is
written as a string cell marked "quote prefix", read back exactly as it was typed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

from motcua.core.calendar import local_tz

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet may read as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Sheet:
    title: str  # at most 31 characters in Excel; longer titles are cut
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    caption: Sequence[str] = field(default_factory=tuple)  # lines above the header (title, period)


def _cell(value: Any) -> Any:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value, local_tz()).replace(tzinfo=None)
    if (
        value is not None
        and not isinstance(value, (int, float, str, datetime))
        and not hasattr(value, "year")
    ):
        return str(value)  # Decimal stays a number below; lazy strings and enums become text
    return value


def _keep_text(ws: Any) -> None:
    """Make the cells of the row just appended that hold formula-like text string cells (openpyxl
    stores text starting with "=" as a formula), with Excel's quote prefix so an edit keeps them text."""
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook  # heavy: loaded only when a workbook is written
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    workbook.remove(workbook.active)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title[:31])
        for line in sheet.caption:
            ws.append([str(line)])
            _keep_text(ws)
            ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        header_row = ws.max_row + 1 if sheet.caption else 1
        ws.append([str(h) for h in sheet.header])
        _keep_text(ws)
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
        widths = [len(str(h)) for h in sheet.header]
        for row in sheet.rows:
            values = [float(v) if isinstance(v, Decimal) else _cell(v) for v in row]
            ws.append(values)
            _keep_text(ws)
            for i, v in enumerate(values[: len(widths)]):
                widths[i] = max(widths[i], min(len(str(v)) if v is not None else 0, 60))
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[ws.cell(row=header_row, column=i).column_letter].width = width + 2
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Sequence[Sheet] | bytes) -> HttpResponse:
    """An attachment download; `filename` without extension, ASCII (e.g. "bao-cao-2026-03"); the
    sheets, or a workbook already written by `xlsx_bytes` (a cached one)."""
    content = sheets if isinstance(sheets, bytes) else xlsx_bytes(sheets)
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
