"""`POST /api/v1/dossiers/<code>/flags`: the facts the Decision 766 index needs that no action
records — fees paid online (3.6), digitised documents reused (4.3) — set by the desk's systems."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from motcua.accounts.access import require_role
from motcua.api.auth import api_user, staff_token
from motcua.api.schemas import REFUSALS
from motcua.dossiers.selectors import dossier_get_visible
from motcua.dossiers.services import FLAG_ROLES, dossier_flags_set

router = Router(tags=["Hồ sơ"])


class FlagsIn(Schema):
    paid_online: bool | None = None
    reused_digitised: bool | None = None


class FlagsOut(Schema):
    code: str
    paid_online: bool
    reused_digitised: bool


@router.post(
    "/{code}/flags",
    response={200: FlagsOut, **REFUSALS},
    auth=staff_token,
    summary="Thanh toán trực tuyến, tái sử dụng dữ liệu số hóa",
)
def dossier_flags(request: HttpRequest, code: str, body: FlagsIn) -> dict[str, Any]:
    """Set either flag (an omitted or null one stays as it is); staff who handle the dossier."""
    user = api_user(request)
    dossier = dossier_get_visible(user, code)
    if dossier is None:
        raise Http404
    require_role(user, FLAG_ROLES)
    flags = dossier_flags_set(
        dossier=dossier, officer=user, paid_online=body.paid_online, reused_digitised=body.reused_digitised
    )
    return {
        "code": dossier.code,
        "paid_online": flags.paid_online,
        "reused_digitised": flags.reused_digitised,
    }


dossier_flags.allowed_roles = FLAG_ROLES  # type: ignore[attr-defined]
