"""Downloads of a dossier's files: staff who may see the dossier and its personal data (CONTRACTS §5),
logged; the citizen with the token; inspectors' forms after a stated reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.models import PersonalDataAccess, User
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.dossiers import processing
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.services import DocumentIn
from motcua.dossiers.tests.factories import intake
from motcua.dossiers.tests.processing_factories import Cast, _assign, _to_last_step, make_cast

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def scanned(cast: Cast) -> tuple[Dossier, DossierDocument]:
    """A desk dossier whose first document was scanned at the desk, assigned to `cast.specialist`."""
    first, *others = cast.version.documents.all()
    scan = SimpleUploadedFile('scan <Nguyễn>".pdf', PDF)
    documents = [DocumentIn(first.pk, originals=1, scan=scan), *(DocumentIn(d.pk, copies=1) for d in others)]
    dossier = intake(officer=cast.desk, version=cast.version, now=cast.now, documents=documents).dossier
    _assign(dossier, cast)
    return dossier, dossier.documents.get(document=first)


def url(dossier: Dossier, row: DossierDocument) -> str:
    return f"/quan-tri/ho-so/{dossier.code}/giay-to/{row.pk}/"


@pytest.mark.parametrize("who", ["desk", "leader", "specialist", "supervisor", "admin"])
def test_staff_who_see_the_dossier_and_its_personal_data_download_a_scan_and_it_is_logged(
    who: str, settings: Any
) -> None:
    settings.OTP_REQUIRED_FOR_ADMINS = False
    cast = make_cast()
    dossier, row = scanned(cast)
    user = getattr(cast, who)
    response = client_for(user).get(url(dossier, row))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert '"' not in response["Content-Disposition"].split("filename=")[1].strip('"')
    assert response["Content-Disposition"].endswith('.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    log = PersonalDataAccess.objects.get(user=user, channel="EXPORT")
    assert log.subject == f"dossier:{dossier.code}/giay-to/{row.pk}"


def test_a_specialist_not_assigned_gets_no_applicant_file() -> None:
    cast = make_cast()
    dossier, row = scanned(cast)
    response = client_for(cast.colleague).get(url(dossier, row))
    assert response.status_code == 403
    assert not PersonalDataAccess.objects.filter(user=cast.colleague).exists()
    page = client_for(cast.colleague).get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    assert url(dossier, row) not in page


def test_an_inspector_gets_the_files_and_forms_only_after_stating_a_reason_which_is_logged() -> None:
    cast = make_cast()
    dossier, row = scanned(cast)
    client = client_for(cast.inspector)
    assert client.get(url(dossier, row)).status_code == 403
    assert client.get(f"/quan-tri/ho-so/{dossier.code}/mau-01.pdf").status_code == 403
    page = client.get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    assert url(dossier, row) not in page and "mau-01.pdf" not in page
    assert not PersonalDataAccess.objects.filter(user=cast.inspector).exists()

    stated = client.post(f"/quan-tri/ho-so/{dossier.code}/", {"reason": "Thanh tra theo kế hoạch 12"})
    html = stated.content.decode()
    assert f'href="{url(dossier, row)}"' in html and "mau-01.pdf" in html and "ly_do" not in html
    assert client.get(url(dossier, row)).status_code == 200  # the reason is kept for this dossier
    form = client.get(f"/quan-tri/ho-so/{dossier.code}/mau-01.pdf")
    assert form.status_code == 200 and form["Content-Type"] == "application/pdf"
    reasons = set(
        PersonalDataAccess.objects.filter(user=cast.inspector, channel="EXPORT").values_list(
            "reason", flat=True
        )
    )
    assert reasons == {"Thanh tra theo kế hoạch 12"}
    assert PersonalDataAccess.objects.filter(user=cast.inspector, channel="EXPORT").count() == 2


def test_staff_of_another_agency_get_404_and_the_editor_403_or_404() -> None:
    cast = make_cast()
    dossier, row = scanned(cast)
    stranger = UserFactory(role=Role.DESK_OFFICER, agency=AgencyFactory())
    assert client_for(stranger).get(url(dossier, row)).status_code == 404
    assert client_for(cast.editor).get(url(dossier, row)).status_code in (403, 404)
    assert Client().get(url(dossier, row)).status_code == 302


def test_a_document_without_a_file_is_not_found() -> None:
    cast = make_cast()
    dossier, row = scanned(cast)
    other = dossier.documents.exclude(pk=row.pk).first()
    assert other is not None and not other.scan
    assert client_for(cast.desk).get(url(dossier, other)).status_code == 404


def test_the_dossier_page_links_each_scan_for_the_desk() -> None:
    cast = make_cast()
    dossier, row = scanned(cast)
    page = client_for(cast.desk).get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    assert f'href="{url(dossier, row)}"' in page


def test_the_citizen_reopens_their_own_scan_with_the_token_only() -> None:
    cast = make_cast()
    dossier, row = scanned(cast)
    token = dossier_token(dossier.code)
    citizen = Client()
    page = citizen.get(f"/ho-so/{dossier.code}/?t={token}", follow=True).content.decode()
    link = f"/ho-so/{dossier.code}/giay-to/{row.pk}/"
    assert f'href="{link}"' in page and token not in page
    response = citizen.get(link)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    # An SMS link with the token moves it to the session and comes back to the same file.
    fresh = Client()
    moved = fresh.get(f"{link}?t={token}")
    assert moved.status_code == 302 and moved["Location"] == link
    assert fresh.get(link).status_code == 200
    assert Client().get(f"{link}?t=sai").status_code == 404
    assert Client().get(link).status_code == 404


def test_a_reason_in_a_link_is_not_a_stated_reason() -> None:
    """A forged link cannot put words in the inspector's mouth: the reason is stated by POST only."""
    cast = make_cast()
    dossier, row = scanned(cast)
    client = client_for(cast.inspector)
    assert client.get(url(dossier, row) + "?ly_do=Gia mao").status_code == 403
    assert client.get(f"/quan-tri/ho-so/{dossier.code}/mau-01.pdf?ly_do=Gia mao").status_code == 403
    assert not PersonalDataAccess.objects.filter(user=cast.inspector).exists()


def test_staff_download_the_result_file_before_it_is_returned() -> None:
    cast = make_cast()
    dossier, _row = scanned(cast)
    _to_last_step(dossier, cast)
    processing.dossier_mark_ready(
        dossier=dossier,
        officer=cast.specialist,
        result_file=SimpleUploadedFile("kq.pdf", PDF),
        at=cast.tick(),
    )
    link = f"/quan-tri/ho-so/{dossier.code}/ket-qua/"
    page = client_for(cast.desk).get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    assert f'href="{link}"' in page
    response = client_for(cast.desk).get(link)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert f"ket-qua-{dossier.code_key}.pdf" in response["Content-Disposition"]
    assert client_for(cast.colleague).get(link).status_code == 403
