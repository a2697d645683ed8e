"""Issue 12: the supplement SMS names the documents and carries the citizen's link; the receipt SMS
says how the due time was counted. Rows still holding an old default text get the new one; a text
staff edited is left alone."""

from django.db import migrations

# key: (old text, old placeholders, new text, new placeholders)
CHANGES = {
    "dossier_supplement_requested": (
        "Hồ sơ {code} cần bổ sung: {reason}. Thời hạn giải quyết tạm dừng đến khi nhận đủ giấy tờ.",
        "code, reason",
        "Hồ sơ cần bổ sung: {documents_short}. Xem lý do, nộp tại {url}",
        "documents_short, url, code",
    ),
    "dossier_received": (
        "Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả: {due}. Tra cứu: soạn {keyword} {code} gửi {short_code}.",
        "code, due, keyword, short_code",
        "Hồ sơ {code} đã tiếp nhận, hẹn trả {due} ({due_basis}). Tra cứu: soạn {keyword} {code} gửi {short_code}.",
        "code, due, due_basis, keyword, short_code",
    ),
}


def forwards(apps, schema_editor):
    templates = apps.get_model("notifications", "MessageTemplate").objects
    for key, (old, _old_names, new, names) in CHANGES.items():
        templates.filter(key=key, channel="SMS", text=old).update(text=new, placeholders=names)


def backwards(apps, schema_editor):
    templates = apps.get_model("notifications", "MessageTemplate").objects
    for key, (old, old_names, new, _names) in CHANGES.items():
        templates.filter(key=key, channel="SMS", text=new).update(text=old, placeholders=old_names)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_sweeper_schedule")]
    operations = [migrations.RunPython(forwards, backwards)]
