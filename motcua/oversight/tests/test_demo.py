"""The shipped demo lets every role do its oversight work (a test-client walk over the demo's own
data): the supervisor sees the month's late dossiers and asks for explanations, the agency's leader
answers, the supervisor assesses, the officer reads and replies, the manager and the inspector read."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from motcua.accounts.models import User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.core import facts
from motcua.oversight.models import DeskDuty, EvaluationGrade, Explanation, StaffEvaluation

pytestmark = pytest.mark.django_db


def _as(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@override_settings(DEMO_MODE=True)
def test_every_role_can_do_its_oversight_part_with_the_demo_data(
    settings: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(facts, "_OFFICER_SOURCES", {})
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)
    answered = Explanation.objects.get()
    assert answered.answered_at is not None
    page = _as("giamsat").get("/quan-tri/giam-sat/ho-so-tre-han/")
    assert page.status_code == 200 and answered.dossier.code in page.content.decode()
    assert _as("giamsat").post("/quan-tri/giam-sat/ho-so-tre-han/").status_code == 302
    asked = Explanation.objects.filter(answered_at__isnull=True)
    assert asked.exists()
    for explanation in asked:
        leader = User.objects.filter(agency=explanation.agency, groups__name=GROUP_NAMES[Role.LEADER]).first()
        response = _as(leader.username).post(
            f"/quan-tri/giai-trinh/{explanation.pk}/", {"reason": "Thiếu cán bộ", "remedy": "Bổ sung người"}
        )
        assert response.status_code == 302, leader.username
    desk = User.objects.get(username="tiepnhan")
    assessed = StaffEvaluation.objects.get(officer=desk, assessed_at__isnull=False)
    current = StaffEvaluation.objects.filter(officer=desk, assessed_at__isnull=True).get()
    grade = EvaluationGrade.objects.get(code="XUAT_SAC")
    url = f"/quan-tri/danh-gia-can-bo/{current.pk}/"
    assert (
        _as("giamsat").post(url, {"do": "assess", "assessment": "Tốt", "grade": grade.pk}).status_code == 302
    )
    assert (
        _as("tiepnhan")
        .post(f"/quan-tri/danh-gia-can-bo/{assessed.pk}/", {"do": "reply", "reply": "Xin tiếp thu"})
        .status_code
        == 302
    )
    assert (
        "Xin tiếp thu"
        in _as("lanhdao.motcua").get(f"/quan-tri/danh-gia-can-bo/{assessed.pk}/").content.decode()
    )
    assert _as("thanhtra").get(url).status_code == 200
    assert _as("tiepnhan.camlinh").get(url).status_code == 404
    assert DeskDuty.objects.filter(officer=desk).exists()
    assert _as("tiepnhan").get("/quan-tri/lich-truc/").status_code == 200
    assert _as("giamsat").get("/quan-tri/danh-gia-giai-quyet/").status_code == 200
    # The periodic report to the People's Committee: this month's review and follow-up; the quarter
    # and the year hold last month's ward review too; the XLSX downloads.
    report = _as("chutich").get("/quan-tri/giam-sat/bao-cao-dinh-ky/")
    assert report.status_code == 200 and "Wi-Fi chập chờn" in report.content.decode()
    year = _as("giamsat").get(
        "/quan-tri/giam-sat/bao-cao-dinh-ky/?kind=custom&start=2000-01-01&end=2100-01-01"
    )
    assert year.status_code == 422  # a period too long is refused with its error, never another one
    assert "Bộ lọc báo cáo chưa hợp lệ" in year.content.decode()
    today = timezone.localdate()
    longer = _as("giamsat").get(
        f"/quan-tri/giam-sat/bao-cao-dinh-ky/?kind=custom&start={today - timedelta(days=80):%Y-%m-%d}"
        f"&end={today:%Y-%m-%d}"
    )
    assert "Chưa có lối đi cho xe lăn" in longer.content.decode()
    assert "Đã hoàn thành" in longer.content.decode()
    assert _as("giamsat").get("/quan-tri/giam-sat/bao-cao-dinh-ky/?xuat=xlsx").status_code == 200
    call_command("seed_demo", verbosity=0)  # idempotent
    assert StaffEvaluation.objects.filter(officer=desk).count() == 2
