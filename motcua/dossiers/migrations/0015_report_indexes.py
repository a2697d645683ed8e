"""Indexes for the reports at scale: the events' (action, at) index carries the dossier too, so the
reports count events per receiving agency and field from the index alone (created before the old
one is dropped; neither statement rebuilds the table, so SQLite keeps its append-only triggers);
and a partial index of the open dossiers by receipt, for "in progress / overdue at the end".

On PostgreSQL a plain CREATE INDEX blocks writes to the events table while it builds (not timed
here on its own; part of a 2.8-million-event migration run): apply it outside office hours on a large
installation. SQLite, the default, takes no such care."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0014_dossier_handling_fill"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossierevent",
            index=models.Index(fields=["action", "at", "dossier"], name="dossier_event_action_at_doss"),
        ),
        migrations.RemoveIndex(
            model_name="dossierevent",
            name="dossier_event_action_at",
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(("finished_at__isnull", True)),
                fields=["received_at"],
                name="dossier_open_received",
            ),
        ),
    ]
