"""Published satisfaction figures (seed 4.6): monthly series per criterion and per agency for the
public page `/thong-ke/hai-long/`, the A4 poster of a month for the desk, and the XLSX export.

Only aggregates: never a comment, never a name. Each figure carries its responses, and is withheld
("chưa đủ số phiếu") below `SURVEY_MIN_RESPONSES` (DOMAIN §6).

The series read the answers of the twelve months once and bucket them here, then compute each
bucket with `index_compute` — one rule for every figure.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from motcua.accounts.models import Agency
from motcua.catalog.models import Procedure
from motcua.core.pdf import pdf_cached
from motcua.core.periods import Period, month_containing, months_back
from motcua.core.xlsx import Sheet, xlsx_bytes
from motcua.surveys.index import (
    Figures,
    Row,
    Scope,
    criteria_names,
    index_answer,
    index_compute,
    survey_figures,
)
from motcua.surveys.models import Answer, Response

MONTHS = 12
EXPORT_CACHE_S = 10 * 60  # the public export: new answers appear within ten minutes


@dataclass(frozen=True)
class PublicChoice:
    """What the public page, the poster and the export are about: an agency (None: the whole
    locality) and the last month of the series."""

    agency: Agency | None
    last: Period

    @property
    def stem(self) -> str:
        return f"{self.agency.code if self.agency else 'toan-dia-phuong'}-{self.last.end:%Y-%m}"


def default_month() -> Period:
    return month_containing(timezone.localdate())


def months_until(last: Period, count: int = MONTHS) -> list[Period]:
    return months_back(last, count)


@dataclass
class Series:
    label: str
    values: list[Decimal | None]  # one per month; None: withheld or no answers
    responses: list[int]


def _buckets(periods: list[Period], agency: Agency | None) -> list[list[tuple[int, Row]]]:
    """The answers of each month (with the response's receiving agency), read in one query."""
    start, end = periods[0].bounds()[0], periods[-1].bounds()[1]
    answers = Answer.objects.filter(response__submitted_at__gte=start, response__submitted_at__lt=end)
    if agency is not None:
        answers = answers.filter(response__agency_id__in=agency.subtree_ids())
    starts = [p.bounds()[0] for p in periods]
    buckets: list[list[tuple[int, Row]]] = [[] for _ in periods]
    for response, at, agency_id, criterion, question, score in answers.values_list(
        "response_id", "response__submitted_at", "response__agency_id", "question__criterion__code",
        "question__code", "score",
    ):  # fmt: skip
        buckets[bisect.bisect_right(starts, at) - 1].append(
            (agency_id, Row(response, criterion, question, score))
        )
    return buckets


def _figures(rows: list[Row]) -> Figures:
    return index_compute(
        rows, responses=len({r.response for r in rows}), minimum=settings.SURVEY_MIN_RESPONSES
    )


def monthly_series(choice: PublicChoice) -> dict[str, Any]:
    periods = months_until(choice.last)
    buckets = _buckets(periods, choice.agency)
    names = criteria_names()
    by_criterion = []
    totals = [_figures([row for _, row in bucket]) for bucket in buckets]
    for code, name in sorted(names.items()):
        by_criterion.append(
            Series(
                f"{code}. {name}",
                [f.criterion_index(code) for f in totals],
                [len(f.criteria[code].responses) if code in f.criteria else 0 for f in totals],
            )
        )
    # One line per receiving agency (a desk) with responses in the twelve months.
    by_agency = []
    present = {agency_id for bucket in buckets for agency_id, _row in bucket}
    for agency in Agency.objects.filter(pk__in=present).order_by("code"):
        figures = [
            _figures([row for agency_id, row in bucket if agency_id == agency.pk]) for bucket in buckets
        ]
        by_agency.append(Series(agency.name, [f.index for f in figures], [f.responses for f in figures]))
    overall = Series(_("Chỉ số chung"), [f.index for f in totals], [f.responses for f in totals])
    return {
        "months": [f"{p.end:%m/%Y}" for p in periods],
        "overall": overall,
        "criteria": by_criterion,
        "agencies": by_agency,
    }


def _chart(chart_id: str, series: list[Series], months: list[str]) -> dict[str, Any]:
    """A chart's data (for Chart.js, with the target) and the same figures as a table."""
    return {
        "id": chart_id,
        "data_id": f"{chart_id}-data",
        "title": series[0].label,
        "series": series,
        "data": {
            "months": months,
            "target": settings.SATISFACTION_TARGET,
            "series": [
                {"label": s.label, "values": [None if v is None else float(v) for v in s.values]}
                for s in series
            ],
        },
        "rows": [
            {"month": label, "cells": [{"value": s.values[i], "responses": s.responses[i]} for s in series]}
            for i, label in enumerate(months)
        ],
    }


def public_context(choice: PublicChoice) -> dict[str, Any]:
    current = survey_figures(choice.last, Scope(agency=choice.agency))
    series = monthly_series(choice)
    months = series["months"]
    return {
        "choice": choice,
        "answer": index_answer(current),
        "overall_chart": _chart("chart-overall", [series["overall"]], months),
        "charts": [_chart(f"chart-c{i}", [s], months) for i, s in enumerate(series["criteria"], start=1)],
        "agency_charts": [
            _chart(f"chart-a{i}", [s], months) for i, s in enumerate(series["agencies"], start=1)
        ],
        "target": settings.SATISFACTION_TARGET,
        "minimum": settings.SURVEY_MIN_RESPONSES,
        "agencies": _receiving_agencies(None),
    }


def poster_pdf(choice: PublicChoice) -> bytes:
    figures = survey_figures(choice.last, Scope(agency=choice.agency))
    context = {
        "choice": choice,
        "answer": index_answer(figures),
        "target": settings.SATISFACTION_TARGET,
        "minimum": settings.SURVEY_MIN_RESPONSES,
        "for_pdf": True,
        "LOCALITY_NAME": settings.LOCALITY_NAME,
    }
    html = render_to_string("surveys/poster.html", context)
    return pdf_cached(("surveys", "posters"), choice.stem, html)


def _receiving_agencies(scope: Agency | None) -> list[Agency]:
    """The agencies with a desk (they received dossiers), within the scope."""
    agencies = Agency.objects.filter(received_dossiers__isnull=False).distinct().order_by("code")
    if scope is not None:
        agencies = agencies.filter(pk__in=scope.subtree_ids())
    return list(agencies)


def _answered_procedures(choice: PublicChoice) -> list[Procedure]:
    """The procedures with responses in the chosen month and scope."""
    start, end = choice.last.bounds()
    responses = Response.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
    if choice.agency is not None:
        responses = responses.filter(agency_id__in=choice.agency.subtree_ids())
    return list(Procedure.objects.filter(pk__in=responses.values("procedure_id")).order_by("code"))


def _row(label: str, figures: Figures) -> list[Any]:
    interval = figures.interval
    return [
        label, figures.responses, figures.invited, figures.response_rate, figures.index,
        interval[0] if interval else None, interval[1] if interval else None,
        figures.quick.get("NOT_SATISFIED", 0), figures.quick.get("SATISFIED", 0), figures.quick.get("VERY_SATISFIED", 0),
    ]  # fmt: skip


def export_xlsx(choice: PublicChoice) -> bytes:
    """The export's workbook, computed once per month, scope and language for EXPORT_CACHE_S: a
    public, anonymous address whose figures take a few queries per month, agency and procedure."""
    key = f"surveys:export:{choice.stem}:{get_language()}"
    content = cache.get(key)
    if content is None:
        content = xlsx_bytes(export_sheets(choice))
        cache.set(key, content, EXPORT_CACHE_S)
    return bytes(content)


def export_sheets(choice: PublicChoice) -> list[Sheet]:
    periods = months_until(choice.last)
    scope_name = choice.agency.name if choice.agency else _("Toàn địa phương")
    caption = [_("Chỉ số hài lòng — %(scope)s") % {"scope": scope_name}]
    header = [
        _("Kỳ"), _("Số phiếu"), _("Số hồ sơ được mời"), _("Tỷ lệ phản hồi (%)"), _("Chỉ số (%)"),
        _("Cận dưới 95%"), _("Cận trên 95%"), _("Nhanh: không hài lòng"), _("Nhanh: hài lòng"),
        _("Nhanh: rất hài lòng"),
    ]  # fmt: skip
    by_month = [
        _row(f"{p.start:%d/%m/%Y}–{p.end:%d/%m/%Y}", survey_figures(p, Scope(agency=choice.agency)))
        for p in periods
    ]
    last = survey_figures(choice.last, Scope(agency=choice.agency))
    names = criteria_names()
    criteria_rows = [
        [code, names.get(code, code), len(last.criteria[code].responses) if code in last.criteria else 0,
         last.criterion_index(code)]
        for code in sorted(names)
    ]  # fmt: skip
    # The answers and satisfied answers of a question give its share: withheld with the index.
    question_rows = [
        [code, len(share.responses), *((share.valid, share.satisfied) if last.enough else (None, None)),
         last.question_index(code)]
        for code, share in sorted(last.questions.items())
    ]  # fmt: skip
    agency_rows = [
        _row(agency.name, survey_figures(choice.last, Scope(agency=agency)))
        for agency in _receiving_agencies(choice.agency)
    ]
    procedure_rows = [
        _row(
            f"{procedure.code} {procedure.name}",
            survey_figures(choice.last, Scope(agency=choice.agency, procedure=procedure)),
        )
        for procedure in _answered_procedures(choice)
    ]
    month_caption = [*caption, f"{choice.last.start:%d/%m/%Y}–{choice.last.end:%d/%m/%Y}"]
    return [
        Sheet(_("Theo tháng"), header, by_month, caption),
        Sheet(
            _("Theo tiêu chí"),
            [_("Mã"), _("Tiêu chí"), _("Số phiếu"), _("Chỉ số (%)")],
            criteria_rows,
            month_caption,
        ),
        Sheet(
            _("Theo câu hỏi"),
            [_("Câu hỏi"), _("Số phiếu"), _("Số câu trả lời"), _("Hài lòng"), _("Chỉ số (%)")],
            question_rows,
            month_caption,
        ),
        Sheet(_("Theo cơ quan"), [_("Cơ quan"), *header[1:]], agency_rows, month_caption),
        Sheet(_("Theo thủ tục"), [_("Thủ tục"), *header[1:]], procedure_rows, month_caption),
    ]
