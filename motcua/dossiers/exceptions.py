"""Every refusal of the dossiers app, with a message safe to show (Vietnamese): 422 for input
(`NotOnOfficialList`), 409 for the state, the turn or a once-only limit (the rest)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.core.exceptions import Conflict, FieldError, InvalidInput
from motcua.dossiers.models import State


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

    @classmethod
    def of(cls, state: str) -> WrongState:
        """The refusal for a dossier in `state`, naming the state by its label."""
        return cls(str(State(state).label) if state in State.values else state)


class NotYourStep(Conflict):
    """The officer's role may do this, but not now: the dossier's current step is not theirs."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("Hồ sơ đang ở bước xử lý không thuộc phân công của ông/bà."))


class AlreadyDone(Conflict):
    """A once-only limit: a second supplement request by the same agency, a second apology."""


class FormNotIssued(Exception):
    """The dossier has no such form (e.g. form 01 of a refused dossier): 409 for the views."""


class LocalityMissing(Exception):
    """The demo locality or catalogue is not loaded (run `manage.py seed_demo`): `generate_dossiers`."""


class NotLastStep(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Chỉ bước cuối cùng của quy trình mới được ghi nhận có kết quả."))
