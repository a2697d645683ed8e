"""The site's own 403/404/500 pages (config/errors.py): Vietnamese, in the site's layout, also under
DEBUG in demo mode; JSON under /api/; the 500 page needs neither a request context nor the database."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client, RequestFactory, override_settings

from config.errors import server_error
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory


def logged_in(role: Role) -> Client:
    client = Client()
    client.force_login(UserFactory(role=role))
    return client


def assert_site_page(html: str, heading: str) -> None:
    assert heading in html
    assert 'class="site-header"' in html and 'lang="vi"' in html
    assert "Using the URLconf" not in html and "Traceback" not in html


@pytest.mark.django_db
def test_an_unknown_address_gets_the_sites_vietnamese_404_page() -> None:
    response = Client().get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert_site_page(response.content.decode(), "Không tìm thấy trang")


@pytest.mark.django_db
@override_settings(DEBUG=True, ERROR_PAGES_IN_DEBUG=True)
def test_in_demo_mode_under_debug_a_404_is_the_sites_page_not_the_list_of_url_patterns() -> None:
    missing = Client().get("/khong-co-trang-nay/")
    assert missing.status_code == 404
    assert_site_page(missing.content.decode(), "Không tìm thấy trang")
    raised = logged_in(Role.SUPERVISOR).get("/quan-tri/ho-so/000.00.00.H00-260101-0001/")  # Http404 in a view
    assert raised.status_code == 404
    assert_site_page(raised.content.decode(), "Không tìm thấy trang")
    assert Client().get("/lien-he").status_code == 301  # APPEND_SLASH still redirects


@pytest.mark.django_db
@override_settings(DEBUG=True, ERROR_PAGES_IN_DEBUG=False)
def test_a_developer_can_keep_djangos_technical_404_under_debug() -> None:
    assert "Using the URLconf" in Client().get("/khong-co-trang-nay/").content.decode()


@pytest.mark.django_db
def test_a_role_refused_a_page_gets_the_sites_vietnamese_403_page_and_no_link_to_it() -> None:
    specialist = logged_in(Role.SPECIALIST)
    refused = specialist.get("/quan-tri/so-theo-doi.pdf")
    assert refused.status_code == 403
    assert_site_page(refused.content.decode(), "Không có quyền truy cập")
    assert "Forbidden" not in refused.content.decode()
    listing = specialist.get("/quan-tri/ho-so/").content.decode()
    assert "/quan-tri/so-theo-doi.pdf" not in listing and "/quan-tri/ho-so/tiep-nhan/" not in listing
    assert (
        "/quan-tri/so-theo-doi.pdf" in logged_in(Role.DESK_OFFICER).get("/quan-tri/ho-so/").content.decode()
    )


@pytest.mark.django_db
def test_the_agency_page_links_the_access_log_only_for_roles_that_may_open_it() -> None:
    specialist = UserFactory(role=Role.SPECIALIST)
    leader = UserFactory(role=Role.LEADER, agency=specialist.agency)
    page = f"/quan-tri/co-quan/{specialist.agency.code}/"
    log = f"{page}nhat-ky-truy-cap/"
    for user, shown in ((specialist, False), (leader, True)):
        client = Client()
        client.force_login(user)
        assert (log in client.get(page).content.decode()) is shown
        assert client.get(log).status_code == (200 if shown else 403)


def test_the_500_page_renders_without_a_request_context_or_the_database() -> None:
    response = server_error(RequestFactory().get("/thu-tuc/"))  # no django_db: a query would fail
    html = response.content.decode()
    assert response.status_code == 500
    assert_site_page(html, "Hệ thống gặp lỗi")
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.django_db
@override_settings(DEBUG=True, ERROR_PAGES_IN_DEBUG=True)
def test_in_demo_mode_a_crash_shows_the_sites_500_page_and_the_traceback_goes_to_the_log(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(**kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("motcua.portal.views.selectors.popular_procedures", broken)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert_site_page(response.content.decode(), "Hệ thống gặp lỗi")
    assert any(record.exc_info and "boom" in str(record.exc_info[1]) for record in caplog.records)


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_api_routes_keep_their_json_error_shape(debug: bool) -> None:
    with override_settings(DEBUG=debug, ERROR_PAGES_IN_DEBUG=True):
        response = Client().get("/api/v1/khong-co/")
    assert response.status_code == 404
    assert json.loads(response.content) == {"detail": "Không tìm thấy.", "errors": []}


@pytest.mark.django_db
def test_a_form_refused_for_its_csrf_token_gets_the_sites_page_with_a_way_forward() -> None:
    response = Client(enforce_csrf_checks=True).post("/dang-nhap/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    html = response.content.decode()
    assert_site_page(html, "Biểu mẫu đã hết hạn")
    assert "CSRF verification failed" not in html
