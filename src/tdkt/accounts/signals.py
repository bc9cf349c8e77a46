"""Login and logout are audited. Signals are fine here: Django's auth emits them, no domain write hangs off them."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from tdkt.core.audit import log_action
from tdkt.core.enums import AuditAction


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    log_action(user, AuditAction.LOGIN, user)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        log_action(user, AuditAction.LOGOUT, user)


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    log_action(None, AuditAction.LOGIN_FAILED, summary=f"Tên đăng nhập: {username}")
