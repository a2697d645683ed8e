"""Forms of the catalogue's back-office pages: validation and cleaning only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from motcua.catalog import services
from motcua.catalog.models import Contact, ContactOfficer, RequiredDocument
from motcua.core.text import nfc
from motcua.core.uploads import UploadRefused


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


class RequiredDocumentForm(forms.ModelForm):
    """A document of the official list (the admin's inline): its blank form and sample pass the
    upload check (`services.document_file`) and are kept under a name of our own."""

    class Meta:
        model = RequiredDocument
        fields = ("order", "name", "originals", "copies", "mandatory", "condition", "template", "sample")

    def _file(self, name: str) -> Any:
        value = self.cleaned_data.get(name)
        if not isinstance(value, UploadedFile):  # unchanged, cleared or empty
            return value
        try:
            return services.document_file(value)
        except UploadRefused as refused:
            raise forms.ValidationError(refused.naming(value.name or "")) from None

    def clean_template(self) -> Any:
        return self._file("template")

    def clean_sample(self) -> Any:
        return self._file("sample")


OfficerFormSet = forms.formset_factory(OfficerForm, extra=2, can_delete=True, max_num=20)


def officers_from(formset: forms.BaseFormSet) -> list[dict[str, str]]:
    """The officers a valid formset describes, in order, skipping blank and deleted rows."""
    return [
        {k: form.cleaned_data.get(k, "") for k in ("name", "position", "phone")}
        for form in formset.forms
        if form.cleaned_data and form.cleaned_data.get("name") and not form.cleaned_data.get("DELETE")
    ]


PROCEDURE_SEARCH_LABEL = _("Tìm theo tên hoặc mã (không cần dấu)")
