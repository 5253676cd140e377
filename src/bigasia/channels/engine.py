"""From Wagtail's publish and unpublish to Delivery rows, one task each.

Wagtail sends `page_published` inside the publish's transaction, also when a scheduled page
goes live (its go-live is the publish), and also when it merely schedules a page that was
never live; only a live page is delivered, so a scheduled story posts at go-live. The rows are
written in that transaction and the tasks enqueued once it commits: a rolled-back publish
posts nothing, and a worker never looks for a row that is not there yet. Nothing here talks
to a channel, so a slow or broken channel never holds up the publish.
"""

import time
from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision
from wagtail.signals import page_published, page_unpublished

from bigasia.articles.models import ArticlePage

from .models import ArticleChannel, Channel, Delivery
from .providers.base import transport_class
from .tasks import deliver_to_channel


def channels_for(page: Page) -> list[Channel]:
    """The enabled channels of the page's site and language."""
    site = page.get_site()
    if site is None:
        return []
    return list(
        Channel.objects.filter(enabled=True, site=site, locale_id=page.locale_id)
        .prefetch_related("sections")
        .order_by("name")
    )


def section_default(channel: Channel, page: Page) -> bool:
    """Whether the article's section (or a section above it) sends to this channel."""
    ancestors = set(page.get_ancestors().values_list("pk", flat=True))
    return any(section.pk in ancestors for section in channel.sections.all())


def is_news(page: Page) -> bool:
    """Whether the story was first published recently enough to be announced by default: an
    archive import publishes years of old stories, which no channel should carry as new."""
    first = page.first_published_at
    limit = timedelta(seconds=settings.CHANNELS_ANNOUNCE_WITHIN)
    return first is None or timezone.now() - first <= limit


def chosen_channels(page: Page) -> list[tuple[Channel, ArticleChannel | None, bool]]:
    """Each channel of the page's site and language, the editor's row if any, and whether
    the article goes there (the editor's choice, else the section's default for news)."""
    choices = {c.channel_id: c for c in ArticleChannel.objects.filter(page_id=page.pk)}
    result = []
    for channel in channels_for(page):
        choice = choices.get(channel.pk)
        if choice is not None:
            send = choice.send
        else:
            send = is_news(page) and section_default(channel, page)
        result.append((channel, choice, send))
    return result


def _enqueue_on_commit(deliveries: Iterable[Delivery]) -> None:
    for delivery in deliveries:
        transaction.on_commit(partial(deliver_to_channel.enqueue, delivery.pk))


def on_published(page: Page, revision: Revision | None) -> list[Delivery]:
    if not is_news(page) and not ArticleChannel.objects.filter(page_id=page.pk).exists():
        # An old story goes to no channel by default and no editor chose one for it: one
        # query, not three, for each of the thousands of pages an archive import publishes.
        return []
    version = f"r{revision.pk}" if revision is not None else f"p{time.time_ns()}"
    created = []
    for channel, choice, send in chosen_channels(page):
        if not send:
            continue
        if choice is None:
            choice = ArticleChannel.objects.create(page_id=page.pk, channel=channel)
        delivery, new = Delivery.objects.get_or_create(
            page_id=page.pk,
            channel=channel,
            version=version,
            defaults={
                "action": Delivery.Action.UPDATE if choice.remote_id else Delivery.Action.PUBLISH,
                "text": choice.text,
                "next_try_at": timezone.now(),
            },
        )
        if new:
            created.append(delivery)
    _enqueue_on_commit(created)
    return created


def _withdraws(choice: ArticleChannel) -> bool:
    """Unpublishing deletes a post only if the editor asked; a ping channel is pinged again,
    so that search engines learn the page is gone."""
    if not transport_class(choice.channel.kind).carries_text:
        return True
    return choice.withdraw_on_unpublish


def on_unpublished(page: Page) -> list[Delivery]:
    version = f"w{time.time_ns()}"
    created = []
    choices = ArticleChannel.objects.filter(page_id=page.pk, channel__enabled=True)
    for choice in choices.select_related("channel"):
        if _withdraws(choice):
            created.append(
                Delivery.objects.create(
                    page_id=page.pk,
                    channel=choice.channel,
                    version=version,
                    action=Delivery.Action.WITHDRAW,
                    next_try_at=timezone.now(),
                )
            )
    _enqueue_on_commit(created)
    return created


def _published(sender, instance: Page, revision: Revision | None = None, **kwargs) -> None:
    # Wagtail sends page_published also when it only schedules a page that was never live
    # (go-live in the future): such a page is not live yet and posts at its go-live.
    if _is_article(instance) and instance.live:
        on_published(instance, revision)


def _unpublished(sender, instance: Page, **kwargs) -> None:
    if _is_article(instance):
        on_unpublished(instance)


def _is_article(page: Page) -> bool:
    return page.specific_class is not None and issubclass(page.specific_class, ArticlePage)


def connect() -> None:
    page_published.connect(_published, dispatch_uid="channels-published")
    page_unpublished.connect(_unpublished, dispatch_uid="channels-unpublished")
