"""Public look-up of a dossier (CONTRACTS §6, §7 `GET lookup?code=[&phone4=]`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from motcua.accounts.access import public
from motcua.api.schemas import ErrorOut
from motcua.core.http import client_address
from motcua.dossiers.lookup import lookup

router = Router(tags=["Tra cứu hồ sơ"], auth=None)


class TimelineOut(Schema):
    at: str
    label: str


class DocumentOut(Schema):
    name: str
    originals: int
    copies: int
    electronic: bool = False  # an electronic copy (online upload or the desk's scan) is on file


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
    applicant: str | None = None
    timeline: list[TimelineOut] | None = None
    documents: list[DocumentOut] | None = None
    result: dict[str, Any] | None = None
    supplement: dict[str, Any] | None = None


@router.get(
    "",
    response={200: LookupOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    exclude_unset=True,
    summary="Tra cứu hồ sơ theo mã",
)
@public
def lookup_get(request: HttpRequest, code: str, phone4: str = "", t: str = "") -> dict[str, Any]:
    """The bare state and times; with `phone4` (last four digits of the applicant's phone) also the
    procedure, agency, masked name and timeline; with `t` (the dossier token) also the documents
    and the result. 404 for an unknown code or a wrong token; 429 (with Retry-After) when the
    caller looks up too often or the code's verified look-up is locked after wrong digits."""
    return lookup(code, phone4=phone4 or None, token=t or None, client=client_address(request))
