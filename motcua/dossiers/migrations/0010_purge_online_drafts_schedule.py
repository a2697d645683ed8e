"""The hourly q2 schedule of `purge_online_drafts`: files of online drafts abandoned before submitting
are deleted after `ONLINE_DRAFT_MAX_AGE_HOURS`."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

NAME = "motcua.purge_online_drafts"


def create_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=NAME,
        defaults={
            "func": "motcua.dossiers.tasks.purge_online_drafts",
            "schedule_type": "H",  # hourly
            "repeats": -1,
            "next_run": timezone.now() + timedelta(minutes=5),
        },
    )


def drop_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0009_fault_designation"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(create_schedule, drop_schedule)]
