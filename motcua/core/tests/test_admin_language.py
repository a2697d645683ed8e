"""The admin in Vietnamese: no English left in its chrome or in the names of what it lists."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from motcua.accounts.models import ApiToken
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# English that Django's and the third-party apps' catalogs leave untranslated; the Vietnamese comes
# from locale/vi/LC_MESSAGES/django.po (compiled by `./dev setup`, like every catalog).
ENGLISH = [
    "Skip to main content",
    "Toggle theme",
    "Model name",
    "Add link",
    "Change or view list link",
    "Access attempts",
    "Access failures",
    "Access logs",
    "Failed tasks",
    "Queued tasks",
    "Scheduled tasks",
    "Successful tasks",
    "Show counts",
    "key hash",
]


@pytest.fixture
def admin_client(settings) -> Client:
    settings.OTP_REQUIRED_FOR_ADMINS = False
    user = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", ["/admin/", "/admin/accounts/apitoken/", "/admin/axes/accessattempt/"])
def test_the_admin_in_vietnamese_shows_no_english(admin_client: Client, url: str) -> None:
    response = admin_client.get(url)
    assert response.status_code == 200
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    assert [phrase for phrase in ENGLISH if phrase in text] == []


def test_the_api_tokens_fields_have_vietnamese_names() -> None:
    assert str(ApiToken._meta.get_field("key_hash").verbose_name) == "mã băm của khóa"
