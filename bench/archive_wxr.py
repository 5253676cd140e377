"""A synthetic WordPress archive, and how fast and in how much memory the WXR source reads it.

    .venv/bin/python -m bench.archive_wxr generate --posts 100000 --out var/bench-wxr
    .venv/bin/python -m bench.archive_wxr read var/bench-wxr/export.xml

`generate` writes DIR/export.xml (WXR 1.2) and DIR/uploads/ (the wp-content/uploads tree,
for `--media-dir`), streaming: posts of 3–10 paragraphs with 0–3 inline images (half as
`[caption]` shortcodes, half as `<figure>`), quotes with a speaker, 5 categories (news and
four under it), 2,000 tags, 200 authors; 70 % Russian and 30 % English posts, two in every
ten a Polylang translation pair; a featured image (`_thumbnail_id`) on 90 % of posts, its
attachment mostly after the post, some before; one image file per two posts (50,000 at
100,000 posts), each a small valid JPEG or PNG with bytes of its own; a few drafts without a
GMT date, pending and private posts; view counts.

`read` streams every post of a file through WxrSource and prints posts per second and the
peak resident memory of the process (getrusage), which must stay flat in the number of
posts (docs/benchmarks.md).
"""

import argparse
import os
import random
import resource
import time
from collections import deque
from pathlib import Path

from bench._wxr_synthetic import (
    CATEGORIES,
    ENGLISH_WORDS,
    MOSCOW_OFFSET,
    RUSSIAN_WORDS,
    SITE,
    TAGS,
    Picture,
    body,
    cdata,
    header,
    post_date,
    sentence,
    slug_for,
    write_picture,
)

NAMESPACES = (
    'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/1.2/"'
)
RECENT_PICTURES = 64  # inline images are drawn from the last few made: memory stays flat


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def language_of(number: int) -> tuple[str, str | None]:
    """In every block of ten posts: 0–6 Russian, 7–9 English; 5↔7 and 6↔8 are pairs."""
    block, place = divmod(number, 10)
    language = "ru" if place < 7 else "en"
    pair = {5: 0, 7: 0, 6: 1, 8: 1}.get(place)
    return language, (f"pll_{block:08x}{pair}" if pair is not None else None)


def status_of(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.02:
        return "draft"
    if roll < 0.03:
        return "pending"
    return "private" if roll < 0.04 else "publish"


def post_item(
    rng: random.Random, number: int, posts: int, recent: deque, featured: int | None
) -> str:
    language, group = language_of(number)
    words = RUSSIAN_WORDS if language == "ru" else ENGLISH_WORDS
    post_id = number + 1
    slug = slug_for(rng, post_id, language == "ru", words)
    local = post_date(number, posts)
    status = status_of(rng)
    gmt = (
        "0000-00-00 00:00:00" if status == "draft" else f"{local - MOSCOW_OFFSET:%Y-%m-%d %H:%M:%S}"
    )
    folder = "" if language == "ru" else "/en"
    category, parent, name = rng.choice(CATEGORIES[1:])
    terms = [
        f'<category domain="category" nicename="{category}">{cdata(name)}</category>',
        f'<category domain="language" nicename="{language}">{cdata(language)}</category>',
    ]
    if group:
        terms.append(
            f'<category domain="post_translations" nicename="{group}">{cdata(group)}</category>'
        )
    for tag in {int(TAGS * rng.random() ** 3) for _ in range(rng.randint(0, 5))}:
        terms.append(
            f'<category domain="post_tag" nicename="tag-{tag}">{cdata(f"tag {tag}")}</category>'
        )
    meta = {"post_views_count": str(rng.randint(0, 50_000))}
    if featured is not None:
        meta["_thumbnail_id"] = str(featured)
    postmeta = "".join(
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key><wp:meta_value>{cdata(value)}"
        "</wp:meta_value></wp:postmeta>"
        for key, value in meta.items()
    )
    return (
        f"<item><title>{cdata(sentence(rng, words)[:-1])}</title>"
        f"<link>{SITE}{folder}/{local:%Y/%m}/{slug}/</link>"
        f"<dc:creator>{cdata(f'author{rng.randint(1, 200):03d}')}</dc:creator>"
        f'<guid isPermaLink="false">{SITE}/?p={post_id}</guid>'
        f"<content:encoded>{cdata(body(rng, words, list(recent)))}</content:encoded>"
        f"<excerpt:encoded>{cdata('')}</excerpt:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id>"
        f"<wp:post_date>{local:%Y-%m-%d %H:%M:%S}</wp:post_date>"
        f"<wp:post_date_gmt>{gmt}</wp:post_date_gmt>"
        f"<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>"
        f"<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>"
        f"{''.join(terms)}{postmeta}</item>\n"
    )


def attachment_item(rng: random.Random, picture: Picture) -> str:
    caption = sentence(rng, RUSSIAN_WORDS)
    return (
        f"<item><title>{cdata(picture.name)}</title>"
        f"<link>{SITE}/?attachment_id={picture.attachment_id}</link>"
        f'<guid isPermaLink="false">{picture.url}</guid>'
        f"<excerpt:encoded>{cdata(caption)}</excerpt:encoded>"
        f"<wp:post_id>{picture.attachment_id}</wp:post_id>"
        f"<wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>"
        f"<wp:attachment_url>{cdata(picture.url)}</wp:attachment_url>"
        "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
        f"<wp:meta_value>{cdata(caption[:40])}</wp:meta_value></wp:postmeta></item>\n"
    )


def featured_for(rng: random.Random, number: int, posts: int) -> int | None:
    """The attachment id of a post's featured image: mostly the picture written right after
    it (or after the next post), sometimes one written a few posts before, sometimes none."""
    roll = rng.random()
    if roll < 0.1:
        return None
    picture = number // 2 if roll < 0.8 else max(0, number // 2 - 3)
    return posts + 1 + picture


def generate(posts: int, out: Path, seed: int) -> None:
    rng = random.Random(seed)
    uploads = out / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    recent: deque[Picture] = deque(maxlen=RECENT_PICTURES)
    started = time.perf_counter()
    with open(out / "export.xml", "w", encoding="utf-8", buffering=1 << 20) as export:
        export.write(f'<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" {NAMESPACES}>\n')
        export.write(f"<channel><title>Old site</title><link>{SITE}</link>")
        export.write(
            f"<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{SITE}</wp:base_site_url>"
        )
        export.write(f"<wp:base_blog_url>{SITE}</wp:base_blog_url>\n{header(rng)}")
        for number in range(posts):
            export.write(post_item(rng, number, posts, recent, featured_for(rng, number, posts)))
            if number % 2 == 1 or number == posts - 1:
                month = f"{post_date(number, posts):%Y/%m}"
                picture = Picture(number // 2, posts + 1 + number // 2, month)
                write_picture(uploads, picture)
                export.write(attachment_item(rng, picture))
                recent.append(picture)
        export.write("</channel>\n</rss>\n")
    size = (out / "export.xml").stat().st_size
    print(
        f"{posts} posts, {(posts + 1) // 2} images in {time.perf_counter() - started:.1f} s: "
        f"{out / 'export.xml'} ({size / 1e6:.1f} MB), media in {uploads}; "
        f"peak RSS {peak_rss_mb():.0f} MB"
    )


def read(path: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bigasia.settings.test")
    import django

    django.setup()
    from bigasia.archive.formats.wxr import WxrSource
    from bigasia.archive.source import BrokenItem

    before = peak_rss_mb()
    started = time.perf_counter()
    posts = broken = 0
    for item in WxrSource(path).posts():
        if isinstance(item, BrokenItem):
            broken += 1
        else:
            posts += 1
    elapsed = time.perf_counter() - started
    print(
        f"{posts} posts ({broken} broken items) in {elapsed:.1f} s: {posts / elapsed:.0f} posts/s; "
        f"peak RSS {peak_rss_mb():.0f} MB (after start-up: {before:.0f} MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    making = commands.add_parser("generate", help="write a synthetic WXR and its media folder")
    making.add_argument("--posts", type=int, default=100_000)
    making.add_argument("--out", type=Path, required=True)
    making.add_argument("--seed", type=int, default=19)
    reading = commands.add_parser("read", help="stream a WXR file through WxrSource")
    reading.add_argument("file", type=Path)
    arguments = parser.parse_args()
    if arguments.command == "generate":
        generate(arguments.posts, arguments.out, arguments.seed)
    else:
        read(arguments.file)


if __name__ == "__main__":
    main()
