"""`GET reports/summary` and `GET indices/766` (CONTRACTS §7, §8): public aggregates with the agreed
shapes; `POST dossiers/<code>/flags` sets the 766 flags for staff who handle the dossier."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.services import api_token_issue
from motcua.accounts.tests.factories import UserFactory
from motcua.core.periods import Period
from motcua.dossiers.models import DossierFlags, State
from motcua.dossiers.tests.processing_factories import local, make_cast, make_dossier_in
from motcua.reports.figures import Scope, figures

pytestmark = pytest.mark.django_db

SUMMARY_FIELDS = {
    "carried_over", "received", "received_desk", "received_post", "received_online", "finished_early",
    "finished_on_time", "finished_late", "in_progress", "overdue", "stopped", "withdrawn", "refused", "guided",
    "apologies", "returned", "on_time_rate",
}  # fmt: skip


@pytest.fixture
def cast():
    cast = make_cast()
    for state in (State.RETURNED, State.IN_PROGRESS, State.STOPPED):
        make_dossier_in(state, cast)
    return cast


def test_the_summary_is_public_and_counts_as_the_report(cast) -> None:
    answer = Client().get(
        f"/api/v1/reports/summary?start=2026-03-01&end=2026-03-31&agency={cast.agency.code}"
    )
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) >= SUMMARY_FIELDS
    expected = figures(Period(local(2026, 3, 1).date(), local(2026, 3, 31).date()), Scope(agency=cast.agency))
    assert {k: body[k] for k in SUMMARY_FIELDS - {"on_time_rate"}} == {
        k: expected[k] for k in SUMMARY_FIELDS - {"on_time_rate"}
    }
    assert body["received"] == 3 and body["stopped"] == 1 and body["returned"] == 1
    assert Decimal(str(body["on_time_rate"])) == expected["on_time_rate"]
    assert not any(cast.agency.code + "-" in str(v) for v in body.values())  # no dossier codes


def test_bad_periods_and_unknown_agencies_are_422(cast) -> None:
    client = Client()
    assert client.get("/api/v1/reports/summary?start=2026-03-31&end=2026-03-01").status_code == 422
    assert (
        client.get("/api/v1/reports/summary?start=2026-03-01&end=2026-03-31&agency=KHONG").status_code == 422
    )
    assert client.get("/api/v1/indices/766?start=x&end=2026-03-31").status_code == 422
    assert client.get("/api/v1/reports/summary?start=2020-01-01&end=2026-03-31").status_code == 422


def test_the_index_has_the_contract_shape(cast) -> None:
    answer = Client().get(f"/api/v1/indices/766?start=2026-03-01&end=2026-03-31&agency={cast.agency.code}")
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"total_points", "applicable_max_points", "groups"}
    assert [g["code"] for g in body["groups"]] == ["1", "2", "3", "4", "5"]
    assert sum(Decimal(str(g["max_points"])) for g in body["groups"]) == 100
    indicator = next(i for g in body["groups"] for i in g["indicators"] if i["code"] == "2.1")
    assert set(indicator) == {"code", "name", "numerator", "denominator", "value", "points", "max_points"}
    assert indicator["denominator"] == 2  # returned + in progress; the stopped dossier counts in neither
    na = next(i for g in body["groups"] for i in g["indicators"] if i["code"] == "1.1")
    assert na["value"] is None and na["points"] is None


def test_staff_set_the_flags_of_a_dossier_they_see(cast) -> None:
    dossier, _ = make_dossier_in(State.IN_PROGRESS, cast)
    _, key = api_token_issue(user=cast.desk, name="t")
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    answer = client.post(
        f"/api/v1/dossiers/{dossier.code}/flags", {"paid_online": True}, content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json() == {
        "code": dossier.code, "paid_online": True, "reused_digitised": False,
    }  # fmt: skip
    client.post(
        f"/api/v1/dossiers/{dossier.code}/flags", {"reused_digitised": True}, content_type="application/json"
    )
    flags = DossierFlags.objects.get(dossier=dossier)
    assert (flags.paid_online, flags.reused_digitised, flags.set_by) == (True, True, cast.desk)
    _, other = api_token_issue(user=cast.specialist2, name="t")  # never had a step of it: 404
    stranger = Client(HTTP_AUTHORIZATION=f"Token {other}")
    assert (
        stranger.post(
            f"/api/v1/dossiers/{dossier.code}/flags", {}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        Client()
        .post(f"/api/v1/dossiers/{dossier.code}/flags", {}, content_type="application/json")
        .status_code
        == 401
    )


def test_the_locality_leader_reads_a_dossier_without_personal_data(cast) -> None:
    dossier, _ = make_dossier_in(State.IN_PROGRESS, cast)
    _, key = api_token_issue(user=UserFactory(role=Role.LOCALITY_LEADER), name="t")
    answer = Client(HTTP_AUTHORIZATION=f"Token {key}").get(f"/api/v1/dossiers/{dossier.code}")
    assert answer.status_code == 200
    assert set(answer.json()["applicant"]) == {"masked_name"}
