from django.db import migrations


def load(apps, schema_editor):
    from motcua.reports.weights import weights_load

    weights_load(apps.get_model("reports", "IndexWeight"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
