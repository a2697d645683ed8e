"""The daily q2 schedule of the reform-plan reminders (reports due soon or overdue)."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

NAME = "motcua.plan_reminders"


def create_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=NAME,
        defaults={
            "func": "motcua.plans.tasks.send_plan_reminders",
            "schedule_type": "D",  # daily
            "repeats": -1,
            "next_run": timezone.now() + timedelta(minutes=10),
        },
    )


def drop_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(create_schedule, drop_schedule)]
