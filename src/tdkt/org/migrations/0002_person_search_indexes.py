"""Formerly: an FTS5 index (SQLite) and a pg_trgm GIN index (PostgreSQL) for the name search.

Migration 0004 replaced both by word postings and drops them where an earlier version of this migration made them;
this step now does nothing, so that a new database needs no FTS5 build and no right to create pg_trgm.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations: list[migrations.operations.base.Operation] = []
