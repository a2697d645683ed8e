"""The supplement SMS names the documents and carries the citizen's link (issue 12): rows still holding
the old default text get the new one; a text staff edited is left alone."""

from django.db import migrations

KEY, CHANNEL = "dossier_supplement_requested", "SMS"
OLD = "Hồ sơ {code} cần bổ sung: {reason}. Thời hạn giải quyết tạm dừng đến khi nhận đủ giấy tờ."
NEW = "Hồ sơ cần bổ sung: {documents_short}. Xem lý do, nộp tại {url}"


def forwards(apps, schema_editor):
    apps.get_model("notifications", "MessageTemplate").objects.filter(key=KEY, channel=CHANNEL, text=OLD).update(
        text=NEW, placeholders="documents_short, url, code"
    )


def backwards(apps, schema_editor):
    apps.get_model("notifications", "MessageTemplate").objects.filter(key=KEY, channel=CHANNEL, text=NEW).update(
        text=OLD, placeholders="code, reason"
    )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_sweeper_schedule")]
    operations = [migrations.RunPython(forwards, backwards)]
