"""Forms of the catalogue's back-office pages: validation and cleaning only."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Contact, ContactOfficer
from motcua.core.text import nfc


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ("hotline", "email", "note")


class OfficerForm(forms.ModelForm):
    class Meta:
        model = ContactOfficer
        fields = ("name", "position", "phone")

    def clean_name(self) -> str:
        return nfc(self.cleaned_data["name"])


OfficerFormSet = forms.formset_factory(OfficerForm, extra=2, can_delete=True, max_num=20)


def officers_from(formset: forms.BaseFormSet) -> list[dict[str, str]]:
    """The officers a valid formset describes, in order, skipping blank and deleted rows."""
    return [
        {k: form.cleaned_data.get(k, "") for k in ("name", "position", "phone")}
        for form in formset.forms
        if form.cleaned_data and form.cleaned_data.get("name") and not form.cleaned_data.get("DELETE")
    ]


PROCEDURE_SEARCH_LABEL = _("Tìm theo tên hoặc mã (không cần dấu)")
