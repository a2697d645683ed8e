"""Dossier errors whose messages are safe to show (Vietnamese)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.core.exceptions import Conflict, FieldError, InvalidInput


class NotOnOfficialList(InvalidInput):
    """A document outside the procedure version's official list: a prohibited act (DOMAIN §3)."""

    def __init__(self, field: str, names: list[str]) -> None:
        message = _(
            "Chỉ được yêu cầu giấy tờ thuộc danh mục thành phần hồ sơ của thủ tục: %(names)s không thuộc danh mục."
        ) % {"names": "; ".join(names)}
        super().__init__(message, [FieldError(field, message)])


class WrongState(Conflict):
    def __init__(self, state_label: str) -> None:
        super().__init__(
            _("Không thực hiện được thao tác này khi hồ sơ đang ở trạng thái “%(state)s”.")
            % {"state": state_label}
        )
