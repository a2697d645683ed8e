"""The time limits of a petition (DOMAIN §8, Decision 766 indicator 5.2), in working days from
submission by the calendar's rules (CONTRACTS §2): refuse ≤ 2, ask for more information ≤ 5,
resolve ≤ 15 (the clock pauses while the petitioner is asked for more), publish ≤ 2 after the
answer. A transfer keeps the original clock. One place computes and one place judges them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core import calendar
from motcua.core.calendar import Limit
from motcua.core.instants import parse_instant
from motcua.feedback.models import OPEN, PAUSED, Petition, State

REFUSE_DAYS = 2
INFO_DAYS = 5
RESOLVE_DAYS = 15
PUBLISH_DAYS = 2

LIMIT_LABELS = {
    "refuse": _("Từ chối tiếp nhận (2 ngày làm việc)"),
    "info": _("Đề nghị bổ sung thông tin (5 ngày làm việc)"),
    "resolve": _("Giải quyết (15 ngày làm việc)"),
    "publish": _("Công khai (2 ngày làm việc sau khi trả lời)"),
}


def pause_pairs(petition: Petition) -> list[tuple[datetime, datetime | None]]:
    return [(parse_instant(a), parse_instant(b) if b else None) for a, b in petition.pauses]


def initial_times(submitted_at: datetime) -> dict[str, datetime]:
    """The times set when a petition is filed."""
    return {
        "clock_start_at": calendar.clock_start_at(submitted_at),
        "refuse_due_at": calendar.due_at(submitted_at, Limit(REFUSE_DAYS)).due_at,
        "info_due_at": calendar.due_at(submitted_at, Limit(INFO_DAYS)).due_at,
        "due_at": calendar.due_at(submitted_at, Limit(RESOLVE_DAYS)).due_at,
    }


def resolve_due(petition: Petition, *, now: datetime | None = None) -> datetime:
    """15 working days from submission, later by the office time of every pause (an open pause
    counts until `now`, so a paused petition is never overdue)."""
    return calendar.due_at(petition.submitted_at, Limit(RESOLVE_DAYS), pause_pairs(petition), now=now).due_at


def publish_due(answered_at: datetime) -> datetime:
    return calendar.due_at(answered_at, Limit(PUBLISH_DAYS)).due_at


@dataclass(frozen=True)
class LimitCheck:
    """Per limit: True met, False missed (done late or overdue now), None not applicable yet."""

    refuse: bool | None
    info: bool | None
    resolve: bool | None
    publish: bool | None

    @property
    def missed(self) -> bool:
        return False in (self.refuse, self.info, self.resolve, self.publish)

    def as_dict(self) -> dict[str, bool | None]:
        return {"refuse": self.refuse, "info": self.info, "resolve": self.resolve, "publish": self.publish}


def limits_check(petition: Petition, *, now: datetime | None = None) -> LimitCheck:
    """Judge each limit at `now` (default the current time)."""
    now = now or timezone.now()
    refuse = info = resolve = publish = None
    if petition.refused_at is not None:
        refuse = petition.refused_at <= petition.refuse_due_at
    if petition.first_info_request_at is not None:
        info = petition.first_info_request_at <= petition.info_due_at
    if petition.answered_at is not None:
        resolve = petition.answered_at <= petition.due_at
    elif petition.state in OPEN and petition.state not in PAUSED and now > petition.due_at:
        resolve = False
    if petition.publish_due_at is not None:
        done = petition.published_at or petition.closed_at
        if done is not None:
            publish = done <= petition.publish_due_at
        elif petition.state == State.ANSWERED and now > petition.publish_due_at:
            publish = False
    return LimitCheck(refuse, info, resolve, publish)


def is_overdue(petition: Petition, *, now: datetime | None = None) -> bool:
    """Unfinished and past a limit that applies now."""
    now = now or timezone.now()
    if petition.is_tip:
        return False
    if petition.state in PAUSED:
        return False
    if petition.state in OPEN:
        return now > petition.due_at
    if petition.state == State.ANSWERED and petition.publish_due_at is not None:
        return now > petition.publish_due_at
    return False


def next_due(petition: Petition, *, now: datetime | None = None) -> tuple[str, datetime] | None:
    """The limit the petition is waiting on at `now`, for reminders and lists."""
    if petition.is_tip or petition.state in PAUSED:
        return None
    if petition.state == State.SUBMITTED and (now or timezone.now()) <= petition.refuse_due_at:
        return ("refuse", petition.refuse_due_at)
    if petition.state in OPEN:
        if petition.first_info_request_at is None and (now or timezone.now()) <= petition.info_due_at:
            return ("info", petition.info_due_at)  # more information may be asked until then only
        return ("resolve", petition.due_at)
    if petition.state == State.ANSWERED and petition.publish_due_at is not None:
        return ("publish", petition.publish_due_at)
    return None
