"""Typed answers of the dossier endpoints (CONTRACTS §7), so that `/api/v1/openapi.json` states every
field a client reads: the dossier (`GET dossiers/<code>` and every action), intake and online
submission, and the public look-up (§6).

Times are ISO 8601 strings with their offset (`+07:00`), as `motcua.core.instants.iso` writes them;
enums are UPPER_CASE. The answers are built by the domain (`motcua.dossiers.records`,
`motcua.dossiers.lookup`); these schemas only state and check their shape.
"""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from motcua.core.instants import iso
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_public_url


class CodeName(Schema):
    code: str
    name: str


class VersionOut(Schema):
    effective_from: str = Field(..., description="Ngày phiên bản thủ tục có hiệu lực (YYYY-MM-DD).")


class AddressOut(Schema):
    province: str
    district: str
    commune: str
    street: str


class ApplicantOut(Schema):
    """The applicant's personal data, for a caller who may see it (CONTRACTS §5); logged."""

    kind: str = Field(..., description="PERSON hoặc ORGANISATION.")
    name: str
    id_number: str
    tax_code: str
    phone: str
    email: str
    address: AddressOut


class MaskedApplicantOut(Schema):
    """The applicant withheld: only the masked name ("Nguyễn T. A.")."""

    masked_name: str


class DossierDocumentOut(Schema):
    document: int = Field(..., description="Mã giấy tờ trong danh mục của thủ tục.")
    name: str
    originals: int
    copies: int


class CurrentStepOut(Schema):
    order: int
    name: str
    agency: str = Field(..., description="Mã cơ quan đang giữ bước.")
    assignee: str | None = Field(..., description="Tên đăng nhập của cán bộ; null khi chưa phân công.")
    due_at: str | None


class StepOut(Schema):
    seq: int
    order: int
    name: str
    agency: str
    assignee: str | None
    started_at: str | None
    due_at: str | None
    finished_at: str | None
    classification: str | None = Field(..., description="EARLY, ON_TIME hoặc LATE khi bước đã xong.")


class EventOut(Schema):
    at: str
    action: str
    from_: str | None = Field(..., alias="from")
    to: str
    agency: str | None
    actor_kind: str = Field(..., description="CITIZEN, OFFICER hoặc SYSTEM.")


class TraceOut(Schema):
    date: str
    kind: str = Field(
        ..., description="AFTER_HOURS, WEEKEND, HOLIDAY, COMPENSATORY, BRIDGE, MAKEUP_WORKDAY, PAUSE."
    )
    name: str
    estimated: bool


class FaultDesignationOut(Schema):
    at: str
    agency: str
    by: str = Field(..., description="Tên đăng nhập của người xác định.")
    reason: str | None = Field(..., description="null khi ghi chú đã bị xóa (ẩn danh hóa).")


class DossierOut(Schema):
    """A dossier (CONTRACTS §7 `GET dossiers/<code>`), also the answer of every action."""

    code: str
    status: str
    channel: str = Field(..., description="DESK, ONLINE hoặc POST.")
    procedure: CodeName
    version: VersionOut
    receiving_agency: CodeName
    applicant: ApplicantOut | MaskedApplicantOut
    documents: list[DossierDocumentOut]
    return_method: str
    received_at: str | None
    clock_start_at: str | None
    due_at: str | None = Field(..., description="Khi đang tạm dừng: hạn tính đến thời điểm hiện tại.")
    due_estimated: bool
    rescheduled_due_at: str | None
    finished_at: str | None
    classification: str | None
    current_step: CurrentStepOut | None
    steps: list[StepOut]
    events: list[EventOut]
    trace: list[TraceOut]
    fault_designations: list[FaultDesignationOut] | None = Field(
        None, description="Chỉ cho cán bộ: các lần xác định cơ quan để chậm, cũ trước."
    )


class IntakeOut(Schema):
    code: str
    status: str
    received_at: str | None
    due_at: str | None
    receipt_url: str | None


class OnlineOut(IntakeOut):
    token: str | None = Field(None, description="Nộp trực tuyến: mã bảo mật của hồ sơ (X-Dossier-Token).")
    url: str | None = Field(None, description="Nộp trực tuyến: đường dẫn trang hồ sơ của công dân.")


def intake_answer(dossier: Dossier, *, received: bool) -> dict[str, Any]:
    """The desk's intake answer; form 01's link once the dossier is received."""
    return {
        "code": dossier.code,
        "status": dossier.state,
        "received_at": iso(dossier.received_at),
        "due_at": iso(dossier.due_at),
        "receipt_url": f"/quan-tri/ho-so/{dossier.code}/mau-01.pdf" if received else None,
    }


def online_answer(dossier: Dossier) -> dict[str, Any]:
    """The online submission's answer: the citizen's token and link, no receipt yet."""
    answer = intake_answer(dossier, received=False)
    answer.update(token=dossier_token(dossier.code), url=dossier_public_url(dossier))
    return answer


# --- the public look-up (CONTRACTS §6) ------------------------------------------------------------------
class TimelineOut(Schema):
    at: str
    label: str


class LookupDocumentOut(Schema):
    name: str
    originals: int
    copies: int
    electronic: bool = False  # an electronic copy (online upload or the desk's scan) is on file


class LookupResultOut(Schema):
    name: str
    return_method: str
    return_method_label: str
    ready_at: str | None


class LookupSupplementOut(Schema):
    number: str
    documents: list[str]


class LookupOut(Schema):
    code: str
    status: str
    status_label: str
    received_at: str | None
    due_at: str | None
    rescheduled_due_at: str | None
    result_ready: bool
    verified: bool | None = None
    procedure: str | None = None
    agency: str | None = None
    applicant: str | None = Field(None, description="Tên đã che (Nguyễn T. A.).")
    timeline: list[TimelineOut] | None = None
    documents: list[LookupDocumentOut] | None = Field(None, description="Chỉ với mã bảo mật t.")
    result: LookupResultOut | None = Field(
        None, description="Chỉ với mã bảo mật t; null khi chưa có kết quả."
    )
    supplement: LookupSupplementOut | None = Field(
        None, description="Chỉ với mã bảo mật t; yêu cầu bổ sung đang chờ."
    )
