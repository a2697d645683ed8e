"""The result file attached at `mark_ready` for a dossier without an online record (an online
dossier keeps it in `OnlineSubmission.result_file`).

SQLite adds the column by rebuilding the dossier table, which the append-only trigger of `0002`
(its DELETE guard reads `dossiers_dossier`) would break: the trigger is dropped for the rebuild and
created again. PostgreSQL adds the column in place."""

from django.db import migrations, models

GUARD_SQL = """CREATE TRIGGER dossier_event_no_delete BEFORE DELETE ON dossiers_dossierevent
       WHEN EXISTS (SELECT 1 FROM dossiers_dossier WHERE id = OLD.dossier_id)
       BEGIN SELECT RAISE(ABORT, 'dossier events are append-only'); END"""


def drop_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS dossier_event_no_delete")


def create_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS dossier_event_no_delete")
        schema_editor.execute(GUARD_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0005_online_submission"),
    ]

    operations = [
        migrations.RunPython(drop_guard, create_guard),
        migrations.AddField(
            model_name="dossier",
            name="result_file",
            field=models.FileField(
                blank=True, max_length=255, upload_to="dossiers/results/%Y/%m/", verbose_name="tệp kết quả"
            ),
        ),
        migrations.RunPython(create_guard, drop_guard),
    ]
