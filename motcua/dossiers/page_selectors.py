"""The reads of the back-office dossier pages (intake, the dossier page and its action forms), so the
views stay request → form → one call → response and no page writes its own query.

Visibility is not decided here: the views pass a dossier they got through
`selectors.dossiers_visible_to`, and an officer's agency for the intake.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from motcua.accounts.models import Agency
from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.catalog.selectors import procedure_search
from motcua.dossiers.models import (
    Dossier,
    DossierDocument,
    DossierEvent,
    FaultDesignation,
    SupplementItem,
    SupplementRequest,
)
from motcua.dossiers.selectors import procedures_received_at


# --- intake ---------------------------------------------------------------------------------------------
def intake_versions(agency: Agency | None, query: str, *, limit: int = 30) -> list[ProcedureVersion]:
    """Versions in force of the procedures `agency` receives that match `query` (accents ignored)."""
    today = timezone.localdate()
    procedures = procedure_search(query).listed().with_version_in_force(today)
    if agency is not None:
        procedures = procedures.filter(pk__in=procedures_received_at(agency).values("pk"))
    ids = [p.version_id for p in procedures[:limit]]  # type: ignore[attr-defined]
    by_id = ProcedureVersion.objects.filter(pk__in=ids).select_related("procedure").in_bulk()
    return [by_id[i] for i in ids if i in by_id]


def intake_version(agency: Agency | None, procedure_code: str) -> ProcedureVersion | None:
    """The version in force of `procedure_code` if `agency` receives it (any agency when None)."""
    if not procedure_code:
        return None
    version = (
        ProcedureVersion.objects.in_force(at=timezone.localdate())
        .filter(procedure__code=procedure_code)
        .select_related("procedure")
        .prefetch_related("documents")
        .first()
    )
    if version is None or (
        agency is not None and not procedures_received_at(agency).filter(pk=version.procedure_id).exists()
    ):
        return None
    return version


# --- the dossier page -----------------------------------------------------------------------------------
def page_events(dossier: Dossier) -> QuerySet[DossierEvent]:
    return dossier.events.select_related("officer", "agency", "note").order_by("seq")


def event_actions(dossier: Dossier) -> set[str]:
    """The actions the dossier's history holds (which forms were issued)."""
    return set(dossier.events.values_list("action", flat=True))


def page_documents(dossier: Dossier) -> QuerySet[DossierDocument]:
    return dossier.documents.select_related("document").order_by("document__order", "document__pk")


def page_supplement_requests(dossier: Dossier) -> QuerySet[SupplementRequest]:
    return dossier.supplement_requests.prefetch_related("items__document")


def page_fault_designations(dossier: Dossier) -> list[FaultDesignation]:
    """The supervisor's choices of the agency at fault, oldest first."""
    designations = dossier.fault_designations.select_related("agency", "designated_by", "note")
    return list(designations.order_by("designated_at"))


# --- the action forms -----------------------------------------------------------------------------------
def official_documents(dossier: Dossier) -> list[RequiredDocument]:
    """The version's official list, which a request for a supplement or a guide chooses from."""
    return list(dossier.procedure_version.documents.order_by("order", "pk"))


def open_supplement_items(dossier: Dossier) -> list[SupplementItem]:
    """The documents the open request for a supplement asks for (empty when none is open)."""
    request = dossier.supplement_requests.filter(completed_at__isnull=True).order_by("-requested_at").first()
    return list(request.items.select_related("document")) if request else []


def agencies_that_held(dossier: Dossier) -> list[Agency]:
    """The agencies that held a step of the dossier, in the order they first held one."""
    held: list[Any] = list(dict.fromkeys(dossier.steps.order_by("seq").values_list("agency_id", flat=True)))
    agencies = Agency.objects.in_bulk(held)
    return [agencies[pk] for pk in held if pk in agencies]
