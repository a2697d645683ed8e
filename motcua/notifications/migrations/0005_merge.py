from django.db import migrations


class Migration(migrations.Migration):
    """Joins two branches built side by side: report attachments and the survey link in the return SMS."""

    dependencies = [
        ("notifications", "0004_reports_attachments"),
        ("notifications", "0004_surveys_returned_link"),
    ]
    operations: list = []
