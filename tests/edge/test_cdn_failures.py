"""A CDN that refuses, fails or hangs never blocks a publish: the failure is logged, and a
failure that may pass is tried again later by a queued task, with back-off."""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from bigasia.articles.models import ArticlePage

pytestmark = pytest.mark.django_db

NEW_TITLE = "Заголовок, опубликованный при сбое CDN"


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.INFO, logger="bigasia.edge")
    return caplog


def publish(article, django_capture_on_commit_callbacks) -> None:
    article.title = NEW_TITLE
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()


def assert_published(article) -> None:
    live = ArticlePage.objects.get(pk=article.pk)
    assert live.live and live.title == NEW_TITLE and not live.has_unpublished_changes


def test_a_refused_token_is_logged_and_not_tried_again(
    settings, cloudflare, worker, logs, seed_article, django_capture_on_commit_callbacks
):
    settings.EDGE_CLOUDFLARE_API_TOKEN = "revoked-token"
    publish(seed_article, django_capture_on_commit_callbacks)
    assert_published(seed_article)
    assert worker() == [], "a refused token is not worth a retry"
    assert [status for _tags, status in cloudflare.calls] == [401]
    assert "refused the purge (HTTP 401): 10000 Authentication error" in logs.text
    assert "failed for good after 1 of 6 tries" in logs.text


def test_fastlys_refusal_is_logged_with_its_message(
    settings, fastly, worker, logs, seed_article, django_capture_on_commit_callbacks
):
    settings.EDGE_FASTLY_API_KEY = "wrong-key"
    publish(seed_article, django_capture_on_commit_callbacks)
    assert worker() == []
    assert "Fastly refused the purge (HTTP 401): Provided credentials are missing" in logs.text


def test_a_5xx_is_tried_again_later_with_back_off_until_it_succeeds(
    cloudflare, worker, logs, seed_article, django_capture_on_commit_callbacks
):
    cloudflare.failures.extend(["503", "502"])
    publish(seed_article, django_capture_on_commit_callbacks)
    assert cloudflare.calls == [], "the publish itself sends nothing to the CDN"
    assert_published(seed_article)

    started = timezone.now()
    (second,) = worker()
    assert second.kwargs == {} and second.args[1] == 2
    assert second.task.run_after >= started + timedelta(seconds=10)
    (third,) = worker()
    assert third.task.run_after >= timezone.now() + timedelta(seconds=19), "doubled"
    assert worker() == []

    assert [status for _tags, status in cloudflare.calls] == [503, 502, 200]
    assert cloudflare.calls[0][0] == cloudflare.calls[2][0], "the same batch each time"
    assert "try 1 of 6, failed: Cloudflare answered HTTP 503: 10001 Service" in logs.text
    assert "trying again in 20 s" in logs.text
    assert "Cloudflare purged" in logs.text


def test_a_cdn_that_hangs_is_given_up_at_the_deadline_and_tried_again(
    varnishes, worker, logs, seed_article, django_capture_on_commit_callbacks
):
    varnishes[0].failures.append("hang")
    publish(seed_article, django_capture_on_commit_callbacks)
    assert_published(seed_article)
    (retry,) = worker()
    assert "Varnish did not answer within 0.5 s" in logs.text
    assert retry.args[1] == 2
    worker()
    assert [status for _tags, status in varnishes[0].calls] == [0, 200], "no answer, then one"
    assert [status for _tags, status in varnishes[1].calls] == [200], "not reached, then one"
    assert set(varnishes[0].purged()) == set(varnishes[1].purged())
    assert {f"page:{seed_article.pk}", "list:ru"} <= set(varnishes[0].purged())


def test_a_rate_limit_waits_as_long_as_the_cdn_asks(
    cloudflare, worker, seed_article, django_capture_on_commit_callbacks
):
    cloudflare.failures.append("429")
    publish(seed_article, django_capture_on_commit_callbacks)
    before = timezone.now()
    (retry,) = worker()
    assert retry.task.run_after >= before + timedelta(seconds=120), "Retry-After: 120"


def test_it_gives_up_after_the_last_try(
    settings, fastly, worker, logs, seed_article, django_capture_on_commit_callbacks
):
    settings.EDGE_CDN_TRIES = 2
    fastly.failures.extend(["500", "500", "500"])
    publish(seed_article, django_capture_on_commit_callbacks)
    worker()
    assert worker() == []
    assert [status for _tags, status in fastly.calls] == [500, 500]
    assert "failed for good after 2 of 2 tries: Fastly answered HTTP 500" in logs.text
