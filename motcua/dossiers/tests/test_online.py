"""Online submission: uploads checked by content, one dossier per idempotency key, the desk's check
of a SUBMITTED dossier, the citizen's resubmit and withdrawal, GUIDED expiry, and the replay."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import Http404

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.models import OnlineLevel, ProcedureVersion, TimeUnit
from motcua.catalog.tests.factories import ProcedureFactory, make_version
from motcua.core.exceptions import Conflict, InvalidInput
from motcua.dossiers import exceptions, online, processing
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.exceptions import NotOnOfficialList, WrongState
from motcua.dossiers.models import ActorKind, Dossier, DossierEvent, State
from motcua.dossiers.replay import dossier_cached, dossier_replay
from motcua.dossiers.services import dossier_guide, dossier_receive, dossier_refuse
from motcua.dossiers.tests.factories import person, tiny_image
from motcua.dossiers.tests.processing_factories import START
from motcua.notifications.models import Message

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = tiny_image("PNG")
JPEG = tiny_image("JPEG")


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(content: bytes = PDF, name: str = "giay-to.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def online_version(level: str = OnlineLevel.PARTIAL, agencies: int = 1, **parts: Any) -> ProcedureVersion:
    return make_version(
        ProcedureFactory(agencies=[AgencyFactory() for _ in range(agencies)]), online_level=level, **parts
    )


def mandatory_files(version: ProcedureVersion) -> dict[int, Any]:
    return {d.pk: upload() for d in version.documents.filter(mandatory=True)}


def submit(version: ProcedureVersion | None = None, **overrides: Any) -> online.Submitted:
    version = version or online_version()
    params: dict[str, Any] = {
        "procedure_version": version,
        "applicant": person(),
        "files": mandatory_files(version),
        "return_method": "DESK",
        "declaration": True,
        "now": START,
    }
    params.update(overrides)
    return online.dossier_submit_online(**params)


def desk_of(dossier: Dossier) -> Any:
    return UserFactory(role=Role.DESK_OFFICER, agency=dossier.receiving_agency)


def guided(**kwargs: Any) -> Dossier:
    dossier = submit(**kwargs).dossier
    first = dossier.procedure_version.documents.first()
    dossier_guide(dossier=dossier, officer=desk_of(dossier), documents=[first.pk], reason="Ảnh mờ", at=START)
    return dossier


def field_errors(exc: pytest.ExceptionInfo[InvalidInput]) -> set[str]:
    return {e.field for e in exc.value.errors}


# --- submission -----------------------------------------------------------------------------------
def test_an_online_submission_creates_a_submitted_dossier_with_the_agencys_code_and_scans() -> None:
    version = online_version()
    agency = version.procedure.agencies.get()
    result = submit(version)
    dossier = result.dossier
    assert result.created
    assert dossier.state == State.SUBMITTED and dossier.channel == "ONLINE"
    assert dossier.code == f"{agency.code}-260302-0001"
    assert dossier.submitted_at == START and dossier.received_at is None
    event = dossier.events.get()
    assert (event.action, event.actor_kind, event.officer_id) == ("create", ActorKind.CITIZEN, None)
    scans = list(dossier.documents.all())
    assert len(scans) == 1 and scans[0].scan.name.endswith(".pdf")
    assert scans[0].scan.read().startswith(b"%PDF")
    assert dossier.online.electronic_result is False


def test_the_applicant_gets_the_code_and_the_token_link_by_sms_and_email() -> None:
    dossier = submit().dossier
    sms = Message.objects.get(channel="SMS", template_key="dossier_submitted")
    assert dossier.code in sms.body and dossier_token(dossier.code) in sms.body
    assert sms.recipient.endswith("905123456")
    assert Message.objects.filter(channel="EMAIL", template_key="dossier_submitted").exists()


def test_a_file_with_the_wrong_content_renamed_to_pdf_is_refused() -> None:
    version = online_version()
    document = version.documents.get(mandatory=True)
    with pytest.raises(InvalidInput) as exc:
        submit(version, files={document.pk: upload(b"MZ\x90\x00 not a pdf", "hop-dong.pdf")})
    assert f"document_{document.pk}" in field_errors(exc)
    assert not Dossier.objects.exists()


def test_a_file_over_the_size_limit_is_refused(settings: Any) -> None:
    settings.ONLINE_MAX_FILE_MB = 1
    version = online_version()
    document = version.documents.get(mandatory=True)
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(InvalidInput) as exc:
        submit(version, files={document.pk: upload(big)})
    assert f"document_{document.pk}" in field_errors(exc)


def test_too_many_files_or_too_much_in_all_are_refused(settings: Any) -> None:
    version = online_version()
    files = {d.pk: upload(PDF + b"0" * 2000) for d in version.documents.all()}
    settings.ONLINE_MAX_FILES = 1
    with pytest.raises(InvalidInput) as exc:
        submit(version, files=files)
    assert "documents" in field_errors(exc)
    settings.ONLINE_MAX_FILES = 20
    settings.ONLINE_MAX_TOTAL_MB = 0.003  # about 3 KB
    with pytest.raises(InvalidInput) as exc:
        submit(version, files=files)
    assert "documents" in field_errors(exc)
    assert not Dossier.objects.exists()


def test_a_missing_mandatory_document_and_a_missing_declaration_are_invalid() -> None:
    version = online_version()
    with pytest.raises(InvalidInput) as exc:
        submit(version, files={}, declaration=False)
    assert {"declaration", f"document_{version.documents.get(mandatory=True).pk}"} <= field_errors(exc)


def test_a_document_outside_the_official_list_is_refused() -> None:
    other = make_version().documents.first()
    with pytest.raises(NotOnOfficialList):
        submit(files={other.pk: upload()})


def test_a_double_submit_makes_one_dossier() -> None:
    version = online_version()
    first = submit(version, idempotency_key="key-0123456789")
    second = submit(version, idempotency_key="key-0123456789")
    assert first.created and not second.created
    assert second.dossier.pk == first.dossier.pk
    assert Dossier.objects.count() == 1


def test_the_receiving_agency_must_be_named_when_the_version_lists_several() -> None:
    version = online_version(agencies=2)
    with pytest.raises(InvalidInput) as exc:
        submit(version)
    assert "agency" in field_errors(exc)
    chosen = version.procedure.agencies.order_by("code").last()
    dossier = submit(version, agency_code=chosen.code.lower()).dossier
    assert dossier.receiving_agency == chosen and dossier.code.startswith(chosen.code)


def test_only_a_full_online_service_returns_the_result_electronically() -> None:
    with pytest.raises(InvalidInput) as exc:
        submit(online_version(OnlineLevel.PARTIAL), return_method="ONLINE")
    assert "return_method" in field_errors(exc)
    dossier = submit(online_version(OnlineLevel.FULL), return_method="ONLINE").dossier
    assert dossier.online.electronic_result is True


def test_a_procedure_without_online_service_cannot_be_submitted_online() -> None:
    with pytest.raises(InvalidInput):
        submit(online_version(OnlineLevel.NONE))
    with pytest.raises(Http404):
        online.online_version(online_version(OnlineLevel.NONE).procedure.code)


# --- the desk's check -----------------------------------------------------------------------------
def test_the_desk_receives_a_submitted_dossier_and_the_clock_starts() -> None:
    dossier = submit().dossier
    dossier_receive(dossier=dossier, officer=desk_of(dossier), at=START + timedelta(hours=1))
    assert dossier.state == State.RECEIVED
    assert dossier.received_at == START + timedelta(hours=1) and dossier.due_at is not None
    assert dossier.steps.count() == 1 and dossier.register_number == 1


def test_the_desk_guides_with_documents_of_the_official_list_only() -> None:
    dossier = submit().dossier
    with pytest.raises(NotOnOfficialList):
        dossier_guide(
            dossier=dossier, officer=desk_of(dossier), documents=[make_version().documents.first().pk]
        )
    with pytest.raises(InvalidInput):
        dossier_guide(dossier=dossier, officer=desk_of(dossier), documents=[])
    first = dossier.procedure_version.documents.first()
    request = dossier_guide(dossier=dossier, officer=desk_of(dossier), documents=[first.pk])
    assert dossier.state == State.GUIDED and request.number == f"{dossier.code}/HDHS"
    assert Message.objects.filter(template_key="dossier_guided", channel="SMS").exists()
    assert online.citizen_actions(dossier) == ["resubmit", "withdraw"]


def test_a_resubmitted_dossier_cannot_be_guided_a_second_time() -> None:
    dossier = guided()
    document = dossier.supplement_requests.get().items.get().document
    online.dossier_resubmit(dossier=dossier, files={document.pk: upload(PNG)})
    assert dossier.state == State.SUBMITTED
    with pytest.raises(exceptions.AlreadyDone):
        dossier_guide(dossier=dossier, officer=desk_of(dossier), documents=[document.pk])
    dossier_receive(dossier=dossier, officer=desk_of(dossier))
    assert dossier.state == State.RECEIVED


def test_the_desk_refuses_with_a_reason() -> None:
    dossier = submit().dossier
    with pytest.raises(InvalidInput):
        dossier_refuse(dossier=dossier, officer=desk_of(dossier), reason=" ")
    dossier_refuse(dossier=dossier, officer=desk_of(dossier), reason="Không thuộc thẩm quyền", at=START)
    assert dossier.state == State.REFUSED and dossier.finished_at == START


@pytest.mark.parametrize("action", ["receive", "guide", "refuse"])
def test_only_a_desk_officer_of_the_receiving_agency_checks_a_submitted_dossier(action: str) -> None:
    dossier = submit().dossier
    strangers = [
        UserFactory(role=Role.SPECIALIST, agency=dossier.receiving_agency),
        UserFactory(role=Role.LEADER, agency=dossier.receiving_agency),
        UserFactory(role=Role.DESK_OFFICER),  # another agency's desk
    ]
    run = {
        "receive": lambda o: dossier_receive(dossier=dossier, officer=o),
        "guide": lambda o: dossier_guide(dossier=dossier, officer=o, documents=[]),
        "refuse": lambda o: dossier_refuse(dossier=dossier, officer=o, reason="x"),
    }[action]
    for stranger in strangers:
        with pytest.raises(PermissionDenied):
            run(stranger)
    dossier_receive(dossier=dossier, officer=desk_of(dossier))
    with pytest.raises(WrongState):  # 409 once received
        run(desk_of(dossier))


# --- the citizen ----------------------------------------------------------------------------------
def test_the_citizen_resubmits_once_with_the_documents_asked_for() -> None:
    dossier = guided()
    asked = dossier.supplement_requests.get().items.get().document
    with pytest.raises(InvalidInput) as exc:
        online.dossier_resubmit(dossier=dossier, files={})
    assert f"document_{asked.pk}" in field_errors(exc)
    other = dossier.procedure_version.documents.exclude(pk=asked.pk).first()
    with pytest.raises(NotOnOfficialList):
        online.dossier_resubmit(dossier=dossier, files={asked.pk: upload(), other.pk: upload()})
    online.dossier_resubmit(dossier=dossier, files={asked.pk: upload(JPEG)})
    assert dossier.state == State.SUBMITTED
    assert dossier.supplement_requests.get().completed_at is not None
    event = dossier.events.order_by("-seq").first()
    assert (event.action, event.actor_kind) == ("resubmit", ActorKind.CITIZEN)
    with pytest.raises(WrongState):
        online.dossier_resubmit(dossier=dossier, files={asked.pk: upload()})


def test_the_citizen_withdraws_while_submitted_or_guided_but_not_once_received() -> None:
    submitted = submit().dossier
    online.dossier_citizen_withdraw(dossier=submitted)
    assert submitted.state == State.WITHDRAWN
    guided_dossier = guided()
    online.dossier_citizen_withdraw(dossier=guided_dossier)
    assert guided_dossier.state == State.WITHDRAWN
    received = submit().dossier
    dossier_receive(dossier=received, officer=desk_of(received))
    with pytest.raises(Conflict):
        online.dossier_citizen_withdraw(dossier=received)
    assert online.citizen_actions(received) == []


def test_a_token_opens_its_own_dossier_only() -> None:
    one, two = submit().dossier, submit().dossier
    assert online.dossier_for_token(one.code.lower(), dossier_token(one.code)) == one
    with pytest.raises(Http404):
        online.dossier_for_token(one.code, dossier_token(two.code))
    with pytest.raises(Http404):
        online.dossier_for_token(one.code, "")


def test_the_citizen_completes_a_supplement_during_processing_with_uploads() -> None:
    version = online_version()
    dossier = submit(version).dossier
    desk = desk_of(dossier)
    dossier_receive(dossier=dossier, officer=desk, at=START)
    document = version.documents.first()
    processing.dossier_request_supplement(
        dossier=dossier, officer=desk, documents=[document.pk], reason="Bổ sung bản rõ hơn",
        at=START + timedelta(hours=1),
    )  # fmt: skip
    assert online.citizen_actions(dossier) == ["complete_supplement"]
    with pytest.raises(InvalidInput):
        online.dossier_citizen_complete_supplement(dossier=dossier, files={document.pk: upload(b"not a pdf")})
    online.dossier_citizen_complete_supplement(dossier=dossier, files={document.pk: upload(PNG)})
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED
    assert dossier.documents.get(document=document).scan.name.endswith(".png")


# --- expiry ---------------------------------------------------------------------------------------
def test_a_guided_dossier_not_resubmitted_in_30_days_is_withdrawn_by_the_system() -> None:
    dossier = guided()
    assert online.guided_expire(now=START + timedelta(days=29, hours=23)) == 0
    assert online.guided_expire(now=START + timedelta(days=30)) == 1
    dossier.refresh_from_db()
    assert dossier.state == State.WITHDRAWN
    event = dossier.events.order_by("-seq").first()
    assert (event.action, event.actor_kind) == ("withdraw", ActorKind.SYSTEM)
    assert Message.objects.filter(template_key="dossier_guided_expired", channel="SMS").count() == 1
    assert online.guided_expire(now=START + timedelta(days=60)) == 0


def test_the_expiry_is_a_setting_and_a_command(settings: Any, capsys: Any) -> None:
    settings.ONLINE_GUIDED_EXPIRY_DAYS = 5
    dossier = guided()
    call_command("expire_guided", "--at", (START + timedelta(days=5, minutes=1)).isoformat())
    dossier.refresh_from_db()
    assert dossier.state == State.WITHDRAWN
    assert "1 hồ sơ" in capsys.readouterr().out


def test_the_expiry_runs_daily_as_a_q2_schedule() -> None:
    from django_q.models import Schedule

    schedule = Schedule.objects.get(name="motcua.expire_guided")
    assert schedule.func == "motcua.dossiers.tasks.expire_guided" and schedule.cron == "30 6 * * *"


# --- the electronic result ------------------------------------------------------------------------
def test_a_full_online_result_is_attached_and_downloadable_once_ready() -> None:
    version = online_version(
        OnlineLevel.FULL,
        steps=[{"name": "Giải quyết", "budget_value": 5, "budget_unit": TimeUnit.WORKING_DAYS}],
    )
    dossier = submit(version, return_method="ONLINE").dossier
    agency = dossier.receiving_agency
    dossier_receive(dossier=dossier, officer=desk_of(dossier), at=START)
    leader = UserFactory(role=Role.LEADER, agency=agency)
    specialist = UserFactory(role=Role.SPECIALIST, agency=agency)
    processing.dossier_assign(dossier=dossier, officer=leader, assignee=specialist)
    with pytest.raises(PermissionDenied):
        online.dossier_attach_result(
            dossier=dossier, officer=UserFactory(role=Role.SPECIALIST), file=upload()
        )
    online.dossier_attach_result(dossier=dossier, officer=specialist, file=upload())
    assert online.result_available(dossier) is None  # not before the result is ready
    processing.dossier_mark_ready(dossier=dossier, officer=specialist)
    record = online.result_available(dossier)
    assert record is not None and record.electronic_result and record.result_file.read().startswith(b"%PDF")


# --- replay ---------------------------------------------------------------------------------------
def test_the_replay_reproduces_online_dossiers_in_every_outcome() -> None:
    submitted = submit().dossier
    received = submit().dossier
    dossier_receive(dossier=received, officer=desk_of(received), at=START + timedelta(hours=2))
    refused = submit().dossier
    dossier_refuse(dossier=refused, officer=desk_of(refused), reason="Sai thẩm quyền")
    resubmitted = guided()
    document = resubmitted.supplement_requests.get().items.get().document
    online.dossier_resubmit(dossier=resubmitted, files={document.pk: upload()})
    dossier_receive(dossier=resubmitted, officer=desk_of(resubmitted))
    expired = guided()
    online.guided_expire(now=START + timedelta(days=31))
    for dossier in (submitted, received, refused, resubmitted, expired):
        dossier.refresh_from_db()
        assert dossier_replay(dossier) == dossier_cached(dossier), dossier.state
    assert DossierEvent.objects.filter(dossier=expired, action="withdraw").exists()


def test_a_file_that_starts_as_a_pdf_and_goes_on_as_an_executable_is_refused() -> None:
    disguised = (
        b"%PDF-1.4\n"
        + b"MZ\x90\x00\x03\x00\x00\x00"
        + b"\x00" * 512
        + b"This program cannot be run in DOS mode"
    )
    with pytest.raises(InvalidInput) as refused:
        online.uploads_check({1: upload(disguised)})
    assert refused.value.errors[0].field == "document_1"
    fake_png = b"\x89PNG\r\n\x1a\n" + b"\x7fELF" + b"\x00" * 64
    with pytest.raises(InvalidInput):
        online.uploads_check({1: upload(fake_png)})
    assert online.uploads_check({1: upload(PDF), 2: upload(PNG), 3: upload(JPEG)}) == {
        1: "pdf",
        2: "png",
        3: "jpg",
    }
