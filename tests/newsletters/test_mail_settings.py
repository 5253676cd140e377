"""Email settings come from the environment; a wrong or partial set stops the start."""

import os
import subprocess
import sys

import pytest

# Neither the database nor the cache: the scale-out pass leaves these out.
pytestmark = pytest.mark.db_independent


def _start(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DKIM_", "EMAIL_"))}
    clean.update(env, DJANGO_SETTINGS_MODULE="bigasia.settings.test")
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.DKIM_DOMAIN)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DKIM_DOMAIN": "bigasia.test"}, "DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR"),
        ({"DKIM_DOMAIN": "d.test", "DKIM_SELECTOR": "s", "DKIM_PRIVATE_KEY": "junk"},
         "not a PEM RSA key"),
        ({"DKIM_DOMAIN": "d.test", "DKIM_SELECTOR": "s", "DKIM_PRIVATE_KEY_FILE": "/nonexistent"},
         "DKIM_PRIVATE_KEY_FILE"),
        ({"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, "EMAIL_USE_TLS and EMAIL_USE_SSL"),
        ({"EMAIL_PORT": "twenty-five"}, "EMAIL_PORT"),
        ({"DEFAULT_FROM_EMAIL": "news at example"}, "DEFAULT_FROM_EMAIL"),
        ({"SITE_URL": "ftp://bigasia.test"}, "SITE_URL"),
    ],
)  # fmt: skip
def test_it_refuses_to_start_with_bad_email_settings(env, message):
    result = _start(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_it_starts_with_a_complete_dkim_set(dkim_key, tmp_path):
    key_file = tmp_path / "dkim.pem"
    key_file.write_bytes(dkim_key.private_pem)
    result = _start(
        DKIM_DOMAIN="bigasia.test", DKIM_SELECTOR="news2026", DKIM_PRIVATE_KEY_FILE=str(key_file)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "bigasia.test"
