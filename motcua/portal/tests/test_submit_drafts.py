"""Drafts of the online form cannot fill the disk: uploads are limited per client address and per
session, the draft store has a cap, and abandoned drafts are deleted by an hourly schedule."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django_q.models import Schedule

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import online
from motcua.portal.tests.test_submit_pages import PDF, online_version

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _drafts(settings: Any) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / online.DRAFTS_DIR
    return sorted(folder.iterdir()) if folder.exists() else []


def _upload(client: Client, version: ProcedureVersion, size: int = 0) -> int:
    document = version.documents.get(mandatory=True)
    body = PDF.replace(
        b"\n", b"\n%" + b"0" * size + b"\n", 1
    )  # padding as a comment: still a well-formed PDF
    upload = SimpleUploadedFile("to-khai.pdf", body, content_type="application/pdf")
    url = f"/nop-ho-so/{version.procedure.code}/"
    return client.post(url, {"buoc": "giay-to", f"document_{document.pk}": upload}).status_code


def _applicant(client: Client, version: ProcedureVersion) -> None:
    url = f"/nop-ho-so/{version.procedure.code}/"
    applicant = {"buoc": "nguoi-nop", "kind": "PERSON", "name": "Phạm Thị Lan", "id_number": "056190000777",
                 "phone": "0905111222", "province": "Khánh Hòa"}  # fmt: skip
    assert client.post(url, applicant).status_code == 302


def test_one_address_uploading_drafts_from_fresh_sessions_is_stopped(settings: Any) -> None:
    settings.ONLINE_DRAFT_FILES_PER_HOUR = 5
    version = online_version()
    statuses = []
    for _ in range(8):  # a script dropping its cookie each time: a new session, the same address
        client = Client(REMOTE_ADDR="203.0.113.7")
        _applicant(client, version)
        statuses.append(_upload(client, version))
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}
    assert len(_drafts(settings)) == 5
    other = Client(REMOTE_ADDR="198.51.100.9")
    _applicant(other, version)
    assert _upload(other, version) == 302


def test_one_session_replacing_its_upload_again_and_again_is_stopped(settings: Any) -> None:
    settings.ONLINE_DRAFT_FILES_PER_SESSION = 3
    version = online_version()
    client = Client(REMOTE_ADDR="203.0.113.8")
    _applicant(client, version)
    statuses = [_upload(client, version) for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    page = client.post(
        f"/nop-ho-so/{version.procedure.code}/",
        {
            "buoc": "giay-to",
            f"document_{version.documents.get(mandatory=True).pk}": SimpleUploadedFile("a.pdf", PDF),
        },
    )
    assert "Tải lên quá nhiều tệp" in page.content.decode()
    assert page.has_header("Retry-After")


def test_bytes_count_as_well_as_files(settings: Any) -> None:
    settings.ONLINE_DRAFT_MB_PER_HOUR = 1
    version = online_version()
    client = Client(REMOTE_ADDR="203.0.113.9")
    _applicant(client, version)
    assert _upload(client, version, size=600 * 1024) == 302
    assert _upload(client, version, size=600 * 1024) == 429


def test_a_full_draft_store_refuses_uploads_with_a_clear_message(settings: Any) -> None:
    settings.ONLINE_DRAFT_STORE_MB = 1
    default_storage.save(
        f"{online.DRAFTS_DIR}/someone-else.pdf", SimpleUploadedFile("x.pdf", PDF + b"0" * 1024 * 1024)
    )
    version = online_version()
    client = Client(REMOTE_ADDR="203.0.113.10")
    _applicant(client, version)
    response = client.post(
        f"/nop-ho-so/{version.procedure.code}/",
        {
            "buoc": "giay-to",
            f"document_{version.documents.get(mandatory=True).pk}": SimpleUploadedFile("a.pdf", PDF),
        },
    )
    assert response.status_code == 429
    assert "Hệ thống tạm thời không nhận thêm tệp" in response.content.decode()
    assert len(_drafts(settings)) == 1


def test_drafts_older_than_the_setting_are_deleted_and_newer_ones_kept(settings: Any) -> None:
    settings.ONLINE_DRAFT_MAX_AGE_HOURS = 24
    old = default_storage.save(f"{online.DRAFTS_DIR}/old.pdf", SimpleUploadedFile("x.pdf", PDF))
    new = default_storage.save(f"{online.DRAFTS_DIR}/new.pdf", SimpleUploadedFile("x.pdf", PDF))
    day_and_more = time.time() - 25 * 3600
    os.utime(default_storage.path(old), (day_and_more, day_and_more))
    assert online.drafts_purge() == 1
    assert not default_storage.exists(old) and default_storage.exists(new)
    assert online.drafts_purge(now=timezone.now() + timedelta(hours=25)) == 1
    assert _drafts(settings) == []


def test_the_purge_runs_hourly_as_a_q2_schedule_calling_the_task() -> None:
    from importlib import import_module

    schedule = Schedule.objects.get(name="motcua.purge_online_drafts")
    assert (schedule.func, schedule.schedule_type, schedule.repeats) == (
        "motcua.dossiers.tasks.purge_online_drafts", Schedule.HOURLY, -1,
    )  # fmt: skip
    module, function = schedule.func.rsplit(".", 1)
    getattr(import_module(module), function)()
