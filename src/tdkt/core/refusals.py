"""A service's refusal shown to the person who asked: every app's pages use these two, so a refusal reads the
same everywhere (STYLE: bad input gets a clear Vietnamese message and nothing is written).

Services raise :class:`~django.core.exceptions.ValidationError` (the request cannot be done as asked: the
message says why) or :class:`~django.core.exceptions.PermissionDenied` (not this person's to do)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _


def _denied(error: PermissionDenied) -> str:
    return str(error) or _("Bạn không có quyền thực hiện thao tác này.")


def show_errors(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    """The refusal as messages on the next page (an action without a form: a button, a redirect)."""
    if isinstance(error, PermissionDenied):
        messages.error(request, _denied(error))
        return
    for message in error.messages:
        messages.error(request, str(message))


def form_errors(form: Any, error: ValidationError | PermissionDenied) -> None:
    """The refusal on the form: each field's messages on that field when the form has it, the rest on top."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, _denied(error))
        return
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)
