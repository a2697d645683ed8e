"""The five categories of the seed plan (data: an administrator may add, rename or reorder them) and,
on PostgreSQL, the trigram index on the publications' folded search column (as 0002 for procedures)."""

from django.db import migrations

CATEGORIES = [
    ("chinh-sach", "Chính sách, pháp luật", 1, False),
    ("ke-hoach", "Kế hoạch, chương trình", 2, False),
    ("ngan-sach", "Ngân sách", 3, False),
    ("quy-hoach", "Quy hoạch sử dụng đất, quy hoạch xây dựng", 4, False),
    ("tin-cai-cach", "Tin cải cách hành chính", 5, True),
]


def forwards(apps, schema_editor):
    Category = apps.get_model("catalog", "PublicationCategory")
    for code, name, order, is_news in CATEGORIES:
        Category.objects.get_or_create(code=code, defaults={"name": name, "order": order, "is_news": is_news})
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS catalog_publication_search_trgm "
            "ON catalog_publication USING gin (search_text gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalog_publication_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_publications_models")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
