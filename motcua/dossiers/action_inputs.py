"""What each dossier action reads from its caller: one typed body per action (CONTRACTS §4, §7).

A body is a pydantic model whose fields are the typed inputs below, each with its one validation
(`Text`, `Officer`, `DocumentIds`, `Instant`, `AgencyRef`, `Handed`, `ResultFile`, `Uploads`). The
same model reads a JSON body of the API and the fields of the back-office form, and states the
body of the action's own OpenAPI operation (`json_schema()`), so that the page, the API and its
document cannot drift apart.

`parse_<action>(dossier, body)` is what the dispatch table (`motcua.dossiers.actions`) calls: the
body read into keyword arguments of the use case, or `InvalidInput` (422) naming every field that
cannot be read — the dispatch table checks the role before and the state before answering 422
(CONTRACTS §5). Rules that depend on the dossier (a document outside the version's list, a pause
kind the version does not allow, a reason left blank) stay with the use cases.

Each parser carries its model as `parse.body`, so the API documents the body it really reads.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Annotated, Any, ClassVar, Self

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WithJsonSchema
from pydantic_core import PydanticCustomError

from motcua.accounts.models import Agency, User
from motcua.core import calendar
from motcua.core.bounds import MAX_ID, has_nul
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.instants import InstantOutOfRange, parse_instant
from motcua.dossiers.files import DocumentIn, upload_stored, uploads_check
from motcua.dossiers.models import Dossier

Body = Mapping[str, Any]
NO_NUL = r"^[^\u0000]*$"
REASON_MAX = 2000


def _refuse(message: str, *, field: str = "") -> PydanticCustomError:
    """A field's refusal with its Vietnamese message (and, when it is not the field itself, the name
    the caller should mark, e.g. `document_12` inside `files`)."""
    return PydanticCustomError("motcua", "{message}", {"message": message, "field": field})


def _one(value: Any) -> Any:
    """A form field arrives as a one-item list when read with `getlist`; JSON sends the value."""
    if isinstance(value, list | tuple) and len(value) == 1:
        return value[0]
    return value


def _integer(value: Any) -> int | None:
    """A whole number 0 … 2⁶³ − 1 (a row id or a count; ASCII digits when a string), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ID else None
    if isinstance(value, str) and re.fullmatch(r"\s*[0-9]{1,9}\s*", value):
        return int(value)
    return None


# --- the typed inputs ------------------------------------------------------------------------------------
def _text_of(limit: int, *, upper: bool = False) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        value = _one(value)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise _refuse(_("Phải là một chuỗi ký tự."))
        if len(value) > limit:
            raise _refuse(_("Nội dung quá dài (tối đa %(n)s ký tự).") % {"n": limit})
        if has_nul(value):
            raise _refuse(_("Không được chứa ký tự NUL."))
        return value.strip().upper() if upper else value

    return read


def Text(limit: int = REASON_MAX, *, upper: bool = False, description: str = "") -> Any:
    """Free text of at most `limit` characters, no NUL (`upper`: a code, trimmed and upper-cased)."""
    schema: dict[str, Any] = {"type": "string", "maxLength": limit, "pattern": NO_NUL}
    if description:
        schema["description"] = description
    return Annotated[str, BeforeValidator(_text_of(limit, upper=upper)), WithJsonSchema(schema)]


def _officer(required: bool) -> Callable[[Any], User | None]:
    def read(value: Any) -> User | None:
        value = _one(value)
        if value in (None, ""):
            if required:
                raise _refuse(_("Chọn cán bộ xử lý."))
            return None
        users = User.objects.select_related("agency")
        number = _integer(value)
        user = users.filter(pk=number).first() if number is not None else None
        if user is None and isinstance(value, str) and not has_nul(value):
            user = users.filter(username=value.strip()[:150]).first()
        if user is None:
            raise _refuse(_("Không có cán bộ này."))
        return user

    return read


_OFFICER_SCHEMA = {
    "anyOf": [{"type": "string", "maxLength": 150, "pattern": NO_NUL}, {"type": "integer", "minimum": 1}],
    "description": "Tên đăng nhập của cán bộ (như trong GET dossiers/<code>) hoặc mã số.",
}
Officer = Annotated[User, BeforeValidator(_officer(True)), WithJsonSchema(_OFFICER_SCHEMA)]
OptionalOfficer = Annotated[User | None, BeforeValidator(_officer(False)), WithJsonSchema(_OFFICER_SCHEMA)]


def _document_ids(value: Any) -> list[int]:
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple):
        value = [value]
    ids = []
    for item in value:
        number = _integer(item)
        if number is None:
            raise _refuse(_("Chọn giấy tờ theo mã số trong danh mục thành phần hồ sơ."))
        ids.append(number)
    return ids


_ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
DocumentIds = Annotated[
    list[int],
    BeforeValidator(_document_ids),
    WithJsonSchema({"type": "array", "items": _ID, "description": "Mã giấy tờ trong danh mục của thủ tục."}),
]


def _instant(value: Any) -> datetime:
    """ISO 8601; without an offset Vietnam time; a date alone means 00:00 that day (CONTRACTS §1)."""
    raw = _text_of(40)(value).strip()
    if not raw:
        raise _refuse(_("Nhập ngày giờ."))
    try:
        return parse_instant(raw)
    except InstantOutOfRange:
        raise _refuse(
            _("Năm phải trong khoảng %(first)s–%(last)s.")
            % {"first": calendar.FIRST_YEAR, "last": calendar.LAST_YEAR}
        ) from None
    except ValueError:
        raise _refuse(_("Thời điểm không hợp lệ (ví dụ 2026-03-20T16:00 hoặc 20/03/2026 16:00).")) from None


Instant = Annotated[
    datetime,
    BeforeValidator(_instant),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": 40,
            "pattern": NO_NUL,
            "description": "ISO 8601; không có múi giờ là giờ Việt Nam (ví dụ 2026-03-20T16:00).",
        }
    ),
]


def _agency(value: Any) -> Agency:
    raw = _text_of(60)(value).strip()
    if not raw:
        raise _refuse(_("Chọn cơ quan để chậm."))
    number = _integer(raw)
    agency = Agency.objects.filter(pk=number).first() if number is not None else None
    agency = agency or Agency.objects.filter(code__iexact=raw).first()
    if agency is None:
        raise _refuse(_("Không có cơ quan này."))
    return agency


AgencyRef = Annotated[
    Agency,
    BeforeValidator(_agency),
    WithJsonSchema(
        {"type": "string", "maxLength": 60, "pattern": NO_NUL, "description": "Mã định danh của cơ quan."}
    ),
]

# A document handed in: its id alone (with the counts asked for) or with its own counts.
HandedItem = tuple[int, int | None, int | None]


def _handed(value: Any) -> list[HandedItem]:
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple):
        value = [value]
    items: list[HandedItem] = []
    for item in value:
        if isinstance(item, Mapping):
            document = _integer(item.get("document"))
            originals = _integer(item.get("originals", 0))
            copies = _integer(item.get("copies", 0))
            if document is None or originals is None or copies is None or originals > 99 or copies > 99:
                raise _refuse(_("Mỗi giấy tờ gồm mã giấy tờ và số bản chính, bản sao (0–99)."))
            items.append((document, originals, copies))
            continue
        document = _integer(item)
        if document is None:
            raise _refuse(_("Chọn giấy tờ theo mã số trong danh mục thành phần hồ sơ."))
        items.append((document, None, None))
    return items


_COUNT = {"type": "integer", "minimum": 0, "maximum": 99}
Handed = Annotated[
    list[HandedItem],
    BeforeValidator(_handed),
    WithJsonSchema(
        {
            "type": "array",
            "description": "Giấy tờ đã nhận: mã giấy tờ (số bản như đã yêu cầu) hoặc {document, originals, copies}.",
            "items": {
                "anyOf": [
                    _ID,
                    {
                        "type": "object",
                        "required": ["document"],
                        "properties": {"document": _ID, "originals": _COUNT, "copies": _COUNT},
                    },
                ]
            },
        }
    ),
]


def _is_upload(value: Any) -> bool:
    return hasattr(value, "read") and hasattr(value, "seek")


def _result_file(value: Any) -> Any:
    value = _one(value)
    if value in (None, ""):
        return None
    if _is_upload(value):
        return value
    if not isinstance(value, str):
        raise _refuse(_("Gửi tệp kết quả dạng chuỗi base64."))
    try:
        return ContentFile(base64.b64decode(value, validate=True), name="ket-qua")
    except (binascii.Error, ValueError):
        raise _refuse(_("Nội dung tệp không phải base64 hợp lệ.")) from None


_BASE64 = {"type": "string", "contentEncoding": "base64"}
ResultFile = Annotated[
    Any,
    BeforeValidator(_result_file),
    WithJsonSchema({**_BASE64, "description": "Tệp kết quả (PDF, JPEG, PNG) mã hóa base64; hoặc multipart."}),
]

_UPLOADS_FORMAT = gettext_lazy('Gửi tệp dạng {"<mã giấy tờ>": "<nội dung base64>"}.')


def _uploads(value: Any) -> dict[int, Any]:
    """{"<document id>": base64 content} from JSON, or {id: uploaded file} from a multipart body."""
    if value in (None, ""):
        return {}
    if not isinstance(value, Mapping):
        raise _refuse(str(_UPLOADS_FORMAT))
    files: dict[int, Any] = {}
    for key, item in value.items():
        number = _integer(key)
        if number is not None and _is_upload(item):
            files[number] = item
            continue
        if number is None or not isinstance(item, str):
            raise _refuse(str(_UPLOADS_FORMAT))
        try:
            files[number] = ContentFile(base64.b64decode(item, validate=True), name=f"document-{number}")
        except (binascii.Error, ValueError):
            raise _refuse(_("Nội dung tệp không phải base64 hợp lệ."), field=f"document_{number}") from None
    return files


Uploads = Annotated[
    dict[int, Any],
    BeforeValidator(_uploads),
    WithJsonSchema(
        {
            "type": "object",
            "description": "Tệp theo mã giấy tờ, nội dung base64 (PDF, JPEG, PNG); hoặc multipart, "
            "mỗi tệp một trường document_<mã giấy tờ>.",
            "propertyNames": {"pattern": "^[0-9]{1,9}$"},
            "additionalProperties": _BASE64,
        }
    ),
]


# --- one body per action -------------------------------------------------------------------------------
class ActionBody(BaseModel):
    """The body of one action. Unknown fields are ignored (a form also sends its CSRF token)."""

    model_config = ConfigDict(extra="ignore", arbitrary_types_allowed=True, validate_default=True)
    summary: ClassVar[Any] = gettext_lazy("Dữ liệu gửi lên không hợp lệ.")
    multipart: ClassVar[bool] = False  # whether files may come as multipart fields

    @classmethod
    def read(cls, body: Any) -> Self:
        """The body read, or `InvalidInput` naming every field that cannot be."""
        if not isinstance(body, Mapping):
            raise InvalidInput(
                _("Nội dung gửi lên phải là một đối tượng JSON."),
                [FieldError("__all__", _("Phải là đối tượng."))],
            )
        try:
            return cls.model_validate(dict(body))
        except ValidationError as exc:
            errors = []
            for error in exc.errors(include_url=False):
                context = error.get("ctx") or {}
                name = context.get("field") or ".".join(str(p) for p in error["loc"][:1]) or "__all__"
                errors.append(FieldError(name, str(context.get("message") or _("Giá trị không hợp lệ."))))
            raise InvalidInput(str(cls.summary), errors) from None

    def kwargs(self, dossier: Dossier) -> dict[str, Any]:
        """The use case's keyword arguments."""
        return self.model_dump()

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The body as the OpenAPI document states it."""
        schema = cls.model_json_schema()
        schema.pop("title", None)
        schema["additionalProperties"] = True  # ignored, as a form's own fields are
        return schema


class NoBody(ActionBody):
    """No field: the action needs nothing but the dossier (an empty object, or no body)."""


class AssignBody(ActionBody):
    summary = gettext_lazy("Chọn cán bộ xử lý.")
    assignee: Officer = Field(None)  # type: ignore[assignment]

    def kwargs(self, dossier: Dossier) -> dict[str, Any]:
        return {"assignee": self.assignee}


class HandOverBody(ActionBody):
    """`forward` and `send_back`: whom the next (or previous) step goes to, if chosen now."""

    assignee: OptionalOfficer = None

    def kwargs(self, dossier: Dossier) -> dict[str, Any]:
        return {"assignee": self.assignee}


class RequestSupplementBody(ActionBody):
    summary = gettext_lazy("Chưa gửi được yêu cầu bổ sung: kiểm tra các trường được đánh dấu.")
    documents: DocumentIds = []
    reason: Text() = ""  # type: ignore[valid-type]
    override_reason: Text(description="Lãnh đạo yêu cầu bổ sung lần nữa: nêu lý do.") = ""  # type: ignore[valid-type]


class GuideBody(ActionBody):
    summary = gettext_lazy("Chưa hướng dẫn bổ sung được: kiểm tra các trường được đánh dấu.")
    documents: DocumentIds = []
    reason: Text() = ""  # type: ignore[valid-type]


def _asked(dossier: Dossier) -> dict[int, tuple[int, int]]:
    request = (
        dossier.supplement_requests.filter(completed_at__isnull=True).order_by("-requested_at", "-pk").first()
    )
    if request is None:
        return {}
    return {i.document_id: (i.originals, i.copies) for i in request.items.all()}


class CompleteSupplementBody(ActionBody):
    """The desk's record of the documents handed in (ids with the counts asked for, or counts)."""

    documents: Handed = []

    def kwargs(self, dossier: Dossier) -> dict[str, Any]:
        asked = _asked(dossier) if any(o is None for _d, o, _c in self.documents) else {}
        handed = []
        for document, originals, copies in self.documents:
            if originals is None or copies is None:
                originals, copies = asked.get(document, (0, 0))
            handed.append(DocumentIn(document, originals=originals, copies=copies))
        return {"documents": handed}


class CitizenUploadsBody(ActionBody):
    """The citizen's files, one per document (checked by content and size like an online submission)."""

    multipart = True
    files: Uploads = {}

    def kwargs(self, dossier: Dossier) -> dict[str, Any]:
        return {"files": self.files}


class CitizenSupplementBody(CitizenUploadsBody):
    """The citizen's answer to a request for a supplement: at least one of the documents asked for."""

    def kwargs(self, dossier: Dossier) -> dict[str, Any]:
        if not self.files:
            message = _("Tải lên ít nhất một giấy tờ được yêu cầu bổ sung.")
            raise InvalidInput(message, [FieldError("files", message)])
        extensions = uploads_check(self.files)
        return {
            "documents": [
                DocumentIn(i, scan=upload_stored(dossier, i, f, extensions[i], "bs"))
                for i, f in self.files.items()
            ]
        }


class PauseBody(ActionBody):
    summary = gettext_lazy("Chưa tạm dừng được: kiểm tra các trường được đánh dấu.")
    kind: Text(40, upper=True, description="FINANCIAL_OBLIGATION, PUBLIC_POSTING hoặc VERIFICATION.") = ""  # type: ignore[valid-type]
    reason: Text() = ""  # type: ignore[valid-type]

    def kwargs(self, dossier: Dossier) -> dict[str, Any]:
        if not self.kind:
            message = _("Chọn lý do tạm dừng tính thời hạn.")
            raise InvalidInput(str(self.summary), [FieldError("kind", message)])
        return {"kind": self.kind, "reason": self.reason}


class ApologiseBody(ActionBody):
    summary = gettext_lazy("Chưa lưu được văn bản xin lỗi: kiểm tra các trường được đánh dấu.")
    reason: Text() = ""  # type: ignore[valid-type]
    rescheduled_due_at: Instant = Field(None)  # type: ignore[assignment]


class DesignateFaultBody(ActionBody):
    summary = gettext_lazy("Chưa xác định được cơ quan để chậm: kiểm tra các trường được đánh dấu.")
    agency: AgencyRef = Field(None)  # type: ignore[assignment]
    reason: Text() = ""  # type: ignore[valid-type]


class MarkReadyBody(ActionBody):
    summary = gettext_lazy("Tệp kết quả chưa hợp lệ.")
    multipart = True
    result_file: ResultFile = None

    def kwargs(self, dossier: Dossier) -> dict[str, Any]:
        return {"result_file": self.result_file} if self.result_file is not None else {}


# "ELECTRONIC" (CONTRACTS §4: desk, post, electronic) is the ONLINE return method.
RETURN_METHOD_ALIASES = {"ELECTRONIC": "ONLINE"}


class ReturnResultBody(ActionBody):
    method: Text(20, upper=True, description="DESK, POST hoặc ONLINE (ELECTRONIC).") = ""  # type: ignore[valid-type]
    tracking_number: Text(50) = ""  # type: ignore[valid-type]
    received_by: Text(255) = ""  # type: ignore[valid-type]

    def kwargs(self, dossier: Dossier) -> dict[str, Any]:
        method = RETURN_METHOD_ALIASES.get(self.method, self.method)
        return {"method": method, "tracking_number": self.tracking_number, "received_by": self.received_by}


class ReasonBody(ActionBody):
    reason: Text() = ""  # type: ignore[valid-type]


# --- the parsers of the dispatch table -----------------------------------------------------------------
Parser = Callable[[Dossier, Body], dict[str, Any]]


def parser(model: type[ActionBody]) -> Parser:
    """The dispatch table's parser reading `model` (and carrying it as `.body` for the API)."""

    def parse(dossier: Dossier, body: Body) -> dict[str, Any]:
        return model.read(body).kwargs(dossier)

    parse.body = model  # type: ignore[attr-defined]
    parse.__doc__ = model.__doc__
    return parse


def body_of(parse: Parser) -> type[ActionBody]:
    """The model a parser reads (`NoBody` for a parser written without one)."""
    return getattr(parse, "body", NoBody)


parse_nothing = parser(NoBody)
parse_assign = parser(AssignBody)
parse_hand_over = parser(HandOverBody)
parse_request_supplement = parser(RequestSupplementBody)
parse_complete_supplement = parser(CompleteSupplementBody)
parse_pause = parser(PauseBody)
parse_apologise = parser(ApologiseBody)
parse_designate_fault = parser(DesignateFaultBody)
parse_mark_ready = parser(MarkReadyBody)
parse_return_result = parser(ReturnResultBody)
parse_reason = parser(ReasonBody)
parse_guide = parser(GuideBody)
parse_resubmit = parser(CitizenUploadsBody)
parse_citizen_supplement = parser(CitizenSupplementBody)
