"""Use cases of `reports`: send each leader their agency's report when a reporting period closes.

Run daily by a q2 schedule (`reports_send_closed`): on the first day after a reporting month ends
(the 15th under Decree 09, the 1st for calendar months) every agency with leaders who have an
e-mail address gets one message per leader — a link to the report on screen and the XLSX attached
(the outbox carries the file, `notifications.Attachment`); the locality leaders get the locality's.
`ReportDispatch` makes it once per period and agency, whatever the schedule's retries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.core import periods
from motcua.core.periods import Period
from motcua.core.xlsx import XLSX_TYPE
from motcua.notifications.services import Attachment, message_queue
from motcua.reports.exports import report_filename, report_xlsx
from motcua.reports.figures import Scope
from motcua.reports.forms import period_label
from motcua.reports.models import ReportDispatch
from motcua.reports.monthly import monthly_report


@dataclass
class SendResult:
    period: Period | None
    reports: int = 0
    messages: int = 0


def period_closed_on(day: date) -> Period | None:
    """The reporting month that ended the day before `day`, if one did."""
    previous = day - timedelta(days=1)
    closed = periods.month_containing(previous)
    return closed if closed.end == previous else None


def _readers(agency: Agency | None) -> list[User]:
    role = Role.LEADER if agency is not None else Role.LOCALITY_LEADER
    users = User.objects.filter(groups__name=GROUP_NAMES[role], is_active=True).exclude(email="")
    if agency is not None:
        users = users.filter(agency=agency)
    return list(users.distinct().order_by("username"))


def report_url(period: Period, agency: Agency | None) -> str:
    query = {"kind": "custom", "start": period.start.isoformat(), "end": period.end.isoformat()}
    if agency is not None:
        query["agency"] = agency.code
    return f"{settings.PUBLIC_BASE_URL}{reverse('backoffice:report_monthly')}?{urlencode(query)}"


def report_send(period: Period, agency: Agency | None) -> int:
    """Queue the period's report for the agency's leaders (the locality's for the locality
    leaders), once; the number of messages queued (0 when already sent or nobody to send to)."""
    readers = _readers(agency)
    if not readers:
        return 0
    try:
        with transaction.atomic():
            ReportDispatch.objects.create(
                period_start=period.start, period_end=period.end, agency=agency,
                sent_at=timezone.now(), recipients=len(readers),
            )  # fmt: skip
            report = monthly_report(period, Scope(agency=agency), late_limit=None)  # the XLSX: all
            attachment = Attachment(f"{report_filename(report)}.xlsx", report_xlsx(report), XLSX_TYPE)
            for reader in readers:
                message_queue(
                    channel="EMAIL",
                    to=reader.email,
                    template="report_period_closed",
                    context={
                        "leader": reader.full_name or reader.username,
                        "agency": report.title,
                        "period": period_label(period),
                        "url": report_url(period, agency),
                    },
                    subject_ref=f"report:{agency.code if agency else 'locality'}:{period.start:%Y%m%d}",
                    attachments=[attachment],
                )
    except IntegrityError:
        return 0  # sent already (another run of the schedule)
    return len(readers)


def reports_send_closed(*, today: date | None = None) -> SendResult:
    """Send every agency's report for the period that closed yesterday (nothing on other days)."""
    period = period_closed_on(today or timezone.localdate())
    result = SendResult(period)
    if period is None:
        return result
    for agency in [None, *Agency.objects.order_by("pk")]:
        sent = report_send(period, agency)
        result.reports += bool(sent)
        result.messages += sent
    return result
