"""Public pages of published information: drafts, scheduled and withdrawn items appear nowhere
(list, search, page, attachment, home, feeds, sitemap); the feeds are Atom; the document page has
Open Graph tags; the guides' leaflets are PDFs in Liberation fonts that follow live data."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from motcua.accounts.tests.factories import AgencyFactory
from motcua.catalog.models import Channel, OnlineLevel, Publication
from motcua.catalog.tests.factories import ProcedureFactory, make_version
from motcua.catalog.tests.publication_factories import PDF_BYTES, category, editor_for, make_publication

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
PDFFONTS = shutil.which("pdffonts") or "/usr/bin/pdffonts"


@pytest.fixture(autouse=True)
def _media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


@pytest.fixture
def items() -> dict[str, Publication]:
    """One public item and one of each invisible state, all with the word "ngân sách" and an attachment."""
    editor = editor_for()
    news = category("tin-cai-cach", is_news=True)
    return {
        state: make_publication(
            editor=editor,
            state=state,
            category=news,
            at=timezone.now() + timedelta(days=3) if state == "SCHEDULED" else None,
            title=f"Ngân sách năm 2026 — {state.lower()}",
            attachment=True,
        )
        for state in ("PUBLISHED", "DRAFT", "SCHEDULED", "WITHDRAWN")
    }


HIDDEN = ("draft", "scheduled", "withdrawn")


def _assert_only_public(text: str) -> None:
    assert "published" in text
    for state in HIDDEN:
        assert f"— {state}" not in text, state


def test_drafts_scheduled_and_withdrawn_items_appear_on_no_public_page(items: dict[str, Publication]) -> None:
    client = Client()
    _assert_only_public(client.get("/cong-khai/").content.decode())
    _assert_only_public(client.get("/cong-khai/", {"q": "ngan sach nam 2026"}).content.decode())
    _assert_only_public(client.get("/cong-khai/niem-yet/").content.decode())
    _assert_only_public(client.get("/").content.decode())
    public = items["PUBLISHED"]
    assert client.get(f"/cong-khai/{public.pk}/").status_code == 200
    attachment = public.attachments.get()
    download = client.get(f"/cong-khai/{public.pk}/tep/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Disposition"].startswith("attachment")
    for state in ("DRAFT", "SCHEDULED", "WITHDRAWN"):
        hidden = items[state]
        assert client.get(f"/cong-khai/{hidden.pk}/").status_code == 404, state
        file = hidden.attachments.get()
        assert client.get(f"/cong-khai/{hidden.pk}/tep/{file.pk}/").status_code == 404, state
        # An attachment id of another publication does not open through a public one.
        assert client.get(f"/cong-khai/{public.pk}/tep/{file.pk}/").status_code == 404, state


def test_odd_filters_are_ignored_rather_than_failing(items: dict[str, Publication]) -> None:
    for query in ({"nam": "0000"}, {"nam": "abcd"}, {"co_quan": "KHONG.CO"}, {"chuyen_muc": "x" * 300}):
        response = Client().get("/cong-khai/", query)
        assert response.status_code == 200, query
    assert "published" in Client().get("/cong-khai/", {"nam": "0000"}).content.decode()


def _atom(text: bytes) -> ET.Element:
    root = ET.fromstring(text)  # noqa: S314 - our own server's output in a test
    assert root.tag == f"{ATOM}feed"
    # RFC 4287 §4.1.1: a feed has id, title, updated, an author (here at feed level) and a link.
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), name
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    assert root.find(f"{ATOM}link[@rel='alternate']") is not None or root.find(f"{ATOM}link") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        assert entry.find(f"{ATOM}link") is not None
    return root


def test_feeds_are_atom_and_carry_only_public_items(items: dict[str, Publication]) -> None:
    client = Client()
    everything = client.get("/cong-khai/atom.xml")
    assert everything.status_code == 200 and "atom" in everything["Content-Type"]
    root = _atom(everything.content)
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles == [items["PUBLISHED"].title]
    link = root.find(f"{ATOM}entry/{ATOM}link").get("href")  # type: ignore[union-attr]
    assert link.endswith(f"/cong-khai/{items['PUBLISHED'].pk}/")
    per_category = _atom(client.get("/cong-khai/chuyen-muc/tin-cai-cach/atom.xml").content)
    assert [e.findtext(f"{ATOM}title") for e in per_category.findall(f"{ATOM}entry")] == titles
    empty = _atom(client.get(f"/cong-khai/chuyen-muc/{category('ngan-sach').code}/atom.xml").content)
    assert empty.findall(f"{ATOM}entry") == []
    assert client.get("/cong-khai/chuyen-muc/khong-co/atom.xml").status_code == 404
    page = client.get("/cong-khai/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in page and "/cong-khai/atom.xml" in page


def test_sitemap_lists_procedures_in_force_and_public_publications_only(
    items: dict[str, Publication],
) -> None:
    procedure = ProcedureFactory()
    make_version(procedure)
    unpublished = ProcedureFactory()
    make_version(unpublished, publish=False)
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own server's output in a test
    locations = [loc.text or "" for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(f"/thu-tuc/{procedure.code}/") for loc in locations)
    assert not any(loc.endswith(f"/thu-tuc/{unpublished.code}/") for loc in locations)
    assert any(loc.endswith(f"/cong-khai/{items['PUBLISHED'].pk}/") for loc in locations)
    for state in ("DRAFT", "SCHEDULED", "WITHDRAWN"):
        assert not any(loc.endswith(f"/cong-khai/{items[state].pk}/") for loc in locations), state


def test_document_page_has_open_graph_tags_and_the_legal_details() -> None:
    replacement = make_publication(title="Quyết định mới số 2")
    old = make_publication(
        title="Quyết định số 1",
        document_number="12/QĐ-UBND",
        issuer="UBND thành phố",
        in_force=False,
        replaced_by=replacement,
        summary="Ban hành quy chế & tiếp nhận",
    )
    page = Client().get(f"/cong-khai/{old.pk}/").content.decode()
    assert '<meta property="og:title" content="Quyết định số 1">' in page
    assert '<meta property="og:type" content="article">' in page
    assert f'/cong-khai/{old.pk}/">' in page and 'property="og:url"' in page
    assert "Ban hành quy chế &amp; tiếp nhận" in page  # escaped in the tag
    assert "12/QĐ-UBND" in page and "Hết hiệu lực" in page
    assert f'href="/cong-khai/{replacement.pk}/"' in page


def test_home_page_shows_the_latest_three_reform_news() -> None:
    editor = editor_for()
    news = category("tin-cai-cach", is_news=True)
    for n in range(4):
        make_publication(editor=editor, category=news, title=f"Tin cải cách số {n}")
        Publication.objects.filter(title=f"Tin cải cách số {n}").update(
            publish_at=timezone.now() - timedelta(days=10 - n)
        )
    make_publication(editor=editor, category=category("ke-hoach"), title="Kế hoạch không phải tin")
    page = Client().get("/").content.decode()
    assert [n for n in range(4) if f"Tin cải cách số {n}" in page] == [1, 2, 3]
    assert "Kế hoạch không phải tin" not in page


# --- guides and leaflets ----------------------------------------------------------------------------


def _pdf_text(pdf: bytes, tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "leaflet.pdf"
    path.write_bytes(pdf)
    command = [PDFTOTEXT, "-layout", str(path), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    fonts = subprocess.run([PDFFONTS, str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603
    return text, fonts


def _assert_liberation_only(fonts: str) -> None:
    rows = fonts.splitlines()[2:]
    assert rows
    for row in rows:
        assert "Liberation" in row.split()[0], row
        assert " yes " in row, f"not embedded: {row}"  # emb column


def test_guides_list_live_procedures_and_the_sms_keyword(settings: pytest.FixtureRequest) -> None:
    agency = AgencyFactory()
    online = ProcedureFactory(name="Đăng ký khai sinh trực tuyến", agencies=[agency])
    make_version(online, online_level=OnlineLevel.FULL, channels=[Channel.DESK, Channel.ONLINE])
    desk_only = ProcedureFactory(name="Chứng thực chữ ký tại quầy", agencies=[agency])
    make_version(desk_only, online_level=OnlineLevel.NONE, channels=[Channel.DESK, Channel.POST])
    client = Client()
    online_page = client.get("/huong-dan/nop-truc-tuyen/").content.decode()
    assert "Đăng ký khai sinh trực tuyến" in online_page and "Chứng thực chữ ký tại quầy" not in online_page
    post_page = client.get("/huong-dan/buu-chinh/").content.decode()
    assert "Chứng thực chữ ký tại quầy" in post_page and "Đăng ký khai sinh trực tuyến" not in post_page
    settings.SMS_LOOKUP_KEYWORDS = ["HOSO"]  # type: ignore[attr-defined]
    settings.SMS_SHORT_CODE = "8199"  # type: ignore[attr-defined]
    lookup_page = client.get("/huong-dan/tra-cuu/").content.decode()
    assert "HOSO &lt;mã hồ sơ&gt;" in lookup_page and "8199" in lookup_page
    assert client.get("/huong-dan/khong-co/").status_code == 404


def test_leaflets_are_liberation_pdfs_that_follow_the_catalogue_and_the_sms_keyword(
    settings: pytest.FixtureRequest, tmp_path: Path
) -> None:
    agency = AgencyFactory()
    procedure = ProcedureFactory(name="Đăng ký kết hôn có yếu tố nước ngoài", agencies=[agency])
    make_version(procedure, online_level=OnlineLevel.PARTIAL, channels=[Channel.ONLINE])
    client = Client()
    first = client.get("/huong-dan/nop-truc-tuyen/to-roi.pdf")
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    text, fonts = _pdf_text(first.content, tmp_path)
    assert "Đăng ký kết hôn có yếu tố nước ngoài" in " ".join(text.split())
    assert "Nộp hồ sơ trực tuyến" in text  # the guide's default title, diacritics intact
    _assert_liberation_only(fonts)
    assert client.get("/huong-dan/nop-truc-tuyen/to-roi.pdf").content == first.content  # cached, same facts
    added = ProcedureFactory(name="Cấp giấy phép xây dựng nhà ở riêng lẻ", agencies=[agency])
    make_version(added, online_level=OnlineLevel.FULL, channels=[Channel.ONLINE])
    second = client.get("/huong-dan/nop-truc-tuyen/to-roi.pdf").content
    assert second != first.content
    assert "Cấp giấy phép xây dựng nhà ở riêng lẻ" in " ".join(_pdf_text(second, tmp_path)[0].split())

    lookup = client.get("/huong-dan/tra-cuu/to-roi.pdf").content
    text, fonts = _pdf_text(lookup, tmp_path)
    assert "TC <mã hồ sơ>" in text and "8077" in text
    _assert_liberation_only(fonts)
    settings.SMS_LOOKUP_KEYWORDS = ["HOSO"]  # type: ignore[attr-defined]
    changed = client.get("/huong-dan/tra-cuu/to-roi.pdf").content
    assert changed != lookup and "HOSO <mã hồ sơ>" in _pdf_text(changed, tmp_path)[0]
