"""The demo walk of published information: the editor `bientap` finds every state, publishes and
edits guides; citizens see only public items; each guide's leaflet is one A4 page."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from motcua.accounts import demo as accounts_demo
from motcua.accounts.models import User
from motcua.catalog import demo as catalog_demo
from motcua.catalog import publication_demo
from motcua.catalog.models import Procedure, Publication
from motcua.catalog.publication_selectors import may_edit_guides
from motcua.core.indicators import indicator_value
from motcua.core.periods import Period

pytestmark = pytest.mark.django_db
PDFINFO = shutil.which("pdfinfo") or "/usr/bin/pdfinfo"


@pytest.fixture(autouse=True)
def _media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def test_the_demo_lets_the_editor_and_citizens_do_the_whole_job(tmp_path: Path) -> None:
    accounts_demo.seed()
    catalog_demo.seed()
    catalog_demo.seed()  # idempotent
    assert Publication.objects.count() == len(publication_demo.ITEMS) + 1
    editor = User.objects.get(username="bientap")
    assert may_edit_guides(editor)
    staff = Client()
    staff.force_login(editor)
    listing = staff.get("/quan-tri/cong-khai/").content.decode()
    for label in ("Bản nháp", "Đã lên lịch", "Đã đăng", "Đã gỡ"):
        assert label in listing, label
    assert staff.get("/quan-tri/cong-khai/thong-ke/").status_code == 200
    assert staff.get("/quan-tri/huong-dan/nop-truc-tuyen/").status_code == 200

    citizen = Client()
    public_page = citizen.get("/cong-khai/").content.decode()
    visible = Publication.objects.public()
    assert visible.count() == 7
    for publication in Publication.objects.all():
        assert (publication.title in public_page) == (publication in visible), publication.title
    home = citizen.get("/").content.decode()
    assert sum(p.title in home for p in visible.filter(category__is_news=True)) == 3
    found = citizen.get("/cong-khai/", {"q": "quy hoach su dung dat"}).content.decode()
    assert "Quy hoạch sử dụng đất thời kỳ 2021–2030" in found
    budget = visible.get(category__code="ngan-sach")
    attachment = budget.attachments.get()
    assert citizen.get(f"/cong-khai/{budget.pk}/tep/{attachment.pk}/").status_code == 200
    # Every demo procedure publishes parts a–g (766 indicator 1.3); the news of the last weeks count.
    today = timezone.localdate()
    recent = Period(today - timedelta(days=60), today)
    complete = indicator_value("procedures_published", recent)
    assert complete.denominator == Procedure.objects.listed().count() and str(complete.value) == "100.00"
    assert indicator_value("publications_published", recent).value == 7
    for slug in ("nop-truc-tuyen", "buu-chinh", "tra-cuu"):
        pdf = citizen.get(f"/huong-dan/{slug}/to-roi.pdf").content
        path = tmp_path / f"{slug}.pdf"
        path.write_bytes(pdf)
        info = subprocess.run([PDFINFO, str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603
        assert "Pages:           1" in info, slug
