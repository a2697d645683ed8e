"""The demo lets every role do its part with petitions, through the pages, with the demo accounts."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client

from motcua.accounts.models import User
from motcua.feedback.models import Petition, State
from motcua.feedback.replay import petition_cached, petition_replay
from motcua.notifications.models import Message

pytestmark = pytest.mark.django_db


def login(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def codes(html: str) -> set[str]:
    return set(re.findall(r"PA-\d{6}-\d{4}", html))


def test_every_role_can_do_its_part_on_the_demo_data() -> None:
    call_command("seed_demo", verbosity=0)
    count = Petition.objects.count()
    call_command("seed_demo", verbosity=0)
    assert Petition.objects.count() == count >= 12
    for petition in Petition.objects.all():  # the cache is what the events say
        assert petition_replay(petition) == petition_cached(petition), petition.code

    # The public list: published answers, a repeated petition flagged elsewhere, no names.
    public = Client().get("/phan-anh/").content.decode()
    assert len(codes(public)) == 3
    assert Petition.objects.exclude(repeated_of=None).count() == 1

    # The specialist receives and classifies the new petition; never sees the one about him.
    cv = login("chuyenvien")
    mine = codes(cv.get("/quan-tri/phan-anh/").content.decode())
    about_him = Petition.objects.get(about_officer__username="chuyenvien")
    assert about_him.code not in mine
    new = Petition.objects.get(state=State.SUBMITTED, is_tip=False, dossier__isnull=False)
    assert new.code in mine
    assert (
        cv.post(f"/quan-tri/phan-anh/{new.code}/thao-tac/receive/", {"category": "REGULATION"}).status_code
        == 302
    )

    # The leader sees it and approves the draft; the petitioner's SMS is queued.
    ld = login("lanhdao")
    assert about_him.code in codes(ld.get("/quan-tri/phan-anh/").content.decode())
    draft = Petition.objects.get(state=State.PROCESSING, answer__gt="")
    assert ld.post(f"/quan-tri/phan-anh/{draft.code}/thao-tac/approve/").status_code == 302
    assert Message.objects.filter(
        template_key="petition_answered", subject_ref=f"petition:{draft.code}", channel="SMS"
    ).exists()

    # The supervisor publishes it (and the one already waiting), and sees the tip.
    gs = login("giamsat")
    listing = gs.get("/quan-tri/phan-anh/").content.decode()
    tip = Petition.objects.get(is_tip=True)
    assert tip.code in listing
    for p in Petition.objects.filter(state=State.ANSWERED):
        assert gs.post(f"/quan-tri/phan-anh/{p.code}/thao-tac/publish/").status_code == 302
    assert draft.code in Client().get("/phan-anh/").content.decode()

    # The overdue list has the old one; the dossier's page shows the petition about it.
    overdue = codes(gs.get("/quan-tri/phan-anh/", {"overdue": "1"}).content.decode())
    assert overdue
    assert new.code in gs.get(f"/quan-tri/ho-so/{new.dossier.code}/").content.decode()

    # The inspector reads every petition; the contact only with a reason.
    tt = login("thanhtra")
    assert tip.code in tt.get("/quan-tri/phan-anh/").content.decode()
    assert tt.get(f"/quan-tri/phan-anh/{new.code}/").status_code == 200
