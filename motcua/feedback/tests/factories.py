"""A cast of officers and petitions reached through the real services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.feedback.models import Category, Channel, Petition
from motcua.feedback.services import Filing, petition_act, petition_file

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN)  # type: ignore[misc]


@dataclass
class Cast:
    root: Agency
    office: Agency
    other: Agency
    specialist: User
    leader: User
    desk: User
    other_specialist: User
    supervisor: User
    inspector: User


def make_cast() -> Cast:
    root = AgencyFactory(code="000.00.00.H99", name="UBND thành phố", kind=Agency.Kind.PEOPLES_COMMITTEE)
    office = AgencyFactory(code="000.04.00.H99", name="Phòng Tư pháp", parent=root)
    other = AgencyFactory(code="000.05.00.H99", name="Phòng Tài nguyên", parent=root)
    return Cast(
        root=root,
        office=office,
        other=other,
        specialist=UserFactory(username="cv", full_name="Trần Văn Bình", agency=office, role=Role.SPECIALIST),
        leader=UserFactory(username="ld", full_name="Lê Minh Châu", agency=office, role=Role.LEADER),
        desk=UserFactory(username="tn", agency=office, role=Role.DESK_OFFICER),
        other_specialist=UserFactory(username="cv2", agency=other, role=Role.SPECIALIST),
        supervisor=UserFactory(username="gs", agency=root, role=Role.SUPERVISOR),
        inspector=UserFactory(username="tt", agency=root, role=Role.INSPECTOR),
    )


def filing(**overrides: Any) -> Filing:
    values: dict[str, Any] = {
        "channel": Channel.PORTAL,
        "category": Category.REGULATION,
        "title": "Thủ tục đăng ký khai sinh yêu cầu giấy tờ ngoài danh mục",
        "content": "Cán bộ yêu cầu nộp thêm bản sao sổ hộ khẩu dù thủ tục không quy định.",
        "name": "Phạm Thị Hương",
        "address": "12 Lê Duẩn, phường Cam Lộc",
        "phone": "0905123456",
        "email": "huong.pham@example.vn",
        "consent": True,
    }
    values.update(overrides)
    return Filing(**values)


def file_petition(at: datetime, **overrides: Any) -> Petition:
    return petition_file(filing(**overrides), now=at)


def answered(cast: Cast, at: datetime, **overrides: Any) -> Petition:
    """A petition carried to ANSWERED on the day it was filed (hours apart)."""
    p = file_petition(at, agency=cast.office, **overrides)
    p = petition_act(p, "receive", officer=cast.specialist, body={"category": "REGULATION"}, now=at)
    p = petition_act(p, "start", officer=cast.specialist, now=at)
    p = petition_act(
        p,
        "draft",
        officer=cast.specialist,
        body={"answer": "Giấy tờ đó không bắt buộc; đã chấn chỉnh."},
        now=at,
    )
    return petition_act(p, "approve", officer=cast.leader, now=at)


def walk_petition(agency: Agency) -> Petition:
    """The access walk's petition: assigned to `agency`, filed by a citizen on the portal."""
    return file_petition(local(2026, 2, 9, 8, 0), agency=agency)
