"""Indexes for name search without diacritics (see tdkt.org.search).

PostgreSQL: a pg_trgm GIN index on the folded key serves ``LIKE '% word%'``.
SQLite: an FTS5 index over the folded key (external content, kept in step by triggers) serves word prefixes.
"""

from django.db import migrations

from tdkt.core.dbsql import per_vendor

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_name_search_trgm ON org_person USING gin (name_search gin_trgm_ops)",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS person_name_search_trgm"]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE org_person_fts USING fts5(name_search, content='org_person', content_rowid='id', "
    "tokenize='unicode61', prefix='1 2 3')",
    "CREATE TRIGGER org_person_fts_ai AFTER INSERT ON org_person BEGIN "
    "INSERT INTO org_person_fts(rowid, name_search) VALUES (new.id, new.name_search); END",
    "CREATE TRIGGER org_person_fts_ad AFTER DELETE ON org_person BEGIN "
    "INSERT INTO org_person_fts(org_person_fts, rowid, name_search) VALUES ('delete', old.id, old.name_search); END",
    "CREATE TRIGGER org_person_fts_au AFTER UPDATE OF name_search ON org_person BEGIN "
    "INSERT INTO org_person_fts(org_person_fts, rowid, name_search) VALUES ('delete', old.id, old.name_search); "
    "INSERT INTO org_person_fts(rowid, name_search) VALUES (new.id, new.name_search); END",
    "INSERT INTO org_person_fts(org_person_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS org_person_fts_ai",
    "DROP TRIGGER IF EXISTS org_person_fts_ad",
    "DROP TRIGGER IF EXISTS org_person_fts_au",
    "DROP TABLE IF EXISTS org_person_fts",
]


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations = [
        migrations.RunPython(
            per_vendor({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            per_vendor({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
