"""The periodic report to the People's Committee on the one-stop desk (seed 2.1, 4.5; DOMAIN §9):
for any reporting period (`core.periods`: a month, a quarter, six or nine months, a year), per desk
the checklist reviews (conditions met or not, findings and fixes), the desk meetings (date,
attendees, topics, decisions) and the inspections (findings, violations, follow-ups and their
status), and the handling-evaluation totals and bands per agency (DOMAIN §7).

One computation (`periodic_report`) feeds the page, the XLSX and the PDF, so their numbers agree.
Violations are listed by kind and description without the officer's name: the report goes to the
locality leader, who reads lists without personal data (CONTRACTS §5); the officer's own month
counts them (`officer_figures`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency
from motcua.core.periods import Period
from motcua.oversight.models import CHECKLIST, DeskMeeting, DeskReview, FollowUp, HandlingBand, Inspection
from motcua.oversight.selectors import AgencyHandling, handling_by_agency

FOLLOW_UP_STATUS: dict[str, Any] = {
    "done": _("Đã hoàn thành"),
    "overdue": _("Quá hạn"),
    "open": _("Đang thực hiện"),
}


@dataclass
class ReviewItem:
    label: str
    ok: bool
    finding: str
    fix: str


@dataclass
class ReviewRow:
    reviewed_on: date
    reviewed_by: str
    items: list[ReviewItem]

    @property
    def met(self) -> int:
        return sum(1 for i in self.items if i.ok)

    @property
    def not_met(self) -> int:
        return sum(1 for i in self.items if not i.ok)


@dataclass
class MeetingRow:
    held_on: date
    attendees: list[str]
    topics: str
    decisions: str


@dataclass
class ViolationRow:
    kind: str
    description: str


@dataclass
class FollowUpRow:
    action: str
    agency: str
    deadline: date
    done_on: date | None
    status: str  # a key of FOLLOW_UP_STATUS

    @property
    def status_label(self) -> str:
        return str(FOLLOW_UP_STATUS[self.status])


@dataclass
class InspectionRow:
    inspected_on: date
    inspectors: list[str]
    findings: str
    violations: list[ViolationRow]
    follow_ups: list[FollowUpRow]


@dataclass
class DeskSection:
    desk: Agency
    reviews: list[ReviewRow] = field(default_factory=list)
    meetings: list[MeetingRow] = field(default_factory=list)
    inspections: list[InspectionRow] = field(default_factory=list)

    @property
    def met(self) -> int:
        return sum(r.met for r in self.reviews)

    @property
    def not_met(self) -> int:
        return sum(r.not_met for r in self.reviews)

    @property
    def violations(self) -> int:
        return sum(len(i.violations) for i in self.inspections)

    @property
    def follow_ups(self) -> list[FollowUpRow]:
        return [f for i in self.inspections for f in i.follow_ups]


@dataclass
class PeriodicReport:
    period: Period
    agency: Agency | None  # None: the whole locality
    as_of: date  # the day the follow-ups' status is read on
    desks: list[DeskSection]
    handling: list[AgencyHandling]
    bands: list[HandlingBand]

    @property
    def title(self) -> str:
        return self.agency.name if self.agency else str(_("Toàn địa phương"))


def follow_up_status(follow_up: FollowUp, today: date) -> str:
    """Done once marked done; overdue when its deadline has passed undone; otherwise open."""
    if follow_up.done_on is not None:
        return "done"
    return "overdue" if follow_up.deadline < today else "open"


def _name(user: Any) -> str:
    return user.full_name or user.username


def periodic_report(
    period: Period, *, agency: Agency | None = None, today: date | None = None
) -> PeriodicReport:
    """The report for `period` over the locality, or `agency` and the agencies below it: the desk
    reviews, meetings and inspections dated in the period, grouped by desk (the inspected unit for
    an inspection), and the handling evaluation of the dossiers finished in the period."""
    today = today or timezone.localdate()
    agencies = (
        Agency.objects.filter(pk__in=agency.subtree_ids()) if agency is not None else Agency.objects.all()
    )
    sections: dict[int, DeskSection] = {}

    def section(desk: Agency) -> DeskSection:
        return sections.setdefault(desk.pk, DeskSection(desk))

    reviews = (
        DeskReview.objects.filter(
            desk__in=agencies, reviewed_on__gte=period.start, reviewed_on__lte=period.end
        )
        .select_related("desk", "reviewed_by")
        .order_by("reviewed_on", "pk")
    )
    for review in reviews:
        items = [
            ReviewItem(
                str(label),
                bool(review.items.get(key, {}).get("ok")),
                str(review.items.get(key, {}).get("finding", "")),
                str(review.items.get(key, {}).get("fix", "")),
            )
            for key, label in CHECKLIST.items()
        ]
        section(review.desk).reviews.append(ReviewRow(review.reviewed_on, _name(review.reviewed_by), items))
    meetings = (
        DeskMeeting.objects.filter(desk__in=agencies, held_on__gte=period.start, held_on__lte=period.end)
        .select_related("desk")
        .prefetch_related("attendees")
        .order_by("held_on", "pk")
    )
    for meeting in meetings:
        attendees = sorted(_name(u) for u in meeting.attendees.all())
        section(meeting.desk).meetings.append(
            MeetingRow(meeting.held_on, attendees, meeting.topics, meeting.decisions)
        )
    inspections = (
        Inspection.objects.filter(
            agency__in=agencies, inspected_on__gte=period.start, inspected_on__lte=period.end
        )
        .select_related("agency")
        .prefetch_related(
            "inspectors",
            "violations",
            Prefetch(
                "follow_ups", queryset=FollowUp.objects.select_related("agency").order_by("deadline", "pk")
            ),
        )
        .order_by("inspected_on", "pk")
    )
    for inspection in inspections:
        section(inspection.agency).inspections.append(
            InspectionRow(
                inspection.inspected_on,
                sorted(_name(u) for u in inspection.inspectors.all()),
                inspection.findings,
                [ViolationRow(v.get_kind_display(), v.description) for v in inspection.violations.all()],
                [
                    FollowUpRow(f.action, f.agency.name, f.deadline, f.done_on, follow_up_status(f, today))
                    for f in inspection.follow_ups.all()
                ],
            )
        )
    desks = sorted(sections.values(), key=lambda s: s.desk.name)
    return PeriodicReport(
        period=period,
        agency=agency,
        as_of=today,
        desks=desks,
        handling=handling_by_agency(period, agency=agency),
        bands=list(HandlingBand.objects.all()),
    )
