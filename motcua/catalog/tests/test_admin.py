"""The Django admin edits drafts with the services' budget rule and shows published versions read-only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.tests.factories import make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(settings) -> Client:
    settings.OTP_REQUIRED_FOR_ADMINS = False
    client = Client()
    client.force_login(UserFactory(role=Role.ADMIN))
    return client


def _form(version: ProcedureVersion, steps: list[tuple[str, int, str]]) -> dict[str, str]:
    data = {
        "procedure": str(version.procedure_id),
        "effective_date": "2022-01-01",
        "channels": ["DESK"],
        "online_level": "NONE",
        "limit_value": "5",
        "limit_unit": "WORKING_DAYS",
        "result_kind": "PAPER",
        "steps_text": "",
        "method_text": "",
        "applicant_conditions": "",
        "result_name": "",
        "announcement_number": "",
    }
    for prefix, total in (("documents", 0), ("fees", 0), ("legal_bases", 0)):
        data |= {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}
    data |= {"steps-TOTAL_FORMS": str(len(steps)), "steps-INITIAL_FORMS": "0"}
    for i, (name, value, unit) in enumerate(steps):
        data |= {
            f"steps-{i}-order": str(i + 1),
            f"steps-{i}-name": name,
            f"steps-{i}-budget_value": str(value),
            f"steps-{i}-budget_unit": unit,
        }
    return data


def test_the_admin_refuses_steps_that_do_not_add_up_and_saves_those_that_do(admin_client: Client) -> None:
    draft = make_version(publish=False, steps=[], channels=["DESK"], online_level="NONE")
    url = f"/admin/catalog/procedureversion/{draft.pk}/change/"
    assert admin_client.get(url).status_code == 200
    refused = admin_client.post(url, _form(draft, [("Tiếp nhận", 1, "WORKING_DAYS")]))
    assert refused.status_code == 200 and "Tổng thời gian các bước" in refused.text
    saved = admin_client.post(
        url, _form(draft, [("Tiếp nhận", 2, "HALF_DAYS"), ("Giải quyết", 30, "WORKING_HOURS")])
    )
    assert saved.status_code == 302
    assert draft.steps.count() == 2


def test_a_published_version_is_shown_read_only_in_the_admin(admin_client: Client) -> None:
    version = make_version()
    url = f"/admin/catalog/procedureversion/{version.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200 and 'name="limit_value"' not in page.text
    admin_client.post(url, _form(version, []))
    version.refresh_from_db()
    assert version.steps.count() == 3
    for path in ("procedure", "field", "contact", "procedureversion"):
        assert admin_client.get(f"/admin/catalog/{path}/").status_code == 200


REAL_PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
FAKE_PDF = b"%PDF-1.4\n" + b"\x00garbage\x7fELF" * 200
STEPS = [("Tiếp nhận", 2, "HALF_DAYS"), ("Giải quyết", 30, "WORKING_HOURS")]


def _with_document(version: ProcedureVersion, template: SimpleUploadedFile) -> dict[str, Any]:
    data: dict[str, Any] = _form(version, STEPS)
    data |= {
        "documents-TOTAL_FORMS": "1",
        "documents-0-order": "1",
        "documents-0-name": "Tờ khai đăng ký kết hôn",
        "documents-0-originals": "1",
        "documents-0-copies": "0",
        "documents-0-mandatory": "on",
        "documents-0-condition": "",
        "documents-0-template": template,
    }
    return data


def test_a_form_template_that_is_not_a_real_pdf_is_refused_in_the_admin_naming_the_file(
    admin_client: Client, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    draft = make_version(publish=False, steps=[], documents=[], channels=["DESK"], online_level="NONE")
    url = f"/admin/catalog/procedureversion/{draft.pk}/change/"
    refused = admin_client.post(url, _with_document(draft, SimpleUploadedFile("to-khai.pdf", FAKE_PDF)))
    assert refused.status_code == 200 and not draft.documents.exists()
    assert (
        "Tệp “to-khai.pdf” không được nhận: Chỉ nhận tệp PDF, DOC, DOCX, ODT, XLSX hoặc RTF" in refused.text
    )
    saved = admin_client.post(url, _with_document(draft, SimpleUploadedFile("Tờ khai.exe", REAL_PDF)))
    assert saved.status_code == 302
    stored = draft.documents.get().template.name
    assert stored.startswith("catalog/mau/to-khai-") and stored.endswith(".pdf")
