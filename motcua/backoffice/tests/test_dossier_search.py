"""The back office's dossier search (issue 13, item 4): by phone only for users who may see personal
data (CONTRACTS §5), names masked as in the API and the worklists, such reads logged."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import PersonalDataAccess
from motcua.dossiers.models import State
from motcua.dossiers.tests.processing_factories import make_dossier_in
from motcua.dossiers.worklists import TAB_KEYS, worklist_counts

pytestmark = pytest.mark.django_db
URL = "/quan-tri/ho-so/"
WORKLIST = "/quan-tri/viec-can-lam/"
FULL, MASKED = "Nguyễn Thị Ánh", "Nguyễn T. Á."


def _search(user: Any, **params: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_an_inspector_without_a_reason_finds_nothing_by_phone_and_sees_masked_names() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    assert dossier.code not in _search(cast.inspector, q="0905123456")
    listed = _search(cast.inspector, q=dossier.code)
    assert dossier.code in listed and MASKED in listed and FULL not in listed
    assert not PersonalDataAccess.objects.filter(user=cast.inspector).exists()


def test_an_inspector_with_a_stated_reason_finds_by_phone_and_the_read_is_logged() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    client = Client()
    client.force_login(cast.inspector)
    stated = client.post(f"{URL}?q=0905123456", {"reason": "Thanh tra theo đơn phản ánh số 12"})
    assert stated.status_code == 302 and stated["Location"] == f"{URL}?q=0905123456"
    page = client.get(URL, {"q": "0905123456"}).content.decode()
    assert dossier.code in page and FULL in page and "Thanh tra theo đơn phản ánh số 12" in page
    log = PersonalDataAccess.objects.get(user=cast.inspector)
    assert log.subject == dossier.subject_ref and log.reason == "Thanh tra theo đơn phản ánh số 12"


def test_the_inspectors_reason_comes_only_from_the_form_by_post_never_from_a_link() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    forged = _search(cast.inspector, q="0905123456", ly_do="Lý do người khác đặt vào liên kết")
    assert dossier.code not in forged and FULL not in forged
    assert "nêu lý do ở trên trước khi tìm theo thông tin cá nhân" in forged  # why nothing was found
    assert not PersonalDataAccess.objects.exists()


def test_an_empty_reason_is_refused_in_vietnamese_on_its_labelled_field() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    client = Client()
    client.force_login(cast.inspector)
    response = client.post(f"{URL}?q=0905123456", {"reason": "  "})
    html = response.content.decode()
    assert response.status_code == 422
    assert '<label for="id_reason">' in html and 'id="id_reason"' in html and 'aria-invalid="true"' in html
    assert '<p class="errorlist" id="err_reason">Nêu lý do cần xem thông tin cá nhân.</p>' in html
    assert dossier.code not in html and not PersonalDataAccess.objects.exists()


def test_the_reason_holds_across_filters_and_pages_without_riding_in_links_until_withdrawn() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    client = Client()
    client.force_login(cast.inspector)
    client.post(URL, {"reason": "Kiểm tra công vụ tháng 3"})
    filtered = client.get(URL, {"q": "0905123456", "state": State.IN_PROGRESS, "page": "1"}).content.decode()
    assert dossier.code in filtered and "ly_do" not in filtered
    assert "Kiểm tra công vụ tháng 3" in filtered
    assert PersonalDataAccess.objects.get(user=cast.inspector).reason == "Kiểm tra công vụ tháng 3"
    assert client.post(URL, {"forget": "1"}).status_code == 302
    after = client.get(URL, {"q": "0905123456"}).content.decode()
    assert dossier.code not in after and PersonalDataAccess.objects.count() == 1


def test_only_an_inspector_states_a_reason_on_the_list() -> None:
    _dossier, cast = make_dossier_in(State.IN_PROGRESS)
    for user in (cast.desk, cast.colleague):
        client = Client()
        client.force_login(user)
        assert 'name="reason"' not in client.get(URL).content.decode()
        assert client.post(URL, {"reason": "Tò mò"}).status_code == 403


def test_a_specialist_finds_by_phone_only_the_dossiers_assigned_to_them() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)  # assigned to cast.specialist
    assert dossier.code not in _search(cast.colleague, q="0905123456")
    assert dossier.code not in _search(cast.colleague, q="905123456")
    listed = _search(cast.colleague, q=dossier.code)
    assert MASKED in listed and FULL not in listed
    mine = _search(cast.specialist, q="0905123456")
    assert dossier.code in mine and FULL in mine
    assert PersonalDataAccess.objects.filter(user=cast.specialist, subject=dossier.subject_ref).exists()
    assert not PersonalDataAccess.objects.filter(user=cast.colleague).exists()


def test_the_desk_finds_by_phone_and_by_name_with_full_names() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    by_phone = _search(cast.desk, q="0905 123 456")
    assert dossier.code in by_phone and FULL in by_phone
    assert PersonalDataAccess.objects.filter(user=cast.desk, subject=dossier.subject_ref).count() == 1
    assert dossier.code in _search(cast.desk, q="nguyen thi anh")


def test_the_worklist_search_follows_the_same_rule_and_logs_finds_by_phone() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)  # assigned to cast.specialist
    for stranger in (cast.inspector, cast.colleague):  # no stated reason / not assigned
        client = Client()
        client.force_login(stranger)
        page = client.get(WORKLIST, {"tab": "agency", "q": "0905123456"}).content.decode()
        assert dossier.code not in page
        assert worklist_counts(stranger, query="0905123456") == dict.fromkeys(TAB_KEYS, 0)
    assert not PersonalDataAccess.objects.exists()
    client = Client()
    client.force_login(cast.specialist)
    page = client.get(WORKLIST, {"tab": "mine", "q": "0905123456"}).content.decode()
    assert dossier.code in page
    assert PersonalDataAccess.objects.filter(user=cast.specialist, subject=dossier.subject_ref).count() == 1
