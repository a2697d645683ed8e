"""Supplements during processing: a request for documents of the official list (form 02, the clock
pauses) and their completion at the desk or online (the clock restarts).

A family of its own because of its rules — official list only (DOMAIN §3), once per agency unless
a leader overrides — and because the citizen takes part in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.instants import iso
from motcua.core.text import nfc
from motcua.dossiers.codes import form_number
from motcua.dossiers.exceptions import AlreadyDone, NotOnOfficialList, NotYourStep
from motcua.dossiers.files import DocumentIn, documents_check
from motcua.dossiers.journal import (
    Actor,
    applicant_tell,
    dossier_public_url,
    dossier_record_event,
    officer_actor,
)
from motcua.dossiers.models import (
    RUNNING,
    Action,
    ActorKind,
    Dossier,
    DossierDocument,
    DossierPause,
    PauseReason,
    State,
    SupplementItem,
    SupplementRequest,
)
from motcua.dossiers.processing.common import (
    action_done,
    current_step_locked,
    lock_for_action,
    note_add,
    require_role,
    require_state,
    require_text,
)
from motcua.dossiers.processing.steps import pause_close
from motcua.dossiers.rules import is_desk_of, is_leader_of, supplement_asker, supplement_once_per_agency
from motcua.notifications.segments import fit_list
from motcua.notifications.services import sms_room

SUPPLEMENT_TEMPLATE = "dossier_supplement_requested"
# The SMS asking for documents: at most three UCS-2 segments (two GSM-7 ones without diacritics).
SUPPLEMENT_SMS_SEGMENTS = 3


def supplement_message_context(dossier: Dossier, documents: Sequence[str], reason: str) -> dict[str, str]:
    """What the applicant is told of a supplement request: the documents and the reason whole (for the
    e-mail); the documents cut to fit the SMS within `SUPPLEMENT_SMS_SEGMENTS` beside the link to the
    citizen's page, which shows the reason (`documents_short`: the staff's SMS template is
    measured); how to hand them in; the link. The form's number is added by the caller."""
    context = {
        "reason": nfc(reason).strip().rstrip(" .;,"),
        "documents": "; ".join(documents),
        "how": _(
            "nộp tại Bộ phận tiếp nhận và trả kết quả của %(agency)s hoặc trực tuyến qua đường dẫn tra cứu"
        )
        % {"agency": dossier.receiving_agency.name},
        "url": dossier_public_url(dossier),
        "code": dossier.code,
    }
    room = sms_room(
        key=SUPPLEMENT_TEMPLATE,
        context=context,
        placeholders=("documents_short",),
        segments=SUPPLEMENT_SMS_SEGMENTS,
    )
    context["documents_short"] = fit_list(list(documents), room, more=_("+{n} giấy tờ khác"))
    return context


def _check_document_ids(
    version: ProcedureVersion, ids: Sequence[int], field_name: str
) -> list[RequiredDocument]:
    try:
        return documents_check(version, ids, field_name)
    except (TypeError, ValueError) as exc:
        message = _("Giấy tờ không hợp lệ.")
        raise InvalidInput(message, [FieldError(field_name, message)]) from exc


@transaction.atomic
def dossier_request_supplement(
    *,
    dossier: Dossier,
    officer: User,
    documents: Sequence[int],
    reason: str,
    override_reason: str = "",
    at: datetime | None = None,
) -> SupplementRequest:
    """Ask the applicant for documents of the version's official list (form 02); the clock pauses.

    Who: the desk officer while the dossier is RECEIVED, or the current step's assignee. Each agency
    asks once (setting DOSSIER_SUPPLEMENT_ONCE_PER_AGENCY); a leader of that agency may ask again,
    stating `override_reason`, which is recorded.
    """
    require_role(
        officer, {Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER},
        _("Chỉ cán bộ một cửa hoặc cán bộ xử lý được yêu cầu bổ sung hồ sơ."),
    )  # fmt: skip
    locked = lock_for_action(dossier)
    require_state(locked, RUNNING)
    step = current_step_locked(locked)
    assert step is not None
    not_yours = NotYourStep(_("Chỉ cán bộ được phân công xử lý bước hiện tại được yêu cầu bổ sung hồ sơ."))
    asker = supplement_asker(officer, locked, step)
    if asker is None:
        raise not_yours
    agency_id, leader_only = asker
    # One query for both: whether this agency asked before, and how many forms 02 the dossier has
    # (the new one's number).
    requests = locked.supplement_requests.aggregate(
        total=Count("pk"),
        by_agency=Count("pk", filter=Q(stage=SupplementRequest.Stage.PROCESSING, agency_id=agency_id)),
    )
    asked_before = requests["by_agency"] > 0
    limited = asked_before and supplement_once_per_agency()
    if leader_only and not limited:  # a leader asks only to override the once-per-agency limit
        raise not_yours
    override = False
    if limited:
        if not is_leader_of(officer, agency_id):
            raise AlreadyDone(
                _(
                    "Cơ quan đã yêu cầu bổ sung hồ sơ này một lần; yêu cầu lần nữa cần lãnh đạo cơ quan quyết định."
                )
            )
        override = True
    wanted = _check_document_ids(locked.procedure_version, documents, "documents")
    if not wanted:
        message = _("Chọn ít nhất một giấy tờ trong danh mục của thủ tục.")
        raise InvalidInput(_("Chọn các giấy tờ cần bổ sung."), [FieldError("documents", message)])
    text = require_text(reason, "reason", _("Nêu rõ lý do yêu cầu bổ sung."))
    if override:
        why = require_text(override_reason, "override_reason", _("Nêu lý do yêu cầu bổ sung thêm lần nữa."))
        text = f"{text}\n\n{_('Lý do yêu cầu bổ sung thêm lần nữa')}: {why}"
    at = at or timezone.now()
    note = note_add(locked, officer, at, text)
    index = requests["total"] + 1
    request = SupplementRequest.objects.create(
        dossier=locked, number=form_number(locked.code, "HDHS", index), stage=SupplementRequest.Stage.PROCESSING,
        agency_id=agency_id, requested_by=officer, requested_at=at, reason=note,
    )  # fmt: skip
    SupplementItem.objects.bulk_create(
        SupplementItem(request=request, document=d, originals=d.originals, copies=d.copies) for d in wanted
    )
    DossierPause.objects.create(
        dossier=locked, kind=PauseReason.SUPPLEMENT, started_at=at, resume_state=locked.state,
        agency_id=agency_id, note=note, supplement_request=request,
    )  # fmt: skip
    dossier_record_event(
        locked, Action.REQUEST_SUPPLEMENT, to_state=State.AWAITING_SUPPLEMENT, actor=officer_actor(officer, at),
        note=note, payload={"documents": [d.pk for d in wanted], "form": request.number, "step": step.order,
                            "requesting_agency": agency_id, "override": override, "paused_at": iso(at)},
    )  # fmt: skip
    context = supplement_message_context(locked, [d.name for d in wanted], reason)
    applicant_tell(locked, SUPPLEMENT_TEMPLATE, {**context, "form": request.number})
    action_done(dossier, locked)
    return request


def _add_documents(dossier: Dossier, documents: Sequence[DocumentIn]) -> None:
    """Add the handed-in counts (and scans) to the dossier's documents: a new row is written with
    them at once, an existing one updated in the three columns that change."""
    for item in documents:
        originals, copies = max(item.originals, 0), max(item.copies, 0)
        row, created = DossierDocument.objects.get_or_create(
            dossier=dossier,
            document_id=item.document_id,
            defaults={"originals": originals, "copies": copies, **({"scan": item.scan} if item.scan else {})},
        )
        if created:
            continue
        row.originals += originals
        row.copies += copies
        if item.scan:
            row.scan = item.scan
        row.save(update_fields=["originals", "copies", "scan"])


@transaction.atomic
def dossier_complete_supplement(
    *,
    dossier: Dossier,
    officer: User | None = None,
    documents: Sequence[DocumentIn] = (),
    at: datetime | None = None,
) -> Dossier:
    """The documents asked for are handed in: at the desk (`officer`, a desk officer of the receiving
    agency) or by the citizen online (`officer=None`; the caller has checked the dossier token). The
    clock restarts and the dossier goes back to the state it was in before the request."""
    if officer is not None:
        require_role(officer, {Role.DESK_OFFICER}, _("Chỉ cán bộ một cửa nhận giấy tờ bổ sung."))
        if not is_desk_of(officer, dossier):
            raise PermissionDenied(_("Chỉ cán bộ một cửa của cơ quan tiếp nhận nhận giấy tờ bổ sung."))
    locked = lock_for_action(dossier)
    require_state(locked, {State.AWAITING_SUPPLEMENT})
    pause = locked.pauses.filter(ended_at__isnull=True).select_related("supplement_request").first()
    assert pause is not None and pause.supplement_request is not None
    request = pause.supplement_request
    asked = set(request.items.values_list("document_id", flat=True))
    if outside := [d.document_id for d in documents if d.document_id not in asked]:
        names = list(RequiredDocument.objects.filter(pk__in=outside).values_list("name", flat=True))
        raise NotOnOfficialList("documents", names or [_("giấy tờ không xác định")])
    at = at or timezone.now()
    _add_documents(locked, documents)
    request.completed_at = at
    request.save(update_fields=["completed_at"])
    facts = pause_close(locked, pause, at)
    actor = officer_actor(officer, at) if officer is not None else Actor(ActorKind.CITIZEN, at)
    dossier_record_event(
        locked, Action.COMPLETE_SUPPLEMENT, to_state=pause.resume_state, actor=actor,
        payload={"form": request.number, "documents": [d.document_id for d in documents], **facts},
    )  # fmt: skip
    return action_done(dossier, locked)
