"""Back-office petition pages: who sees which petition, the contact read logged, the actions through
the page (403 → 409 → 422), an officer's entry from a hotline call, the overdue filter and the panel
on the dossier's page."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import PersonalDataAccess
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers.tests.factories import make_dossier
from motcua.feedback.models import Channel, Petition, State
from motcua.feedback.services import petition_act
from motcua.feedback.tests.factories import Cast, file_petition, local, make_cast

pytestmark = pytest.mark.django_db

MON = local(2026, 2, 9, 8, 0)


def login(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def cast() -> Cast:
    return make_cast()


def test_an_officer_never_opens_a_petition_about_themselves(cast: Cast) -> None:
    p = file_petition(MON, agency=cast.office, category="BEHAVIOUR", about_officer=cast.specialist)
    url = f"/quan-tri/phan-anh/{p.code}/"
    assert login(cast.specialist).get(url).status_code == 404
    assert p.code not in login(cast.specialist).get("/quan-tri/phan-anh/").content.decode()
    assert (
        login(cast.specialist).post(f"{url}thao-tac/receive/", {"category": "BEHAVIOUR"}).status_code == 404
    )
    assert login(cast.leader).get(url).status_code == 200
    assert login(cast.other_specialist).get(url).status_code == 404
    assert login(cast.supervisor).get(url).status_code == 200


def test_contact_is_shown_and_logged_the_inspector_states_a_reason(cast: Cast) -> None:
    p = file_petition(MON, agency=cast.office)
    page = login(cast.leader).get(f"/quan-tri/phan-anh/{p.code}/").content.decode()
    assert "Phạm Thị Hương" in page and "+84905123456" in page
    assert PersonalDataAccess.objects.filter(user=cast.leader, subject=f"petition:{p.code}").count() == 1
    inspector = login(cast.inspector)
    page = inspector.get(f"/quan-tri/phan-anh/{p.code}/").content.decode()
    assert "+84905123456" not in page and "Lý do cần xem thông tin cá nhân" in page
    assert not PersonalDataAccess.objects.filter(user=cast.inspector).exists()
    stated = inspector.post(f"/quan-tri/phan-anh/{p.code}/", {"reason": "Thanh tra công vụ quý I"})
    assert stated.status_code == 302 and stated["Location"] == f"/quan-tri/phan-anh/{p.code}/"
    page = inspector.get(f"/quan-tri/phan-anh/{p.code}/").content.decode()
    assert "+84905123456" in page
    assert PersonalDataAccess.objects.get(user=cast.inspector).reason == "Thanh tra công vụ quý I"
    # A specialist sees the contact of a petition assigned to them only.
    page = login(cast.specialist).get(f"/quan-tri/phan-anh/{p.code}/").content.decode()
    assert "+84905123456" not in page
    petition_act(p, "receive", officer=cast.specialist, body={"category": "REGULATION"})
    petition_act(p, "start", officer=cast.specialist)
    assert "+84905123456" in login(cast.specialist).get(f"/quan-tri/phan-anh/{p.code}/").content.decode()


def test_actions_through_the_page_refuse_in_order(cast: Cast) -> None:
    p = file_petition(MON, agency=cast.office)
    base = f"/quan-tri/phan-anh/{p.code}/thao-tac"
    assert login(cast.specialist).post(f"{base}/publish/").status_code == 403
    assert login(cast.leader).post(f"{base}/approve/").status_code == 409
    assert login(cast.specialist).post(f"{base}/receive/", {"category": ""}).status_code == 422
    assert login(cast.specialist).post(f"{base}/receive/", {"category": "REGULATION"}).status_code == 302
    assert login(cast.specialist).post(f"{base}/start/").status_code == 302
    answer = "Cơ quan đã rà soát và bỏ yêu cầu nộp thêm giấy tờ."
    assert login(cast.specialist).post(f"{base}/draft/", {"answer": answer}).status_code == 302
    page = login(cast.leader).get(f"/quan-tri/phan-anh/{p.code}/").content.decode()
    assert "Phê duyệt và gửi trả lời" in page
    assert login(cast.leader).post(f"{base}/approve/").status_code == 302
    assert login(cast.supervisor).post(f"{base}/publish/").status_code == 302
    p.refresh_from_db()
    assert p.state == State.PUBLISHED and p.answer == answer


def test_a_refused_action_gives_back_what_the_officer_typed(cast: Cast) -> None:
    p = file_petition(MON, agency=cast.office)
    base = f"/quan-tri/phan-anh/{p.code}/thao-tac"
    client = login(cast.specialist)
    # 422: no refusal kind chosen; the reason typed comes back in the refuse form only.
    reason = "Nội dung thuộc thẩm quyền của Tòa án nhân dân"
    refused = client.post(f"{base}/refuse/", {"refusal_kind": "", "reason": reason})
    assert refused.status_code == 422
    page = refused.content.decode()
    assert f">{reason}</textarea>" in page and page.count(reason) == 1
    client.post(f"{base}/receive/", {"category": "REGULATION"})
    client.post(f"{base}/start/")
    saved = "Cơ quan đã rà soát và bỏ yêu cầu nộp thêm giấy tờ."
    assert client.post(f"{base}/draft/", {"answer": saved}).status_code == 302
    # 422: too short a draft; the box shows what was typed, not the answer saved before.
    short = client.post(f"{base}/draft/", {"answer": "Đã sửa lại"})
    assert short.status_code == 422
    assert ">Đã sửa lại</textarea>" in short.content.decode()
    assert f">{saved}</textarea>" not in short.content.decode()
    # A question too short: comes back in the request form.
    asked = client.post(f"{base}/request_info/", {"question": "Số"})
    assert asked.status_code == 422 and ">Số</textarea>" in asked.content.decode()


def test_an_officer_enters_a_hotline_call_and_the_overdue_list(cast: Cast) -> None:
    client = login(cast.desk)
    response = client.post(
        "/quan-tri/phan-anh/ghi-nhan/",
        {"channel": "HOTLINE", "category": "REGULATION", "title": "Gọi đường dây nóng về lệ phí",
         "content": "Công dân phản ánh bị thu lệ phí cao hơn niêm yết.", "name": "Vũ Văn Tâm",
         "address": "Cam Phúc Bắc", "phone": "0977000111", "consent": "on", "agency": cast.office.pk},
    )  # fmt: skip
    assert response.status_code == 302
    p = Petition.objects.get()
    assert p.channel == Channel.HOTLINE and p.created_by == cast.desk and p.agency == cast.office
    assert client.post("/quan-tri/phan-anh/ghi-nhan/", {"channel": "LETTER"}).status_code == 422
    old = file_petition(local(2026, 1, 5, 8, 0), agency=cast.office, phone="0912000111")
    listing = client.get("/quan-tri/phan-anh/", {"overdue": "1"}).content.decode()
    assert old.code in listing and p.code not in listing


def test_the_dossier_page_shows_its_petitions(cast: Cast) -> None:
    dossier = make_dossier()
    p = file_petition(MON, agency=cast.office, dossier=dossier)
    supervisor_page = login(cast.supervisor).get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    assert "Phản ánh, kiến nghị về hồ sơ này" in supervisor_page and p.code in supervisor_page
    stranger = UserFactory(username="x", agency=dossier.receiving_agency, role=Role.DESK_OFFICER)
    page = login(stranger).get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    assert p.code not in page  # the petition is assigned to another agency


def test_the_inspectors_reason_is_stated_by_post_never_read_from_a_link_and_an_empty_one_is_refused(
    cast: Cast,
) -> None:
    p = file_petition(MON, agency=cast.office)
    url = f"/quan-tri/phan-anh/{p.code}/"
    inspector = login(cast.inspector)
    forged = inspector.get(url, {"ly_do": "Lý do do người khác đặt vào liên kết"}).content.decode()
    assert "+84905123456" not in forged
    assert not PersonalDataAccess.objects.exists()
    empty = inspector.post(url, {"reason": "   "})
    html = empty.content.decode()
    assert empty.status_code == 422 and "+84905123456" not in html
    assert 'aria-invalid="true"' in html and "Nêu lý do cần xem thông tin cá nhân." in html
    assert not PersonalDataAccess.objects.exists()
    # Only the inspector is offered (and may send) a reason: the others' rights do not depend on one.
    specialist = login(cast.specialist)
    assert "Lý do cần xem thông tin cá nhân" not in specialist.get(url).content.decode()
    assert specialist.post(url, {"reason": "Tò mò"}).status_code == 403
    assert "+84905123456" not in specialist.get(url).content.decode()
    # The stated reason is kept for this petition across the page's actions, and logged at each view.
    inspector.post(url, {"reason": "Thanh tra theo kế hoạch số 5"})
    for _view in range(2):
        assert "+84905123456" in inspector.get(url).content.decode()
    reasons = PersonalDataAccess.objects.filter(user=cast.inspector, subject=p.subject_ref)
    assert list(reasons.values_list("reason", flat=True)) == ["Thanh tra theo kế hoạch số 5"] * 2
    other = file_petition(MON, agency=cast.office)
    assert "+84905123456" not in inspector.get(f"/quan-tri/phan-anh/{other.code}/").content.decode()
