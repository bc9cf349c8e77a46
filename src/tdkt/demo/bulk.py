"""Bulk loading for the generator: plain rows into a table, without building a model instance per row.

``bulk_create`` costs tens of microseconds a row (an instance, its field defaults, its adapted values): a
province of a million people with ten years of history is tens of millions of rows. Here rows are tuples, ids
are taken from the table's own sequence, and they go in with ``COPY`` on PostgreSQL and ``executemany`` on
SQLite. Fields a caller does not give get their model default (timestamps: now), so the rows are those
``bulk_create`` would write. Call inside ``transaction.atomic()``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys of ``model``'s table, taken so that no other writer can get them."""
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction is IMMEDIATE (settings), so it holds the write lock: nobody else inserts until
        # it ends. AUTOINCREMENT keys never go below the table's recorded sequence.
        cursor.execute(f'SELECT max(id) FROM "{table}"')
        top = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(top, row[0] if row else 0) + 1
    return list(range(start, start + count))


def _adapted_default(field: models.Field[Any, Any], now: datetime.datetime) -> Any:
    if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
        value: Any = now
    else:
        value = field.get_default()
    return field.get_db_prep_save(value, connection)


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert ``rows`` (values in the order of ``columns``, attribute names such as ``person_id``) into
    ``model``'s table; the other concrete fields get their defaults. Dates may be ``datetime.date``."""
    meta = model._meta
    fields = {f.attname: f for f in meta.concrete_fields}
    unknown = set(columns) - set(fields)
    if unknown:
        raise ValueError(f"{meta.label}: no column {', '.join(sorted(unknown))}")
    now = timezone.now()
    rest = [f for name, f in fields.items() if name not in columns and not f.primary_key]
    names = [fields[c].column for c in columns] + [f.column for f in rest]
    tail = tuple(_adapted_default(f, now) for f in rest)
    quoted = ", ".join(f'"{n}"' for n in names)
    table = meta.db_table
    count = 0
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as wrapper,
            wrapper.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy,
        ):
            for row in rows:
                copy.write_row((*row, *tail))
                count += 1
        return count
    dates = [
        i
        for i, c in enumerate(columns)
        if isinstance(fields[c], models.DateField) and not isinstance(fields[c], models.DateTimeField)
    ]
    sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(names))})'

    def adapted() -> Iterable[tuple[Any, ...]]:
        nonlocal count
        for row in rows:
            count += 1
            if dates:
                row = list(row)
                for i in dates:
                    value = row[i]
                    if value is not None:
                        row[i] = value.isoformat()
            yield (*row, *tail)

    connection.ensure_connection()
    raw = connection.connection.cursor()
    try:
        raw.executemany(sql, adapted())
    finally:
        raw.close()
    return count
