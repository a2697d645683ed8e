"""Public petition pages: filing (also from the citizen's dossier page), the token page, the public
list and its search, likes once per browser, the A4 list; and a crawler that looks for every
petitioner's phone, e-mail and name on `/phan-anh/` and Open311."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import urljoin, urlparse

import pytest
from django.test import Client

from motcua.dossiers.codes import dossier_token
from motcua.dossiers.tests.factories import make_dossier
from motcua.feedback.codes import petition_token
from motcua.feedback.models import Petition, State
from motcua.feedback.services import petition_act
from motcua.feedback.tests.factories import answered, file_petition, local, make_cast
from motcua.notifications.models import Message

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
PDFINFO = shutil.which("pdfinfo") or "/usr/bin/pdfinfo"

MON = local(2026, 2, 9, 8, 0)

FORM = {
    "category": "REGULATION",
    "title": "Niêm yết thủ tục tại quầy đã cũ",
    "content": "Bảng niêm yết tại quầy số 3 vẫn là danh mục năm 2023.",
    "name": "Đỗ Quang Vinh",
    "address": "5 Nguyễn Trãi, phường Cam Linh",
    "phone": "0978111222",
    "email": "vinh.do@example.vn",
    "consent": "on",
}


def test_file_from_the_portal_then_the_token_page() -> None:
    make_cast()
    client = Client()
    response = client.post("/phan-anh/gui/", FORM)
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.code.startswith("PA-") and petition.state == State.SUBMITTED
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Bảng niêm yết tại quầy số 3" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    # A stranger without the token gets 404 while it is not published.
    assert Client().get(f"/phan-anh/{petition.code}/").status_code == 404
    # The SMS link with the token works in another browser and drops the token from the URL.
    other = Client()
    moved = other.get(f"/phan-anh/{petition.code}/?t={petition_token(petition.code)}")
    assert moved.status_code == 302 and "t=" not in moved["Location"]
    assert other.get(moved["Location"]).status_code == 200
    assert Client().get(f"/phan-anh/{petition.code}/?t=0000").status_code == 404
    assert Message.objects.filter(template_key="petition_submitted", recipient="+84978111222").exists()


def test_missing_contact_is_422_with_messages() -> None:
    make_cast()
    response = Client().post("/phan-anh/gui/", {**FORM, "name": "", "consent": ""})
    assert response.status_code == 422
    text = response.content.decode()
    assert "Nhập họ và tên" in text and "Cần đồng ý" in text
    assert not Petition.objects.exists()


def test_filing_is_rate_limited_per_client() -> None:
    make_cast()
    client = Client()
    for n in range(10):
        assert client.post("/phan-anh/gui/", {**FORM, "phone": f"09781112{n:02d}"}).status_code == 302
    refused = client.post("/phan-anh/gui/", FORM)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert Petition.objects.count() == 10


def test_the_petitioner_answers_a_request_for_more_information() -> None:
    cast = make_cast()
    p = file_petition(MON, agency=cast.office)
    p = petition_act(p, "receive", officer=cast.specialist, body={"category": "REGULATION"})
    p = petition_act(p, "request_info", officer=cast.specialist, body={"question": "Quầy số mấy?"})
    client = Client()
    client.get(f"/phan-anh/{p.code}/?t={petition_token(p.code)}")
    page = client.get(f"/phan-anh/{p.code}/").content.decode()
    assert "Quầy số mấy?" in page
    assert client.post(f"/phan-anh/{p.code}/bo-sung/", {"reply": ""}).status_code == 422
    short = client.post(f"/phan-anh/{p.code}/bo-sung/", {"reply": "Q3"})  # too short: given back
    assert short.status_code == 422
    assert ">Q3</textarea>" in short.content.decode() and "Quầy số mấy?" in short.content.decode()
    assert client.post(f"/phan-anh/{p.code}/bo-sung/", {"reply": "Quầy số 3."}).status_code == 302
    p.refresh_from_db()
    assert p.state == State.PROCESSING
    assert Client().post(f"/phan-anh/{p.code}/bo-sung/", {"reply": "x"}).status_code == 404


def test_public_list_search_without_accents_and_votes_once_per_browser() -> None:
    cast = make_cast()
    p = answered(cast, MON, title="Thái độ cán bộ tiếp nhận hồ sơ đất đai")
    petition_act(p, "publish", officer=cast.supervisor)
    hidden = answered(cast, MON, title="Thái độ cán bộ chưa công khai", phone="0912000111")
    assert hidden.state == State.ANSWERED
    client = Client()
    listing = client.get("/phan-anh/", {"q": "thai do can bo dat dai"}).content.decode()
    assert p.code in listing and hidden.code not in listing
    assert p.code not in client.get("/phan-anh/", {"q": "khong co gi"}).content.decode()
    client.get(f"/phan-anh/{p.code}/")  # sets the browser cookie
    client.post(f"/phan-anh/{p.code}/danh-gia/", {"vote": "dislike"})
    client.post(f"/phan-anh/{p.code}/danh-gia/", {"vote": "like"})
    second = Client()
    second.get(f"/phan-anh/{p.code}/")
    second.post(f"/phan-anh/{p.code}/danh-gia/", {"vote": "like"})
    p.refresh_from_db()
    assert (p.likes, p.dislikes) == (1, 1)
    cookieless = Client()
    cookieless.post(f"/phan-anh/{p.code}/danh-gia/", {"vote": "like"})
    p.refresh_from_db()
    assert p.likes == 1


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")
def test_the_a4_notice_board_list(tmp_path: object) -> None:
    cast = make_cast()
    p = answered(cast, local(2026, 3, 2, 9, 0), title="Phí chứng thực thu sai quy định")
    petition_act(p, "publish", officer=cast.supervisor, now=local(2026, 3, 3, 9, 0))
    html = Client().get("/phan-anh/niem-yet/", {"thang": "2026-03"})
    assert html.status_code == 200 and "Phí chứng thực thu sai quy định" in html.content.decode()
    pdf = Client().get("/phan-anh/niem-yet/", {"thang": "2026-03", "pdf": "1"})
    assert pdf["Content-Type"] == "application/pdf"
    path = f"{tmp_path}/list.pdf"
    with open(path, "wb") as fh:
        fh.write(pdf.content)
    text = subprocess.run([PDFTOTEXT, path, "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    assert p.code in text and "Phí chứng thực" in text
    sizes = subprocess.run([PDFINFO, path], capture_output=True, text=True, check=True).stdout  # noqa: S603
    assert "595.276 x 841.89" in sizes or "595.28 x 841.89" in sizes  # A4 portrait
    assert "Phạm Thị Hương" not in text


def test_the_citizens_dossier_page_prefills_the_form() -> None:
    make_cast()
    dossier = make_dossier()
    client = Client()
    client.get(f"/ho-so/{dossier.code}/?t={dossier_token(dossier.code)}")
    citizen = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert f"/phan-anh/gui/?ho_so={dossier.code}" in citizen
    form = client.get(f"/phan-anh/gui/?ho_so={dossier.code}").content.decode()
    assert dossier.code in form and dossier.applicant_name in form
    # Without the dossier's token, nothing is prefilled (no one else's name).
    assert dossier.applicant_name not in Client().get(f"/phan-anh/gui/?ho_so={dossier.code}").content.decode()
    response = client.post("/phan-anh/gui/", {**FORM, "dossier": dossier.code})
    assert response.status_code == 302
    assert Petition.objects.get().dossier == dossier
    # A code typed by someone without the dossier's token is kept in the text, not linked.
    Client().post(
        "/phan-anh/gui/", {**FORM, "phone": "0912000111", "dossier": dossier.code, "officer_name": "Anh Tâm"}
    )
    typed = Petition.objects.exclude(dossier=dossier).get()
    assert typed.dossier is None and dossier.code in typed.content and "Anh Tâm" in typed.content


def _crawl(client: Client, start: list[str]) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = list(start)
    while queue and len(seen) < 300:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        body = response.content.decode(errors="replace")
        seen[url] = body
        for href in re.findall(r'href="([^"#]+)"', body):
            target = urljoin(url, href.replace("&amp;", "&"))
            parsed = urlparse(target)
            if parsed.netloc not in ("", "testserver"):
                continue
            path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if parsed.path.startswith(("/phan-anh/", "/open311/")) and "pdf=1" not in path:
                queue.append(path)
    return seen


def test_crawler_finds_no_petitioner_phone_email_or_name() -> None:
    cast = make_cast()
    people = [
        ("Phạm Thị Hương", "0905123456", "huong.pham@example.vn"),
        ("Nguyễn Văn Long", "0912345678", "long.nguyen@example.vn"),
        ("Trần Thị Mai", "0987654321", "mai.tran@example.vn"),
    ]
    codes = []
    for n, (name, phone, email) in enumerate(people):
        # A citizen may write their own name, phone or e-mail into the text: masked when published.
        content = f"Tôi là {name.upper()}, gọi {phone[:4]} {phone[4:7]} {phone[7:]} hoặc {email} khi cần."
        p = answered(cast, MON.replace(hour=8 + n), name=name, phone=phone, email=email, content=content,
                     title=f"Phản ánh số {n} về thủ tục")  # fmt: skip
        petition_act(p, "publish", officer=cast.supervisor)
        codes.append(p.code)
    file_petition(MON, name="Lê Văn Ẩn", phone="0933444555", email="an.le@example.vn")  # not published
    client = Client()
    start = ["/phan-anh/", "/phan-anh/?q=thu+tuc", "/phan-anh/niem-yet/?thang=2026-02",
             "/open311/v2/requests.json?start_date=2026-01-01", "/open311/v2/requests.xml?start_date=2026-01-01",
             "/open311/v2/discovery.json", "/open311/v2/services.xml"]  # fmt: skip
    start += [f"/open311/v2/requests/{c}.json" for c in codes] + [
        f"/open311/v2/requests/{c}.xml" for c in codes
    ]
    pages = _crawl(client, start)
    assert len(pages) >= len(start) + len(codes)  # the detail pages were reached by links
    assert all(any(c in body for body in pages.values()) for c in codes)
    needles = []
    for name, phone, email in [*people, ("Lê Văn Ẩn", "0933444555", "an.le@example.vn")]:
        needles += [name, name.upper(), phone, "+84" + phone[1:], f"{phone[:4]} {phone[4:7]} {phone[7:]}", email,
                    phone[-4:] + '"']  # fmt: skip
    for url, body in pages.items():
        for needle in needles:
            assert needle not in body, (url, needle)
