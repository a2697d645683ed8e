"""Which desk receives for which agency (CONTRACTS §5), one rule kept as data per desk, and the desk's
hand-over from the reception step (CONTRACTS §4, ADR 0010).

A desk receives for its own agency, the agencies above it, and those the administrator adds
(`Agency.receives_for`): desk intake, the online queue, desk officers' visibility, worklists and
actions all follow it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.models import OnlineLevel, ProcedureVersion
from motcua.catalog.tests.factories import ProcedureFactory, make_version
from motcua.core.exceptions import Conflict
from motcua.dossiers import actions, exceptions, online, processing, worklists
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.replay import dossier_cached, dossier_replay
from motcua.dossiers.selectors import dossiers_visible_to, procedures_received_at
from motcua.dossiers.services import dossier_receive
from motcua.dossiers.tests.factories import intake, person
from motcua.dossiers.tests.processing_factories import START, Cast, make_cast, make_dossier_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def submitted_to(agency: Agency) -> Dossier:
    """An online dossier sent to `agency` (its receiving agency)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    version = make_version(ProcedureFactory(agencies=[agency]), online_level=OnlineLevel.PARTIAL)
    files = {d.pk: SimpleUploadedFile("a.pdf", PDF) for d in version.documents.filter(mandatory=True)}
    return online.dossier_submit_online(
        procedure_version=version, applicant=person(), files=files, return_method="DESK",
        declaration=True, now=START,
    ).dossier  # fmt: skip


@pytest.fixture
def city() -> dict[str, Any]:
    """A city with a one-stop unit below it, a ward below the city, and a land branch outside."""
    city = AgencyFactory()
    desk = AgencyFactory(parent=city)
    ward = AgencyFactory(parent=city)
    land = AgencyFactory()
    return {
        "city": city, "desk": desk, "ward": ward, "land": land,
        "officer": UserFactory(role=Role.DESK_OFFICER, agency=desk),
        "ward_officer": UserFactory(role=Role.DESK_OFFICER, agency=ward),
    }  # fmt: skip


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def test_a_desk_receives_for_its_agency_those_above_and_those_the_administrator_adds(city: Any) -> None:
    desk, land = city["desk"], city["land"]
    assert desk.receiving_for_ids() == {desk.pk, city["city"].pk}
    desk.receives_for.add(land)
    assert desk.receiving_for_ids() == {desk.pk, city["city"].pk, land.pk}
    # wards sit under the city: by default they receive for the city too, not for the land branch
    assert city["ward"].receiving_for_ids() == {city["ward"].pk, city["city"].pk}


def test_the_online_queue_follows_the_rule_the_city_desk_sees_and_receives_the_land_branchs_dossiers(
    city: Any,
) -> None:
    dossier = submitted_to(city["land"])
    officer = city["officer"]
    assert not dossiers_visible_to(officer).filter(pk=dossier.pk).exists()
    city["desk"].receives_for.add(city["land"])
    officer = fresh(officer)
    assert dossiers_visible_to(officer).filter(pk=dossier.pk).exists()
    assert dossier in worklists.worklist(officer, worklists.SUBMITTED)
    assert worklists.worklist_counts(officer)[worklists.SUBMITTED] == 1
    assert "receive" in actions.available_actions(dossier, officer)
    dossier_receive(dossier=dossier, officer=officer, at=START)
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED
    # the ward's desk does not receive for the land branch
    assert not dossiers_visible_to(fresh(city["ward_officer"])).filter(pk=dossier.pk).exists()


def test_online_dossiers_of_the_city_reach_the_city_desk_and_the_wards_desks(city: Any) -> None:
    dossier = submitted_to(city["city"])
    for officer in (city["officer"], city["ward_officer"]):
        assert dossier in worklists.worklist(fresh(officer), worklists.SUBMITTED)
    stranger = UserFactory(role=Role.DESK_OFFICER, agency=AgencyFactory())
    assert not dossiers_visible_to(stranger).filter(pk=dossier.pk).exists()


def test_desk_intake_takes_the_procedures_of_every_agency_the_desk_receives_for(city: Any) -> None:
    land_version: ProcedureVersion = make_version(ProcedureFactory(agencies=[city["land"]]))
    assert not procedures_received_at(city["desk"]).filter(pk=land_version.procedure_id).exists()
    city["desk"].receives_for.add(city["land"])
    assert procedures_received_at(city["desk"]).filter(pk=land_version.procedure_id).exists()
    dossier = intake(officer=fresh(city["officer"]), version=land_version).dossier
    assert dossier.state == State.RECEIVED
    assert dossier.receiving_agency == city["desk"]


def test_the_intake_page_lists_the_procedures_of_the_agencies_the_desk_receives_for(city: Any) -> None:
    land_version = make_version(ProcedureFactory(agencies=[city["land"]], name="Đăng ký biến động đất"))
    client = Client()
    client.force_login(city["officer"])
    assert land_version.procedure.code not in client.get("/quan-tri/ho-so/tiep-nhan/?q=bien dong").text
    city["desk"].receives_for.add(city["land"])
    assert land_version.procedure.code in client.get("/quan-tri/ho-so/tiep-nhan/?q=bien dong").text


# --- the desk forwards from RECEIVED ----------------------------------------------------------------
def test_a_desk_officer_forwards_a_received_dossier_to_the_first_processing_step() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    assert "forward" in actions.available_actions(dossier, cast.desk)
    processing.dossier_forward(dossier=dossier, officer=cast.desk, at=cast.tick())
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS
    step = processing.current_step(dossier)
    assert (step.order, step.agency, step.assignee) == (2, cast.other, None)  # waits for leader2
    event = dossier.events.order_by("-seq").first()
    assert (event.action, event.from_state, event.officer, event.agency) == (
        "forward", State.RECEIVED, cast.desk, cast.agency,
    )  # fmt: skip
    assert dossier_replay(dossier) == dossier_cached(dossier)
    # the office of step 2 takes it from there
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader2, assignee=cast.specialist2, at=cast.tick()
    )


def test_the_desk_may_name_the_officer_of_the_next_step() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    processing.dossier_forward(dossier=dossier, officer=cast.desk, assignee=cast.specialist2, at=cast.tick())
    assert processing.current_step(dossier).assignee == cast.specialist2


def test_once_in_progress_the_desk_no_longer_forwards() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    assert "forward" not in actions.available_actions(dossier, cast.desk)
    with pytest.raises(exceptions.NotYourStep):
        processing.dossier_forward(dossier=dossier, officer=cast.desk, at=cast.tick())


def test_a_desk_officer_of_another_desk_may_not_forward() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    other_desk = UserFactory(role=Role.DESK_OFFICER, agency=AgencyFactory())
    with pytest.raises(Conflict):
        processing.dossier_forward(dossier=dossier, officer=other_desk, at=cast.tick())


def test_a_one_step_process_cannot_be_forwarded_from_the_desk() -> None:
    cast: Cast = make_cast(steps=[])
    dossier, cast = make_dossier_in(State.RECEIVED, cast)
    assert "forward" not in actions.available_actions(dossier, cast.desk)
    with pytest.raises(Conflict):
        processing.dossier_forward(dossier=dossier, officer=cast.desk, at=cast.tick())


def test_the_dossier_page_shows_the_desk_officer_the_forward_form_and_it_works() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    client = Client()
    client.force_login(cast.desk)
    page = client.get(f"/quan-tri/ho-so/{dossier.code}/").text
    assert 'id="action-forward"' in page
    assert cast.specialist2.username in page  # the next step's staff, to name one if the desk knows
    response = client.post(
        f"/quan-tri/ho-so/{dossier.code}/thao-tac/forward/", {"assignee": cast.specialist2.username}
    )
    assert response.status_code in (200, 302), response.content[:500]
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS
    assert processing.current_step(dossier).assignee == cast.specialist2
