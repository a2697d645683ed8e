"""Settings come from the environment and refuse bad values at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, parse_hhmm, parse_office_hours

ROOT = Path(__file__).resolve().parents[3]


def test_env_bool_accepts_the_usual_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, expected in [
        ("true", True),
        ("1", True),
        ("On", True),
        ("false", False),
        ("0", False),
        ("no", False),
    ]:
        monkeypatch.setenv("X_FLAG", value)
        assert env_bool("X_FLAG") is expected


def test_env_bool_rejects_anything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "yes please")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG must be true or false"):
        env_bool("X_FLAG")


def test_env_int_checks_type_and_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_NUM", "abc")
    with pytest.raises(ImproperlyConfigured, match="integer"):
        env_int("X_NUM", 1)
    monkeypatch.setenv("X_NUM", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("X_NUM", 1, minimum=1)
    monkeypatch.setenv("X_NUM", "7")
    assert env_int("X_NUM", 1, minimum=1) == 7


def test_env_list_splits_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_LIST", " a.vn, b.vn ,,")
    assert env_list("X_LIST", []) == ["a.vn", "b.vn"]


def test_office_hours_parse_into_sorted_minute_sessions() -> None:
    assert parse_office_hours("13:30-17:00,07:30-11:30") == ((450, 690), (810, 1020))


@pytest.mark.parametrize("bad", ["7:30", "07:30-06:00", "07:30-12:00,11:00-17:00", "25:00-26:00", "abc"])
def test_office_hours_refuse_malformed_or_overlapping_sessions(bad: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        parse_office_hours(bad)


def test_cutoff_must_be_hh_mm() -> None:
    assert parse_hhmm("SAME_DAY_CUTOFF", "15:00") == 900
    with pytest.raises(ImproperlyConfigured, match="HH:MM"):
        parse_hhmm("SAME_DAY_CUTOFF", "3pm")


def _import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "DEMO_MODE", "SECRET_KEY", "DATABASE_URL"}
    }
    clean.pop("MOTCUA_TESTING", None)
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup()",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_a_secret_key_refuses_to_start(tmp_path: Path) -> None:
    result = _import_settings(MOTCUA_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_misspelt_boolean_stops_start_up(tmp_path: Path) -> None:
    result = _import_settings(DEBUG="ture", MOTCUA_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_an_unknown_database_url_scheme_stops_start_up(tmp_path: Path) -> None:
    result = _import_settings(DEBUG="true", DATABASE_URL="mysql://x@y/z", MOTCUA_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DATABASE_URL must be a postgres://" in result.stderr


def test_development_settings_start_with_a_generated_key(tmp_path: Path) -> None:
    result = _import_settings(DEBUG="true", MOTCUA_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_sqlite_is_configured_for_a_web_server_and_a_worker_writing_at_once() -> None:
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only settings")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


def test_env_example_documents_every_variable_the_settings_read() -> None:
    import re

    settings_source = (ROOT / "config" / "settings.py").read_text()
    read = set(re.findall(r'env_[a-z]+\(\s*"([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), flags=re.MULTILINE))
    assert read - documented == set()


PRODUCTION = {
    "SECRET_KEY": "p" * 60,
    "ALLOWED_HOSTS": "motcua.example.vn",
    "SMS_TRANSPORTS": "http",
    "SMS_HTTP_URL": "https://sms.example.vn/send",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}
# Variables of the caller's shell that would change what these tests start.
UNSET = {"DEBUG", "DEMO_MODE", "SECRET_KEY", "DATABASE_URL", "MOTCUA_TESTING", "CACHE_URL", "SECURE_HSTS_SECONDS",
         *PRODUCTION}  # fmt: skip


def _start(tmp_path: Path, setting: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Start the settings in a fresh process with exactly `env`; print `setting`."""
    clean = {k: v for k, v in os.environ.items() if k not in UNSET}
    code = f"import os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; from django.conf import settings; print(settings.{setting})"
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env, "MOTCUA_VAR_DIR": str(tmp_path)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def _production_without(tmp_path: Path, name: str) -> subprocess.CompletedProcess[str]:
    return _start(tmp_path, "DEBUG", **{k: v for k, v in PRODUCTION.items() if k != name})


def _setting(tmp_path: Path, setting: str, **env: str) -> str:
    result = _start(tmp_path, setting, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_without_an_sms_transport_refuses_to_start(tmp_path: Path) -> None:
    result = _production_without(tmp_path, "SMS_TRANSPORTS")
    assert result.returncode != 0
    assert "SMS_TRANSPORTS must be set when DEBUG and DEMO_MODE are off" in result.stderr


def test_production_without_an_email_backend_refuses_to_start(tmp_path: Path) -> None:
    result = _production_without(tmp_path, "EMAIL_BACKEND")
    assert result.returncode != 0
    assert "EMAIL_BACKEND must be set when DEBUG and DEMO_MODE are off" in result.stderr


def test_an_http_transport_without_its_url_refuses_to_start(tmp_path: Path) -> None:
    result = _production_without(tmp_path, "SMS_HTTP_URL")
    assert result.returncode != 0
    assert "set SMS_HTTP_URL" in result.stderr


def test_production_starts_with_its_transports_and_sends_hsts_for_a_year(tmp_path: Path) -> None:
    assert _setting(tmp_path, "SECURE_HSTS_SECONDS", **PRODUCTION) == "31536000"
    assert _setting(tmp_path, "SMS_TRANSPORTS", **PRODUCTION) == "['http']"


def test_development_and_demo_default_to_no_hsts_and_local_transports(tmp_path: Path) -> None:
    assert _setting(tmp_path, "SECURE_HSTS_SECONDS", DEBUG="true") == "0"
    assert _setting(tmp_path, "SECURE_HSTS_SECONDS", DEMO_MODE="true") == "0"
    assert _setting(tmp_path, "SMS_TRANSPORTS", DEMO_MODE="true") == "['file']"
