"""Reminders before each petition limit (`check_petition_deadlines`, a daily q2 schedule).

On the working day a limit falls due, the officers who must act are reminded by e-mail through the
outbox: the assignee (or, without one, the assigned agency's officers) for receipt, a request for more
information (until its 5-day limit, unless one was made) and resolution,
the supervisors for publication. Idempotent per day (`PetitionReminder`).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from motcua.accounts.models import User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.core import calendar
from motcua.feedback import limits
from motcua.feedback.models import Petition, PetitionReminder
from motcua.feedback.selectors import petitions_open_for_reminders
from motcua.notifications.services import message_queue


def _officers(petition: Petition, kind: str) -> QuerySet[User]:
    if kind == "publish":
        return User.objects.filter(groups__name=GROUP_NAMES[Role.SUPERVISOR], is_active=True)
    if petition.assignee_id is not None:
        return User.objects.filter(pk=petition.assignee_id, is_active=True)
    names = [GROUP_NAMES[r] for r in (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER)]
    return User.objects.filter(
        agency_id=petition.agency_id, groups__name__in=names, is_active=True
    ).distinct()


def petition_deadlines_check(*, now: datetime | None = None) -> int:
    """Send today's reminders: a limit due before the end of the next working day. Returns how many."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    horizon = calendar.due_at(now, calendar.Limit(1)).due_at
    sent = 0
    for petition in petitions_open_for_reminders():
        due = limits.next_due(petition, now=now)
        if due is None or due[1] > horizon:
            continue
        kind, at = due
        for officer in _officers(petition, kind):
            if petition.about_officer_id == officer.pk or not officer.email:
                continue
            with transaction.atomic():
                _row, created = PetitionReminder.objects.get_or_create(
                    petition=petition, kind=kind, officer=officer, day=today
                )
                if not created:
                    continue
                message_queue(
                    channel="EMAIL", to=officer.email, template="petition_reminder", subject_ref=petition.subject_ref,
                    context={"name": officer.full_name or officer.username, "code": petition.code,
                             "limit": str(limits.LIMIT_LABELS[kind]),
                             "due": date_format(timezone.localtime(at), "d/m/Y H:i"),
                             "url": f"{settings.PUBLIC_BASE_URL}/quan-tri/phan-anh/{petition.code}/"},
                )  # fmt: skip
                sent += 1
    return sent
