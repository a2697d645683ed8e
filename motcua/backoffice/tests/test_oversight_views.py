"""Oversight pages: who sees which staff evaluation (CONTRACTS §5 "Evaluations"), the explanation
flow through the pages, the XLSX export read back, and the refusals in the order of §5."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from motcua.accounts.models import PersonalDataAccess
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.core import facts
from motcua.core.periods import parse_month
from motcua.dossiers.tests.processing_factories import make_cast
from motcua.oversight import services
from motcua.oversight.models import EvaluationGrade, Explanation, StaffEvaluation
from motcua.oversight.tests.factories import late_dossier

pytestmark = pytest.mark.django_db
MARCH = parse_month("2026-03")


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def evaluated(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(facts, "_OFFICER_SOURCES", {})
    cast = make_cast()
    late_dossier(cast)
    services.staff_evaluations_fill(period=MARCH)
    return cast, StaffEvaluation.objects.get(officer=cast.desk)


def test_the_officer_sees_their_own_evaluation_managers_their_staffs_and_the_inspector_all(evaluated) -> None:  # type: ignore[no-untyped-def]
    cast, evaluation = evaluated
    url = f"/quan-tri/danh-gia-can-bo/{evaluation.pk}/"
    colleague = UserFactory(role=Role.DESK_OFFICER, agency=cast.agency)
    assert _client(cast.desk).get(url).status_code == 200
    assert _client(cast.leader).get(url).status_code == 200  # the officer's manager
    assert _client(cast.inspector).get(url).status_code == 200
    assert _client(cast.supervisor).get(url).status_code == 200
    assert _client(colleague).get(url).status_code == 404  # another officer's evaluation
    assert _client(cast.leader2).get(url).status_code == 404  # a leader of another agency
    assert _client(cast.specialist).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    # Reads by others than the officer are logged; the officer's own are not.
    logged = set(
        PersonalDataAccess.objects.filter(subject=f"staff_evaluation:{evaluation.pk}").values_list(
            "user_id", flat=True
        )
    )
    assert logged == {cast.leader.pk, cast.inspector.pk, cast.supervisor.pk}


def test_the_list_shows_each_reader_only_what_they_may_see(evaluated) -> None:  # type: ignore[no-untyped-def]
    cast, _evaluation = evaluated
    colleague = UserFactory(role=Role.DESK_OFFICER, agency=cast.agency, full_name="Đồng Nghiệp Khác")
    services.staff_evaluations_fill(period=MARCH)
    url = "/quan-tri/danh-gia-can-bo/?month=2026-03"
    own = _client(cast.desk).get(url).content.decode()
    assert cast.desk.full_name in own and colleague.full_name not in own
    managers = _client(cast.leader).get(url).content.decode()
    assert cast.desk.full_name in managers and colleague.full_name in managers
    assert cast.desk.full_name not in _client(cast.leader2).get(url).content.decode()
    assert _client(cast.editor).get(url).status_code == 403


def test_the_supervisor_assesses_the_officer_replies_and_the_export_reads_back(evaluated) -> None:  # type: ignore[no-untyped-def]
    cast, evaluation = evaluated
    url = f"/quan-tri/danh-gia-can-bo/{evaluation.pk}/"
    grade = EvaluationGrade.objects.get(code="TOT")
    assert (
        _client(cast.supervisor).post(url, {"do": "assess", "assessment": "", "grade": grade.pk}).status_code
        == 422
    )
    assert (
        _client(cast.leader).post(url, {"do": "assess", "assessment": "x", "grade": grade.pk}).status_code
        == 403
    )
    response = _client(cast.supervisor).post(
        url, {"do": "assess", "assessment": "Tiếp nhận đúng quy trình", "grade": grade.pk}
    )
    assert response.status_code == 302
    assert _client(cast.leader).post(url, {"do": "reply", "reply": "x"}).status_code == 403
    assert _client(cast.desk).post(url, {"do": "reply", "reply": "Xin tiếp thu"}).status_code == 302
    page = _client(cast.leader).get(url).content.decode()
    assert "Tiếp nhận đúng quy trình" in page and "Xin tiếp thu" in page and "Hoàn thành tốt nhiệm vụ" in page
    export = _client(cast.supervisor).get("/quan-tri/danh-gia-can-bo/?month=2026-03&format=xlsx")
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    header_at = next(i for i, r in enumerate(rows) if r[0] == "Cán bộ")
    mine = next(r for r in rows[header_at + 1 :] if r[0] == cast.desk.full_name)
    header = rows[header_at]
    assert mine[header.index("Tiếp nhận")] == 1 and mine[header.index("Quá hạn")] == 1
    assert mine[header.index("Hài lòng (%)")] == "N/A"  # no survey app: N/A
    assert mine[header.index("Xếp loại")] == "Hoàn thành tốt nhiệm vụ"


def test_the_supervisor_asks_and_the_leader_answers_through_the_pages() -> None:
    cast = make_cast()
    late = late_dossier(cast)
    assert _client(cast.leader).get("/quan-tri/giam-sat/ho-so-tre-han/?month=2026-03").status_code == 403
    page = _client(cast.supervisor).get("/quan-tri/giam-sat/ho-so-tre-han/?month=2026-03")
    assert late.code in page.content.decode() and cast.other.name in page.content.decode()
    assert _client(cast.supervisor).post("/quan-tri/giam-sat/ho-so-tre-han/?month=2026-03").status_code == 302
    explanation = Explanation.objects.get(dossier=late)
    url = f"/quan-tri/giai-trinh/{explanation.pk}/"
    assert _client(cast.leader).get(url).status_code == 404  # not this agency's to answer
    assert late.code in _client(cast.leader2).get("/quan-tri/giai-trinh/").content.decode()
    assert _client(cast.leader2).post(url, {"reason": "", "remedy": ""}).status_code == 422
    assert (
        _client(cast.leader2).post(url, {"reason": "Thiếu người", "remedy": "Bổ sung cán bộ"}).status_code
        == 302
    )
    assert _client(cast.leader2).post(url, {"reason": "Lần hai", "remedy": "x"}).status_code == 409
    assert (
        "Thiếu người"
        in _client(cast.supervisor).get("/quan-tri/giam-sat/ho-so-tre-han/?month=2026-03").content.decode()
    )


def test_the_handling_pages_show_the_scores_and_take_a_correction() -> None:
    cast = make_cast()
    late = late_dossier(cast)
    listing = _client(cast.supervisor).get("/quan-tri/danh-gia-giai-quyet/?kind=month&year=2026&number=3")
    assert listing.status_code == 200 and late.code in listing.content.decode()  # flagged: late
    url = f"/quan-tri/danh-gia-giai-quyet/{late.code}/"
    assert _client(cast.supervisor).post(url, {"indicator": 7, "score": "", "reason": ""}).status_code == 422
    assert _client(cast.inspector).post(url, {"indicator": 7, "score": "1", "reason": "x"}).status_code == 403
    assert (
        _client(cast.supervisor)
        .post(url, {"indicator": 7, "score": "1", "reason": "Kiểm tra trực tiếp"})
        .status_code
        == 302
    )
    assert "Kiểm tra trực tiếp" in _client(cast.inspector).get(url).content.decode()


def test_the_supervisor_puts_an_officer_on_duty_and_desk_officers_read_the_roster() -> None:
    cast = make_cast()
    data = {
        "officer": cast.desk.pk, "desk": cast.other.pk, "counter": "3",
        "starts_at": "2026-03-02T07:30", "ends_at": "2026-03-02T11:30",
    }  # fmt: skip
    assert _client(cast.desk).post("/quan-tri/lich-truc/", data).status_code == 403
    assert (
        _client(cast.supervisor)
        .post("/quan-tri/lich-truc/", {**data, "ends_at": "2026-03-02T07:00"})
        .status_code
        == 422
    )
    assert _client(cast.supervisor).post("/quan-tri/lich-truc/", data).status_code == 302
    assert _client(cast.desk).get("/quan-tri/lich-truc/").status_code == 200


def test_the_supervisor_records_a_written_reminder_from_its_page() -> None:
    cast = make_cast()
    assert (
        _client(cast.supervisor)
        .post("/quan-tri/nhac-nho/", {"officer": cast.desk.pk, "text": ""})
        .status_code
        == 422
    )
    assert (
        _client(cast.supervisor)
        .post("/quan-tri/nhac-nho/", {"officer": cast.desk.pk, "text": "Đeo thẻ"})
        .status_code
        == 302
    )
    assert "Đeo thẻ" in _client(cast.inspector).get("/quan-tri/nhac-nho/").content.decode()


def test_an_inspector_records_an_inspection_a_violation_and_a_follow_up_that_count_for_the_officer(
    monkeypatch,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(facts, "_OFFICER_SOURCES", {})
    cast = make_cast()
    inspector = _client(cast.inspector)
    data = {"agency": cast.agency.pk, "inspected_on": "2026-03-10", "findings": "Cán bộ đến muộn"}
    assert _client(cast.supervisor).post("/quan-tri/kiem-tra/", data).status_code == 403
    assert inspector.post("/quan-tri/kiem-tra/", {**data, "findings": ""}).status_code == 422
    response = inspector.post("/quan-tri/kiem-tra/", data)
    assert response.status_code == 302
    url = response["Location"]
    violation = {
        "do": "violation",
        "officer": cast.desk.pk,
        "kind": "PUNCTUALITY",
        "description": "Đến 07:50",
    }
    assert inspector.post(url, violation).status_code == 302
    follow = {
        "do": "follow_up",
        "action": "Chấn chỉnh giờ giấc",
        "agency": cast.agency.pk,
        "deadline": "2026-03-20",
    }
    assert inspector.post(url, follow).status_code == 302
    assert "Đến 07:50" in _client(cast.leader).get(url).content.decode()  # the unit's leader reads it
    assert _client(cast.leader2).get(url).status_code == 404  # another unit's leader does not
    figures = services.staff_evaluations_fill(period=MARCH)
    assert next(e for e in figures if e.officer_id == cast.desk.pk).figures["violations"] == 1


def test_the_supervisor_reviews_a_desk_against_the_checklist_and_a_leader_records_a_meeting() -> None:
    from motcua.oversight.models import CHECKLIST, DeskMeeting, DeskReview

    cast = make_cast()
    review = {"do": "review", "desk": cast.agency.pk, "reviewed_on": "2026-03-10"}
    review.update({f"{key}_ok": "on" for key in CHECKLIST if key != "wifi"})
    review.update({"wifi_finding": "Không có Wi-Fi", "wifi_fix": "Lắp bộ phát"})
    assert _client(cast.leader).post("/quan-tri/bo-phan-mot-cua/", review).status_code == 403
    assert _client(cast.supervisor).post("/quan-tri/bo-phan-mot-cua/", review).status_code == 302
    items = DeskReview.objects.get().items
    assert items["wifi"] == {"ok": False, "finding": "Không có Wi-Fi", "fix": "Lắp bộ phát"}
    assert all(items[key]["ok"] for key in CHECKLIST if key != "wifi")
    meeting = {
        "do": "meeting",
        "desk": cast.agency.pk,
        "held_on": "2026-03-11",
        "attendees": [cast.desk.pk],
        "topics": "Giao ban",
    }
    assert (
        _client(cast.leader2).post("/quan-tri/bo-phan-mot-cua/", meeting).status_code == 403
    )  # not their desk
    assert _client(cast.leader).post("/quan-tri/bo-phan-mot-cua/", meeting).status_code == 302
    assert list(DeskMeeting.objects.get().attendees.all()) == [cast.desk]
    page = _client(cast.leader).get("/quan-tri/bo-phan-mot-cua/").content.decode()
    assert "Không có Wi-Fi" in page and "Giao ban" in page


def test_the_locality_leader_reads_the_late_list_but_no_page_naming_officers() -> None:
    cast = make_cast()
    late = late_dossier(cast)
    chairman = _client(UserFactory(role=Role.LOCALITY_LEADER))
    assert late.code in chairman.get("/quan-tri/giam-sat/ho-so-tre-han/?month=2026-03").content.decode()
    assert chairman.get("/quan-tri/nhac-nho/").status_code == 403
    assert chairman.get("/quan-tri/kiem-tra/").status_code == 403
    assert chairman.get("/quan-tri/danh-gia-can-bo/").status_code == 403
    assert chairman.post("/quan-tri/giam-sat/ho-so-tre-han/?month=2026-03").status_code == 403
