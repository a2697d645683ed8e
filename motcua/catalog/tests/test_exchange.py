"""import_procedures / export_procedures: checked whole, applied all or nothing, and round-trip exact."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from motcua.accounts.tests.factories import AgencyFactory
from motcua.catalog.exchange import COLUMNS, export_rows
from motcua.catalog.models import Field, Procedure, ProcedureVersion
from motcua.catalog.tests.factories import make_version

pytestmark = pytest.mark.django_db

PROCEDURE = {
    "ma": "1.000894",
    "ten": "Đăng ký kết hôn",
    "linh_vuc_ma": "HT",
    "linh_vuc_ten": "Hộ tịch",
    "cap": "COMMUNE",
    "co_quan": "000.52.31.H34",
    "doi_tuong": "CA_NHAN",
    "hieu_luc_tu": "01/01/2022",
    "kenh": "DESK;ONLINE",
    "muc_do_truc_tuyen": "3",
    "thoi_han": 5,
    "don_vi": "WORKING_DAYS",
    "can_cu": "Luật Hộ tịch 2014\nNghị định 123/2015/NĐ-CP",
    "minh_hoa": 1,
    "ket_qua": "PAPER",
    "ket_qua_ten": "Giấy chứng nhận kết hôn",
}
SECOND = {
    **PROCEDURE,
    "ma": "1.001193",
    "ten": "Đăng ký khai sinh",
    "thoi_han": "",
    "don_vi": "SAME_DAY",
    "gio_chot": "15:00",
    "muc_do_truc_tuyen": "4",
}
DOCUMENTS = [
    {
        "ma": "1.000894",
        "stt": 1,
        "ten": "Tờ khai đăng ký kết hôn",
        "ban_chinh": 1,
        "ban_sao": 0,
        "bat_buoc": 1,
        "tep_mau": "to-khai.rtf",
    }
]
STEPS = [
    {"ma": "1.000894", "stt": 1, "ten": "Tiếp nhận", "co_quan": "", "thoi_gian": 1, "don_vi": "HALF_DAYS"},
    {
        "ma": "1.000894",
        "stt": 2,
        "ten": "Thẩm định",
        "co_quan": "000.52.31.H34",
        "thoi_gian": 9,
        "don_vi": "HALF_DAYS",
    },
]
FEES = [{"ma": "1.000894", "ten": "Lệ phí", "so_tien": "0", "ghi_chu": "Miễn"}]


@pytest.fixture(autouse=True)
def _agency() -> None:
    AgencyFactory(code="000.52.31.H34")


def write_xlsx(
    path: Path, procedures: list[dict[str, Any]], documents=DOCUMENTS, steps=STEPS, fees=FEES
) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in (("thu_tuc", procedures), ("giay_to", documents), ("quy_trinh", steps), ("phi", fees)):
        sheet = workbook.create_sheet(name)
        sheet.append(COLUMNS[name])
        for row in rows:
            sheet.append([row.get(c, "") for c in COLUMNS[name]])
    workbook.save(path)
    (path.parent / "to-khai.rtf").write_bytes(b"{\\rtf1 to khai}")
    return path


def write_csv(path: Path, procedures: list[dict[str, Any]]) -> Path:
    for name, rows in (("thu_tuc", procedures), ("giay_to", DOCUMENTS), ("quy_trinh", STEPS), ("phi", FEES)):
        file = path if name == "thu_tuc" else path.with_name(f"{path.stem}.{name}.csv")
        with file.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS[name])
            writer.writeheader()
            writer.writerows(rows)
    (path.parent / "to-khai.rtf").write_bytes(b"{\\rtf1 to khai}")
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_reports_row_by_row_and_changes_nothing(tmp_path: Path) -> None:
    out, _ = run("import_procedures", str(write_xlsx(tmp_path / "tt.xlsx", [PROCEDURE, SECOND])), "--dry-run")
    assert "Dòng 2: 1.000894 Đăng ký kết hôn (hiệu lực 01/01/2022) — thủ tục mới" in out
    assert "Dòng 3: 1.001193 Đăng ký khai sinh" in out and "Chạy thử" in out
    assert not Procedure.objects.exists() and not Field.objects.exists()


def test_an_xlsx_import_creates_procedures_with_every_part(tmp_path: Path) -> None:
    run("import_procedures", str(write_xlsx(tmp_path / "tt.xlsx", [PROCEDURE, SECOND])))
    version = ProcedureVersion.objects.get(procedure__code="1.000894")
    assert version.is_published and version.online_level == "PARTIAL" and version.procedure.is_demo
    assert version.procedure.search_text.startswith("dang ky ket hon")
    assert [s.budget_value for s in version.steps.all()] == [1, 9]
    assert version.documents.get().template.read() == b"{\\rtf1 to khai}"
    assert [b.text for b in version.legal_bases.all()] == ["Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP"]
    birth = ProcedureVersion.objects.get(procedure__code="1.001193")
    assert birth.limit_text == "Trong ngày (nhận trước 15:00)" and birth.online_level == "FULL"


def test_one_broken_row_refuses_the_whole_file_saying_where_and_why(tmp_path: Path) -> None:
    broken = {
        **SECOND,
        "ma": "1.000656",
        "ten": "Đăng ký khai tử",
        "don_vi": "WORKING_DAYS",
        "gio_chot": "",
        "thoi_han": "năm",
    }
    bad_steps = [
        *STEPS,
        {"ma": "1.000894", "stt": 3, "ten": "Thêm", "thoi_gian": 2, "don_vi": "WORKING_DAYS"},
    ]
    path = write_xlsx(tmp_path / "tt.xlsx", [PROCEDURE, SECOND, broken], steps=bad_steps)
    with pytest.raises(CommandError, match="không có thay đổi nào được ghi"):
        run("import_procedures", str(path))
    assert not Procedure.objects.exists() and not Field.objects.exists()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_procedures", str(path), stderr=err, stdout=StringIO())
    report = err.getvalue()
    assert "thu_tuc, dòng 4, cột thoi_han: Phải là số nguyên không âm." in report
    assert "thu_tuc, dòng 2, cột thoi_han: Thủ tục 1.000894: Tổng thời gian các bước" in report


def test_unknown_agencies_missing_columns_and_other_formats_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        run(
            "import_procedures",
            str(write_xlsx(tmp_path / "a.xlsx", [{**PROCEDURE, "co_quan": "000.99.99.X"}])),
        )
    workbook = Workbook()
    workbook.active.title = "thu_tuc"
    workbook.active.append(["ma", "ten"])
    workbook.save(tmp_path / "b.xlsx")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_procedures", str(tmp_path / "b.xlsx"), stderr=err, stdout=StringIO())
    assert (
        "thu_tuc, dòng 1, cột don_vi, hieu_luc_tu, kenh, linh_vuc_ma, thoi_han: Thiếu cột bắt buộc."
        in err.getvalue()
    )
    (tmp_path / "c.txt").write_text("x")
    with pytest.raises(CommandError):
        run("import_procedures", str(tmp_path / "c.txt"))
    assert not Procedure.objects.exists()


def test_a_csv_import_reads_the_companion_files(tmp_path: Path) -> None:
    run("import_procedures", str(write_csv(tmp_path / "tt.csv", [PROCEDURE, SECOND])))
    version = ProcedureVersion.objects.get(procedure__code="1.000894")
    assert version.steps.count() == 2 and version.fees.get().note == "Miễn" and version.documents.count() == 1


def test_changing_a_published_version_needs_a_new_effective_date(tmp_path: Path) -> None:
    run("import_procedures", str(write_xlsx(tmp_path / "tt.xlsx", [PROCEDURE])))
    again, _ = run("import_procedures", str(write_xlsx(tmp_path / "tt.xlsx", [PROCEDURE])))
    assert "không đổi" in again
    with pytest.raises(CommandError):
        run(
            "import_procedures",
            str(
                write_xlsx(
                    tmp_path / "tt.xlsx",
                    [{**PROCEDURE, "ten": "Đăng ký kết hôn (sửa)", "muc_do_truc_tuyen": "FULL"}],
                )
            ),
        )
    revised = [{**PROCEDURE, "hieu_luc_tu": "2024-01-01", "muc_do_truc_tuyen": "FULL"}]
    steps = [{**s, "hieu_luc_tu": "2024-01-01"} for s in STEPS]
    out, _ = run(
        "import_procedures",
        str(write_xlsx(tmp_path / "tt.xlsx", revised, documents=[], steps=steps, fees=[])),
    )
    assert "phiên bản mới" in out
    assert list(
        ProcedureVersion.objects.order_by("effective_date").values_list("online_level", flat=True)
    ) == ["PARTIAL", "FULL"]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_into_an_empty_catalogue_round_trips(tmp_path: Path, suffix: str) -> None:
    make_version(limit_value=5)
    make_version(pause_kinds=["FINANCIAL_OBLIGATION"], online_level="FULL")
    before = export_rows()
    path = tmp_path / f"catalogue{suffix}"
    run("export_procedures", str(path))
    again, _ = run("import_procedures", str(path))
    assert again.count("— không đổi") == 2
    ProcedureVersion.objects.all().delete()
    Procedure.objects.all().delete()
    run("import_procedures", str(path))
    assert export_rows() == before


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_long_files_show_progress_every_hundred_rows_on_a_terminal_only(tmp_path: Path) -> None:
    rows = [{**PROCEDURE, "ma": f"3.{n:06d}", "ten": f"Thủ tục {n}"} for n in range(101)]
    path = str(write_xlsx(tmp_path / "long.xlsx", rows, documents=[], steps=[], fees=[]))
    screen = Terminal()
    call_command("import_procedures", path, "--dry-run", stdout=StringIO(), stderr=screen)
    assert "\r… kiểm tra 100/101 dòng" in screen.getvalue() and "\r… ghi 100/101 dòng" in screen.getvalue()
    _, err = run("import_procedures", path, "--dry-run")  # a log file or a test: no progress
    assert "dòng" not in err


def test_an_imported_form_template_that_is_not_a_real_pdf_refuses_the_file_naming_it(tmp_path: Path) -> None:
    documents = [{**DOCUMENTS[0], "tep_mau": "mau.pdf"}]
    path = write_xlsx(tmp_path / "tt.xlsx", [PROCEDURE], documents=documents)
    (tmp_path / "mau.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00garbage\x7fELF" * 200)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_procedures", str(path), stderr=err, stdout=StringIO())
    assert "giay_to, dòng 2, cột tep_mau: Tệp “mau.pdf” không được nhận: Chỉ nhận tệp PDF" in err.getvalue()
    assert not Procedure.objects.exists()
    (tmp_path / "mau.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
    run("import_procedures", str(path))
    stored = ProcedureVersion.objects.get().documents.get().template.name
    assert stored.startswith("catalog/mau/mau-") and stored.endswith(".pdf")
