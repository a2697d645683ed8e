"""Generated dossiers with realistic histories, in bulk, through the services (`generate_dossiers`).

Every history is made the way production makes it: `dossier_intake` at a desk of the demo locality
(in person or by post) or `dossier_submit_online` followed by the desk's check, then the processing
use cases (assign, forward across agencies — the land branch and the tax office
for land procedures — supplements, pauses, apologies, result, return, stop, withdraw), each passed
the simulated instant (`now` / `at`). Times advance in office hours by the working calendar, so
histories obey the rules and replay exactly; a dossier whose next action would fall after the end
of the window simply stays where it is (recent dossiers are still open, some of them overdue).

Volume: with `histories` smaller than `count`, only that many histories run through the services
and the rest are copies of them (`motcua.dossiers.replicas`: same history, new code, register number
and applicant) — 100,000 dossiers through the services would take hours.

Deterministic: the same seed, count, agency, window and end instant give the same codes, states and
histories (each dossier draws from `random.Random(f"{seed}:{index}")`; lookups are ordered).
Staff the locality lacks (a leader and specialists per agency holding steps, a desk officer per
desk) are created once, with unusable passwords, as `sinh.<agency code>.<role><n>`.

Desks follow "which desk receives for which agency" (CONTRACTS §5, `receiving_for_ids`): a desk takes
the procedures of every agency it receives for, online dossiers of the city and the land branch are
checked at the city's desk, and the desk usually forwards a received dossier from the reception step
(CONTRACTS §4). A run's online submissions carry idempotency keys of their own, so the generator can
run again on the same database, with the same seed or another, and adds dossiers.
"""

from __future__ import annotations

import random
import time as clock
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from importlib import import_module
from typing import Any

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.catalog.models import ProcedureVersion, in_hours
from motcua.core import calendar
from motcua.core.pdf import pdf_render
from motcua.dossiers import intake, online, processing
from motcua.dossiers.exceptions import LocalityMissing
from motcua.dossiers.files import DocumentIn
from motcua.dossiers.intake import Applicant, Outcome, dossier_intake
from motcua.dossiers.models import OPEN, Dossier, PauseReason, State
from motcua.dossiers.replicas import dossiers_copy
from motcua.dossiers.selectors import procedures_received_at

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Quốc", "Thanh", "Hữu", "Thu", "Đức", "Hoài", "Xuân", "Kim"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc",
         "Tâm", "Tuấn", "Yến", "Sơn", "Trang", "Vy"]  # fmt: skip
COMPANIES = ["Công ty TNHH Thương mại Cam Ranh", "Công ty Cổ phần Thủy sản Ba Ngòi", "Hợp tác xã Nông nghiệp Cam Thành",
             "Công ty TNHH Du lịch Bãi Dài", "Doanh nghiệp tư nhân Xây dựng Cam Phúc"]  # fmt: skip
STREETS = ["Đại lộ Hùng Vương", "Nguyễn Trọng Kỷ", "Lê Duẩn", "Phạm Văn Đồng", "Trần Phú", "Lê Hồng Phong"]
DESK_AGENCY = "000.11.31.H34"  # the city's one-stop desk (accounts demo)
SPECIALISTS_PER_AGENCY = 3

# Probabilities per dossier or per step (see _simulate).
P_GUIDE, P_REFUSE = 0.08, 0.04
P_POST = 0.08
P_ONLINE = 0.3  # of dossiers whose procedure takes online submissions at that desk
P_LATE = 0.12  # the dossier runs late at one of its steps
P_SUPPLEMENT = 0.05  # per step with a specialist, once per agency
P_SECOND_SUPPLEMENT = 0.1  # a leader overrides the once-per-agency limit (the dossier becomes late)
P_PAUSE = 0.15  # per step, when the version allows a pause kind
P_STOP, P_WITHDRAW = 0.004, 0.004  # per step
P_SUPPLEMENT_ABANDONED = 0.08  # the applicant withdraws instead of completing
P_APOLOGY = 0.7  # a late dossier's leader apologises
P_SEND_BACK = 0.03
P_DESK_FORWARD = 0.8  # the desk forwards from the reception step (else the leader assigns it)


@dataclass
class Desk:
    agency: Agency
    officer: User
    versions: list[ProcedureVersion]
    receives_for: set[int]  # `receiving_for_ids` of its agency (CONTRACTS §5)


@dataclass
class Staff:
    leader: User
    specialists: list[User]


@dataclass
class GenerateResult:
    created: int = 0
    histories: int = 0  # through the services; the rest are copies
    seconds: float = 0.0
    copy_seconds: float = 0.0
    states: Counter[str] = field(default_factory=Counter)
    actions: int = 0
    codes: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0


# --- the locality ---------------------------------------------------------------------------------
def locality_ready() -> bool:
    return Agency.objects.filter(code=DESK_AGENCY).exists() and ProcedureVersion.objects.published().exists()


def locality_load() -> None:
    """Load the accounts and catalogue demos (idempotent): the locality the generator needs — as
    `seed_demo` does, by module name."""
    for name in ("motcua.accounts.demo", "motcua.catalog.demo"):
        import_module(name).seed()


def _user(username: str, agency: Agency, role: Role, groups: dict[Role, Group]) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": f"Cán bộ {username}",
            "agency": agency,
            "email": f"{username}@sinh.example.vn",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(groups[role])
    return user


def _staff_with(agency: Agency, role: Role) -> list[User]:
    return list(
        User.objects.filter(agency=agency, groups__name=GROUP_NAMES[role], is_active=True)
        .select_related("agency")
        .order_by("username")
        .distinct()
    )


def _staff(agency: Agency, groups: dict[Role, Group]) -> Staff:
    prefix = f"sinh.{agency.code.lower()}"
    leaders = _staff_with(agency, Role.LEADER) or [_user(f"{prefix}.lanhdao", agency, Role.LEADER, groups)]
    specialists = _staff_with(agency, Role.SPECIALIST)
    for n in range(len(specialists) + 1, SPECIALISTS_PER_AGENCY + 1):
        specialists.append(_user(f"{prefix}.chuyenvien{n}", agency, Role.SPECIALIST, groups))
    return Staff(leader=_fresh(leaders[0]), specialists=[_fresh(s) for s in specialists])


def _fresh(user: User) -> User:
    """The user with its agency loaded and its roles computed once (they are read on every action)."""
    user = User.objects.select_related("agency").get(pk=user.pk)
    _ = user.roles
    return user


def _desks(agency_code: str | None, at: date, groups: dict[Role, Group]) -> list[Desk]:
    if agency_code:
        agencies = list(Agency.objects.filter(code=agency_code.strip().upper()))
        if not agencies:
            raise LocalityMissing(f"Không có cơ quan mã {agency_code}.")
    else:
        agencies = [
            *Agency.objects.filter(code=DESK_AGENCY),
            *Agency.objects.filter(kind=Agency.Kind.COMMUNE).order_by("code"),
        ]
    desks = []
    for agency in agencies:
        versions = [
            v
            for v in ProcedureVersion.objects.in_force(at=at)
            .filter(procedure__in=procedures_received_at(agency))
            .select_related("procedure")
            .prefetch_related("documents")
            .order_by("procedure__code")
            if "DESK" in v.channels
        ]
        if not versions:
            continue
        officers = _staff_with(agency, Role.DESK_OFFICER) or [
            _user(f"sinh.{agency.code.lower()}.tiepnhan", agency, Role.DESK_OFFICER, groups)
        ]
        desks.append(
            Desk(
                agency=agency,
                officer=_fresh(officers[0]),
                versions=versions,
                receives_for=agency.receiving_for_ids(),
            )
        )
    if not desks:
        raise LocalityMissing("Không có bộ phận một cửa nào có thủ tục để tiếp nhận.")
    return desks


# --- time -----------------------------------------------------------------------------------------
def advance(at: datetime, quarter_hours: int) -> datetime:
    """`at` plus that much office time (in quarters of an hour), by the working calendar."""
    limit = calendar.Limit(Decimal(max(quarter_hours, 1)) / 4, calendar.Unit.WORKING_HOURS)
    return calendar.due_at(at, limit).due_at


def _working_instant(rng: random.Random, start: date, days: int) -> datetime:
    day = start + timedelta(days=rng.randrange(days))
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    minute = rng.choice([rng.randrange(450, 690), rng.randrange(810, 1020)])
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, rng.randrange(60),
                    tzinfo=calendar.local_tz())  # fmt: skip


def _quarters(budget_value: int, budget_unit: str) -> int:
    """A step's budget in quarters of an office hour (calendar-day budgets: one working day per day)."""
    if budget_unit in (calendar.Unit.WORKING_DAYS, calendar.Unit.HALF_DAYS, calendar.Unit.WORKING_HOURS):
        return max(1, int(in_hours(budget_value, budget_unit) * 4))
    if budget_unit == calendar.Unit.SAME_DAY:
        return 12
    days = budget_value * (30 if budget_unit == calendar.Unit.MONTHS else 1)
    return max(1, int(days * 30 * 5 / 7))


# --- one dossier ----------------------------------------------------------------------------------
def _applicant(rng: random.Random, desk: Desk) -> Applicant:
    phone = f"09{rng.choice('0134')}{rng.randrange(10**7):07d}" if rng.random() < 0.85 else ""
    email = f"nguoinop{rng.randrange(10**6)}@example.vn" if rng.random() < 0.2 else ""
    address = {"province": "Khánh Hòa", "district": "Thành phố Cam Ranh",
               "commune": desk.agency.commune or "Phường Cam Lộc",
               "street": f"{rng.randrange(1, 400)} {rng.choice(STREETS)}"}  # fmt: skip
    if rng.random() < 0.08:
        return Applicant(kind="ORGANISATION", name=rng.choice(COMPANIES), tax_code=f"42{rng.randrange(10**8):08d}",
                         phone=phone, email=email, **address)  # fmt: skip
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return Applicant(kind="PERSON", name=name, id_number=f"0560{rng.randrange(10**8):08d}", phone=phone,
                     email=email, **address)  # fmt: skip


class Simulation:
    """Runs the history of one dossier; `end` is the instant after which nothing happens yet."""

    def __init__(self, gen: Generator, rng: random.Random, dossier: Dossier, at: datetime) -> None:
        self.gen, self.rng, self.dossier, self.at = gen, rng, dossier, at
        self.actions = 0
        self.plan = gen.plan(dossier.procedure_version)
        self.late_at = rng.randrange(len(self.plan)) if rng.random() < P_LATE else -1
        self.asked: set[int] = set()
        self.apologised = False

    def step_time(self, quarters: int) -> bool:
        """Move the clock on; False when the next action would fall after the end of the window."""
        self.at = advance(self.at, quarters)
        return self.at <= self.gen.end

    def run(self) -> None:
        index = 0
        assignee: User | None = None
        agency_id = self.plan[0].agency_id or self.dossier.receiving_agency_id
        if len(self.plan) > 1 and self.rng.random() < P_DESK_FORWARD:
            # The one-stop desk hands the dossier from the reception step to the agency that handles
            # it (CONTRACTS §4); the next step waits for that agency's leader to assign it.
            budget = _quarters(self.plan[0].budget_value, self.plan[0].budget_unit)
            if not self.step_time(self.rng.randint(1, max(2, budget // 2))):
                return
            self._do(processing.dossier_forward, officer=self.gen.desk_of(self.dossier).officer)
            index, agency_id = 1, self.plan[1].agency_id or self.dossier.receiving_agency_id
        while True:
            staff = self.gen.staff_of(agency_id)
            budget = _quarters(self.plan[index].budget_value, self.plan[index].budget_unit)
            if assignee is None:
                if not self.step_time(self.rng.randint(1, max(2, budget // 6))):
                    return
                assignee = self.rng.choice(staff.specialists)
                self._do(processing.dossier_assign, officer=staff.leader, assignee=assignee)
            share = self.rng.uniform(1.05, 1.6) if index == self.late_at else self.rng.uniform(0.15, 0.85)
            work = max(1, int(budget * share))
            if not self._during_step(index, agency_id, staff, assignee, work):
                return
            if self.dossier.state in (State.STOPPED, State.WITHDRAWN):
                return
            if index == len(self.plan) - 1:
                method = self.dossier.return_method if self.rng.random() < 0.9 else "DESK"
                result = None
                if method == "ONLINE":  # the electronic result, downloaded with the token link
                    result = SimpleUploadedFile(
                        "ket-qua.pdf", self.gen.scan(), content_type="application/pdf"
                    )
                self._do(processing.dossier_mark_ready, officer=assignee, result_file=result)
                if not self.step_time(self.rng.randint(2, 60)):
                    return
                self._do(
                    processing.dossier_return_result, officer=self.gen.desk_of(self.dossier).officer, method=method,
                    received_by="Người nộp hồ sơ" if method == "DESK" else "",
                    tracking_number=f"EG{self.rng.randrange(10**9):09d}VN" if method == "POST" else "",
                )  # fmt: skip
                return
            back = index > 0 and self.rng.random() < P_SEND_BACK
            target = index - 1 if back else index + 1
            next_agency = self.plan[target].agency_id or self.dossier.receiving_agency_id
            self._do(processing.dossier_send_back if back else processing.dossier_forward, officer=assignee)
            if back:  # the service hands it back to whoever had that step
                previous = self.dossier.steps.order_by("-seq").values_list("assignee", flat=True).first()
                assignee = self.gen.user(previous) if previous else None
            elif next_agency != agency_id:
                assignee = None
            index, agency_id = target, next_agency

    def _during_step(self, index: int, agency_id: int, staff: Staff, assignee: User, work: int) -> bool:
        """The work on one step, with what may interrupt it; False when the window ends first."""
        rng, version = self.rng, self.dossier.procedure_version
        events: list[str] = []
        if agency_id not in self.asked and rng.random() < P_SUPPLEMENT:
            events.append("supplement")
        elif self.asked and rng.random() < P_SUPPLEMENT * P_SECOND_SUPPLEMENT:
            events.append("second_supplement")
        kinds = [k for k in version.pause_kinds if k != PauseReason.SUPPLEMENT]
        if kinds and rng.random() < P_PAUSE:
            events.append("pause")
        if rng.random() < P_STOP:
            events.append("stop")
        elif rng.random() < P_WITHDRAW:
            events.append("withdraw")
        rng.shuffle(events)
        done = 0
        for kind in events:
            part = rng.randint(0, max(0, work - done - 1))
            if part and not self.step_time(part):
                return False
            done += part
            if kind in ("supplement", "second_supplement"):
                if not self._supplement(agency_id, staff, assignee, override=kind == "second_supplement"):
                    return False
                if self.dossier.state == State.WITHDRAWN:
                    return True
            elif kind == "pause":
                self._do(processing.dossier_pause, officer=assignee, kind=rng.choice(kinds),
                         reason="Chờ kết quả xác minh, thực hiện nghĩa vụ tài chính (dữ liệu sinh)")  # fmt: skip
                if not self.step_time(rng.randint(4, 120)):
                    return False
                self._do(processing.dossier_resume, officer=assignee)
            elif kind == "stop":
                leader = self.gen.staff_of(self.dossier.receiving_agency_id).leader
                self._do(
                    processing.dossier_stop, officer=leader, reason="Người nộp đề nghị dừng (dữ liệu sinh)"
                )
                return True
            else:
                self._do(processing.dossier_withdraw, officer=self.gen.desk_of(self.dossier).officer,
                         reason="Đơn đề nghị rút hồ sơ của người nộp (dữ liệu sinh)")  # fmt: skip
                return True
        if index == self.late_at and not self.apologised and rng.random() < P_APOLOGY:
            self._apologise()
            done += max(1, (work - done) // 3)
        return self.step_time(max(1, work - done))

    def _supplement(self, agency_id: int, staff: Staff, assignee: User, *, override: bool) -> bool:
        documents = [d.pk for d in self.dossier.procedure_version.documents.all()][:2]
        if not documents:
            return True
        if override:
            if agency_id not in self.asked:
                return True
            documents = documents[:1]
            processing.dossier_request_supplement(
                dossier=self.dossier, officer=staff.leader, documents=documents, at=self.at,
                reason="Giấy tờ bổ sung lần trước chưa hợp lệ (dữ liệu sinh)",
                override_reason="Giấy tờ bổ sung chưa đúng mẫu",
            )  # fmt: skip
        else:
            processing.dossier_request_supplement(
                dossier=self.dossier, officer=assignee, documents=documents, at=self.at,
                reason="Thiếu chữ ký trên tờ khai; bản sao chưa chứng thực (dữ liệu sinh)",
            )  # fmt: skip
        self.asked.add(agency_id)
        self.actions += 1
        if not self.step_time(self.rng.randint(8, 240)):
            return False
        desk = self.gen.desk_of(self.dossier).officer
        if self.rng.random() < P_SUPPLEMENT_ABANDONED:
            self._do(
                processing.dossier_withdraw, officer=desk, reason="Người nộp không bổ sung, xin rút hồ sơ"
            )
            return True
        self._do(
            processing.dossier_complete_supplement, officer=desk,
            documents=[DocumentIn(document_id=d, originals=1) for d in documents],
        )  # fmt: skip
        return True

    def _apologise(self) -> None:
        """The leader of the agency at fault (usually the late step's) apologises."""
        self.dossier.refresh_from_db(fields=["due_at", "state"])
        due = self.dossier.due_at
        at_fault = processing.agency_at_fault(self.dossier, at=self.at)
        if due is None or at_fault is None or self.dossier.state not in OPEN:
            return
        latest = processing.apology_latest(self.dossier, current_due=due, at=self.at)
        rescheduled = min(advance(max(due, self.at), self.rng.randint(30, 150)), latest)
        leader = self.gen.staff_of(at_fault).leader
        self._do(processing.dossier_apologise, officer=leader, rescheduled_due_at=rescheduled,
                 reason="Hồ sơ cần xác minh thêm; cơ quan xin lỗi và hẹn lại (dữ liệu sinh)")  # fmt: skip
        self.apologised = True

    def _do(self, action: Callable[..., Any], **kwargs: Any) -> None:
        result = action(dossier=self.dossier, at=self.at, **kwargs)
        if isinstance(result, Dossier):
            self.dossier = result
        self.actions += 1


# --- the generator --------------------------------------------------------------------------------
class Generator:
    def __init__(self, *, seed: int, agency_code: str | None, days: int, end: datetime) -> None:
        self.seed, self.days, self.end = seed, days, end
        self.start = timezone.localdate(end) - timedelta(days=days)
        self.window_start = datetime.combine(self.start, datetime.min.time(), tzinfo=calendar.local_tz())
        groups = {role: Group.objects.get_or_create(name=name)[0] for role, name in GROUP_NAMES.items()}
        self.desks = _desks(agency_code, self.start, groups)
        self.one_agency = bool(agency_code)
        # The desk that handles each receiving agency's dossiers: the first that receives for it (the
        # city's desk before the wards' for the city's own procedures).
        self._desk_by_agency: dict[int, Desk] = {}
        for desk in self.desks:
            for agency_id in sorted(desk.receives_for, key=lambda a: a != desk.agency.pk):
                self._desk_by_agency.setdefault(agency_id, desk)
        self._plans: dict[int, list[processing.PlannedStep]] = {}
        agencies: set[int] = set()
        for desk in self.desks:
            agencies.add(desk.agency.pk)
            for version in desk.versions:
                # a step of no set agency is held by the receiving agency: the desk's own (at the
                # desk), or the agency an online dossier was sent to
                receivers = {desk.agency.pk} | {
                    a.pk for a in online.receiving_agencies(version) if a.pk in desk.receives_for
                }
                for step in self.plan(version):
                    agencies.update([step.agency_id] if step.agency_id else receivers)
        self._staff = {
            a.pk: _staff(a, groups) for a in Agency.objects.filter(pk__in=agencies).order_by("code")
        }
        self._users = {u.pk: u for s in self._staff.values() for u in (s.leader, *s.specialists)}
        self._scan = b""
        self._online_agencies: dict[int, list[Agency]] = {}
        # Idempotency keys of this run's online submissions: a run of its own, so that running the
        # generator again (same seed or not) adds dossiers rather than finding the last run's.
        self.run_key = uuid.uuid4().hex[:12]

    def plan(self, version: ProcedureVersion) -> list[processing.PlannedStep]:
        if version.pk not in self._plans:
            self._plans[version.pk] = processing.process_plan(version)
        return self._plans[version.pk]

    def staff_of(self, agency_id: int) -> Staff:
        return self._staff[agency_id]

    def user(self, pk: int) -> User:
        return self._users[pk]

    def desk_of(self, dossier: Dossier) -> Desk:
        return self._desk_by_agency[dossier.receiving_agency_id]

    def scan(self) -> bytes:
        """A real one-page PDF standing for every uploaded scan (rendered once per run)."""
        if not self._scan:
            self._scan = pdf_render("<p>Bản quét giấy tờ — dữ liệu sinh (MotCua generate_dossiers)</p>")
        return self._scan

    def intake_times(self, count: int) -> list[datetime]:
        rng = random.Random(f"{self.seed}:times")  # noqa: S311 - generated data, not security
        times = sorted(_working_instant(rng, self.start, self.days) for _ in range(count))
        return [min(t, self.end) for t in times]

    def one(self, index: int, at: datetime) -> Simulation | Dossier:
        rng = random.Random(f"{self.seed}:{index}")  # noqa: S311 - generated data, not security
        desk = self.desks[rng.randrange(len(self.desks))] if index % 3 else self.desks[0]
        version = desk.versions[rng.randrange(len(desk.versions))]
        roll = rng.random()
        outcome = (
            Outcome.GUIDE
            if roll < P_GUIDE
            else Outcome.REFUSE
            if roll < P_GUIDE + P_REFUSE
            else Outcome.RECEIVE
        )
        online_agency = self._online_agency(desk, version)
        if online_agency is not None and rng.random() < P_ONLINE:
            dossier = self._online(rng, desk, online_agency, version, index, at, outcome)
        else:
            dossier = self._at_desk(rng, desk, version, at, outcome)
        if dossier.state != State.RECEIVED:
            return dossier
        simulation = Simulation(self, rng, dossier, at)
        simulation.run()
        return simulation

    def _at_desk(
        self, rng: random.Random, desk: Desk, version: ProcedureVersion, at: datetime, outcome: Outcome
    ) -> Dossier:
        documents = [DocumentIn(d.pk, d.originals, d.copies) for d in version.documents.all()]
        post = "POST" in version.channels and rng.random() < P_POST
        return dossier_intake(
            officer=desk.officer, procedure_version=version, applicant=_applicant(rng, desk), documents=documents,
            channel="POST" if post else "DESK", return_method=rng.choice(["DESK", "DESK", "DESK", "POST"]),
            outcome=outcome, guide_documents=[documents[0].document_id] if outcome == Outcome.GUIDE and documents else [],
            reason="Hồ sơ chưa đủ thành phần (dữ liệu sinh)" if outcome != Outcome.RECEIVE else "",
            postal_tracking_number=f"RR{rng.randrange(10**9):09d}VN" if post else "",
            postal_delivered_at=at - timedelta(minutes=rng.randrange(5, 90)) if post else None, now=at,
        ).dossier  # fmt: skip

    def _online_agency(self, desk: Desk, version: ProcedureVersion) -> Agency | None:
        """The agency an online dossier of `version` is sent to, for `desk` to check: one of the
        version's receiving agencies whose dossiers this desk handles (its own first); with one
        agency only (`--agency`), that agency itself."""
        if version.online_level not in online.ONLINE_LEVELS or "ONLINE" not in version.channels:
            return None
        if version.pk not in self._online_agencies:
            self._online_agencies[version.pk] = online.receiving_agencies(version)
        candidates = [
            a
            for a in self._online_agencies[version.pk]
            if self._desk_by_agency.get(a.pk) is desk and (a.pk == desk.agency.pk or not self.one_agency)
        ]
        candidates.sort(key=lambda a: a.pk != desk.agency.pk)
        return candidates[0] if candidates else None

    def _online(
        self,
        rng: random.Random,
        desk: Desk,
        agency: Agency,
        version: ProcedureVersion,
        index: int,
        at: datetime,
        outcome: Outcome,
    ) -> Dossier:
        """Submitted online some time before the desk checks it (evenings and weekends included)."""
        person = _applicant(rng, desk)
        if not person.phone:
            person = replace(person, phone=f"0912{rng.randrange(10**6):06d}")
        files = {
            d.pk: SimpleUploadedFile(f"giay-to-{d.pk}.pdf", self.scan(), content_type="application/pdf")
            for d in version.documents.all()
            if d.mandatory or rng.random() < 0.5
        }
        submitted = online.dossier_submit_online(
            procedure_version=version, applicant=person, files=files,
            return_method=rng.choice(online.return_methods(version)), declaration=True,
            idempotency_key=f"sinh-{self.seed}-{self.run_key}-{index}", agency_code=agency.code,
            now=max(at - timedelta(minutes=rng.randrange(10, 3 * 24 * 60)), self.window_start),
        ).dossier  # fmt: skip
        reason = "Hồ sơ chưa đủ thành phần (dữ liệu sinh)"
        if outcome == Outcome.GUIDE and files:
            intake.dossier_guide(dossier=submitted, officer=desk.officer, documents=[next(iter(files))],
                                   reason=reason, at=at)  # fmt: skip
        elif outcome == Outcome.REFUSE:
            intake.dossier_refuse(dossier=submitted, officer=desk.officer, reason=reason, at=at)
        else:
            intake.dossier_receive(dossier=submitted, officer=desk.officer, at=at)
        submitted.refresh_from_db()
        return submitted

    def copy_applicant(self, rng: random.Random, dossier: Dossier) -> Applicant:
        """A new applicant for a copy of `dossier`, from the same desk's area."""
        return _applicant(rng, self.desk_of(dossier))


def dossiers_generate(
    *,
    count: int,
    seed: int,
    agency_code: str | None = None,
    days: int = 120,
    end: datetime | None = None,
    histories: int | None = None,
    progress: Callable[[int, float], None] | None = None,
    every: int = 1000,
) -> GenerateResult:
    """Make `count` dossiers received over the `days` before `end` (default now) with their
    histories up to `end` — `histories` of them through the services (default: all), the rest as
    copies of those; `progress(done, rate)` every `every` dossiers."""
    if not locality_ready():
        raise LocalityMissing("Chưa nạp địa phương và danh mục thủ tục minh họa: chạy `manage.py seed_demo`.")
    end = end or timezone.now()
    histories = count if histories is None else max(1, min(histories, count))
    started = clock.perf_counter()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:  # generated data: a lost last commit on a crash is fine
            cursor.execute("SET synchronous_commit TO off")
    generator = Generator(seed=seed, agency_code=agency_code, days=max(days, 1), end=end)
    result = GenerateResult(histories=histories)
    made: list[int] = []

    def count_one(dossier: Dossier) -> None:
        result.created += 1
        result.states[dossier.state] += 1
        result.codes.append(dossier.code)
        if progress is not None and result.created % every == 0:
            progress(result.created, result.created / (clock.perf_counter() - started))

    for index, at in enumerate(generator.intake_times(histories)):
        one = generator.one(index, at)
        dossier = one.dossier if isinstance(one, Simulation) else one
        result.actions += 1 + (one.actions if isinstance(one, Simulation) else 0)
        made.append(dossier.pk)
        count_one(dossier)
    copies_started = clock.perf_counter()
    for chunk in dossiers_copy(
        made, count - histories, seed=seed, applicant=generator.copy_applicant, first_index=histories
    ):
        for dossier in chunk:
            count_one(dossier)
    result.copy_seconds = clock.perf_counter() - copies_started
    result.seconds = clock.perf_counter() - started
    return result


__all__ = [
    "GenerateResult",
    "LocalityMissing",
    "advance",
    "dossiers_generate",
    "locality_load",
    "locality_ready",
]
