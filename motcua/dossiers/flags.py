"""Facts about a dossier that the Decision 766 index needs and the dossier's own columns do not hold:
fees paid online (indicator 3.6) and digitised documents reused (4.3). Kept in their own table
beside the dossier (`DossierFlags`), set by the desk and the API."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.dossiers.models import Dossier, DossierFlags

FLAG_ROLES = frozenset({Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.SUPERVISOR, Role.ADMIN})


@transaction.atomic
def dossier_flags_set(
    *,
    dossier: Dossier,
    officer: User,
    paid_online: bool | None = None,
    reused_digitised: bool | None = None,
    at: datetime | None = None,
) -> DossierFlags:
    """Record that the fees were paid online and / or that digitised documents were reused; a None
    leaves a flag as it is. Staff who handle dossiers only (the caller has already checked the
    dossier is visible: 404 before 403)."""
    if not officer.roles & FLAG_ROLES:
        raise PermissionDenied(_("Vai trò của bạn không cập nhật được thông tin này."))
    flags, _created = DossierFlags.objects.select_for_update().get_or_create(
        dossier=dossier, defaults={"set_at": at or timezone.now()}
    )
    if paid_online is not None:
        flags.paid_online = paid_online
    if reused_digitised is not None:
        flags.reused_digitised = reused_digitised
    flags.set_by = officer
    flags.set_at = at or timezone.now()
    flags.save()
    return flags
