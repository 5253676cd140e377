"""Shared by the render benchmarks: what readers wait on after a publish.

A "cold" render is the first render of a page after *another* story was published: the
newsroom's every minute, when the page cache has purged the listings and Django's cache
still holds what the publish did not change. `publish_another_story` publishes one, the
way an editor does (Wagtail's revision publish, with every receiver of the change signal),
in the section of the home page's top story and about one of its countries: the case where
the most is at stake (it tops that section on the home page and the section page, and is a
candidate for the top story's related stories).
"""

from itertools import count

_numbers = count(1)


def publish_another_story() -> None:
    from bigasia.articles.models import ArticleCountry, ArticlePage, HomePage

    top = HomePage.objects.get(locale__language_code="ru").featured_article
    number = next(_numbers)
    story = ArticlePage(
        title=f"Новость, опубликованная перед замером, № {number}",
        lead="Коротко о главном.",
        body=[("paragraph", "<p>Текст новости.</p>")],
    )
    top.get_parent().add_child(instance=story)
    country = top.article_countries.first()
    if country is not None:
        story.article_countries.add(ArticleCountry(country_id=country.country_id))
    story.save_revision().publish()


def set_up_database(pg: str, sqlite: bool, db: str | None) -> str | None:
    """Point Django at SQLite in DATA_DIR, or at a new PostgreSQL database `db` (which
    the caller drops with `drop_database`); returns the database's name."""
    import os
    import subprocess
    import uuid

    if sqlite:
        return None
    name = db or f"bigasia_render_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", name], check=True)
    os.environ["DATABASE_URL"] = f"{pg}/{name}"
    return name


def drop_database(name: str | None) -> None:
    import subprocess

    if name is None:
        return
    from django.db import connections

    connections.close_all()
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--force", name])
