"""Every member of staff changes their own password; the administrator resets one from the back office."""

from __future__ import annotations

from typing import Any as SettingsWrapper

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem"
NEW = "Mot-cua-Cam-Ranh-2026"


@pytest.fixture(autouse=True)
def _no_totp(settings: SettingsWrapper) -> None:
    settings.OTP_REQUIRED_FOR_ADMINS = False


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "role", [Role.DESK_OFFICER, Role.SPECIALIST, Role.INSPECTOR, Role.EDITOR, Role.ADMIN]
)
def test_every_member_of_staff_changes_their_own_password(role: Role) -> None:
    user = UserFactory(role=role)
    client = _client(user)
    page = client.get("/tai-khoan/doi-mat-khau/")
    assert page.status_code == 200
    assert "Mật khẩu cũ" in page.content.decode()
    response = client.post(
        "/tai-khoan/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.get("/quan-tri/").status_code == 200  # still signed in


def test_a_wrong_old_password_or_a_short_new_one_is_refused_in_vietnamese() -> None:
    user = UserFactory(role=Role.LEADER)
    client = _client(user)
    response = client.post(
        "/tai-khoan/doi-mat-khau/", {"old_password": "sai", "new_password1": "ngan", "new_password2": "ngan"}
    )
    assert response.status_code == 422
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert "Mật khẩu cũ" in response.content.decode()


def test_the_back_office_header_links_to_the_password_change() -> None:
    page = _client(UserFactory(role=Role.SPECIALIST)).get("/quan-tri/").content.decode()
    assert 'href="/tai-khoan/doi-mat-khau/"' in page


def test_the_password_change_page_sends_anonymous_visitors_to_log_in() -> None:
    response = Client().get("/tai-khoan/doi-mat-khau/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_the_administrator_sets_a_temporary_password_which_is_logged() -> None:
    admin = UserFactory(role=Role.ADMIN)
    officer = UserFactory(role=Role.DESK_OFFICER)
    client = _client(admin)
    url = f"/quan-tri/can-bo/{officer.pk}/dat-lai-mat-khau/"
    assert client.get(url).status_code == 200
    officers_session = _client(officer)
    response = client.post(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    temporary = response.context["temporary"]
    assert temporary and temporary in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(temporary) and not officer.check_password(PASSWORD)
    entry = LogEntry.objects.get(object_id=str(officer.pk))
    assert entry.user == admin and "mật khẩu" in entry.change_message
    assert temporary not in entry.change_message
    # The officer's open session ends with the old password.
    assert officers_session.get("/quan-tri/").status_code == 302


def test_the_agency_page_links_each_member_to_the_reset_for_the_administrator_only() -> None:
    agency = AgencyFactory()
    officer = UserFactory(role=Role.DESK_OFFICER, agency=agency)
    link = f"/quan-tri/can-bo/{officer.pk}/dat-lai-mat-khau/"
    assert (
        link
        in _client(UserFactory(role=Role.ADMIN)).get(f"/quan-tri/co-quan/{agency.code}/").content.decode()
    )
    leader_page = _client(UserFactory(role=Role.LEADER, agency=agency)).get(
        f"/quan-tri/co-quan/{agency.code}/"
    )
    assert leader_page.status_code == 200 and link not in leader_page.content.decode()


def test_a_leader_may_not_reset_a_password_of_their_own_staff_and_nothing_changes() -> None:
    agency = AgencyFactory()
    officer = UserFactory(role=Role.DESK_OFFICER, agency=agency)
    leader = UserFactory(role=Role.LEADER, agency=agency)
    response = _client(leader).post(f"/quan-tri/can-bo/{officer.pk}/dat-lai-mat-khau/")
    assert response.status_code == 403
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)
    assert not LogEntry.objects.exists()
