"""What each feed format's consumer requires, checked element by element.

feedparser forgives a great deal (it reads an Atom feed without any author happily), so these
checks read the XML itself against the required elements of RSS 2.0 (rssboard.org), Atom
(RFC 4287 §4.1), «Новости на Дзене» (the former Yandex News) and Dzen's RSS import. Each
returns the list of problems; an empty list means the consumer accepts the feed.
"""

from email.utils import parsedate_to_datetime

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
YANDEX = "{http://news.yandex.ru}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
MEDIA = "{http://search.yahoo.com/mrss/}"
DZEN_MIN_TEXT = 300  # Dzen imports no story shorter than this many characters


def _text(element, path: str) -> str:
    return (element.findtext(path) or "").strip()


def _rss_channel(xml: bytes) -> tuple[etree._Element, list[str]]:
    root = etree.fromstring(xml)
    problems = [] if root.tag == "rss" and root.get("version") == "2.0" else ["not RSS 2.0"]
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        if not _text(channel, name):
            problems.append(f"channel lacks {name}")
    return channel, problems


def rss_problems(xml: bytes) -> list[str]:
    channel, problems = _rss_channel(xml)
    for number, item in enumerate(channel.iter("item")):
        if not (_text(item, "title") or _text(item, "description")):
            problems.append(f"item {number} has neither title nor description")
        try:
            parsedate_to_datetime(_text(item, "pubDate"))
        except (TypeError, ValueError):
            problems.append(f"item {number} has no RFC 822 pubDate")
        if "@" not in _text(item, "author") and item.find("author") is not None:
            problems.append(f"item {number}: RSS 2.0 author must be an e-mail address")
        if not _text(item, "guid"):
            problems.append(f"item {number} lacks guid")
    return problems


def atom_problems(xml: bytes) -> list[str]:
    feed = etree.fromstring(xml)
    problems = [] if feed.tag == f"{ATOM}feed" else ["not an Atom feed"]
    for name in ("id", "title", "updated"):
        if not _text(feed, f"{ATOM}{name}"):
            problems.append(f"feed lacks atom:{name}")
    feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    for number, entry in enumerate(feed.iter(f"{ATOM}entry")):
        for name in ("id", "title", "updated"):
            if not _text(entry, f"{ATOM}{name}"):
                problems.append(f"entry {number} lacks atom:{name}")
        if not feed_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append(f"entry {number} has no author and the feed has none")
        if (
            entry.find(f"{ATOM}link[@rel='alternate']") is None
            and entry.find(f"{ATOM}content") is None
        ):
            problems.append(f"entry {number} has neither an alternate link nor content")
    return problems


def yandex_news_problems(xml: bytes) -> list[str]:
    channel, problems = _rss_channel(xml)
    for number, item in enumerate(channel.iter("item")):
        for name in ("title", "link", "pubDate", f"{YANDEX}full-text"):
            if not _text(item, name):
                problems.append(f"item {number} lacks {name}")
        if _text(item, f"{YANDEX}genre") not in {"message", "article", "interview", "opinion"}:
            problems.append(f"item {number} has no known yandex:genre")
    return problems


def dzen_problems(xml: bytes) -> list[str]:
    channel, problems = _rss_channel(xml)
    if not _text(channel, "language"):
        problems.append("channel lacks language")
    for number, item in enumerate(channel.iter("item")):
        for name in ("title", "link", "guid", "pubDate", f"{CONTENT}encoded"):
            if not _text(item, name):
                problems.append(f"item {number} lacks {name}")
        rating = item.find(f"{MEDIA}rating")
        rated = rating is not None and rating.get("scheme") == "urn:simple"
        if not rated or rating.text not in {"adult", "nonadult"}:
            problems.append(f"item {number} lacks media:rating (urn:simple)")
        categories = {category.text for category in item.iter("category")}
        for choices in (
            {"format-article", "format-post"},
            {"index", "noindex"},
            {"comment-all", "comment-subscribers", "comment-none"},
        ):
            if not categories & choices:
                problems.append(f"item {number} has none of the categories {sorted(choices)}")
        html = _text(item, f"{CONTENT}encoded")
        if len(etree.fromstring(f"<div>{html}</div>", etree.HTMLParser()).xpath("string()")) < (
            DZEN_MIN_TEXT
        ):
            problems.append(f"item {number}: content:encoded is under {DZEN_MIN_TEXT} characters")
        if 'src="/' in html or 'href="/' in html:
            problems.append(f"item {number}: content:encoded links without a host")
    return problems


PROBLEMS = {
    "rss": rss_problems,
    "atom": atom_problems,
    "yandex": yandex_news_problems,
    "dzen": dzen_problems,
}
