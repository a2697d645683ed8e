"""The shipped demo lets every role do the survey's job, with `seed_demo`'s data and accounts only."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from motcua.accounts.demo import DEMO_PASSWORD, DESK_CODE
from motcua.surveys.demo import _month_to_fill
from motcua.surveys.models import FollowUp, QuickRating, Response

pytestmark = pytest.mark.django_db


def _login(username: str) -> Client:
    client = Client()
    response = client.post("/dang-nhap/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, username
    return client


@override_settings(DEMO_MODE=True)
def test_the_demo_publishes_the_city_desks_month_and_every_role_finds_its_survey_work() -> None:
    call_command("seed_demo", verbosity=0)
    counts = (Response.objects.count(), QuickRating.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Response.objects.count(), QuickRating.objects.count()) == counts  # idempotent
    month = _month_to_fill(timezone.localdate())

    # The public: the city desk's month has enough responses to be published, the ward's does not.
    api = (
        Client()
        .get(
            "/api/v1/surveys/index",
            {"start": month.start.isoformat(), "end": month.end.isoformat(), "agency": DESK_CODE},
        )
        .json()
    )
    assert api["enough"] is True and api["index"] is not None and api["invited"] > 0
    assert sum(api["quick"].values()) > 0
    page = Client().get("/thong-ke/hai-long/", {"month": f"{month.end:%Y-%m}"})
    assert page.status_code == 200 and "chưa đủ số phiếu" in page.content.decode()  # some agency withheld

    # The kiosk: logs in to its rating screen with the officer on duty, and rates.
    kiosk = _login("kiosk")
    screen = kiosk.get("/quan-tri/quay-danh-gia/").content.decode()
    assert 'name="level"' in screen
    assert kiosk.post("/quan-tri/quay-danh-gia/", {"action": "rate", "level": "SATISFIED"}).status_code == 302

    # The desk officer sees their own results; the supervisor works the follow-up items.
    desk = _login("tiepnhan").get("/quan-tri/danh-gia/", {"month": f"{month.end:%Y-%m}"})
    assert desk.status_code == 200 and "Nguyễn Thị Thu Hà" in desk.content.decode()
    supervisor = _login("giamsat")
    item = FollowUp.objects.filter(kind=FollowUp.Kind.COMMENT).first()
    assert item is not None
    assert supervisor.get("/quan-tri/danh-gia/theo-doi/").status_code == 200
    detail = supervisor.get(f"/quan-tri/danh-gia/theo-doi/{item.pk}/").content.decode()
    assert item.response.comment in detail
    closed = supervisor.post(
        f"/quan-tri/danh-gia/theo-doi/{item.pk}/", {"action": "close", "note": "Đã trao đổi."}
    )
    assert closed.status_code == 302
