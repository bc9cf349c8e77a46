"""The English catalogue is complete and counts read as English counts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

import tdkt

CATALOGUE = Path(tdkt.__file__).parent / "locale" / "en" / "LC_MESSAGES"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_every_message_is_translated_and_none_is_fuzzy():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE / "django.po")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "translated message" in result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.skipif(
    not (CATALOGUE / "django.mo").exists(), reason="the catalogue is not compiled (make messages)"
)
def test_counts_and_headings_in_english():
    with translation.override("en"):
        assert ngettext("%(n)s đại biểu", "%(n)s đại biểu", 1) % {"n": 1} == "1 delegate"
        assert ngettext("%(n)s đại biểu", "%(n)s đại biểu", 14) % {"n": 14} == "14 delegates"
        assert pgettext("heading", "Đơn vị") == "Units"
        assert gettext("Đơn vị") == "Unit"
    with translation.override("vi"):
        assert ngettext("%(n)s đại biểu", "%(n)s đại biểu", 14) % {"n": 14} == "14 đại biểu"
