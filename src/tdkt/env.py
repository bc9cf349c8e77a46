"""Typed reading of ``TDKT_*`` environment variables.

Every setting comes from the environment (STYLE.md habit 11). A junk value must stop the program with one line
that names the variable and what it accepts, never with a traceback deep inside Django; ``tdkt.__main__``
catches :class:`SettingsError` and prints its message.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TypeVar

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SettingsError(Exception):
    """A ``TDKT_*`` variable holds a value the project cannot use."""


class Env:
    """Reads ``TDKT_*`` variables from a mapping (``os.environ`` by default)."""

    prefix = "TDKT_"

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def _raw(self, name: str) -> str | None:
        return self.environ.get(self.prefix + name)

    def _parse(self, name: str, default: T, parse: Callable[[str], T], expected: str) -> T:
        raw = self._raw(name)
        if raw is None:
            return default
        try:
            return parse(raw.strip())
        except (ValueError, TypeError):
            raise SettingsError(f"{self.prefix}{name}={raw!r} không hợp lệ: cần {expected}.") from None

    def string(self, name: str, default: str) -> str:
        raw = self._raw(name)
        return default if raw is None else raw.strip()

    def boolean(self, name: str, default: bool) -> bool:
        def parse(value: str) -> bool:
            lowered = value.lower()
            if lowered in _TRUE:
                return True
            if lowered in _FALSE:
                return False
            raise ValueError(value)

        return self._parse(name, default, parse, "true/false (1/0, yes/no, on/off)")

    def integer(
        self, name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
    ) -> int:
        def parse(value: str) -> int:
            number = int(value)
            if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
                raise ValueError(value)
            return number

        bounds = f" trong khoảng {minimum}–{maximum}" if minimum is not None and maximum is not None else ""
        return self._parse(name, default, parse, f"một số nguyên{bounds}")

    def strings(self, name: str, default: list[str]) -> list[str]:
        raw = self._raw(name)
        if raw is None:
            return default
        return [item.strip() for item in raw.split(",") if item.strip()]

    def choice(self, name: str, default: str, choices: list[str] | tuple[str, ...]) -> str:
        def parse(value: str) -> str:
            if value not in choices:
                raise ValueError(value)
            return value

        return self._parse(name, default, parse, "một trong " + ", ".join(choices))
