"""Word postings for the province-wide name search (see tdkt.org.search); they replace the FTS5 index (SQLite)
and the pg_trgm index (PostgreSQL) of migration 0002, which the planners could not use for a sorted, limited
search. Existing people are indexed here."""

import django.db.models.deletion
from django.db import migrations, models

from tdkt.core.dbsql import per_vendor

# What an earlier version of migration 0002 made, dropped where it exists.
DROP_OLD_INDEXES = {
    "postgresql": ["DROP INDEX IF EXISTS person_name_search_trgm"],
    "sqlite": [
        "DROP TRIGGER IF EXISTS org_person_fts_ai",
        "DROP TRIGGER IF EXISTS org_person_fts_ad",
        "DROP TRIGGER IF EXISTS org_person_fts_au",
        "DROP TABLE IF EXISTS org_person_fts",
    ],
}
BATCH = 5000


def index_existing_people(apps, schema_editor):
    Person = apps.get_model("org", "Person")
    PersonNameWord = apps.get_model("org", "PersonNameWord")
    NameWord = apps.get_model("org", "NameWord")
    counts: dict[str, int] = {}
    last = 0
    while True:
        chunk = list(
            Person.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "name_search", "name_sort")[:BATCH]
        )
        if not chunk:
            break
        postings = []
        for pk, name_search, name_sort in chunk:
            for word in sorted(set(name_search.split())):
                postings.append(
                    PersonNameWord(person_id=pk, word=word, name_sort=name_sort, name_search=name_search)
                )
                counts[word] = counts.get(word, 0) + 1
        PersonNameWord.objects.bulk_create(postings, batch_size=2000)
        last = chunk[-1][0]
    NameWord.objects.bulk_create(
        [NameWord(word=w, people=n) for w, n in sorted(counts.items())], batch_size=2000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0003_person_covering_sort_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="NameWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=60, unique=True)),
                ("people", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="PersonNameWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=60)),
                ("name_sort", models.CharField(max_length=1024)),
                ("name_search", models.CharField(max_length=160)),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="org.person"
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["word", "name_sort", "person", "name_search"], name="person_word_walk"
                    )
                ],
            },
        ),
        migrations.RunPython(per_vendor(DROP_OLD_INDEXES), migrations.RunPython.noop),
        migrations.RunPython(index_existing_people, migrations.RunPython.noop),
    ]
