"""Forms of processing read back from the PDF: 04 (apology, `<code>/XL`), 05 (stop, `<code>/DGQ`),
06 (tracking sheet: one row per hand-over) and form 02 of a request during processing
(`<code>/HDHS-n`) — every field, the diacritics, only Liberation Serif embedded, the cache."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import Agency
from motcua.dossiers import documents, processing
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.tests.processing_factories import (
    Cast,
    _to_last_step,
    first_document,
    local,
    make_cast,
    make_dossier_in,
    receive,
)
from motcua.dossiers.tests.test_documents import assert_only_embedded_liberation_serif, flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _named(cast: Cast) -> Cast:
    for user, name in ((cast.desk, "Huỳnh Thị Mai"), (cast.leader, "Lê Văn Đức"), (cast.specialist, "Phạm Thị Hằng"),
                       (cast.leader2, "Trần Quốc Việt"), (cast.specialist2, "Đỗ Thị Thủy")):  # fmt: skip
        user.full_name = name
        user.save(update_fields=["full_name"])
    cast.other.name = "Chi cục Thuế khu vực Cam Ranh"
    cast.other.save(update_fields=["name"])
    return cast


def test_form04_prints_the_apology_with_both_due_times_and_the_reason(tmp_path: Path) -> None:
    cast = _named(make_cast())
    dossier, cast = make_dossier_in(State.IN_PROGRESS, cast)
    processing.dossier_apologise(
        dossier=dossier, officer=cast.leader, reason="Chờ ý kiến thẩm định của cơ quan thuế",
        rescheduled_due_at=local(2026, 3, 16, 16, 30), at=local(2026, 3, 6, 9, 0),
    )  # fmt: skip
    pdf = documents.form04_pdf(Dossier.objects.get(pk=dossier.pk))
    text = flat(pdf_text(pdf, tmp_path))
    assert f"Số: {dossier.code}/XL" in text
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ" in text
    assert "Kính gửi: Nguyễn Thị Ánh" in text
    assert "Ngày 02/03/2026" in text and dossier.procedure.name in text
    assert "17 giờ 00 phút, ngày 09/03/2026" in text  # the original appointment
    assert "16 giờ 30 phút, ngày 16/03/2026" in text  # the new one
    assert "Lý do: Chờ ý kiến thẩm định của cơ quan thuế" in text
    assert "thành thật xin lỗi" in text and "Lê Văn Đức" in text
    assert_only_embedded_liberation_serif(pdf, tmp_path)


def test_form05_prints_the_reason_processing_stops(tmp_path: Path) -> None:
    cast = _named(make_cast())
    dossier, cast = make_dossier_in(State.IN_PROGRESS, cast)
    processing.dossier_stop(
        dossier=dossier, officer=cast.leader, reason="Người nộp hồ sơ đề nghị dừng để điều chỉnh diện tích",
        at=local(2026, 3, 4, 14, 15),
    )  # fmt: skip
    pdf = documents.form05_pdf(Dossier.objects.get(pk=dossier.pk))
    text = flat(pdf_text(pdf, tmp_path))
    assert f"Số: {dossier.code}/DGQ" in text
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "14 giờ 15 phút, ngày 04/03/2026" in text
    assert "Người nộp hồ sơ đề nghị dừng để điều chỉnh diện tích" in text
    assert "Lê Văn Đức" in text and "0905 123 456" in text and "+84" not in text
    assert_only_embedded_liberation_serif(pdf, tmp_path)


def test_form06_has_one_row_per_hand_over_with_giver_receiver_and_result(tmp_path: Path) -> None:
    cast = _named(make_cast())
    dossier, cast = make_dossier_in(State.IN_PROGRESS, cast)
    _to_last_step(dossier, cast)
    processing.dossier_mark_ready(dossier=dossier, officer=cast.specialist, at=cast.tick())
    dossier = Dossier.objects.get(pk=dossier.pk)
    rows = documents.tracking_rows(dossier)
    assert [(r.order, r.giver, r.receiver) for r in rows] == [
        (1, "Huỳnh Thị Mai", "Phạm Thị Hằng"),
        (2, "Phạm Thị Hằng", "Đỗ Thị Thủy"),
        (3, "Đỗ Thị Thủy", "Phạm Thị Hằng"),
    ]
    assert all(r.classification in {"EARLY", "ON_TIME"} for r in rows)
    assert rows[1].received_at is not None and rows[1].received_at > rows[1].given_at  # assigned later
    pdf = documents.form06_pdf(dossier)
    text = flat(pdf_text(pdf, tmp_path))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert dossier.code in text
    assert f"Cơ quan chủ trì giải quyết: {cast.agency.name}" in text
    assert "Cơ quan phối hợp giải quyết: Chi cục Thuế khu vực Cam Ranh" in text
    assert "Bước 2: Thẩm định" in text and "Đỗ Thị Thủy" in text
    assert "Trước hạn" in text or "Đúng hạn" in text
    assert_only_embedded_liberation_serif(pdf, tmp_path)


def test_form06_marks_a_late_step(tmp_path: Path) -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=local(2026, 3, 3, 9, 0))
    rows = documents.tracking_rows(Dossier.objects.get(pk=dossier.pk))
    assert rows[0].classification == "LATE" and rows[0].classification_label == "Quá hạn"
    assert rows[1].receiver == ""
    text = flat(pdf_text(documents.form06_pdf(Dossier.objects.get(pk=dossier.pk)), tmp_path))
    assert "Quá hạn" in text and "Chưa phân công" in text


def test_form02_of_a_processing_request_is_numbered_per_request(tmp_path: Path) -> None:
    cast = _named(make_cast())
    dossier, cast = make_dossier_in(State.AWAITING_SUPPLEMENT, cast)
    processing.dossier_complete_supplement(dossier=dossier, officer=cast.desk, at=cast.tick())
    processing.dossier_forward(
        dossier=dossier, officer=cast.specialist, assignee=cast.specialist2, at=cast.tick()
    )
    processing.dossier_request_supplement(
        dossier=dossier, officer=cast.specialist2, documents=[first_document(cast)],
        reason="Bổ sung tờ khai lệ phí trước bạ", at=cast.tick(),
    )  # fmt: skip
    dossier = Dossier.objects.get(pk=dossier.pk)
    first = flat(pdf_text(documents.form02_pdf(dossier, 1), tmp_path))
    assert f"Số: {dossier.code}/HDHS" in first and "Tờ khai chưa ký" in first
    pdf = documents.form02_pdf(dossier, 2)
    second = flat(pdf_text(pdf, tmp_path))
    assert f"Số: {dossier.code}/HDHS-2" in second
    assert "Trong quá trình giải quyết, Chi cục Thuế khu vực Cam Ranh yêu cầu bổ sung" in second
    assert "Bổ sung tờ khai lệ phí trước bạ" in second and "NGƯỜI YÊU CẦU BỔ SUNG" in second
    assert "Đỗ Thị Thủy" in second
    assert_only_embedded_liberation_serif(pdf, tmp_path)


def test_forms_are_cached_until_a_fact_they_print_changes(tmp_path: Path) -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    first = documents.form06_pdf(dossier)
    cached = list((tmp_path / "media" / "dossiers" / "forms").glob("*-06-*.pdf"))
    assert len(cached) == 1
    assert documents.form06_pdf(dossier) == first
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    documents.form06_pdf(Dossier.objects.get(pk=dossier.pk))
    assert list((tmp_path / "media" / "dossiers" / "forms").glob("*-06-*.pdf")) != cached


def test_a_form_not_issued_is_409_on_its_route_and_a_pdf_when_issued() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    client = Client()
    client.force_login(cast.leader)
    for form in ("04", "05"):
        response = client.get(f"/quan-tri/ho-so/{dossier.code}/mau-{form}.pdf")
        assert response.status_code == 409
    response = client.get(f"/quan-tri/ho-so/{dossier.code}/mau-06.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    processing.dossier_stop(dossier=dossier, officer=cast.leader, reason="Dừng", at=cast.tick())
    assert client.get(f"/quan-tri/ho-so/{dossier.code}/mau-05.pdf").content.startswith(b"%PDF")
    specialist = Client()
    specialist.force_login(cast.specialist)
    assert specialist.get(f"/quan-tri/ho-so/{dossier.code}/mau-06.pdf").status_code == 403


def test_the_first_step_is_handed_over_when_the_dossier_is_received_not_when_its_clock_starts() -> None:
    cast = make_cast()
    cast.at(local(2026, 3, 2, 17, 20))  # after hours: the clock starts at 07:30 on Tuesday
    dossier = receive(cast)
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader, assignee=cast.specialist, at=cast.at(local(2026, 3, 2, 17, 30))
    )
    processing.dossier_forward(
        dossier=dossier, officer=cast.specialist, at=cast.at(local(2026, 3, 2, 17, 45))
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.steps.get(seq=1).started_at == local(2026, 3, 3, 7, 30)  # the legal clock is unchanged
    first, second = documents.tracking_rows(dossier)
    assert (first.given_at, first.received_at, first.finished_at) == (
        local(2026, 3, 2, 17, 20), local(2026, 3, 2, 17, 30), local(2026, 3, 2, 17, 45)
    )  # fmt: skip
    assert second.given_at == local(2026, 3, 2, 17, 45)
    client = Client()
    client.force_login(cast.leader)
    html = client.get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    steps = html.split('class="dossier-steps"')[1].split("</table>")[0]
    assert "17:20 02/03/2026" in steps and "07:30 03/03/2026" not in steps


def test_forms_06_and_07_name_the_same_lead_agency_the_one_that_handles_the_dossier() -> None:
    cast = _named(make_cast())
    dossier = receive(cast)  # the receiving agency handles steps 1 and 3, the tax office step 2
    form06 = documents.form06_html(dossier)
    (row,) = documents.register_rows(
        cast.agency, local(2026, 3, 2, 0, 0).date(), local(2026, 3, 2, 0, 0).date()
    )
    assert row.lead_agency == cast.agency.name
    assert f"Cơ quan chủ trì giải quyết: {cast.agency.name}" in form06
    assert "Cơ quan phối hợp giải quyết: Chi cục Thuế khu vực Cam Ranh" in form06


def test_a_one_stop_desk_is_never_the_lead_agency_on_forms_06_and_07() -> None:
    cast = _named(make_cast())
    cast.agency.kind = Agency.Kind.SERVICE_CENTER  # a desk receives and returns; the tax office decides
    cast.agency.save(update_fields=["kind"])
    dossier = receive(cast)
    form06 = documents.form06_html(Dossier.objects.get(pk=dossier.pk))
    (row,) = documents.register_rows(
        cast.agency, local(2026, 3, 2, 0, 0).date(), local(2026, 3, 2, 0, 0).date()
    )
    assert row.lead_agency == "Chi cục Thuế khu vực Cam Ranh"
    assert "Cơ quan chủ trì giải quyết: Chi cục Thuế khu vực Cam Ranh" in form06
    assert "Cơ quan phối hợp giải quyết: —" in form06
