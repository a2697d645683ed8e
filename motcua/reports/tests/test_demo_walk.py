"""The demo lets every reader do the reports' whole job: the locality leader (`chutich`) opens the
dashboard, the report with its exports and drill-downs, the index; an agency leader their own
agency's; the public its statistics."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from motcua.accounts.models import User
from motcua.dossiers.models import DossierFlags

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    call_command("seed_demo", verbosity=0)


def test_the_demo_walk_of_the_reports(demo: None) -> None:
    assert DossierFlags.objects.exists()
    chief = Client()
    chief.force_login(User.objects.get(username="chutich"))
    for url in (
        "/quan-tri/bang-dieu-khien/",
        "/quan-tri/bao-cao/",
        "/quan-tri/bao-cao/766/",
        "/quan-tri/ho-so/",
    ):
        assert chief.get(url).status_code == 200, url
    report = chief.get("/quan-tri/bao-cao/").context["report"]
    assert report.total["received"] + report.total["carried_over"] > 0
    assert chief.get("/quan-tri/bao-cao/?xuat=xlsx")["Content-Type"].startswith("application/vnd.openxml")
    drill = chief.get("/quan-tri/bao-cao/chi-tiet/?chi_so=received")
    assert drill.status_code == 200 and drill.context["count"] == report.total["received"]
    leader = next(u for u in User.objects.filter(groups__name="Lãnh đạo cơ quan").order_by("username"))
    mine = Client()
    mine.force_login(leader)
    page = mine.get("/quan-tri/bao-cao/")
    assert page.status_code == 200 and page.context["scope"].agency == leader.agency
    public = Client()
    assert public.get("/thong-ke/").status_code == 200
    index = public.get("/thong-ke/766/")
    assert index.status_code == 200 and index.context["index"].applicable_max_points > 0
