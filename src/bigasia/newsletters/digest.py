"""Daily and weekly digests: the period's most-read stories and the editors' pick, to
pre-fill a new issue that editors then reorder, trim and send."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone, translation
from wagtail.models import Locale

from bigasia.articles.models import ArticlePage, HomePage
from bigasia.core.dates import format_date
from bigasia.readership.mostread import top_page_views

from .models import Issue, IssueArticle, Newsletter

DIGEST_SIZE = 8


def digest_stories(newsletter: Newsletter, limit: int = DIGEST_SIZE) -> list[ArticlePage]:
    """Editors' pick (the home page's featured story) first, then the most read of the day
    (daily and manual newsletters) or the week (weekly), then the newest to fill up."""
    locale = Locale.objects.get(language_code=newsletter.language)
    window = "week" if newsletter.cadence == Newsletter.Cadence.WEEKLY else "day"
    live = ArticlePage.objects.live().public().filter(locale=locale)
    picked: list[ArticlePage] = []
    home = HomePage.objects.filter(locale=locale).select_related("featured_article").first()
    if home and home.featured_article_id and live.filter(pk=home.featured_article_id).exists():
        picked.append(home.featured_article)
    ranked = [page_id for page_id, _views in top_page_views(locale.pk, window, limit)]
    pages = live.in_bulk(ranked)
    picked += [pages[pid] for pid in ranked if pid in pages and pages[pid] not in picked]
    if len(picked) < limit:
        taken = [page.pk for page in picked]
        newest = live.exclude(pk__in=taken).order_by("-first_published_at")
        picked += list(newest[: limit - len(picked)])
    return picked[:limit]


def prefill_issue(newsletter: Newsletter, user: AbstractBaseUser | None = None) -> Issue:
    """A new draft issue of this newsletter with the digest's stories in order."""
    with translation.override(newsletter.language):
        subject = f"{newsletter.name}: {format_date(timezone.now())}"
    issue: Issue = Issue.objects.create(  # Issue's manager is untyped (modelcluster)
        newsletter=newsletter, subject=subject, created_by=user
    )
    IssueArticle.objects.bulk_create(
        IssueArticle(issue=issue, article=page, sort_order=order)
        for order, page in enumerate(digest_stories(newsletter))
    )
    return issue
