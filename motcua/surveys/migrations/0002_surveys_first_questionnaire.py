"""Version 1 of the questionnaire, published: the seed plan's six criteria (DOMAIN §6)."""

from django.db import migrations
from django.utils import timezone

# A frozen copy of motcua.surveys.questionnaire.QUESTIONNAIRE as it was when this migration was
# written would be safer against later edits; the module is data only and edits make a new version
# through the admin, never by changing it, so reading it here is stable.
from motcua.surveys.questionnaire import QUESTIONNAIRE


def load(apps, schema_editor):
    Version = apps.get_model("surveys", "QuestionnaireVersion")
    Criterion = apps.get_model("surveys", "Criterion")
    Question = apps.get_model("surveys", "Question")
    if Version.objects.exists():
        return
    version = Version.objects.create(number=1, status="PUBLISHED", published_at=timezone.now())
    for order, (code, name, name_en, questions) in enumerate(QUESTIONNAIRE, start=1):
        criterion = Criterion.objects.create(version=version, code=code, order=order, name=name, name_en=name_en)
        for q_order, (q_code, text, text_en) in enumerate(questions, start=1):
            Question.objects.create(criterion=criterion, code=q_code, order=q_order, text=text, text_en=text_en)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
