"""`bigasia serve --production` starts gunicorn with the production settings."""

import urllib.request

PRODUCTION = {
    "SECRET_KEY": "p" * 60,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "WEB_CONCURRENCY": "2",
}


def test_it_serves_the_site_with_production_settings(scratch_site):
    server, base = scratch_site.serve_production(**PRODUCTION)
    try:
        response = urllib.request.urlopen(f"{base}/ru/", timeout=5)
        assert response.headers["X-Content-Type-Options"] == "nosniff"  # production hardening
        assert "Большая Азия" in response.read().decode()
    finally:
        scratch_site.stop(server)


def test_it_refuses_to_run_without_the_production_flag(scratch_site):
    result = scratch_site.spawn("serve")
    result.wait(timeout=60)
    assert result.returncode != 0
    assert "--production" in result.stdout.read()
