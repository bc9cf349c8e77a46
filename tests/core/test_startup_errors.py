"""Bad configuration stops the ``tdkt`` command with one clear line and exit code 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tdkt.env import Env, SettingsError


def run_tdkt(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith("TDKT_") and k != "DJANGO_SETTINGS_MODULE"
    }
    environ.update({"TDKT_DEBUG": "1", "TDKT_VAR_DIR": str(tmp_path)})
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "tdkt", *args], env=environ, capture_output=True, text=True, timeout=120
    )


def assert_one_clear_line(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.parametrize(
    ("env", "fragments"),
    [
        ({"TDKT_DEBUG": "maybe"}, ["TDKT_DEBUG", "true/false"]),
        ({"TDKT_LANGUAGE_CODE": "fr"}, ["TDKT_LANGUAGE_CODE", "vi, en"]),
        ({"TDKT_DATABASE_URL": "mysql://x@y/z"}, ["TDKT_DATABASE_URL"]),
        ({"TDKT_DATABASE_URL": "not a url"}, ["TDKT_DATABASE_URL"]),
        ({"TDKT_LOGIN_FAILURE_LIMIT": "-3"}, ["TDKT_LOGIN_FAILURE_LIMIT"]),
        ({"TDKT_TIME_ZONE": "Mars/Olympus"}, ["TDKT_TIME_ZONE"]),
        ({"TDKT_DEBUG": "0"}, ["TDKT_SECRET_KEY"]),
    ],
)
def test_malformed_environment(tmp_path, env, fragments):
    assert_one_clear_line(run_tdkt(tmp_path, "check", **env), *fragments)


def test_database_never_migrated(tmp_path):
    assert_one_clear_line(run_tdkt(tmp_path, "demo"), "chưa được tạo", "tdkt migrate")


def test_database_that_cannot_be_reached(tmp_path):
    url = "postgres://postgres@127.0.0.1:1/tdkt_none"  # port 1: nothing listens there
    assert_one_clear_line(
        run_tdkt(tmp_path, "demo", TDKT_DATABASE_URL=url), "Không kết nối được", "TDKT_DATABASE_URL"
    )


def test_env_reader_types():
    env = Env({"TDKT_N": "12", "TDKT_B": "yes", "TDKT_L": "a, b,,c", "TDKT_C": "en"})
    assert env.integer("N", 0, minimum=1, maximum=20) == 12
    assert env.boolean("B", False) is True
    assert env.strings("L", []) == ["a", "b", "c"]
    assert env.choice("C", "vi", ["vi", "en"]) == "en"
    assert env.integer("MISSING", 7) == 7
    with pytest.raises(SettingsError, match="TDKT_N"):
        Env({"TDKT_N": "25"}).integer("N", 0, minimum=1, maximum=20)


def test_earlier_secret_keys_are_read_newest_first(tmp_path):
    """A rotated key stays usable for what was signed or sealed under it (ballots: docs/ballots.md)."""
    result = run_tdkt(tmp_path, "diffsettings", TDKT_SECRET_KEY_FALLBACKS=" old-key-2 , old-key-1,")
    assert result.returncode == 0, result.stderr
    assert "SECRET_KEY_FALLBACKS = ['old-key-2', 'old-key-1']" in result.stdout.splitlines()
