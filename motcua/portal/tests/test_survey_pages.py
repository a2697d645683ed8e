"""The citizen's survey page `/danh-gia/<code>/?t=` and the public results `/thong-ke/hai-long/`."""

from __future__ import annotations

import gzip
import io
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.test import Client
from openpyxl import load_workbook

from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.services import dossier_survey_url
from motcua.dossiers.tests.processing_factories import local, make_dossier_in, receive
from motcua.notifications.models import Message
from motcua.notifications.segments import sms_segments
from motcua.surveys.models import Answer, Response
from motcua.surveys.tests.factories import question_ids, respond

pytestmark = pytest.mark.django_db

BUDGET = 50 * 1024  # bytes transferred, compressed as served
TOOLS = {name: shutil.which(name) or f"/usr/bin/{name}" for name in ("pdftotext", "pdffonts", "pdfinfo")}


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def read_back(tool: str, *args: str) -> str:
    """The output of one of poppler's tools on a PDF this test wrote."""
    return subprocess.run([TOOLS[tool], *args], capture_output=True, text=True, check=True).stdout  # noqa: S603


def _open(client: Client, dossier: Any) -> Any:
    """Follow the SMS link: the token moves to the session, the page is shown without it."""
    moved = client.get(f"/danh-gia/{dossier.code}/", {"t": dossier_token(dossier.code)})
    assert moved.status_code == 302 and moved["Location"] == f"/danh-gia/{dossier.code}/"
    return client.get(moved["Location"])


def test_the_return_sms_carries_the_survey_link_as_its_last_line_in_at_most_three_segments(
    settings: Any,
) -> None:
    settings.PUBLIC_BASE_URL = "https://dichvucong.camranh.khanhhoa.gov.vn"  # a long real-world address
    dossier, _ = make_dossier_in("RETURNED")
    sms = Message.objects.get(channel="SMS", template_key="dossier_returned")
    assert sms.body.splitlines()[-1] == dossier_survey_url(dossier)
    assert sms_segments(sms.body).segments <= 3
    assert (
        Message.objects.filter(channel="SMS", template_key="dossier_returned").count() == 1
    )  # not a second SMS
    mail = Message.objects.get(channel="EMAIL", template_key="dossier_returned")
    assert dossier_survey_url(dossier) in mail.body


def test_a_citizen_answers_once_on_one_screen() -> None:
    dossier, _ = make_dossier_in("RECEIVED")  # open from receipt until 30 days after the return
    client = Client()
    page = _open(client, dossier)
    assert page.status_code == 200
    html = page.content.decode()
    assert "htmx" not in html
    ids = question_ids()
    assert html.count('type="radio"') == 5 * len(ids)
    assert min(html.count(f'name="q{ids[f"C{c}.1"]}"') for c in range(1, 7)) >= 3
    done = client.post(
        f"/danh-gia/{dossier.code}/",
        {f"q{ids['C1.1']}": "5", f"q{ids['C4.2']}": "2", "comment": "  Cảm ơn cán bộ  "},
    )
    assert done.status_code == 302
    thanks = client.get(done["Location"])
    assert thanks.status_code == 200 and "Cảm ơn ông/bà đã đánh giá" in thanks.content.decode()
    response = Response.objects.get(dossier=dossier)
    assert response.channel == Response.Channel.WEB and response.comment == "Cảm ơn cán bộ"
    assert dict(Answer.objects.filter(response=response).values_list("question_id", "score")) == {
        ids["C1.1"]: 5, ids["C4.2"]: 2,
    }  # fmt: skip
    assert response.officer == dossier.received_by and response.agency == dossier.receiving_agency


def test_a_wrong_token_is_404() -> None:
    dossier, _ = make_dossier_in("RECEIVED")
    client = Client()
    assert client.get(f"/danh-gia/{dossier.code}/", {"t": "0" * 32}).status_code == 404
    assert client.get(f"/danh-gia/{dossier.code}/").status_code == 404  # no token in the session
    assert client.post(f"/danh-gia/{dossier.code}/", {}).status_code == 404
    assert not Response.objects.exists()


def test_a_second_response_is_409() -> None:
    dossier, _ = make_dossier_in("RECEIVED")
    ids = question_ids()
    first = Client()
    _open(first, dossier)
    assert first.post(f"/danh-gia/{dossier.code}/", {f"q{ids['C1.1']}": "4"}).status_code == 302
    again = Client()  # another phone with the same link
    assert _open(again, dossier).status_code == 409
    second = again.post(f"/danh-gia/{dossier.code}/", {f"q{ids['C1.1']}": "1"})
    assert second.status_code == 409 and "chỉ đánh giá một lần" in second.content.decode()
    assert Answer.objects.get().score == 4


def test_after_the_window_the_page_says_it_closed_with_410() -> None:
    dossier, cast = make_dossier_in("RETURNED")
    returned_day = cast.now.date()
    client = Client()
    # open until the end of the 30th calendar day after the return
    with time_machine.travel(local(*returned_day.timetuple()[:3], 23, 0) + timedelta(days=30), tick=False):
        assert _open(client, dossier).status_code == 200
    with time_machine.travel(local(*returned_day.timetuple()[:3], 0, 5) + timedelta(days=31), tick=False):
        closed = client.get(f"/danh-gia/{dossier.code}/")
        assert closed.status_code == 410
        assert "Đã hết thời hạn đánh giá" in closed.content.decode()
        assert client.post(f"/danh-gia/{dossier.code}/", {}).status_code == 410


def test_an_online_dossier_not_yet_received_cannot_be_answered_yet() -> None:
    dossier, _ = make_dossier_in("RECEIVED")
    # a dossier at the desk's check has no receipt: the window has not opened (409)
    Dossier.objects.filter(pk=dossier.pk).update(state=State.SUBMITTED, received_at=None)
    assert _open(Client(), dossier).status_code == 409


def test_invalid_scores_are_422_and_nothing_is_saved() -> None:
    dossier, _ = make_dossier_in("RECEIVED")
    client = Client()
    _open(client, dossier)
    ids = question_ids()
    assert client.post(f"/danh-gia/{dossier.code}/", {f"q{ids['C1.1']}": "9"}).status_code == 422
    assert client.post(f"/danh-gia/{dossier.code}/", {}).status_code == 422  # nothing answered
    assert not Response.objects.exists()


def _gzip_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


def test_the_survey_page_is_under_50_kb_compressed_as_served() -> None:
    """The HTML and every file it loads (the style sheet; no script), each gzip-compressed as
    WhiteNoise serves static files and as a reverse proxy compresses the page."""
    dossier, _ = make_dossier_in("RECEIVED")
    page = _open(Client(), dossier)
    html = page.content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    assert not [a for a in assets if a.endswith(b".js")]
    total = _gzip_size(html)
    for asset in assets:
        path = finders.find(asset.decode().removeprefix("/static/"))
        assert path, asset
        total += _gzip_size(Path(path).read_bytes())
    assert total < BUDGET, total


def test_the_citizens_page_links_to_the_survey() -> None:
    dossier, _ = make_dossier_in("RECEIVED")
    client = Client()
    client.get(f"/ho-so/{dossier.code}/", {"t": dossier_token(dossier.code)})
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert f'href="/danh-gia/{dossier.code}/"' in page
    assert client.get(f"/danh-gia/{dossier.code}/").status_code == 200  # the session holds the token


# --- the public results ------------------------------------------------------------------------------


@pytest.fixture
def answered(settings: Any) -> Any:
    settings.SURVEY_MIN_RESPONSES = 2
    dossier, cast = make_dossier_in("RETURNED")
    other = receive(cast)
    at = local(2026, 3, 3, 9, 0)
    respond(dossier, {"C1.1": 5, "C4.1": 4}, at=at, comment="Bí mật: số điện thoại 0905 123 456")
    respond(other, {"C1.1": 2, "C4.1": 5}, at=at)
    return cast


def test_the_public_page_shows_each_criterion_and_agency_by_month_with_tables_and_the_target(
    answered: Any,
) -> None:
    page = Client().get("/thong-ke/hai-long/", {"month": "2026-03"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "chart.umd.min.js" in html and "htmx" not in html
    assert html.count('class="survey-chart"') == 1 + 6 + 1  # overall, six criteria, one agency
    assert html.count("<table") == 8
    # 3 of 4 answers satisfied in the month ending 14/03/2026 → 75.00
    assert "75,00" in html or "75.00" in html
    assert '"target": 83' in html
    assert "Bí mật" not in html and "0905" not in html  # comments are never published


def test_chart_js_is_loaded_only_on_the_results_page() -> None:
    assert "chart.umd.min.js" not in Client().get("/").content.decode()


def test_the_public_page_withholds_an_index_below_the_minimum(answered: Any, settings: Any) -> None:
    settings.SURVEY_MIN_RESPONSES = 3
    html = Client().get("/thong-ke/hai-long/", {"month": "2026-03"}).content.decode()
    assert "chưa đủ số phiếu" in html and "75,00" not in html and "75.00" not in html


def test_a_bad_month_is_422() -> None:
    assert Client().get("/thong-ke/hai-long/", {"month": "2026-13"}).status_code == 422
    assert Client().get("/thong-ke/hai-long/", {"agency": "KHONG-CO"}).status_code == 422


def test_the_poster_is_an_a4_pdf_with_the_months_figures(answered: Any, tmp_path: Path) -> None:
    response = Client().get(
        "/thong-ke/hai-long/ap-phich.pdf", {"month": "2026-03", "agency": answered.agency.code}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(response.content)
    text = read_back("pdftotext", "-layout", str(pdf), "-")
    assert "KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG" in text and "75,00 %" in text.replace("75.00", "75,00")
    assert answered.agency.name in text and "Sự phục vụ của công chức" in text
    fonts = read_back("pdffonts", str(pdf))
    assert "Liberation-Sans" in fonts and "Bí mật" not in text
    info = read_back("pdfinfo", str(pdf))
    assert "595.276 x 841.89 pts (A4)" in info


def test_the_export_has_the_months_criteria_questions_and_agencies(answered: Any) -> None:
    response = Client().get("/thong-ke/hai-long/ket-qua.xlsx", {"month": "2026-03"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Theo tháng", "Theo tiêu chí", "Theo câu hỏi", "Theo cơ quan", "Theo thủ tục"]
    months = [row for row in book["Theo tháng"].iter_rows(values_only=True) if row[1] == 2]
    assert len(months) == 1 and months[0][4] == 75.0  # two responses, 3 of 4 satisfied
    criteria = {
        row[0]: row[3] for row in book["Theo tiêu chí"].iter_rows(values_only=True) if row[0] in ("C1", "C4")
    }
    assert criteria == {"C1": 50.0, "C4": 100.0}
    agencies = [
        row for row in book["Theo cơ quan"].iter_rows(values_only=True) if row[0] == answered.agency.name
    ]
    assert len(agencies) == 1 and agencies[0][1:3] == (2, 2)  # two responses, two dossiers received
    procedures = [row for row in book["Theo thủ tục"].iter_rows(values_only=True) if row[1] == 2]
    assert len(procedures) == 1 and procedures[0][0].startswith(answered.version.procedure.code)
    assert settings.SATISFACTION_TARGET == 83


def _question_rows(content: bytes) -> dict[str, tuple[Any, ...]]:
    sheet = load_workbook(io.BytesIO(content))["Theo câu hỏi"]
    return {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0] in ("C1.1", "C4.1")}


def test_the_export_withholds_the_question_counts_below_the_minimum(answered: Any, settings: Any) -> None:
    shown = _question_rows(Client().get("/thong-ke/hai-long/ket-qua.xlsx", {"month": "2026-03"}).content)
    # Two responses: C1.1 scored 5 and 2 (one satisfied of two), C4.1 scored 4 and 5 (two of two).
    assert shown == {"C1.1": (2, 2, 1, 50.0), "C4.1": (2, 2, 2, 100.0)}
    settings.SURVEY_MIN_RESPONSES = 3
    cache.clear()  # the export of this month is cached (a minimum changes only with a restart)
    withheld = _question_rows(Client().get("/thong-ke/hai-long/ket-qua.xlsx", {"month": "2026-03"}).content)
    assert withheld == {"C1.1": (2, None, None, None), "C4.1": (2, None, None, None)}


def test_the_public_export_is_computed_once_then_served_from_the_cache(
    answered: Any, django_assert_max_num_queries: Any
) -> None:
    query = {"month": "2026-03", "agency": answered.agency.code}
    first = Client().get("/thong-ke/hai-long/ket-qua.xlsx", query)
    assert first.status_code == 200
    with django_assert_max_num_queries(2):  # the agency by its code; the workbook comes from the cache
        again = Client().get("/thong-ke/hai-long/ket-qua.xlsx", query)
    assert again.status_code == 200 and again.content == first.content
    assert (
        again["Content-Disposition"] == f'attachment; filename="hai-long-{answered.agency.code}-2026-03.xlsx"'
    )
