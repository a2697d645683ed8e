"""The dossier rows of the CONTRACTS §5 matrix that exist at intake."""

from __future__ import annotations

import pytest

from motcua.accounts.models import PersonalDataAccess
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers.selectors import dossier_personal_data_visible, dossiers_visible_to, masked_name
from motcua.dossiers.tests.factories import make_dossier, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():  # type: ignore[no-untyped-def]
    return make_dossier()


def test_desk_officers_see_dossiers_of_their_own_desk_only(dossier) -> None:  # type: ignore[no-untyped-def]
    colleague = UserFactory(role=Role.DESK_OFFICER, agency=dossier.receiving_agency)
    stranger = UserFactory(role=Role.DESK_OFFICER)
    assert list(dossiers_visible_to(colleague)) == [dossier]
    assert not dossiers_visible_to(stranger).exists()


def test_leaders_of_the_receiving_agency_see_it_and_others_do_not(dossier) -> None:  # type: ignore[no-untyped-def]
    assert dossier in dossiers_visible_to(UserFactory(role=Role.LEADER, agency=dossier.receiving_agency))
    assert dossier not in dossiers_visible_to(UserFactory(role=Role.LEADER))


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN])
def test_locality_wide_roles_see_every_dossier(dossier, role: Role) -> None:  # type: ignore[no-untyped-def]
    assert dossier in dossiers_visible_to(UserFactory(role=role))


def test_editors_see_no_dossier_even_at_the_receiving_agency(dossier) -> None:  # type: ignore[no-untyped-def]
    assert not dossiers_visible_to(UserFactory(role=Role.EDITOR, agency=dossier.receiving_agency)).exists()


def test_specialists_of_an_agency_without_a_step_see_nothing(dossier) -> None:  # type: ignore[no-untyped-def]
    assert not dossiers_visible_to(UserFactory(role=Role.SPECIALIST)).exists()


def test_an_inspector_sees_personal_data_only_after_stating_a_reason_and_it_is_logged(dossier) -> None:  # type: ignore[no-untyped-def]
    inspector = UserFactory(role=Role.INSPECTOR)
    assert not dossier_personal_data_visible(inspector, dossier, channel="API")
    assert dossier_personal_data_visible(inspector, dossier, channel="API", reason="Thanh tra theo kế hoạch")
    log = PersonalDataAccess.objects.get()
    assert (log.user, log.subject, log.reason) == (
        inspector,
        f"dossier:{dossier.code}",
        "Thanh tra theo kế hoạch",
    )


def test_a_desk_officers_view_of_personal_data_is_logged(dossier) -> None:  # type: ignore[no-untyped-def]
    officer = UserFactory(role=Role.DESK_OFFICER, agency=dossier.receiving_agency)
    assert dossier_personal_data_visible(officer, dossier, channel="PAGE")
    assert PersonalDataAccess.objects.filter(user=officer, subject=dossier.subject_ref).count() == 1


@pytest.mark.parametrize(
    ("kind", "name", "masked"),
    [
        ("PERSON", "Nguyễn Thị Ánh", "Nguyễn T. Á."),
        ("PERSON", "Hùng", "H***"),
        ("ORGANISATION", "Công ty TNHH Biển Xanh", "Công ***"),
    ],
)
def test_names_are_masked_as_the_contract_says(kind: str, name: str, masked: str) -> None:
    extra = {"tax_code": "4201234567"} if kind == "ORGANISATION" else {}
    assert masked_name(make_dossier(applicant=person(kind=kind, name=name, **extra))) == masked
