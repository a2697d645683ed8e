"""The kiosk credits the roster's officer on duty at its counter (DOMAIN §6, CONTRACTS §5), through
the `accounts.desks` seam; without a roster entry there and then, the officer signed in at the kiosk.
The per-officer satisfaction figure (`survey.officer`, read by the monthly staff evaluation) follows."""

from __future__ import annotations

from collections import Counter

import pytest
import time_machine
from django.test import Client

from motcua.accounts.desks import counter_officer
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.core.exceptions import Conflict
from motcua.core.facts import officer_fact_values
from motcua.core.periods import parse_month
from motcua.dossiers.tests.processing_factories import local
from motcua.oversight import selectors, services
from motcua.surveys.models import KioskCounter, QuickLevel, QuickRating
from motcua.surveys.services import kiosk_duty_start, kiosk_officer, quick_rating_record

pytestmark = pytest.mark.django_db
MARCH = parse_month("2026-03")  # 15/02 → 14/03/2026


@pytest.fixture
def desk():  # type: ignore[no-untyped-def]
    """A desk with a kiosk at counter 2 where `signed` signed in on 03/03 at 07:00; the roster puts
    `rostered` (from another agency) at counter 2 from 07:30 to 11:30 and `elsewhere` at counter 1."""
    agency, home = AgencyFactory(), AgencyFactory()
    signed = UserFactory(role=Role.DESK_OFFICER, agency=agency)
    rostered = UserFactory(role=Role.DESK_OFFICER, agency=home)
    elsewhere = UserFactory(role=Role.DESK_OFFICER, agency=agency)
    supervisor = UserFactory(role=Role.SUPERVISOR)
    kiosk = UserFactory(role=Role.KIOSK, agency=agency)
    KioskCounter.objects.create(kiosk=kiosk, counter="2")
    for officer, counter in ((rostered, "2"), (elsewhere, "1")):
        services.duty_create(
            officer=officer, desk=agency, counter=counter, starts_at=local(2026, 3, 3, 7, 30),
            ends_at=local(2026, 3, 3, 11, 30), by=supervisor,
        )  # fmt: skip
    kiosk_duty_start(kiosk=kiosk, officer=signed, at=local(2026, 3, 3, 7, 0))
    return agency, kiosk, signed, rostered, elsewhere


def test_the_seam_names_the_rosters_officer_at_a_counter(desk) -> None:  # type: ignore[no-untyped-def]
    agency, _kiosk, _signed, rostered, elsewhere = desk
    assert counter_officer(agency.pk, "2", local(2026, 3, 3, 9, 0)) == rostered.pk
    assert counter_officer(agency.pk, "1", local(2026, 3, 3, 9, 0)) == elsewhere.pk
    assert counter_officer(agency.pk, "2", local(2026, 3, 3, 11, 30)) is None  # the duty is half-open
    assert counter_officer(agency.pk, "3", local(2026, 3, 3, 9, 0)) is None
    assert (
        counter_officer(agency.pk, "2", local(2026, 3, 3, 9, 0))
        == selectors.officer_on_duty(agency, "2", local(2026, 3, 3, 9, 0)).pk
    )


def test_a_rating_during_the_roster_duty_credits_the_rosters_officer(desk) -> None:  # type: ignore[no-untyped-def]
    agency, kiosk, signed, rostered, _elsewhere = desk
    rating = quick_rating_record(kiosk=kiosk, level=QuickLevel.SATISFIED, at=local(2026, 3, 3, 9, 0))
    assert (rating.officer, rating.agency) == (rostered, agency) and rating.officer != signed
    assert kiosk_officer(kiosk, local(2026, 3, 3, 9, 0)) == rostered


def test_without_the_roster_there_and_then_the_officer_signed_in_is_credited(desk) -> None:  # type: ignore[no-untyped-def]
    _agency, kiosk, signed, _rostered, _elsewhere = desk
    afternoon = quick_rating_record(kiosk=kiosk, level=QuickLevel.SATISFIED, at=local(2026, 3, 3, 14, 0))
    assert afternoon.officer == signed
    KioskCounter.objects.filter(kiosk=kiosk).delete()  # a kiosk whose counter nobody set
    morning = quick_rating_record(kiosk=kiosk, level=QuickLevel.SATISFIED, at=local(2026, 3, 3, 9, 0))
    assert morning.officer == signed


def test_the_roster_alone_is_enough_and_nobody_at_all_is_a_conflict(desk) -> None:  # type: ignore[no-untyped-def]
    agency, _kiosk, _signed, rostered, _elsewhere = desk
    bare = UserFactory(role=Role.KIOSK, agency=agency)  # nobody ever signed in here
    KioskCounter.objects.create(kiosk=bare, counter="2")
    assert (
        quick_rating_record(kiosk=bare, level="VERY_SATISFIED", at=local(2026, 3, 3, 10, 0)).officer
        == rostered
    )
    with pytest.raises(Conflict):
        quick_rating_record(kiosk=bare, level="VERY_SATISFIED", at=local(2026, 3, 3, 15, 0))


def test_the_per_officer_satisfaction_figure_follows_the_credit(desk) -> None:  # type: ignore[no-untyped-def]
    _agency, kiosk, signed, rostered, elsewhere = desk
    ratings = [
        (local(2026, 3, 3, 8, 0), QuickLevel.VERY_SATISFIED),
        (local(2026, 3, 3, 9, 30), QuickLevel.NOT_SATISFIED),
        (local(2026, 3, 3, 11, 0), QuickLevel.SATISFIED),
        (local(2026, 3, 3, 13, 0), QuickLevel.SATISFIED),  # after the roster duty: the signed-in officer
        (local(2026, 3, 3, 15, 0), QuickLevel.NOT_SATISFIED),
    ]
    for at, level in ratings:
        quick_rating_record(kiosk=kiosk, level=level, at=at)
    # Written out: the roster covers 07:30–11:30 at counter 2, the sign-in the rest.
    expected: dict[int, Counter[str]] = {rostered.pk: Counter(), signed.pk: Counter()}
    for at, level in ratings:
        who = rostered if local(2026, 3, 3, 7, 30) <= at < local(2026, 3, 3, 11, 30) else signed
        expected[who.pk][level] += 1
    assert QuickRating.objects.filter(officer=elsewhere).count() == 0
    facts = officer_fact_values("survey.officer", MARCH, [rostered.pk, signed.pk, elsewhere.pk])
    assert facts is not None
    for officer_id, levels in expected.items():
        assert facts[officer_id]["quick"] == {level: levels[level] for level in QuickLevel.values}
    figures = selectors.officer_figures(MARCH, [rostered, signed, elsewhere])
    assert figures[rostered.pk]["survey"]["quick"] == facts[rostered.pk]["quick"]
    assert figures[signed.pk]["survey"]["quick"] == facts[signed.pk]["quick"]
    assert sum(figures[elsewhere.pk]["survey"]["quick"].values()) == 0


def test_the_kiosk_screen_names_and_credits_the_rosters_officer(desk) -> None:  # type: ignore[no-untyped-def]
    agency, _kiosk, _signed, rostered, _elsewhere = desk
    bare = UserFactory(role=Role.KIOSK, agency=agency)  # nobody signed in: the roster alone
    KioskCounter.objects.create(kiosk=bare, counter="2")
    tablet = Client()
    tablet.force_login(bare)
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        screen = tablet.get("/quan-tri/quay-danh-gia/").content.decode()
        assert rostered.full_name in screen and 'value="duty_end"' not in screen
        assert (
            tablet.post("/quan-tri/quay-danh-gia/", {"action": "rate", "level": "SATISFIED"}).status_code
            == 302
        )
    with time_machine.travel(local(2026, 3, 3, 15, 0), tick=False):
        screen = tablet.get("/quan-tri/quay-danh-gia/").content.decode()
        assert rostered.full_name not in screen and 'value="duty_start"' in screen  # the sign-in form
    assert QuickRating.objects.get(kiosk=bare).officer == rostered
