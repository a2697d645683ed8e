"""The events' (action, at) index carries the dossier too: the reports count events per receiving
agency and field from the index alone. Created before the old one is dropped; neither statement
rebuilds the table (SQLite keeps its append-only triggers)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0012_reports_flags"),
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
    ]
