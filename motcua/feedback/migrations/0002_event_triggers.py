"""Petition events are append-only: the database refuses UPDATE, and DELETE while the petition
exists (the dossiers' pattern, migration dossiers 0002)."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER petition_event_no_update BEFORE UPDATE ON feedback_petitionevent
       BEGIN SELECT RAISE(ABORT, 'petition events are append-only'); END""",
    """CREATE TRIGGER petition_event_no_delete BEFORE DELETE ON feedback_petitionevent
       WHEN EXISTS (SELECT 1 FROM feedback_petition WHERE id = OLD.petition_id)
       BEGIN SELECT RAISE(ABORT, 'petition events are append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS petition_event_no_update",
    "DROP TRIGGER IF EXISTS petition_event_no_delete",
]
POSTGRES = [
    """CREATE FUNCTION petition_event_refuse_change() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'UPDATE' OR EXISTS (SELECT 1 FROM feedback_petition WHERE id = OLD.petition_id) THEN
           RAISE EXCEPTION 'petition events are append-only';
         END IF;
         RETURN OLD;
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER petition_event_append_only BEFORE UPDATE OR DELETE ON feedback_petitionevent
       FOR EACH ROW EXECUTE FUNCTION petition_event_refuse_change()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS petition_event_append_only ON feedback_petitionevent",
    "DROP FUNCTION IF EXISTS petition_event_refuse_change()",
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
    dependencies = [("feedback", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
