"""Dossiers in every processing state, reached the way production reaches them: through the services.

`Cast` is the people and the procedure of a two-agency (liên thông) process: step 1 at the receiving
agency, step 2 at a specialised office, step 3 back at the receiving agency. `make_dossier_in(state)`
runs the real use cases up to `state`, with times that advance by half an hour per action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.models import ProcedureVersion, TimeUnit
from motcua.catalog.tests.factories import make_version
from motcua.dossiers import processing
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.services import Outcome
from motcua.dossiers.tests.factories import intake

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Monday 02/03/2026 08:00: an ordinary working week (no holiday before 26/04).
START = datetime(2026, 3, 2, 8, 0, tzinfo=VN)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN)  # type: ignore[misc]


def inter_agency_version(receiving: Agency, other: Agency, **parts: Any) -> ProcedureVersion:
    values: dict[str, Any] = {
        "limit_value": 5,
        "limit_unit": TimeUnit.WORKING_DAYS,
        "pause_kinds": ["VERIFICATION", "FINANCIAL_OBLIGATION"],
        "steps": [
            {"name": "Tiếp nhận, chuyển hồ sơ", "budget_value": 1, "budget_unit": TimeUnit.HALF_DAYS},
            {"name": "Thẩm định", "agency": other, "budget_value": 4, "budget_unit": TimeUnit.WORKING_DAYS},
            {"name": "Ký, trả kết quả", "budget_value": 1, "budget_unit": TimeUnit.HALF_DAYS},
        ],
    }
    values.update(parts)
    version = make_version(**values)
    version.procedure.agencies.add(receiving)
    return version


@dataclass
class Cast:
    """The receiving agency (desk, leader, specialist, colleague), the office of step 2 (leader2,
    specialist2), locality-wide staff, an editor, and the procedure version."""

    agency: Agency
    other: Agency
    desk: User
    leader: User
    specialist: User
    colleague: User
    leader2: User
    specialist2: User
    supervisor: User
    inspector: User
    editor: User
    admin: User
    version: ProcedureVersion
    now: datetime = START
    extra: dict[str, Any] = field(default_factory=dict)

    def tick(self, minutes: int = 30) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now

    def at(self, instant: datetime) -> datetime:
        self.now = instant
        return instant


def make_cast(**version_parts: Any) -> Cast:
    agency, other = AgencyFactory(), AgencyFactory()
    return Cast(
        agency=agency,
        other=other,
        desk=UserFactory(role=Role.DESK_OFFICER, agency=agency, phone="0905000001"),
        leader=UserFactory(role=Role.LEADER, agency=agency, phone="0905000002"),
        specialist=UserFactory(role=Role.SPECIALIST, agency=agency, phone="0905000003"),
        colleague=UserFactory(role=Role.SPECIALIST, agency=agency),
        leader2=UserFactory(role=Role.LEADER, agency=other),
        specialist2=UserFactory(role=Role.SPECIALIST, agency=other),
        supervisor=UserFactory(role=Role.SUPERVISOR),
        inspector=UserFactory(role=Role.INSPECTOR),
        editor=UserFactory(role=Role.EDITOR, agency=agency),
        admin=UserFactory(role=Role.ADMIN),
        version=inter_agency_version(agency, other, **version_parts),
    )


def receive(cast: Cast, **kwargs: Any) -> Dossier:
    return intake(officer=cast.desk, version=cast.version, now=cast.now, **kwargs).dossier


def first_document(cast: Cast) -> int:
    return int(cast.version.documents.first().pk)


# The actions that lead to each state, after receipt (or the intake outcome for GUIDED / REFUSED).
def _assign(d: Dossier, c: Cast) -> None:
    processing.dossier_assign(dossier=d, officer=c.leader, assignee=c.specialist, at=c.tick())


def _request(d: Dossier, c: Cast) -> None:
    processing.dossier_request_supplement(
        dossier=d, officer=c.specialist, documents=[first_document(c)], reason="Tờ khai chưa ký", at=c.tick()
    )


def _pause(d: Dossier, c: Cast) -> None:
    processing.dossier_pause(
        dossier=d, officer=c.specialist, kind="VERIFICATION", reason="Xác minh nguồn gốc", at=c.tick()
    )


def _to_last_step(d: Dossier, c: Cast) -> None:
    processing.dossier_forward(dossier=d, officer=c.specialist, at=c.tick())
    processing.dossier_assign(dossier=d, officer=c.leader2, assignee=c.specialist2, at=c.tick())
    processing.dossier_forward(dossier=d, officer=c.specialist2, at=c.tick())
    processing.dossier_assign(dossier=d, officer=c.leader, assignee=c.specialist, at=c.tick())


def _ready(d: Dossier, c: Cast) -> None:
    processing.dossier_mark_ready(dossier=d, officer=c.specialist, at=c.tick())


def _return(d: Dossier, c: Cast) -> None:
    processing.dossier_return_result(
        dossier=d, officer=c.desk, method="DESK", received_by="Nguyễn Thị Ánh", at=c.tick()
    )


def _stop(d: Dossier, c: Cast) -> None:
    processing.dossier_stop(dossier=d, officer=c.leader, reason="Người nộp đã chết", at=c.tick())


def _withdraw(d: Dossier, c: Cast) -> None:
    processing.dossier_withdraw(dossier=d, officer=c.desk, reason="Đơn xin rút ngày 02/03/2026", at=c.tick())


PATH_TO: dict[str, list[Any]] = {
    State.RECEIVED: [],
    State.IN_PROGRESS: [_assign],
    State.AWAITING_SUPPLEMENT: [_assign, _request],
    State.PAUSED: [_assign, _pause],
    State.RESULT_READY: [_assign, _to_last_step, _ready],
    State.RETURNED: [_assign, _to_last_step, _ready, _return],
    State.STOPPED: [_stop],
    State.WITHDRAWN: [_withdraw],
}
INTAKE_STATES = {State.GUIDED: Outcome.GUIDE, State.REFUSED: Outcome.REFUSE}
STATES = [*PATH_TO, *INTAKE_STATES]


def make_dossier_in(state: str, cast: Cast | None = None) -> tuple[Dossier, Cast]:
    """A dossier in `state` (and the cast that made it), through the real services."""
    cast = cast or make_cast()
    if state in INTAKE_STATES:
        return receive(cast, outcome=INTAKE_STATES[state]), cast
    dossier = receive(cast)
    for step in PATH_TO[state]:
        step(dossier, cast)
    dossier.refresh_from_db()
    assert dossier.state == state
    return dossier, cast
