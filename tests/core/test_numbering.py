"""Document numbers: consecutive per issuer, kind and year; a failed issue gives its number back; concurrent
issues on PostgreSQL get distinct consecutive numbers with no gap."""

from __future__ import annotations

import random
import threading
import time

import pytest
from django.db import connection, connections, transaction

from tdkt.core.models import NumberSeries
from tdkt.core.numbering import NotInTransaction, issuer_key, last_number, take_number

POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: SQLite lets one writer at a time into the whole database, so there is no race to test",
)


def take(issuer, kind="QĐ", year=2025) -> int:
    with transaction.atomic():
        return take_number(issuer, kind, year)


def test_numbers_follow_each_other_per_issuer_kind_and_year(world):
    assert [take(world.unit_a) for _ in range(3)] == [1, 2, 3]
    assert take(world.unit_b) == 1  # another issuer has its own register
    assert take(world.unit_a, kind="TTr") == 1  # another kind of document too
    assert take(world.unit_a, year=2026) == 1  # and the count restarts each year
    assert take(world.unit_a) == 4
    assert last_number(world.unit_a, "QĐ", 2025) == 4
    assert issuer_key(world.unit_a) == f"org.unit:{world.unit_a.pk}"


def test_a_rolled_back_issue_gives_its_number_back(world):
    assert take(world.unit_a) == 1

    class Failed(Exception):
        pass

    with pytest.raises(Failed), transaction.atomic():
        assert take_number(world.unit_a, "QĐ", 2025) == 2
        raise Failed
    assert take(world.unit_a) == 2  # no gap in the register


@pytest.mark.django_db(transaction=True)
def test_a_number_is_only_taken_inside_the_issuing_transaction(world):
    with pytest.raises(NotInTransaction):
        take_number(world.unit_a, "QĐ", 2025)
    assert not NumberSeries.objects.exists()


@POSTGRES
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_consecutive_numbers_without_gap_or_duplicate(world):
    """Eight threads issue at once (two of them fail after taking their number and roll back): the numbers kept
    are exactly 1…6, each once."""
    workers, failing = 8, {2, 5}
    start = threading.Barrier(workers)
    kept: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    issuer = issuer_key(world.unit_a)

    class Failed(Exception):
        pass

    def issue(index: int) -> None:
        try:
            start.wait()
            try:
                with transaction.atomic():
                    number = take_number(issuer, "QĐ", 2025)
                    time.sleep(
                        random.uniform(0, 0.05)
                    )  # the rest of the issue, while the series stays locked
                    if index in failing:
                        raise Failed
                with lock:
                    kept.append(number)
            except Failed:
                pass
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(kept) == list(range(1, workers - len(failing) + 1))
    assert NumberSeries.objects.get(issuer=issuer).last == workers - len(failing)
