"""Settings come from the environment; malformed values stop the process at start."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from bigasia.settings.env import env_bool, env_int, env_list, env_networks


def test_it_rejects_a_boolean_that_is_not_one(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", False)


def test_it_rejects_junk_integers_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("PORTISH", "80a")
    with pytest.raises(ImproperlyConfigured, match="PORTISH"):
        env_int("PORTISH", 1)
    monkeypatch.setenv("PORTISH", "-1")
    with pytest.raises(ImproperlyConfigured, match="minimum"):
        env_int("PORTISH", 1, minimum=0)


def test_it_rejects_empty_list_items(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "example.org,,www.example.org")
    with pytest.raises(ImproperlyConfigured, match="empty item"):
        env_list("ALLOWED_HOSTS", [])


def test_it_reads_trusted_proxies_as_networks_and_rejects_junk(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1,::1,10.0.0.0/8")
    assert [str(n) for n in env_networks("TRUSTED_PROXIES")] == [
        "127.0.0.1/32", "::1/128", "10.0.0.0/8"
    ]  # fmt: skip
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1,nginx.local")
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES: 'nginx.local'"):
        env_networks("TRUSTED_PROXIES")


def test_it_keeps_the_page_cache_on_its_own_redis_when_told():
    code = "from django.conf import settings as s; c = s.CACHES; "
    code += "print(c['edge']['LOCATION'], c['default']['LOCATION'], s.EDGE_REDIS_URL)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bigasia.settings.dev",
           "REDIS_URL": "redis://queue.internal:6379/0",
           "EDGE_REDIS_URL": "redis://pages.internal:6380/0"}  # fmt: skip
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert shown.stdout.split() == [
        "redis://pages.internal:6380/0", "redis://queue.internal:6379/0",
        "redis://pages.internal:6380/0",
    ], shown.stderr  # fmt: skip


def _start(settings_module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "-m", "bigasia.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 30 + "-production-only-value-from-the-environment",
    "ALLOWED_HOSTS": "bigasia.example",
}


def test_it_refuses_to_start_production_without_a_secret_key():
    result = _start("bigasia.settings.production", ALLOWED_HOSTS="bigasia.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_production_without_allowed_hosts():
    result = _start("bigasia.settings.production", SECRET_KEY=PRODUCTION_ENV["SECRET_KEY"])
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_it_fails_loudly_on_a_malformed_database_url():
    result = _start("bigasia.settings.production", DATABASE_URL="mysqlx://nope", **PRODUCTION_ENV)
    assert result.returncode != 0
    assert "DATABASE_URL scheme 'mysqlx' is not supported" in result.stderr


def test_it_passes_djangos_deploy_checks_in_production():
    result = _start("bigasia.settings.production", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
