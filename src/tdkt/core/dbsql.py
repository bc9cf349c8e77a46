"""Raw SQL per database vendor, for the few migrations that need a feature the ORM does not model
(triggers and the like)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any


def per_vendor(statements: Mapping[str, Sequence[str]]) -> Callable[[Any, Any], None]:
    """A RunPython callable executing the statements listed for the connection's vendor (none for others)."""

    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run
