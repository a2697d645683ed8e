"""Demo survey data: dossiers at the city desk answered on the web and on paper, some carried to
their return (the invitations), and quick ratings at the city desk's kiosk.

Runs after the dossiers demo (INSTALLED_APPS order); does nothing once responses exist. The city
desk gets enough responses in one reporting month for its index to be published (at least
`SURVEY_MIN_RESPONSES`); the ward desk a few, so its index shows as withheld. Everything goes
through the services, with instants before the moment the demo is loaded.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.catalog.models import ProcedureVersion
from motcua.core import calendar
from motcua.core.exceptions import DomainError
from motcua.core.periods import Period, month_containing
from motcua.dossiers import processing
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.selectors import procedures_received_at
from motcua.dossiers.services import Applicant, DocumentIn, Outcome, dossier_intake
from motcua.surveys.models import KioskCounter, Question, QuickLevel, QuickRating, Response
from motcua.surveys.services import (
    kiosk_duty_start,
    questionnaire_published,
    quick_rating_record,
    survey_record_response,
)

SCORES = [5, 4, 3, 2, 1]
WEIGHTS = [46, 40, 9, 4, 1]  # about 86 % satisfied: above the 83 % target, not uniformly so
COMMENTS = [
    "Cán bộ hướng dẫn tận tình, nhưng phòng chờ hơi nóng vào buổi chiều.",
    "Đề nghị bổ sung thêm ghế ngồi ở khu vực chờ.",
    "Phải đi lại hai lần vì lần đầu chưa được hướng dẫn đủ giấy tờ.",
]
NAMES = ["Nguyễn Văn Bảo", "Trần Thị Cúc", "Lê Văn Đức", "Phạm Thị Hạnh", "Võ Minh Khoa", "Đặng Thu Loan"]
# (desk officer, responses in the month shown on the public page, in the month before)
DESKS = [("tiepnhan", 34, 8), ("tiepnhan.camlinh", 6, 3)]
RETURNED_SHARE = 0.4  # of the city's demo dossiers carried through processing to their return


def _month_to_fill(today: date) -> Period:
    """The reporting month the public page opens on, or the one before when it has just begun."""
    period = month_containing(today)
    if (today - period.start).days < 4:
        period = month_containing(period.start - timedelta(days=1))
    return period


def _instants(rng: random.Random, period: Period, count: int, now: datetime) -> list[datetime]:
    """`count` instants in office hours on working days of the period, before `now - 1 hour`."""
    days = [
        period.start + timedelta(days=i)
        for i in range(period.days)
        if calendar.is_working_day(period.start + timedelta(days=i))
    ]
    out: list[datetime] = []
    limit = now - timedelta(hours=1)
    for _ in range(count * 4):
        day = rng.choice(days)
        minute = rng.choice([rng.randrange(450, 660), rng.randrange(810, 960)])
        at = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=calendar.local_tz())
        if at < limit:
            out.append(at)
        if len(out) == count:
            break
    return sorted(out)


def _staff(agency_id: int, role: Role) -> User | None:
    return (
        User.objects.filter(agency_id=agency_id, groups__name=GROUP_NAMES[role], is_active=True)
        .order_by("username")
        .first()
    )


def _carry_to_return(dossier: Dossier, desk: User, at: datetime, now: datetime) -> datetime | None:
    """Assign, forward and finish each step with the demo staff of its agency, then return the
    result at the desk; None (the dossier stays where it got) when an account is missing or the
    history would reach `now`."""
    for _ in range(12):
        dossier.refresh_from_db()
        if dossier.state == State.RESULT_READY:
            break
        step = processing.current_step(dossier)
        if step is None or at >= now:
            return None
        at += timedelta(minutes=40)
        assignee = step.assignee
        if assignee is None:
            leader, specialist = _staff(step.agency_id, Role.LEADER), _staff(step.agency_id, Role.SPECIALIST)
            if (
                dossier.state == State.RECEIVED
                and step.order == 1
                and len(processing.process_plan(dossier.procedure_version)) > 1
            ):
                processing.dossier_forward(dossier=dossier, officer=desk, at=at)
                continue
            if leader is None or specialist is None:
                return None
            processing.dossier_assign(dossier=dossier, officer=leader, assignee=specialist, at=at)
        elif step.order == len(processing.process_plan(dossier.procedure_version)):
            processing.dossier_mark_ready(dossier=dossier, officer=assignee, at=at)
        else:
            processing.dossier_forward(dossier=dossier, officer=assignee, at=at)
    at += timedelta(hours=2)
    if at >= now:
        return None
    processing.dossier_return_result(
        dossier=dossier, officer=desk, method="DESK", received_by=dossier.applicant_name, at=at
    )
    return at


def _answers(rng: random.Random, questions: list[int]) -> dict[int, int]:
    return {q: rng.choices(SCORES, WEIGHTS)[0] for q in questions if rng.random() < 0.9} or {questions[0]: 4}


@transaction.atomic
def seed() -> None:
    if Response.objects.exists() or QuickRating.objects.exists():
        return
    rng = random.Random(16)  # noqa: S311 - demo data, not security
    now = timezone.now()
    version = questionnaire_published()
    questions = list(
        Question.objects.filter(criterion__version=version).order_by("code").values_list("pk", flat=True)
    )
    shown = _month_to_fill(timezone.localdate(now))
    before = month_containing(shown.start - timedelta(days=1))
    supervisor = User.objects.filter(username="giamsat").first()
    for username, count, earlier in DESKS:
        desk = User.objects.filter(username=username).select_related("agency").first()
        if desk is None or desk.agency is None:
            continue
        versions = [
            v
            for v in ProcedureVersion.objects.in_force(at=timezone.localdate(now))
            .filter(procedure__in=procedures_received_at(desk.agency))
            .order_by("procedure__code")
            .prefetch_related("documents")
            if "DESK" in v.channels
        ]
        if not versions:
            continue
        instants = _instants(rng, before, earlier, now) + _instants(rng, shown, count, now)
        for index, at in enumerate(instants):
            version_ = versions[index % len(versions)]
            documents = [DocumentIn(d.pk, d.originals, d.copies) for d in version_.documents.all()]
            dossier = dossier_intake(
                officer=desk, procedure_version=version_, documents=documents, channel="DESK",
                return_method="DESK", outcome=Outcome.RECEIVE, now=at,
                applicant=Applicant(
                    kind="PERSON", name=rng.choice(NAMES), id_number=f"0561{rng.randrange(10**8):08d}",
                    phone=f"091{rng.randrange(10**7):07d}", email="", province="Khánh Hòa",
                    district="", commune=desk.agency.commune or "Phường Cam Lộc", street="",
                ),
            ).dossier  # fmt: skip
            answered_at = at + timedelta(hours=1)
            if username == "tiepnhan" and rng.random() < RETURNED_SHARE:
                try:
                    with transaction.atomic():
                        returned_at = _carry_to_return(dossier, desk, at, now - timedelta(hours=3))
                except (DomainError, PermissionDenied):  # an account without the right: stays open
                    returned_at = None
                if returned_at is not None:
                    answered_at = returned_at + timedelta(minutes=30)
            paper = supervisor is not None and index % 6 == 5
            survey_record_response(
                dossier=dossier, scores=_answers(rng, questions),
                comment=COMMENTS[index // 11] if index % 11 == 3 and index // 11 < len(COMMENTS) else "",
                channel=Response.Channel.PAPER if paper else Response.Channel.WEB,
                entered_by=supervisor if paper else None, at=min(answered_at, now - timedelta(minutes=5)),
            )  # fmt: skip
    _kiosk(rng, shown, now)


def _kiosk(rng: random.Random, period: Period, now: datetime) -> None:
    kiosk = User.objects.filter(username="kiosk").first()
    desk = User.objects.filter(username="tiepnhan").first()
    if kiosk is None or desk is None or kiosk.agency_id != desk.agency_id:
        return
    # The kiosk stands at counter 1 of the city desk, where the oversight demo's roster puts tiepnhan.
    KioskCounter.objects.get_or_create(kiosk=kiosk, defaults={"counter": "1"})
    instants = _instants(rng, period, 24, now)
    if not instants:
        return
    kiosk_duty_start(kiosk=kiosk, officer=desk, at=instants[0] - timedelta(minutes=5))
    for at in instants:
        level = rng.choices(
            [QuickLevel.VERY_SATISFIED, QuickLevel.SATISFIED, QuickLevel.NOT_SATISFIED], [55, 38, 7]
        )[0]
        quick_rating_record(kiosk=kiosk, level=level, at=at)
