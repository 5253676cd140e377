"""Shared fixtures: the demo publication loaded once per run, and the newsroom's personas."""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group

from bigasia.articles.newsroom import AUTHORS, EDITORS
from tests import services

IN_CI = os.environ.get("CI") == "true"
# Fixtures shared by the newsletter delivery tests (the SMTP sink, the engine's settings).
pytest_plugins = [
    "tests.plugins.feed_server",
    "tests.plugins.newsletter_delivery",
    "tests.plugins.published_articles",
]


# Fixtures that reach a database; a test marked db_independent may use none of them.
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server", "client",
                     "admin_client", "scratch_site", "scratch_server", "ops_site"}  # fmt: skip


def _refuse_db_independent_tests_that_reach_a_database(items) -> None:
    for item in items:
        if not item.get_closest_marker("db_independent"):
            continue
        reached = DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        if reached or item.get_closest_marker("django_db"):
            raise pytest.UsageError(
                f"{item.nodeid} is marked db_independent but uses the database "
                f"({', '.join(sorted(reached)) or 'django_db'})"
            )


def pytest_collection_modifyitems(config, items):
    """db_independent tests must not reach a database. In the scale-out pass, an unreachable
    PostgreSQL or Redis skips the pass (fails in CI)."""
    _refuse_db_independent_tests_that_reach_a_database(items)
    if not os.environ.get("BIGASIA_SCALE_OUT_PASS"):
        return
    problem = services.scale_out_problem()
    if problem is None:
        return
    if IN_CI:
        raise pytest.UsageError(f"CI=true and the scale-out services are missing: {problem}")
    skip = pytest.mark.skip(reason=f"{problem} — {services.HOW_TO_ENABLE}")
    for item in items:
        item.add_marker(skip)


def pytest_unconfigure(config):
    """settings.test's data dir (per session), media and static roots (per process) are fresh
    temporary folders: this process's go with it, whether or not it ran a test."""
    import shutil

    if not django_settings.configured:
        return
    roots = (django_settings.DATA_DIR, django_settings.MEDIA_ROOT, django_settings.STATIC_ROOT)
    for root in map(Path, roots):
        if root.name.startswith("bigasia-test-"):  # never another settings module's roots
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate once, then load the demo publication that most tests read."""
    from bigasia.demo.loader import DemoLoader

    with django_db_blocker.unblock():
        DemoLoader().load()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The default cache, and in scale-out the process's own copy of page fragments in front
    of it: each test's rolled-back stamps come back to values an earlier test kept under."""
    from django.core.cache import caches

    kept = [caches[alias] for alias in ("default", "fragments") if alias in django_settings.CACHES]
    for each in kept:
        each.clear()
    yield
    for each in kept:
        each.clear()


def _member(django_user_model, username: str, group: str):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw-12345")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def author(django_user_model):
    return _member(django_user_model, "alina-author", AUTHORS)


@pytest.fixture
def editor(django_user_model):
    return _member(django_user_model, "erik-editor", EDITORS)


@pytest.fixture
def seed_article():
    from bigasia.articles.models import ArticlePage

    return ArticlePage.objects.get(
        locale__language_code="ru", title__startswith="Российско-казахстанское"
    )


@pytest.fixture(scope="session", autouse=True)
def _scratch_templates():
    """The scratch sites' templates (built on first use) go when the session ends, and so
    do the session's own keys in Redis (settings.test: one prefix per session)."""
    yield
    from tests.scratch import drop_keys_under, drop_templates

    drop_templates()
    drop_keys_under(f"bigasia-test-{django_settings.TEST_SESSION}")


@pytest.fixture(scope="session")
def scratch_site(tmp_path_factory):
    """A migrated installation with the demo loaded, for tests that run real processes."""
    from tests.scratch import create_scratch_site

    site, cleanup = create_scratch_site(tmp_path_factory.mktemp("scratch-site"))
    yield site
    site.stop_all()
    cleanup()


@pytest.fixture(scope="session")
def scratch_server(scratch_site):
    """The scratch site served over HTTP by a real server process; yields its base URL."""
    server, base = scratch_site.serve_dev()
    yield base
    server.terminate()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped with the reason when it is missing,
    a failure under CI=true."""
    problem = services.chromium_problem()
    if problem:
        if IN_CI:
            pytest.fail(f"CI=true and {problem}")
        pytest.skip(f"{problem}: {services.HOW_TO_GET_CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=services.CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )  # fmt: skip
        yield browser
        browser.close()
