"""The demo locality: Cam Ranh city (Khánh Hòa) as its 2022 reform plan names it.

Historical demo data: district-level Cam Ranh existed until the 2025 reorganisation.
Identifier codes follow the official character set but are illustrative, not the real ones.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import Agency, AgencyAlias, AgencyGroup, User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.core.text import fold

PROVINCE = "Khánh Hòa"
DISTRICT = "Thành phố Cam Ranh"
CITY_CODE = "000.00.31.H34"

K = Agency.Kind
# (code, name, kind, parent code or None, commune/ward, street, phone, hotline, e-mail)
AGENCIES: list[tuple[str, str, str, str | None, str, str, str, str, str]] = [
    (
        CITY_CODE,
        "UBND thành phố Cam Ranh",
        K.PEOPLES_COMMITTEE,
        None,
        "Phường Cam Lộc",
        "2158 Đại lộ Hùng Vương",
        "02583854165",
        "02583951999",
        "ubnd@camranh.example.vn",
    ),
    (
        "000.01.31.H34",
        "Văn phòng HĐND và UBND thành phố",
        K.SPECIALISED_OFFICE,
        CITY_CODE,
        "Phường Cam Lộc",
        "2158 Đại lộ Hùng Vương",
        "02583854166",
        "",
        "vanphong@camranh.example.vn",
    ),
    (
        "000.11.31.H34",
        "Bộ phận tiếp nhận và trả kết quả thành phố Cam Ranh",
        K.SERVICE_CENTER,
        "000.01.31.H34",
        "Phường Cam Lộc",
        "2158 Đại lộ Hùng Vương",
        "02583858789",
        "02583951999",
        "motcua@camranh.example.vn",
    ),
    (
        "000.02.31.H34",
        "Phòng Nội vụ",
        K.SPECIALISED_OFFICE,
        CITY_CODE,
        "Phường Cam Lộc",
        "2158 Đại lộ Hùng Vương",
        "02583854210",
        "",
        "noivu@camranh.example.vn",
    ),
    (
        "000.03.31.H34",
        "Phòng Tài chính - Kế hoạch",
        K.SPECIALISED_OFFICE,
        CITY_CODE,
        "Phường Cam Lộc",
        "2158 Đại lộ Hùng Vương",
        "02583854211",
        "",
        "tckh@camranh.example.vn",
    ),
    (
        "000.04.31.H34",
        "Phòng Tài nguyên và Môi trường",
        K.SPECIALISED_OFFICE,
        CITY_CODE,
        "Phường Cam Lộc",
        "2158 Đại lộ Hùng Vương",
        "02583854212",
        "",
        "tnmt@camranh.example.vn",
    ),
    (
        "000.05.31.H34",
        "Phòng Văn hóa và Thông tin",
        K.SPECIALISED_OFFICE,
        CITY_CODE,
        "Phường Cam Lộc",
        "2158 Đại lộ Hùng Vương",
        "02583854213",
        "",
        "vhtt@camranh.example.vn",
    ),
    (
        "000.06.31.H34",
        "Ban biên tập Cổng thông tin điện tử thành phố",
        K.OTHER,
        "000.05.31.H34",
        "Phường Cam Lộc",
        "2158 Đại lộ Hùng Vương",
        "02583854214",
        "",
        "cong@camranh.example.vn",
    ),
    (
        "000.20.31.H34",
        "Chi nhánh Văn phòng đăng ký đất đai Cam Ranh",
        K.EXTERNAL_BRANCH,
        None,
        "Phường Cam Lộc",
        "Đường 3 tháng 4",
        "02583855678",
        "",
        "vpdkdd@camranh.example.vn",
    ),
    (
        "000.21.31.H34",
        "Chi cục Thuế khu vực Nam Khánh Hòa",
        K.EXTERNAL_BRANCH,
        None,
        "Phường Cam Lộc",
        "Đường 22 tháng 8",
        "02583854567",
        "",
        "chicucthue@camranh.example.vn",
    ),
]
WARDS = [
    "Ba Ngòi",
    "Cam Linh",
    "Cam Lộc",
    "Cam Lợi",
    "Cam Nghĩa",
    "Cam Phú",
    "Cam Phúc Bắc",
    "Cam Phúc Nam",
    "Cam Thuận",
]
COMMUNES = ["Cam Bình", "Cam Lập", "Cam Phước Đông", "Cam Thành Nam", "Cam Thịnh Đông", "Cam Thịnh Tây"]
ALIASES = {
    "000.20.31.H34": ["Văn phòng đăng ký đất đai thành phố Cam Ranh", "Chi nhánh VPĐKĐĐ Cam Ranh"],
    "000.01.31.H34": ["Văn phòng HĐND-UBND thành phố"],
}

DESK_CODE = "000.11.31.H34"
LAND_CODE, TAX_CODE = "000.20.31.H34", "000.21.31.H34"
# CONTRACTS §5: besides its own agency and those above it (the city), the city's desk receives the
# dossiers of these agencies outside the tree — as an administrator would set it in the admin.
DESK_RECEIVES_FOR = {DESK_CODE: [LAND_CODE, TAX_CODE]}
# username, full name, role, agency code
USERS: list[tuple[str, str, Role, str]] = [
    ("tiepnhan", "Nguyễn Thị Thu Hà", Role.DESK_OFFICER, DESK_CODE),
    ("chuyenvien", "Trần Văn Bình", Role.SPECIALIST, "000.04.31.H34"),
    ("lanhdao", "Lê Minh Châu", Role.LEADER, "000.04.31.H34"),
    ("giamsat", "Phạm Thị Dung", Role.SUPERVISOR, "000.01.31.H34"),
    ("thanhtra", "Hoàng Văn Em", Role.INSPECTOR, "000.02.31.H34"),
    ("bientap", "Võ Thị Giang", Role.EDITOR, "000.06.31.H34"),
    ("quantri", "Đặng Quốc Huy", Role.ADMIN, "000.01.31.H34"),
    ("chutich", "Lương Văn Khải", Role.LOCALITY_LEADER, CITY_CODE),
    ("kiosk", "Máy đánh giá quầy 1", Role.KIOSK, DESK_CODE),
    ("tiepnhan.camlinh", "Bùi Thị Lan", Role.DESK_OFFICER, "000.52.31.H34"),
]
DEMO_PASSWORD = "motcua-demo-2022"  # noqa: S105 - public demo password, set only when DEMO_MODE is on
# The RFC 6238 test key ("12345678901234567890"), for the demo administrator only: base32
# GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ. `./dev otp` prints the current code.
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"


def _ward_code(index: int) -> str:
    return f"000.{50 + index:02d}.31.H34"


# Every place where work happens has its demo accounts, named `<role>.<place>` (README): a desk
# officer `tiepnhan.<place>` at every desk (the city's one-stop unit and each ward or commune), a
# specialist `chuyenvien.<place>` and a leader `lanhdao.<place>` at every agency that holds a step
# of a demo procedure (the demo walk, motcua/dossiers/tests/test_demo_walk.py, checks it is enough).
# The first accounts above keep their short names.
PLACES: dict[str, str] = {
    CITY_CODE: "ubnd",
    DESK_CODE: "motcua",
    "000.02.31.H34": "noivu",
    "000.03.31.H34": "tckh",
    "000.04.31.H34": "tnmt",
    "000.05.31.H34": "vhtt",
    LAND_CODE: "vpdkdd",
    TAX_CODE: "thue",
    **{_ward_code(i): fold(place).replace(" ", "") for i, place in enumerate([*WARDS, *COMMUNES], start=1)},
}
DESKS = [DESK_CODE, *(_ward_code(i) for i in range(1, len(WARDS) + len(COMMUNES) + 1))]
_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
_MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Quốc", "Thanh", "Hữu", "Xuân", "Đức", "Kim", "Hoài"]
_GIVEN = ["An", "Bảo", "Cường", "Duy", "Hạnh", "Hiếu", "Hòa", "Hùng", "Khoa", "Linh", "Loan", "My", "Nga",
          "Nhân", "Oanh", "Phương", "Quân", "Quyên", "Sang", "Thảo", "Thịnh", "Trâm", "Uyên", "Vân", "Vinh"]  # fmt: skip


def _place_users() -> list[tuple[str, str, Role, str]]:
    wanted = [(f"tiepnhan.{PLACES[code]}", Role.DESK_OFFICER, code) for code in DESKS]
    wanted += [
        (f"{prefix}.{place}", role, code)
        for code, place in PLACES.items()
        for prefix, role in (("chuyenvien", Role.SPECIALIST), ("lanhdao", Role.LEADER))
    ]
    taken = {u[0] for u in USERS}
    users = []
    for n, (username, role, code) in enumerate(w for w in wanted if w[0] not in taken):
        name = f"{_FAMILY[n % 13]} {_MIDDLE[n % 11]} {_GIVEN[n % 25]}"  # distinct for 13 × 11 × 25 names
        users.append((username, name, role, code))
    return users


USERS += _place_users()


@transaction.atomic
def seed() -> None:
    """Create or update the demo locality; running it again changes nothing."""
    for code, name, kind, parent, commune, street, phone, hotline, email in AGENCIES:
        Agency.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "parent": Agency.objects.get(code=parent) if parent else None,
                "province": PROVINCE,
                "district": DISTRICT,
                "commune": commune,
                "street": street,
                "phone": phone,
                "hotline": hotline,
                "email": email,
            },
        )
    city = Agency.objects.get(code=CITY_CODE)
    local_units = [(f"UBND phường {w}", f"Phường {w}") for w in WARDS] + [
        (f"UBND xã {c}", f"Xã {c}") for c in COMMUNES
    ]
    for index, (name, place) in enumerate(local_units, start=1):
        Agency.objects.update_or_create(
            code=_ward_code(index),
            defaults={
                "name": name,
                "kind": K.COMMUNE,
                "parent": city,
                "province": PROVINCE,
                "district": DISTRICT,
                "commune": place,
            },
        )
    for code, names in ALIASES.items():
        for alias in names:
            AgencyAlias.objects.get_or_create(agency=Agency.objects.get(code=code), name=alias)
    for code, others in DESK_RECEIVES_FOR.items():
        Agency.objects.get(code=code).receives_for.add(*Agency.objects.filter(code__in=others))

    communes = Agency.objects.filter(kind=K.COMMUNE)
    offices = Agency.objects.filter(kind=K.SPECIALISED_OFFICE)
    groups = {
        "UBND các xã, phường": communes,
        "Các cơ quan chuyên môn": offices,
        "Các cơ quan, đơn vị": Agency.objects.exclude(kind=K.COMMUNE),
    }
    for name, members in groups.items():
        group, _ = AgencyGroup.objects.get_or_create(name=name)
        group.agencies.set(members)

    for username, full_name, role, agency_code in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "agency": Agency.objects.get(code=agency_code),
                "email": f"{username}@camranh.example.vn",
                "is_staff": role == Role.ADMIN,
                "is_superuser": role == Role.ADMIN,
            },
        )
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
        if created:
            if settings.DEMO_MODE:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save()
        if role == Role.ADMIN and settings.DEMO_MODE:
            TOTPDevice.objects.get_or_create(
                user=user, name="MotCua demo", defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True}
            )
