"""How a dossier's due time was reached, in one sentence for people (issue 12): "15 ngày làm việc từ
07/12/2026, không tính thứ Bảy, Chủ nhật, ngày lễ". Built from the dossier's stored trace (CONTRACTS
§7: the days not counted, make-up Saturdays, pauses) and its version's limit; the citizen's page,
the back-office dossier page, form 01 and the receipt SMS all use `due_basis`, and `due_estimated_note`
says why a due time is "dự kiến" (the calendar of that year is not yet official)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.core.calendar import TraceKind, Unit
from motcua.core.instants import in_vietnam
from motcua.dossiers.models import Dossier

DAYS_OFF = frozenset({TraceKind.HOLIDAY, TraceKind.COMPENSATORY, TraceKind.BRIDGE})


def _rows(dossier: Dossier) -> list[dict[str, Any]]:
    return [row for row in dossier.due_trace or [] if isinstance(row, dict)]


def _day(row: dict[str, Any]) -> date:
    return date.fromisoformat(row["date"])


def _head(dossier: Dossier, *, compact: bool) -> str:
    version = dossier.procedure_version
    assert dossier.clock_start_at is not None
    start = in_vietnam(dossier.clock_start_at)
    n = version.limit_value
    day = f"{start:%d/%m/%Y}"
    moment = f"{start:%H:%M} {day}"
    unit = version.limit_unit
    if unit == Unit.WORKING_DAYS:
        return ngettext("%(n)s ngày làm việc từ %(date)s", "%(n)s ngày làm việc từ %(date)s", n) % {
            "n": n,
            "date": day,
        }
    if unit == Unit.WORKING_HOURS:
        return ngettext("%(n)s giờ làm việc từ %(time)s", "%(n)s giờ làm việc từ %(time)s", n) % {
            "n": n,
            "time": moment,
        }
    if unit == Unit.HALF_DAYS:
        return ngettext("%(n)s buổi làm việc từ %(time)s", "%(n)s buổi làm việc từ %(time)s", n) % {
            "n": n,
            "time": moment,
        }
    if unit == Unit.SAME_DAY:
        cutoff = version.same_day_cutoff
        minutes = cutoff.hour * 60 + cutoff.minute if cutoff else int(settings.SAME_DAY_CUTOFF)
        hhmm = f"{minutes // 60:02d}:{minutes % 60:02d}"
        if compact:
            return _("trong ngày nếu nhận trước %(cutoff)s") % {"cutoff": hhmm}
        return _("trả trong ngày nếu nhận trước %(cutoff)s, sau giờ đó trả trong ngày làm việc tiếp theo") % {
            "cutoff": hhmm
        }
    if unit == Unit.MONTHS:
        head = ngettext("%(n)s tháng từ %(date)s", "%(n)s tháng từ %(date)s", n) % {"n": n, "date": day}
    else:
        head = ngettext("%(n)s ngày từ %(date)s", "%(n)s ngày từ %(date)s", n) % {"n": n, "date": day}
    if compact:
        return head
    return head + _(", tính cả ngày nghỉ; ngày cuối là ngày nghỉ thì trả vào ngày làm việc tiếp theo")


def due_basis(dossier: Dossier, *, compact: bool = False) -> str:
    """The sentence explaining `due_at`, or "" before the clock starts. `compact`: the SMS's short form
    ("dự kiến, " first when estimated; "không tính T7, CN, lễ"; no holiday names, make-up days or
    pauses)."""
    if dossier.clock_start_at is None or dossier.due_at is None:
        return ""
    head = _head(dossier, compact=compact)
    unit = dossier.procedure_version.limit_unit
    if unit in (Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.SAME_DAY):
        return (_("dự kiến") + ", " + head) if compact and dossier.due_estimated else head
    if compact:
        estimated = _("dự kiến") + ", " if dossier.due_estimated else ""
        return estimated + head + _(", không tính T7, CN, lễ")
    rows = _rows(dossier)
    parts = [head + _(", không tính thứ Bảy, Chủ nhật, ngày lễ")]
    holidays = list(
        dict.fromkeys(row["name"] for row in rows if row.get("kind") in DAYS_OFF and row.get("name"))
    )
    if holidays:
        parts[0] += f" ({'; '.join(holidays)})"
    makeup = [f"{_day(row):%d/%m}" for row in rows if row.get("kind") == TraceKind.MAKEUP_WORKDAY]
    if makeup:
        parts.append(_("tính cả thứ Bảy làm bù %(days)s") % {"days": ", ".join(makeup)})
    pauses = sum(1 for row in rows if row.get("kind") == TraceKind.PAUSE)
    if pauses:
        parts.append(_("cộng thêm thời gian tạm dừng tính thời hạn"))
    return "; ".join(parts)


def estimated_years(dossier: Dossier) -> list[int]:
    """The years whose days off are estimated (not yet confirmed) that the due time depends on."""
    if not dossier.due_estimated or dossier.due_at is None:
        return []
    years = sorted({_day(row).year for row in _rows(dossier) if row.get("estimated")})
    return years or [in_vietnam(dossier.due_at).year]


def due_estimated_note(dossier: Dossier) -> str:
    """Why the due time is "dự kiến", or "" when it is not."""
    years = estimated_years(dossier)
    if not years:
        return ""
    return ngettext(
        "Dự kiến: lịch nghỉ lễ năm %(years)s chưa được công bố chính thức; ngày hẹn có thể được điều chỉnh khi có lịch chính thức.",
        "Dự kiến: lịch nghỉ lễ các năm %(years)s chưa được công bố chính thức; ngày hẹn có thể được điều chỉnh khi có lịch chính thức.",
        len(years),
    ) % {"years": ", ".join(str(y) for y in years)}
