"""Demo partners: six invented outlets per language whose feed files are loaded through the
feed engine, thumbnails for their items, and a fortnight of exchange figures written through
the partners' counting code."""

import io
import random
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F
from PIL import Image

from bigasia.feeds.models import FeedItem, FeedSource
from bigasia.partners import stats

from .feedfiles import load_feed_file
from .images import draw_illustration

# slug (the file feeds/partner-<language>-<slug>.xml, the site <slug>.example), language,
# name, format
PARTNERS = [
    ("stepnoy-vestnik", "ru", "Степной вестник", "rss"),
    ("mekong-inform", "ru", "Меконг-Информ", "atom"),
    ("tashkentskoe-obozrenie", "ru", "Ташкентское обозрение", "rss"),
    ("vostochny-ekspress", "ru", "Восточный экспресс", "rss"),
    ("gimalayskiy-kuryer", "ru", "Гималайский курьер", "atom"),
    ("shelkovy-put-segodnya", "ru", "Шёлковый путь сегодня", "rss"),
    ("steppe-herald", "en", "Steppe Herald", "rss"),
    ("monsoon-post", "en", "Monsoon Post", "atom"),
    ("han-river-times", "en", "Han River Times", "rss"),
    ("archipelago-review", "en", "Archipelago Review", "rss"),
    ("pamir-observer", "en", "Pamir Observer", "atom"),
    ("mekong-daily", "en", "Mekong Daily", "rss"),
]  # fmt: skip
ITEMS_PER_FILE = 4
THUMBNAIL = (288, 192)  # three times the block's 96×64, for dense screens
HISTORY_DAYS = 14
UTM = "utm_source=bigasia&utm_medium=partners"


def add_partners_demo(now: datetime) -> None:
    for slug, language, name, fmt in PARTNERS:
        website = f"https://{slug}.example"
        source, created = FeedSource.objects.get_or_create(
            name=name,
            kind=FeedSource.Kind.PARTNER,
            defaults={
                "url": f"{website}/{fmt}",
                "website": website,
                "language": language,
                "poll_interval": 3600,
                "utm_parameters": UTM,
            },
        )
        load_feed_file(source, f"partner-{language}-{slug}.xml", now)
        draw_thumbnails(slug)
        if created:
            write_exchange_history(source, random.Random(slug))


def draw_thumbnails(slug: str) -> None:
    """The items' images, at the media URLs the feed files name (demo/partners/<slug>-<n>.jpg),
    so `make run` serves them itself."""
    for number in range(1, ITEMS_PER_FILE + 1):
        name = f"demo/partners/{slug}-{number}.jpg"
        if default_storage.exists(name):
            continue
        image = Image.open(io.BytesIO(draw_illustration(f"partner-{slug}-{number}")))
        image.thumbnail(THUMBNAIL)
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=80)
        default_storage.save(name, ContentFile(out.getvalue()))


def write_exchange_history(source: FeedSource, rng: random.Random) -> None:
    """Items shown and clicks sent per day for the last fortnight; today's clicks go through
    `record_click`, the outbound click's own counter."""
    today = stats.today()
    total_clicks = 0
    for back in range(HISTORY_DAYS, 0, -1):
        shown = rng.randint(400, 1600)
        clicks = round(shown * rng.uniform(0.015, 0.045))
        stats.add_to_day(source.pk, today - timedelta(days=back), impressions=shown, clicks=clicks)
        total_clicks += clicks
    for _ in range(rng.randint(3, 12)):
        stats.record_click(source.pk)
        total_clicks += 1
    # The per-item click counters the click view keeps, shared out newest first.
    items = list(FeedItem.objects.filter(source=source).order_by("-published_at"))
    for rank, item in enumerate(items):
        share = total_clicks // (2 ** (rank + 1)) if rank < len(items) - 1 else total_clicks
        FeedItem.objects.filter(pk=item.pk).update(clicks=F("clicks") + share)
        total_clicks -= share
