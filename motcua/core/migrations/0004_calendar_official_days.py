"""Load the official 2022–2026 days off and make-up days from the project's own copy of the data.

Source statuses: `confirmed` and `derived` (the law applied to an announced schedule) load as
CONFIRMED; the one `reported` row (24/11/2026) loads as a CONFIRMED day off flagged
`needs_review` so an administrator checks it against the official notice; `makeup` rows go to
MakeUpWorkday.
"""

import csv
import datetime
import secrets
from pathlib import Path

from django.db import migrations
from django.utils import timezone

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "vn-days-off-2022-2026.csv"
KINDS = {"holiday": "HOLIDAY", "compensatory": "COMPENSATORY", "bridge": "BRIDGE"}


def load_days(apps, schema_editor):
    Holiday = apps.get_model("core", "Holiday")
    MakeUpWorkday = apps.get_model("core", "MakeUpWorkday")
    CalendarVersion = apps.get_model("core", "CalendarVersion")
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            day = datetime.date.fromisoformat(row["date"])
            if row["kind"] == "makeup":
                MakeUpWorkday.objects.update_or_create(
                    date=day, defaults={"name": row["name"], "status": "CONFIRMED"}
                )
                continue
            Holiday.objects.update_or_create(
                date=day,
                defaults={
                    "kind": KINDS[row["kind"]],
                    "name": row["name"],
                    "status": "CONFIRMED",
                    "needs_review": row["status"] == "reported",
                },
            )
    CalendarVersion.objects.update_or_create(
        id=1, defaults={"stamp": secrets.token_hex(16), "changed_at": timezone.now()}
    )


def unload_days(apps, schema_editor):
    years = range(2022, 2027)
    apps.get_model("core", "Holiday").objects.filter(date__year__in=years).delete()
    apps.get_model("core", "MakeUpWorkday").objects.filter(date__year__in=years).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_calendar")]
    operations = [migrations.RunPython(load_days, unload_days)]
