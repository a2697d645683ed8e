"""Every route refuses strangers as CONTRACTS §5 says; see access_walk.py for how routes join."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.services import api_token_issue
from motcua.accounts.tests import access_walk
from motcua.accounts.tests.access_walk import (
    AGENCY_QUERY_PAGES,
    AGENCY_SCOPED_ROLES,
    ARGUMENTS,
    DEVICE_ROLES,
    World,
)
from motcua.accounts.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

ROUTES = access_walk.page_routes() + access_walk.api_routes()


@pytest.fixture
def world() -> World:
    home, other = AgencyFactory(), AgencyFactory()
    UserFactory(agency=other, role=Role.DESK_OFFICER)  # the other agency has staff of its own
    # The other agency's desk receives for home (CONTRACTS §5): that lets none of home's staff see
    # the other agency's dossiers — "receives for" goes one way.
    other.receives_for.add(home)
    world = World(home=home, other=other)
    for role in AGENCY_SCOPED_ROLES + DEVICE_ROLES:
        world.strangers[role] = UserFactory(agency=home, role=role)
    return world


def test_the_walk_finds_the_routes_of_every_ui_app() -> None:
    patterns = {r.pattern for r in ROUTES}
    assert "quan-tri/" in patterns
    assert "quan-tri/co-quan/<str:agency_code>/" in patterns
    assert "api/v1/agencies/{agency_code}/staff" in patterns
    assert "dang-nhap/" in patterns


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.pattern}")
def test_every_route_declares_who_may_use_it_and_how_to_fill_its_arguments(route: access_walk.Route) -> None:
    assert route.declared, f"{route.pattern}: decorate the view with roles_required(...) or public"
    missing = [a for a in route.arguments if a not in ARGUMENTS]
    assert not missing, f"{route.pattern}: add {missing} to access_walk.ARGUMENTS"


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.pattern}")
def test_strangers_are_refused_in_the_order_of_contracts_section_5(
    route: access_walk.Route, world: World
) -> None:
    url = access_walk.fill(route, world)
    anonymous = Client().generic(route.method, url, data="{}", content_type="application/json")
    if route.allowed_roles is None:
        assert anonymous.status_code < 500, url
        return
    if route.kind == "page":
        assert anonymous.status_code == 302 and anonymous["Location"].startswith("/dang-nhap/"), url
    else:
        assert anonymous.status_code == 401, url

    for role, user in world.strangers.items():
        client = Client()
        headers = {}
        if route.kind == "page":
            client.force_login(user)
        else:
            _, key = api_token_issue(user=user, name="walk")
            headers = {"HTTP_AUTHORIZATION": f"Token {key}"}
        response = client.generic(route.method, url, data="{}", content_type="application/json", **headers)
        if role in DEVICE_ROLES and role not in route.allowed_roles:
            expected = 403 if route.kind == "page" else 401
        elif route.arguments:
            expected = 404
        elif role in route.allowed_roles:
            # An empty body passes every access check, then fails as input.
            expected = 200 if route.method == "GET" else 422
        else:
            expected = 403
        assert response.status_code == expected, f"{role} {route.method} {url}: {response.status_code}"


@pytest.mark.parametrize("pattern", sorted(AGENCY_QUERY_PAGES))
def test_pages_scoped_by_the_query_refuse_another_agency_with_404(pattern: str, world: World) -> None:
    (route,) = [r for r in ROUTES if r.kind == "page" and r.pattern == pattern]
    assert route.allowed_roles is not None
    readers = [role for role in AGENCY_SCOPED_ROLES if role in route.allowed_roles]
    assert readers, f"{pattern}: no agency-scoped reader to walk"
    for role, user in world.strangers.items():
        client = Client()
        client.force_login(user)
        own = client.get(f"/{pattern}")
        other = client.get(f"/{pattern}?{AGENCY_QUERY_PAGES[pattern](world)}")
        if role in readers:
            assert (own.status_code, other.status_code) == (200, 404), f"{role} {pattern}"
        else:
            assert (own.status_code, other.status_code) == (403, 403), f"{role} {pattern}"


PETITION_ROUTES = [r for r in ROUTES if "petition_code" in r.arguments and r.allowed_roles is not None]


@pytest.mark.parametrize("route", PETITION_ROUTES, ids=lambda r: f"{r.method} {r.pattern}")
def test_a_petition_of_a_sub_unit_does_not_exist_for_the_leaders_above_it(route: access_walk.Route) -> None:
    """CONTRACTS §5: a petition is seen by the officers and leaders of the agency it is assigned to;
    unlike dossiers' reports, a leader's sub-units are not theirs (their contact is personal data)."""
    home = AgencyFactory()
    sub_unit = AgencyFactory(parent=home)
    UserFactory(agency=sub_unit, role=Role.DESK_OFFICER)
    leader = UserFactory(agency=home, role=Role.LEADER)
    url = access_walk.fill(route, World(home=home, other=sub_unit))
    client = Client()
    headers = {}
    if route.kind == "page":
        client.force_login(leader)
    else:
        _, key = api_token_issue(user=leader, name="walk")
        headers = {"HTTP_AUTHORIZATION": f"Token {key}"}
    response = client.generic(route.method, url, data="{}", content_type="application/json", **headers)
    assert response.status_code == 404, f"{route.method} {url}: {response.status_code}"


def test_the_django_admin_sends_anonymous_visitors_to_its_log_in() -> None:
    response = Client().get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_staff_without_the_admin_flag_cannot_enter_the_django_admin() -> None:
    client = Client()
    client.force_login(UserFactory(role=Role.LEADER))
    assert client.get("/admin/").status_code == 302
