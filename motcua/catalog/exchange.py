"""Import and export of the catalogue as XLSX or CSV (format: docs/catalog.md).

An import is checked whole before anything is written: every problem is reported with its
sheet, row number (as the spreadsheet shows it, header = row 1), column and a Vietnamese
message, and then nothing changes. A clean file is applied in one transaction. A published
version is never changed by an import: a row for it must match it exactly (reported
"không đổi") or carry a new effective date.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import Agency
from motcua.catalog import services
from motcua.catalog.models import (
    STEP_UNITS,
    Channel,
    Field,
    OnlineLevel,
    PauseKind,
    Procedure,
    ProcedureVersion,
    ResultKind,
    TimeUnit,
    online_level_from_legacy,
)
from motcua.core.text import fold, nfc
from motcua.core.uploads import UploadRefused

PROCEDURES, DOCUMENTS, STEPS, FEES = "thu_tuc", "giay_to", "quy_trinh", "phi"
COLUMNS: dict[str, list[str]] = {
    PROCEDURES: [
        "ma",
        "ten",
        "linh_vuc_ma",
        "linh_vuc_ten",
        "cap",
        "co_quan",
        "doi_tuong",
        "tinh_trang",
        "minh_hoa",
        "hieu_luc_tu",
        "trinh_tu",
        "cach_thuc",
        "kenh",
        "muc_do_truc_tuyen",
        "thoi_han",
        "don_vi",
        "gio_chot",
        "tam_dung",
        "dieu_kien",
        "ket_qua",
        "ket_qua_ten",
        "can_cu",
        "qd_cong_bo_so",
        "qd_cong_bo_ngay",
        "ngay_cong_khai",
    ],
    DOCUMENTS: [
        "ma",
        "hieu_luc_tu",
        "stt",
        "ten",
        "ban_chinh",
        "ban_sao",
        "bat_buoc",
        "dieu_kien",
        "tep_mau",
        "tep_ho_so_mau",
    ],
    STEPS: ["ma", "hieu_luc_tu", "stt", "ten", "co_quan", "thoi_gian", "don_vi"],
    FEES: ["ma", "hieu_luc_tu", "ten", "so_tien", "ghi_chu"],
}
REQUIRED: dict[str, set[str]] = {
    PROCEDURES: {"ma", "ten", "linh_vuc_ma", "hieu_luc_tu", "kenh", "thoi_han", "don_vi"},
    DOCUMENTS: {"ma", "ten"},
    STEPS: {"ma", "ten", "thoi_gian", "don_vi"},
    FEES: {"ma", "ten", "so_tien"},
}
APPLICANTS = {
    "CA_NHAN": "for_person",
    "PERSON": "for_person",
    "TO_CHUC": "for_organisation",
    "ORGANISATION": "for_organisation",
}
PROGRESS_EVERY = 100


class ImportFailed(Exception):
    """The file was refused; `errors` say exactly where and why. Nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} lỗi")
        self.errors = errors


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = (
            _("%(sheet)s, dòng %(row)s") % {"sheet": self.sheet, "row": self.row} if self.row else self.sheet
        )
        if self.column:
            where += ", " + _("cột %(column)s") % {"column": self.column}
        return f"{where}: {self.message}"


@dataclass
class ReportLine:
    row: int
    code: str
    name: str
    effective_date: date
    action: str  # "CREATED" | "NEW_VERSION" | "UNCHANGED" | "UPDATED_DRAFT"

    ACTION_TEXT = {
        "CREATED": "thủ tục mới",
        "NEW_VERSION": "phiên bản mới",
        "UNCHANGED": "không đổi",
        "UPDATED_DRAFT": "cập nhật và công bố bản nháp",
    }

    def __str__(self) -> str:
        return _("Dòng %(row)s: %(code)s %(name)s (hiệu lực %(date)s) — %(action)s") % {
            "row": self.row,
            "code": self.code,
            "name": self.name,
            "date": f"{self.effective_date:%d/%m/%Y}",
            "action": self.ACTION_TEXT[self.action],
        }


@dataclass
class ImportReport:
    lines: list[ReportLine] = field(default_factory=list)
    dry_run: bool = False

    def count(self, action: str) -> int:
        return sum(1 for line in self.lines if line.action == action)


Row = dict[str, Any]
Progress = Callable[[str, int, int], None]


# --- reading ---------------------------------------------------------------------------------------


def _header(value: Any) -> str:
    return fold(str(value or "")).replace(" ", "_")


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return (
            nfc(value.replace("\r\n", "\n"))
            if "\n" not in value
            else "\n".join(nfc(x) for x in value.replace("\r\n", "\n").split("\n"))
        )
    return value


def _table(sheet: str, rows: Iterable[Iterable[Any]], errors: list[RowError]) -> list[tuple[int, Row]]:
    iterator = iter(rows)
    try:
        headers = [_header(h) for h in next(iterator)]
    except StopIteration:
        errors.append(RowError(sheet, 1, "", _("Thiếu dòng tiêu đề.")))
        return []
    if missing := sorted(REQUIRED[sheet] - set(headers)):
        errors.append(RowError(sheet, 1, ", ".join(missing), _("Thiếu cột bắt buộc.")))
        return []
    if unknown := [h for h in headers if h and h not in COLUMNS[sheet]]:
        errors.append(RowError(sheet, 1, ", ".join(unknown), _("Cột không có trong định dạng.")))
    table = []
    for number, values in enumerate(iterator, start=2):
        row = {h: _cell(v) for h, v in zip(headers, values, strict=False) if h}
        if all(v in (None, "") for v in row.values()):
            continue
        table.append((number, row))
    return table


def read_tables(path: Path) -> tuple[dict[str, list[tuple[int, Row]]], list[RowError]]:
    """The four tables of an XLSX workbook, or of a CSV file and its companions `<stem>.<sheet>.csv`."""
    errors: list[RowError] = []
    tables: dict[str, list[tuple[int, Row]]] = {name: [] for name in COLUMNS}
    if not path.exists():
        return tables, [RowError(path.name, 0, "", _("Không tìm thấy tệp."))]
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook  # heavy: loaded only for a workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception:
            return tables, [RowError(path.name, 0, "", _("Không đọc được tệp XLSX."))]
        if PROCEDURES not in workbook.sheetnames:
            return tables, [RowError(path.name, 0, "", _("Thiếu trang tính «thu_tuc»."))]
        for name in COLUMNS:
            if name in workbook.sheetnames:
                tables[name] = _table(name, workbook[name].iter_rows(values_only=True), errors)
        workbook.close()
    elif path.suffix.lower() == ".csv":
        for name in COLUMNS:
            file = path if name == PROCEDURES else path.with_name(f"{path.stem}.{name}.csv")
            if not file.exists():
                continue
            try:
                with file.open(encoding="utf-8-sig", newline="") as handle:
                    tables[name] = _table(name, list(csv.reader(handle)), errors)
            except UnicodeDecodeError:
                errors.append(RowError(file.name, 0, "", _("Tệp CSV phải mã hóa UTF-8.")))
    else:
        errors.append(RowError(path.name, 0, "", _("Chỉ nhận tệp .xlsx hoặc .csv.")))
    return tables, errors


# --- parsing values ------------------------------------------------------------------------------------


class _Bad(Exception):
    pass


def _text(row: Row, column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


def _int(row: Row, column: str, *, default: int | None = None) -> int:
    value = row.get(column)
    if value in (None, ""):
        if default is None:
            raise _Bad(_("Bắt buộc phải có giá trị."))
        return default
    try:
        number = (
            int(str(value).strip().replace(".", "").replace(" ", ""))
            if isinstance(value, str)
            else int(value)
        )
    except (TypeError, ValueError):
        raise _Bad(_("Phải là số nguyên không âm.")) from None
    if number < 0 or (not isinstance(value, str) and number != value):
        raise _Bad(_("Phải là số nguyên không âm."))
    return number


def _date(row: Row, column: str, *, required: bool = False) -> date | None:
    value = row.get(column)
    if value in (None, ""):
        if required:
            raise _Bad(_("Bắt buộc phải có ngày (dd/mm/yyyy hoặc yyyy-mm-dd)."))
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time zone
        except ValueError:
            continue
    raise _Bad(_("Ngày không hợp lệ: «%(v)s» (dd/mm/yyyy hoặc yyyy-mm-dd).") % {"v": text})


def _time(row: Row, column: str) -> time | None:
    value = row.get(column)
    if value in (None, ""):
        return None
    if isinstance(value, time):
        return value
    try:
        return datetime.strptime(str(value).strip(), "%H:%M").time()  # noqa: DTZ007
    except ValueError:
        raise _Bad(_("Giờ không hợp lệ: «%(v)s» (HH:MM).") % {"v": value}) from None


def _bool(row: Row, column: str, *, default: bool) -> bool:
    value = row.get(column)
    if value in (None, ""):
        return default
    text = fold(str(value))
    if text in {"1", "x", "co", "true", "yes"}:
        return True
    if text in {"0", "khong", "false", "no"}:
        return False
    raise _Bad(_("Phải là 1 (có) hoặc 0 (không)."))


def _list(row: Row, column: str) -> list[str]:
    return [p.strip().upper() for p in _text(row, column).replace("\n", ";").split(";") if p.strip()]


def _choice(value: str, allowed: Iterable[str], *, column_label: str) -> str:
    allowed = list(allowed)
    if value.upper() not in allowed:
        raise _Bad(
            _("Giá trị «%(v)s» không hợp lệ; dùng một trong: %(allowed)s.")
            % {"v": value, "allowed": ", ".join(allowed)}
        )
    return value.upper()


# --- the plan ------------------------------------------------------------------------------------------------


@dataclass
class PlannedVersion:
    row: int
    code: str
    name: str
    field_code: str
    field_name: str
    agencies: list[str]
    procedure: dict[str, Any]
    effective_date: date
    parts: dict[str, Any]
    legal_bases: list[str]
    documents: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    fees: list[dict[str, Any]] = field(default_factory=list)
    action: str = ""


def _parse_procedure(number: int, row: Row, errors: list[RowError]) -> PlannedVersion | None:
    bad = len(errors)

    def get(column: str, parse: Callable[[], Any]) -> Any:
        try:
            return parse()
        except _Bad as problem:
            errors.append(RowError(PROCEDURES, number, column, str(problem)))
            return None

    code = _text(row, "ma")
    name = _text(row, "ten")
    if not code:
        errors.append(RowError(PROCEDURES, number, "ma", _("Bắt buộc phải có mã thủ tục.")))
    elif not all(ch.isalnum() or ch in ".-" for ch in code):
        errors.append(
            RowError(
                PROCEDURES, number, "ma", _("Mã thủ tục chỉ gồm chữ số, chữ cái, dấu chấm và gạch ngang.")
            )
        )
    if not name:
        errors.append(RowError(PROCEDURES, number, "ten", _("Bắt buộc phải có tên thủ tục.")))
    field_code = _text(row, "linh_vuc_ma")
    if not field_code:
        errors.append(RowError(PROCEDURES, number, "linh_vuc_ma", _("Bắt buộc phải có mã lĩnh vực.")))
    applicants = get(
        "doi_tuong",
        lambda: [_choice(v, APPLICANTS, column_label="doi_tuong") for v in _list(row, "doi_tuong")],
    ) or ["CA_NHAN"]
    level_text = _text(row, "muc_do_truc_tuyen") or OnlineLevel.NONE

    def online() -> str:
        try:
            return online_level_from_legacy(level_text)
        except ValueError:
            raise _Bad(_("Mức độ trực tuyến phải là NONE, PARTIAL, FULL hoặc mức cũ 1–4.")) from None

    procedure = {
        "level": get(
            "cap",
            lambda: _choice(
                _text(row, "cap") or Procedure.Level.DISTRICT, Procedure.Level.values, column_label="cap"
            ),
        ),
        "for_person": any(APPLICANTS[a] == "for_person" for a in applicants),
        "for_organisation": any(APPLICANTS[a] == "for_organisation" for a in applicants),
        "status": get(
            "tinh_trang",
            lambda: _choice(
                _text(row, "tinh_trang") or Procedure.Status.PUBLIC,
                Procedure.Status.values,
                column_label="tinh_trang",
            ),
        ),
        "is_demo": get("minh_hoa", lambda: _bool(row, "minh_hoa", default=False)),
    }
    parts = {
        "steps_text": _text(row, "trinh_tu"),
        "method_text": _text(row, "cach_thuc"),
        "channels": get(
            "kenh", lambda: [_choice(v, Channel.values, column_label="kenh") for v in _list(row, "kenh")]
        ),
        "online_level": get("muc_do_truc_tuyen", online),
        "limit_value": get("thoi_han", lambda: _int(row, "thoi_han", default=0)),
        "limit_unit": get(
            "don_vi", lambda: _choice(_text(row, "don_vi"), TimeUnit.values, column_label="don_vi")
        ),
        "same_day_cutoff": get("gio_chot", lambda: _time(row, "gio_chot")),
        "pause_kinds": get(
            "tam_dung",
            lambda: [_choice(v, PauseKind.values, column_label="tam_dung") for v in _list(row, "tam_dung")],
        ),
        "applicant_conditions": _text(row, "dieu_kien"),
        "result_kind": get(
            "ket_qua",
            lambda: _choice(
                _text(row, "ket_qua") or ResultKind.PAPER, ResultKind.values, column_label="ket_qua"
            ),
        ),
        "result_name": _text(row, "ket_qua_ten"),
        "announcement_number": _text(row, "qd_cong_bo_so"),
        "announcement_date": get("qd_cong_bo_ngay", lambda: _date(row, "qd_cong_bo_ngay")),
        "public_date": get("ngay_cong_khai", lambda: _date(row, "ngay_cong_khai")),
    }
    effective_date = get("hieu_luc_tu", lambda: _date(row, "hieu_luc_tu", required=True))
    if len(errors) == bad:
        for problem in services.version_part_errors(parts):
            column = {
                "channels": "kenh",
                "online_level": "muc_do_truc_tuyen",
                "limit_unit": "don_vi",
                "limit_value": "thoi_han",
                "same_day_cutoff": "gio_chot",
                "pause_kinds": "tam_dung",
                "result_kind": "ket_qua",
            }.get(problem.field, problem.field)
            errors.append(RowError(PROCEDURES, number, column, problem.message))
    if len(errors) > bad:
        return None
    return PlannedVersion(
        row=number,
        code=code,
        name=name,
        field_code=field_code,
        field_name=_text(row, "linh_vuc_ten"),
        agencies=[c.upper() for c in _list(row, "co_quan")],
        procedure=procedure,
        effective_date=effective_date,
        parts=parts,
        legal_bases=[line.strip() for line in _text(row, "can_cu").split("\n") if line.strip()],
    )


def _file_value(value: str, base_dir: Path) -> Any:
    if not value:
        return ""
    if default_storage.exists(value):
        return value
    candidate = (base_dir / value).resolve()
    if candidate.is_file():
        with candidate.open("rb") as handle:
            try:
                services.document_file(File(handle, name=candidate.name))
            except UploadRefused as refused:
                raise _Bad(refused.naming(candidate.name)) from None
        return ("upload", candidate)
    raise _Bad(_("Không tìm thấy tệp «%(v)s» (đường dẫn tính từ thư mục của tệp nhập).") % {"v": value})


def _attach_children(
    sheet: str,
    table: list[tuple[int, Row]],
    plans: dict[tuple[str, date], PlannedVersion],
    by_code: dict[str, list[PlannedVersion]],
    base_dir: Path,
    errors: list[RowError],
) -> None:
    for number, row in table:
        code = _text(row, "ma")
        try:
            day = _date(row, "hieu_luc_tu")
        except _Bad as problem:
            errors.append(RowError(sheet, number, "hieu_luc_tu", str(problem)))
            continue
        if day is None:
            candidates = by_code.get(code, [])
            if len(candidates) > 1:
                errors.append(
                    RowError(
                        sheet,
                        number,
                        "hieu_luc_tu",
                        _("Thủ tục có nhiều phiên bản trong tệp: cần ghi ngày hiệu lực."),
                    )
                )
                continue
            plan = candidates[0] if candidates else None
        else:
            plan = plans.get((code, day))
        if plan is None:
            errors.append(
                RowError(
                    sheet,
                    number,
                    "ma",
                    _("Không có dòng thủ tục «%(code)s» tương ứng trong trang thu_tuc.") % {"code": code},
                )
            )
            continue
        try:
            if sheet == DOCUMENTS:
                plan.documents.append(
                    {
                        "order": _int(row, "stt", default=len(plan.documents) + 1),
                        "name": _text(row, "ten"),
                        "originals": _int(row, "ban_chinh", default=1),
                        "copies": _int(row, "ban_sao", default=0),
                        "mandatory": _bool(row, "bat_buoc", default=True),
                        "condition": _text(row, "dieu_kien"),
                        "template": _file_value(_text(row, "tep_mau"), base_dir),
                        "sample": _file_value(_text(row, "tep_ho_so_mau"), base_dir),
                    }
                )
            elif sheet == STEPS:
                agency = _text(row, "co_quan").upper()
                plan.steps.append(
                    {
                        "order": _int(row, "stt", default=len(plan.steps) + 1),
                        "name": _text(row, "ten"),
                        "agency": agency or None,
                        "budget_value": _int(row, "thoi_gian"),
                        "budget_unit": _choice(
                            _text(row, "don_vi"), [str(u) for u in STEP_UNITS], column_label="don_vi"
                        ),
                    }
                )
            else:
                plan.fees.append(
                    {
                        "name": _text(row, "ten"),
                        "amount_vnd": _int(row, "so_tien"),
                        "note": _text(row, "ghi_chu"),
                    }
                )
        except _Bad as problem:
            # The column is the first one whose parsing failed; find it by re-parsing cheaply.
            errors.append(RowError(sheet, number, _failed_column(sheet, row, base_dir), str(problem)))


def _failed_column(sheet: str, row: Row, base_dir: Path) -> str:
    checks: dict[str, Callable[[], Any]] = {
        "stt": lambda: _int(row, "stt", default=0),
        "ban_chinh": lambda: _int(row, "ban_chinh", default=0),
        "ban_sao": lambda: _int(row, "ban_sao", default=0),
        "bat_buoc": lambda: _bool(row, "bat_buoc", default=True),
        "tep_mau": lambda: _file_value(_text(row, "tep_mau"), base_dir),
        "tep_ho_so_mau": lambda: _file_value(_text(row, "tep_ho_so_mau"), base_dir),
        "thoi_gian": lambda: _int(row, "thoi_gian"),
        "so_tien": lambda: _int(row, "so_tien"),
        "don_vi": lambda: _choice(_text(row, "don_vi"), [str(u) for u in STEP_UNITS], column_label="don_vi"),
    }
    for column in COLUMNS[sheet]:
        if column in checks:
            try:
                checks[column]()
            except _Bad:
                return column
    return ""


def _canonical_version(version: ProcedureVersion) -> dict[str, Any]:
    parts = {name: getattr(version, name) for name in services.VERSION_FIELDS}
    return {
        "parts": parts,
        "documents": [
            (
                d.name,
                d.originals,
                d.copies,
                d.mandatory,
                d.condition,
                d.template.name or "",
                d.sample.name or "",
            )
            for d in version.documents.all()
        ],
        "steps": [
            (s.name, s.agency.code if s.agency else None, s.budget_value, s.budget_unit)
            for s in version.steps.all()
        ],
        "fees": [(f.name, f.amount_vnd, f.note) for f in version.fees.all()],
        "legal_bases": [b.text for b in version.legal_bases.all()],
    }


def _canonical_plan(plan: PlannedVersion) -> dict[str, Any]:
    def file_name(value: Any) -> str:
        return value if isinstance(value, str) else f"<upload {value[1]}>"

    return {
        "parts": dict(plan.parts),
        "documents": [
            (
                d["name"],
                d["originals"],
                d["copies"],
                d["mandatory"],
                d["condition"],
                file_name(d["template"]),
                file_name(d["sample"]),
            )
            for d in sorted(plan.documents, key=lambda d: d["order"])
        ],
        "steps": [
            (s["name"], s["agency"], s["budget_value"], s["budget_unit"])
            for s in sorted(plan.steps, key=lambda s: s["order"])
        ],
        "fees": [(f["name"], f["amount_vnd"], f["note"]) for f in plan.fees],
        "legal_bases": plan.legal_bases,
    }


def _same_file(stored: Any, value: Any) -> Any:
    """A local file equal in content to the stored one counts as the stored one."""
    if isinstance(value, tuple) and stored:
        with stored.open("rb") as handle:
            if handle.read() == value[1].read_bytes():
                return stored.name
    return value


def _same(existing: ProcedureVersion, plan: PlannedVersion) -> bool:
    stored = list(existing.documents.all())
    ordered = sorted(plan.documents, key=lambda d: d["order"])
    if len(stored) == len(ordered):
        plan = PlannedVersion(
            **{
                **plan.__dict__,
                "documents": [
                    {
                        **d,
                        "template": _same_file(s.template, d["template"]),
                        "sample": _same_file(s.sample, d["sample"]),
                    }
                    for s, d in zip(stored, ordered, strict=True)
                ],
            }
        )
    theirs = _canonical_plan(plan)
    if theirs["parts"]["public_date"] is None:  # publishing filled it in; a blank cell keeps it
        theirs["parts"]["public_date"] = existing.public_date
    return _canonical_version(existing) == theirs


def plan_import(path: Path, *, progress: Progress | None = None) -> list[PlannedVersion]:
    """Read and check a whole file; raise ImportFailed listing every problem, or return the plan."""
    tables, errors = read_tables(path)
    plans: dict[tuple[str, date], PlannedVersion] = {}
    by_code: dict[str, list[PlannedVersion]] = {}
    total = len(tables[PROCEDURES])
    for index, (number, row) in enumerate(tables[PROCEDURES], start=1):
        plan = _parse_procedure(number, row, errors)
        if plan is not None:
            key = (plan.code, plan.effective_date)
            if key in plans:
                errors.append(
                    RowError(
                        PROCEDURES,
                        number,
                        "hieu_luc_tu",
                        _("Trùng mã và ngày hiệu lực với dòng %(row)s.") % {"row": plans[key].row},
                    )
                )
            else:
                plans[key] = plan
                by_code.setdefault(plan.code, []).append(plan)
        if progress and index % PROGRESS_EVERY == 0:
            progress("kiểm tra", index, total)
    for sheet in (DOCUMENTS, STEPS, FEES):
        _attach_children(sheet, tables[sheet], plans, by_code, path.parent, errors)

    known_agencies = set(Agency.objects.values_list("code", flat=True))
    known_fields = set(Field.objects.values_list("code", flat=True))
    new_field_codes = {p.field_code for p in plans.values() if p.field_name}
    for plan in plans.values():
        if unknown := [c for c in plan.agencies if c not in known_agencies]:
            errors.append(
                RowError(
                    PROCEDURES,
                    plan.row,
                    "co_quan",
                    _("Không có cơ quan mã %(codes)s.") % {"codes": ", ".join(unknown)},
                )
            )
        if plan.field_code not in known_fields and plan.field_code not in new_field_codes:
            errors.append(
                RowError(
                    PROCEDURES,
                    plan.row,
                    "linh_vuc_ten",
                    _("Lĩnh vực «%(code)s» chưa có: ghi tên lĩnh vực để tạo mới.")
                    % {"code": plan.field_code},
                )
            )
        if bad_steps := [
            s["agency"] for s in plan.steps if s["agency"] and s["agency"] not in known_agencies
        ]:
            errors.append(
                RowError(
                    STEPS,
                    plan.row,
                    "co_quan",
                    _("Thủ tục %(code)s: không có cơ quan mã %(codes)s.")
                    % {"code": plan.code, "codes": ", ".join(bad_steps)},
                )
            )
        for problem in services.step_budget_errors(
            limit_value=plan.parts["limit_value"],
            limit_unit=plan.parts["limit_unit"],
            budgets=[(s["budget_value"], s["budget_unit"]) for s in plan.steps],
        ):
            errors.append(
                RowError(
                    PROCEDURES,
                    plan.row,
                    "thoi_han",
                    _("Thủ tục %(code)s: %(message)s") % {"code": plan.code, "message": problem.message},
                )
            )
        existing = ProcedureVersion.objects.filter(
            procedure__code=plan.code, effective_date=plan.effective_date
        ).first()
        if existing is None:
            plan.action = "NEW_VERSION" if Procedure.objects.filter(code=plan.code).exists() else "CREATED"
        elif not existing.is_published:
            plan.action = "UPDATED_DRAFT"
        elif _same(existing, plan):
            plan.action = "UNCHANGED"
        else:
            errors.append(
                RowError(
                    PROCEDURES,
                    plan.row,
                    "hieu_luc_tu",
                    _(
                        "Phiên bản hiệu lực từ %(d)s của thủ tục %(code)s đã công bố, không sửa được; ghi ngày hiệu lực mới để tạo phiên bản sửa đổi."
                    )
                    % {"d": f"{plan.effective_date:%d/%m/%Y}", "code": plan.code},
                )
            )
    if errors:
        raise ImportFailed(
            sorted(errors, key=lambda e: (list(COLUMNS).index(e.sheet) if e.sheet in COLUMNS else -1, e.row))
        )
    return sorted(plans.values(), key=lambda p: p.row)


class _DryRun(Exception):
    pass


def _upload(value: Any, *, dry_run: bool) -> Any:
    if isinstance(value, tuple):  # a file next to the import file: stored only by a real import
        return (
            "" if dry_run else services.document_file(ContentFile(value[1].read_bytes(), name=value[1].name))
        )
    return value


def procedures_import(path: Path, *, dry_run: bool = False, progress: Progress | None = None) -> ImportReport:
    """Import a file all or nothing; a dry run checks and applies it inside a transaction it rolls back."""
    plans = plan_import(path, progress=progress)
    report = ImportReport(dry_run=dry_run)
    agencies = {a.code: a for a in Agency.objects.all()}
    try:
        with transaction.atomic():
            for index, plan in enumerate(plans, start=1):
                report.lines.append(
                    ReportLine(plan.row, plan.code, plan.name, plan.effective_date, plan.action)
                )
                if plan.action == "UNCHANGED":
                    continue
                field = Field.objects.filter(code=plan.field_code).first()
                if field is None or (plan.field_name and plan.field_name != field.name):
                    field = services.field_save(code=plan.field_code, name=plan.field_name or plan.field_code)
                procedure = services.procedure_save(
                    code=plan.code,
                    name=plan.name,
                    field=field,
                    agencies=[agencies[c] for c in plan.agencies],
                    **plan.procedure,
                )
                children = {
                    "documents": [
                        {
                            **d,
                            "template": _upload(d["template"], dry_run=dry_run),
                            "sample": _upload(d["sample"], dry_run=dry_run),
                        }
                        for d in plan.documents
                    ],
                    "steps": [
                        {**s, "agency": agencies[s["agency"]] if s["agency"] else None} for s in plan.steps
                    ],
                    "fees": plan.fees,
                    "legal_bases": plan.legal_bases,
                }
                existing = procedure.versions.filter(effective_date=plan.effective_date).first()
                if existing is not None:
                    version = services.procedure_version_update(version=existing, **plan.parts, **children)
                    services.procedure_version_publish(version=version)
                else:
                    services.procedure_version_create(
                        procedure=procedure,
                        effective_date=plan.effective_date,
                        publish=True,
                        **plan.parts,
                        **children,
                    )
                if progress and index % PROGRESS_EVERY == 0:
                    progress("ghi", index, len(plans))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


# --- export --------------------------------------------------------------------------------------------------


def _fmt(value: Any) -> Any:
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if value is None:
        return ""
    return value


def export_rows(procedures: Iterable[Procedure] | None = None) -> dict[str, list[list[Any]]]:
    """Every published version as the rows of the four tables (header first)."""
    versions = (
        ProcedureVersion.objects.published()
        .select_related("procedure", "procedure__field")
        .prefetch_related("documents", "fees", "legal_bases", "steps__agency", "procedure__agencies")
        .order_by("procedure__code", "effective_date")
    )
    if procedures is not None:
        versions = versions.filter(procedure__in=list(procedures))
    tables: dict[str, list[list[Any]]] = {name: [list(columns)] for name, columns in COLUMNS.items()}
    for v in versions:
        p = v.procedure
        key = [p.code, _fmt(v.effective_date)]
        applicants = [
            name for name, flag in (("CA_NHAN", p.for_person), ("TO_CHUC", p.for_organisation)) if flag
        ]
        values = {
            "ma": p.code,
            "ten": p.name,
            "linh_vuc_ma": p.field.code,
            "linh_vuc_ten": p.field.name,
            "cap": p.level,
            "co_quan": ";".join(sorted(a.code for a in p.agencies.all())),
            "doi_tuong": ";".join(applicants),
            "tinh_trang": p.status,
            "minh_hoa": _fmt(p.is_demo),
            "hieu_luc_tu": _fmt(v.effective_date),
            "trinh_tu": v.steps_text,
            "cach_thuc": v.method_text,
            "kenh": ";".join(v.channels),
            "muc_do_truc_tuyen": v.online_level,
            "thoi_han": v.limit_value,
            "don_vi": v.limit_unit,
            "gio_chot": _fmt(v.same_day_cutoff),
            "tam_dung": ";".join(v.pause_kinds),
            "dieu_kien": v.applicant_conditions,
            "ket_qua": v.result_kind,
            "ket_qua_ten": v.result_name,
            "can_cu": "\n".join(b.text for b in v.legal_bases.all()),
            "qd_cong_bo_so": v.announcement_number,
            "qd_cong_bo_ngay": _fmt(v.announcement_date),
            "ngay_cong_khai": _fmt(v.public_date),
        }
        tables[PROCEDURES].append([values[c] for c in COLUMNS[PROCEDURES]])
        for d in v.documents.all():
            tables[DOCUMENTS].append(
                [
                    *key,
                    d.order,
                    d.name,
                    d.originals,
                    d.copies,
                    _fmt(d.mandatory),
                    d.condition,
                    d.template.name or "",
                    d.sample.name or "",
                ]
            )
        for s in v.steps.all():
            tables[STEPS].append(
                [*key, s.order, s.name, s.agency.code if s.agency else "", s.budget_value, s.budget_unit]
            )
        for f in v.fees.all():
            tables[FEES].append([*key, f.name, f.amount_vnd, f.note])
    return tables


def procedures_export(path: Path, procedures: Iterable[Procedure] | None = None) -> list[Path]:
    """Write the catalogue to an XLSX workbook, or to a CSV file and its three companions; return the files."""
    tables = export_rows(procedures)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook  # heavy: loaded only for a workbook

        workbook = Workbook()
        workbook.remove(workbook.active)
        for name, rows in tables.items():
            sheet = workbook.create_sheet(name)
            for row in rows:
                sheet.append(row)
            sheet.freeze_panes = "A2"
        workbook.save(path)
        return [path]
    if path.suffix.lower() != ".csv":
        raise ValueError(_("Chỉ xuất ra tệp .xlsx hoặc .csv."))
    written = []
    for name, rows in tables.items():
        file = path if name == PROCEDURES else path.with_name(f"{path.stem}.{name}.csv")
        with file.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
        written.append(file)
    return written
