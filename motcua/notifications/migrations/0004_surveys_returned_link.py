"""Issue 16: the return SMS ends with the satisfaction survey's link (and the e-mail carries it).
Rows still holding the old default text get the new one; a text staff edited is left alone (they
add `{survey_url}` themselves: the message-template page lists it)."""

from django.db import migrations

# (channel, old text, old placeholders, new text, new placeholders)
CHANGES = [
    (
        "SMS",
        "Hồ sơ {code} đã trả kết quả ngày {date}. Cảm ơn ông/bà đã sử dụng dịch vụ.",
        "code, date",
        "Hồ sơ {code} đã trả kết quả {date}. Mời đánh giá:\n{survey_url}",
        "code, date, survey_url",
    ),
    (
        "EMAIL",
        "Kính gửi ông/bà,\n\nKết quả hồ sơ {code} ({procedure}) đã được trả ngày {date}.\n"
        "Cảm ơn ông/bà đã sử dụng dịch vụ.\n\nTrân trọng.",
        "code, procedure, date",
        "Kính gửi ông/bà,\n\nKết quả hồ sơ {code} ({procedure}) đã được trả ngày {date}.\n"
        "Cảm ơn ông/bà đã sử dụng dịch vụ. Mời ông/bà đánh giá mức độ hài lòng tại:\n{survey_url}\n\nTrân trọng.",
        "code, procedure, date, survey_url",
    ),
]


def forwards(apps, schema_editor):
    templates = apps.get_model("notifications", "MessageTemplate").objects
    for channel, old, _old_names, new, names in CHANGES:
        templates.filter(key="dossier_returned", channel=channel, text=old).update(text=new, placeholders=names)


def backwards(apps, schema_editor):
    templates = apps.get_model("notifications", "MessageTemplate").objects
    for channel, old, old_names, new, _names in CHANGES:
        templates.filter(key="dossier_returned", channel=channel, text=new).update(text=old, placeholders=old_names)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_dossier_sms_texts")]
    operations = [migrations.RunPython(forwards, backwards)]
