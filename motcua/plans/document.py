"""Reading a reform plan laid out as the seed (DOMAIN §10): plain text with a tab-separated task table.

The table is what a word processor's "save as text" gives: one line per row, cells separated by tabs,
multi-paragraph cells written `<p>…</p> <p>…</p>`, and rows that spill over a page break continue on
a later line whose first cell is empty (each cell's continuation in its own column). Columns are
found by their header words, so a plan whose columns come in another order, or whose groups are
numbered I, II, III, reads the same. Nothing here touches the database: `importer` matches names.
The document's wording is kept as written, typos included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from motcua.core.text import fold

# Header words (folded) → the column they name; the first column whose header matches wins.
COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("number", ("stt", "st t", "tt", "so tt", "so thu tu")),
    ("lead", ("chu tri",)),
    ("partner", ("phoi hop",)),
    ("timing", ("thoi gian", "thoi han", "tien do")),
    ("result", ("ket qua", "san pham")),
    ("content", ("noi dung", "nhiem vu", "cong viec")),
]
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_TASK_NUMBER = re.compile(r"^\d+(\.\d+)*\.?$")
_PARAGRAPH_BREAK = re.compile(r"</p>\s*<p[^>]*>", re.IGNORECASE)
_TAGS = re.compile(r"</?p[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")


class DocumentError(ValueError):
    """The text is not a plan this reader understands (no task table)."""


@dataclass
class ParsedTask:
    number: str
    group: int
    content: str
    lead: str
    partner: str
    timing: str
    result: str


@dataclass
class ParsedPlan:
    number: str = ""
    year: int | None = None
    issued_on: date | None = None
    title: str = ""
    satisfaction_target: Decimal | None = None
    follow_up: str = ""  # the agency named "có trách nhiệm theo dõi, đôn đốc"
    report_to: str = ""
    groups: list[tuple[int, str]] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)


def cell_text(raw: str) -> str:
    """A cell's text: `<p>` paragraphs become paragraphs separated by a blank line, spaces tidied."""
    text = _TAGS.sub("", _PARAGRAPH_BREAK.sub("\n\n", raw))
    paragraphs = [_SPACES.sub(" ", p).strip() for p in text.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _column_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = fold(title)
        for name, words in COLUMNS:
            if name in found:
                continue
            if (name == "number" and key in words) or (name != "number" and any(w in key for w in words)):
                found[name] = index
                break
    return found


def _is_header(cells: list[str]) -> bool:
    columns = _column_map(cells)
    return {"number", "content", "lead"} <= columns.keys()


def _rows(lines: list[str], start: int, width: int) -> tuple[list[list[str]], int]:
    """The table's rows from `start` (the line after the header), continuations joined; and the
    index of the first line after the table."""
    rows: list[list[str]] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if "\t" not in line:
            break
        cells = (line.split("\t") + [""] * width)[:width]
        if cells[0].strip() or not rows:
            rows.append(cells)
        else:  # a row spilling over a page break: each column continues its cell
            for column, piece in enumerate(cells):
                if piece.strip():
                    rows[-1][column] = f"{rows[-1][column].rstrip()} {piece.strip()}".strip()
        index += 1
    return rows, index


def _group_number(text: str) -> int | None:
    text = text.strip().rstrip(".")
    if text.isdigit():
        return int(text)
    return ROMAN.get(text.upper())


_ISSUE_DATE = re.compile(r"ngay\s*(\d{1,2})?\s*thang\s*(\d{1,2})?\s*nam\s*(\d{4})")
_TARGET = re.compile(r"hai long[^%]{0,160}?(\d{1,3}(?:[.,]\d+)?)\s*%")


def _header_fields(plan: ParsedPlan, head: list[str]) -> None:
    for index, line in enumerate(head):
        stripped = line.strip()
        if stripped.lower().startswith("số:") and not plan.number:
            number = stripped[3:].strip()
            plan.number = number if re.search(r"\d", number.split("/")[0] if "/" in number else "") else ""
        match = _ISSUE_DATE.search(fold(stripped))
        if match and plan.year is None:
            day, month, year = match.groups()
            plan.year = int(year)
            if day and month:
                plan.issued_on = date(int(year), int(month), int(day))
        if fold(stripped) == "ke hoach" and not plan.title:
            plan.title = next((nxt.strip() for nxt in head[index + 1 :] if nxt.strip()), "")
    if plan.year is None:
        match = re.search(r"nam (\d{4})", fold(plan.title))
        plan.year = int(match.group(1)) if match else None
    target = _TARGET.search(fold(" ".join(head)))
    if target:
        plan.satisfaction_target = Decimal(target.group(1).replace(",", "."))


def _closing_fields(plan: ParsedPlan, tail: list[str]) -> None:
    text = " ".join(line.strip() for line in tail)
    follow = re.search(r"(?:^|\d\.\s*)([^.;]{3,120}?)\s+có trách nhiệm theo dõi", text)
    if follow:
        plan.follow_up = follow.group(1).strip()
    report_to = re.search(r"báo cáo kết quả thực hiện cho\s+([^.;]+?)\s*\.", text)
    if report_to:
        plan.report_to = report_to.group(1).strip()


def parse(text: str) -> ParsedPlan:
    """The plan's header fields, groups and tasks; raises DocumentError without a task table."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header_at = next(
        (i for i, line in enumerate(lines) if "\t" in line and _is_header(line.split("\t"))), None
    )
    if header_at is None:
        raise DocumentError("Không tìm thấy bảng nhiệm vụ (dòng tiêu đề có cột STT, nội dung, chủ trì).")
    header = lines[header_at].split("\t")
    columns = _column_map(header)
    rows, after = _rows(lines, header_at + 1, len(header))
    plan = ParsedPlan()
    _header_fields(plan, lines[:header_at])
    _closing_fields(plan, lines[after:])

    def col(cells: list[str], name: str) -> str:
        return cell_text(cells[columns[name]]) if name in columns else ""

    group = 0
    tasks_in_group = 0
    for cells in rows:
        number = cells[columns["number"]].strip()
        others = [col(cells, n) for n in ("lead", "partner", "timing", "result")]
        group_number = _group_number(number)
        if group_number is not None and "." not in number and not any(others):
            group, tasks_in_group = group_number, 0
            plan.groups.append((group, col(cells, "content")))
            continue
        if not number or not _TASK_NUMBER.match(number):
            continue
        tasks_in_group += 1
        number = number.rstrip(".")
        if "." not in number:  # tasks numbered 1, 2, … within groups I, II, …
            number = f"{group}.{number}"
        plan.tasks.append(
            ParsedTask(
                number=number,
                group=group,
                content=col(cells, "content"),
                lead=col(cells, "lead"),
                partner=col(cells, "partner"),
                timing=col(cells, "timing"),
                result=col(cells, "result"),
            )
        )
    return plan
