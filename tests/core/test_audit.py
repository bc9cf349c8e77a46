from __future__ import annotations

import pytest

from tdkt.core.audit import log_action, mask
from tdkt.core.enums import AuditAction
from tdkt.core.models import AppendOnlyError, AuditEntry


def test_audit_log_is_append_only(world):
    entry = log_action(world.users["admin"], AuditAction.UPDATE, world.unit_a, summary="thử")
    entry.summary = "sửa"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="sửa")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).summary == "thử"


def test_secrets_are_masked():
    assert mask({"password": "p", "api_token": "t", "name": "An"}) == {
        "password": "***",
        "api_token": "***",
        "name": "An",
    }


def test_login_is_audited(world, client):
    from tdkt.accounts.models import User

    user = User.objects.get(username="canbo.a")
    user.set_password("mật-khẩu-đủ-dài-1")
    user.save()
    response = client.post("/dang-nhap/", {"username": "canbo.a", "password": "mật-khẩu-đủ-dài-1"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN, actor=user).exists()


def test_login_is_throttled_after_repeated_failures(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/dang-nhap/", {"username": "canbo.a", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "canbo.a", "password": "x"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() >= settings.AXES_FAILURE_LIMIT


def test_database_refuses_to_update_an_audit_entry(world):
    from django.db import DatabaseError, connection, transaction

    entry = log_action(world.users["admin"], AuditAction.UPDATE, world.unit_a, summary="thử")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET summary = 'sửa' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).summary == "thử"


def test_notify_creates_notices_and_mails_after_commit(world, django_capture_on_commit_callbacks, mailoutbox):
    from tdkt.core.notify import mark_read, notify, unread_count

    officer = world.users["officer_a"]
    officer.email = "canbo.a@example.gov.vn"
    officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify([officer, officer, world.users["officer_b"]], title="Nộp báo cáo sơ kết", url="/bao-cao/1/")
    assert unread_count(officer) == 1 and unread_count(world.users["officer_b"]) == 1
    assert [m.to for m in mailoutbox] == [["canbo.a@example.gov.vn"]]
    assert mark_read(officer) == 1 and unread_count(officer) == 0
    assert unread_count(world.users["officer_b"]) == 1  # only one's own
