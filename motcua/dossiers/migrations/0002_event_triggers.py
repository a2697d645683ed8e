"""Dossier events are append-only: the database itself refuses UPDATE, and DELETE while the
dossier exists (so purging a whole dossier under a retention rule stays possible)."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER dossier_event_no_update BEFORE UPDATE ON dossiers_dossierevent
       BEGIN SELECT RAISE(ABORT, 'dossier events are append-only'); END""",
    """CREATE TRIGGER dossier_event_no_delete BEFORE DELETE ON dossiers_dossierevent
       WHEN EXISTS (SELECT 1 FROM dossiers_dossier WHERE id = OLD.dossier_id)
       BEGIN SELECT RAISE(ABORT, 'dossier events are append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS dossier_event_no_update",
    "DROP TRIGGER IF EXISTS dossier_event_no_delete",
]
POSTGRES = [
    """CREATE FUNCTION dossier_event_refuse_change() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'UPDATE' OR EXISTS (SELECT 1 FROM dossiers_dossier WHERE id = OLD.dossier_id) THEN
           RAISE EXCEPTION 'dossier events are append-only';
         END IF;
         RETURN OLD;
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER dossier_event_append_only BEFORE UPDATE OR DELETE ON dossiers_dossierevent
       FOR EACH ROW EXECUTE FUNCTION dossier_event_refuse_change()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS dossier_event_append_only ON dossiers_dossierevent",
    "DROP FUNCTION IF EXISTS dossier_event_refuse_change()",
]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
