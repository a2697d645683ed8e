"""Demo dossiers: a few dozen, at the city desk and a ward desk, made through the intake service.

Runs after the accounts and catalogue demos (INSTALLED_APPS order); does nothing if dossiers exist,
so `seed_demo` stays idempotent. Dates are spread over the last weeks' working hours, never after
the moment the demo is loaded.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.core import calendar
from motcua.dossiers import processing
from motcua.dossiers.files import DocumentIn
from motcua.dossiers.intake import Applicant, Outcome, dossier_intake
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import procedures_received_at

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Quốc", "Thanh", "Hữu", "Thu"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hoa",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Tâm",
    "Tuấn",
]
STREETS = ["Đại lộ Hùng Vương", "Nguyễn Trọng Kỷ", "Lê Duẩn", "Phạm Văn Đồng", "Trần Phú", "Lê Hồng Phong"]
DESKS = [("tiepnhan", 28), ("tiepnhan.camlinh", 12)]
GUIDE_REASON = "Hồ sơ chưa đủ thành phần theo quy định; đề nghị bổ sung giấy tờ được liệt kê."
REFUSE_REASON = "Nội dung đề nghị không thuộc thẩm quyền giải quyết theo quy định của thủ tục."


def _applicant(rng: random.Random, commune: str) -> Applicant:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return Applicant(
        kind="PERSON", name=name, id_number=f"0561{rng.randrange(10**8):08d}",
        phone=f"090{rng.randrange(10**7):07d}", email="", province="Khánh Hòa",
        district="Thành phố Cam Ranh", commune=commune, street=f"{rng.randrange(1, 300)} {rng.choice(STREETS)}",
    )  # fmt: skip


def _working_instant(rng: random.Random, days_ago: int, now: datetime) -> datetime:
    """An instant in office hours about `days_ago` days before `now`, and never after it: today's
    office hours only count up to now (before the opening, the last working day instead)."""
    day = timezone.localtime(now).date() - timedelta(days=days_ago)
    minute = rng.choice([rng.randrange(450, 690), rng.randrange(810, 1020)])
    while True:
        while not calendar.is_working_day(day):
            day -= timedelta(days=1)
        instant = datetime(
            day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=calendar.local_tz()
        )
        if instant <= now:
            return instant
        day -= timedelta(days=1)


@transaction.atomic
def seed() -> None:
    if Dossier.objects.exists():
        return
    rng = random.Random(2022)  # noqa: S311 - demo data, not security
    now = timezone.now()
    for username, count in DESKS:
        officer = User.objects.filter(username=username).select_related("agency").first()
        if officer is None or officer.agency is None:
            continue
        versions = list(
            ProcedureVersion.objects.in_force(at=timezone.localdate(now))
            .filter(procedure__in=procedures_received_at(officer.agency))
            .order_by("procedure__code")
            .prefetch_related("documents")
        )
        versions = [v for v in versions if "DESK" in v.channels]
        if not versions:
            continue
        for index in range(count):
            version = versions[index % len(versions)]
            outcome = rng.choices([Outcome.RECEIVE, Outcome.GUIDE, Outcome.REFUSE], weights=[75, 17, 8])[0]
            documents = [DocumentIn(d.pk, d.originals, d.copies) for d in version.documents.all()]
            at = _working_instant(rng, days_ago=rng.randrange(0, 25), now=now)
            dossier = dossier_intake(
                officer=officer, procedure_version=version, applicant=_applicant(rng, officer.agency.commune or "Phường Cam Lộc"),
                documents=documents, channel="DESK", return_method=rng.choice(["DESK", "DESK", "POST"]), outcome=outcome,
                guide_documents=[documents[0].document_id] if outcome == Outcome.GUIDE else [],
                reason=GUIDE_REASON if outcome == Outcome.GUIDE else REFUSE_REASON if outcome == Outcome.REFUSE else "",
                now=at,
            ).dossier  # fmt: skip
            # Half the received ones are already with the agency that handles them: the desk hands
            # them over from the reception step (CONTRACTS §4), so its worklists have work too.
            forward_at = at + timedelta(minutes=rng.randrange(10, 60))
            handed = outcome == Outcome.RECEIVE and rng.random() < 0.5 and forward_at <= now
            if handed and len(processing.process_plan(version)) > 1:
                processing.dossier_forward(dossier=dossier, officer=officer, at=forward_at)
