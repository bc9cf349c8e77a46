"""Persona tests: who may read and change which unit's people. Outsiders get 404, never a hint."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tdkt.core.models import AuditEntry
from tdkt.org import services as org_services
from tdkt.org.queries import people_for_user, search_people

# persona -> may read person A (of unit A)
READ_PERSON_A = {
    "admin": True,
    "officer_a": True,
    "leader_a": True,
    "viewer_a": True,
    "block_head": True,
    "council": True,
    "officer_b": False,
    "officer_c": False,
}


@pytest.mark.parametrize(("persona", "allowed"), READ_PERSON_A.items())
def test_person_page_by_persona(world, persona, allowed):
    response = world.client(persona).get(reverse("web:person_detail", args=[world.person_a.pk]))
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        assert "Đặng Thị Ánh Tuyết" in response.content.decode()


def test_anonymous_is_sent_to_login_for_people(world):
    response = world.client("anonymous").get(reverse("web:person_detail", args=[world.person_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "sees_people"), [("officer_a", True), ("officer_b", False), ("admin", True)]
)
def test_unit_page_shows_staff_list_only_to_those_allowed(world, persona, sees_people):
    response = world.client(persona).get(reverse("web:unit_detail", args=[world.unit_a.pk]))
    assert response.status_code == 200  # units are public facts of the province
    assert ("Đặng Thị Ánh Tuyết" in response.content.decode()) is sees_people


def test_visibility_query_scopes_to_own_unit(world):
    assert set(people_for_user(world.users["officer_b"])) == {world.person_b}
    assert world.person_a in set(people_for_user(world.users["admin"]))
    assert world.person_b in set(people_for_user(world.users["council"]))


def test_search_never_leaks_another_units_people(world):
    assert search_people(world.users["officer_b"], "dang thi anh tuyet") == []
    assert search_people(world.users["officer_a"], "dang thi anh tuyet") == [world.person_a]


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("officer_a", True),
        ("admin", True),
        ("leader_a", False),
        ("viewer_a", False),
        ("officer_b", False),
        ("council", False),
    ],
)
def test_update_person_permission(world, persona, allowed):
    user = world.users[persona]
    before = AuditEntry.objects.count()
    if allowed:
        org_services.update_person(user, world.person_a, full_name="Đặng Thị Ánh Tuyết Mai")
        world.person_a.refresh_from_db()
        assert world.person_a.given_name == "Mai"
        assert AuditEntry.objects.count() == before + 1
        entry = AuditEntry.objects.first()
        assert entry.actor == user and entry.before["full_name"] == "Đặng Thị Ánh Tuyết"
    else:
        with pytest.raises(PermissionDenied):
            org_services.update_person(user, world.person_a, full_name="Người Khác Tên")
        world.person_a.refresh_from_db()
        assert world.person_a.full_name == "Đặng Thị Ánh Tuyết"
        assert AuditEntry.objects.count() == before


def test_officer_cannot_add_people_to_another_unit(world):
    with pytest.raises(PermissionDenied):
        org_services.create_person(
            world.users["officer_b"], unit=world.unit_a, full_name="Trần Văn An", gender="male"
        )
    assert not world.unit_a.people.filter(full_name="Trần Văn An").exists()


def test_bad_person_input_is_refused_and_nothing_written(world):
    from django.core.exceptions import ValidationError

    count = world.unit_a.people.count()
    with pytest.raises(ValidationError):
        org_services.create_person(
            world.users["officer_a"], unit=world.unit_a, full_name="Tuyết", gender="female"
        )
    with pytest.raises(ValidationError):
        org_services.create_person(
            world.users["officer_a"], unit=world.unit_a, full_name="Trần Văn An", gender="unknown"
        )
    assert world.unit_a.people.count() == count
