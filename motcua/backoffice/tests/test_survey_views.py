"""Back-office survey pages: the desk's kiosk, paper forms, results per officer, follow-up items."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import PersonalDataAccess
from motcua.accounts.roles import Role
from motcua.accounts.services import api_token_issue
from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers.tests.factories import intake
from motcua.dossiers.tests.processing_factories import make_cast, receive
from motcua.surveys.models import FollowUp, KioskDuty, QuickRating, Response
from motcua.surveys.tests.factories import question_ids, respond

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"  # the factories' password


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cast() -> Any:
    return make_cast()


@pytest.fixture
def kiosk(cast: Any) -> Any:
    return UserFactory(role=Role.KIOSK, agency=cast.agency)


# --- the kiosk ---------------------------------------------------------------------------------------


def test_the_kiosk_lands_on_its_rating_screen_after_logging_in(kiosk: Any) -> None:
    response = Client().post("/dang-nhap/", {"username": kiosk.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/quan-tri/quay-danh-gia/"


def test_the_officer_signs_in_at_the_kiosk_and_citizens_rate_with_big_buttons(cast: Any, kiosk: Any) -> None:
    tablet = client_for(kiosk)
    page = tablet.get("/quan-tri/quay-danh-gia/")
    assert page.status_code == 200 and "Vào ca" in page.content.decode()
    wrong = tablet.post("/quan-tri/quay-danh-gia/", {"action": "duty_start", "duty-username": cast.desk.username,
                                                    "duty-password": "sai"})  # fmt: skip
    assert wrong.status_code == 422 and not KioskDuty.objects.exists()
    # a specialist of the same agency is not a desk officer: cannot take the counter
    other = tablet.post("/quan-tri/quay-danh-gia/", {"action": "duty_start", "duty-username": cast.specialist.username,
                                                    "duty-password": PASSWORD})  # fmt: skip
    assert other.status_code == 422 and not KioskDuty.objects.exists()
    started = tablet.post("/quan-tri/quay-danh-gia/", {"action": "duty_start", "duty-username": cast.desk.username,
                                                      "duty-password": PASSWORD})  # fmt: skip
    assert started.status_code == 302
    screen = tablet.get("/quan-tri/quay-danh-gia/").content.decode()
    assert screen.count('name="level"') == 3 and "Rất hài lòng" in screen and "Không hài lòng" in screen
    assert "htmx" not in screen
    dossier = receive(cast)
    rated = tablet.post(
        "/quan-tri/quay-danh-gia/", {"action": "rate", "level": "VERY_SATISFIED", "code": dossier.code}
    )
    assert rated.status_code == 302
    rating = QuickRating.objects.get()
    assert (rating.officer, rating.agency, rating.dossier, rating.kiosk) == (
        cast.desk,
        cast.agency,
        dossier,
        kiosk,
    )
    again = tablet.post(
        "/quan-tri/quay-danh-gia/", {"action": "rate", "level": "SATISFIED", "code": dossier.code}
    )
    assert again.status_code == 409
    assert tablet.post("/quan-tri/quay-danh-gia/", {"action": "rate", "level": "MEH"}).status_code == 422
    assert tablet.post("/quan-tri/quay-danh-gia/", {"action": "rate", "level": "SATISFIED",
                                                   "code": "KHONG-CO"}).status_code == 422  # fmt: skip
    assert (
        tablet.post("/quan-tri/quay-danh-gia/", {"action": "rate", "level": "NOT_SATISFIED"}).status_code
        == 302
    )
    assert FollowUp.objects.get().kind == FollowUp.Kind.QUICK_NOT_SATISFIED
    assert tablet.post("/quan-tri/quay-danh-gia/", {"action": "duty_end"}).status_code == 302
    assert (
        tablet.post("/quan-tri/quay-danh-gia/", {"action": "rate", "level": "SATISFIED"}).status_code == 409
    )


def test_the_kiosk_is_refused_everywhere_else(cast: Any, kiosk: Any) -> None:
    tablet = client_for(kiosk)
    dossier = receive(cast)
    for url in ("/quan-tri/", "/quan-tri/ho-so/", f"/quan-tri/ho-so/{dossier.code}/", "/quan-tri/danh-gia/",
                "/quan-tri/danh-gia/phieu-giay/", "/quan-tri/co-quan/"):  # fmt: skip
        assert tablet.get(url).status_code == 403, url
    _, key = api_token_issue(user=kiosk, name="máy")
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert (
        Client().get(f"/api/v1/dossiers/{dossier.code}", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    )


def test_people_are_refused_at_the_kiosk_page(cast: Any) -> None:
    for user in (cast.desk, cast.supervisor, cast.leader):  # (the administrator must first set up 2FA)
        assert client_for(user).get("/quan-tri/quay-danh-gia/").status_code == 403


# --- paper forms -------------------------------------------------------------------------------------


def test_a_paper_form_is_entered_by_a_colleague_never_by_the_officer_rated(cast: Any) -> None:
    dossier = receive(cast)  # received by cast.desk
    ids = question_ids()
    form = {"code": dossier.code, f"q{ids['C4.1']}": "5", f"q{ids['C5.2']}": "4"}
    refused = client_for(cast.desk).post("/quan-tri/danh-gia/phieu-giay/", form)
    assert refused.status_code == 403 and not Response.objects.exists()
    clerk = UserFactory(role=Role.DESK_OFFICER, agency=cast.agency)
    entered = client_for(clerk).post("/quan-tri/danh-gia/phieu-giay/", form)
    assert entered.status_code == 302
    response = Response.objects.get()
    assert (response.channel, response.entered_by, response.officer) == ("PAPER", clerk, cast.desk)
    assert client_for(clerk).post("/quan-tri/danh-gia/phieu-giay/", form).status_code == 409
    # a dossier the clerk may not see is as good as unknown
    stranger = UserFactory(role=Role.DESK_OFFICER)
    assert (
        client_for(stranger)
        .post("/quan-tri/danh-gia/phieu-giay/", {**form, "code": receive(cast).code})
        .status_code
        == 422
    )


def test_roles_that_never_enter_paper_forms_are_refused(cast: Any) -> None:
    for user in (cast.specialist, cast.leader, cast.inspector):
        assert client_for(user).get("/quan-tri/danh-gia/phieu-giay/").status_code == 403


# --- results -----------------------------------------------------------------------------------------


def test_officers_see_their_own_results_managers_their_staffs_the_supervisor_all(cast: Any) -> None:
    ours, theirs = receive(cast), receive(cast)
    other_desk = UserFactory(role=Role.DESK_OFFICER, agency=cast.other, full_name="Cán Bộ Nơi Khác")
    cast.version.procedure.agencies.add(cast.other)
    elsewhere = intake(officer=other_desk, version=cast.version, now=cast.now).dossier
    at = cast.now + timedelta(hours=1)
    respond(ours, {"C4.1": 5}, at=at)
    respond(theirs, {"C4.1": 2}, at=at)
    respond(elsewhere, {"C4.1": 4}, at=at)
    query = {"month": f"{at:%Y-%m}"}

    def names(user: Any) -> str:
        page = client_for(user).get("/quan-tri/danh-gia/", query)
        assert page.status_code == 200
        return page.content.decode()

    desk_page = names(cast.desk)
    assert cast.desk.full_name in desk_page and "1 / 2" in desk_page and "Cán Bộ Nơi Khác" not in desk_page
    assert cast.desk.full_name in names(cast.leader) and "Cán Bộ Nơi Khác" not in names(cast.leader)
    for user in (cast.supervisor, cast.inspector):
        page = names(user)
        assert cast.desk.full_name in page and "Cán Bộ Nơi Khác" in page
    specialist_page = names(cast.specialist)
    assert cast.desk.full_name not in specialist_page


# --- follow-up ---------------------------------------------------------------------------------------


def test_the_supervisor_reads_the_comment_and_closes_the_item_with_a_note(cast: Any) -> None:
    dossier = receive(cast)
    respond(dossier, {"C4.1": 1}, at=cast.now + timedelta(hours=1), comment="Chờ quá lâu ở quầy số 2.")
    items = list(FollowUp.objects.order_by("kind"))
    assert [i.kind for i in items] == ["COMMENT", "NOT_SATISFIED"]
    supervisor = client_for(cast.supervisor)
    listing = supervisor.get("/quan-tri/danh-gia/theo-doi/").content.decode()
    assert dossier.code in listing and "Chờ quá lâu" not in listing
    page = supervisor.get(f"/quan-tri/danh-gia/theo-doi/{items[0].pk}/")
    assert "Chờ quá lâu ở quầy số 2." in page.content.decode()
    assert (
        PersonalDataAccess.objects.filter(user=cast.supervisor, subject=f"dossier:{dossier.code}").count()
        == 1
    )
    assert (
        supervisor.post(
            f"/quan-tri/danh-gia/theo-doi/{items[0].pk}/", {"action": "close", "note": ""}
        ).status_code
        == 422
    )
    closed = supervisor.post(f"/quan-tri/danh-gia/theo-doi/{items[0].pk}/",
                             {"action": "close", "note": "Đã bố trí thêm quầy giờ cao điểm."})  # fmt: skip
    assert closed.status_code == 302
    items[0].refresh_from_db()
    assert items[0].closed_by == cast.supervisor and items[0].note.startswith("Đã bố trí")
    again = supervisor.post(
        f"/quan-tri/danh-gia/theo-doi/{items[0].pk}/", {"action": "close", "note": "Lần hai"}
    )
    assert again.status_code == 409


def test_the_inspector_sees_a_comment_only_after_stating_a_reason_and_cannot_close(cast: Any) -> None:
    dossier = receive(cast)
    respond(dossier, {"C1.1": 4}, at=cast.now + timedelta(hours=1), comment="Cán bộ gợi ý nộp thêm tiền.")
    item = FollowUp.objects.get()
    inspector = client_for(cast.inspector)
    url = f"/quan-tri/danh-gia/theo-doi/{item.pk}/"
    first = inspector.get(url).content.decode()
    assert "gợi ý nộp thêm tiền" not in first and "nêu lý do" in first
    assert not PersonalDataAccess.objects.filter(user=cast.inspector).exists()
    shown = inspector.post(
        url, {"action": "reason", "reason": "Xác minh phản ánh về nhũng nhiễu"}
    ).content.decode()
    assert "gợi ý nộp thêm tiền" in shown
    log = PersonalDataAccess.objects.get(user=cast.inspector)
    assert log.reason == "Xác minh phản ánh về nhũng nhiễu" and log.subject == f"dossier:{dossier.code}"
    assert inspector.post(url, {"action": "close", "note": "x"}).status_code == 403


def test_follow_up_items_are_invisible_to_other_staff(cast: Any) -> None:
    dossier = receive(cast)
    respond(dossier, {"C1.1": 1}, at=cast.now + timedelta(hours=1))
    item = FollowUp.objects.get()
    for user in (cast.desk, cast.leader, cast.specialist):
        assert client_for(user).get(f"/quan-tri/danh-gia/theo-doi/{item.pk}/").status_code == 404
        assert client_for(user).get("/quan-tri/danh-gia/theo-doi/").status_code == 403
