"""An installation of the previous release, with a published story, migrates to this code
and still shows the story (PostgreSQL, as in production; runs in the scale-out pass).

The previous release is the migration state recorded in PREVIOUS_RELEASE. There are no
release tags: at each release, set it to the leaf migration of each app at the release's
commit (`git ls-tree --name-only <commit> src/bigasia/<app>/migrations/`), as
docs/operations.md "Upgrading" says.
"""

import json
import os
import uuid
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# Leaf migrations at commit 2548cc0.
PREVIOUS_RELEASE = [
    ("articles", "0005_unique_author_slug"),
    ("core", "0002_worker_heartbeat"),
    ("feeds", "0001_initial"),
    ("newsletters", "0005_outgoing_mail"),
    ("partners", "0001_initial"),
    ("readership", "0002_most_read_ranking"),
    ("sitesearch", "0004_gin_document_and_date"),
    ("translation", "0002_seed_glossary"),
    ("tv", "0004_air_time_note_per_language"),
    ("wire", "0002_wire_item_search_text"),
]
TITLE = "Караван дошёл до Бухары"
SLUG = "karavan-doshel-do-bukhary"
LEAD = "Путь через пустыню занял месяц."


def _admin_sql(settings_dict: dict, sql: str) -> None:
    """CREATE/DROP DATABASE run outside a transaction, from the maintenance database."""
    params = {
        "host": settings_dict["HOST"] or None,
        "port": settings_dict["PORT"] or None,
        "user": settings_dict["USER"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as admin:
        admin.execute(sql)


@contextmanager
def _fresh_database_as_default():
    """A new, empty PostgreSQL database standing in for `default` while the block runs."""
    original = connections["default"]
    settings_dict = {**original.settings_dict, "NAME": f"{original.settings_dict['NAME']}_upgrade"}
    name = settings_dict["NAME"]
    _admin_sql(settings_dict, f'DROP DATABASE IF EXISTS "{name}"')
    _admin_sql(settings_dict, f'CREATE DATABASE "{name}"')
    upgraded = original.__class__(settings_dict, alias="default")
    connections["default"] = upgraded
    try:
        yield upgraded
    finally:
        upgraded.close()
        connections["default"] = original
        _admin_sql(settings_dict, f'DROP DATABASE IF EXISTS "{name}"')


def _content_type(apps, model: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="articles", model=model)[0]


def _add_page(apps, model: str, parent, **fields):
    """treebeard's bookkeeping by hand: historical models have no add_child."""
    Model = apps.get_model("articles", model)
    now = timezone.now()
    parent.numchild += 1
    parent.save(update_fields=["numchild"])
    page = Model(
        path=f"{parent.path}{parent.numchild:04d}",
        depth=parent.depth + 1,
        url_path=f"{parent.url_path}{fields['slug']}/",
        content_type=_content_type(apps, model.lower()),
        locale_id=parent.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        first_published_at=now,
        last_published_at=now,
        **fields,
    )
    page.save()
    return page


def _write_previous_release_data(apps) -> None:
    """What a previous release's newsroom leaves: a home, a section and a published story."""
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    root = Page.objects.get(depth=1)
    home = _add_page(apps, "HomePage", root, title="Большая Азия", slug="bigasia")
    section = _add_page(apps, "SectionPage", home, title="Экономика", slug="economics")
    body = [
        {
            "type": "paragraph",
            "value": "<p>Верблюды шли тридцать дней.</p>",
            "id": str(uuid.uuid4()),
        }
    ]
    ArticlePage = apps.get_model("articles", "ArticlePage")
    body_field = ArticlePage._meta.get_field("body")
    _add_page(apps, "ArticlePage", section, title=TITLE, slug=SLUG, lead=LEAD,
              body=body_field.to_python(json.dumps(body)))  # fmt: skip
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )


@pytest.fixture
def postgres(django_db_blocker):
    if connections["default"].vendor != "postgresql":
        if os.environ.get("CI") == "true" and os.environ.get("BIGASIA_SCALE_OUT_PASS"):
            pytest.fail("CI=true: the scale-out pass must run the upgrade test on PostgreSQL")
        pytest.skip(
            "the upgrade test runs on PostgreSQL, in the scale-out pass "
            "(BIGASIA_SCALE_OUT_PASS=1 DATABASE_URL=postgres://… REDIS_URL=redis://…)"
        )
    with django_db_blocker.unblock(), _fresh_database_as_default() as connection:
        yield connection


def _previous_release_targets(executor: MigrationExecutor) -> list[tuple[str, str]]:
    """Our apps at the recorded leaves; third-party apps as the lock file has them now (their
    versions at the release are not recorded)."""
    ours = dict(PREVIOUS_RELEASE)
    others = [leaf for leaf in executor.loader.graph.leaf_nodes() if leaf[0] not in ours]
    return PREVIOUS_RELEASE + others


def test_a_previous_release_upgrades_and_still_shows_its_story(postgres, client):
    executor = MigrationExecutor(postgres)
    previous = _previous_release_targets(executor)
    executor.migrate(previous)
    _write_previous_release_data(executor.loader.project_state(previous).apps)

    executor = MigrationExecutor(postgres)
    head = executor.loader.graph.leaf_nodes()
    executor.migrate(head)
    assert not MigrationExecutor(postgres).migration_plan(head), "all applied"

    from bigasia.articles.models import ArticlePage

    story = ArticlePage.objects.get(slug=SLUG)
    assert (story.title, story.lead, story.live) == (TITLE, LEAD, True)
    response = client.get(story.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert TITLE in html and "Верблюды шли тридцать дней." in html
