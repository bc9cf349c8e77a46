"""Admin pages write through :mod:`tdkt.core.services`, so the admin is audited like every other path."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from tdkt.core.audit import snapshot
from tdkt.core.services import delete_record, save_record


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        before = None
        if change and obj.pk is not None:
            original = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = snapshot(original) if original is not None else None
        save_record(request.user, obj, created=not change, before=before)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        delete_record(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            delete_record(request.user, obj)
