"""The demo catalogue: enough procedures across the fields, every one valid and marked as demo data."""

from __future__ import annotations

import pytest

from motcua.accounts import demo as accounts_demo
from motcua.accounts.models import Agency, User
from motcua.catalog import demo, services
from motcua.catalog.models import Contact, Procedure, ProcedureVersion
from motcua.catalog.selectors import contacts_for_receipt

pytestmark = pytest.mark.django_db


def test_demo_catalogue_is_complete_valid_and_seeding_twice_changes_nothing() -> None:
    accounts_demo.seed()
    demo.seed()
    demo.seed()
    procedures = Procedure.objects.all()
    assert procedures.count() >= 30
    assert all(p.is_demo for p in procedures)
    assert set(procedures.values_list("field__code", flat=True)) == set(demo.FIELDS)
    assert {Procedure.Level.COMMUNE, Procedure.Level.DISTRICT} <= set(
        procedures.values_list("level", flat=True)
    )
    for version in ProcedureVersion.objects.all():
        services.procedure_version_check(version=version)
        assert version.is_published and version.documents.exists()
    land = Procedure.objects.get(code="1.004227").versions.get()
    assert {s.agency.code for s in land.steps.all() if s.agency} >= {demo.LAND, demo.TAX}
    assert ProcedureVersion.objects.filter(procedure__code="1.001193").count() == 2
    assert Contact.objects.count() == len(demo.CONTACTS)
    slip = contacts_for_receipt(Agency.objects.get(code=demo.DESK))
    assert slip.hotline == "0258 3951 999" and slip.officers[0].name == "Nguyễn Thị Thu Hà"


def test_the_contacts_page_names_each_demo_officer_under_the_office_they_work_in() -> None:
    # /lien-he/ gave the city's contact the name of the environment office's leader.
    accounts_demo.seed()
    demo.seed()
    staff = {u.full_name: u for u in User.objects.select_related("agency")}
    named = 0
    for contact in Contact.objects.select_related("agency").prefetch_related("officers"):
        for officer in contact.officers.all():
            user = staff.get(officer.name)
            assert user is not None, f"{officer.name} ({contact.agency}) is no demo officer"
            # their own office, or the office it belongs to (the desk is a unit of the city's office)
            assert user.agency_id in contact.agency.ancestor_ids(), f"{officer.name} under {contact.agency}"
            named += 1
    assert named >= 3
