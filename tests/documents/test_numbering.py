"""The register of numbers: taken only at issue, per issuer, type and year, without gaps or duplicates."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction

from tdkt.awards.enums import DECISION_SERIES
from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry
from tdkt.core.numbering import take_number
from tdkt.documents.enums import Action
from tdkt.documents.models import IssuedNumber
from tdkt.documents.services import issue_number

DAY = datetime.date(2025, 2, 3)


def test_numbers_run_from_one_per_issuer_type_and_year(world: Any) -> None:
    take = lambda issuer, code, day=DAY: issue_number(  # noqa: E731
        SYSTEM, issuer=issuer, type_code=code, issued_on=day, summary="Về việc khen thưởng"
    )
    assert [take(world.unit_a, "QĐ").symbol for _ in range(3)] == [
        "01/QĐ-SKHĐT",
        "02/QĐ-SKHĐT",
        "03/QĐ-SKHĐT",
    ]
    assert take(world.unit_a, "BC").symbol == "01/BC-SKHĐT"
    assert take(world.unit_b, "QĐ").symbol == "01/QĐ-STP"
    assert take(world.block, "BC").symbol == "01/BC-KTMTH"
    assert take(world.unit_a, "QĐ", datetime.date(2026, 1, 2)).symbol == "01/QĐ-SKHĐT"
    assert take(world.unit_a, "QĐ").number == 4
    assert AuditEntry.objects.filter(action=Action.NUMBER_ISSUED).count() == 8


def test_an_issuer_has_one_series_of_decisions_whichever_app_numbers_them(world: Any) -> None:
    """Award decisions (tdkt.awards) and documents numbered here share the issuer's "QĐ" series."""
    with transaction.atomic():
        assert take_number(world.unit_a, DECISION_SERIES, DAY.year) == 1
    issued = issue_number(
        SYSTEM, issuer=world.unit_a, type_code="QĐ", issued_on=DAY, summary="Về việc khen thưởng"
    )
    assert issued.symbol == "02/QĐ-SKHĐT"
    with transaction.atomic():
        assert take_number(world.unit_a, DECISION_SERIES, DAY.year) == 3


def test_who_may_take_a_number(world: Any) -> None:
    issue_number(
        world.users["officer_a"], issuer=world.unit_a, type_code="BC", issued_on=DAY, summary="Báo cáo"
    )
    # unit A heads the block this year
    year_day = datetime.date(world.block.memberships.first().year, 3, 1)
    issue_number(
        world.users["leader_a"], issuer=world.block, type_code="BC", issued_on=year_day, summary="Báo cáo"
    )
    for persona, issuer in (
        ("officer_b", world.unit_a),
        ("officer_b", world.block),
        ("viewer_a", world.unit_a),
    ):
        with pytest.raises(PermissionDenied):
            issue_number(
                world.users[persona], issuer=issuer, type_code="BC", issued_on=year_day, summary="Báo cáo"
            )
    assert IssuedNumber.objects.count() == 2


def test_bad_requests_take_no_number(world: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        issue_number(SYSTEM, issuer=world.unit_a, type_code="XX", issued_on=DAY, summary="")
    assert set(refused.value.message_dict) == {"type_code", "summary"}
    assert issue_number(SYSTEM, issuer=world.unit_a, type_code="QĐ", issued_on=DAY, summary="A").number == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_distinct_numbers_without_gaps(world: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises writers (one IMMEDIATE transaction at a time): nothing concurrent to test"
        )
    results: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def worker() -> None:
        try:
            start.wait()
            for _ in range(5):
                issued = issue_number(
                    SYSTEM, issuer=world.unit_a, type_code="QĐ", issued_on=DAY, summary="Về việc khen thưởng"
                )
                results.append(issued.number)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == list(range(1, 41))
    assert sorted(IssuedNumber.objects.values_list("number", flat=True)) == list(range(1, 41))
