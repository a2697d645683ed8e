"""The demo locality: Cam Ranh as the 2022 reform plan names it, loaded idempotently."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from motcua.accounts.demo import DEMO_PASSWORD, USERS
from motcua.accounts.models import Agency, AgencyGroup, User
from motcua.accounts.roles import Role

pytestmark = pytest.mark.django_db


@override_settings(DEMO_MODE=True)
def test_seed_demo_twice_creates_everything_once() -> None:
    call_command("seed_demo", verbosity=0)
    counts = (Agency.objects.count(), User.objects.count(), AgencyGroup.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Agency.objects.count(), User.objects.count(), AgencyGroup.objects.count()) == counts
    assert counts == (25, len(USERS), 3)


@override_settings(DEMO_MODE=True)
def test_every_unit_the_plan_names_is_there_with_a_valid_code() -> None:
    call_command("seed_demo", verbosity=0)
    names = set(Agency.objects.values_list("name", flat=True))
    for unit in [
        "UBND thành phố Cam Ranh",
        "Văn phòng HĐND và UBND thành phố",
        "Bộ phận tiếp nhận và trả kết quả thành phố Cam Ranh",
        "Phòng Nội vụ",
        "Phòng Tài chính - Kế hoạch",
        "Phòng Tài nguyên và Môi trường",
        "Phòng Văn hóa và Thông tin",
        "Ban biên tập Cổng thông tin điện tử thành phố",
        "Chi nhánh Văn phòng đăng ký đất đai Cam Ranh",
        "Chi cục Thuế khu vực Nam Khánh Hòa",
        "UBND phường Cam Linh",
        "UBND xã Cam Thịnh Tây",
    ]:
        assert unit in names
    for agency in Agency.objects.all():
        agency.full_clean()
    land = Agency.objects.get(name="Chi nhánh Văn phòng đăng ký đất đai Cam Ranh")
    assert land.matches("Văn phòng đăng ký đất đai thành phố Cam Ranh")
    assert land.matches("van phong dang ky dat dai thanh pho cam ranh")
    assert AgencyGroup.objects.get(name="UBND các xã, phường").agencies.count() == 15


@override_settings(DEMO_MODE=True)
def test_there_is_one_demo_login_per_role() -> None:
    call_command("seed_demo", verbosity=0)
    roles = set()
    for username, *_ in USERS:
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
        roles |= user.roles
    assert roles == set(Role)


@override_settings(DEMO_MODE=False)
def test_outside_demo_mode_the_demo_users_have_no_password() -> None:
    call_command("seed_demo", verbosity=0)
    assert not User.objects.get(username="tiepnhan").has_usable_password()
