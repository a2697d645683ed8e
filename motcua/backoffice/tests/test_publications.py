"""Editors' pages of published information: 403 for an agency outside their tree, 404 for others'
items, preview without saving, publish / schedule / withdraw through the pages, attachments refused
by content, counts exported as XLSX, guides edited only by the locality's editorial board."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.models import Guide, Publication, PublicationChange, PublishingGrant
from motcua.catalog.tests.publication_factories import PDF_BYTES, category, editor_for, make_publication

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _form(agency_pk: int, **extra: object) -> dict[str, object]:
    return {
        "category": category().pk,
        "agency": agency_pk,
        "title": "Kế hoạch số hóa hồ sơ năm 2026",
        "summary": "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
        "body": "Đoạn một.\n\nĐoạn hai.",
        "in_force": "on",
        **extra,
    }


def test_an_editor_choosing_an_agency_outside_their_tree_is_refused_with_403() -> None:
    editor = editor_for()
    elsewhere = AgencyFactory()
    client = _client(editor)
    response = client.post("/quan-tri/cong-khai/moi/", _form(elsewhere.pk))
    assert response.status_code == 403
    assert not Publication.objects.exists()
    own = make_publication(editor=editor)
    moved = client.post(f"/quan-tri/cong-khai/{own.pk}/", _form(elsewhere.pk))
    assert moved.status_code == 403
    own.refresh_from_db()
    assert own.agency == editor.agency
    # The agency list offers only the agencies the editor publishes for.
    page = client.get("/quan-tri/cong-khai/moi/").content.decode()
    assert editor.agency.name in page and elsewhere.name not in page


def test_another_agencys_publications_do_not_exist_for_an_editor() -> None:
    others = make_publication(attachment=True)
    client = _client(editor_for())
    assert client.get(f"/quan-tri/cong-khai/{others.pk}/").status_code == 404
    assert client.post(f"/quan-tri/cong-khai/{others.pk}/go/", {"reason": "x"}).status_code == 404
    file = others.attachments.get()
    assert client.get(f"/quan-tri/cong-khai/{others.pk}/tep/{file.pk}/").status_code == 404
    assert others.title not in client.get("/quan-tri/cong-khai/").content.decode()
    # A granted editor sees it.
    granted = editor_for()
    PublishingGrant.objects.create(user=granted, agency=others.agency)
    assert _client(granted).get(f"/quan-tri/cong-khai/{others.pk}/").status_code == 200


def test_preview_shows_the_page_without_saving_then_save_publish_and_withdraw() -> None:
    editor = editor_for()
    client = _client(editor)
    preview = client.post("/quan-tri/cong-khai/moi/", {**_form(editor.agency.pk), "preview": "1"})
    assert preview.status_code == 200
    assert "Xem trước" in preview.content.decode() and "<p>Đoạn hai.</p>" in preview.content.decode()
    assert not Publication.objects.exists()
    saved = client.post("/quan-tri/cong-khai/moi/", {**_form(editor.agency.pk), "save": "1"})
    publication = Publication.objects.get()
    assert saved.status_code == 302 and publication.status == Publication.Status.DRAFT
    assert Client().get(f"/cong-khai/{publication.pk}/").status_code == 404

    later = timezone.localtime() + timedelta(days=1)
    client.post(f"/quan-tri/cong-khai/{publication.pk}/dang/", {"publish_at": f"{later:%Y-%m-%dT%H:%M}"})
    publication.refresh_from_db()
    assert publication.is_scheduled
    assert Client().get(f"/cong-khai/{publication.pk}/").status_code == 404

    client.post(f"/quan-tri/cong-khai/{publication.pk}/dang/", {"publish_at": ""})
    assert Client().get(f"/cong-khai/{publication.pk}/").status_code == 200
    again = client.post(f"/quan-tri/cong-khai/{publication.pk}/dang/", {"publish_at": ""})
    assert again.status_code == 409

    no_reason = client.post(f"/quan-tri/cong-khai/{publication.pk}/go/", {"reason": ""})
    assert no_reason.status_code == 422
    client.post(f"/quan-tri/cong-khai/{publication.pk}/go/", {"reason": "Văn bản đã hết hiệu lực"})
    publication.refresh_from_db()
    assert publication.status == Publication.Status.WITHDRAWN
    assert publication.withdrawal_reason == "Văn bản đã hết hiệu lực"
    assert Client().get(f"/cong-khai/{publication.pk}/").status_code == 404
    actions = list(publication.changes.values_list("action", flat=True))
    assert actions == ["CREATE", "SCHEDULE", "PUBLISH", "WITHDRAW"]
    history = client.get(f"/quan-tri/cong-khai/{publication.pk}/").content.decode()
    assert "Văn bản đã hết hiệu lực" in history and str(editor) in history


def test_editing_a_published_item_through_the_page_records_the_changed_fields() -> None:
    editor = editor_for()
    publication = make_publication(editor=editor, category=category(), summary="Tóm tắt kế hoạch.")
    client = _client(editor)
    form = _form(
        editor.agency.pk,
        title=publication.title,
        summary="Tóm tắt đã sửa.",
        body="Nội dung mới.",
        save="1",
    )
    response = client.post(f"/quan-tri/cong-khai/{publication.pk}/", form)
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert publication.summary == "Tóm tắt đã sửa."
    last = publication.changes.order_by("pk").last()
    assert last is not None and last.action == PublicationChange.Action.EDIT
    assert sorted(last.fields) == ["body", "summary"]
    # The same values again change nothing and record nothing.
    client.post(f"/quan-tri/cong-khai/{publication.pk}/", form)
    assert publication.changes.filter(action=PublicationChange.Action.EDIT).count() == 1


def test_an_attachment_disguised_as_a_pdf_is_refused_and_a_real_one_kept() -> None:
    editor = editor_for()
    publication = make_publication(editor=editor, state="DRAFT")
    client = _client(editor)
    fake = SimpleUploadedFile(
        "ke-hoach.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    refused = client.post(
        f"/quan-tri/cong-khai/{publication.pk}/tep/", {"tep-file": fake, "tep-title": "Toàn văn"}
    )
    assert refused.status_code == 422
    assert "không được nhận" in refused.content.decode()
    assert not publication.attachments.exists()
    real = SimpleUploadedFile("ke-hoach.pdf", PDF_BYTES, content_type="application/octet-stream")
    client.post(f"/quan-tri/cong-khai/{publication.pk}/tep/", {"tep-file": real, "tep-title": "Toàn văn"})
    attachment = publication.attachments.get()
    download = client.get(f"/quan-tri/cong-khai/{publication.pk}/tep/{attachment.pk}/")
    assert b"".join(download.streaming_content) == PDF_BYTES
    client.post(f"/quan-tri/cong-khai/{publication.pk}/tep/{attachment.pk}/xoa/")
    assert not publication.attachments.exists()
    assert publication.changes.filter(action=PublicationChange.Action.DETACH, note="Toàn văn").exists()


def test_counts_per_agency_and_category_export_as_xlsx() -> None:
    city = AgencyFactory(name="UBND thành phố thử")
    ward = AgencyFactory(parent=city, name="UBND phường thử")
    editor = editor_for(city)
    plans, news = category("ke-hoach"), category("tin-cai-cach", is_news=True)
    make_publication(editor=editor, agency=city, category=plans)
    make_publication(editor=editor, agency=city, category=news)
    make_publication(editor=editor, agency=ward, category=news)
    make_publication(editor=editor, agency=ward, category=news, state="DRAFT")
    today = timezone.localdate()
    query = {"start": f"{today - timedelta(days=1):%Y-%m-%d}", "end": f"{today:%Y-%m-%d}"}
    client = _client(editor)
    page = client.get("/quan-tri/cong-khai/thong-ke/", query)
    assert page.status_code == 200
    response = client.get("/quan-tri/cong-khai/thong-ke/", {**query, "xuat": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[2]
    assert header[0] == "Cơ quan" and header[-1] == "Tổng"
    by_agency = {r[0]: dict(zip(header[1:], r[1:], strict=True)) for r in rows[3:]}
    plans_name, news_name = plans.name, news.name
    assert by_agency["UBND thành phố thử"][plans_name] == 1
    assert by_agency["UBND thành phố thử"][news_name] == 1
    assert by_agency["UBND phường thử"][news_name] == 1  # the draft is not counted
    assert by_agency["Tổng cộng"]["Tổng"] == 3
    # A desk officer has no business here.
    assert (
        _client(UserFactory(role=Role.DESK_OFFICER)).get("/quan-tri/cong-khai/thong-ke/").status_code == 403
    )


def test_only_the_locality_editorial_board_edits_guides() -> None:
    city = AgencyFactory()
    office = AgencyFactory(parent=city)
    board = editor_for(office)
    PublishingGrant.objects.create(user=board, agency=city)
    local = editor_for(AgencyFactory(parent=city))
    data = {"title": "Hướng dẫn nộp hồ sơ trực tuyến", "body": "Bước 1.\n\nBước 2."}
    assert _client(local).post("/quan-tri/huong-dan/nop-truc-tuyen/", data).status_code == 403
    assert not Guide.objects.exists()
    assert _client(board).post("/quan-tri/huong-dan/nop-truc-tuyen/", data).status_code == 302
    guide = Guide.objects.get()
    assert (guide.kind, guide.updated_by) == (Guide.Kind.ONLINE, board)
    _client(board).post("/quan-tri/huong-dan/nop-truc-tuyen/", data)  # nothing changed: nothing recorded
    _client(board).post(
        "/quan-tri/huong-dan/nop-truc-tuyen/", {**data, "body": "Bước 1.\n\nBước 2.\n\nBước 3."}
    )
    assert list(guide.changes.values_list("fields", flat=True)) == [["title", "body"], ["body"]]
    assert str(board) in _client(board).get("/quan-tri/huong-dan/nop-truc-tuyen/").content.decode()
    assert "Bước 2." in Client().get("/huong-dan/nop-truc-tuyen/").content.decode()
