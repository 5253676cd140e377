"""Tags fit each CDN's documented limits: Cloudflare reads at most 16 KB of `Cache-Tag` and
purges at most 30 tags of at most 1024 characters per call; Fastly reads 16 KB of
`Surrogate-Key` and purges 256 keys per call; Varnish reads 8 KB of one header."""

import logging

import pytest

from bigasia.edge.cdn import check_cdn
from bigasia.edge.purgers import purger_class
from bigasia.edge.purgers.base import TAG_LIMIT, cdn_tag
from bigasia.edge.purgers.cloudflare import Cloudflare
from bigasia.edge.purgers.fastly import Fastly
from bigasia.edge.purgers.varnish import Varnish
from bigasia.settings.env import base_urls

pytestmark = pytest.mark.db_independent
ALL = [Cloudflare, Fastly, Varnish]


def test_a_plain_tag_is_sent_as_it_is_up_to_the_length_limit():
    longest = "tag:" + "x" * (TAG_LIMIT - 4)
    assert cdn_tag("page:42") == "page:42"
    assert cdn_tag(longest) == longest


@pytest.mark.parametrize(
    "tag", ["tag:" + "x" * TAG_LIMIT, "tag:двойной удар", "a,b", "a b", "list:(ru|en)"]
)
def test_a_tag_too_long_or_with_separators_becomes_a_short_digest(tag):
    sent = cdn_tag(tag)
    assert sent.startswith("h:") and len(sent) == 34
    assert sent == cdn_tag(tag), "the header and the purge must name it alike"
    assert sent != cdn_tag(tag + "!")


def test_case_is_folded_as_cloudflare_does():
    assert cdn_tag("list:zh-Hans") == "list:zh-hans"


@pytest.mark.parametrize("cls", ALL)
def test_a_page_with_too_many_tags_keeps_site_and_what_fits_the_header(cls, caplog):
    tags = [f"page:{n}" for n in range(1, 5000)] + ["site"]
    name, value = cls.response_header(tags)
    assert name == cls.header
    assert len(value.encode()) <= cls.header_limit
    assert len(value.encode()) > cls.header_limit - 20, "it is filled, not emptied"
    sent = value.split(cls.separator)
    assert sent[:2] == ["site", "page:1"]
    assert "left out" in caplog.text


@pytest.mark.parametrize("cls", ALL)
def test_a_page_within_the_limits_names_every_tag_once(cls, caplog):
    caplog.set_level(logging.WARNING)
    name, value = cls.response_header(["page:7", "list:ru", "site", "page:7"])
    assert value.split(cls.separator) == ["site", "page:7", "list:ru"]
    assert caplog.text == ""


def test_cloudflare_purges_at_most_30_tags_per_call():
    batches = Cloudflare.batches(f"page:{n}" for n in range(95))
    assert [len(batch) for batch in batches] == [30, 30, 30, 5]


def test_fastly_purges_at_most_256_keys_and_16_kb_per_call():
    assert [len(b) for b in Fastly.batches(f"page:{n}" for n in range(600))] == [256, 256, 88]
    long_tags = [f"tag:{n:04}" + "x" * 1000 for n in range(40)]
    batches = Fastly.batches(long_tags)
    assert all(len(" ".join(batch).encode()) <= 16 * 1024 for batch in batches)
    assert sum(batches, []) == long_tags


def test_varnish_purges_within_its_8_kb_header():
    tags = [f"page:{n}" for n in range(3000)]
    batches = Varnish.batches(tags)
    assert len(batches) > 1
    assert all(len(" ".join(batch).encode()) <= 8 * 1024 for batch in batches)
    assert sum(batches, []) == tags


def test_a_batch_holds_fitted_tags_each_once():
    (batch,) = Cloudflare.batches(["Page:1", "page:1", "tag:" + "x" * 2000])
    assert batch[0] == "page:1" and batch[1].startswith("h:") and len(batch) == 2


def test_an_unknown_cdn_stops_the_start_naming_the_variable(settings):
    settings.EDGE_CDN = "akamai"
    (error,) = check_cdn()
    assert error.id == "edge.E001" and "EDGE_CDN='akamai'" in error.msg


def test_missing_credentials_are_named(settings):
    settings.EDGE_CDN, settings.EDGE_CLOUDFLARE_API_TOKEN = "cloudflare", None
    (error,) = check_cdn()
    assert "EDGE_CLOUDFLARE_API_TOKEN" in error.msg


def test_a_cdn_needs_the_edge_that_tags_the_pages(settings):
    settings.EDGE_CDN, settings.EDGE_VARNISH_PURGE_URLS = "varnish", ["http://127.0.0.1:6081"]
    settings.EDGE_ENABLED = False
    assert [error.id for error in check_cdn()] == ["edge.E002"]
    settings.EDGE_ENABLED = True
    assert check_cdn() == []
    assert purger_class() is Varnish


def test_the_varnish_addresses_are_checked_one_by_one():
    assert base_urls("http://10.0.0.5:6081, http://10.0.0.6:6081/") == [
        "http://10.0.0.5:6081",
        "http://10.0.0.6:6081",
    ]
    with pytest.raises(ValueError):
        base_urls("http://10.0.0.5:6081,10.0.0.6:6081")
