from decimal import Decimal

from django.db import migrations


def load(apps, schema_editor):
    from motcua.reports.weights import WEIGHTS

    IndexWeight = apps.get_model("reports", "IndexWeight")
    for code, group, points, full_at, confirmed in WEIGHTS:
        IndexWeight.objects.update_or_create(
            code=code,
            defaults={
                "group": group,
                "max_points": Decimal(points),
                "full_at": Decimal(full_at),
                "confirmed": confirmed,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
