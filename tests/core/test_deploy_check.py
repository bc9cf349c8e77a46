"""`tdkt check --deploy` is clean with the production settings documented in docs/operations.md."""

from __future__ import annotations

from .test_startup_errors import run_tdkt


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_tdkt(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        TDKT_DEBUG="0",
        TDKT_SECRET_KEY="k3y-" + "x9Q!z" * 12,
        TDKT_ALLOWED_HOSTS="tdkt.example.gov.vn",
        TDKT_CSRF_TRUSTED_ORIGINS="https://tdkt.example.gov.vn",
        TDKT_BEHIND_PROXY="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
