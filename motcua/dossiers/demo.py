"""Demo dossiers: a few dozen, at the city desk and a ward desk, made through the intake service.

Runs after the accounts and catalogue demos (INSTALLED_APPS order); does nothing if dossiers exist,
so `seed_demo` stays idempotent. Dates are spread over the last weeks' working hours.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.core import calendar
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import Applicant, DocumentIn, Outcome, dossier_intake

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


def _working_instant(rng: random.Random, days_ago: int) -> datetime:
    now = timezone.localtime()
    day = (now - timedelta(days=days_ago)).date()
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    minute = rng.choice([rng.randrange(450, 690), rng.randrange(810, 1020)])
    return datetime(
        day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=timezone.get_current_timezone()
    )


@transaction.atomic
def seed() -> None:
    if Dossier.objects.exists():
        return
    rng = random.Random(2022)  # noqa: S311 - demo data, not security
    for username, count in DESKS:
        officer = User.objects.filter(username=username).select_related("agency").first()
        if officer is None or officer.agency is None:
            continue
        chain = officer.agency.ancestor_ids()
        versions = list(
            ProcedureVersion.objects.in_force(at=timezone.localdate())
            .filter(procedure__agencies__in=chain)
            .distinct()
            .prefetch_related("documents")
        )
        versions = [v for v in versions if "DESK" in v.channels]
        if not versions:
            continue
        for index in range(count):
            version = versions[index % len(versions)]
            outcome = rng.choices([Outcome.RECEIVE, Outcome.GUIDE, Outcome.REFUSE], weights=[75, 17, 8])[0]
            documents = [DocumentIn(d.pk, d.originals, d.copies) for d in version.documents.all()]
            dossier_intake(
                officer=officer, procedure_version=version, applicant=_applicant(rng, officer.agency.commune or "Phường Cam Lộc"),
                documents=documents, channel="DESK", return_method=rng.choice(["DESK", "DESK", "POST"]), outcome=outcome,
                guide_documents=[documents[0].document_id] if outcome == Outcome.GUIDE else [],
                reason=GUIDE_REASON if outcome == Outcome.GUIDE else REFUSE_REASON if outcome == Outcome.REFUSE else "",
                now=_working_instant(rng, days_ago=rng.randrange(0, 25)),
            )  # fmt: skip
