"""The desk records the Decision 766 flags of a dossier (fees paid online, digitised documents
reused) from the dossier page: one POST, back to the page."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from motcua.accounts.access import check_page_role, roles_required
from motcua.accounts.models import User
from motcua.dossiers.codes import code_key
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.dossiers.services import FLAG_ROLES, dossier_flags_set


class FlagsForm(forms.Form):
    paid_online = forms.BooleanField(required=False)
    reused_digitised = forms.BooleanField(required=False)


@roles_required(*FLAG_ROLES)
def dossier_flags(request: HttpRequest, code: str) -> HttpResponse:
    """POST sets both flags as the form's boxes say; GET goes back to the dossier page."""
    assert isinstance(request.user, User)
    dossier = get_object_or_404(dossiers_visible_to(request.user), code_key=code_key(code))
    check_page_role(request)
    if request.method == "POST":
        form = FlagsForm(request.POST)
        form.is_valid()  # two check boxes: always valid
        dossier_flags_set(dossier=dossier, officer=request.user, **form.cleaned_data)
    return redirect("backoffice:dossier_detail", code=dossier.code)
