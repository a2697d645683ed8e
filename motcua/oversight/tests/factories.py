"""Dossiers for oversight tests, made through the real services with chosen instants.

The cast (motcua.dossiers.tests.processing_factories) is a two-agency procedure of 5 working days:
step 1 at the receiving agency (half a day), step 2 at `other` (4 working days), step 3 back at
the receiving agency (half a day). Received Monday 02/03/2026 08:00 it is due Monday 09/03 17:00.
The decree-09 reporting month "2026-03" runs 15/02 → 14/03."""

from __future__ import annotations

from datetime import datetime
from importlib import import_module

from django.utils import timezone

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers import processing
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import make_dossier
from motcua.dossiers.tests.processing_factories import Cast, local, receive
from motcua.oversight.models import EvaluationGrade, Explanation, Inspection, StaffEvaluation


def run_through(
    cast: Cast, *, received: datetime, back: datetime, ready: datetime, returned: datetime | None
) -> Dossier:
    """Receive at `received`, step 1 hands over to `other` half an hour later, `other` hands back at
    `back`, the result is ready at `ready` and returned at `returned` (None: not returned)."""
    cast.at(received)
    dossier = receive(cast)
    processing.dossier_assign(dossier=dossier, officer=cast.leader, assignee=cast.specialist, at=cast.tick())
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader2, assignee=cast.specialist2, at=cast.tick()
    )
    processing.dossier_forward(dossier=dossier, officer=cast.specialist2, at=cast.at(back))
    processing.dossier_assign(dossier=dossier, officer=cast.leader, assignee=cast.specialist, at=cast.tick())
    processing.dossier_mark_ready(dossier=dossier, officer=cast.specialist, at=cast.at(ready))
    if returned is not None:
        processing.dossier_return_result(
            dossier=dossier,
            officer=cast.desk,
            method="DESK",
            received_by="Nguyễn Thị Ánh",
            at=cast.at(returned),
        )
    dossier.refresh_from_db()
    return dossier


def late_dossier(cast: Cast, *, returned: bool = True) -> Dossier:
    """Received 02/03 08:00, held at `other` until 10/03 09:00 (its step overran), ready 10/03 10:00:
    late (due 09/03 17:00), and `other` is the agency at fault."""
    return run_through(
        cast, received=local(2026, 3, 2, 8, 0), back=local(2026, 3, 10, 9, 0), ready=local(2026, 3, 10, 10, 0),
        returned=local(2026, 3, 10, 11, 0) if returned else None,
    )  # fmt: skip


def early_dossier(cast: Cast, *, day: int = 3) -> Dossier:
    """Received 0d/03 08:00 and returned the next day: early, every step within its own time."""
    return run_through(
        cast, received=local(2026, 3, day, 8, 0), back=local(2026, 3, day, 14, 0), ready=local(2026, 3, day, 15, 0),
        returned=local(2026, 3, day, 16, 0),
    )  # fmt: skip


def explanation_at(agency: Agency) -> Explanation:
    """An explanation owed by `agency` for a dossier received there (the access walk's object)."""
    desk = agency.staff.filter(groups__name=GROUP_NAMES[Role.DESK_OFFICER]).first()
    dossier = make_dossier(officer=desk)
    now = timezone.now()
    return Explanation.objects.create(
        dossier=dossier, agency=agency, period_start=now.date(), period_end=now.date(), requested_by=desk,
        requested_at=now, due_at=now,
    )  # fmt: skip


def evaluation_of(officer: User) -> StaffEvaluation:
    """A month's evaluation of `officer`, with empty figures (the access walk's object)."""
    today = timezone.localdate()
    return StaffEvaluation.objects.create(
        officer=officer,
        agency=officer.agency,
        period_start=today,
        period_end=today,
        computed_at=timezone.now(),
    )


def inspection_at(agency: Agency) -> Inspection:
    """An inspection of `agency` (the access walk's object)."""
    inspector = UserFactory(role=Role.INSPECTOR)
    return Inspection.objects.create(
        inspected_on=timezone.localdate(), agency=agency, findings="Đúng giờ", recorded_by=inspector,
        recorded_at=timezone.now(),
    )  # fmt: skip


def grades_ensure() -> None:
    """The grades come from a data migration, which a live server's per-test flush wipes out: put
    them back from the migration's own list (browser journeys)."""
    data = import_module("motcua.oversight.migrations.0002_grades_bands_schedules")
    for code, label, rank in data.GRADES:
        EvaluationGrade.objects.get_or_create(code=code, defaults={"label": label, "rank": rank})
