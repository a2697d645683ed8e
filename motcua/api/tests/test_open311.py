"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), field by field in JSON and XML,
errors included (CONTRACTS §9)."""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.services import api_token_issue
from motcua.accounts.tests.factories import UserFactory
from motcua.feedback.codes import petition_token
from motcua.feedback.models import Channel, Petition, State
from motcua.feedback.services import petition_act
from motcua.feedback.tests.factories import answered, file_petition, local, make_cast

pytestmark = pytest.mark.django_db

REQUEST_FIELDS = [
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
]  # fmt: skip
SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]


def xml(response: Any) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own answer


def as_dict(element: ET.Element) -> dict[str, str | None]:
    return {child.tag: child.text for child in element}


@pytest.fixture
def published() -> Petition:
    cast = make_cast()
    p = answered(cast, local(2026, 2, 9, 8, 0))
    return petition_act(p, "publish", officer=cast.supervisor, now=local(2026, 2, 9, 15, 0))


def test_discovery_in_both_formats() -> None:
    body = Client().get("/open311/v2/discovery.json").json()
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2") and endpoint["type"] == "production"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    root = xml(Client().get("/open311/v2/discovery.xml"))
    assert root.tag == "discovery"
    formats = [f.text for f in root.find("endpoints/endpoint/formats")]
    assert formats == ["text/xml", "application/json"]
    assert root.findtext("endpoints/endpoint/specification") == "http://wiki.open311.org/GeoReport_v2"


def test_services_and_definitions() -> None:
    services = Client().get("/open311/v2/services.json").json()
    assert [s["service_code"] for s in services] == ["REGULATION", "BEHAVIOUR"]
    for service in services:
        assert list(service) == SERVICE_FIELDS
        assert service["metadata"] is True and service["type"] == "realtime"
    root = xml(Client().get("/open311/v2/services.xml"))
    assert root.tag == "services" and [s.tag for s in root] == ["service", "service"]
    first = as_dict(root[0])
    assert list(first) == SERVICE_FIELDS and first["metadata"] == "true"
    assert first["service_name"] == "Quy định, chính sách, thủ tục hành chính"

    definition = Client().get("/open311/v2/services/REGULATION.json").json()
    assert definition["service_code"] == "REGULATION"
    codes = [a["code"] for a in definition["attributes"]]
    assert codes == ["dossier_code", "address"]
    for attribute in definition["attributes"]:
        assert set(attribute) == {
            "variable",
            "code",
            "datatype",
            "required",
            "datatype_description",
            "order",
            "description",
        }
        assert attribute["datatype"] == "string"
    root = xml(Client().get("/open311/v2/services/BEHAVIOUR.xml"))
    assert root.tag == "service_definition" and root.findtext("service_code") == "BEHAVIOUR"
    assert [a.findtext("code") for a in root.find("attributes")] == codes


def test_requests_list_published_only_with_every_field(published: Petition) -> None:
    hidden = file_petition(local(2026, 2, 10, 8, 0), phone="0912000111")
    rows = Client().get("/open311/v2/requests.json", {"start_date": "2026-02-01T00:00:00+07:00"}).json()
    assert [r["service_request_id"] for r in rows] == [published.code]
    row = rows[0]
    assert list(row) == REQUEST_FIELDS
    assert row["status"] == "closed" and row["status_notes"] == "Đã công khai"
    assert row["service_code"] == "REGULATION"
    assert row["description"].startswith(published.title) and row["service_notice"] == published.answer
    assert row["agency_responsible"] == "Phòng Tư pháp"
    assert row["requested_datetime"] == "2026-02-09T08:00:00+07:00"
    assert row["updated_datetime"] == "2026-02-09T15:00:00+07:00"
    assert row["expected_datetime"] == "2026-03-09T17:00:00+07:00"
    assert row["lat"] is None and row["long"] is None and row["address"] is None
    root = xml(Client().get("/open311/v2/requests.xml", {"start_date": "2026-02-01"}))
    assert root.tag == "service_requests" and [r.tag for r in root] == ["request"]
    element = as_dict(root[0])
    assert list(element) == REQUEST_FIELDS
    assert element["service_request_id"] == published.code and element["lat"] is None
    assert element["requested_datetime"] == "2026-02-09T08:00:00+07:00"
    # Filters: status, service_code, dates.
    assert (
        Client().get("/open311/v2/requests.json", {"start_date": "2026-02-01", "status": "open"}).json() == []
    )
    assert (
        Client()
        .get("/open311/v2/requests.json", {"start_date": "2026-02-01", "service_code": "BEHAVIOUR"})
        .json()
        == []
    )
    assert Client().get("/open311/v2/requests.json", {"start_date": "2026-02-10"}).json() == []
    assert (
        hidden.code
        not in Client().get("/open311/v2/requests.json", {"start_date": "2026-01-01"}).content.decode()
    )


def test_a_single_request_gives_status_without_text_unless_published(published: Petition) -> None:
    open_one = file_petition(
        local(2026, 2, 10, 8, 0), title="Nội dung riêng chưa công khai", phone="0912000111"
    )
    rows = Client().get(f"/open311/v2/requests/{open_one.code}.json").json()
    assert len(rows) == 1 and list(rows[0]) == REQUEST_FIELDS
    assert rows[0]["status"] == "open" and rows[0]["status_notes"] == "Chờ tiếp nhận"
    assert rows[0]["description"] is None and rows[0]["service_notice"] is None
    assert "Nội dung riêng" not in Client().get(f"/open311/v2/requests/{open_one.code}.xml").content.decode()
    both = (
        Client()
        .get("/open311/v2/requests.json", {"service_request_id": f"{published.code},{open_one.code}"})
        .json()
    )
    assert {r["service_request_id"] for r in both} == {published.code, open_one.code}
    root = xml(Client().get(f"/open311/v2/requests/{published.code}.xml"))
    assert root[0].findtext("status") == "closed" and root[0].findtext("description").startswith(
        published.title
    )


def test_post_a_request_with_an_api_key_and_no_location() -> None:
    make_cast()
    app = UserFactory(username="ung-dung", role=Role.SUPERVISOR)
    _, key = api_token_issue(user=app, name="Ứng dụng phản ánh")
    data = {
        "api_key": key, "service_code": "REGULATION", "first_name": "Hoa", "last_name": "Ngô Thị",
        "phone": "0905987654", "email": "hoa.ngo@example.vn", "attribute[address]": "3 Hùng Vương, Cam Lộc",
        "description": "Đường dây nóng của phường không ai nghe máy trong giờ hành chính.",
    }  # fmt: skip
    response = Client().post("/open311/v2/requests.json", data)
    assert response.status_code == 201
    row = response.json()[0]
    assert set(row) == {"service_request_id", "token", "service_notice", "account_id"}
    petition = Petition.objects.get(code=row["service_request_id"])
    assert petition.channel == Channel.OPEN311 and petition.state == State.SUBMITTED
    assert petition.petitioner_name == "Ngô Thị Hoa" and petition.created_by == app
    assert row["token"] == petition_token(petition.code)
    tokens = Client().get(f"/open311/v2/tokens/{row['token']}.json").json()
    assert tokens == [{"service_request_id": petition.code, "token": row["token"]}]
    root = xml(Client().get(f"/open311/v2/tokens/{row['token']}.xml"))
    assert root[0].findtext("service_request_id") == petition.code
    xml_post = Client().post("/open311/v2/requests.xml", {**data, "phone": "0905987655"})
    assert xml_post.status_code == 201 and xml(xml_post)[0].findtext("service_request_id").startswith("PA-")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_errors_follow_the_spec(fmt: str) -> None:
    make_cast()
    app = UserFactory(username="ung-dung", role=Role.SUPERVISOR)
    _, key = api_token_issue(user=app, name="Ứng dụng")

    def error(response: Any) -> tuple[int, int, str]:
        if fmt == "json":
            body = response.json()
            assert isinstance(body, list) and set(body[0]) == {"code", "description"}
            return response.status_code, body[0]["code"], body[0]["description"]
        root = xml(response)
        assert root.tag == "errors" and root[0].tag == "error"
        return response.status_code, int(root[0].findtext("code")), root[0].findtext("description")

    c = Client()
    assert error(c.post(f"/open311/v2/requests.{fmt}", {"service_code": "REGULATION"}))[:2] == (403, 403)
    assert error(c.post(f"/open311/v2/requests.{fmt}", {"api_key": "sai", "service_code": "REGULATION"}))[
        :2
    ] == (403, 403)
    assert error(c.post(f"/open311/v2/requests.{fmt}", {"api_key": key, "service_code": "X"}))[:2] == (
        400,
        400,
    )
    status, code, description = error(c.post(f"/open311/v2/requests.{fmt}", {"api_key": key, "service_code": "REGULATION",
                                                                            "first_name": "A", "description": "ngắn"}))  # fmt: skip
    assert (status, code) == (400, 400) and "address" in description
    assert error(c.get(f"/open311/v2/requests/PA-000101-0009.{fmt}"))[:2] == (404, 404)
    assert error(c.get(f"/open311/v2/services/KHAC.{fmt}"))[:2] == (404, 404)
    assert error(c.get(f"/open311/v2/tokens/{'0' * 32}.{fmt}"))[:2] == (404, 404)
    assert error(c.get(f"/open311/v2/services.{fmt}", {"jurisdiction_id": "khac.gov.vn"}))[:2] == (404, 404)
    assert error(c.get(f"/open311/v2/requests.{fmt}", {"status": "pending"}))[:2] == (400, 400)
    assert error(c.get(f"/open311/v2/requests.{fmt}", {"start_date": "hôm qua"}))[:2] == (400, 400)
    assert c.get("/open311/v2/services.csv").status_code == 404
    assert json.loads(c.get("/open311/v2/services.csv").content)[0]["code"] == 404


def test_the_list_reads_the_last_update_without_a_query_per_request(
    django_assert_max_num_queries: Any,
) -> None:
    cast = make_cast()
    published = []
    for day in (9, 10, 11, 12):
        p = answered(cast, local(2026, 2, day, 8, 0))
        published.append(petition_act(p, "publish", officer=cast.supervisor, now=local(2026, 2, day, 15, 0)))
    with django_assert_max_num_queries(1):  # one query, however many requests
        rows = Client().get("/open311/v2/requests.json", {"start_date": "2026-02-01"}).json()
    updated = {r["service_request_id"]: r["updated_datetime"] for r in rows}
    assert updated == {p.code: f"2026-02-{p.submitted_at.day:02d}T15:00:00+07:00" for p in published}
    codes = ",".join(p.code for p in published)
    with django_assert_max_num_queries(1):  # one query, however many requests
        by_id = Client().get("/open311/v2/requests.json", {"service_request_id": codes}).json()
    assert {r["service_request_id"]: r["updated_datetime"] for r in by_id} == updated


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_more_ids_than_the_cap_is_a_400_in_the_specs_shape(fmt: str) -> None:
    ids = ",".join(f"PA-260209-{n:04d}" for n in range(1, 1002))  # 1001 ids: one more than the cap
    response = Client().get(f"/open311/v2/requests.{fmt}", {"service_request_id": ids})
    assert response.status_code == 400
    if fmt == "json":
        (error,) = response.json()
        assert error["code"] == 400 and "1000" in error["description"]
    else:
        root = xml(response)
        assert (
            root.tag == "errors"
            and root[0].findtext("code") == "400"
            and "1000" in root[0].findtext("description")
        )
    at_cap = ",".join(f"PA-260209-{n:04d}" for n in range(1, 1001))
    assert Client().get(f"/open311/v2/requests.{fmt}", {"service_request_id": at_cap}).status_code == 200
