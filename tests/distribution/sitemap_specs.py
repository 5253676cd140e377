"""The sitemaps.org protocol and Google's news and video extensions, checked from the specs.

No package on PyPI ships these XSDs, so the rules a validator applies are written here:
sitemaps.org (urlset/sitemapindex, absolute `loc` under the sitemap's own path, W3C
datetimes, changefreq and priority ranges, 50,000 URLs and 50 MB), Google News
(publication name and language, publication_date, title) and Google Video (thumbnail,
title, description, a content or player location that is not the page, duration in range).
Each function returns the list of problems; an empty list means the file passes.
"""

import re
from urllib.parse import urlsplit

from lxml import etree

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
VIDEO = "{http://www.google.com/schemas/sitemap-video/1.1}"
XHTML = "{http://www.w3.org/1999/xhtml}"
W3C_DATETIME = re.compile(
    r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$"
)
CHANGEFREQ = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
MAX_VIDEO_SECONDS = 28_800
LANGUAGE = re.compile(r"^([a-z]{2,3}|zh-cn|zh-tw)$")


def _under(loc: str, sitemap_url: str) -> bool:
    """sitemaps.org: a sitemap lists URLs of its own host below its own directory."""
    page, sitemap = urlsplit(loc), urlsplit(sitemap_url)
    directory = sitemap.path.rsplit("/", 1)[0] + "/"
    return (page.scheme, page.netloc) == (sitemap.scheme, sitemap.netloc) and page.path.startswith(
        directory
    )


def _loc_problems(where: str, loc: str, sitemap_url: str) -> list[str]:
    if len(loc) > 2048 or urlsplit(loc).scheme not in ("http", "https"):
        return [f"{where}: loc {loc!r} is not an absolute URL of at most 2048 characters"]
    if not _under(loc, sitemap_url):
        return [f"{where}: {loc} lies outside the sitemap's own path"]
    return []


def index_problems(xml: bytes, sitemap_url: str) -> list[str]:
    root = etree.fromstring(xml)
    if root.tag != f"{SM}sitemapindex":
        return ["not a sitemapindex"]
    problems = []
    entries = root.findall(f"{SM}sitemap")
    if len(entries) > MAX_URLS:
        problems.append("more than 50,000 sitemaps")
    for number, entry in enumerate(entries):
        problems += _loc_problems(f"sitemap {number}", entry.findtext(f"{SM}loc", ""), sitemap_url)
        lastmod = entry.findtext(f"{SM}lastmod")
        if lastmod is not None and not W3C_DATETIME.match(lastmod):
            problems.append(f"sitemap {number}: lastmod {lastmod!r} is not a W3C datetime")
    return problems


def urlset_problems(xml: bytes, sitemap_url: str) -> list[str]:
    root = etree.fromstring(xml)
    if root.tag != f"{SM}urlset":
        return ["not a urlset"]
    problems = [] if len(xml) <= MAX_BYTES else ["over 50 MB"]
    urls = root.findall(f"{SM}url")
    if len(urls) > MAX_URLS:
        problems.append("more than 50,000 URLs")
    for number, url in enumerate(urls):
        where = f"url {number}"
        loc = url.findtext(f"{SM}loc", "")
        problems += _loc_problems(where, loc, sitemap_url)
        problems += _optional_field_problems(where, url)
        for link in url.findall(f"{XHTML}link"):
            if link.get("rel") != "alternate" or not link.get("hreflang") or not link.get("href"):
                problems.append(f"{where}: xhtml:link lacks rel=alternate, hreflang or href")
        for news in url.findall(f"{NEWS}news"):
            problems += [f"{where}: {p}" for p in news_problems(news)]
        for video in url.findall(f"{VIDEO}video"):
            problems += [f"{where}: {p}" for p in video_problems(video, loc)]
    return problems


def _optional_field_problems(where: str, url) -> list[str]:
    problems = []
    lastmod = url.findtext(f"{SM}lastmod")
    if lastmod is not None and not W3C_DATETIME.match(lastmod):
        problems.append(f"{where}: lastmod {lastmod!r} is not a W3C datetime")
    changefreq = url.findtext(f"{SM}changefreq")
    if changefreq is not None and changefreq not in CHANGEFREQ:
        problems.append(f"{where}: changefreq {changefreq!r}")
    priority = url.findtext(f"{SM}priority")
    if priority is not None and not 0 <= float(priority) <= 1:
        problems.append(f"{where}: priority {priority} outside 0.0–1.0")
    return problems


def news_problems(news) -> list[str]:
    problems = []
    if not news.findtext(f"{NEWS}publication/{NEWS}name"):
        problems.append("news:publication lacks name")
    if not LANGUAGE.match(news.findtext(f"{NEWS}publication/{NEWS}language", "")):
        problems.append("news:publication language is not an ISO 639 code")
    if not W3C_DATETIME.match(news.findtext(f"{NEWS}publication_date", "")):
        problems.append("news:publication_date is not a W3C datetime")
    if not news.findtext(f"{NEWS}title"):
        problems.append("news:title is missing")
    return problems


def video_problems(video, page_loc: str) -> list[str]:
    problems = []
    for name in ("thumbnail_loc", "title", "description"):
        if not video.findtext(f"{VIDEO}{name}"):
            problems.append(f"video:{name} is missing")
    if len(video.findtext(f"{VIDEO}description", "")) > 2048:
        problems.append("video:description is over 2048 characters")
    content = video.findtext(f"{VIDEO}content_loc") or video.findtext(f"{VIDEO}player_loc")
    if not content or content == page_loc:
        problems.append("video needs a content_loc or player_loc other than the page")
    duration = video.findtext(f"{VIDEO}duration")
    if duration is not None and not 1 <= int(duration) <= MAX_VIDEO_SECONDS:
        problems.append(f"video:duration {duration} outside 1–28800")
    return problems
