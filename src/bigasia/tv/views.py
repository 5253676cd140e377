"""Video files and HLS playlists/segments, served with range support."""

import re
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .access import is_public, may_preview
from .chapters import webvtt
from .ical import programme_calendar
from .models import EpisodeCaptions, EpisodePage, ProgrammePage, Video
from .ranges import serve_file
from .structured import video_sitemap
from .tasks import hls_dir

_HLS_NAME = re.compile(r"^[0-9a-z_]+\.(m3u8|ts)$")
_HLS_TYPES = {"m3u8": "application/vnd.apple.mpegurl", "ts": "video/mp2t"}


@require_safe
def video_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    video, public = _fetchable_video(request, pk)
    if not video.file:
        raise Http404
    return _serve(request, public, Path(video.file.path), "video/mp4")


@require_safe
def video_hls(request: HttpRequest, pk: int, name: str) -> HttpResponseBase:
    match = _HLS_NAME.match(name)
    if match is None:
        raise Http404
    video, public = _fetchable_video(request, pk, hls_state=Video.HlsState.READY)
    return _serve(request, public, hls_dir(video) / name, _HLS_TYPES[match.group(1)])


def _fetchable_video(request: HttpRequest, pk: int, **conditions) -> tuple[Video, bool]:
    """The video and whether it is public; a 404 for a video this visitor may not fetch."""
    video = get_object_or_404(Video, pk=pk, **conditions)
    public = is_public(video)
    if not public and not may_preview(request.user, video):
        raise Http404
    return video, public


def _serve(request: HttpRequest, public: bool, path: Path, content_type: str) -> HttpResponseBase:
    if not path.is_file():
        raise Http404
    if settings.TV_ACCEL_REDIRECT:
        # nginx sends the file from its `internal` location (ranges, validators, sendfile);
        # this process only decided that the visitor may have it.
        response: HttpResponseBase = HttpResponse(content_type=content_type)
        relative = path.relative_to(settings.MEDIA_ROOT).as_posix()
        response["X-Accel-Redirect"] = settings.TV_ACCEL_REDIRECT + quote(relative)
    else:
        response = serve_file(request, path, content_type)
    if not public:
        # Only this editor may see it: no shared cache (nginx, a CDN) may keep a copy.
        response["Cache-Control"] = "private"
    return response


@require_safe
def episode_chapters(request: HttpRequest, pk: int) -> HttpResponse:
    episode = get_object_or_404(EpisodePage.objects.live().select_related("video"), pk=pk)
    return HttpResponse(webvtt(episode.chapters()), content_type="text/vtt; charset=utf-8")


@require_safe
def episode_captions(request: HttpRequest, pk: int) -> HttpResponse:
    """A caption file as text/vtt (media servers do not all know the type), live pages only."""
    captions = get_object_or_404(EpisodeCaptions.objects.filter(page__live=True), pk=pk)
    try:
        with captions.file.open("rb") as file:
            return HttpResponse(file.read(), content_type="text/vtt; charset=utf-8")
    except FileNotFoundError:
        raise Http404 from None


@require_safe
def programme_ics(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(ProgrammePage.objects.live().select_related("locale"), pk=pk)
    response = HttpResponse(
        programme_calendar(request, programme), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{programme.slug}.ics"'
    return response


@require_safe
def video_sitemap_view(request: HttpRequest) -> HttpResponse:
    """Public episodes with a video, in every language, newest first."""
    episodes = EpisodePage.objects.live().public().select_related("video")
    episodes = episodes.order_by("-aired_at")[:1000]
    return HttpResponse(video_sitemap(request, episodes), content_type="application/xml")
