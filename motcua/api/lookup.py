"""Public look-up of a dossier (CONTRACTS §6, §7 `GET lookup?code=[&phone4=]`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from motcua.accounts.access import public
from motcua.api.dossier_schemas import LookupOut
from motcua.api.schemas import NO_NUL, ErrorOut
from motcua.core.http import client_address
from motcua.dossiers.lookup import lookup

router = Router(tags=["Tra cứu hồ sơ"], auth=None)


class LookupIn(Schema):
    code: str = Field(
        ..., max_length=60, pattern=r"^[^\u0000]*[A-Za-z0-9][^\u0000]*$",
        description="Mã hồ sơ (có chữ hoặc số; dấu chấm, gạch và khoảng trắng được bỏ qua).",
    )  # fmt: skip
    phone4: str = Field("", max_length=10, pattern=NO_NUL, description="4 chữ số cuối số điện thoại (0–9).")
    t: str = Field(
        "", max_length=200, pattern=NO_NUL, description="Mã bảo mật của hồ sơ (đường dẫn QR, SMS)."
    )


@router.get(
    "",
    response={200: LookupOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    exclude_unset=True,
    summary="Tra cứu hồ sơ theo mã",
)
@public
def lookup_get(request: HttpRequest, params: Query[LookupIn]) -> dict[str, Any]:
    """The bare state and times; with `phone4` (last four digits of the applicant's phone) also the
    procedure, agency, masked name and timeline; with `t` (the dossier token) also the documents
    and the result. 404 for an unknown code or a wrong token; 429 (with Retry-After) when the
    caller looks up too often or the code's verified look-up is locked after wrong digits."""
    return lookup(
        params.code, phone4=params.phone4 or None, token=params.t or None, client=client_address(request)
    )
