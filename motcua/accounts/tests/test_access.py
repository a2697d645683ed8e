"""CONTRACTS §5: who sees what, and the order of refusals, for the objects that exist today."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.access import agencies_visible_to, may_see_personal_data, personal_data_view
from motcua.accounts.models import PersonalDataAccess
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_agency_scoped_roles_see_their_agency_and_its_sub_units_only() -> None:
    parent = AgencyFactory()
    child = AgencyFactory(parent=parent)
    other = AgencyFactory()
    for role in (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.EDITOR):
        user = UserFactory(agency=parent, role=role)
        assert set(agencies_visible_to(user)) == {parent, child}, role
        assert other not in agencies_visible_to(user)


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN])
def test_locality_wide_roles_see_every_agency(role: Role) -> None:
    agencies = {AgencyFactory(), AgencyFactory(), AgencyFactory()}
    user = UserFactory(role=role)
    assert agencies <= set(agencies_visible_to(user))


def test_a_user_without_a_role_sees_nothing() -> None:
    user = UserFactory()
    assert not agencies_visible_to(user).exists()


@pytest.mark.parametrize(
    ("role", "assigned", "reason", "expected"),
    [
        (Role.DESK_OFFICER, False, "", True),
        (Role.LEADER, False, "", True),
        (Role.SUPERVISOR, False, "", True),
        (Role.ADMIN, False, "", True),
        (Role.SPECIALIST, False, "", False),
        (Role.SPECIALIST, True, "", True),
        (Role.INSPECTOR, False, "", False),
        (Role.INSPECTOR, False, "   ", False),
        (Role.INSPECTOR, False, "Kiểm tra theo Kế hoạch 12/KH-UBND", True),
        (Role.EDITOR, True, "any", False),
    ],
)
def test_personal_data_column_of_contracts_section_5(
    role: Role, assigned: bool, reason: str, expected: bool
) -> None:
    user = UserFactory(role=role)
    assert may_see_personal_data(user, assigned=assigned, reason=reason) is expected


def test_every_staff_view_of_personal_data_is_logged_with_its_reason() -> None:
    inspector = UserFactory(role=Role.INSPECTOR)
    assert not personal_data_view(
        inspector, subject="dossier:X-1", channel=PersonalDataAccess.Channel.PAGE
    ), "no reason, no data"
    assert not PersonalDataAccess.objects.exists()
    assert personal_data_view(
        inspector, subject="dossier:X-1", channel=PersonalDataAccess.Channel.API, reason="Thanh tra công vụ"
    )
    entry = PersonalDataAccess.objects.get()
    assert (entry.user, entry.subject, entry.channel, entry.reason) == (
        inspector,
        "dossier:X-1",
        "API",
        "Thanh tra công vụ",
    )


def test_anonymous_visitors_are_sent_to_the_log_in_page(client: Client) -> None:
    agency = AgencyFactory()
    response = client.get(f"/quan-tri/co-quan/{agency.code}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")


def test_an_object_of_another_agency_is_404_even_where_the_role_is_also_refused(client: Client) -> None:
    """404 is checked before 403: a desk officer may not open access logs at all, but an
    agency they cannot see must not even be confirmed to exist."""
    other = AgencyFactory()
    client.force_login(UserFactory(role=Role.DESK_OFFICER))
    assert client.get(f"/quan-tri/co-quan/{other.code}/nhat-ky-truy-cap/").status_code == 404


def test_a_page_the_role_may_never_use_is_403_on_a_visible_object(client: Client) -> None:
    officer = UserFactory(role=Role.DESK_OFFICER)
    client.force_login(officer)
    assert client.get(f"/quan-tri/co-quan/{officer.agency.code}/nhat-ky-truy-cap/").status_code == 403


def test_a_leader_reads_the_access_log_of_their_own_agency(client: Client) -> None:
    leader = UserFactory(role=Role.LEADER)
    officer = UserFactory(role=Role.DESK_OFFICER, agency=leader.agency)
    personal_data_view(officer, subject="dossier:ABC", channel=PersonalDataAccess.Channel.PAGE)
    client.force_login(leader)
    response = client.get(f"/quan-tri/co-quan/{leader.agency.code}/nhat-ky-truy-cap/")
    assert response.status_code == 200
    assert "dossier:ABC" in response.content.decode()


def test_a_logged_in_user_without_any_role_is_refused_the_back_office(client: Client) -> None:
    client.force_login(UserFactory())
    assert client.get("/quan-tri/").status_code == 403


def test_managers_are_the_leaders_of_the_home_agency() -> None:
    leader = UserFactory(role=Role.LEADER)
    officer = UserFactory(role=Role.SPECIALIST, agency=leader.agency)
    UserFactory(role=Role.LEADER)  # another agency's leader
    assert list(officer.managers()) == [leader]
