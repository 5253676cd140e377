"""Structured data for search engines: JSON-LD TVEpisode/VideoObject and the video sitemap."""

import json

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe


def iso_duration(seconds: float) -> str:
    """PT1M5S — schema.org wants ISO 8601 durations."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"


def _description(episode) -> str:
    if episode.lead:
        return episode.lead
    titles = [story.value["title"] for story in episode.stories]
    return "; ".join(titles) or episode.title


def video_object(request: HttpRequest, episode) -> dict | None:
    video, absolute = episode.video, request.build_absolute_uri
    data = {
        "@type": "VideoObject",
        "name": episode.title,
        "description": _description(episode),
        "uploadDate": episode.aired_at.isoformat(),
    }
    if video is not None:
        data["contentUrl"] = absolute(video.get_file_url())
        if video.poster:
            data["thumbnailUrl"] = absolute(video.poster.url)
        if video.duration:
            data["duration"] = iso_duration(video.duration)
    elif episode.player_url:
        data["embedUrl"] = episode.player.embed_url
    else:
        return None
    return data


def key_moments(request: HttpRequest, episode) -> list[dict]:
    """The stories as Clips of the VideoObject (Google's key moments): each URL is the
    episode's with ?t=<seconds>, which the page's player seeks to (tv/episode.js)."""
    return [
        {
            "@type": "Clip",
            "name": strip_tags(chapter["title"]),
            "startOffset": chapter["start"],
            "endOffset": chapter["end"],
            "url": request.build_absolute_uri(f"{episode.url}?t={chapter['start']}"),
        }
        for chapter in episode.chapters()
    ]


def episode_json_ld(request: HttpRequest, episode, programme) -> SafeString:
    data = {
        "@context": "https://schema.org",
        "@type": "TVEpisode",
        "name": episode.title,
        "episodeNumber": episode.number,
        "datePublished": episode.aired_at.isoformat(),
        "url": request.build_absolute_uri(episode.url),
        "inLanguage": episode.locale.language_code,
        "partOfSeries": {
            "@type": "TVSeries",
            "name": programme.title,
            "url": request.build_absolute_uri(programme.url),
        },
    }
    video = video_object(request, episode)
    if video is not None:
        video["hasPart"] = key_moments(request, episode)
        data["video"] = video
    # "</" inside a string would end the <script> element early.
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(text)  # noqa: S308 — JSON with "<" escaped, nothing else can break out


def video_sitemap(request: HttpRequest) -> str:
    """Public episodes with a video, in every language, newest first."""
    from .models import EpisodePage

    episodes = EpisodePage.objects.live().public().select_related("video")
    episodes = episodes.order_by("-aired_at")[:1000]
    entries = []
    for episode in episodes:
        video = video_object(request, episode)
        if video is not None:
            seconds = episode.video.duration if episode.video else None
            entries.append(
                {
                    "loc": request.build_absolute_uri(episode.url),
                    "video": video,
                    "seconds": round(seconds) if seconds else None,
                }
            )
    return render_to_string("tv/sitemap_video.xml", {"entries": entries})
