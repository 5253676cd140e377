"""Bots are told apart by maintained lists: every agent of the crawler-user-agents corpus is
rejected, no agent of a corpus of real browsers is."""

import json
from importlib.resources import files
from pathlib import Path

import pytest

from bigasia.readership.bots import is_bot

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


def test_it_rejects_every_agent_of_the_maintained_crawler_list():
    corpus = _crawler_corpus()
    assert len(corpus) > 1000
    missed = [agent for agent in corpus if not is_bot(agent)]
    assert missed == []


def test_it_accepts_every_real_browser_of_the_corpus():
    assert len(BROWSERS) >= 40
    assert [agent for agent in BROWSERS if is_bot(agent)] == []


@pytest.mark.django_db
def test_it_counts_no_view_from_a_crawler_through_the_endpoint(
    send_beacon, flushed_views, seed_article
):
    before = flushed_views(seed_article)
    for n, agent in enumerate(_crawler_corpus()[:200]):
        send_beacon(seed_article.pk, ip=f"10.9.{n // 250}.{n % 250}", agent=agent)
    assert flushed_views(seed_article) == before
