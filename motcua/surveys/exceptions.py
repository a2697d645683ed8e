"""Survey refusals with messages safe to show (Vietnamese)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.core.exceptions import Conflict, DomainError


class AlreadyAnswered(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần."))


class NotYetOpen(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Hồ sơ chưa được tiếp nhận nên chưa thể đánh giá."))


class WindowClosed(DomainError):
    """410: the survey closed 30 days after the dossier was returned or closed."""

    status = 410

    def __init__(self) -> None:
        super().__init__(
            _(
                "Đã hết thời hạn đánh giá: phiếu đánh giá đóng sau 30 ngày kể từ khi trả kết quả hoặc kết thúc hồ sơ."
            )
        )


class RatedOfficerMayNotEnter(DomainError):
    """403: a paper form is never entered by the officer it rates."""

    status = 403

    def __init__(self) -> None:
        super().__init__(
            _("Cán bộ được đánh giá không được tự nhập phiếu đánh giá của hồ sơ mình tiếp nhận.")
        )
