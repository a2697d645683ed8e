"""A daily schedule that sends each leader their agency's report when a reporting period closes."""

from django.db import migrations
from django.utils import timezone


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name="motcua.send_closed_reports",
        defaults={
            "func": "motcua.reports.tasks.send_closed_reports",
            "schedule_type": "D",  # daily; sends only the day after a period ends
            "repeats": -1,
            "next_run": timezone.now(),
        },
    )


def drop_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="motcua.send_closed_reports").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_dispatch"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(create_schedule, drop_schedule)]
