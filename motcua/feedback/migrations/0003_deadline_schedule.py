"""The daily q2 schedule of the petition reminders, at 07:05 local time (after `check_deadlines`)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations
from django.utils import timezone

NAME = "motcua.check_petition_deadlines"


def next_run() -> datetime:
    tz = ZoneInfo(settings.TIME_ZONE)
    now = timezone.now().astimezone(tz)
    run = datetime.combine(now.date(), time(7, 5), tzinfo=tz)
    return run if run > now else run + timedelta(days=1)


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={
            "func": "motcua.feedback.tasks.check_petition_deadlines",
            "schedule_type": "C",
            "cron": "5 7 * * *",
            "repeats": -1,
            "next_run": next_run(),
        },
    )


def drop_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_event_triggers"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(create_schedule, drop_schedule)]
