"""The daily schedules call the thin task functions of `motcua.dossiers.tasks` (the reminders moved
from `processing` to `deadlines`)."""

from django.db import migrations

FUNCS = {
    "motcua.check_deadlines": ("motcua.dossiers.processing.deadlines_check", "motcua.dossiers.tasks.check_deadlines"),
    "motcua.expire_guided": ("motcua.dossiers.online.guided_expire", "motcua.dossiers.tasks.expire_guided"),
}


def forwards(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, (_old, new) in FUNCS.items():
        Schedule.objects.filter(name=name).update(func=new)


def backwards(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, (old, _new) in FUNCS.items():
        Schedule.objects.filter(name=name).update(func=old)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0006_result_file"), ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more")]
    operations = [migrations.RunPython(forwards, backwards)]
