"""The portal's two starting categories, so that a new installation can publish at once (Phòng TĐKT may rename,
reorder or add categories in the admin)."""

from django.db import migrations

DEFAULT_CATEGORIES = [
    ("Tin trong tỉnh", "tin-trong-tinh", 10),
    ("Hoạt động các Khối thi đua", "hoat-dong-cac-khoi-thi-dua", 20),
]


def add_categories(apps, schema_editor):
    Category = apps.get_model("portal", "Category")
    for name, slug, order in DEFAULT_CATEGORIES:
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


def remove_categories(apps, schema_editor):
    Category = apps.get_model("portal", "Category")
    Category.objects.filter(
        slug__in=[slug for _, slug, _ in DEFAULT_CATEGORIES], articles__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(add_categories, remove_categories)]
