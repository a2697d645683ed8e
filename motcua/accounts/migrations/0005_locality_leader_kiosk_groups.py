from django.db import migrations

# The roles CONTRACTS §5 added: the locality leader (reports, read only) and a desk's kiosk.
GROUPS = ["Lãnh đạo UBND", "Máy đánh giá tại quầy"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_merge")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
