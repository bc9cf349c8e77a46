"""Document numbers from a register per issuer, kind and year: consecutive, no gap, no duplicate.

Nghị định 30/2020/NĐ-CP (Điều 15 and Phụ lục I, II.3): a document's number is its place in the issuer's
register, counted from 01 on 1 January of each year; a council or board using the agency's seal keeps its own
series. :func:`take_number` hands out the next number of one series. It must run inside the transaction that
issues the document: the counter row is locked (``select_for_update``) until that transaction ends, so two
concurrent issues wait for each other and get consecutive numbers, and an issue that fails rolls its number back
with it — the next issue reuses it, and the register has no gap.

Any app numbers its documents here (award decisions today, the documents app later), naming the issuer with
:func:`issuer_key` so that one issuer's series is shared whatever app issues.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, models

from tdkt.core.models import NumberSeries


class NotInTransaction(RuntimeError):
    """take_number was called outside a transaction: the number could not be tied to the issue."""


def issuer_key(issuer: models.Model | str) -> str:
    """A stable key for an issuer: a model row becomes ``"<app>.<model>:<pk>"`` (``"org.unit:12"``)."""
    if isinstance(issuer, str):
        return issuer
    if issuer.pk is None:
        raise ValueError("Cơ quan ban hành chưa được lưu.")
    return f"{issuer._meta.label_lower}:{issuer.pk}"


def take_number(issuer: models.Model | str, kind: str, year: int) -> int:
    """The next number of ``issuer``'s series of ``kind`` documents in ``year`` (1 for the first).

    Call it inside ``transaction.atomic()``, as the last step before writing the document: the series row stays
    locked until the transaction commits or rolls back.
    """
    if not connection.in_atomic_block:
        raise NotInTransaction("take_number phải được gọi trong giao dịch phát hành văn bản.")
    key = issuer_key(issuer)
    # Create the series row if it is missing; a concurrent creator makes this a no-op, never an error.
    NumberSeries.objects.bulk_create([NumberSeries(issuer=key, kind=kind, year=year)], ignore_conflicts=True)
    series = NumberSeries.objects.select_for_update().get(issuer=key, kind=kind, year=year)
    series.last += 1
    series.save(update_fields=["last"])
    return series.last


def last_number(issuer: models.Model | str, kind: str, year: int) -> int:
    """The last number given in a series (0 if none): for display, never to compute the next one."""
    found: Any = (
        NumberSeries.objects.filter(issuer=issuer_key(issuer), kind=kind, year=year)
        .values_list("last", flat=True)
        .first()
    )
    return int(found or 0)
