"""Writes of the feedback app: filing a petition, the actions of its handling, likes and dislikes.

Every action goes through `petition_act` and the `ACTIONS` table (who, from which states, to which
state), appends one `PetitionEvent` and updates the petition's cached state and times in the same
transaction. Refusals follow CONTRACTS §5: the role (403) → the state (409) → the input (422); the
caller has already found the petition visible (404).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.models import Agency, User, normalise_phone
from motcua.accounts.roles import Role
from motcua.catalog.models import Procedure
from motcua.core import uploads
from motcua.core.exceptions import Conflict, FieldError, InvalidInput
from motcua.core.instants import iso
from motcua.core.text import fold, nfc
from motcua.dossiers.models import ActorKind, Dossier
from motcua.feedback import limits
from motcua.feedback.codes import petition_code_key, petition_code_next, petition_token, token_digest
from motcua.feedback.models import (
    Action,
    Category,
    Channel,
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionText,
    PetitionVote,
    RefusalKind,
    State,
)
from motcua.feedback.selectors import petition_search_text
from motcua.notifications.services import message_queue

MAX_FILES = 5
MAX_FILE_BYTES = 10 * uploads.MB
REPEAT_WINDOW = timedelta(days=365)

OFFICERS = frozenset({Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER})


def petition_url(petition: Petition) -> str:
    """The petitioner's page with its token (CONTRACTS §3)."""
    return f"{settings.PUBLIC_BASE_URL}/phan-anh/{petition.code}/?t={petition_token(petition.code)}"


# --- filing --------------------------------------------------------------------------------------


@dataclass
class Filing:
    """What a petition is filed with, from any channel (portal, desk, hotline, letter, Open311)."""

    channel: str
    category: str
    title: str
    content: str
    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    consent: bool = False
    anonymous: bool = False
    agency: Agency | None = None
    dossier: Dossier | None = None
    procedure: Procedure | None = None
    about_officer: User | None = None
    files: list[Any] = field(default_factory=list)


def default_agency() -> Agency:
    """Where a petition about nothing in particular goes: the locality's People's Committee (the
    root of the agency tree), whose office the supervisor belongs to."""
    root = Agency.objects.filter(parent__isnull=True, is_active=True).order_by("pk").first()
    if root is None:
        raise InvalidInput(_("Chưa có cơ quan nào để tiếp nhận phản ánh."))
    return root


def _clean_contact(filing: Filing) -> tuple[list[FieldError], str, str]:
    errors: list[FieldError] = []
    phone = email = ""
    if filing.phone.strip():
        try:
            phone = normalise_phone(filing.phone.strip())
        except ValidationError as exc:
            errors.append(FieldError("phone", exc.messages[0]))
    if filing.email.strip():
        try:
            validate_email(filing.email.strip())
            email = filing.email.strip().lower()
        except ValidationError:
            errors.append(FieldError("email", _("Địa chỉ thư điện tử không hợp lệ.")))
    if filing.anonymous:
        return errors, phone, email
    # Decree 20/2008 art. 7 (Decree 92/2017): name, address, and a phone, e-mail or postal address.
    if not nfc(filing.name):
        errors.append(FieldError("name", _("Nhập họ và tên (hoặc gửi dưới dạng tin báo nặc danh).")))
    if not nfc(filing.address):
        errors.append(FieldError("address", _("Nhập địa chỉ liên hệ.")))
    if not (filing.phone.strip() or filing.email.strip() or nfc(filing.address)):
        errors.append(
            FieldError("phone", _("Nhập số điện thoại, thư điện tử hoặc địa chỉ nhận thư trả lời."))
        )
    if not filing.consent:
        errors.append(FieldError("consent", _("Cần đồng ý để cơ quan xử lý thông tin cá nhân của ông/bà.")))
    return errors, phone, email


def _repeated_of(petition: Petition) -> Petition | None:
    """The earliest earlier petition from the same contact on the same matter within a year: the same
    dossier, procedure or named officer if this one names one, else the same title, accents ignored."""
    if petition.is_tip or not petition.contact_key:
        return None
    earlier = Petition.objects.petitions().filter(
        contact_key=petition.contact_key,
        submitted_at__gte=petition.submitted_at - REPEAT_WINDOW,
        submitted_at__lt=petition.submitted_at,
    )
    if petition.dossier_id:
        earlier = earlier.filter(dossier_id=petition.dossier_id)
    elif petition.procedure_id:
        earlier = earlier.filter(procedure_id=petition.procedure_id)
    elif petition.about_officer_id:
        earlier = earlier.filter(about_officer_id=petition.about_officer_id)
    else:
        same_title = [p.pk for p in earlier.only("pk", "title") if fold(p.title) == fold(petition.title)]
        earlier = earlier.filter(pk__in=same_title)
    return earlier.order_by("submitted_at").first()


def petition_file(filing: Filing, *, officer: User | None = None, now: datetime | None = None) -> Petition:
    """File a petition (or an anonymous tip); 422 with every field's message on bad input."""
    now = now or timezone.now()
    errors, phone, email = _clean_contact(filing)
    if filing.category not in Category.values:
        errors.append(FieldError("category", _("Chọn loại phản ánh.")))
    title, content = nfc(filing.title)[:200], filing.content.strip()
    if not title:
        errors.append(FieldError("title", _("Nhập tiêu đề.")))
    if len(content) < 10:
        errors.append(FieldError("content", _("Nhập nội dung phản ánh (ít nhất 10 ký tự).")))
    if filing.about_officer is not None and filing.category != Category.BEHAVIOUR:
        errors.append(
            FieldError("about_officer", _("Chỉ nêu tên cán bộ khi phản ánh về hành vi của cán bộ."))
        )
    if len(filing.files) > MAX_FILES:
        errors.append(FieldError("files", _("Gửi tối đa %(n)d tệp.") % {"n": MAX_FILES}))
    formats: list[uploads.Format] = []
    for upload in filing.files[:MAX_FILES]:
        try:
            formats.append(uploads.check(upload, max_bytes=MAX_FILE_BYTES))
        except uploads.UploadRefused as exc:
            errors.append(FieldError("files", exc.message))
    if errors:
        raise InvalidInput(_("Phản ánh chưa đủ thông tin; xem các ô được đánh dấu."), errors)
    agency = (
        filing.agency or (filing.dossier.receiving_agency if filing.dossier else None) or default_agency()
    )
    with transaction.atomic():
        code = petition_code_next(timezone.localdate(now))
        anonymous = filing.anonymous
        petition = Petition(
            code=code,
            code_key=petition_code_key(code),
            token_digest=token_digest(petition_token(code)),
            channel=Channel(filing.channel),
            is_tip=anonymous,
            category_suggested=filing.category,
            title=title,
            content=content,
            agency=agency,
            dossier=filing.dossier,
            procedure=filing.procedure,
            about_officer=filing.about_officer,
            petitioner_name="" if anonymous else nfc(filing.name)[:150],
            petitioner_address="" if anonymous else nfc(filing.address)[:300],
            petitioner_phone="" if anonymous else phone,
            petitioner_email="" if anonymous else email,
            consent=filing.consent and not anonymous,
            contact_key="" if anonymous else (phone or email or fold(filing.address)[:120]),
            state=State.SUBMITTED,
            created_by=officer,
            submitted_at=now,
            **limits.initial_times(now),
        )
        petition.search_text = petition_search_text(petition)
        petition.save()
        repeated = _repeated_of(petition)
        if repeated is not None:
            petition.repeated_of = repeated
            petition.save(update_fields=["repeated_of"])
        for upload, fmt in zip(filing.files, formats, strict=False):
            PetitionAttachment.objects.create(
                petition=petition,
                file=uploads.stored(upload, fmt.extension, prefix=code),
                content_type=fmt.content_type,
                size=uploads.size_of(upload),
            )
        _event(
            petition, Action.CREATE, "", State.SUBMITTED, at=now, officer=officer,
            payload={"channel": petition.channel, "category": petition.category_suggested, "tip": anonymous,
                     "due_at": iso(petition.due_at), "repeated": bool(repeated)},
        )  # fmt: skip
        if not anonymous:
            _tell(petition, "petition_submitted", {"code": code, "url": petition_url(petition)})
    return petition


# --- the action table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionSpec:
    action: Action
    sources: frozenset[State]
    target: State | None  # None: the state does not change (a draft)
    roles: frozenset[Role]
    label: Any
    citizen: bool = False


SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMIN})
ACTIONS: dict[str, ActionSpec] = {
    spec.action.value: spec
    for spec in (
        ActionSpec(Action.RECEIVE, frozenset({State.SUBMITTED, State.TRANSFERRED}), State.RECEIVED,
                   OFFICERS | SUPERVISORS, gettext_lazy("Tiếp nhận, phân loại")),
        ActionSpec(Action.REFUSE, frozenset({State.SUBMITTED, State.RECEIVED, State.TRANSFERRED}), State.REFUSED,
                   OFFICERS | SUPERVISORS, gettext_lazy("Từ chối tiếp nhận")),
        ActionSpec(Action.START, frozenset({State.RECEIVED}), State.PROCESSING,
                   frozenset({Role.SPECIALIST, Role.LEADER, Role.DESK_OFFICER}), gettext_lazy("Nhận xử lý")),
        ActionSpec(Action.REQUEST_INFO, frozenset({State.RECEIVED, State.PROCESSING}), State.NEEDS_INFO,
                   frozenset({Role.SPECIALIST, Role.LEADER, Role.DESK_OFFICER}),
                   gettext_lazy("Đề nghị bổ sung thông tin")),
        ActionSpec(Action.PROVIDE_INFO, frozenset({State.NEEDS_INFO}), State.PROCESSING,
                   frozenset({Role.SPECIALIST, Role.LEADER, Role.DESK_OFFICER}),
                   gettext_lazy("Ghi nhận thông tin bổ sung"), citizen=True),
        ActionSpec(Action.DRAFT, frozenset({State.PROCESSING}), None,
                   frozenset({Role.SPECIALIST, Role.LEADER}), gettext_lazy("Lưu dự thảo trả lời")),
        ActionSpec(Action.APPROVE, frozenset({State.PROCESSING}), State.ANSWERED,
                   frozenset({Role.LEADER}), gettext_lazy("Phê duyệt và gửi trả lời")),
        ActionSpec(Action.TRANSFER, frozenset({State.RECEIVED, State.PROCESSING}), State.TRANSFERRED,
                   frozenset({Role.LEADER}) | SUPERVISORS, gettext_lazy("Chuyển cơ quan có thẩm quyền")),
        ActionSpec(Action.PUBLISH, frozenset({State.ANSWERED}), State.PUBLISHED,
                   SUPERVISORS, gettext_lazy("Công khai trả lời")),
        ActionSpec(Action.CLOSE, frozenset({State.ANSWERED, State.SUBMITTED}), State.CLOSED,
                   SUPERVISORS, gettext_lazy("Đóng, không công khai")),
    )
}  # fmt: skip


def actions_available(petition: Petition, user: User) -> list[ActionSpec]:
    """The actions the user's roles and the petition's state allow now (the page's forms)."""
    out = []
    for spec in ACTIONS.values():
        if not user.roles & spec.roles or petition.state not in spec.sources:
            continue
        if _state_refusal(spec, petition, user) is None:
            out.append(spec)
    return out


def _state_refusal(spec: ActionSpec, petition: Petition, user: User | None) -> str | None:
    """Why the petition's state or history refuses the action now (409), or None."""
    if petition.state not in spec.sources:
        return _("Phản ánh đang ở trạng thái “%(state)s”, không thực hiện được “%(action)s”.") % {
            "state": State(petition.state).label,
            "action": spec.label,
        }
    if petition.is_tip and spec.action != Action.CLOSE:
        return _("Tin báo nặc danh không được trả lời hay công khai; Giám sát chỉ ghi nhận rồi đóng.")
    if not petition.is_tip and spec.action == Action.CLOSE and petition.state == State.SUBMITTED:
        return _("Chỉ đóng phản ánh sau khi đã trả lời.")
    if spec.action == Action.APPROVE and not petition.answer.strip():
        return _("Chưa có dự thảo trả lời để phê duyệt.")
    if spec.action == Action.REQUEST_INFO and petition.first_info_request_at is not None:
        return _("Đã đề nghị bổ sung thông tin một lần.")
    if (
        spec.action in {Action.APPROVE}
        and user is not None
        and user.agency_id != petition.agency_id
        and not user.has_role(Role.ADMIN)
    ):
        return _("Chỉ lãnh đạo cơ quan được giao xử lý phê duyệt trả lời.")
    return None


@transaction.atomic
def petition_act(
    petition: Petition,
    action: str,
    *,
    officer: User | None,
    body: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> Petition:
    """Run one action: 403 (role) → 409 (state) → 422 (input), then the change and its event.
    `officer` None means the petitioner (token) — allowed only where the spec says `citizen`."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise InvalidInput(_("Không có thao tác này."))
    body = body or {}
    now = now or timezone.now()
    if officer is None:
        if not spec.citizen:
            raise PermissionDenied
    elif not officer.roles & spec.roles:
        raise PermissionDenied
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if (refusal := _state_refusal(spec, petition, officer)) is not None:
        raise Conflict(refusal)
    handler = _HANDLERS[spec.action]
    payload, text = handler(petition, officer, body, now)
    before = petition.state
    if spec.target is not None:
        petition.state = spec.target
    petition.save()
    _event(petition, spec.action, before, petition.state, at=now, officer=officer, payload=payload, text=text)
    return petition


def _text(body: dict[str, Any], key: str, message: str, *, minimum: int = 3) -> str:
    value = str(body.get(key) or "").strip()
    if len(value) < minimum:
        raise InvalidInput(message, [FieldError(key, message)])
    return value[:5000]


def _note(petition: Petition, officer: User | None, at: datetime, text: str) -> PetitionText:
    return PetitionText.objects.create(petition=petition, author=officer, created_at=at, text=text)


Handled = tuple[dict[str, Any], PetitionText | None]


def _receive(p: Petition, officer: User | None, body: dict[str, Any], now: datetime) -> Handled:
    category = str(body.get("category") or "")
    if category not in Category.values:
        raise InvalidInput(
            _("Chọn phân loại phản ánh."), [FieldError("category", _("Chọn phân loại phản ánh."))]
        )
    p.category = category
    if p.classified_at is None:
        p.classified_at = now
    named = str(body.get("about_officer") or "").strip()
    if category != Category.BEHAVIOUR:
        p.about_officer = None
    elif named:  # the officer a citizen named in the text, identified at classification
        officer_named = User.objects.filter(username=named, is_active=True).first()
        if officer_named is None:
            message = _("Không có cán bộ với tên đăng nhập này.")
            raise InvalidInput(message, [FieldError("about_officer", message)])
        p.about_officer = officer_named
    return {
        "category": category,
        "suggested": p.category_suggested,
        "about_officer": p.about_officer_id,
    }, None


def _refuse(p: Petition, officer: User | None, body: dict[str, Any], now: datetime) -> Handled:
    kind = str(body.get("refusal_kind") or "")
    if kind not in RefusalKind.values:
        message = _("Chọn lý do từ chối.")
        raise InvalidInput(message, [FieldError("refusal_kind", message)])
    reason = _text(body, "reason", _("Nêu lý do và hướng dẫn nơi gửi phù hợp."))
    p.refused_at, p.refusal_kind = now, kind
    pointer = REFUSAL_POINTERS[RefusalKind(kind)]
    _tell(p, "petition_refused", {"code": p.code, "reason": f"{RefusalKind(kind).label}. {pointer}"[:120],
                                  "url": petition_url(p)}, sms_only=True)  # fmt: skip
    return {"refusal_kind": kind}, _note(p, officer, now, reason)


def _start(p: Petition, officer: User | None, body: dict[str, Any], now: datetime) -> Handled:
    p.assignee = officer
    return {"assignee": officer.pk if officer else None}, None


def _request_info(p: Petition, officer: User | None, body: dict[str, Any], now: datetime) -> Handled:
    question = _text(body, "question", _("Nêu thông tin cần bổ sung."))
    p.first_info_request_at = p.first_info_request_at or now
    p.assignee = p.assignee or officer
    p.pauses = [*p.pauses, [iso(now), None]]
    _tell(p, "petition_info_requested", {"code": p.code, "url": petition_url(p)}, sms_only=True)
    return {"on_time": now <= p.info_due_at}, _note(p, officer, now, question)


def _provide_info(p: Petition, officer: User | None, body: dict[str, Any], now: datetime) -> Handled:
    reply = _text(body, "reply", _("Nhập thông tin bổ sung."))
    pauses = [list(pair) for pair in p.pauses]
    if pauses and pauses[-1][1] is None:
        pauses[-1][1] = iso(now)
    p.pauses = pauses
    p.due_at = limits.resolve_due(p)
    return {"due_at": iso(p.due_at)}, _note(p, officer, now, reply)


def _draft(p: Petition, officer: User | None, body: dict[str, Any], now: datetime) -> Handled:
    p.answer = _text(body, "answer", _("Nhập nội dung trả lời (ít nhất 20 ký tự)."), minimum=20)
    if p.assignee_id is None:
        p.assignee = officer
    return {}, None


def _approve(p: Petition, officer: User | None, body: dict[str, Any], now: datetime) -> Handled:
    if str(body.get("answer") or "").strip():
        p.answer = _text(body, "answer", _("Nhập nội dung trả lời (ít nhất 20 ký tự)."), minimum=20)
    p.answered_at = now
    p.publish_due_at = limits.publish_due(now)
    _tell(p, "petition_answered",
          {"code": p.code, "url": petition_url(p), "agency": p.agency.name, "answer": p.answer})  # fmt: skip
    return {"on_time": now <= p.due_at, "publish_due_at": iso(p.publish_due_at)}, None


def _transfer(p: Petition, officer: User | None, body: dict[str, Any], now: datetime) -> Handled:
    code = str(body.get("agency") or "").strip().upper()
    target = Agency.objects.active().filter(code=code).first()
    if target is None or target.pk == p.agency_id:
        message = _("Chọn cơ quan có thẩm quyền khác cơ quan hiện tại.")
        raise InvalidInput(message, [FieldError("agency", message)])
    reason = _text(body, "reason", _("Nêu lý do chuyển."))
    before = p.agency
    p.agency, p.assignee = target, None
    return {"from_agency": before.code, "to_agency": target.code}, _note(p, officer, now, reason)


def _publish(p: Petition, officer: User | None, body: dict[str, Any], now: datetime) -> Handled:
    p.published_at = now
    return {"on_time": now <= (p.publish_due_at or now)}, None


def _close(p: Petition, officer: User | None, body: dict[str, Any], now: datetime) -> Handled:
    reason = _text(body, "reason", _("Nêu lý do không công khai."))
    p.closed_at = now
    return {}, _note(p, officer, now, reason)


_HANDLERS = {
    Action.RECEIVE: _receive,
    Action.REFUSE: _refuse,
    Action.START: _start,
    Action.REQUEST_INFO: _request_info,
    Action.PROVIDE_INFO: _provide_info,
    Action.DRAFT: _draft,
    Action.APPROVE: _approve,
    Action.TRANSFER: _transfer,
    Action.PUBLISH: _publish,
    Action.CLOSE: _close,
}

REFUSAL_POINTERS = {
    RefusalKind.COMPLAINT: gettext_lazy(
        "Khiếu nại được giải quyết theo Luật Khiếu nại: gửi đơn tới người đứng đầu cơ quan đã ra quyết định."
    ),
    RefusalKind.DENUNCIATION: gettext_lazy(
        "Tố cáo được giải quyết theo Luật Tố cáo: gửi tới cơ quan thanh tra hoặc cấp trên của người bị tố cáo."
    ),
    RefusalKind.NO_CONTACT: gettext_lazy(
        "Gửi lại phản ánh với họ tên, địa chỉ và số điện thoại hoặc thư điện tử (Nghị định 20/2008, điều 7)."
    ),
    RefusalKind.OUT_OF_SCOPE: gettext_lazy("Liên hệ cơ quan có thẩm quyền theo hướng dẫn trong trả lời."),
}


def _event(
    petition: Petition,
    action: Action,
    before: str,
    after: str,
    *,
    at: datetime,
    officer: User | None,
    payload: dict[str, Any],
    text: PetitionText | None = None,
) -> PetitionEvent:
    seq = PetitionEvent.objects.filter(petition=petition).count() + 1
    return PetitionEvent.objects.create(
        petition=petition,
        seq=seq,
        at=at,
        action=action,
        from_state=before,
        to_state=after,
        actor_kind=ActorKind.OFFICER if officer else ActorKind.CITIZEN,
        officer=officer,
        agency=petition.agency,
        text=text,
        payload=payload,
    )


def _tell(petition: Petition, template: str, context: dict[str, Any], *, sms_only: bool = False) -> None:
    """The petitioner's SMS and e-mail (through the outbox, after commit)."""
    if petition.petitioner_phone:
        message_queue(channel="SMS", to=petition.petitioner_phone, template=template, context=context,
                      subject_ref=petition.subject_ref)  # fmt: skip
    if petition.petitioner_email and not sms_only:
        message_queue(channel="EMAIL", to=petition.petitioner_email, template=template, context=context,
                      subject_ref=petition.subject_ref)  # fmt: skip


# --- likes and dislikes ---------------------------------------------------------------------------


def petition_vote(petition: Petition, *, browser: str, like: bool, now: datetime | None = None) -> bool:
    """Count one like or dislike of a published answer per browser; False if it already voted."""
    if petition.state != State.PUBLISHED:
        raise Conflict(_("Chỉ đánh giá được trả lời đã công khai."))
    if not browser:
        raise InvalidInput(_("Trình duyệt chưa bật cookie; không ghi nhận được đánh giá."))
    with transaction.atomic():
        _vote, created = PetitionVote.objects.get_or_create(
            petition=petition,
            browser=browser,
            defaults={"value": 1 if like else -1, "at": now or timezone.now()},
        )
        if created:
            column = "likes" if like else "dislikes"
            Petition.objects.filter(pk=petition.pk).update(**{column: F(column) + 1})
    return created
