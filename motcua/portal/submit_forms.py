"""Django forms of the online submission's steps and of the citizen's page: one field, one validation.

The applicant's rules (ID number, phone, e-mail) are the domain's (`Applicant.cleaned`), the files'
rules the upload check's (`motcua.core.uploads`); the forms only read the request and hand their
errors back by input name, as the templates mark them (`errors.<name>`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from motcua.core.exceptions import InvalidInput
from motcua.dossiers.services import Applicant

APPLICANT_FIELDS = ("kind", "name", "id_number", "tax_code", "phone", "email", "province", "commune",
                    "street")  # fmt: skip


def errors_of(form: forms.Form) -> dict[str, str]:
    """The form's errors by input name (the first message of each field; "form" for the whole)."""
    return {
        ("form" if name == "__all__" else name): str(messages[0]) for name, messages in form.errors.items()
    }


class Clipped(forms.CharField):
    """Free text cut to `limit` characters (what a draft keeps), never refused for its length."""

    def __init__(self, limit: int = 255, **kwargs: Any) -> None:
        super().__init__(required=False, strip=False, **kwargs)
        self.limit = limit

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value))[: self.limit]


class AgencyForm(forms.Form):
    """Step "co-quan": the receiving agency, among those the version lists."""

    agency = forms.ChoiceField(error_messages={"required": "", "invalid_choice": ""})

    def __init__(self, agencies: Iterable[Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        message = gettext_lazy("Chọn cơ quan tiếp nhận hồ sơ.")
        field = self.fields["agency"]
        field.choices = [(a.code, a.name) for a in agencies]  # type: ignore[attr-defined]
        field.error_messages = {"required": message, "invalid_choice": message}


class ApplicantForm(forms.Form):
    """Step "nguoi-nop": the applicant, checked by the domain's rules; a phone is required online
    (the dossier's code and its notices go there)."""

    kind = Clipped()
    name = Clipped()
    id_number = Clipped()
    tax_code = Clipped()
    phone = Clipped()
    email = Clipped()
    province = Clipped()
    commune = Clipped()
    street = Clipped()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            cleaned = Applicant(**{name: data.get(name, "") for name in APPLICANT_FIELDS}).cleaned()
        except InvalidInput as exc:
            for error in exc.errors:
                name = error.field.removeprefix("applicant.")
                self.add_error(name if name in self.fields else None, error.message)
            return data
        if not cleaned.phone:
            self.add_error("phone", gettext_lazy("Nhập số điện thoại để nhận mã hồ sơ và thông báo."))
        return data

    def values(self) -> dict[str, str]:
        """The fields as typed (clipped), which the draft keeps and the step shows again."""
        return {name: str(self.fields[name].to_python(self.data.get(name, ""))) for name in APPLICANT_FIELDS}


class DeclarationForm(forms.Form):
    """Step "cam-doan": the applicant's declaration that what they send is true."""

    declaration = forms.BooleanField(
        error_messages={"required": gettext_lazy("Đánh dấu để cam đoan trước khi tiếp tục.")}
    )


class ReturnMethodForm(forms.Form):
    """Step "nhan-ket-qua": how to receive the result, among the version's methods."""

    return_method = forms.ChoiceField()

    def __init__(self, methods: Iterable[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        message = gettext_lazy("Chọn hình thức nhận kết quả.")
        field = self.fields["return_method"]
        field.choices = [(m, m) for m in methods]  # type: ignore[attr-defined]
        field.error_messages = {"required": message, "invalid_choice": message}


CITIZEN_ACTIONS = ("resubmit", "complete_supplement", "withdraw")


class CitizenActionForm(forms.Form):
    """The citizen's page: which action (one of CITIZEN_ACTIONS), the withdrawal's confirmation."""

    action = forms.ChoiceField(choices=[(a, a) for a in CITIZEN_ACTIONS])
    confirm = forms.BooleanField(
        required=False, error_messages={"required": gettext_lazy("Đánh dấu xác nhận rút hồ sơ.")}
    )
