"""GET /api/v1/calendar/deadline and /working-days (CONTRACTS §7): answers and refusals."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.core import calendar

pytestmark = pytest.mark.django_db

DEADLINE = "/api/v1/calendar/deadline"
WORKING_DAYS = "/api/v1/calendar/working-days"


@pytest.fixture(autouse=True)
def _fresh_calendar() -> None:
    calendar.invalidate()


def test_five_working_days_over_tet_with_the_trace(client: Client) -> None:
    response = client.get(DEADLINE, {"start": "2024-02-07T09:00", "days": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["start"] == "2024-02-07T09:00:00+07:00"
    assert body["clock_start_at"] == "2024-02-07T09:00:00+07:00"
    assert body["due_at"] == "2024-02-21T17:00:00+07:00"
    assert body["estimated"] is False
    assert body["trace"][0] == {
        "date": "2024-02-08",
        "kind": "HOLIDAY",
        "name": "Tết Nguyên đán Giáp Thìn",
        "estimated": False,
    }
    assert [row["kind"] for row in body["trace"]].count("COMPENSATORY") == 2
    assert set(body) == {"start", "clock_start_at", "due_at", "estimated", "trace"}


def test_a_date_without_time_means_midnight_vietnam_time(client: Client) -> None:
    body = client.get(DEADLINE, {"start": "2024-04-26", "days": 1}).json()
    assert body["start"] == "2024-04-26T00:00:00+07:00"
    assert body["clock_start_at"] == "2024-04-26T07:30:00+07:00"
    assert body["due_at"] == "2024-05-02T17:00:00+07:00"


def test_an_instant_with_an_offset_is_converted(client: Client) -> None:
    body = client.get(DEADLINE, {"start": "2024-04-26T10:30:00Z", "days": 1}).json()
    assert body["start"] == "2024-04-26T17:30:00+07:00"
    assert body["clock_start_at"] == "2024-05-02T07:30:00+07:00"
    assert body["trace"][0]["kind"] == "AFTER_HOURS"
    assert body["due_at"] == "2024-05-03T17:00:00+07:00"


def test_working_hours(client: Client) -> None:
    body = client.get(DEADLINE, {"start": "2024-04-25T10:00", "hours": 16}).json()
    assert body["due_at"] == "2024-05-02T11:00:00+07:00"


def test_a_make_up_saturday_is_counted_and_traced(client: Client) -> None:
    body = client.get(DEADLINE, {"start": "2026-01-09T10:00", "days": 1}).json()
    assert body["due_at"] == "2026-01-10T17:00:00+07:00"
    assert body["trace"] == [
        {
            "date": "2026-01-10",
            "kind": "MAKEUP_WORKDAY",
            "name": "Làm bù cho ngày 02/01/2026",
            "estimated": False,
        }
    ]


def test_a_year_without_confirmed_rows_is_estimated(client: Client) -> None:
    body = client.get(DEADLINE, {"start": "2028-03-06T09:00", "days": 5}).json()
    assert body["estimated"] is True


def test_the_limits_at_their_bounds_are_accepted(client: Client) -> None:
    assert client.get(DEADLINE, {"start": "2026-03-10T09:00", "days": 3650}).status_code == 200
    assert client.get(DEADLINE, {"start": "2026-03-10T09:00", "hours": 27375}).status_code == 200
    assert (
        client.get(DEADLINE, {"start": "2026-03-10T09:00", "hours": 0}).json()["due_at"]
        == "2026-03-10T09:00:00+07:00"
    )


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "hôm qua", "days": 5}, "start"),
        ({"start": "2026-02-30", "days": 5}, "start"),
        ({"start": "2026-03-10T25:00", "days": 5}, "start"),
        ({"start": "", "days": 5}, "start"),
        ({"days": 5}, "start"),
        ({"start": "2026-03-10T09:00", "days": "năm"}, "days"),
        ({"start": "2026-03-10T09:00", "days": "1.5"}, "days"),
        ({"start": "2026-03-10T09:00", "hours": "abc"}, "hours"),
        ({"start": "2026-03-10T09:00", "days": -1}, "days"),
        ({"start": "2026-03-10T09:00", "days": 3651}, "days"),
        ({"start": "2026-03-10T09:00", "hours": 27376}, "hours"),
        ({"start": "2026-03-10T09:00", "days": "99999999999999999999999"}, "days"),
        ({"start": "2026-03-10T09:00", "days": 1, "hours": 1}, "days"),
        ({"start": "2026-03-10T09:00"}, "days"),
        ({"start": "9999-12-31", "days": 5}, "start"),
        ({"start": "9999-12-31T23:59:59-12:00", "days": 5}, "start"),
        ({"start": "0001-01-01T00:00+14:00", "days": 5}, "start"),
        ({"start": "1999-12-31", "days": 5}, "start"),
        ({"start": "2099-12-01", "days": 3650}, "start"),
        ({"start": "2099-12-31T23:00-05:00", "days": 1}, "start"),
    ],
)
def test_invalid_deadline_input_is_a_422_in_the_contract_shape(
    client: Client, params: dict, field: str
) -> None:
    response = client.get(DEADLINE, params)
    assert response.status_code == 422, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert body["detail"]
    assert field in [error["field"] for error in body["errors"]]
    assert all(error["message"] for error in body["errors"])


def test_working_days_counts_after_start_up_to_end(client: Client) -> None:
    response = client.get(WORKING_DAYS, {"start": "2024-02-07", "end": "2024-02-21"})
    assert response.status_code == 200
    assert response.json() == {"working_days": 5}
    assert client.get(WORKING_DAYS, {"start": "2024-02-07", "end": "2024-02-07"}).json() == {
        "working_days": 0
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2024-02-21", "end": "2024-02-07"}, "end"),
        ({"start": "xyz", "end": "2024-02-07"}, "start"),
        ({"start": "2024-02-07"}, "end"),
        ({"start": "2024-02-07", "end": "9999-12-31"}, "end"),
        ({"start": "1900-01-01", "end": "2024-02-07"}, "start"),
    ],
)
def test_invalid_working_days_input_is_a_422(client: Client, params: dict, field: str) -> None:
    response = client.get(WORKING_DAYS, params)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]


def test_the_calendar_endpoints_are_public_and_documented(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/calendar/deadline" in schema["paths"]
    assert "/api/v1/calendar/working-days" in schema["paths"]
