"""The one workbook writer: text that a spreadsheet would read as a formula (= + - @, a tab or a carriage
return first) stays text, read back exactly as written; numbers stay numbers, negative ones included."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from motcua.core.xlsx import Sheet, xlsx_bytes

NAME = '=HYPERLINK("http://evil","Nguyễn Văn A")'
RISKY = [NAME, "+84 905 000 000", "-1+2", "@SUM(A1:A9)", "\tx", "\r=1+1"]


def _read(sheet: Sheet) -> list[list[object]]:
    book = load_workbook(io.BytesIO(xlsx_bytes([sheet])))
    return [[(cell.value, cell.data_type) for cell in row] for row in book.worksheets[0].iter_rows()]


def test_text_that_looks_like_a_formula_is_written_as_text() -> None:
    rows = _read(Sheet("Hồ sơ", ["=Tên", "Số"], [[value, 1] for value in RISKY], caption=["=Kỳ báo cáo"]))
    assert rows[0][0] == ("=Kỳ báo cáo", "s")
    assert rows[1][0] == ("=Tên", "s")
    assert [row[0] for row in rows[2:]] == [(value, "s") for value in RISKY]
    book = load_workbook(io.BytesIO(xlsx_bytes([Sheet("x", ["a"], [[NAME]])])))
    cell = book.worksheets[0]["A2"]
    assert cell.quotePrefix  # Excel keeps it text when the cell is edited


def test_numbers_dates_and_plain_text_keep_their_types() -> None:
    rows = _read(
        Sheet("x", ["a", "b", "c", "d", "e"], [[-5, Decimal("-2.5"), 0, date(2026, 3, 1), "Nguyễn Văn A"]])
    )
    values = rows[1]
    assert values[0] == (-5, "n") and values[1] == (-2.5, "n") and values[2] == (0, "n")
    assert values[3][1] == "d" and values[4] == ("Nguyễn Văn A", "s")
