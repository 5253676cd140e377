"""`bigasia serve --production` starts granian (gunicorn as the fallback) with the production
settings, and serves the collected static files itself."""

import re
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
        assert response.headers["Server"] == "granian"
        html = response.read().decode()
        assert "Большая Азия" in html
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', html).group(1)
        static = urllib.request.urlopen(base + stylesheet, timeout=5)
        assert static.status == 200 and "max-age" in static.headers["Cache-Control"]
    finally:
        scratch_site.stop(server)


def test_it_runs_gunicorn_as_the_fallback(scratch_site):
    server, base = scratch_site.serve_production(**PRODUCTION, APP_SERVER="gunicorn")
    try:
        response = urllib.request.urlopen(f"{base}/ru/", timeout=5)
        assert response.headers["Server"].startswith("gunicorn")
    finally:
        scratch_site.stop(server)


def test_it_refuses_to_run_without_the_production_flag(scratch_site):
    result = scratch_site.spawn("serve")
    result.wait(timeout=60)
    assert result.returncode != 0
    assert "--production" in result.stdout.read()


def test_it_refuses_an_unknown_app_server(scratch_site):
    result = scratch_site.spawn("serve", "--production", APP_SERVER="uwsgi")
    result.wait(timeout=60)
    assert result.returncode != 0
    assert "APP_SERVER" in result.stdout.read()


def test_it_refuses_to_start_before_collectstatic(scratch_site, tmp_path):
    empty = tmp_path / "static"
    empty.mkdir()
    result = scratch_site.spawn("serve", "--production", STATIC_ROOT=str(empty), **PRODUCTION)
    result.wait(timeout=60)
    assert result.returncode != 0
    assert "bigasia collectstatic --no-input" in result.stdout.read()


def test_it_refuses_to_start_on_static_files_of_an_older_release(scratch_site, tmp_path):
    older = tmp_path / "static"
    older.mkdir()
    (older / "staticfiles.json").write_text('{"paths": {"css/gone.css": "css/gone.1.css"}}')
    result = scratch_site.spawn("serve", "--production", STATIC_ROOT=str(older), **PRODUCTION)
    result.wait(timeout=60)
    assert result.returncode != 0
    assert "older release" in result.stdout.read()
