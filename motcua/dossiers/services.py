"""The dossiers app's use cases, as the apps above it call them: one import path for the pages, the
API, the commands and the apps to come (surveys, feedback, oversight, reports, plans).

Nothing inside the dossiers app imports this module: it sits on top of the app's own graph, which
runs one way — `models` ← `exceptions`, `rules`, `journal`, `files` ← `processing` ← `intake`,
`online` ← `actions` (docs/architecture.md, "The dossiers app inside"). Reads go through
`selectors` and `history`, never through this module.
"""

from __future__ import annotations

from motcua.dossiers.files import DocumentIn
from motcua.dossiers.flags import FLAG_ROLES, dossier_flags_set
from motcua.dossiers.intake import (
    Applicant,
    IntakeResult,
    Outcome,
    dossier_guide,
    dossier_intake,
    dossier_receive,
    dossier_refuse,
)
from motcua.dossiers.journal import Actor, dossier_public_url, dossier_record_event, dossier_survey_url
from motcua.dossiers.online import (
    dossier_attach_result,
    dossier_citizen_complete_supplement,
    dossier_citizen_withdraw,
    dossier_resubmit,
    dossier_submit_online,
)
from motcua.dossiers.processing import (
    dossier_apologise,
    dossier_assign,
    dossier_complete_supplement,
    dossier_designate_fault,
    dossier_forward,
    dossier_mark_ready,
    dossier_pause,
    dossier_request_supplement,
    dossier_resume,
    dossier_return_result,
    dossier_send_back,
    dossier_stop,
    dossier_withdraw,
)

__all__ = [
    "FLAG_ROLES",
    "Actor",
    "Applicant",
    "DocumentIn",
    "IntakeResult",
    "Outcome",
    "dossier_apologise",
    "dossier_assign",
    "dossier_attach_result",
    "dossier_citizen_complete_supplement",
    "dossier_citizen_withdraw",
    "dossier_complete_supplement",
    "dossier_designate_fault",
    "dossier_flags_set",
    "dossier_forward",
    "dossier_guide",
    "dossier_intake",
    "dossier_mark_ready",
    "dossier_pause",
    "dossier_public_url",
    "dossier_receive",
    "dossier_record_event",
    "dossier_refuse",
    "dossier_request_supplement",
    "dossier_resubmit",
    "dossier_resume",
    "dossier_return_result",
    "dossier_send_back",
    "dossier_stop",
    "dossier_submit_online",
    "dossier_survey_url",
    "dossier_withdraw",
]
