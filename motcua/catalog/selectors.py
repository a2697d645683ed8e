"""Reads of the catalogue: search (the seam between SQLite and PostgreSQL), listings, detail, contacts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar, cast

from django.db import connection
from django.db.models import Model, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from motcua.accounts.models import Agency
from motcua.catalog.models import (
    Contact,
    Field,
    OnlineLevel,
    Procedure,
    ProcedureQuerySet,
    ProcedureVersion,
    ProcessStep,
)
from motcua.core.text import fold

M = TypeVar("M", bound=Model)


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def folded_search(queryset: QuerySet[M], query: str, *, order: tuple[str, ...]) -> QuerySet[M]:
    """The catalogue's one search rule, for any model with a folded `search_text` column.

    Every word of the folded query must occur in the folded column, accents and case ignored
    ("dang ky ket hon" finds "Đăng ký kết hôn"; "hoà" finds "hòa"). On PostgreSQL results are ranked
    by pg_trgm word similarity and, when no row has every word, similar ones are returned instead so
    that small typos still find something ("dang ki ket hon"); SQLite keeps `order`. An empty query
    returns everything in `order`.
    """
    folded = fold(query)
    if not folded:
        return queryset.order_by(*order)
    words = Q()
    for word in folded.split():
        words &= Q(search_text__contains=word)
    if _is_postgresql():
        from django.contrib.postgres.search import TrigramWordSimilarity  # PostgreSQL only

        ranked = cast(QuerySet[M], queryset.annotate(similarity=TrigramWordSimilarity(folded, "search_text")))
        exact = ranked.filter(words)
        if exact.exists():
            return exact.order_by("-similarity", *order)
        # Nothing has every word: let small typos through (pg_trgm `%>`, GIN-indexed).
        return ranked.filter(search_text__trigram_word_similar=folded).order_by("-similarity", *order)
    return queryset.filter(words).order_by(*order)


def procedure_search(query: str) -> ProcedureQuerySet:
    """Procedures whose name, code or field match `query` (`folded_search`), best first; the most
    used first among equals."""
    return folded_search(Procedure.objects.all(), query, order=("-popularity", "name"))  # type: ignore[return-value]


@dataclass(frozen=True)
class CatalogueFilters:
    q: str = ""
    field: str = ""  # field code
    agency: str = ""  # agency code
    online_level: str = ""


def procedure_catalogue(filters: CatalogueFilters, *, at: date | None = None) -> QuerySet[Procedure]:
    """The public catalogue: procedures not abolished with a version in force at `at`, filtered."""
    at = at or timezone.localdate()
    procedures = procedure_search(filters.q).listed().with_version_in_force(at)
    if filters.field:
        procedures = procedures.filter(field__code=filters.field)
    if filters.agency:
        procedures = procedures.filter(pk__in=Procedure.objects.filter(agencies__code=filters.agency.upper()))
    if filters.online_level:
        procedures = procedures.filter(version_online_level=filters.online_level)  # type: ignore[misc]
    return procedures.select_related("field")


def versions_for(procedures: list[Procedure]) -> dict[int, ProcedureVersion]:
    """The versions annotated by `with_version_in_force`, loaded in one query (for a page of results)."""
    ids = [p.version_id for p in procedures if getattr(p, "version_id", None)]  # type: ignore[attr-defined]
    return {v.procedure_id: v for v in ProcedureVersion.objects.filter(pk__in=ids)}


def popular_procedures(*, limit: int = 8, at: date | None = None) -> list[Procedure]:
    at = at or timezone.localdate()
    return list(
        Procedure.objects.listed()
        .with_version_in_force(at)
        .select_related("field")
        .order_by("-popularity", "name")[:limit]
    )


def fields_with_procedures() -> QuerySet[Field]:
    return Field.objects.filter(procedures__isnull=False).distinct().order_by("name")


def agencies_with_procedures() -> QuerySet[Agency]:
    return Agency.objects.filter(procedures__isnull=False).distinct().order_by("code")


def _version_with_parts(queryset: QuerySet[ProcedureVersion]) -> QuerySet[ProcedureVersion]:
    return queryset.select_related("procedure", "procedure__field").prefetch_related(
        "documents",
        "fees",
        "legal_bases",
        Prefetch("steps", queryset=ProcessStep.objects.select_related("agency")),
        "procedure__agencies",
    )


def procedure_version_in_force(code: str, *, at: date | None = None) -> ProcedureVersion:
    """The version of procedure `code` in force at `at` (today by default), with every part; 404 if none."""
    at = at or timezone.localdate()
    version = (
        _version_with_parts(ProcedureVersion.objects.in_force(at=at)).filter(procedure__code=code).first()
    )
    if version is None:
        raise Http404(code)
    return version


def procedures_for_posting(field: Field, *, at: date | None = None) -> list[ProcedureVersion]:
    """The versions in force of a field's procedures, for the list posted at the office (niêm yết)."""
    at = at or timezone.localdate()
    versions = _version_with_parts(
        ProcedureVersion.objects.in_force(at=at).filter(procedure__field=field)
    ).exclude(procedure__status=Procedure.Status.ABOLISHED)
    return sorted(versions, key=lambda v: (v.procedure.level, v.procedure.name))


def online_levels() -> list[tuple[str, str]]:
    return [(str(v), str(label)) for v, label in OnlineLevel.choices]


# --- contacts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficerContact:
    name: str
    position: str
    phone: str


@dataclass(frozen=True)
class ReceiptContacts:
    """What the back of the receipt slip prints: where to call or write with feedback."""

    agency_name: str
    hotline: str
    email: str
    officers: tuple[OfficerContact, ...]


def contacts_for_receipt(agency: Agency) -> ReceiptContacts:
    """The feedback contacts for a receiving agency: its own, else the nearest parent's, else its phone and e-mail."""
    current: Agency | None = agency
    while current is not None:
        contact = Contact.objects.filter(agency=current).prefetch_related("officers").first()
        if contact is not None:
            return ReceiptContacts(
                agency_name=current.name,
                hotline=contact.hotline or current.hotline or current.phone,
                email=contact.email or current.email,
                officers=tuple(OfficerContact(o.name, o.position, o.phone) for o in contact.officers.all()),
            )
        current = current.parent
    return ReceiptContacts(
        agency_name=agency.name, hotline=agency.hotline or agency.phone, email=agency.email, officers=()
    )


def contact_directory() -> QuerySet[Contact]:
    return Contact.objects.select_related("agency").prefetch_related("officers").order_by("agency__code")
