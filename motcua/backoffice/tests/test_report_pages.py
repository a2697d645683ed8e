"""The report pages: who may read which agency's report, the XLSX and PDF carry the screen's
numbers, every figure drills down to its dossiers, and the locality leader reads without personal
data."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from motcua.accounts.models import PersonalDataAccess
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.core.periods import month
from motcua.dossiers.models import State
from motcua.dossiers.tests.processing_factories import make_cast, make_dossier_in
from motcua.dossiers.tests.test_documents import tool
from motcua.oversight.tests.factories import late_dossier
from motcua.reports.figures import Scope, figures
from motcua.reports.index766 import index_766

pytestmark = pytest.mark.django_db

MARCH = month(2026, 3)  # 15/02 → 14/03/2026; the cast works from 02/03/2026
QUERY = "?kind=month&year=2026&number=3"


@pytest.fixture
def cast():
    cast = make_cast()
    for state in (State.RETURNED, State.IN_PROGRESS, State.AWAITING_SUPPLEMENT, State.STOPPED, State.GUIDED):
        make_dossier_in(state, cast)
    return cast


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_report_shows_the_figures_and_exports_the_same_numbers(cast, tmp_path) -> None:
    expected = figures(MARCH, Scope(agency=cast.agency))
    assert expected["received"] == 4 and expected["returned"] == 1
    client = client_for(cast.leader)
    page = client.get("/quan-tri/bao-cao/" + QUERY)
    assert page.status_code == 200
    assert page.context["report"].total == expected
    book = load_workbook(io.BytesIO(client.get("/quan-tri/bao-cao/" + QUERY + "&xuat=xlsx").content))
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r[0] == "Lĩnh vực")
    total = next(r for r in rows if r[0] == "Tổng cộng")
    labels = dict(zip(header, total, strict=True))
    assert labels["Số hồ sơ tiếp nhận trong kỳ"] == expected["received"]
    assert labels["Số hồ sơ đã trả kết quả"] == expected["returned"]
    assert labels["Số hồ sơ đang giải quyết trong hạn"] == expected["in_progress"]
    assert labels["Tỷ lệ giải quyết đúng hạn"] == float(expected["on_time_rate"])
    pdf = client.get("/quan-tri/bao-cao/" + QUERY + "&xuat=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.content)
    text = tool("pdftotext", "-layout", str(path), "-")
    fonts = tool("pdffonts", str(path))
    assert "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text.upper()
    total_line = next(line for line in text.splitlines() if line.lstrip().startswith("Tổng"))
    # The label's second word ("cộng") may wrap to the next line with the column's width: keep the figures.
    numbers = [word for word in total_line.split() if word == "N/A" or any(c.isdigit() for c in word)]
    keys = [k for k in expected if k != "on_time_rate"]
    assert numbers[: len(keys)] == [str(expected[k]) for k in keys]
    assert numbers[len(keys)] == f"{expected['on_time_rate']}".replace(".", ",")
    assert "Liberation-Serif" in fonts


def test_every_figure_drills_down_to_its_dossiers(cast) -> None:
    client = client_for(cast.supervisor)
    expected = figures(MARCH, Scope(agency=cast.agency))
    for key in ("received", "in_progress", "stopped", "returned", "on_time_rate"):
        page = client.get(f"/quan-tri/bao-cao/chi-tiet/{QUERY}&agency={cast.agency.code}&chi_so={key}")
        assert page.status_code == 200
        assert page.context["page"].paginator.count == page.context["count"]
        if key != "on_time_rate":
            assert page.context["count"] == expected[key], key
        assert str(page.context["formula"]) in page.content.decode()
    export = client.get(
        f"/quan-tri/bao-cao/chi-tiet/{QUERY}&agency={cast.agency.code}&chi_so=received&xuat=xlsx"
    )
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True))
    assert len([r for r in rows if r[0] and str(r[0]).startswith(cast.agency.code)]) == expected["received"]


def test_an_agency_leader_reads_only_their_subtree(cast) -> None:
    client = client_for(cast.leader)
    assert client.get(f"/quan-tri/bao-cao/{QUERY}&agency={cast.other.code}").status_code == 404
    assert client.get(f"/quan-tri/bao-cao/{QUERY}&agency={cast.agency.code}").status_code == 200
    assert client.get("/quan-tri/bao-cao/766/").status_code == 200
    assert client_for(cast.specialist).get("/quan-tri/bao-cao/").status_code == 403
    assert client_for(cast.desk).get("/quan-tri/bang-dieu-khien/").status_code == 403


@pytest.mark.parametrize("role", [Role.LOCALITY_LEADER, Role.SUPERVISOR, Role.INSPECTOR])
def test_locality_wide_readers_see_every_agency(cast, role) -> None:
    client = client_for(UserFactory(role=role))
    for url in ("/quan-tri/bao-cao/", "/quan-tri/bao-cao/766/", "/quan-tri/bang-dieu-khien/"):
        assert client.get(f"{url}{QUERY}&agency={cast.other.code}").status_code == 200, url
        assert client.get(url).status_code == 200, url


def test_the_locality_leader_reads_dossiers_without_personal_data(cast) -> None:
    dossier, _ = make_dossier_in(State.IN_PROGRESS, cast)
    chief = UserFactory(role=Role.LOCALITY_LEADER)
    client = client_for(chief)
    listing = client.get("/quan-tri/ho-so/").content.decode()
    assert dossier.code in listing and dossier.applicant_name not in listing
    detail = client.get(f"/quan-tri/ho-so/{dossier.code}/")
    assert detail.status_code == 200
    body = detail.content.decode()
    # CONTRACTS §5's personal data: ID number, phone, address, e-mail.
    assert dossier.applicant_phone and dossier.applicant_phone not in body
    assert dossier.applicant_id_number and dossier.applicant_id_number not in body
    assert "Thông tin cá nhân" in body
    assert not detail.context["action_forms"]
    drill = client.get(f"/quan-tri/bao-cao/chi-tiet/{QUERY}&chi_so=received").content.decode()
    assert dossier.code in drill and dossier.applicant_name not in drill


def test_the_dashboard_counts_open_dossiers_by_the_agency_holding_them(cast) -> None:
    page = client_for(cast.supervisor).get("/quan-tri/bang-dieu-khien/")
    board = page.context["board"]
    held = {r["agency"]: r["open"] for r in board.by_agency}
    assert held.get(cast.agency.name) == 2  # in progress + awaiting supplement, both at step 1
    assert len(board.trend) == 6
    assert b"chart.umd.min.js" in page.content


def test_public_statistics_show_counts_and_formulas_only(cast) -> None:
    dossier, _ = make_dossier_in(State.IN_PROGRESS, cast)
    anonymous = Client()
    page = anonymous.get(f"/thong-ke/{QUERY}&agency={cast.agency.code}")
    assert page.status_code == 200
    body = page.content.decode()
    assert dossier.code not in body and dossier.applicant_name not in body
    assert "Cách tính" in body and b"chart.umd.min.js" in page.content
    index = anonymous.get(
        f"/thong-ke/766/?kind=custom&start=2026-03-01&end=2026-03-31&agency={cast.agency.code}"
    )
    assert index.status_code == 200 and "2.1" in index.content.decode()
    assert b"chart.umd.min.js" not in index.content  # Chart.js only on chart pages
    assert date(2026, 3, 1) == index.context["period"].start


def test_the_desk_sets_the_766_flags_from_the_dossier_page(cast) -> None:
    dossier, _ = make_dossier_in(State.IN_PROGRESS, cast)
    desk = client_for(cast.desk)
    page = desk.get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    assert "so-hoa-thanh-toan" in page
    answer = desk.post(f"/quan-tri/ho-so/{dossier.code}/so-hoa-thanh-toan/", {"paid_online": "on"})
    assert answer.status_code == 302
    dossier.flags.refresh_from_db()
    assert (dossier.flags.paid_online, dossier.flags.reused_digitised) == (True, False)
    chief = client_for(UserFactory(role=Role.LOCALITY_LEADER))
    assert "so-hoa-thanh-toan" not in chief.get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    assert chief.post(f"/quan-tri/ho-so/{dossier.code}/so-hoa-thanh-toan/", {}).status_code == 403


def test_the_dashboard_exports_its_tables(cast) -> None:
    answer = client_for(cast.supervisor).get("/quan-tri/bang-dieu-khien/?xuat=xlsx")
    book = load_workbook(io.BytesIO(answer.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert (cast.agency.name, 2) == next(r[:2] for r in rows if r[0] == cast.agency.name)
    assert len(list(book.worksheets[1].iter_rows(values_only=True))) == 2 + 6  # caption, header, 6 months


def test_invalid_filters_show_their_error_and_compute_nothing(cast) -> None:
    client = client_for(cast.supervisor)
    backwards = "?kind=custom&start=2026-03-10&end=2026-03-01"
    for url in ("/quan-tri/bao-cao/", "/quan-tri/bao-cao/766/", "/quan-tri/bang-dieu-khien/"):
        page = client.get(url + backwards)
        assert page.status_code == 422, url
        assert "report" not in page.context and "index" not in page.context and "board" not in page.context
        assert "Bộ lọc báo cáo chưa hợp lệ" in page.content.decode()
    export = client.get("/quan-tri/bao-cao/" + backwards + "&xuat=xlsx")
    assert export.status_code == 422 and export["Content-Type"].startswith("text/html")
    public = Client().get("/thong-ke/?kind=month&agency=KHONG.CO.MA")
    assert public.status_code == 422
    assert "Không có cơ quan mã KHONG.CO.MA." in public.content.decode()
    assert Client().get("/thong-ke/766/" + backwards).status_code == 422


def test_a_phone_search_in_the_drill_down_is_a_logged_read(cast) -> None:
    dossier, _ = make_dossier_in(State.IN_PROGRESS, cast)
    assert dossier.applicant_phone
    client = client_for(cast.supervisor)
    url = f"/quan-tri/bao-cao/chi-tiet/{QUERY}&agency={cast.agency.code}&chi_so=received&q={dossier.applicant_phone}"
    before = PersonalDataAccess.objects.filter(user=cast.supervisor).count()
    page = client.get(url)
    found = [d for d, _name in page.context["rows"]]
    assert dossier in found and all(d.found_by_personal_data for d in found)
    logged = PersonalDataAccess.objects.filter(user=cast.supervisor)
    assert logged.count() == before + len(found)
    assert dossier.subject_ref in set(logged.values_list("subject", flat=True))
    client.get(url + "&xuat=xlsx")
    assert logged.count() == before + 2 * len(found)


def test_the_drill_down_says_when_the_list_is_narrower_than_the_figure(cast) -> None:
    # A leader's figure counts the agency's subtree; the list holds what they may open (CONTRACTS
    # §5: dossiers received at, or with a step at, their own agency).
    parent = AgencyFactory()
    cast.agency.parent = parent
    cast.agency.save(update_fields=["parent"])
    head = UserFactory(role=Role.LEADER, agency=parent)
    page = client_for(head).get(f"/quan-tri/bao-cao/chi-tiet/{QUERY}&agency={parent.code}&chi_so=received")
    assert page.status_code == 200
    assert page.context["count"] == figures(MARCH, Scope(agency=cast.agency))["received"] == 4
    assert page.context["listed"] == page.context["page"].paginator.count == 0
    assert "những hồ sơ ông/bà được xem" in page.content.decode()


def test_the_766_index_of_one_field_leaves_the_fieldless_indicators_out(cast) -> None:
    field_id = cast.version.procedure.field_id
    index = index_766(MARCH, Scope(agency=cast.agency, field_id=field_id))
    values = {i.code: i for g in index.groups for i in g.indicators}
    for code in ("1.3", "5.1", "5.2", "5.3"):
        assert values[code].value is None and values[code].points is None, code


def test_the_766_page_shows_2_2_per_procedure_on_screen_and_in_the_xlsx(cast) -> None:
    # Beside the fixture's dossier returned on the Monday it was received (0 working days), one
    # received Monday 02/03 08:00 and ready Tuesday 10/03: 6 working days (03–06/03, 09/03, 10/03)
    # of its 5. Average 3 working days, (0 % + 120 %) ÷ 2 = 60 % of the limit.
    late = late_dossier(cast)
    assert late.classification == "LATE"
    client = client_for(cast.leader)
    query = "?kind=custom&start=2026-03-01&end=2026-03-31"
    page = client.get("/quan-tri/bao-cao/766/" + query)
    (row,) = page.context["handling"]
    assert (row.name, row.dossiers, row.limit_text) == (cast.version.procedure.name, 2, "5 ngày làm việc")
    assert (row.average_used, row.share) == (Decimal(3), Decimal(60))
    assert "3,00 ngày làm việc" in page.content.decode()
    indicator = {i.code: i for g in page.context["index"].groups for i in g.indicators}["2.2"]
    assert (indicator.value, indicator.denominator) == (Decimal(60), 2)
    book = load_workbook(io.BytesIO(client.get("/quan-tri/bao-cao/766/" + query + "&xuat=xlsx").content))
    assert book.sheetnames[1] == "2.2 theo thủ tục"
    rows = [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    assert [cast.version.procedure.name, "5 ngày làm việc", 2, 3, "ngày làm việc", 60] in rows


@pytest.mark.parametrize(
    "url", ["/quan-tri/bao-cao/", "/quan-tri/giam-sat/bao-cao-dinh-ky/", "/quan-tri/danh-gia-giai-quyet/"]
)
def test_every_report_page_refuses_invalid_filters_alike(cast, url) -> None:
    """The reports' and oversight's pages share one filter rule: another agency is a 404 before
    anything else; a period that does not validate is a 422 with its error, nothing exported."""
    if url != "/quan-tri/danh-gia-giai-quyet/":  # the handling totals are not a leader's page (403)
        assert client_for(cast.leader).get(f"{url}?agency={cast.other.code}&year=1999").status_code == 404
    supervisor = client_for(cast.supervisor)
    for query in ("?kind=custom&start=2026-01-01", "?kind=year&year=2100"):
        for export in ("", "&xuat=xlsx"):
            answer = supervisor.get(f"{url}{query}&agency={cast.agency.code}{export}")
            assert answer.status_code == 422, (url, query, export)
            assert answer["Content-Type"].startswith("text/html")
            assert "Bộ lọc báo cáo chưa hợp lệ" in answer.content.decode()
