"""The database itself refuses to change an issued decision or a register entry: UPDATE fails on both databases.

A correction is a new decision referring to the first (Decision.corrects) and cancelling its entries
(Cancellation). DELETE stays possible for the test runner's flush and the demo's reset; the ORM refuses it.
"""

from django.db import migrations

from tdkt.core.dbsql import per_vendor

TABLES = ("awards_decision", "awards_awardrecord", "awards_cancellation")
MESSAGE = "Quyết định đã ban hành không được sửa (issued decisions are immutable)"

FORWARD = {
    "postgresql": [
        "CREATE OR REPLACE FUNCTION awards_immutable() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql",
        *(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION awards_immutable()"
            for table in TABLES
        ),
    ],
    "sqlite": [
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        for table in TABLES
    ],
}
BACKWARD = {
    "postgresql": [
        *(f"DROP TRIGGER IF EXISTS {table}_no_update ON {table}" for table in TABLES),
        "DROP FUNCTION IF EXISTS awards_immutable()",
    ],
    "sqlite": [f"DROP TRIGGER IF EXISTS {table}_no_update" for table in TABLES],
}


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(per_vendor(FORWARD), per_vendor(BACKWARD))]
