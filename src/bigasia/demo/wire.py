"""Demo wire: two invented agencies (Russian RSS, English ninjs) whose shipped deliveries go
through the feed engine into the Wire inbox. Keyword rules on Asian countries keep out the
items about elsewhere (filtered), a demo author has taken two drafts and edited one, and the
agency's later version of that one waits beside the author's work."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from bigasia.articles.models import SectionPage
from bigasia.articles.newsroom import AUTHORS
from bigasia.articles.snippets import Source
from bigasia.feeds.models import FeedSource
from bigasia.wire.models import WireAgency, WireItem

from .feedfiles import load_feed_file
from .loader import translated_pair

AGENCIES = [
    # feed name, language, format, URL, Source (ru, en), file, keyword rules (one per line)
    ("Евразия-Пресс: лента", "ru", FeedSource.Format.RSS,
     "https://eurasia-press.example/rss", ("Евразия-Пресс", "Eurasia Press"),
     "wire-ru-eurasia-press.xml",
     "Казахстан\nКиргиз\nВьетнам\nМонгол\nУзбекистан\nКита\nЯпони\nИнди\nКоре\nИндонези"),
    ("Asia Wire Service", "en", FeedSource.Format.NINJS,
     "https://asia-wire.example/ninjs", ("Азия-Вайр", "Asia Wire"),
     "wire-en-asia-wire.json",
     "Kazakhstan\nKyrgyz\nVietnam\nMongolia\nUzbekistan\nChina\nJapan\nIndia\nKorea\nIndonesia"),
]  # fmt: skip
# The Russian agency's later version of its first item (same GUID, a longer headline).
UPDATE_FILE = "wire-ru-eurasia-press-update.xml"
AUTHOR_USERNAME = "demo-author"


def add_wire_demo(now: datetime) -> None:
    """Loads the deliveries once, when the agencies are new: the drafts an author took and
    edited must not be replayed over on every run."""
    economics = SectionPage.objects.get(slug="economics", locale__language_code="ru")
    for name, language, fmt, url, source_names, file, keywords in AGENCIES:
        feed, created = FeedSource.objects.get_or_create(
            name=name,
            kind=FeedSource.Kind.WIRE,
            defaults={"url": url, "language": language, "feed_format": fmt, "poll_interval": 600},
        )
        if not created:
            continue
        source = translated_pair(Source, {"name": source_names[0]}, {"name": source_names[1]})[0]
        WireAgency.objects.create(feed=feed, source=source, section=economics, keywords=keywords)
        load_feed_file(feed, file, now)
        take_drafts(feed)
        if language == "ru":
            load_feed_file(feed, UPDATE_FILE, now)


def take_drafts(feed: FeedSource) -> None:
    """The demo author takes the feed's two newest drafts and saves an edit of the first, as
    the inbox's "Take draft" and the page editor would."""
    author = demo_author()
    drafts = WireItem.objects.filter(agency__feed=feed, page__isnull=False).order_by(
        "-feed_item__published_at"
    )
    for number, wire_item in enumerate(drafts[:2]):
        assert wire_item.page is not None  # the query asked for items with a draft
        page = wire_item.page.specific
        page.owner = author
        page.save(update_fields=["owner"])
        if number == 0:
            page.lead = f"{page.lead} {edit_note(feed.language)}"
            page.save_revision(user=author)


def edit_note(language: str) -> str:
    return "Уточняется у сторон." if language == "ru" else "Details are being confirmed."


def demo_author():
    """A member of the Authors group who cannot log in (no usable password)."""
    user, created = get_user_model().objects.get_or_create(
        username=AUTHOR_USERNAME,
        defaults={"first_name": "Алина", "last_name": "Демина", "email": "demo-author@example.org"},
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=AUTHORS))
    return user
