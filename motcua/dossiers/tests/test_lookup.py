"""Public look-up by code (CONTRACTS §6): bare, verified by phone digits, the token page, the limits."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import Outcome
from motcua.dossiers.tests.factories import make_dossier, person

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
BARE_KEYS = {"code", "status", "status_label", "received_at", "due_at", "rescheduled_due_at", "result_ready"}


@pytest.fixture
def dossier() -> Dossier:
    # Wednesday 04/03/2026 09:00, 5 working days → Wednesday 11/03/2026 17:00; phone +84905123456.
    return make_dossier(now=datetime(2026, 3, 4, 9, 0, tzinfo=VN))


def _api(**params: str) -> object:
    return Client().get("/api/v1/lookup", params)


def test_the_bare_answer_has_state_and_times_only(dossier: Dossier) -> None:
    response = _api(code=dossier.code)
    assert response.status_code == 200
    assert response.json() == {
        "code": dossier.code,
        "status": "RECEIVED",
        "status_label": "Đã tiếp nhận",
        "received_at": "2026-03-04T09:00:00+07:00",
        "due_at": "2026-03-11T17:00:00+07:00",
        "rescheduled_due_at": None,
        "result_ready": False,
    }


def test_the_code_is_matched_whatever_its_case_and_separators(dossier: Dossier) -> None:
    loose = " " + dossier.code.lower().replace("-", " ").replace(".", "") + " "
    assert _api(code=loose).json()["code"] == dossier.code


def test_the_right_last_four_digits_add_procedure_agency_masked_name_and_timeline(dossier: Dossier) -> None:
    answer = _api(code=dossier.code, phone4="3456").json()
    assert set(answer) == BARE_KEYS | {"verified", "procedure", "agency", "applicant", "timeline"}
    assert answer["verified"] is True
    assert answer["procedure"] == dossier.procedure_version.procedure.name
    assert answer["agency"] == dossier.receiving_agency.name
    assert answer["applicant"] == "Nguyễn T. Á."
    assert answer["timeline"] == [{"at": "2026-03-04T09:00:00+07:00", "label": "Tiếp nhận hồ sơ"}]


def test_wrong_digits_give_the_bare_answer_marked_unverified(dossier: Dossier) -> None:
    response = _api(code=dossier.code, phone4="0000")
    assert response.status_code == 200
    assert response.json() == {**_api(code=dossier.code).json(), "verified": False}


def test_digits_that_are_not_four_digits_are_invalid_input(dossier: Dossier) -> None:
    response = _api(code=dossier.code, phone4="12a4")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "phone4"


def test_an_unknown_code_is_404_and_a_missing_code_is_422() -> None:
    assert _api(code="000.00.99.H99-260101-0001").status_code == 404
    assert _api(code="  ").status_code == 422
    assert Client().get("/api/v1/lookup").status_code == 422


def test_the_timeline_has_no_notes_and_no_officer_names() -> None:
    officer = UserFactory(role=Role.DESK_OFFICER, full_name="Lê Thị Cán Bộ")
    refused = make_dossier(officer=officer, outcome=Outcome.REFUSE, reason="Ghi chú nội bộ bí mật")
    response = _api(code=refused.code, phone4="3456")
    assert response.json()["timeline"][-1]["label"] == "Từ chối tiếp nhận hồ sơ"
    body = response.content.decode()
    for secret in (
        "Ghi chú nội bộ",
        "Lê Thị Cán Bộ",
        officer.username,
        "Nguyễn Thị Ánh",
        "0905123456",
        "056190000123",
    ):
        assert secret not in body


def test_an_organisation_is_shown_by_its_first_word() -> None:
    company = make_dossier(
        applicant=person(kind="ORGANISATION", name="Công ty TNHH Biển Xanh", tax_code="4201234567")
    )
    assert _api(code=company.code, phone4="3456").json()["applicant"] == "Công ***"


def test_a_client_over_the_rate_limit_gets_429_with_retry_after(dossier: Dossier, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LOOKUP_RATE_PER_MINUTE = 3
    with time_machine.travel(datetime(2026, 3, 4, 10, 0, 15, tzinfo=VN), tick=False) as traveller:
        assert [_api(code=dossier.code).status_code for _ in range(3)] == [200, 200, 200]
        refused = _api(code=dossier.code)
        assert refused.status_code == 429
        assert refused["Retry-After"] == "45"
        assert set(refused.json()) == {"detail", "errors"}
        assert Client(REMOTE_ADDR="10.0.0.9").get("/api/v1/lookup", {"code": dossier.code}).status_code == 200
        traveller.shift(45)
        assert _api(code=dossier.code).status_code == 200


def test_five_wrong_digits_lock_the_verified_look_up_of_that_code_for_an_hour(dossier: Dossier) -> None:
    other = make_dossier()
    with time_machine.travel(datetime(2026, 3, 4, 10, 0, tzinfo=VN), tick=False) as traveller:
        for _ in range(5):
            assert _api(code=dossier.code, phone4="0000").json()["verified"] is False
        locked = _api(code=dossier.code, phone4="3456")  # even the right digits
        assert locked.status_code == 429
        assert int(locked["Retry-After"]) == 3600
        assert _api(code=dossier.code).status_code == 200  # the bare look-up stays open
        assert _api(code=other.code, phone4="3456").json()["verified"] is True  # other codes are not locked
        traveller.shift(3599)
        assert _api(code=dossier.code, phone4="3456").status_code == 429
        traveller.shift(2)
        assert _api(code=dossier.code, phone4="3456").json()["verified"] is True


def test_failures_spread_over_more_than_an_hour_do_not_lock(dossier: Dossier) -> None:
    with time_machine.travel(datetime(2026, 3, 4, 10, 0, tzinfo=VN), tick=False) as traveller:
        for _ in range(4):
            _api(code=dossier.code, phone4="0000")
        traveller.shift(3601)
        _api(code=dossier.code, phone4="0000")
        assert _api(code=dossier.code, phone4="3456").json()["verified"] is True


def test_a_dossier_with_a_result_is_shown_as_ready() -> None:
    dossier = make_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(state="RESULT_READY")
    assert _api(code=dossier.code).json()["result_ready"] is True


# --- the page -------------------------------------------------------------------------------------
def test_the_page_offers_a_form_with_labelled_fields() -> None:
    response = Client().get("/tra-cuu/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'for="id_code"' in html and 'for="id_phone4"' in html and 'inputmode="numeric"' in html


def test_the_page_shows_the_state_and_due_time_in_vietnamese(dossier: Dossier) -> None:
    html = Client().get("/tra-cuu/", {"code": dossier.code}).content.decode()
    assert "Đã tiếp nhận" in html and "17:00 11/03/2026" in html
    assert dossier.procedure_version.procedure.name not in html


def test_the_page_with_the_right_digits_shows_the_timeline(dossier: Dossier) -> None:
    html = Client().post("/tra-cuu/", {"code": dossier.code, "phone4": "3456"}).content.decode()
    assert "Nguyễn T. Á." in html and "Tiếp nhận hồ sơ" in html and "09:00 04/03/2026" in html


def test_the_page_for_an_unknown_code_is_404_with_a_hint() -> None:
    response = Client().get("/tra-cuu/", {"code": "KHONG-CO"})
    assert response.status_code == 404
    assert "Không tìm thấy hồ sơ" in response.content.decode()


def test_the_token_page_adds_the_documents_with_their_counts(dossier: Dossier) -> None:
    response = Client().get(
        "/tra-cuu/", {"code": dossier.code, "t": dossier_token(dossier.code)}, follow=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tờ khai theo mẫu" in html and "Giấy tiếp nhận" not in html
    assert "Nguyễn T. Á." in html and "Tiếp nhận hồ sơ" in html
    assert response["Referrer-Policy"] == "no-referrer"
    answer = _api(code=dossier.code, t=dossier_token(dossier.code)).json()
    assert answer["documents"][0] == {
        "name": "Tờ khai theo mẫu",
        "originals": 1,
        "copies": 0,
        "electronic": False,
    }
    assert answer["result"] is None


def test_the_token_page_of_a_ready_dossier_shows_the_result() -> None:
    dossier = make_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(state="RESULT_READY")
    answer = _api(code=dossier.code, t=dossier_token(dossier.code)).json()
    assert answer["result"]["name"] == "Giấy chứng nhận"
    html = (
        Client()
        .get("/tra-cuu/", {"code": dossier.code, "t": dossier_token(dossier.code)}, follow=True)
        .content.decode()
    )
    assert "Giấy chứng nhận" in html


def test_the_token_page_of_a_guided_dossier_lists_what_to_supplement() -> None:
    dossier = make_dossier(outcome=Outcome.GUIDE)
    answer = _api(code=dossier.code, t=dossier_token(dossier.code)).json()
    assert answer["supplement"] == {"number": f"{dossier.code}/HDHS", "documents": ["Tờ khai theo mẫu"]}


def test_a_wrong_token_is_404(dossier: Dossier) -> None:
    assert Client().get("/tra-cuu/", {"code": dossier.code, "t": "0" * 32}).status_code == 404
    assert _api(code=dossier.code, t=dossier_token("KHAC-260101-0001")).status_code == 404


def test_the_page_over_the_rate_limit_is_429_with_retry_after(dossier: Dossier, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LOOKUP_RATE_PER_MINUTE = 1
    Client().get("/tra-cuu/", {"code": dossier.code})
    response = Client().get("/tra-cuu/", {"code": dossier.code})
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
