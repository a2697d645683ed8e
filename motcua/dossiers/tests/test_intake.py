"""Desk intake: one record, one code, exactly one outcome (DOMAIN §3, CONTRACTS §2–4)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.tests.factories import make_version
from motcua.core.exceptions import InvalidInput
from motcua.dossiers.codes import code_key
from motcua.dossiers.exceptions import NotOnOfficialList
from motcua.dossiers.models import Dossier, DossierEvent, State, SupplementRequest
from motcua.dossiers.services import DocumentIn, Outcome, dossier_intake
from motcua.dossiers.tests.factories import all_documents, intake, make_dossier, person
from motcua.notifications.models import Message

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_receiving_starts_the_clock_and_sets_the_due_time_from_the_calendar() -> None:
    # Wednesday 07/02/2024 09:00, 5 working days over Tết 2024 → 21/02/2024 17:00.
    dossier = make_dossier(now=datetime(2024, 2, 7, 9, 0, tzinfo=VN))
    assert dossier.state == State.RECEIVED
    assert dossier.received_at == datetime(2024, 2, 7, 9, 0, tzinfo=VN)
    assert dossier.clock_start_at == datetime(2024, 2, 7, 9, 0, tzinfo=VN)
    assert dossier.due_at == datetime(2024, 2, 21, 17, 0, tzinfo=VN)
    assert {row["kind"] for row in dossier.due_trace} >= {"HOLIDAY", "COMPENSATORY", "WEEKEND"}
    assert dossier.register_number == 1
    assert [e.action for e in dossier.events.all()] == ["create", "receive"]


def test_the_code_is_agency_date_and_sequence() -> None:
    officer = UserFactory(role=Role.DESK_OFFICER)
    when = datetime(2026, 1, 9, 10, 0, tzinfo=VN)
    first = make_dossier(officer=officer, now=when)
    second = make_dossier(officer=officer, now=when, outcome=Outcome.REFUSE)
    assert first.code == f"{officer.agency.code}-260109-0001"
    assert second.code == f"{officer.agency.code}-260109-0002"
    assert first.code_key == code_key(first.code.lower().replace("-", " "))


def test_an_intake_at_half_past_midnight_takes_the_local_date() -> None:
    dossier = make_dossier(now=datetime(2026, 1, 9, 0, 30, tzinfo=VN), outcome=Outcome.REFUSE)
    assert "-260109-" in dossier.code


def test_a_postal_dossier_is_received_when_the_post_delivered_it() -> None:
    version = make_version(channels=["DESK", "POST", "ONLINE"])
    delivered = datetime(2024, 4, 26, 17, 30, tzinfo=VN)  # Friday after hours, before 30/4–1/5
    dossier = make_dossier(
        version=version, channel="POST", postal_tracking_number="EV123456789VN", postal_delivered_at=delivered,
        return_method="POST", now=datetime(2024, 5, 2, 8, 0, tzinfo=VN),
    )  # fmt: skip
    assert dossier.received_at == delivered
    assert dossier.clock_start_at == datetime(2024, 5, 2, 7, 30, tzinfo=VN)


def test_a_postal_dossier_needs_its_tracking_number_and_delivery_time() -> None:
    with pytest.raises(InvalidInput) as caught:
        intake(version=make_version(channels=["DESK", "POST", "ONLINE"]), channel="POST")
    fields = {e.field for e in caught.value.errors}
    assert fields == {"postal.tracking_number", "postal.delivered_at"}


def test_guiding_issues_form_02_with_documents_of_the_official_list_only() -> None:
    result = intake(outcome=Outcome.GUIDE, reason="Tờ khai chưa ký")
    dossier = result.dossier
    assert dossier.state == State.GUIDED
    request = result.supplement_request
    assert request is not None and request.number == f"{dossier.code}/HDHS"
    assert request.stage == SupplementRequest.Stage.INTAKE
    assert dossier.due_at is None and dossier.received_at is None


def test_a_guide_naming_a_document_of_another_procedure_is_refused() -> None:
    other = make_version()
    with pytest.raises(NotOnOfficialList):
        intake(outcome=Outcome.GUIDE, guide_documents=[other.documents.first().pk])
    assert not Dossier.objects.exists()
    assert not SupplementRequest.objects.exists()


def test_a_guide_naming_a_document_of_another_version_of_the_same_procedure_is_refused() -> None:
    old = make_version()
    new = make_version(old.procedure, effective_date=old.effective_date.replace(year=2023))
    with pytest.raises(NotOnOfficialList):
        intake(version=new, outcome=Outcome.GUIDE, guide_documents=[old.documents.first().pk])


def test_receiving_with_a_mandatory_document_missing_is_refused_with_a_hint_to_guide() -> None:
    version = make_version()
    mandatory = version.documents.filter(mandatory=True).first()
    with pytest.raises(InvalidInput, match="hướng dẫn bổ sung"):
        intake(
            version=version,
            documents=[DocumentIn(d.pk, 1, 0) for d in version.documents.exclude(pk=mandatory.pk)],
        )


def test_refusing_needs_a_reason_and_finishes_the_dossier() -> None:
    with pytest.raises(InvalidInput):
        intake(outcome=Outcome.REFUSE, reason="  ")
    dossier = make_dossier(outcome=Outcome.REFUSE)
    assert dossier.state == State.REFUSED
    assert dossier.finished_at is not None
    refusal = dossier.events.get(action="refuse")
    assert refusal.note.text.startswith("Thủ tục không thuộc")
    assert refusal.payload == {"form": f"{dossier.code}/TCHS"}


def test_only_a_desk_officer_takes_dossiers() -> None:
    with pytest.raises(PermissionDenied):
        intake(officer=UserFactory(role=Role.SPECIALIST))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id_number": "123"}, "applicant.id_number"),
        ({"name": " "}, "applicant.name"),
        ({"phone": "12345"}, "applicant.phone"),
        ({"email": "khong-phai-email"}, "applicant.email"),
        ({"kind": "ORGANISATION", "tax_code": "12"}, "applicant.tax_code"),
    ],
)
def test_bad_applicant_data_is_named_field_by_field_and_nothing_is_saved(overrides: dict, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        intake(applicant=person(**overrides))
    assert field in {e.field for e in caught.value.errors}
    assert not Dossier.objects.exists()


PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def test_a_bad_desk_scan_is_named_with_the_applicants_errors_and_nothing_is_saved() -> None:
    version = make_version()
    first, *others = version.documents.all()
    documents = [
        DocumentIn(first.pk, originals=1, scan=SimpleUploadedFile("to-khai.pdf", b"MZ\x90\x00" * 40)),
        *(DocumentIn(d.pk, copies=1) for d in others),
    ]
    with pytest.raises(InvalidInput) as caught:
        intake(version=version, documents=documents, applicant=person(phone="12345"))
    errors = {e.field: e.message for e in caught.value.errors}
    assert set(errors) == {"applicant.phone", f"document_{first.pk}"}
    assert errors[f"document_{first.pk}"].startswith("Tệp “to-khai.pdf” không được nhận: ")
    assert not Dossier.objects.exists()


def test_the_desk_scans_are_checked_file_by_file_not_against_the_online_submissions_totals(
    settings: Any,
) -> None:
    version = make_version()
    documents = [
        DocumentIn(
            d.pk, originals=1, scan=SimpleUploadedFile(f"{d.pk}.pdf", PDF + b"0" * 2000 + b"\n%%EOF\n")
        )
        for d in version.documents.all()
    ]
    assert len(documents) > 1
    settings.ONLINE_MAX_FILES = 1
    settings.ONLINE_MAX_TOTAL_MB = 0.003  # about 3 KB: less than the scans together
    dossier = intake(version=version, documents=documents).dossier
    stored = [row.scan.name for row in dossier.documents.all()]
    assert len(stored) == len(documents) and all(name.endswith(".pdf") for name in stored)


def test_an_old_nine_digit_id_and_an_organisation_tax_code_are_accepted() -> None:
    assert make_dossier(applicant=person(id_number="225123456")).applicant_id_number == "225123456"
    organisation = make_dossier(
        applicant=person(kind="ORGANISATION", name="Công ty TNHH Biển Xanh", tax_code="4201234567-001")
    )
    assert organisation.applicant_tax_code == "4201234567-001"


def test_phones_are_stored_in_e164_and_names_in_nfc() -> None:
    dossier = make_dossier(applicant=person(name="Nguye\u0302\u0303n Va\u0306n A", phone="0905 123 456"))
    assert dossier.applicant_phone == "+84905123456"
    assert dossier.applicant_name == "Nguyễn Văn A"


def test_the_applicant_gets_an_sms_and_an_email_with_the_look_up_link() -> None:
    dossier = make_dossier()
    messages = Message.objects.filter(subject_ref=f"dossier:{dossier.code}")
    assert set(messages.values_list("channel", flat=True)) == {"SMS", "EMAIL"}
    sms = messages.get(channel="SMS")
    assert dossier.code in sms.body
    assert "TC" in sms.body


def test_events_hold_no_personal_data() -> None:
    dossier = make_dossier(outcome=Outcome.REFUSE)
    events = list(DossierEvent.objects.filter(dossier=dossier))
    assert [e.action for e in events] == ["create", "refuse"]
    assert any(e.payload for e in events)  # the facts are there, the personal data is not
    for event in events:
        flat = str(event.payload)
        for secret in (
            dossier.applicant_name,
            dossier.applicant_phone,
            dossier.applicant_id_number,
            "Thủ tục không",
        ):
            assert secret not in flat


def test_a_procedure_not_handled_by_the_desks_agency_cannot_be_taken() -> None:
    officer = UserFactory(role=Role.DESK_OFFICER)
    version = make_version()
    with pytest.raises(InvalidInput) as caught:
        dossier_intake(
            officer=officer, procedure_version=version, applicant=person(), documents=all_documents(version),
            channel="DESK", return_method="DESK", outcome=Outcome.RECEIVE,
        )  # fmt: skip
    assert [e.field for e in caught.value.errors] == ["procedure"]


def test_the_city_desk_receives_for_the_city_above_it() -> None:
    city = AgencyFactory()
    desk = AgencyFactory(parent=AgencyFactory(parent=city))
    version = make_version()
    version.procedure.agencies.set([city])
    officer = UserFactory(role=Role.DESK_OFFICER, agency=desk)
    result = dossier_intake(
        officer=officer, procedure_version=version, applicant=person(), documents=all_documents(version),
        channel="DESK", return_method="DESK", outcome=Outcome.RECEIVE,
    )  # fmt: skip
    assert result.dossier.receiving_agency == desk
