"""A dossier as staff and the citizen read it through the API (`GET dossiers/<code>`, the answer of
every action; CONTRACTS §7): the one read model of a whole dossier, typed by
`motcua.api.dossier_schemas.DossierOut`."""

from __future__ import annotations

from typing import Any

from motcua.core.instants import iso
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep, FaultDesignation
from motcua.dossiers.processing import dossier_due_at_now
from motcua.dossiers.selectors import masked_name


def _applicant(dossier: Dossier) -> dict[str, Any]:
    return {
        "kind": dossier.applicant_kind,
        "name": dossier.applicant_name,
        "id_number": dossier.applicant_id_number,
        "tax_code": dossier.applicant_tax_code,
        "phone": dossier.applicant_phone,
        "email": dossier.applicant_email,
        "address": {
            "province": dossier.applicant_province,
            "district": dossier.applicant_district,
            "commune": dossier.applicant_commune,
            "street": dossier.applicant_street,
        },
    }


def _event(event: DossierEvent) -> dict[str, Any]:
    return {
        "at": iso(event.at),
        "action": event.action,
        "from": event.from_state or None,
        "to": event.to_state,
        "agency": event.agency.code if event.agency else None,
        "actor_kind": event.actor_kind,
    }


def _step(step: DossierStep, *, for_citizen: bool) -> dict[str, Any]:
    return {
        "seq": step.seq,
        "order": step.order,
        "name": step.name,
        "agency": step.agency.code,
        "assignee": step.assignee.username if step.assignee and not for_citizen else None,
        "started_at": iso(step.started_at),
        "due_at": iso(step.due_at),
        "finished_at": iso(step.finished_at),
        "classification": step.classification or None,
    }


def _fault_designation(item: FaultDesignation) -> dict[str, Any]:
    note = item.note
    return {
        "at": iso(item.designated_at),
        "agency": item.agency.code,
        "by": item.designated_by.username,
        "reason": note.text if note is not None and note.redacted_at is None else None,
    }


def dossier_record(dossier: Dossier, *, personal: bool, for_citizen: bool = False) -> dict[str, Any]:
    """A dossier as `GET dossiers/<code>` answers it (also the answer of every action).

    `personal`: whether the caller sees the applicant's personal data (else the masked name).
    `for_citizen`: the citizen with the dossier token — officers' usernames are left out, and so
    are the supervisor's fault designations (staff's record, not the citizen's timeline).
    While the clock is paused, `due_at` is the value as it stands now (CONTRACTS §2).
    """
    version = dossier.procedure_version
    documents = dossier.documents.select_related("document").order_by("document__order", "document_id")
    events = DossierEvent.objects.filter(dossier=dossier).select_related("agency").order_by("seq")
    steps = list(dossier.steps.select_related("agency", "assignee").order_by("seq"))
    current = next((s for s in reversed(steps) if s.finished_at is None), None)
    record = {
        "code": dossier.code,
        "status": dossier.state,
        "channel": dossier.channel,
        "procedure": {"code": version.procedure.code, "name": version.procedure.name},
        "version": {"effective_from": version.effective_date.isoformat()},
        "receiving_agency": {"code": dossier.receiving_agency.code, "name": dossier.receiving_agency.name},
        "applicant": _applicant(dossier) if personal else {"masked_name": masked_name(dossier)},
        "documents": [
            {"document": d.document_id, "name": d.document.name, "originals": d.originals, "copies": d.copies}
            for d in documents
        ],
        "return_method": dossier.return_method,
        "received_at": iso(dossier.received_at),
        "clock_start_at": iso(dossier.clock_start_at),
        "due_at": iso(dossier_due_at_now(dossier)),
        "due_estimated": dossier.due_estimated,
        "rescheduled_due_at": iso(dossier.rescheduled_due_at),
        "finished_at": iso(dossier.finished_at),
        "classification": dossier.classification or None,
        "current_step": (
            {
                "order": current.order,
                "name": current.name,
                "agency": current.agency.code,
                "assignee": current.assignee.username if current.assignee and not for_citizen else None,
                "due_at": iso(current.due_at),
            }
            if current is not None
            else None
        ),
        "steps": [_step(s, for_citizen=for_citizen) for s in steps],
        "events": [_event(e) for e in events],
        "trace": dossier.due_trace,
    }
    if not for_citizen:
        # The supervisor's choices of the agency at fault, oldest first (the latest counts); the
        # reason is the designation's note, null once redacted (as on the back-office page).
        designations = dossier.fault_designations.select_related("agency", "designated_by", "note")
        record["fault_designations"] = [
            _fault_designation(f) for f in designations.order_by("designated_at", "pk")
        ]
    return record
