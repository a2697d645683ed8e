"""Django forms of the back-office dossier pages: what each page reads from a request, one field and
one validation each; the rules of the field (a document outside the version's list, an outcome's
reason, an applicant's ID number) stay in the use cases, which answer `InvalidInput` as the API's do.

A form is validated inside the view after the role check (and, for a dossier, after the 404 and the
state), so that the refusal order of CONTRACTS §5 holds on pages as in the API.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.catalog.models import ProcedureVersion
from motcua.core.bounds import YEARS, year_in_range
from motcua.core.instants import parse_instant
from motcua.dossiers.models import State
from motcua.dossiers.services import Applicant, DocumentIn

APPLICANT_FIELDS = ("kind", "name", "id_number", "tax_code", "phone", "email", "province", "district",
                    "commune", "street")  # fmt: skip
SUMMARY = gettext_lazy("Hồ sơ chưa lưu được: kiểm tra các trường được đánh dấu.")


def errors_of(form: forms.Form) -> dict[str, str]:
    """The form's errors by input name, as the templates mark them (`errors.<name>`)."""
    return {name: " ".join(str(m) for m in messages) for name, messages in form.errors.items()}


class Count(forms.IntegerField):
    """A number of originals, copies or sets: 0–999, empty for the default."""

    def __init__(self, *, message: Any = None, default: int = 0, **kwargs: Any) -> None:
        message = message or gettext_lazy("Nhập một số nguyên từ 0 đến 999.")
        super().__init__(
            required=False, min_value=0, max_value=999,
            error_messages={"invalid": message, "min_value": message, "max_value": message}, **kwargs,
        )  # fmt: skip
        self.default = default

    def clean(self, value: Any) -> int:
        cleaned = super().clean(value.strip() if isinstance(value, str) else value)
        return self.default if cleaned is None else int(cleaned)


class InstantField(forms.CharField):
    """A time as the desk types it (ISO 8601 or dd/mm/yyyy hh:mm, Vietnam time), in the calendar's years."""

    def clean(self, value: Any) -> datetime | None:
        raw = (super().clean(value) or "").strip()
        if not raw:
            return None
        try:
            return parse_instant(raw)
        except ValueError:  # not an instant, or outside the calendar's years
            raise forms.ValidationError(
                _("Nhập ngày giờ theo dạng dd/mm/yyyy hh:mm, năm %(first)s–%(last)s.") % YEARS
            ) from None


class DateField(forms.CharField):
    """A calendar date (YYYY-MM-DD or dd/mm/yyyy) in the calendar's years; empty for `default`."""

    def __init__(self, *, default: Any = None, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)
        self.default = default

    def clean(self, value: Any) -> date:
        raw = (super().clean(value) or "").strip()
        if not raw:
            return self.default() if callable(self.default) else self.default
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                day = datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date, no time
            except ValueError:
                continue
            if year_in_range(day):
                return day
            break
        raise forms.ValidationError(_("Nhập ngày theo dạng dd/mm/yyyy, năm %(first)s–%(last)s.") % YEARS)


class IdList(forms.Field):
    """Documents ticked by their id (the version's list is checked by the use case)."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value: Any) -> list[int]:
        ids = []
        for raw in value or []:
            try:
                ids.append(int(raw))
            except (TypeError, ValueError):
                raise forms.ValidationError(_("Chỉ chọn giấy tờ trong danh mục thành phần hồ sơ.")) from None
        return ids


class IntakeForm(forms.Form):
    """The desk's intake of one dossier of `version` with one outcome (CONTRACTS §4; forms 01–03):
    the applicant, one row per document of the official list (received, originals, copies, scan),
    the channel, the return method and the outcome."""

    applicant_kind = forms.CharField(required=False)
    applicant_name = forms.CharField(required=False, strip=False)
    applicant_id_number = forms.CharField(required=False, strip=False)
    applicant_tax_code = forms.CharField(required=False, strip=False)
    applicant_phone = forms.CharField(required=False, strip=False)
    applicant_email = forms.CharField(required=False, strip=False)
    applicant_province = forms.CharField(required=False, strip=False)
    applicant_district = forms.CharField(required=False, strip=False)
    applicant_commune = forms.CharField(required=False, strip=False)
    applicant_street = forms.CharField(required=False, strip=False)
    channel = forms.CharField(required=False)
    return_method = forms.CharField(required=False)
    outcome = forms.CharField(required=False)
    guide_documents = IdList(required=False)
    reason = forms.CharField(required=False, strip=False)
    postal_tracking_number = forms.CharField(required=False, strip=False)
    postal_delivered_at = InstantField(required=False)
    sets = Count(default=1, message=gettext_lazy("Số bộ hồ sơ phải là số nguyên từ 1 trở lên."))

    def __init__(self, version: ProcedureVersion, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.document_ids = [d.pk for d in version.documents.all()]
        for pk in self.document_ids:
            self.fields[f"doc_{pk}_received"] = forms.BooleanField(required=False)
            self.fields[f"doc_{pk}_originals"] = Count()
            self.fields[f"doc_{pk}_copies"] = Count()
            self.fields[f"doc_{pk}_scan"] = forms.FileField(required=False, allow_empty_file=True)

    def intake_arguments(self) -> dict[str, Any]:
        """The keyword arguments of `dossier_intake` (call after `is_valid()`)."""
        data = self.cleaned_data
        documents = [
            DocumentIn(
                pk,
                originals=data[f"doc_{pk}_originals"],
                copies=data[f"doc_{pk}_copies"],
                scan=data[f"doc_{pk}_scan"],
            )
            for pk in self.document_ids
            if data[f"doc_{pk}_received"]
        ]
        return {
            "procedure_version": self.version,
            "applicant": Applicant(**{name: data[f"applicant_{name}"] for name in APPLICANT_FIELDS}),
            "documents": documents,
            "channel": data["channel"],
            "return_method": data["return_method"],
            "outcome": data["outcome"],
            "guide_documents": data["guide_documents"],
            "reason": data["reason"],
            "postal_tracking_number": data["postal_tracking_number"],
            "postal_delivered_at": data["postal_delivered_at"],
            "sets": data["sets"],
        }


class DossierFilterForm(forms.Form):
    """The dossier list's search: text (code, name, phone) and a state. (An inspector's reason is not a
    search field: it is stated by POST and kept in the session, `backoffice.reasons`.)"""

    q = forms.CharField(required=False)
    state = forms.CharField(required=False)

    def clean_q(self) -> str:
        return str(self.cleaned_data["q"]).strip()[:100]

    def clean_state(self) -> str:
        state = self.cleaned_data["state"]
        return state if state in State.values else ""


class RegisterPeriodForm(forms.Form):
    """Form 07's period: `start`–`end` (this month so far by default), at most a year."""

    start = DateField(default=lambda: timezone.localdate().replace(day=1))
    end = DateField(default=timezone.localdate)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None:
            if end < start:
                self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
            elif (end - start).days > 366:
                self.add_error("end", _("Mỗi lần in tối đa một năm."))
        return data
