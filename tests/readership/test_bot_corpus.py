"""Bots are told apart by maintained lists: the beacon endpoint counts no view from any agent
of the crawler-user-agents corpus, and one from each agent of a corpus of real browsers."""

import json
from importlib.resources import files
from pathlib import Path

import pytest

BROWSERS = [
    line.strip()
    for line in (Path(__file__).parent / "data" / "browser_user_agents.txt")
    .read_text()
    .splitlines()
    if line.strip() and not line.startswith("#")
]


def _crawler_corpus() -> list[str]:
    entries = json.loads(
        files("crawleruseragents").joinpath("crawler-user-agents.json").read_text()
    )
    return [agent for entry in entries for agent in entry.get("instances", [])]


@pytest.mark.django_db
def test_it_counts_no_view_from_any_agent_of_the_maintained_crawler_list(
    send_beacon, flushed_views, seed_article
):
    corpus = _crawler_corpus()
    assert len(corpus) > 1000
    before = flushed_views(seed_article)
    for n, agent in enumerate(corpus):
        assert send_beacon(seed_article.pk, ip=f"10.9.{n // 250}.{n % 250}", agent=agent) == 204
    assert flushed_views(seed_article) == before


@pytest.mark.django_db
def test_it_counts_one_view_from_each_real_browser_of_the_corpus(
    send_beacon, flushed_views, seed_article
):
    assert len(BROWSERS) >= 40
    before = flushed_views(seed_article)
    for n, agent in enumerate(BROWSERS):
        send_beacon(seed_article.pk, ip=f"10.8.{n // 250}.{n % 250}", agent=agent)
    assert flushed_views(seed_article) == before + len(BROWSERS)
