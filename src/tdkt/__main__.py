"""``tdkt``: the project's command (Django's manage.py), with one-line errors for bad configuration.

A wrong environment value, a database that cannot be reached or one that was never migrated stops the command
with one clear line on standard error and exit code 2, not a traceback.
"""

from __future__ import annotations

import os
import secrets
import sys

# Commands that only need settings, not a working database.
_NO_DATABASE = {
    "help",
    "--help",
    "-h",
    "version",
    "--version",
    "check",
    "makemigrations",
    "compilemessages",
    "makemessages",
    "collectstatic",
    "diffsettings",
    "lint-imports",
    "showmigrations",
    "test",
    "sqlmigrate",
    # read only the rulesets shipped with the code
    "eligibility",
    "bonus",
}
# Commands that sign, encrypt and serve nothing (the law shipped with the code, and developers' tools): they run
# without the deployment's secret key (a throwaway one is made up for the process), so that anyone can ask
# ``tdkt bonus`` or check migrations on a fresh checkout.
_NO_SECRET = {
    "eligibility",
    "bonus",
    "makemigrations",
    "makemessages",
    "compilemessages",
    "showmigrations",
    "sqlmigrate",
    "help",
    "--help",
    "-h",
    "version",
    "--version",
}
# Commands that create or reset the schema, so they need a connection but not an up-to-date schema.
_SCHEMA_COMMANDS = {"migrate", "flush", "dbshell", "createcachetable", "sqlflush"}


class StartupError(Exception):
    """A problem that stops the command before Django runs it."""


def _load_settings() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    from tdkt.env import SettingsError

    try:
        import django

        django.setup()
    except SettingsError as exc:
        raise StartupError(str(exc)) from None


def _check_database(command: str) -> None:
    from django.conf import settings
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    db = settings.DATABASES["default"]
    where = f"{connection.vendor} {db.get('NAME')}"
    if connection.vendor == "sqlite":
        os.makedirs(os.path.dirname(str(db["NAME"])) or ".", exist_ok=True)
    try:
        connection.ensure_connection()
        if command in _SCHEMA_COMMANDS:
            return
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StartupError(
            f"Không kết nối được cơ sở dữ liệu ({where}): {reason}. Kiểm tra TDKT_DATABASE_URL."
        ) from None
    if pending:
        raise StartupError(
            f"Cơ sở dữ liệu ({where}) chưa được tạo hoặc chưa cập nhật ({len(pending)} migration chưa chạy): "
            "chạy 'tdkt migrate' (hoặc 'make run')."
        )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    if not command.startswith("-") and "-" in command:
        # `tdkt render-samples` runs the command module render_samples (Python module names take no hyphen).
        command = argv[1] = command.replace("-", "_")
    if command in _NO_SECRET and not os.environ.get("TDKT_SECRET_KEY"):
        os.environ["TDKT_SECRET_KEY"] = secrets.token_urlsafe(50)
    try:
        _load_settings()
        if command not in _NO_DATABASE:
            _check_database(command)
    except StartupError as exc:
        print(f"tdkt: {exc}", file=sys.stderr)
        return 2
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
