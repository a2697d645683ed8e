"""The roles of CONTRACTS §5, each a Django group of the same Vietnamese name."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DESK_OFFICER = "DESK_OFFICER", _("Cán bộ một cửa")
    SPECIALIST = "SPECIALIST", _("Chuyên viên xử lý")
    LEADER = "LEADER", _("Lãnh đạo cơ quan")
    SUPERVISOR = "SUPERVISOR", _("Giám sát một cửa (Văn phòng UBND)")
    INSPECTOR = "INSPECTOR", _("Thanh tra Nội vụ")
    EDITOR = "EDITOR", _("Biên tập viên cổng thông tin")
    LOCALITY_LEADER = "LOCALITY_LEADER", _("Lãnh đạo UBND")
    KIOSK = "KIOSK", _("Máy đánh giá tại quầy")
    ADMIN = "ADMIN", _("Quản trị hệ thống")


# Group names are stored in Vietnamese (administrators see them in the admin) and never
# translated, so the mapping does not depend on the active language.
GROUP_NAMES: dict[Role, str] = {
    Role.DESK_OFFICER: "Cán bộ một cửa",
    Role.SPECIALIST: "Chuyên viên xử lý",
    Role.LEADER: "Lãnh đạo cơ quan",
    Role.SUPERVISOR: "Giám sát một cửa",
    Role.INSPECTOR: "Thanh tra Nội vụ",
    Role.EDITOR: "Biên tập viên",
    Role.LOCALITY_LEADER: "Lãnh đạo UBND",
    Role.KIOSK: "Máy đánh giá tại quầy",
    Role.ADMIN: "Quản trị hệ thống",
}
ROLE_BY_GROUP: dict[str, Role] = {name: role for role, name in GROUP_NAMES.items()}

# Roles whose work is within the locality's dossiers (everyone but the editor).
CASE_ROLES = frozenset(
    {Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN}
)
# Roles that work across the whole locality rather than their own agency (dossiers with personal data,
# the outbox, staff evaluations, every agency's staff).
LOCALITY_WIDE_ROLES = frozenset({Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN})
# The locality leader reads every agency's dossiers (without personal data), reports and dashboards,
# and nothing that concerns one officer (CONTRACTS §5): it is granted where a page says so, never
# through LOCALITY_WIDE_ROLES.
