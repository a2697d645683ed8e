"""Data: the grades of the monthly staff evaluation and the bands of the 18-point handling total
(DOMAIN §7: 15–18 excellent, 12 to under 15 good, 9 to under 12 fair, 6 to under 9 average, under
6 weak), both editable in the admin; the q2 schedules (daily explanation reminders, the monthly
staff evaluation on the day after the reporting month's cut-off)."""

from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

GRADES = [
    ("XUAT_SAC", "Hoàn thành xuất sắc nhiệm vụ", 1),
    ("TOT", "Hoàn thành tốt nhiệm vụ", 2),
    ("HOAN_THANH", "Hoàn thành nhiệm vụ", 3),
    ("KHONG_HOAN_THANH", "Không hoàn thành nhiệm vụ", 4),
]
BANDS = [("Xuất sắc", "15"), ("Tốt", "12"), ("Khá", "9"), ("Trung bình", "6"), ("Yếu", "0")]
SCHEDULES = {
    "motcua.oversight_remind_explanations": ("motcua.oversight.tasks.remind_explanations", "D"),
    "motcua.oversight_staff_evaluations": ("motcua.oversight.tasks.fill_staff_evaluations", "M"),
}


def forwards(apps, schema_editor):
    Grade = apps.get_model("oversight", "EvaluationGrade")
    for code, label, rank in GRADES:
        Grade.objects.get_or_create(code=code, defaults={"label": label, "rank": rank})
    Band = apps.get_model("oversight", "HandlingBand")
    if not Band.objects.exists():
        for label, points in BANDS:
            Band.objects.create(label=label, min_points=points)
    Schedule = apps.get_model("django_q", "Schedule")
    today = timezone.localdate()
    # The day after the 14th (decree-09 cut-off) at 06:00; the monthly type repeats on that day.
    first = today.replace(day=15) if today.day < 15 else (today.replace(day=1) + timedelta(days=32)).replace(day=15)
    for name, (func, kind) in SCHEDULES.items():
        next_run = (
            datetime.combine(first, time(6, 0), tzinfo=timezone.get_current_timezone())
            if kind == "M"
            else datetime.combine(today + timedelta(days=1), time(7, 0), tzinfo=timezone.get_current_timezone())
        )
        Schedule.objects.update_or_create(
            name=name, defaults={"func": func, "schedule_type": kind, "repeats": -1, "next_run": next_run}
        )


def backwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=list(SCHEDULES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
