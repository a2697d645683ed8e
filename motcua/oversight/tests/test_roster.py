"""The desk roster (seed 4.2, CONTRACTS §5): an officer on duty at another desk acts for that desk
during the duty — visibility, actions and the intake's receiving agency follow it through the one
seam `accounts.desks` — and the kiosk credits the officer on duty at its counter."""

from __future__ import annotations

import pytest
import time_machine

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.tests.factories import FieldFactory, make_version
from motcua.core.exceptions import InvalidInput
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.dossiers.tests.factories import make_dossier
from motcua.dossiers.tests.processing_factories import local
from motcua.oversight import services
from motcua.oversight.selectors import officer_on_duty

pytestmark = pytest.mark.django_db


@pytest.fixture
def desks():  # type: ignore[no-untyped-def]
    home, ward = AgencyFactory(), AgencyFactory()
    officer = UserFactory(role=Role.DESK_OFFICER, agency=home)
    ward_officer = UserFactory(role=Role.DESK_OFFICER, agency=ward)
    supervisor = UserFactory(role=Role.SUPERVISOR)
    duty = services.duty_create(
        officer=officer, desk=ward, counter="2", starts_at=local(2026, 3, 2, 7, 30), ends_at=local(2026, 3, 2, 17, 0),
        by=supervisor,
    )  # fmt: skip
    return home, ward, officer, ward_officer, supervisor, duty


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # a new request: the desk agency is read once per request


def test_during_the_duty_the_officer_acts_for_the_other_desk_and_takes_its_dossiers(desks) -> None:  # type: ignore[no-untyped-def]
    home, ward, officer, ward_officer, _s, _d = desks
    version = make_version()
    version.procedure.agencies.add(ward)  # a procedure the ward's desk receives
    ward_dossier = make_dossier(officer=ward_officer, version=version, now=local(2026, 2, 27, 9, 0))
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        on_duty = _fresh(officer)
        assert on_duty.desk_agency_id == ward.pk
        assert on_duty.is_desk_officer_for(ward.pk) and not on_duty.is_desk_officer_for(home.pk)
        assert ward_dossier in dossiers_visible_to(on_duty)
        taken = make_dossier(officer=on_duty, version=version, now=local(2026, 3, 2, 9, 0))
        assert taken.receiving_agency_id == ward.pk
        assert taken.received_by_id == officer.pk
    with time_machine.travel(local(2026, 3, 2, 17, 0), tick=False):  # the duty is half-open
        after = _fresh(officer)
        assert after.desk_agency_id == home.pk
        assert ward_dossier not in dossiers_visible_to(after)


def test_the_kiosk_credits_the_officer_on_duty_at_its_counter(desks) -> None:  # type: ignore[no-untyped-def]
    _h, ward, officer, _w, _s, _d = desks
    assert officer_on_duty(ward, "2", local(2026, 3, 2, 10, 0)) == officer
    assert officer_on_duty(ward.pk, "1", local(2026, 3, 2, 10, 0)) is None
    assert officer_on_duty(ward, "2", local(2026, 3, 2, 17, 0)) is None


def test_an_officer_or_a_counter_cannot_be_on_two_duties_at_once(desks) -> None:  # type: ignore[no-untyped-def]
    _h, ward, officer, ward_officer, supervisor, _d = desks
    with pytest.raises(InvalidInput) as error:
        services.duty_create(
            officer=officer, desk=ward, counter="3", starts_at=local(2026, 3, 2, 13, 30), ends_at=local(2026, 3, 2, 15, 0),
            by=supervisor,
        )  # fmt: skip
    assert error.value.errors[0].field == "officer"
    with pytest.raises(InvalidInput) as error:
        services.duty_create(
            officer=ward_officer, desk=ward, counter="2", starts_at=local(2026, 3, 2, 16, 0), ends_at=local(2026, 3, 2, 18, 0),
            by=supervisor,
        )  # fmt: skip
    assert error.value.errors[0].field == "counter"
    services.duty_create(
        officer=ward_officer, desk=ward, counter="2", starts_at=local(2026, 3, 2, 17, 0), ends_at=local(2026, 3, 2, 18, 0),
        by=supervisor,
    )  # fmt: skip


def test_a_duty_with_fields_receives_only_procedures_of_those_fields(desks) -> None:  # type: ignore[no-untyped-def]
    _h, ward, _o, ward_officer, supervisor, _d = desks
    version = make_version()
    version.procedure.agencies.add(ward)
    other_field = FieldFactory()
    duty = services.duty_create(
        officer=ward_officer, desk=ward, counter="1", starts_at=local(2026, 3, 3, 7, 30), ends_at=local(2026, 3, 3, 17, 0),
        fields=[other_field], by=supervisor,
    )  # fmt: skip
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        with pytest.raises(InvalidInput) as error:
            make_dossier(officer=_fresh(ward_officer), version=version, now=local(2026, 3, 3, 9, 0))
        assert [e.field for e in error.value.errors] == ["procedure"]
        duty.fields.add(version.procedure.field)
        assert make_dossier(officer=_fresh(ward_officer), version=version, now=local(2026, 3, 3, 9, 30)).pk
