"""The back office's menu: its entries grouped by job, and which of them a user is offered.

An entry is offered when its view's declared roles include the user's (`may_open`), so the menu and
the refusals never disagree. The groups are drawn as `<details>` (`templates/backoffice/base.html`):
the group of the page being shown is open (on the home page the first), the others closed, so a phone shows a short menu and no
script is needed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from django.http import HttpRequest
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@lru_cache(maxsize=64)
def _allowed_roles(url_name: str) -> frozenset[str] | None:
    try:
        path = reverse(url_name)
    except NoReverseMatch:  # a page of one object: any value reaches the same view
        path = reverse(url_name, args=["0"])
    view = resolve(path).func
    roles = getattr(view, "allowed_roles", None)
    return None if roles is None else frozenset(roles)


def may_open(request: HttpRequest, url_name: str) -> bool:
    """Whether a menu or a page should offer `url_name`: read from the roles its view declares."""
    roles = _allowed_roles(url_name)
    return roles is None or bool(roles & set(getattr(request.user, "roles", ())))


@dataclass(frozen=True)
class Entry:
    url_name: str  # "backoffice:worklist"
    label: str | Promise
    # The pages reached from this entry (url names without the namespace): on them the entry is
    # marked as where the user is (`aria-current="true"`) and its group is open.
    pages: tuple[str, ...] = ()
    staff_only: bool = False  # offered to `is_staff` users only (the admin site has its own rights)


@dataclass(frozen=True)
class Group:
    key: str
    label: str | Promise
    entries: tuple[Entry, ...]


# Above the groups: where every day starts.
TOP: tuple[Entry, ...] = (
    Entry("backoffice:worklist", _("Việc cần làm")),
    Entry("backoffice:home", _("Tổng quan")),
)
MENU: tuple[Group, ...] = (
    Group("ho-so", _("Hồ sơ"), (
        Entry("backoffice:dossier_list", _("Danh sách hồ sơ"), ("dossier_detail", "dossier_action")),
        Entry("backoffice:dossier_intake", _("Tiếp nhận hồ sơ")),
        Entry("backoffice:late_list", _("Hồ sơ trễ hạn"), ("late_designate",)),
        Entry("backoffice:explanation_list", _("Giải trình hồ sơ trễ hạn"), ("explanation_detail",)),
    )),
    Group("phan-anh-khao-sat", _("Phản ánh, khảo sát"), (
        Entry("backoffice:feedback_list", _("Phản ánh, kiến nghị"), ("feedback_entry", "feedback_detail")),
        Entry("backoffice:survey_results", _("Kết quả đánh giá")),
        Entry("backoffice:survey_paper", _("Nhập phiếu đánh giá giấy")),
        Entry("backoffice:survey_follow_up_list", _("Theo dõi ý kiến người dân"), ("survey_follow_up_detail",)),
    )),
    Group("bao-cao-giam-sat", _("Báo cáo, giám sát"), (
        Entry("backoffice:report_dashboard", _("Bảng điều khiển")),
        Entry("backoffice:report_monthly", _("Báo cáo"), ("report_drill",)),
        Entry("backoffice:report_index", _("Chỉ số 766")),
        Entry("backoffice:plan_list", _("Kế hoạch CCHC"),
              ("plan_detail", "plan_dashboard", "plan_missing", "plan_report", "plan_task_report")),
        Entry("backoffice:roster", _("Lịch trực một cửa")),
        Entry("backoffice:desk_conditions", _("Điều kiện, họp một cửa")),
        Entry("backoffice:periodic_report", _("Báo cáo định kỳ một cửa")),
        Entry("backoffice:staff_evaluation_list", _("Đánh giá cán bộ một cửa"), ("staff_evaluation_detail",)),
        Entry("backoffice:handling_list", _("Đánh giá giải quyết TTHC"), ("handling_detail",)),
        Entry("backoffice:inspection_list", _("Kiểm tra công vụ"), ("inspection_detail",)),
        Entry("backoffice:reminder_list", _("Nhắc nhở cán bộ")),
    )),
    Group("cong-khai", _("Công khai"), (
        Entry("backoffice:catalog_procedure_list", _("Thủ tục hành chính")),
        Entry("backoffice:catalog_contact_list", _("Thông tin liên hệ"), ("catalog_contact_edit",)),
        Entry("backoffice:publication_list", _("Thông tin công khai"), ("publication_create", "publication_edit")),
        Entry("backoffice:guide_list", _("Hướng dẫn"), ("guide_edit",)),
        Entry("backoffice:publication_counts", _("Thống kê công khai")),
    )),
    Group("quan-tri", _("Quản trị"), (
        Entry("backoffice:agency_list", _("Cơ quan, đơn vị"), ("agency_detail", "agency_access_log")),
        Entry("backoffice:outbox_list", _("Tin nhắn đi"), ("outbox_detail",)),
        Entry("accounts:totp_setup", _("Xác thực hai bước")),
        Entry("admin:index", _("Trang quản trị hệ thống"), staff_only=True),
    )),
)  # fmt: skip


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url: str
    current: str  # "page" (this page), "true" (a page reached from it) or ""


@dataclass(frozen=True)
class ShownGroup:
    key: str
    label: str | Promise
    links: tuple[Link, ...]
    open: bool


def _offered(request: HttpRequest, entry: Entry) -> bool:
    if entry.staff_only:
        return bool(getattr(request.user, "is_staff", False))
    return may_open(request, entry.url_name)


@dataclass(frozen=True)
class Menu:
    top: tuple[Link, ...]
    groups: tuple[ShownGroup, ...]


def _link(entry: Entry, here: tuple[str, str]) -> Link:
    namespace, _colon, name = entry.url_name.partition(":")
    current = "page" if here == (namespace, name) else ""
    if not current and here[0] == namespace and here[1] in entry.pages:
        current = "true"
    return Link(entry.label, reverse(entry.url_name), current)


def menu_for(request: HttpRequest) -> Menu:
    """The entries `request.user` is offered: those above the groups, then the groups in menu order
    without empty ones; the group of the page shown is open (on a page of no group, such as the home
    page, the first)."""
    match = request.resolver_match
    here = (match.namespace, match.url_name or "") if match else ("", "")
    top = tuple(_link(entry, here) for entry in TOP if _offered(request, entry))
    groups = []
    for group in MENU:
        links = tuple(_link(entry, here) for entry in group.entries if _offered(request, entry))
        if links:
            groups.append(ShownGroup(group.key, group.label, links, any(link.current for link in links)))
    if groups and not any(group.open for group in groups):
        groups[0] = replace(groups[0], open=True)
    return Menu(top, tuple(groups))
