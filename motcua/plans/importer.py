"""`import_plan FILE`: a plan document (`plans.document`) into the database, agencies matched.

Agency names are matched to the agency tree through names, aliases and agency groups, compared by
`core.text.name_key` (accents and tone placement folded, "&" = "và", dashes ignored), with the
locality's own words at the end ("… thành phố", "… Cam Ranh", "… của thành phố", "… có liên quan")
left out on both sides. A cell listing several agencies is split at ";" and "," — but a comma inside
a name ("UBND các xã, phường", "Các cơ quan, đơn vị") is kept, the longest name that matches wins.
Collective names map to groups or roles: "Thủ trưởng <group>" → the group's leaders;
"Công chức, viên chức … tại <unit>" → the unit's desk officers; "Bộ phận một cửa" → the issuer's
one-stop unit. What does not match is kept as written (no agency) and reported.

A second run updates the same plan (keyed on issuer, year and title, or `--plan`) and changes nothing
when nothing changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import Agency, AgencyGroup
from motcua.accounts.roles import Role
from motcua.core.exceptions import InvalidInput
from motcua.core.text import fold, name_key, nfc
from motcua.plans.document import ParsedPlan, ParsedTask, parse
from motcua.plans.models import (
    PlanTask,
    ReformPlan,
    Responsibility,
    TaskAgency,
    TaskGroup,
    Timing,
)
from motcua.plans.services import plan_rounds_ensure

# Generic names of a locality's one-stop unit (Decree 61/2018): they name the issuer's SERVICE_CENTER.
ONE_STOP_NAMES = ("bo phan mot cua", "bo phan tiep nhan va tra ket qua")
_LEADERS = re.compile(r"^(thu truong|lanh dao)\s+")
_STAFF_AT = re.compile(r"^((can bo|cong chuc|vien chuc|nhan vien)\s*)+tai\s+")
_TRAILING = ("co lien quan",)


@dataclass(frozen=True)
class Match:
    text: str
    agency: Agency | None = None
    group: AgencyGroup | None = None
    role: str = ""

    @property
    def matched(self) -> bool:
        return self.agency is not None or self.group is not None


class AgencyMatcher:
    """Names, aliases and groups of the agency tree, keyed for comparison once per import."""

    def __init__(self, issuer: Agency) -> None:
        self.issuer = issuer
        place = re.sub(r"^(ubnd|uy ban nhan dan)\s+", "", name_key(issuer.name))  # "thanh pho cam ranh"
        words = place.split()
        # "thanh pho cam ranh", "cam ranh", "thanh pho": the locality's name, whole or in part.
        parts = {place, " ".join(words[2:]), " ".join(words[:2])} - {""}
        # … "của thành phố" too ("của" folds to "cua", as "cửa" does: never strip it alone).
        self.place_suffixes = sorted(parts | {f"cua {p}" for p in parts}, key=len, reverse=True)
        self.agencies: dict[str, Agency] = {}
        self.groups: dict[str, AgencyGroup] = {}
        for agency in Agency.objects.prefetch_related("aliases"):
            for name in [agency.name, *(a.name for a in agency.aliases.all())]:
                self.agencies.setdefault(self.key(name), agency)
        for group in AgencyGroup.objects.all():
            self.groups.setdefault(self.key(group.name), group)
        subtree = issuer.subtree_ids()
        one_stop = list(Agency.objects.filter(pk__in=subtree, kind=Agency.Kind.SERVICE_CENTER))
        self.one_stop = one_stop[0] if len(one_stop) == 1 else None

    def key(self, text: str) -> str:
        """`name_key` without the locality's words and "có liên quan" at the end."""
        key = name_key(text)
        changed = True
        while changed:
            changed = False
            for suffix in [*_TRAILING, *self.place_suffixes]:
                if key.endswith(" " + suffix) and len(key) > len(suffix) + 1:
                    key = key[: -len(suffix) - 1].rstrip()
                    changed = True
        return key

    def one(self, text: str) -> Match | None:
        """The agency or group `text` names, or None."""
        key = self.key(text)
        role = ""
        if _LEADERS.match(key):
            key, role = _LEADERS.sub("", key), Role.LEADER
        elif _STAFF_AT.match(key):
            key, role = _STAFF_AT.sub("", key), Role.DESK_OFFICER
        key = self.key(key)
        if key in self.agencies:
            return Match(text, agency=self.agencies[key], role=role)
        if key in self.groups:
            return Match(text, group=self.groups[key], role=role)
        if key in ONE_STOP_NAMES and self.one_stop is not None:
            return Match(text, agency=self.one_stop, role=role)
        return None

    def cell(self, text: str) -> list[Match]:
        """Every name in a lead or co-ordinating cell, in order; unmatched pieces kept as written."""
        matches: list[Match] = []
        for segment in re.split(r"[;\n]+", text):
            pieces = [p.strip() for p in segment.split(",")]
            pieces = [p for p in pieces if p]
            start = 0
            while start < len(pieces):
                for end in range(len(pieces), start, -1):
                    found = self.one(", ".join(pieces[start:end]))
                    if found is not None:
                        matches.append(found)
                        start = end
                        break
                else:
                    matches.append(Match(pieces[start]))
                    start += 1
        return matches


@dataclass
class ImportReport:
    plan: ReformPlan
    created: bool
    tasks_created: int = 0
    tasks_updated: int = 0
    tasks_unchanged: int = 0
    tasks_removed: list[str] = field(default_factory=list)
    unmatched: list[tuple[str, str, str]] = field(default_factory=list)  # task, lead/partner, text

    @property
    def changed(self) -> bool:
        return self.created or bool(self.tasks_created or self.tasks_updated or self.tasks_removed)


_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_MONTH = re.compile(r"thang (\d{1,2})\s*/\s*(\d{4})")
_QUARTER = re.compile(r"quy (i{1,3}|iv|\d)\s*/?\s*(?:nam )?(\d{4})")
_QUARTER_NUMBER = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def timing_parse(text: str) -> tuple[str, date | None]:
    """ "Thường xuyên" → regular; "Hàng tháng" → monthly; "Hàng quý" → quarterly; a date, a month
    ("Tháng 6/2023") or a quarter ("Quý III/2023") → a deadline (the last day of the month or quarter)."""
    key = fold(text)
    if found := _DATE.search(key):
        day, month, year = (int(x) for x in found.groups())
        return Timing.DATE, date(year, month, day)
    if found := _MONTH.search(key):
        month, year = int(found.group(1)), int(found.group(2))
        following = date(year + month // 12, month % 12 + 1, 1)
        return Timing.DATE, date.fromordinal(following.toordinal() - 1)
    if found := _QUARTER.search(key):
        number = _QUARTER_NUMBER.get(found.group(1)) or int(found.group(1))
        year = int(found.group(2))
        following = date(year + (number * 3) // 12, (number * 3) % 12 + 1, 1)
        return Timing.DATE, date.fromordinal(following.toordinal() - 1)
    if "hang quy" in key or "dinh ky quy" in key:
        return Timing.QUARTERLY, None
    if "hang thang" in key:
        return Timing.MONTHLY, None
    return Timing.REGULAR, None


def _issuer(parsed: ParsedPlan, issuer_code: str | None) -> Agency:
    if issuer_code:
        try:
            return Agency.objects.get(code=issuer_code)
        except Agency.DoesNotExist:
            raise InvalidInput(_("Không có cơ quan mã %(code)s.") % {"code": issuer_code}) from None
    committees = list(Agency.objects.filter(kind=Agency.Kind.PEOPLES_COMMITTEE))
    title = name_key(parsed.title)
    named = [a for a in committees if name_key(a.name) in title]
    if len(named) == 1:
        return named[0]
    roots = [a for a in committees if a.parent_id is None]
    if len(roots) == 1:
        return roots[0]
    raise InvalidInput(_("Không xác định được cơ quan ban hành; chỉ rõ bằng --issuer MÃ_CƠ_QUAN."))


def _follow_up(parsed: ParsedPlan, matcher: AgencyMatcher, code: str | None) -> Agency:
    if code:
        try:
            return Agency.objects.get(code=code)
        except Agency.DoesNotExist:
            raise InvalidInput(_("Không có cơ quan mã %(code)s.") % {"code": code}) from None
    found = matcher.one(parsed.follow_up) if parsed.follow_up else None
    if found is None or found.agency is None:
        raise InvalidInput(
            _(
                "Không xác định được cơ quan theo dõi kế hoạch (“%(text)s”); chỉ rõ bằng --follow-up MÃ_CƠ_QUAN."
            )
            % {"text": parsed.follow_up}
        )
    return found.agency


def _assignment_rows(
    matches: list[Match], responsibility: str
) -> list[tuple[str, int, str, int | None, int | None, str]]:
    return [
        (
            responsibility,
            position,
            m.text[:500],
            m.agency.pk if m.agency else None,
            m.group.pk if m.group else None,
            str(m.role),
        )
        for position, m in enumerate(matches)
    ]


def _task_fields(task: ParsedTask, group: TaskGroup, position: int) -> dict[str, object]:
    timing, due = timing_parse(task.timing)
    return {
        "group": group,
        "position": position,
        "content": task.content,
        "lead_text": task.lead,
        "partner_text": task.partner,
        "timing": timing,
        "timing_text": task.timing[:255],
        "due_date": due,
        "expected_result": task.result,
    }


@transaction.atomic
def plan_import(
    text: str,
    *,
    source_name: str = "",
    plan_id: int | None = None,
    issuer_code: str | None = None,
    follow_up_code: str | None = None,
) -> ImportReport:
    """Create or update a plan from its document's text (see the module's docstring)."""
    parsed = parse(nfc_lines(text))
    if parsed.year is None or not parsed.title:
        raise InvalidInput(_("Văn bản không có tên kế hoạch hoặc năm."))
    if not parsed.tasks:
        raise InvalidInput(_("Bảng nhiệm vụ không có nhiệm vụ nào."))
    if plan_id is not None:
        plan = ReformPlan.objects.filter(pk=plan_id).first()
        if plan is None:
            raise InvalidInput(_("Không có kế hoạch số %(id)s.") % {"id": plan_id})
        issuer = plan.issuer
    else:
        issuer = _issuer(parsed, issuer_code)
        plan = ReformPlan.objects.filter(issuer=issuer, year=parsed.year, title=parsed.title).first()
    matcher = AgencyMatcher(issuer)
    fields = {
        "issuer": issuer,
        "year": parsed.year,
        "title": parsed.title,
        "number": parsed.number,
        "issued_on": parsed.issued_on,
        "follow_up_agency": _follow_up(parsed, matcher, follow_up_code),
        "report_to": parsed.report_to[:255],
        "satisfaction_target": parsed.satisfaction_target,
        "source_name": source_name[:255],
    }
    created = plan is None
    if plan is None:
        plan = ReformPlan.objects.create(**fields)
    elif _differs(plan, fields):
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.save()
    report = ImportReport(plan=plan, created=created)

    groups: dict[int, TaskGroup] = {}
    for number, title in parsed.groups:
        group, made = TaskGroup.objects.get_or_create(plan=plan, number=number, defaults={"title": title})
        if not made and group.title != title:
            group.title = title
            group.save(update_fields=["title"])
        groups[number] = group
    for task in parsed.tasks:
        if task.group not in groups:  # a table without group rows: one group for all
            groups[task.group], _made = TaskGroup.objects.get_or_create(
                plan=plan, number=task.group, defaults={"title": ""}
            )

    existing = {t.number: t for t in plan.tasks.all()}
    for position, task in enumerate(parsed.tasks):
        values = _task_fields(task, groups[task.group], position)
        row = existing.pop(task.number, None)
        is_new = row is None
        if row is None:
            row = PlanTask.objects.create(plan=plan, number=task.number, **values)
            changed = True
        else:
            changed = _differs(row, values)
            if changed:
                for name, value in values.items():
                    setattr(row, name, value)
                row.save()
        lead, partner = matcher.cell(task.lead), matcher.cell(task.partner)
        wanted = _assignment_rows(lead, Responsibility.LEAD) + _assignment_rows(
            partner, Responsibility.PARTNER
        )
        have = [
            (a.responsibility, a.position, a.text, a.agency_id, a.agency_group_id, a.role)
            for a in row.assignments.all()
        ]
        if sorted(have) != sorted(wanted):
            row.assignments.all().delete()
            TaskAgency.objects.bulk_create(
                TaskAgency(
                    task=row, responsibility=r, position=p, text=t, agency_id=a, agency_group_id=g, role=role
                )
                for r, p, t, a, g, role in wanted
            )
            changed = True
        report.unmatched += [
            (task.number, str(Responsibility(kind).label), m.text)
            for kind, cell in ((Responsibility.LEAD, lead), (Responsibility.PARTNER, partner))
            for m in cell
            if not m.matched
        ]
        if is_new:
            report.tasks_created += 1
        elif changed:
            report.tasks_updated += 1
        else:
            report.tasks_unchanged += 1
    for gone, row in existing.items():  # tasks no longer in the document
        if not row.reports.exists():
            row.delete()
            report.tasks_removed.append(gone)
    plan_rounds_ensure(plan)
    return report


def _differs(instance: object, values: dict[str, object]) -> bool:
    return any(getattr(instance, name) != value for name, value in values.items())


def nfc_lines(text: str) -> str:
    """NFC per line, tabs and line breaks kept (the table's structure)."""
    return "\n".join(
        "\t".join(nfc(cell) if cell.strip() else "" for cell in line.split("\t"))
        for line in text.splitlines()
    )


def plan_import_file(path: Path, **options: object) -> ImportReport:
    """Read a UTF-8 text file (a BOM is ignored) and import it."""
    text = path.read_text(encoding="utf-8-sig")
    return plan_import(text, source_name=path.name, **options)  # type: ignore[arg-type]
