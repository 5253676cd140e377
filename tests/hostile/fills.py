"""Values for the routes' parameters: real ids, slugs and tokens of the demo content (so
hostile input reaches the view's own code, not only the 404 of an unknown id), then junk.

A route without real values here is still swept: each parameter is filled with "1" and with
every junk value. Add a route's real values here when it takes ids or tokens.
"""

from collections.abc import Callable

from django.utils import timezone
from wagtail.models import Page

from bigasia.articles.models import ArticlePage, ArticleTag, SectionPage
from bigasia.articles.snippets import Country
from bigasia.feeds.models import FeedItem, FeedSource, item_key
from bigasia.newsletters import tokens
from bigasia.newsletters.models import Newsletter, Subscriber, Subscription
from bigasia.tv.models import EpisodePage, ProgrammePage, Video

from .corpus import MARK

Fill = dict[str, str]  # parameter -> value; "lang" pins the language of the whole address

# Each parameter also gets each of these, the others keeping a real value: ids out of every
# integer range, a reflected marker, an over-long segment, dots, and a NUL byte and invalid
# UTF-8, and letters beyond ASCII, as a WSGI server hands them over (decoded as latin-1).
JUNK_VALUES = ("0", "99999999999999999999", MARK, "x" * 4000, "..", "a\x00b", "\xff\xfe",
               "страна-🙂".encode().decode("latin-1"))  # fmt: skip


def real_fills() -> dict[str, list[Fill]]:
    """Route name -> the addresses of real content it serves (needs the database)."""
    return {name: fill() for name, fill in _REAL.items()}


def unpublished_fills() -> dict[str, list[Fill]]:
    """Route name -> addresses of content that exists but is not published: each is a 404."""
    return {name: fill() for name, fill in _UNPUBLISHED.items()}


def _pages() -> list[Fill]:
    """One live page of every page type in every language, by its path under the home."""
    fills, seen = [], set()
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        kind = (type(page), page.locale.language_code)
        if kind in seen:
            continue
        seen.add(kind)
        lang, _, rest = page.url.strip("/").partition("/")
        fills.append({"lang": lang, "_0": f"{rest}/" if rest else ""})
    return fills


def _countries() -> list[Fill]:
    country = Country.objects.filter(article_links__isnull=False).first()
    return [{"page": "", "slug": country.slug}]


def _tags() -> list[Fill]:
    tagged = ArticleTag.objects.filter(content_object__live=True).select_related(
        "tag", "content_object__locale"
    )[0]
    lang = tagged.content_object.locale.language_code
    return [{"lang": lang, "page": "", "slug": tagged.tag.slug}]


def _scoped_feeds() -> list[Fill]:
    section = SectionPage.objects.live().filter(locale__language_code="ru", depth__gt=3).first()
    return [
        {"lang": "ru", "scope": "section", "slug": section.slug},
        {"scope": "country", "slug": _countries()[0]["slug"]},
        {**_tags()[0], "scope": "tag"},
    ]


def _partner_item() -> list[Fill]:
    source = FeedSource.objects.create(
        name="Hostile", url="http://hostile.example/rss", language="ru"
    )
    item = FeedItem.objects.create(
        source=source, key=item_key("hostile-1"), guid="hostile-1", title="Partner story",
        link="http://hostile.example/1?ref=feed", published_at=timezone.now(),
        content_hash="hostile-1",
    )  # fmt: skip
    return [{"item_id": str(item.pk)}]


def _subscriber() -> tuple[Subscriber, Newsletter]:
    letter, _ = Newsletter.objects.get_or_create(
        slug="hostile-ru", defaults={"name": "Рассылка", "language": "ru"}
    )
    reader, _ = Subscriber.objects.get_or_create(
        email="hostile@example.org", defaults={"language": "ru", "token_nonce": tokens.new_nonce()}
    )
    Subscription.objects.get_or_create(subscriber=reader, newsletter=letter)
    return reader, letter


def _confirm_tokens() -> list[Fill]:
    reader, letter = _subscriber()
    return [{"token": tokens.confirm_token(reader.pk, reader.token_nonce, [letter.pk])}]


def _unsubscribe_tokens() -> list[Fill]:
    reader, letter = _subscriber()
    return [{"token": tokens.unsubscribe_token(reader.pk, letter.pk, None)}]


def _preferences_tokens() -> list[Fill]:
    reader, _letter = _subscriber()
    return [{"token": tokens.preferences_token(reader.pk, reader.token_nonce)}]


def _videos() -> list[Fill]:
    return [{"pk": str(pk)} for pk in Video.objects.values_list("pk", flat=True)[:1]]


def _hls() -> list[Fill]:
    return [{**fill, "name": "master.m3u8"} for fill in _videos()]


def _episodes() -> list[Fill]:
    return [{"pk": str(pk)} for pk in EpisodePage.objects.live().values_list("pk", flat=True)[:1]]


def _programmes() -> list[Fill]:
    live = ProgrammePage.objects.live()
    return [{"pk": str(pk)} for pk in live.values_list("pk", flat=True)[:1]]


def _beacon() -> list[Fill]:
    return [{"page_id": str(ArticlePage.objects.live().first().pk)}]


_REAL: dict[str, Callable[[], list[Fill]]] = {
    "wagtail_serve": _pages,
    "HomePage:country": _countries,
    "HomePage:tag": _tags,
    "distribution:rss_scoped": _scoped_feeds,
    "distribution:atom_scoped": _scoped_feeds,
    "distribution:yandex_scoped": _scoped_feeds,
    "distribution:dzen_scoped": _scoped_feeds,
    "partners_go": _partner_item,
    "newsletters:confirm": _confirm_tokens,
    "newsletters:unsubscribe": _unsubscribe_tokens,
    "newsletters:preferences": _preferences_tokens,
    "readership:beacon": _beacon,
    "tv:video_file": _videos,
    "tv:video_hls": _hls,
    "tv:episode_chapters": _episodes,
    "tv:programme_ics": _programmes,
    "sitemap_articles": lambda: [{"number": "1"}],
}


def _draft_article() -> list[Fill]:
    section = SectionPage.objects.live().filter(locale__language_code="ru", depth__gt=3).first()
    draft = section.add_child(
        instance=ArticlePage(title="Черновик", slug="hostile-draft", lead="Не опубликовано.",
                             body=[], live=False)
    )  # fmt: skip
    lang, _, rest = draft.get_url().strip("/").partition("/")
    return [{"lang": lang, "_0": f"{rest}/"}]


def _video_on_no_live_episode() -> list[Fill]:
    """The demo's video file again, as a video no published episode shows."""
    shown = Video.objects.exclude(file="").first()
    if shown is None:
        return []  # no ffmpeg, no demo video
    hidden = Video.objects.create(title="Not on air", file=shown.file.name)
    return [{"pk": str(hidden.pk), "name": "master.m3u8"}]


_UNPUBLISHED: dict[str, Callable[[], list[Fill]]] = {
    "wagtail_serve": _draft_article,
    "tv:video_file": _video_on_no_live_episode,
    "tv:video_hls": _video_on_no_live_episode,
}
