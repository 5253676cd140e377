"""Editors schedule a story; the periodic job publishes it on time, with no cron to set up."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bigasia.articles.models import ArticlePage, SectionPage
from bigasia.core import periodic
from bigasia.core.tasks import publish_scheduled_pages
from tests.scratch import wait_until


def _scheduled_story(go_live_at) -> ArticlePage:
    section = SectionPage.objects.get(locale__language_code="ru", slug="society")
    page = section.add_child(
        instance=ArticlePage(title="Отложенная публикация", lead="Вводка.", body=[], live=False)
    )
    page.go_live_at = go_live_at
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.django_db
def test_it_keeps_a_scheduled_story_offline_until_its_time():
    page = _scheduled_story(timezone.now() + timedelta(hours=1))
    assert not page.live
    assert page.scheduled_revision is not None
    periodic.tick()
    page.refresh_from_db()
    assert not page.live


@pytest.mark.django_db
def test_it_publishes_once_the_time_has_come():
    page = _scheduled_story(timezone.now() + timedelta(hours=1))
    assert not page.live
    # The time comes: the go-live moment (approved, and in the revision Wagtail publishes)
    # moves into the past instead of the test waiting for it.
    come = timezone.now() - timedelta(seconds=1)
    revision = page.scheduled_revision
    revision.content["go_live_at"] = come.isoformat()
    revision.approved_go_live_at = come
    revision.save(update_fields=["content", "approved_go_live_at"])
    assert publish_scheduled_pages.module_path in periodic.tick()
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
def test_it_enqueues_each_periodic_run_once_however_many_workers_tick():
    now = timezone.now() + timedelta(days=1)  # past any next_run_at left by other tests
    # A job with nothing to do (has_work) is claimed but enqueues no task.
    with_work = [j.name for j in periodic.registered_jobs() if not j.has_work or j.has_work()]
    assert sorted(periodic.tick(now)) == sorted(with_work)
    assert periodic.tick(now) == [], "a second worker ticking at the same moment claims nothing"


def test_it_publishes_on_time_with_the_real_worker(scratch_site):
    scratch_site.python(
        "from datetime import timedelta; from django.utils import timezone;"
        "from bigasia.articles.models import ArticlePage, SectionPage;"
        "s = SectionPage.objects.get(locale__language_code='ru', slug='society');"
        "p = s.add_child(instance=ArticlePage(title='Выйдет по расписанию', lead='В.', body=[],"
        " live=False)); p.go_live_at = timezone.now() + timedelta(seconds=3);"
        "p.save_revision().publish()"
    )
    is_live = (
        "from bigasia.articles.models import ArticlePage;"
        "print(ArticlePage.objects.get(slug='vyydet-po-raspisaniyu').live)"
    )
    assert scratch_site.python(is_live) == "False"
    worker = scratch_site.spawn("worker", "--tick", "0.2", PUBLISH_SCHEDULED_EVERY="1")
    try:
        assert wait_until(lambda: scratch_site.python(is_live) == "True", timeout=60), (
            worker.poll(),
            worker.stdout.read() if worker.poll() is not None else "(worker still running)",
        )
    finally:
        # Left running, it would go on claiming the shared site's periodic jobs at its own
        # short intervals for the rest of the session (tests/core/test_worker_at_rest
        # needs every job an hour away).
        scratch_site.stop(worker)
