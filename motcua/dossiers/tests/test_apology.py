"""Who signs the apology (CONTRACTS §4 `apologise`): the agency holding the step that overran, or the
one the supervisor chose; and the supervisor's choice itself (`designate_fault`)."""

from __future__ import annotations

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from motcua.accounts.tests.factories import AgencyFactory
from motcua.core.exceptions import InvalidInput
from motcua.dossiers import actions, exceptions, processing
from motcua.dossiers.exceptions import WrongState
from motcua.dossiers.models import FaultDesignation, State
from motcua.dossiers.tests.processing_factories import local, make_dossier_in
from motcua.notifications.models import Message

pytestmark = pytest.mark.django_db


def _at_the_tax_office(late: bool):  # type: ignore[no-untyped-def]
    """A dossier forwarded to step 2 (the tax office, 4 working days) at 02/03 10:00, then back to
    step 3 at the receiving agency on 05/03 (in time) or 10/03 (step 2 overran)."""
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.at(local(2026, 3, 2, 10, 0)))
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader2, assignee=cast.specialist2, at=cast.tick()
    )
    back = local(2026, 3, 10, 9, 0) if late else local(2026, 3, 5, 9, 0)
    processing.dossier_forward(dossier=dossier, officer=cast.specialist2, at=cast.at(back))
    return dossier, cast


def _apologise(dossier, officer, at):  # type: ignore[no-untyped-def]
    return processing.dossier_apologise(
        dossier=dossier, officer=officer, reason="Chậm do xác minh", at=at,
        rescheduled_due_at=local(2026, 3, 16, 17, 0),
    )  # fmt: skip


def test_the_agency_whose_step_overran_signs_not_the_one_holding_the_dossier_now() -> None:
    dossier, cast = _at_the_tax_office(late=True)
    now = cast.tick()
    assert processing.agency_at_fault(dossier, at=now) == cast.other.pk
    with pytest.raises(exceptions.NotYourStep):
        _apologise(dossier, cast.leader, now)
    with time_machine.travel(now, tick=False):  # the page asks about the present
        assert actions.available_actions(dossier, cast.leader2) == ["apologise"]
        assert "apologise" not in actions.available_actions(dossier, cast.leader)
    _apologise(dossier, cast.leader2, now)
    assert dossier.events.last().payload["agency_at_fault"] == cast.other.pk


def test_without_an_overrun_the_agency_holding_the_current_step_signs() -> None:
    dossier, cast = _at_the_tax_office(late=False)
    now = cast.tick()
    assert processing.agency_at_fault(dossier, at=now) == cast.agency.pk  # step 3, back home
    with pytest.raises(exceptions.NotYourStep):
        _apologise(dossier, cast.leader2, now)
    _apologise(dossier, cast.leader, now)


def test_an_open_step_past_its_own_due_time_makes_its_agency_at_fault() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.at(local(2026, 3, 2, 10, 0)))
    assert processing.agency_at_fault(dossier, at=local(2026, 3, 3, 9, 0)) == cast.other.pk
    assert processing.agency_at_fault(dossier, at=local(2026, 3, 9, 9, 0)) == cast.other.pk


def test_the_supervisor_chooses_the_agency_at_fault_and_its_leaders_are_told() -> None:
    dossier, cast = _at_the_tax_office(late=True)
    now = cast.tick()
    cast.leader.phone = "+84905111222"
    cast.leader.save(update_fields=["phone"])
    processing.dossier_designate_fault(
        dossier=dossier, officer=cast.supervisor, agency=cast.agency, reason="Hồ sơ chuyển thuế chậm 3 ngày", at=now
    )  # fmt: skip
    designation = FaultDesignation.objects.get(dossier=dossier)
    assert (designation.agency, designation.designated_by, designation.designated_at) == (
        cast.agency, cast.supervisor, now
    )  # fmt: skip
    assert designation.note is not None and "chậm 3 ngày" in designation.note.text
    assert dossier.state == State.IN_PROGRESS and dossier.events.last().action == "forward"  # no event
    sms = Message.objects.get(
        template_key="dossier_fault_designated", channel="SMS", recipient="+84905111222"
    )
    assert dossier.code in sms.body and cast.agency.name in sms.body
    assert processing.agency_at_fault(dossier, at=now) == cast.agency.pk
    with pytest.raises(exceptions.NotYourStep):
        _apologise(dossier, cast.leader2, now)
    _apologise(dossier, cast.leader, now)
    with pytest.raises(exceptions.AlreadyDone):
        processing.dossier_designate_fault(
            dossier=dossier, officer=cast.supervisor, agency=cast.other, reason="Đổi lại", at=now
        )


def test_only_the_supervisor_chooses_among_the_agencies_of_the_steps_and_gives_reasons() -> None:
    dossier, cast = _at_the_tax_office(late=True)
    now = cast.tick()
    with pytest.raises(PermissionDenied):
        processing.dossier_designate_fault(
            dossier=dossier, officer=cast.leader, agency=cast.agency, reason="x"
        )
    with pytest.raises(InvalidInput) as refused:  # an agency that never had a step of it
        processing.dossier_designate_fault(
            dossier=dossier, officer=cast.supervisor, agency=AgencyFactory(), reason="Lý do", at=now
        )
    assert refused.value.errors[0].field == "agency"
    with pytest.raises(InvalidInput) as refused:
        processing.dossier_designate_fault(
            dossier=dossier, officer=cast.supervisor, agency=cast.other, reason=" "
        )
    assert refused.value.errors[0].field == "reason"
    assert not FaultDesignation.objects.exists()


def test_no_choice_once_the_dossier_is_finished() -> None:
    dossier, cast = make_dossier_in(State.RESULT_READY)
    with pytest.raises(WrongState):
        processing.dossier_designate_fault(
            dossier=dossier, officer=cast.supervisor, agency=cast.agency, reason="Muộn", at=cast.tick()
        )
