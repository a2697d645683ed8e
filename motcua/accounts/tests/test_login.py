"""Staff log-in: Vietnamese messages, throttling, and TOTP required for administrators."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem"


def _code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits).token():06d}"


def test_the_log_in_page_is_in_vietnamese(client: Client) -> None:
    html = client.get("/dang-nhap/").content.decode()
    assert '<html lang="vi">' in html
    assert "Tên đăng nhập" in html and "Mật khẩu" in html


def test_a_desk_officer_logs_in_and_reaches_the_back_office(client: Client) -> None:
    officer = UserFactory(role=Role.DESK_OFFICER)
    response = client.post("/dang-nhap/", {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/quan-tri/"
    page = client.get("/quan-tri/").content.decode()
    assert officer.full_name in page and officer.agency.name in page


def test_a_wrong_password_is_refused_in_vietnamese(client: Client) -> None:
    officer = UserFactory(role=Role.DESK_OFFICER)
    response = client.post("/dang-nhap/", {"username": officer.username, "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_five_failures_lock_the_account_even_with_the_right_password(client: Client) -> None:
    officer = UserFactory(role=Role.DESK_OFFICER)
    for _ in range(5):
        client.post("/dang-nhap/", {"username": officer.username, "password": "sai"})
    response = client.post("/dang-nhap/", {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_administrator_must_set_up_totp_before_any_staff_page(client: Client) -> None:
    admin = UserFactory(role=Role.ADMIN)
    client.post("/dang-nhap/", {"username": admin.username, "password": PASSWORD})
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/xac-thuc-hai-buoc/")
    assert client.get("/admin/").status_code == 302

    page = client.get("/tai-khoan/xac-thuc-hai-buoc/")
    assert "<svg" in page.content.decode()  # the QR code to scan
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    wrong = client.post(
        "/tai-khoan/xac-thuc-hai-buoc/", {"token": "000000" if _code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 422
    assert "Mã xác thực không đúng" in wrong.content.decode()

    # django-otp throttles guesses after a failure (1 s, doubling); let that pass.
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post("/tai-khoan/xac-thuc-hai-buoc/", {"token": _code(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/quan-tri/").status_code == 200


def test_an_enrolled_user_needs_the_code_to_log_in(client: Client) -> None:
    admin = UserFactory(role=Role.ADMIN)
    device = TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    response = client.post("/dang-nhap/", {"username": admin.username, "password": PASSWORD})
    assert "hãy nhập mã 6 số" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post(
        "/dang-nhap/", {"username": admin.username, "password": PASSWORD, "otp_token": _code(device)}
    )
    assert response.status_code == 302
    assert client.get("/quan-tri/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_totp_is_optional_for_other_staff(client: Client) -> None:
    specialist = UserFactory(role=Role.SPECIALIST)
    client.post("/dang-nhap/", {"username": specialist.username, "password": PASSWORD})
    assert client.get("/quan-tri/").status_code == 200


@override_settings(OTP_REQUIRED_FOR_ADMINS=False)
def test_the_admin_totp_requirement_is_a_setting(client: Client) -> None:
    admin = UserFactory(role=Role.ADMIN)
    client.post("/dang-nhap/", {"username": admin.username, "password": PASSWORD})
    assert client.get("/quan-tri/").status_code == 200


def test_passwords_are_hashed_with_argon2_in_production() -> None:
    from django.conf import settings

    production = [h for h in settings.PASSWORD_HASHERS if "MD5" not in h]
    assert production[0].endswith("Argon2PasswordHasher")


def _fail(username: str, address: str, **headers: str) -> int:
    client = Client(REMOTE_ADDR=address, **headers)
    return client.post("/dang-nhap/", {"username": username, "password": "sai"}).status_code


@override_settings(AXES_ADDRESS_FAILURE_LIMIT=20)
def test_password_spraying_from_one_address_is_throttled() -> None:
    officers = UserFactory.create_batch(25, role=Role.DESK_OFFICER)
    statuses = [_fail(officer.username, "203.0.113.7") for officer in officers]
    assert statuses[:19] == [200] * 19  # the 20th failure locks the address
    assert set(statuses[19:]) == {429}
    right = Client(REMOTE_ADDR="203.0.113.7").post(
        "/dang-nhap/", {"username": officers[0].username, "password": PASSWORD}
    )
    assert right.status_code == 429
    elsewhere = Client(REMOTE_ADDR="198.51.100.9").post(
        "/dang-nhap/", {"username": officers[0].username, "password": PASSWORD}
    )
    assert elsewhere.status_code == 302


def test_a_lock_out_from_one_address_does_not_lock_the_user_from_another() -> None:
    officer = UserFactory(role=Role.DESK_OFFICER)
    for _ in range(5):
        _fail(officer.username, "203.0.113.7")
    locked = Client(REMOTE_ADDR="203.0.113.7")
    assert locked.post("/dang-nhap/", {"username": officer.username, "password": PASSWORD}).status_code == 429
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert other.post("/dang-nhap/", {"username": officer.username, "password": PASSWORD}).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_clients_are_told_apart_by_the_address_the_proxy_saw() -> None:
    officer = UserFactory(role=Role.DESK_OFFICER)
    for _ in range(5):
        _fail(officer.username, "10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    proxied = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert (
        proxied.post("/dang-nhap/", {"username": officer.username, "password": PASSWORD}).status_code == 302
    )
    forged = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.7")
    assert forged.post("/dang-nhap/", {"username": officer.username, "password": PASSWORD}).status_code == 429
