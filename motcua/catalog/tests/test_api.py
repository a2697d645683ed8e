"""GET /api/v1/procedures and /api/v1/procedures/{code}: exactly the fields of CONTRACTS §7."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from motcua.accounts.tests.factories import AgencyFactory
from motcua.catalog import services
from motcua.catalog.models import OnlineLevel, TimeUnit
from motcua.catalog.tests.factories import FieldFactory, ProcedureFactory, make_version

pytestmark = pytest.mark.django_db

CONTRACT_FIELDS = {
    "code",
    "name",
    "field",
    "agencies",
    "online_level",
    "channels",
    "limit",
    "fees",
    "documents",
    "steps",
    "pause_kinds",
    "legal_basis",
    "result_kind",
    "version",
}


@pytest.fixture
def marriage():
    agency = AgencyFactory(code="000.52.31.H34")
    tax = AgencyFactory(code="000.21.31.H34")
    procedure = ProcedureFactory(
        code="1.000894",
        name="Đăng ký kết hôn",
        field=FieldFactory(code="HT", name="Hộ tịch"),
        agencies=[agency],
    )
    version = make_version(
        procedure,
        pause_kinds=["VERIFICATION"],
        steps=[
            {"name": "Tiếp nhận", "budget_value": 1, "budget_unit": TimeUnit.HALF_DAYS},
            {"name": "Xác minh", "agency": tax, "budget_value": 9, "budget_unit": TimeUnit.HALF_DAYS},
        ],
    )
    return version


def test_a_procedure_answers_with_exactly_the_contract_fields(marriage) -> None:
    body = Client().get("/api/v1/procedures/1.000894").json()
    assert set(body) == CONTRACT_FIELDS
    assert body["field"] == {"code": "HT", "name": "Hộ tịch"}
    assert body["agencies"] == ["000.52.31.H34"]
    assert body["limit"] == {"value": 5, "unit": "WORKING_DAYS", "cutoff": None}
    assert body["fees"] == [{"name": "Lệ phí", "amount_vnd": 50000, "note": "Miễn cho hộ nghèo"}]
    assert body["steps"] == [
        {"order": 1, "name": "Tiếp nhận", "agency": None, "budget": {"value": 1, "unit": "HALF_DAYS"}},
        {
            "order": 2,
            "name": "Xác minh",
            "agency": "000.21.31.H34",
            "budget": {"value": 9, "unit": "HALF_DAYS"},
        },
    ]
    template, optional = body["documents"]
    assert set(template) == {"id", "name", "originals", "copies", "mandatory", "template_url", "sample_url"}
    assert template["template_url"].endswith(f"/thu-tuc/1.000894/giay-to/{template['id']}/mau/")
    assert optional["mandatory"] is False and optional["template_url"] is None
    assert body["pause_kinds"] == ["VERIFICATION"]
    assert body["legal_basis"] == ["Luật Thử nghiệm số 1/2020/QH14"]
    assert body["result_kind"] == "PAPER"
    assert body["channels"] == ["DESK", "ONLINE"] and body["online_level"] == "PARTIAL"
    assert body["version"] == {"effective_from": "2022-01-01"}
    assert Client().get(template["template_url"]).status_code == 200


def test_at_returns_the_version_then_in_force(marriage) -> None:
    services.procedure_version_revise(
        version=marriage, effective_date=date(2024, 1, 1), publish=True, online_level=OnlineLevel.FULL
    )
    before = Client().get("/api/v1/procedures/1.000894?at=2023-12-31").json()
    after = Client().get("/api/v1/procedures/1.000894?at=2024-01-01").json()
    assert (before["online_level"], before["version"]["effective_from"]) == ("PARTIAL", "2022-01-01")
    assert (after["online_level"], after["version"]["effective_from"]) == ("FULL", "2024-01-01")
    assert Client().get("/api/v1/procedures/1.000894?at=2021-01-01").status_code == 404


def test_unknown_code_is_404_and_a_bad_date_is_422_in_the_contract_shape(marriage) -> None:
    missing = Client().get("/api/v1/procedures/9.999999")
    assert missing.status_code == 404 and set(missing.json()) == {"detail", "errors"}
    bad = Client().get("/api/v1/procedures/1.000894?at=31/12/2023")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "at"


def test_the_list_is_paginated_filtered_and_searched_without_accents(marriage) -> None:
    for n in range(3):
        make_version(
            ProcedureFactory(name=f"Cấp giấy phép xây dựng {n}", field=FieldFactory(code="XD")),
            online_level="NONE",
            channels=["DESK"],
        )
    page = Client().get("/api/v1/procedures?page=1&page_size=2").json()
    assert page["count"] == 4 and len(page["items"]) == 2
    assert set(page["items"][0]) == CONTRACT_FIELDS
    found = Client().get("/api/v1/procedures", {"q": "dang ky ket hon"}).json()
    assert [p["code"] for p in found["items"]] == ["1.000894"]
    assert Client().get("/api/v1/procedures?field=XD").json()["count"] == 3
    assert Client().get("/api/v1/procedures?online_level=PARTIAL").json()["count"] == 1
    assert Client().get("/api/v1/procedures?agency=000.52.31.H34").json()["count"] == 1
    assert Client().get("/api/v1/procedures?page_size=201").status_code == 422
    assert Client().get("/api/v1/procedures?online_level=LEVEL4").status_code == 422
