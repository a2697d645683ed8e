"""Bad input is a 422 with the contract's shape, never a 500 (CONTRACTS §7; issue 13, items 6 and 9).

Several of these failed only on one database (NUL bytes on PostgreSQL, out-of-range integers and
dates on SQLite); run this module on both (`DATABASE_URL=postgres://…`)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.accounts.services import api_token_issue
from motcua.accounts.tests.factories import UserFactory
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.tests.factories import make_version
from motcua.core.exceptions import InvalidInput
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.tests.factories import person
from motcua.dossiers.tests.processing_factories import make_dossier_in

pytestmark = pytest.mark.django_db
HUGE = 2**70  # beyond 64 bits


def _client(user: User) -> Client:
    _, key = api_token_issue(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def _is_422(response: Any) -> dict[str, Any]:
    assert response.status_code == 422, response.content[:300]
    body = response.json()
    assert (
        set(body) == {"detail", "errors"}
        and body["errors"]
        and set(body["errors"][0]) == {"field", "message"}
    )
    return body  # type: ignore[no-any-return]


@pytest.fixture
def officer() -> User:
    return UserFactory(role=Role.DESK_OFFICER)


@pytest.fixture
def version(officer: User) -> ProcedureVersion:
    version = make_version(channels=["DESK", "POST", "ONLINE"])
    version.procedure.agencies.add(officer.agency)
    return version


def _intake(version: ProcedureVersion, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "procedure": version.procedure.code, "channel": "DESK", "return_method": "DESK", "outcome": "RECEIVE",
        "applicant": {"kind": "PERSON", "name": "Trần Văn Bình", "id_number": "056190000999", "phone": "0905111222",
                      "email": "binh@example.vn", "address": {"province": "Khánh Hòa", "street": "5 Lê Lợi"}},
        "documents": [{"document": d.pk, "originals": 1, "copies": 0} for d in version.documents.all()],
    }  # fmt: skip
    body.update(overrides)
    return body


def _post(client: Client, body: Any) -> Any:
    return client.post("/api/v1/dossiers", body, content_type="application/json")


@pytest.mark.parametrize("url", ["/api/v1/agencies", "/api/v1/procedures", "staff"])
def test_a_page_number_beyond_any_list_is_422(url: str, officer: User) -> None:
    if url == "staff":
        url = f"/api/v1/agencies/{officer.agency.code}/staff"
    body = _is_422(_client(officer).get(url, {"page": "1000000000000000000"}))
    assert body["errors"][0]["field"] == "page"


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/lookup", {"code": "ab\x00c"}),
        ("/api/v1/procedures", {"q": "ket\x00hon"}),
        ("/tra-cuu/", {"code": "ab\x00c"}),
        ("/thu-tuc/", {"q": "ket\x00hon"}),
    ],
)
def test_a_nul_byte_in_a_query_is_422(url: str, params: dict[str, str]) -> None:
    response = Client().get(url, params)
    assert response.status_code == 422
    if url.startswith("/api/"):
        _is_422(response)
    else:
        assert "NUL" in response.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b["documents"][0].update(document=HUGE),
        lambda b: b.update(outcome="GUIDE", guide_documents=[HUGE]),
        lambda b: b.update(
            postal={"tracking_number": "EB1", "delivered_at": "0001-01-01T00:00:00"}, channel="POST"
        ),
        lambda b: b["applicant"].update(name="A" * 256),
        lambda b: b["applicant"].update(name="Trần\x00Bình"),
        lambda b: b["applicant"]["address"].update(street="S" * 201),
        lambda b: b["applicant"].update(email="a" * 250 + "@example.vn"),
        lambda b: b.update(outcome="REFUSE", reason="Không\x00đủ"),
    ],
    ids=[
        "document",
        "guide_documents",
        "delivered_at",
        "long_name",
        "nul_name",
        "street",
        "email",
        "nul_reason",
    ],
)
def test_out_of_range_numbers_lengths_dates_and_nul_in_a_desk_intake_are_422(
    change: Any, officer: User, version: ProcedureVersion
) -> None:
    body = _intake(version)
    change(body)
    _is_422(_post(_client(officer), body))
    assert not Dossier.objects.exists()


def test_a_1_mb_name_is_refused_not_stored(officer: User, version: ProcedureVersion) -> None:
    body = _intake(version)
    body["applicant"]["name"] = "N" * 1_000_000
    _is_422(_post(_client(officer), body))
    assert not Dossier.objects.exists()


def test_the_applicant_lengths_hold_for_every_channel() -> None:
    with pytest.raises(InvalidInput) as refused:
        person(name="A" * 256, street="S" * 201).cleaned()
    assert {e.field for e in refused.value.errors} == {"applicant.name", "applicant.street"}


def test_request_supplement_with_an_id_beyond_64_bits_is_422() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    response = _client(cast.specialist).post(
        f"/api/v1/dossiers/{dossier.code}/actions/request_supplement",
        {"documents": [HUGE], "reason": "Thiếu"}, content_type="application/json",
    )  # fmt: skip
    assert _is_422(response)["errors"][0]["field"] == "documents"


def test_a_nul_in_an_actions_reason_is_422() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    response = _client(cast.specialist).post(
        f"/api/v1/dossiers/{dossier.code}/actions/request_supplement",
        {"documents": [cast.version.documents.first().pk], "reason": "Thiếu\x00"}, content_type="application/json",
    )  # fmt: skip
    _is_422(response)


def test_multipart_without_a_boundary_is_422(officer: User) -> None:
    response = _client(officer).post("/api/v1/dossiers", b"x", content_type="multipart/form-data")
    _is_422(response)


def test_the_register_for_a_period_outside_the_calendar_is_422(officer: User) -> None:
    client = Client()
    client.force_login(officer)
    response = client.get("/quan-tri/so-theo-doi.pdf", {"start": "9999-01-01", "end": "9999-12-31"})
    assert response.status_code == 422


def test_an_apology_cannot_reschedule_to_the_end_of_time() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    response = _client(cast.leader).post(
        f"/api/v1/dossiers/{dossier.code}/actions/apologise",
        {"rescheduled_due_at": "9999-12-31T16:00", "reason": "Chậm"}, content_type="application/json",
    )  # fmt: skip
    assert _is_422(response)["errors"][0]["field"] == "rescheduled_due_at"
    dossier.refresh_from_db()
    assert dossier.rescheduled_due_at is None


def test_an_apology_may_give_at_most_the_procedures_limit_again() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    due = dossier.due_at
    assert due is not None
    response = _client(cast.leader).post(
        f"/api/v1/dossiers/{dossier.code}/actions/apologise",
        {"rescheduled_due_at": due.replace(year=due.year + 1).isoformat(), "reason": "Chậm"},
        content_type="application/json",
    )  # fmt: skip
    _is_422(response)


@pytest.mark.parametrize(
    "digits", ["٠٥٦١٩٠٠٠٠٩٩٩", "０５６１９０００００９９９"], ids=["arabic_indic", "full_width"]
)
def test_id_numbers_take_ascii_digits_only(digits: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        person(id_number=digits).cleaned()
    assert [e.field for e in refused.value.errors] == ["applicant.id_number"]


def test_phone4_takes_ascii_digits_only() -> None:
    dossier, _cast = make_dossier_in(State.RECEIVED)
    response = Client().get("/api/v1/lookup", {"code": dossier.code, "phone4": "٣٤٥٦"})
    assert _is_422(response)["errors"][0]["field"] == "phone4"


def test_an_unexpected_error_on_the_api_answers_the_json_shape_not_an_html_page(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.DEBUG = False

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("defect")

    monkeypatch.setattr("motcua.api.lookup.lookup", broken)
    response = Client(raise_request_exception=False).get("/api/v1/lookup", {"code": "X1"})
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail", "errors"}
