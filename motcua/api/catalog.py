"""Procedures API (CONTRACTS §7): the public catalogue and one procedure's version in force."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema

from motcua.api.schemas import REFUSALS, Day, PageIn, Text
from motcua.catalog.models import OnlineLevel, ProcedureVersion
from motcua.catalog.selectors import (
    CatalogueFilters,
    procedure_catalogue,
    procedure_version_in_force,
    versions_for,
)

router = Router(tags=["Thủ tục hành chính"])


class FieldOut(Schema):
    code: str
    name: str


class LimitOut(Schema):
    value: int
    unit: str
    cutoff: str | None


class FeeOut(Schema):
    name: str
    amount_vnd: int
    note: str


class DocumentOut(Schema):
    id: int
    name: str
    originals: int
    copies: int
    mandatory: bool
    template_url: str | None
    sample_url: str | None


class BudgetOut(Schema):
    value: int
    unit: str


class StepOut(Schema):
    order: int
    name: str
    agency: str | None
    budget: BudgetOut


class VersionOut(Schema):
    effective_from: date


class ProcedureOut(Schema):
    code: str
    name: str
    field: FieldOut
    agencies: list[str]
    online_level: str
    channels: list[str]
    limit: LimitOut
    fees: list[FeeOut]
    documents: list[DocumentOut]
    steps: list[StepOut]
    pause_kinds: list[str]
    legal_basis: list[str]
    result_kind: str
    version: VersionOut


class ProcedurePage(Schema):
    items: list[ProcedureOut]
    count: int


class ProcedureFilters(PageIn):
    q: Text(200) = ""
    field: Text(30) = ""
    agency: Text(40) = ""
    online_level: OnlineLevel | None = None


class AtIn(Schema):
    at: Day | None = None


def _file_url(
    request: HttpRequest, version: ProcedureVersion, document_id: int, kind: str, present: bool
) -> str | None:
    if not present:
        return None
    name = "portal:document_template" if kind == "mau" else "portal:document_sample"
    path = reverse(name, kwargs={"procedure_code": version.procedure.code, "document_id": document_id})
    return request.build_absolute_uri(path)


def procedure_out(request: HttpRequest, version: ProcedureVersion) -> dict[str, Any]:
    procedure = version.procedure
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": {"code": procedure.field.code, "name": procedure.field.name},
        "agencies": sorted(a.code for a in procedure.agencies.all()),
        "online_level": version.online_level,
        "channels": list(version.channels),
        "limit": {"value": version.limit_value, "unit": version.limit_unit, "cutoff": version.cutoff_hhmm},
        "fees": [{"name": f.name, "amount_vnd": f.amount_vnd, "note": f.note} for f in version.fees.all()],
        "documents": [
            {
                "id": d.pk,
                "name": d.name,
                "originals": d.originals,
                "copies": d.copies,
                "mandatory": d.mandatory,
                "template_url": _file_url(request, version, d.pk, "mau", bool(d.template)),
                "sample_url": _file_url(request, version, d.pk, "ho-so-mau", bool(d.sample)),
            }
            for d in version.documents.all()
        ],
        "steps": [
            {
                "order": s.order,
                "name": s.name,
                "agency": s.agency.code if s.agency else None,
                "budget": {"value": s.budget_value, "unit": s.budget_unit},
            }
            for s in version.steps.all()
        ],
        "pause_kinds": list(version.pause_kinds),
        "legal_basis": [b.text for b in version.legal_bases.all()],
        "result_kind": version.result_kind,
        "version": {"effective_from": version.effective_date},
    }


@router.get(
    "", response={200: ProcedurePage, 422: REFUSALS[422]}, auth=None, summary="Danh mục thủ tục hành chính"
)
def procedure_list(request: HttpRequest, filters: Query[ProcedureFilters]) -> dict[str, Any]:
    """Procedures with a version in force today; `q` is matched without accents."""
    procedures = procedure_catalogue(
        CatalogueFilters(
            q=filters.q,
            field=filters.field,
            agency=filters.agency,
            online_level=filters.online_level.value if filters.online_level else "",
        )
    )
    page = list(procedures[filters.slice()])
    versions = versions_for(page)
    full = {
        v.pk: v
        for v in ProcedureVersion.objects.filter(pk__in=[v.pk for v in versions.values()])
        .select_related("procedure", "procedure__field")
        .prefetch_related("documents", "fees", "legal_bases", "steps__agency", "procedure__agencies")
    }
    items = [procedure_out(request, full[versions[p.pk].pk]) for p in page if p.pk in versions]
    return {"items": items, "count": procedures.count()}


@router.get(
    "/{procedure_code}",
    response={200: ProcedureOut, 404: REFUSALS[404], 422: REFUSALS[422]},
    auth=None,
    summary="Một thủ tục: phiên bản có hiệu lực",
)
def procedure_detail(request: HttpRequest, procedure_code: str, at: Query[AtIn]) -> dict[str, Any]:
    """The version in force on `at` (a date, today by default); unknown code → 404."""
    return procedure_out(request, procedure_version_in_force(procedure_code, at=at.at))
