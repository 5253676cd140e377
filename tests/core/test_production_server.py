"""`bigasia serve --production` starts gunicorn with the production settings."""

import socket
import urllib.request

from tests.scratch import wait_until


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PRODUCTION = {"SECRET_KEY": "p" * 60, "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0"}


def test_it_serves_the_site_with_production_settings(scratch_site):
    # The release procedure: static files are collected (with hashed names) before serving.
    scratch_site.manage(
        "collectstatic", "--no-input", DJANGO_SETTINGS_MODULE="bigasia.settings.production",
        **PRODUCTION,
    )  # fmt: skip
    port = _free_port()
    server = scratch_site.spawn(
        "serve", "--production", PORT=str(port), WEB_CONCURRENCY="2", **PRODUCTION
    )

    def home_answers() -> bool:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/ru/", timeout=2).status == 200
        except OSError:
            return False

    try:
        assert wait_until(home_answers, timeout=60), server.stdout.read() if server.poll() else ""
        response = urllib.request.urlopen(f"http://127.0.0.1:{port}/ru/", timeout=5)
        assert response.headers["X-Content-Type-Options"] == "nosniff"  # production hardening
        assert "Большая Азия" in response.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_it_refuses_to_run_without_the_production_flag(scratch_site):
    result = scratch_site.spawn("serve")
    result.wait(timeout=60)
    assert result.returncode != 0
    assert "--production" in result.stdout.read()
