"""Forms of the editors' pages for published information: validation and cleaning only."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency
from motcua.catalog.models import Guide, Publication
from motcua.catalog.publication_services import PUBLICATION_FIELDS
from motcua.core.bounds import validate_year_in_range
from motcua.core.exceptions import InvalidInput
from motcua.core.periods import Period, month_containing
from motcua.core.text import nfc

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PublicationForm(forms.ModelForm):
    """The editable parts of a publication. The agency list offers the agencies the editor publishes
    for; any other agency passes the form and is refused by the service (403), as CONTRACTS §5 says."""

    class Meta:
        model = Publication
        fields = PUBLICATION_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 12}),
            "issue_date": DATE_WIDGET,
            "effective_date": DATE_WIDGET,
        }
        help_texts = {
            "body": _("Mỗi đoạn cách nhau một dòng trống."),
            "document_number": _("Với văn bản: số hiệu, ví dụ 123/QĐ-UBND. Để trống với tin tức."),
        }

    def __init__(self, *args: Any, allowed_agencies: Iterable[Agency] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.all()  # type: ignore[attr-defined]
        self.fields["agency"].widget.choices = [("", "---------")] + [
            (a.pk, a.name) for a in allowed_agencies
        ]
        replaced = Publication.objects.public()
        if self.instance.pk:
            replaced = replaced.exclude(pk=self.instance.pk)
        self.fields["replaced_by"].queryset = replaced  # type: ignore[attr-defined]

    def clean_title(self) -> str:
        return nfc(self.cleaned_data["title"])


class PublishForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Đăng lúc (để trống: đăng ngay)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )

    def clean_publish_at(self) -> datetime | None:
        return self.cleaned_data.get("publish_at")


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Lý do gỡ"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Tên tệp hiển thị"), max_length=300, required=False)
    file = forms.FileField(label=_("Tệp (PDF, Word, OpenDocument, Excel, JPEG hoặc PNG)"))


class GuideForm(forms.ModelForm):
    class Meta:
        model = Guide
        fields = ("title", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}


class CountsForm(forms.Form):
    """A period for the counts: two dates in the calendar's years, each defaulting to the reporting
    month containing today (an end alone before that month's start is refused), at most
    MAX_REPORT_DAYS long. `cleaned_data["period"]` is the period."""

    start = forms.DateField(
        label=_("Từ ngày"), required=False, widget=DATE_WIDGET, validators=[validate_year_in_range]
    )
    end = forms.DateField(
        label=_("Đến ngày"), required=False, widget=DATE_WIDGET, validators=[validate_year_in_range]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        default = month_containing(timezone.localdate())
        start = data.get("start") or default.start
        end = data.get("end") or max(start, default.end)
        try:
            data["period"] = Period(start, end).check_length()
        except InvalidInput as error:
            raise forms.ValidationError(error.message) from None
        return data
