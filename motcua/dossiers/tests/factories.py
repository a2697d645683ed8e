"""Dossiers made the way production makes them: through the intake service."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from PIL import Image

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.tests.factories import make_version
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import Applicant, DocumentIn, IntakeResult, Outcome, dossier_intake


def person(**overrides: Any) -> Applicant:
    values: dict[str, Any] = {
        "kind": "PERSON",
        "name": "Nguyễn Thị Ánh",
        "id_number": "056190000123",
        "phone": "0905123456",
        "email": "anh@example.vn",
        "province": "Khánh Hòa",
        "commune": "Phường Cam Lộc",
        "street": "12 Nguyễn Trọng Kỷ",
    }
    values.update(overrides)
    return Applicant(**values)


def all_documents(version: ProcedureVersion) -> list[DocumentIn]:
    return [DocumentIn(d.pk, originals=d.originals, copies=d.copies) for d in version.documents.all()]


def intake(
    *,
    outcome: str = Outcome.RECEIVE,
    officer: User | None = None,
    version: ProcedureVersion | None = None,
    applicant: Applicant | None = None,
    now: datetime | None = None,
    **kwargs: Any,
) -> IntakeResult:
    officer = officer or UserFactory(role=Role.DESK_OFFICER)
    version = version or make_version()
    if officer.agency is not None:
        version.procedure.agencies.add(officer.agency)
    params: dict[str, Any] = {
        "officer": officer,
        "procedure_version": version,
        "applicant": applicant or person(),
        "documents": all_documents(version),
        "channel": "DESK",
        "return_method": "DESK",
        "outcome": outcome,
        "now": now,
    }
    if outcome == Outcome.GUIDE:
        params["guide_documents"] = [version.documents.first().pk]
    if outcome == Outcome.REFUSE:
        params["reason"] = "Thủ tục không thuộc thẩm quyền giải quyết của cơ quan."
    params.update(kwargs)
    return dossier_intake(**params)


def make_dossier(**kwargs: Any) -> Dossier:
    return intake(**kwargs).dossier


def tiny_image(kind: str) -> bytes:
    """A real 2×2 image ("PNG" or "JPEG"): uploads are checked by decoding, not only the first bytes."""
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()
