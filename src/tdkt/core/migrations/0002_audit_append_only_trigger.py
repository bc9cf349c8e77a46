"""The database itself refuses to rewrite history: UPDATE on the audit log fails on both databases.

DELETE stays possible (the test runner's flush, an operator's retention job); the ORM refuses it anyway.
"""

from django.db import migrations

from tdkt.core.dbsql import per_vendor

FORWARD = {
    "postgresql": [
        "CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'Nhật ký hệ thống chỉ được ghi thêm (audit log is append-only)'; END; "
        "$$ LANGUAGE plpgsql",
        "CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry "
        "FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only()",
    ],
    "sqlite": [
        "CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry BEGIN "
        "SELECT RAISE(ABORT, 'Nhật ký hệ thống chỉ được ghi thêm (audit log is append-only)'); END",
    ],
}
BACKWARD = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry",
        "DROP FUNCTION IF EXISTS core_auditentry_append_only()",
    ],
    "sqlite": ["DROP TRIGGER IF EXISTS core_auditentry_no_update"],
}


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(per_vendor(FORWARD), per_vendor(BACKWARD))]
