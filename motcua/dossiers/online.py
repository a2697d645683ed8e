"""Online submission (Decree 42/2022: partial and full online service) and the citizen's actions.

- `dossier_submit_online`: the citizen submits from the portal or `POST /api/v1/dossiers` with
  `"channel": "ONLINE"`; the dossier is created in SUBMITTED with its code (the receiving agency's
  counter), one scan per official document, event `create` by the CITIZEN, SMS / e-mail with the
  token link. An idempotency key makes a double submit one dossier.
- The desk's check (`dossier_receive`, `dossier_guide`, `dossier_refuse`) lives in `intake`.
- The citizen, with the dossier token: `dossier_resubmit` (GUIDED → SUBMITTED, once, with the
  documents asked for), `dossier_citizen_complete_supplement` (uploads during processing),
  `dossier_citizen_withdraw` (while SUBMITTED or GUIDED), and the electronic result of a full
  online service (`dossier_attach_result` by staff, downloaded through the token link).
- `guided_expire`: a GUIDED online dossier not resubmitted within `ONLINE_GUIDED_EXPIRY_DAYS`
  calendar days is withdrawn by the system (management command `expire_guided`, q2 schedule).

Uploads are checked by `motcua.core.uploads` (PDF, JPEG, PNG by content and structure, never their
name; `ONLINE_MAX_FILE_MB`, 10, a file) and against the dossier's limits `ONLINE_MAX_TOTAL_MB` (50)
and `ONLINE_MAX_FILES` (20) by `files.uploads_check`.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from motcua.accounts.models import Agency, User
from motcua.catalog.models import OnlineLevel, Procedure, ProcedureVersion, RequiredDocument
from motcua.catalog.selectors import procedure_search, procedure_version_in_force
from motcua.core import ratelimit, uploads
from motcua.core.exceptions import Conflict, FieldError, InvalidInput, RateLimited
from motcua.core.instants import in_vietnam, iso
from motcua.core.text import fold
from motcua.dossiers.codes import code_key, dossier_code_next, dossier_token_matches
from motcua.dossiers.exceptions import AlreadyDone, NotOnOfficialList, WrongState
from motcua.dossiers.files import (  # the limits and checks of uploads, read by the portal here too
    MB,
    DocumentIn,
    attached_result,
    has_result_file,  # noqa: F401
    max_file_bytes,  # noqa: F401
    max_files,  # noqa: F401
    max_total_bytes,  # noqa: F401
    result_check,
    result_store,
    upload_stored,
    uploads_check,
)
from motcua.dossiers.intake import Applicant
from motcua.dossiers.journal import Actor, applicant_tell, dossier_record_event
from motcua.dossiers.models import (
    RESULT_STATES,
    Action,
    ActorKind,
    Channel,
    Dossier,
    DossierDocument,
    DossierPause,
    OnlineSubmission,
    PauseReason,
    ReturnMethod,
    State,
    SupplementRequest,
)
from motcua.dossiers.processing import dossier_complete_supplement, dossier_withdraw
from motcua.dossiers.rules import may_attach_result

ONLINE_LEVELS = (OnlineLevel.PARTIAL, OnlineLevel.FULL)
KEY_PATTERN = r"[A-Za-z0-9_-]{8,64}"
# An upload's form field: `document_<id>`, ASCII digits within a row id's range.
DOCUMENT_FIELD = re.compile(r"document_([0-9]{1,18})")
_KEY = re.compile(KEY_PATTERN)


# --- settings -------------------------------------------------------------------------------------
def guided_expiry_days() -> int:
    return int(settings.ONLINE_GUIDED_EXPIRY_DAYS)


def submit_rate_per_hour() -> int:
    return int(settings.ONLINE_SUBMIT_RATE_PER_HOUR)


# --- uploads (the check is `files.uploads_check`) -----------------------------------------------------
def _save_scans(
    dossier: Dossier, files: Mapping[int, Any], extensions: Mapping[int, str], tag: str = ""
) -> None:
    for document_id, file in files.items():
        row, _created = DossierDocument.objects.get_or_create(dossier=dossier, document_id=document_id)
        stored = upload_stored(dossier, document_id, file, extensions[document_id], tag)
        row.scan.save(stored.name or "", stored, save=True)


# --- the portal's drafts ------------------------------------------------------------------------------
DRAFTS_DIR = "online-drafts"  # under MEDIA_ROOT: uploads of the step-by-step form until it is submitted
DRAFT_STORE_FULL_RETRY_S = 600


def _draft_names() -> list[str]:
    try:
        _folders, names = default_storage.listdir(DRAFTS_DIR)
    except FileNotFoundError:
        return []
    return [f"{DRAFTS_DIR}/{name}" for name in names]


def drafts_store_bytes() -> int:
    """Bytes held by every draft upload together."""
    total = 0
    for name in _draft_names():
        try:
            total += default_storage.size(name)
        except FileNotFoundError:  # deleted meanwhile (submitted, replaced or purged)
            continue
    return total


def draft_uploads_admit(*, client: str, session: str, files: Mapping[int, Any]) -> None:
    """Count uploads to a portal draft against the limits of an hour per client address
    (`ONLINE_DRAFT_FILES_PER_HOUR`, `ONLINE_DRAFT_MB_PER_HOUR`) and per session
    (`ONLINE_DRAFT_FILES_PER_SESSION`, `ONLINE_DRAFT_MB_PER_SESSION`), and the cap of the whole draft
    store (`ONLINE_DRAFT_STORE_MB`); RateLimited with a message for the citizen when over."""
    sizes = [uploads.size_of(file) for file in files.values()]
    if not sizes:
        return
    if drafts_store_bytes() + sum(sizes) > settings.ONLINE_DRAFT_STORE_MB * MB:
        raise RateLimited(
            DRAFT_STORE_FULL_RETRY_S,
            _(
                "Hệ thống tạm thời không nhận thêm tệp cho hồ sơ đang soạn. Vui lòng thử lại sau ít phút "
                "hoặc nộp hồ sơ tại Bộ phận một cửa."
            ),
        )
    limits = (
        (f"client:{ratelimit.digest(client)}", settings.ONLINE_DRAFT_FILES_PER_HOUR, settings.ONLINE_DRAFT_MB_PER_HOUR),
        (f"session:{ratelimit.digest(session)}", settings.ONLINE_DRAFT_FILES_PER_SESSION, settings.ONLINE_DRAFT_MB_PER_SESSION),
    )  # fmt: skip
    for who, most_files, most_mb in limits:
        files_so_far, left = ratelimit.count(f"online:draft:files:{who}", 3600, len(sizes))
        bytes_so_far, _left = ratelimit.count(f"online:draft:bytes:{who}", 3600, sum(sizes))
        if files_so_far > most_files or bytes_so_far > most_mb * MB:
            raise RateLimited(
                left,
                _("Tải lên quá nhiều tệp, vui lòng thử lại sau %(m)s phút.") % {"m": math.ceil(left / 60)},
            )


def drafts_purge(*, now: datetime | None = None) -> int:
    """Delete draft uploads older than `ONLINE_DRAFT_MAX_AGE_HOURS` (forms abandoned before submitting;
    a submitted draft's files are deleted at once). Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.ONLINE_DRAFT_MAX_AGE_HOURS)
    deleted = 0
    for name in _draft_names():
        try:
            if default_storage.get_modified_time(name) < cutoff:
                default_storage.delete(name)
                deleted += 1
        except FileNotFoundError:
            continue
    return deleted


# --- catalogue of online services -----------------------------------------------------------------
def online_versions(query: str = "", *, at: Any = None) -> QuerySet[ProcedureVersion]:
    """Versions in force today with partial or full online service, of procedures not abolished."""
    at = at or timezone.localdate()
    versions = (
        ProcedureVersion.objects.in_force(at=at)
        .filter(online_level__in=ONLINE_LEVELS)
        .exclude(procedure__status=Procedure.Status.ABOLISHED)
        .select_related("procedure", "procedure__field")
    )
    if fold(query):
        versions = versions.filter(procedure__in=procedure_search(query).values("pk"))
    return versions.order_by("procedure__field__name", "procedure__name")


def online_version(procedure_code: str) -> ProcedureVersion:
    """The version in force of `procedure_code` if it has online service; Http404 otherwise."""
    version = procedure_version_in_force(procedure_code)
    if version.online_level not in ONLINE_LEVELS or version.procedure.status == Procedure.Status.ABOLISHED:
        raise Http404(procedure_code)
    return version


def receiving_agencies(version: ProcedureVersion) -> list[Agency]:
    """The agencies that receive this procedure's dossiers (the implementing agencies, active)."""
    return sorted((a for a in version.procedure.agencies.all() if a.is_active), key=lambda a: a.code)


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


def client_fingerprint(session_key: str | None) -> str:
    """Who submitted, for a key's replay: the portal's session (hashed; a request without a session
    gets a fingerprint no other request has). The API has no session: its submissions keep ""."""
    return hashlib.sha256(f"portal:{session_key or uuid.uuid4().hex}".encode()).hexdigest()


def _file_digest(file: Any) -> str:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(1 << 16), b""):
        digest.update(chunk)
    file.seek(position)
    return digest.hexdigest()


def request_fingerprint(
    *, version: ProcedureVersion, applicant: Applicant, files: Mapping[int, Any], return_method: str,
    declaration: bool, agency_code: str,
) -> str:  # fmt: skip
    """A hash of the submission's canonical body (fields as sent, files by content), so that a key
    sent again answers its dossier only for the very same submission."""
    body = {
        "procedure": version.procedure.code, "version": version.pk, "agency": agency_code or "",
        "applicant": asdict(applicant), "return_method": (return_method or "").upper(),
        "declaration": bool(declaration),
        "files": {str(i): _file_digest(f) for i, f in sorted(files.items()) if f is not None},
    }  # fmt: skip
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def replayed_submission(key: str, *, client: str, request_hash: str | None = None) -> Dossier | None:
    """The dossier an idempotency key already made, when this is the same submission sent again:
    the same client (the portal's session) and, when given, the same body. None for a new key;
    `Conflict` (409) when the key belongs to another submission — never another citizen's dossier."""
    existing = (
        OnlineSubmission.objects.select_related("dossier").filter(idempotency_key=key).first()
        if key
        else None
    )
    if existing is None:
        return None
    same_client = constant_time_compare(existing.client_hash, client)
    same_body = request_hash is None or constant_time_compare(existing.request_hash, request_hash)
    if not (existing.request_hash and same_client and same_body):
        raise Conflict(_("Khóa chống nộp trùng này đã được dùng cho một lần nộp khác; hãy nộp với khóa mới."))
    return existing.dossier


# --- rate limit -----------------------------------------------------------------------------------
def submit_throttle(client: str) -> None:
    """Count one submission attempt of `client`; RateLimited past `ONLINE_SUBMIT_RATE_PER_HOUR`."""
    hits, left = ratelimit.count(f"online:submit:{ratelimit.digest(client)}", 3600)
    if hits > submit_rate_per_hour():
        raise RateLimited(
            left, _("Nộp hồ sơ quá nhiều lần, vui lòng thử lại sau %(m)s phút.") % {"m": math.ceil(left / 60)}
        )


# --- submission -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Submitted:
    dossier: Dossier
    created: bool


def _choose_agency(version: ProcedureVersion, agency_code: str, errors: list[FieldError]) -> Agency | None:
    agencies = receiving_agencies(version)
    wanted = code_key(agency_code or "")
    if wanted:
        for agency in agencies:
            if code_key(agency.code) == wanted:
                return agency
        errors.append(FieldError("agency", _("Cơ quan này không tiếp nhận hồ sơ của thủ tục đã chọn.")))
        return None
    if len(agencies) == 1:
        return agencies[0]
    if not agencies:
        errors.append(FieldError("agency", _("Thủ tục chưa có cơ quan tiếp nhận hồ sơ trực tuyến.")))
    else:
        errors.append(FieldError("agency", _("Chọn cơ quan tiếp nhận hồ sơ.")))
    return None


def return_methods(version: ProcedureVersion) -> list[str]:
    """How the result may be received: electronically only with full online service."""
    methods = [ReturnMethod.DESK, ReturnMethod.POST]
    if version.online_level == OnlineLevel.FULL:
        methods.insert(0, ReturnMethod.ONLINE)
    return [str(m) for m in methods]


def dossier_submit_online(
    *,
    procedure_version: ProcedureVersion,
    applicant: Applicant,
    files: Mapping[int, Any],
    return_method: str,
    declaration: bool,
    idempotency_key: str = "",
    agency_code: str = "",
    client: str = "",
    now: datetime | None = None,
) -> Submitted:
    """Create an online dossier in SUBMITTED, or return the one this idempotency key already made.

    `files` maps a document of the version's official list (its id) to one upload; every mandatory
    document needs one. The code comes from the receiving agency's counter; the applicant gets the
    code and the token link by SMS and e-mail. A key sent again answers its dossier only for the
    same body and `client` (the portal's session fingerprint; "" on the API), else `Conflict`.
    """
    key = (idempotency_key or "").strip() or new_idempotency_key()
    if not _KEY.fullmatch(key):
        message = _("Khóa chống nộp trùng không hợp lệ.")
        raise InvalidInput(message, [FieldError("idempotency_key", message)])
    fingerprint = request_fingerprint(
        version=procedure_version, applicant=applicant, files=files, return_method=return_method,
        declaration=declaration, agency_code=agency_code,
    )  # fmt: skip
    replayed = replayed_submission(key, client=client, request_hash=fingerprint)
    if replayed is not None:
        return Submitted(replayed, created=False)

    version = procedure_version
    errors: list[FieldError] = []
    if not version.is_published or version.online_level not in ONLINE_LEVELS:
        errors.append(FieldError("procedure", _("Thủ tục này không có dịch vụ công trực tuyến.")))
    elif version.channels and Channel.ONLINE not in version.channels:
        errors.append(FieldError("procedure", _("Thủ tục này không nhận hồ sơ trực tuyến.")))
    agency = _choose_agency(version, agency_code, errors)
    try:
        applicant = applicant.cleaned()
    except InvalidInput as exc:
        errors.extend(exc.errors)
    else:
        if not applicant.phone:
            errors.append(
                FieldError("applicant.phone", _("Nhập số điện thoại để nhận mã hồ sơ và thông báo."))
            )
    method = (return_method or "").upper()
    if method not in return_methods(version):
        errors.append(FieldError("return_method", _("Chọn hình thức nhận kết quả mà thủ tục cho phép.")))
    if not declaration:
        errors.append(
            FieldError("declaration", _("Xác nhận cam đoan thông tin và giấy tờ đã khai là đúng sự thật."))
        )
    official = {d.pk: d for d in version.documents.all()}
    if outside := [i for i in files if i not in official]:
        names = list(RequiredDocument.objects.filter(pk__in=outside).values_list("name", flat=True))
        raise NotOnOfficialList("documents", names or [_("giấy tờ không xác định")])
    for document in official.values():
        if document.mandatory and document.pk not in files:
            errors.append(
                FieldError(f"document_{document.pk}", _("Tải lên %(name)s.") % {"name": document.name})
            )
    try:
        extensions = uploads_check(files, names={i: d.name for i, d in official.items()})
    except InvalidInput as exc:
        errors.extend(exc.errors)
    if errors:
        raise InvalidInput(_("Hồ sơ chưa nộp được: kiểm tra các mục được đánh dấu."), errors)
    assert agency is not None

    now = now or timezone.now()
    try:
        with transaction.atomic():
            dossier = _create(version, agency, applicant, method, key, now, (fingerprint, client))
            _save_scans(dossier, files, extensions)
    except IntegrityError:  # the same key submitted at the same instant: the other one won
        replayed = replayed_submission(key, client=client, request_hash=fingerprint)
        if replayed is None:
            raise
        return Submitted(replayed, created=False)
    applicant_tell(dossier, "dossier_submitted", {})
    return Submitted(dossier, created=True)


def _create(
    version: ProcedureVersion,
    agency: Agency,
    applicant: Applicant,
    method: str,
    key: str,
    now: datetime,
    hashes: tuple[str, str],
) -> Dossier:
    code = dossier_code_next(agency=agency, day=in_vietnam(now).date())
    dossier = Dossier(
        code=code, code_key=code_key(code), receiving_agency=agency, procedure_version=version,
        channel=Channel.ONLINE, return_method=method, sets=1, applicant_kind=applicant.kind,
        applicant_name=applicant.name, applicant_id_number=applicant.id_number, applicant_tax_code=applicant.tax_code,
        applicant_phone=applicant.phone, applicant_email=applicant.email, applicant_province=applicant.province,
        applicant_district=applicant.district, applicant_commune=applicant.commune, applicant_street=applicant.street,
        state="", created_at=now, submitted_at=now,
    )  # fmt: skip
    dossier.search_text_refresh()
    dossier.save(force_insert=True)
    dossier._last_event_seq = 0  # type: ignore[attr-defined]
    OnlineSubmission.objects.create(
        dossier=dossier,
        idempotency_key=key,
        request_hash=hashes[0],
        client_hash=hashes[1],
        online_level=version.online_level,
        electronic_result=version.online_level == OnlineLevel.FULL and method == ReturnMethod.ONLINE,
    )
    dossier_record_event(
        dossier, Action.CREATE, to_state=State.SUBMITTED, actor=Actor(ActorKind.CITIZEN, now, None, agency),
        payload={"channel": Channel.ONLINE, "submitted_at": iso(now), "online_level": version.online_level},
    )  # fmt: skip
    dossier.save()
    return dossier


# --- the citizen, with the token ------------------------------------------------------------------
def dossier_for_token(code: str, token: str) -> Dossier:
    """The dossier named by `code` if `token` is its token; Http404 otherwise (never says which)."""
    key = code_key(code or "")
    dossier = (
        Dossier.objects.select_related("receiving_agency", "procedure_version__procedure")
        .filter(code_key=key)
        .first()
        if key
        else None
    )
    if dossier is None or not token or not dossier_token_matches(dossier.code, token):
        raise Http404(_("Đường dẫn hồ sơ không đúng."))
    return dossier


def _lock(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure_version__procedure", "receiving_agency")
        .get(pk=dossier.pk)
    )


def open_supplement_request(dossier: Dossier) -> SupplementRequest | None:
    return dossier.supplement_requests.filter(completed_at__isnull=True).order_by("-requested_at").first()


@transaction.atomic
def dossier_resubmit(*, dossier: Dossier, files: Mapping[int, Any], at: datetime | None = None) -> Dossier:
    """The citizen completes a GUIDED online dossier with the documents form 02 asked for and submits it
    again (GUIDED → SUBMITTED, once); the desk checks it again."""
    locked = _lock(dossier)
    if locked.state != State.GUIDED:
        raise WrongState.of(locked.state)
    if locked.channel != Channel.ONLINE:
        raise Conflict(_("Chỉ hồ sơ nộp trực tuyến được nộp lại sau hướng dẫn bổ sung."))
    if locked.events.filter(action=Action.RESUBMIT).exists():
        raise AlreadyDone(_("Hồ sơ đã được nộp lại một lần."))
    request = open_supplement_request(locked)
    if request is None:
        raise Conflict(_("Hồ sơ không có phiếu hướng dẫn bổ sung đang chờ."))
    asked = {i.document_id: i.document.name for i in request.items.select_related("document")}
    if outside := [i for i in files if i not in asked]:
        names = list(RequiredDocument.objects.filter(pk__in=outside).values_list("name", flat=True))
        raise NotOnOfficialList("documents", names or [_("giấy tờ không xác định")])
    errors = [
        FieldError(f"document_{i}", _("Tải lên %(name)s.") % {"name": name})
        for i, name in asked.items()
        if i not in files
    ]
    try:
        extensions = uploads_check(files, names=asked)
    except InvalidInput as exc:
        errors.extend(exc.errors)
    if errors:
        raise InvalidInput(_("Tải lên đủ các giấy tờ được hướng dẫn bổ sung."), errors)
    at = at or timezone.now()
    _save_scans(locked, files, extensions, tag="bs")
    request.completed_at = at
    request.save(update_fields=["completed_at"])
    dossier_record_event(
        locked, Action.RESUBMIT, to_state=State.SUBMITTED,
        actor=Actor(ActorKind.CITIZEN, at, None, locked.receiving_agency),
        payload={"documents": sorted(files), "form": request.number},
    )  # fmt: skip
    locked.save()
    applicant_tell(locked, "dossier_resubmitted", {})
    if dossier is not locked:
        dossier.refresh_from_db()
    return locked


def dossier_citizen_complete_supplement(
    *, dossier: Dossier, files: Mapping[int, Any], at: datetime | None = None
) -> Dossier:
    """The citizen uploads the documents asked for during processing (`complete_supplement`): the
    clock restarts (processing's service does the rest)."""
    if dossier.state != State.AWAITING_SUPPLEMENT:
        raise WrongState.of(dossier.state)
    if not files:
        message = _("Tải lên ít nhất một giấy tờ được yêu cầu bổ sung.")
        raise InvalidInput(message, [FieldError("documents", message)])
    extensions = uploads_check(files)
    documents = [
        DocumentIn(i, scan=upload_stored(dossier, i, file, extensions[i], "bs")) for i, file in files.items()
    ]
    return dossier_complete_supplement(dossier=dossier, officer=None, documents=documents, at=at)


def dossier_citizen_withdraw(*, dossier: Dossier, at: datetime | None = None) -> Dossier:
    """The citizen withdraws their dossier while SUBMITTED or GUIDED (online)."""
    return dossier_withdraw(dossier=dossier, actor_kind=ActorKind.CITIZEN, at=at)


# --- expiry of GUIDED online dossiers --------------------------------------------------------------
def guided_expire(*, now: datetime | None = None) -> int:
    """Withdraw (as the system) every GUIDED online dossier guided at least `ONLINE_GUIDED_EXPIRY_DAYS`
    calendar days ago and not resubmitted; tell the applicant. Returns how many."""
    now = now or timezone.now()
    days = guided_expiry_days()
    cutoff = now - timedelta(days=days)
    due = (
        Dossier.objects.filter(
            state=State.GUIDED,
            channel=Channel.ONLINE,
            events__action=Action.GUIDE,
            events__at__lte=cutoff,
        )
        .distinct()
        .order_by("pk")
    )
    count = 0
    for dossier in due:
        with transaction.atomic():
            withdrawn = dossier_withdraw(dossier=dossier, actor_kind=ActorKind.SYSTEM, at=now)
            applicant_tell(withdrawn, "dossier_guided_expired", {"days": str(days)})
        count += 1
    return count


# --- the electronic result (full online service) ----------------------------------------------------
@transaction.atomic
def dossier_attach_result(
    *, dossier: Dossier, officer: User, file: Any, at: datetime | None = None
) -> OnlineSubmission:
    """Attach the electronic result (PDF / JPEG / PNG) of an online dossier, for the citizen to
    download through the token link: a desk officer of the receiving agency, or a specialist or
    leader of an agency that holds or held a step."""
    if not may_attach_result(officer, dossier):
        raise PermissionDenied(_("Chỉ cán bộ giải quyết hồ sơ được đính kèm kết quả điện tử."))
    locked = _lock(dossier)
    if locked.state not in (State.IN_PROGRESS, *RESULT_STATES):
        raise WrongState.of(locked.state)
    if not OnlineSubmission.objects.filter(dossier=locked).exists():
        raise Conflict(_("Chỉ hồ sơ nộp trực tuyến có kết quả điện tử trên cổng."))
    result_store(locked, file, result_check(file), at=at or timezone.now())
    return OnlineSubmission.objects.get(dossier=locked)


def result_available(dossier: Dossier) -> OnlineSubmission | None:
    """The online record whose electronic result the citizen may download now, if any."""
    if dossier.state not in RESULT_STATES:
        return None
    online = OnlineSubmission.objects.filter(dossier=dossier).first()
    return online if online is not None and online.result_file else None


def result_file(dossier: Dossier) -> Any:
    """The result file (a `FieldFile`) the citizen may download now through the token link — once
    RESULT_READY or RETURNED, from the online record or the dossier — or None."""
    if dossier.state not in RESULT_STATES:
        return None
    return attached_result(dossier)


# --- the citizen's page ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CitizenPause:
    """An open pause of the clock as the citizen's page tells it."""

    kind: str  # the pause's label ("Chờ bổ sung hồ sơ", "Thời gian xác minh" …)
    since: datetime
    reason: str  # the officer's note, unless redacted
    number: str  # the form 02's number, for a supplement
    documents: list[str]


def citizen_pause(dossier: Dossier) -> CitizenPause | None:
    """The open pause of the dossier's clock (a supplement request or another pause), if any."""
    pause = (
        DossierPause.objects.filter(dossier=dossier, ended_at__isnull=True)
        .select_related("note", "supplement_request")
        .first()
    )
    if pause is None:
        return None
    note = pause.note
    request = pause.supplement_request
    documents = (
        [i.document.name for i in request.items.select_related("document").order_by("document__order")]
        if request is not None
        else []
    )
    return CitizenPause(
        kind=str(PauseReason(pause.kind).label),
        since=pause.started_at,
        reason=note.text if note is not None and note.redacted_at is None else "",
        number=request.number if request is not None else "",
        documents=documents,
    )


def citizen_supplements_done(dossier: Dossier) -> list[SupplementRequest]:
    """The supplement requests during processing that the applicant has completed, oldest first."""
    return list(
        dossier.supplement_requests.filter(
            stage=SupplementRequest.Stage.PROCESSING, completed_at__isnull=False
        )
        .prefetch_related("items__document")
        .order_by("requested_at")
    )


def note_text(request: SupplementRequest | None) -> str:
    """The reason of a form 02, unless redacted."""
    note = request.reason if request is not None else None
    return note.text if note is not None and note.redacted_at is None else ""


def citizen_actions(dossier: Dossier) -> list[str]:
    """What the citizen may do now with the token: the actions of CONTRACTS §4 open to them."""
    actions: list[str] = []
    guided_online = dossier.channel == Channel.ONLINE and dossier.state == State.GUIDED
    if guided_online and not dossier.events.filter(action=Action.RESUBMIT).exists():
        actions.append("resubmit")
    if dossier.state == State.AWAITING_SUPPLEMENT:
        actions.append("complete_supplement")
    if dossier.state == State.SUBMITTED or (
        dossier.state == State.GUIDED and dossier.channel == Channel.ONLINE
    ):
        actions.append("withdraw")
    return actions
