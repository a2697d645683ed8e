"""Use cases of processing (CONTRACTS §4 from `assign` on), the clock's pauses and classification.

Every action locks the dossier row, checks in the order of CONTRACTS §5 — a role that can never do
it → `PermissionDenied` (403); the wrong state, a once-only limit or not the current step's
assignee → `Conflict` (409); bad input → `InvalidInput` (422) — appends exactly one event with
non-personal facts, updates the cached fields and tells the applicant through the outbox. The
404 of an invisible dossier is the caller's job (`selectors.dossiers_visible_to`).

Steps: a `DossierStep` row opens when a step starts (the first at receipt, from `clock_start_at`;
the next when the previous one is forwarded or sent back) and closes when it hands over, so only
agencies the dossier has reached see it. Pauses: a `DossierPause` row per interval; when one
closes, `due_at` (and the current step's) is recomputed from the receipt and every closed pause,
which moves it by exactly the office time they contain.

The package is split by family (`common`, `steps`, `handling`, `supplements`, `pauses`,
`apology`, `results`); this module re-exports what the rest of the project imports from
`motcua.dossiers.processing`, so callers never name the modules. The refusals are in
`dossiers.exceptions`, who may act in `dossiers.rules`, the event journal and the messages to the
applicant and officers in `dossiers.journal`.
"""

from __future__ import annotations

from motcua.dossiers.processing.apology import (
    agency_at_fault,
    apology_latest,
    dossier_apologise,
    dossier_designate_fault,
    fault_choices,
    step_overran,
)
from motcua.dossiers.processing.common import PlannedStep, current_step, planned_step, process_plan
from motcua.dossiers.processing.handling import (
    dossier_assign,
    dossier_forward,
    dossier_send_back,
)
from motcua.dossiers.processing.pauses import dossier_pause, dossier_resume
from motcua.dossiers.processing.results import (
    dossier_mark_ready,
    dossier_return_result,
    dossier_stop,
    dossier_withdraw,
)
from motcua.dossiers.processing.steps import (
    classify,
    dossier_classify,
    dossier_due_at_now,
    dossier_handling,
    dossier_processing_start,
    handling_row,
    procedure_limit,
    processing_supplement_count,
    trace_rows,
)
from motcua.dossiers.processing.supplements import (
    dossier_complete_supplement,
    dossier_request_supplement,
)

__all__ = [
    "AlreadyDone",
    "NotLastStep",
    "NotYourStep",
    "PlannedStep",
    "agency_at_fault",
    "apology_latest",
    "classify",
    "current_step",
    "dossier_apologise",
    "dossier_assign",
    "dossier_classify",
    "dossier_complete_supplement",
    "dossier_designate_fault",
    "dossier_due_at_now",
    "dossier_forward",
    "dossier_handling",
    "dossier_mark_ready",
    "dossier_pause",
    "dossier_processing_start",
    "dossier_request_supplement",
    "dossier_resume",
    "dossier_return_result",
    "dossier_send_back",
    "dossier_stop",
    "dossier_withdraw",
    "fault_choices",
    "handling_row",
    "planned_step",
    "procedure_limit",
    "process_plan",
    "processing_supplement_count",
    "step_overran",
    "trace_rows",
]
