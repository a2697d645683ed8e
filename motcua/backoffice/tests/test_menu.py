from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import resolve, reverse

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.backoffice import menu

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (
            Role.DESK_OFFICER,
            ["/quan-tri/ho-so/tiep-nhan/", "/quan-tri/ho-so/"],
            ["/quan-tri/tin-nhan/", "/quan-tri/thu-tuc/"],
        ),
        (
            Role.EDITOR,
            ["/quan-tri/thu-tuc/", "/quan-tri/lien-he/"],
            ["/quan-tri/ho-so/", "/quan-tri/ho-so/tiep-nhan/"],
        ),
        (Role.SUPERVISOR, ["/quan-tri/tin-nhan/", "/quan-tri/ho-so/"], ["/quan-tri/ho-so/tiep-nhan/"]),
    ],
)
def test_the_menu_offers_exactly_the_pages_the_role_may_open(
    role: Role, shown: list[str], hidden: list[str]
) -> None:
    client = Client()
    client.force_login(UserFactory(role=role))
    html = client.get("/quan-tri/").content.decode()
    for url in shown:
        assert f'href="{url}"' in html, url
        assert client.get(url).status_code == 200, url
    for url in hidden:
        assert f'href="{url}"' not in html, url


# --- the menu grouped by job (motcua/backoffice/menu.py) -------------------------------------------
GROUP = re.compile(
    r'<details class="menu-group" id="menu-(?P<key>[a-z-]+)"(?P<open> open)?>(?P<body>.*?)</details>', re.S
)
LINK = re.compile(r'<a href="(?P<href>[^"]+)"(?: aria-current="(?P<current>[a-z]+)")?>')


def side_nav(html: str) -> str:
    return html[
        html.index('<nav class="side-nav"') : html.index("</nav>", html.index('<nav class="side-nav"'))
    ]


def groups_of(html: str) -> dict[str, tuple[bool, list[str]]]:
    """Each group drawn: whether it is open, and the addresses it links, in order."""
    return {
        m["key"]: (bool(m["open"]), [link["href"] for link in LINK.finditer(m["body"])])
        for m in GROUP.finditer(side_nav(html))
    }


def test_the_groups_and_their_entries_are_those_the_role_may_open_and_nothing_is_lost() -> None:
    supervisor = UserFactory(role=Role.SUPERVISOR)
    client = Client()
    client.force_login(supervisor)
    html = client.get("/quan-tri/").content.decode()
    groups = groups_of(html)
    assert list(groups) == ["ho-so", "phan-anh-khao-sat", "bao-cao-giam-sat", "cong-khai", "quan-tri"]
    # every entry of the old flat list the role may open is in exactly one group, and works
    expected = set()
    for entry in (e for group in menu.MENU for e in group.entries if not e.staff_only):
        roles = getattr(resolve(reverse(entry.url_name)).func, "allowed_roles", None)
        if roles is None or set(roles) & set(supervisor.roles):
            expected.add(reverse(entry.url_name))
    assert len(expected) > 15  # the supervisor's long menu, the reason for the groups
    linked = [href for _open, hrefs in groups.values() for href in hrefs]
    assert sorted(linked) == sorted(expected) and len(linked) == len(set(linked))
    assert "/quan-tri/giam-sat/ho-so-tre-han/" in groups["ho-so"][1]
    assert "/quan-tri/tin-nhan/" in groups["quan-tri"][1]
    for href in linked:
        assert client.get(href).status_code == 200, href


def test_a_role_sees_only_its_groups_and_an_editor_no_dossier_group() -> None:
    client = Client()
    client.force_login(UserFactory(role=Role.EDITOR))
    groups = groups_of(client.get("/quan-tri/").content.decode())
    assert list(groups) == ["bao-cao-giam-sat", "cong-khai", "quan-tri"]  # no dossier or feedback group
    assert groups["bao-cao-giam-sat"] == (
        True,
        ["/quan-tri/ke-hoach/"],
    )  # the home page: the first group open
    assert not groups["cong-khai"][0] and not groups["quan-tri"][0]
    assert set(groups["cong-khai"][1]) >= {"/quan-tri/thu-tuc/", "/quan-tri/lien-he/"}
    assert all(hrefs for _open, hrefs in groups.values())  # no empty group


def test_the_group_of_the_page_shown_is_open_and_its_entry_marked_the_others_closed() -> None:
    client = Client()
    client.force_login(UserFactory(role=Role.SUPERVISOR))
    html = client.get("/quan-tri/tin-nhan/").content.decode()
    groups = groups_of(html)
    assert [key for key, (is_open, _hrefs) in groups.items() if is_open] == ["quan-tri"]
    currents = {m["href"]: m["current"] for m in LINK.finditer(side_nav(html)) if m["current"]}
    assert currents == {"/quan-tri/tin-nhan/": "page"}


def test_a_page_reached_from_an_entry_opens_its_group_and_marks_the_entry_as_where_the_user_is() -> None:
    client = Client()
    user = UserFactory(role=Role.SUPERVISOR)
    client.force_login(user)
    html = client.get(f"/quan-tri/co-quan/{user.agency.code}/").content.decode()
    assert [key for key, (is_open, _hrefs) in groups_of(html).items() if is_open] == ["quan-tri"]
    currents = {m["href"]: m["current"] for m in LINK.finditer(side_nav(html)) if m["current"]}
    assert currents == {"/quan-tri/co-quan/": "true"}


def test_the_worklist_and_the_home_page_stand_above_the_groups() -> None:
    client = Client()
    client.force_login(UserFactory(role=Role.DESK_OFFICER))
    nav = side_nav(client.get("/quan-tri/").content.decode())
    top = nav[: nav.index("<details")]
    assert [m["href"] for m in LINK.finditer(top)] == ["/quan-tri/viec-can-lam/", "/quan-tri/"]
    assert 'href="/quan-tri/" aria-current="page"' in top
