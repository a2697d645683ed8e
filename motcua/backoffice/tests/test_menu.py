from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory

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
