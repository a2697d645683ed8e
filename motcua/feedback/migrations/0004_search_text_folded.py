import motcua.catalog.fields
from django.db import migrations


class Migration(migrations.Migration):
    """The search column becomes the catalogue's FoldedTextField (same column type), so the one search
    rule's PostgreSQL trigram lookup applies to petitions too. State only: SQLite would rebuild the
    table for an AlterField, which the append-only triggers on it forbid, and nothing changes in the
    database."""

    dependencies = [
        ("feedback", "0003_deadline_schedule"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="petition",
                    name="search_text",
                    field=motcua.catalog.fields.FoldedTextField(default="", editable=False),
                ),
            ],
            database_operations=[],
        ),
    ]
