"""Back-office pages of the catalogue for editors: the procedure list and the agencies' contacts.

Full editing of procedures and versions is in the Django admin (motcua/catalog/admin.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from motcua.accounts.access import agencies_visible_to, check_page_role, roles_required
from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.catalog import selectors, services
from motcua.catalog.forms import PROCEDURE_SEARCH_LABEL, ContactForm, OfficerFormSet, officers_from
from motcua.catalog.models import Contact

EDITORS = (Role.EDITOR, Role.ADMIN)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@roles_required(*EDITORS)
def procedure_list(request: HttpRequest) -> HttpResponse:
    check_page_role(request)
    q = request.GET.get("q", "")[:200]
    procedures = selectors.procedure_search(q).select_related("field").prefetch_related("versions")
    page = Paginator(procedures, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/catalog_procedure_list.html",
        {"page": page, "q": q, "search_label": PROCEDURE_SEARCH_LABEL},
    )


@roles_required(*EDITORS)
def contact_list(request: HttpRequest) -> HttpResponse:
    check_page_role(request)
    agencies = agencies_visible_to(_user(request)).select_related("contact").order_by("code")
    return render(request, "backoffice/catalog_contact_list.html", {"agencies": agencies})


@roles_required(*EDITORS)
def contact_edit(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = get_object_or_404(agencies_visible_to(_user(request)), code=agency_code.upper())
    check_page_role(request)
    contact = Contact.objects.filter(agency=agency).first()
    initial_officers = (
        [{"name": o.name, "position": o.position, "phone": o.phone} for o in contact.officers.all()]
        if contact
        else []
    )
    form = ContactForm(request.POST or None, instance=contact)
    formset = OfficerFormSet(request.POST or None, initial=initial_officers, prefix="officers")
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            services.contact_update(agency=agency, officers=officers_from(formset), **form.cleaned_data)
            messages.success(request, _("Đã lưu thông tin liên hệ của %(agency)s.") % {"agency": agency.name})
            return redirect("backoffice:catalog_contact_list")
        status = 422
    else:
        status = 200
    return render(
        request,
        "backoffice/catalog_contact_edit.html",
        {"agency": agency, "form": form, "formset": formset},
        status=status,
    )
