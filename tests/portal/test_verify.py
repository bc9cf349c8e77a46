"""The public verification page of certificates (``/xac-minh/<code>/``) needs no sign-in and, for a code it does
not know, says "Không tìm thấy" and nothing else. Certificates printed and verified: tests/documents."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize("code", ["A" * 22, "1", "abc-def_ghi"])
def test_unknown_code_is_not_found_for_anyone(world: Any, code: str) -> None:
    for persona in ("anonymous", "admin"):
        response = world.client(persona).get(f"/xac-minh/{code}/")
        assert response.status_code == 404
        text = response.content.decode()
        assert 'id="not-found"' in text and "Không tìm thấy" in text
        assert 'id="verified"' not in text
        assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"
