"""Demo data of the reports: the Decision 766 flags (fees paid online, digitised documents reused)
on some of the demo dossiers, so the index's 3.6 and 4.3 show numbers. Runs after the dossiers'
demo (INSTALLED_APPS order); setting a flag again changes nothing, so `seed_demo` stays idempotent."""

from __future__ import annotations

from django.db import transaction

from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_flags_set


@transaction.atomic
def seed() -> None:
    received = Dossier.objects.filter(received_at__isnull=False).select_related("received_by").order_by("pk")
    for index, dossier in enumerate(received):
        if dossier.received_by is None or index % 3:
            continue
        dossier_flags_set(
            dossier=dossier, officer=dossier.received_by, paid_online=index % 2 == 0, reused_digitised=True,
            at=dossier.received_at,
        )  # fmt: skip
