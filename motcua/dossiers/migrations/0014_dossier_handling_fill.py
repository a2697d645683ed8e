"""The handling time (ADR 0028) of the dossiers whose result was marked ready before `0013` added
the columns, by the same rule `dossier_mark_ready` follows now (`dossiers.handling_time`), on the
working calendar as it stands. A database without such dossiers (a new one) reads no calendar."""

from django.db import migrations

from motcua.dossiers.handling_time import handling_measure
from motcua.dossiers.processing import handling_row

BATCH = 2_000


def forwards(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    with_result = (
        Dossier.objects.exclude(classification="")
        .filter(
            handling_used__isnull=True,
            received_at__isnull=False,
            clock_start_at__isnull=False,
            due_at__isnull=False,
            finished_at__isnull=False,
        )
        .select_related("procedure_version")
        .order_by("pk")
    )
    last = 0
    while batch := list(with_result.filter(pk__gt=last)[:BATCH]):
        for dossier, used in zip(batch, handling_measure([handling_row(d) for d in batch]), strict=True):
            dossier.handling_used, dossier.handling_allowed = used.used, used.allowed
        Dossier.objects.bulk_update(batch, ["handling_used", "handling_allowed"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_calendar_official_days"),
        ("dossiers", "0013_dossier_handling"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
