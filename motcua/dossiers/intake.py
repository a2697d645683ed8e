"""Intake: a dossier handed in at the desk or by post gets its record and exactly one outcome —
received (the clock starts), guided (form 02) or refused (form 03) — and an online dossier awaiting
the desk's check (SUBMITTED) gets the same outcomes (`dossier_receive`, `dossier_guide`,
`dossier_refuse`). Online submission itself is `online`; processing from receipt on is `processing`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import Agency, User, normalise_phone
from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.core import calendar
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.instants import in_vietnam, iso, local_text
from motcua.core.text import nfc
from motcua.dossiers.codes import (
    code_key,
    dossier_code_next,
    form_number,
    register_number_next,
)
from motcua.dossiers.exceptions import AlreadyDone, WrongState
from motcua.dossiers.explain import due_basis
from motcua.dossiers.files import DocumentIn, documents_check, upload_stored, uploads_check
from motcua.dossiers.journal import Actor, applicant_tell, desk_actor, dossier_record_event, officer_actor
from motcua.dossiers.models import (
    Action,
    ApplicantKind,
    Channel,
    Dossier,
    DossierDocument,
    DossierNote,
    ReturnMethod,
    State,
    SupplementItem,
    SupplementRequest,
)
from motcua.dossiers.processing import dossier_processing_start, procedure_limit, trace_rows
from motcua.dossiers.rules import guided_before, is_desk_of
from motcua.dossiers.selectors import procedures_received_at

# ASCII digits only: `\d` would let Arabic-Indic or full-width digits through.
_ID_NUMBER = re.compile(r"[0-9]{12}|[0-9]{9}")
_TAX_CODE = re.compile(r"[0-9]{10}(-[0-9]{3})?")
# Each text field as stored (the model's column); longer input is refused, never cut or stored whole.
_LENGTHS = {
    f"applicant.{name}": int(getattr(Dossier._meta.get_field(f"applicant_{name}"), "max_length", 0) or 0)
    for name in ("name", "email", "province", "district", "commune", "street")
}


class Outcome:
    RECEIVE = "RECEIVE"
    GUIDE = "GUIDE"
    REFUSE = "REFUSE"
    ALL = (RECEIVE, GUIDE, REFUSE)


@dataclass
class Applicant:
    kind: str
    name: str
    id_number: str = ""
    tax_code: str = ""
    phone: str = ""
    email: str = ""
    province: str = ""
    district: str = ""
    commune: str = ""
    street: str = ""

    def cleaned(self) -> Applicant:
        """Normalised copy, or InvalidInput naming every bad field in Vietnamese."""
        errors: list[FieldError] = []
        kind = (self.kind or "").upper()
        name = nfc(self.name or "")
        id_number = re.sub(r"\s", "", self.id_number or "")
        tax_code = re.sub(r"\s", "", self.tax_code or "")
        phone = ""
        if kind not in ApplicantKind.values:
            errors.append(FieldError("applicant.kind", _("Chọn cá nhân hoặc tổ chức.")))
        if not name:
            errors.append(FieldError("applicant.name", _("Nhập họ tên người nộp hoặc tên tổ chức.")))
        if kind == ApplicantKind.PERSON and not _ID_NUMBER.fullmatch(id_number):
            errors.append(
                FieldError(
                    "applicant.id_number", _("Số định danh cá nhân gồm 12 chữ số (hoặc CMND cũ 9 chữ số).")
                )
            )
        if kind == ApplicantKind.ORGANISATION and not _TAX_CODE.fullmatch(tax_code):
            errors.append(
                FieldError(
                    "applicant.tax_code", _("Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch và 3 chữ số.")
                )
            )
        if self.phone:
            try:
                phone = normalise_phone(self.phone)
            except ValidationError:
                errors.append(FieldError("applicant.phone", _("Số điện thoại không hợp lệ.")))
        email = (self.email or "").strip()
        if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
            errors.append(FieldError("applicant.email", _("Địa chỉ thư điện tử không hợp lệ.")))
        values = {"applicant.name": name, "applicant.email": email, "applicant.province": self.province,
                  "applicant.district": self.district, "applicant.commune": self.commune,
                  "applicant.street": self.street}  # fmt: skip
        for field_name, value in values.items():
            if len(value or "") > (_LENGTHS[field_name] or 0):
                errors.append(FieldError(field_name, _("Tối đa %(n)s ký tự.") % {"n": _LENGTHS[field_name]}))
        if errors:
            raise InvalidInput(_("Thông tin người nộp hồ sơ chưa hợp lệ."), errors)
        return Applicant(
            kind=kind, name=name, id_number=id_number if kind == ApplicantKind.PERSON else "",
            tax_code=tax_code if kind == ApplicantKind.ORGANISATION else "", phone=phone, email=email,
            province=nfc(self.province or ""), district=nfc(self.district or ""),
            commune=nfc(self.commune or ""), street=nfc(self.street or ""),
        )  # fmt: skip


@dataclass
class IntakeResult:
    dossier: Dossier
    supplement_request: SupplementRequest | None = None
    notes: list[str] = field(default_factory=list)


def _desk_agency(officer: User) -> Agency:
    desk = officer.desk_agency  # the home agency, or the desk the roster puts the officer on
    if desk is None:
        raise PermissionDenied(_("Chỉ cán bộ một cửa được tiếp nhận hồ sơ."))
    return desk


def _handled_at(version: ProcedureVersion, desk: Agency) -> bool:
    return procedures_received_at(desk).filter(pk=version.procedure_id).exists()


@transaction.atomic
def dossier_intake(
    *,
    officer: User,
    procedure_version: ProcedureVersion,
    applicant: Applicant,
    documents: Sequence[DocumentIn],
    channel: str,
    return_method: str,
    outcome: str,
    guide_documents: Sequence[int] = (),
    reason: str = "",
    postal_tracking_number: str = "",
    postal_delivered_at: datetime | None = None,
    sets: int = 1,
    now: datetime | None = None,
) -> IntakeResult:
    """Create the record of a dossier handed in at the desk or by post, with exactly one outcome.

    RECEIVE starts the clock and issues forms 01 and 07; GUIDE issues form 02 naming only documents
    of the version's official list; REFUSE issues form 03 with the reason. The code is given now,
    whatever the outcome, and never reused.
    """
    agency = _desk_agency(officer)
    now = now or timezone.now()
    errors: list[FieldError] = []
    if outcome not in Outcome.ALL:
        errors.append(
            FieldError("outcome", _("Chọn một kết quả: tiếp nhận, hướng dẫn bổ sung hoặc từ chối."))
        )
    if channel not in (Channel.DESK, Channel.POST):
        errors.append(FieldError("channel", _("Tại quầy chỉ nhận hồ sơ nộp trực tiếp hoặc qua bưu chính.")))
    if return_method not in ReturnMethod.values:
        errors.append(FieldError("return_method", _("Chọn hình thức nhận kết quả.")))
    if channel == Channel.POST:
        if not postal_tracking_number.strip():
            errors.append(FieldError("postal.tracking_number", _("Nhập số hiệu bưu gửi.")))
        if postal_delivered_at is None:
            errors.append(FieldError("postal.delivered_at", _("Nhập thời điểm bưu điện giao hồ sơ.")))
        elif postal_delivered_at > now:
            errors.append(
                FieldError("postal.delivered_at", _("Thời điểm bưu điện giao hồ sơ không được ở tương lai."))
            )
    if not procedure_version.is_published:
        errors.append(FieldError("procedure", _("Thủ tục này chưa được công bố.")))
    elif not _handled_at(procedure_version, agency):
        errors.append(
            FieldError(
                "procedure",
                _(
                    "Thủ tục này không thuộc thẩm quyền tiếp nhận của đơn vị; hãy hướng dẫn người nộp đến cơ quan có thẩm quyền."
                ),
            )
        )
    elif officer.desk_field_ids and procedure_version.procedure.field_id not in officer.desk_field_ids:
        # The roster's duty names the fields this officer receives for (seed 4.2).
        errors.append(
            FieldError(
                "procedure",
                _("Thủ tục thuộc lĩnh vực ngoài phân công của ca trực; mời người nộp đến quầy phụ trách."),
            )
        )
    elif (
        channel in Channel.values and procedure_version.channels and channel not in procedure_version.channels
    ):
        errors.append(FieldError("channel", _("Thủ tục này không nhận hồ sơ qua kênh đã chọn.")))
    if outcome == Outcome.REFUSE and not reason.strip():
        errors.append(FieldError("reason", _("Nêu rõ lý do từ chối tiếp nhận.")))
    if sets < 1:
        errors.append(FieldError("sets", _("Số bộ hồ sơ phải từ 1 trở lên.")))
    try:
        applicant = applicant.cleaned()
    except InvalidInput as exc:
        errors.extend(exc.errors)
    extensions: dict[int, str] = {}
    try:  # each desk scan checked like every upload, file by file (no submission totals at the desk)
        extensions = uploads_check({d.document_id: d.scan for d in documents if d.scan}, per_dossier=False)
    except InvalidInput as exc:
        errors.extend(exc.errors)
    if errors:
        raise InvalidInput(_("Hồ sơ chưa lưu được: kiểm tra các trường được đánh dấu."), errors)

    received = documents_check(procedure_version, [d.document_id for d in documents], "documents")
    counts = {d.document_id: d for d in documents}
    guide_list: list[RequiredDocument] = []
    if outcome == Outcome.RECEIVE:
        handed = {d.pk for d in received if counts[d.pk].originals + counts[d.pk].copies > 0}
        missing = [d.name for d in procedure_version.documents.all() if d.mandatory and d.pk not in handed]
        if missing:
            raise InvalidInput(
                _("Hồ sơ còn thiếu giấy tờ bắt buộc; hãy hướng dẫn bổ sung (mẫu 02) thay vì tiếp nhận."),
                [FieldError("documents", _("Còn thiếu: %(names)s") % {"names": "; ".join(missing)})],
            )
    if outcome == Outcome.GUIDE:
        guide_list = documents_check(procedure_version, guide_documents, "guide_documents")
        if not guide_list:
            raise InvalidInput(
                _("Chọn các giấy tờ cần bổ sung, hoàn thiện."),
                [FieldError("guide_documents", _("Chọn ít nhất một giấy tờ trong danh mục của thủ tục."))],
            )

    local_day = in_vietnam(now).date()
    code = dossier_code_next(agency=agency, day=local_day)
    dossier = Dossier(
        code=code, code_key=code_key(code), receiving_agency=agency, procedure_version=procedure_version,
        channel=channel, return_method=return_method, sets=sets, applicant_kind=applicant.kind,
        applicant_name=applicant.name, applicant_id_number=applicant.id_number, applicant_tax_code=applicant.tax_code,
        applicant_phone=applicant.phone, applicant_email=applicant.email, applicant_province=applicant.province,
        applicant_district=applicant.district, applicant_commune=applicant.commune, applicant_street=applicant.street,
        postal_tracking_number=postal_tracking_number.strip(), postal_delivered_at=postal_delivered_at,
        state="", created_at=now,
    )  # fmt: skip
    dossier.search_text_refresh()
    dossier.save(force_insert=True)
    dossier._last_event_seq = 0  # type: ignore[attr-defined]
    for document in received:
        item = counts[document.pk]
        DossierDocument.objects.create(
            dossier=dossier, document=document, originals=max(item.originals, 0), copies=max(item.copies, 0),
            scan=upload_stored(dossier, document.pk, item.scan, extensions[document.pk]) if item.scan else "",
        )  # fmt: skip
    actor = officer_actor(officer, now)
    dossier_record_event(
        dossier, Action.CREATE, to_state=State.SUBMITTED, payload={"channel": channel}, actor=actor
    )

    result = IntakeResult(dossier=dossier)
    if outcome == Outcome.RECEIVE:
        received_at = postal_delivered_at if channel == Channel.POST and postal_delivered_at else now
        outcome_receive(dossier, actor=actor, received_at=received_at)
    elif outcome == Outcome.GUIDE:
        result.supplement_request = outcome_guide(dossier, actor=actor, documents=guide_list, reason=reason)
    else:
        outcome_refuse(dossier, actor=actor, reason=reason)
    dossier.save()
    return result


# --- the outcomes of the desk's check, on a new intake or a SUBMITTED online dossier ---------------
def outcome_receive(dossier: Dossier, *, actor: Actor, received_at: datetime) -> None:
    """RECEIVE: the clock starts at `received_at`; register number, first step, SMS. The caller holds
    the dossier's transaction and saves it."""
    officer, agency = actor.officer, actor.agency
    assert officer is not None and agency is not None
    version = dossier.procedure_version
    deadline = calendar.due_at(received_at, procedure_limit(version))
    dossier.received_at = received_at
    dossier.clock_start_at = deadline.clock_start_at
    dossier.due_at = deadline.due_at
    dossier.due_estimated = deadline.estimated
    dossier.due_trace = trace_rows(deadline)
    dossier.received_by = officer
    # The receiving agency's register (form 07): a desk that receives for several agencies (the city,
    # the land registration branch) keeps one per agency, as `register_rows` prints them.
    dossier.register_number = register_number_next(
        agency=dossier.receiving_agency, year=in_vietnam(received_at).year
    )
    dossier_record_event(
        dossier, Action.RECEIVE, to_state=State.RECEIVED,
        payload={"received_at": iso(received_at), "clock_start_at": iso(deadline.clock_start_at),
                 "due_at": iso(deadline.due_at), "register_number": dossier.register_number},
        actor=actor,
    )  # fmt: skip
    dossier_processing_start(dossier, at=received_at)
    applicant_tell(
        dossier,
        "dossier_received",
        {"due": local_text(deadline.due_at), "due_basis": due_basis(dossier, compact=True)},
    )


def outcome_guide(
    dossier: Dossier, *, actor: Actor, documents: Sequence[RequiredDocument], reason: str = ""
) -> SupplementRequest:
    """GUIDE: form 02 naming `documents` (already checked against the official list)."""
    officer, agency = actor.officer, actor.agency
    assert officer is not None and agency is not None
    note = (
        DossierNote.objects.create(dossier=dossier, author=officer, created_at=actor.at, text=nfc(reason))
        if reason.strip()
        else None
    )
    index = dossier.supplement_requests.filter(stage=SupplementRequest.Stage.INTAKE).count() + 1
    request = SupplementRequest.objects.create(
        dossier=dossier, number=form_number(dossier.code, "HDHS", index), stage=SupplementRequest.Stage.INTAKE,
        agency=agency, requested_by=officer, requested_at=actor.at, reason=note,
    )  # fmt: skip
    for document in documents:
        SupplementItem.objects.create(
            request=request, document=document, originals=document.originals, copies=document.copies
        )
    dossier_record_event(
        dossier, Action.GUIDE, to_state=State.GUIDED, note=note,
        payload={"documents": [d.pk for d in documents], "form": request.number}, actor=actor,
    )  # fmt: skip
    applicant_tell(dossier, "dossier_guided", {"documents": "; ".join(d.name for d in documents)})
    return request


def outcome_refuse(dossier: Dossier, *, actor: Actor, reason: str) -> None:
    """REFUSE: form 03 with the reason; the dossier is finished."""
    note = DossierNote.objects.create(
        dossier=dossier, author=actor.officer, created_at=actor.at, text=nfc(reason)
    )
    dossier_record_event(
        dossier, Action.REFUSE, to_state=State.REFUSED, note=note,
        payload={"form": form_number(dossier.code, "TCHS")}, actor=actor,
    )  # fmt: skip
    dossier.finished_at = actor.at
    applicant_tell(dossier, "dossier_refused", {"reason": nfc(reason)})


# --- the desk's check of an online dossier (SUBMITTED) --------------------------------------------
def _submitted_for_check(dossier: Dossier, officer: User) -> Dossier:
    """Lock the dossier after checking, in the order of CONTRACTS §5, that `officer` is a desk officer
    of its receiving agency (403) and that it awaits the desk's check (409)."""
    if not is_desk_of(officer, dossier):
        raise PermissionDenied(
            _("Chỉ cán bộ một cửa của cơ quan tiếp nhận được kiểm tra hồ sơ nộp trực tuyến.")
        )
    locked = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure_version__procedure", "receiving_agency")
        .get(pk=dossier.pk)
    )
    if locked.state != State.SUBMITTED:
        raise WrongState.of(locked.state)
    return locked


def _saved(original: Dossier, locked: Dossier) -> Dossier:
    locked.save()
    if original is not locked:
        original.refresh_from_db()
    return locked


@transaction.atomic
def dossier_receive(*, dossier: Dossier, officer: User, at: datetime | None = None) -> Dossier:
    """The desk accepts a SUBMITTED online dossier as complete: the clock starts now (form 01)."""
    locked = _submitted_for_check(dossier, officer)
    at = at or timezone.now()
    outcome_receive(locked, actor=desk_actor(officer, at), received_at=at)
    return _saved(dossier, locked)


@transaction.atomic
def dossier_guide(
    *, dossier: Dossier, officer: User, documents: Sequence[int], reason: str = "", at: datetime | None = None
) -> SupplementRequest:
    """Form 02 for a SUBMITTED online dossier, once per dossier, naming only documents of the version's
    official list; the citizen may complete and resubmit it once."""
    locked = _submitted_for_check(dossier, officer)
    if guided_before(locked):
        raise AlreadyDone(
            _("Hồ sơ đã được hướng dẫn bổ sung một lần; chỉ còn tiếp nhận hoặc từ chối tiếp nhận.")
        )
    wanted = documents_check(locked.procedure_version, documents, "documents")
    if not wanted:
        raise InvalidInput(
            _("Chọn các giấy tờ cần bổ sung, hoàn thiện."),
            [FieldError("documents", _("Chọn ít nhất một giấy tờ trong danh mục của thủ tục."))],
        )
    at = at or timezone.now()
    request = outcome_guide(locked, actor=desk_actor(officer, at), documents=wanted, reason=reason)
    _saved(dossier, locked)
    return request


@transaction.atomic
def dossier_refuse(*, dossier: Dossier, officer: User, reason: str, at: datetime | None = None) -> Dossier:
    """Form 03 for a SUBMITTED online dossier, with the reason (required)."""
    locked = _submitted_for_check(dossier, officer)
    if not nfc(reason or "").strip():
        message = _("Nêu rõ lý do từ chối tiếp nhận.")
        raise InvalidInput(message, [FieldError("reason", message)])
    at = at or timezone.now()
    outcome_refuse(locked, actor=desk_actor(officer, at), reason=reason)
    return _saved(dossier, locked)
