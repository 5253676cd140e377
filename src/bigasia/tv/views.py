"""Video files and HLS playlists/segments, served with range support."""

import re
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .chapters import webvtt
from .ical import programme_calendar
from .models import EpisodeCaptions, EpisodePage, ProgrammePage, Video
from .ranges import serve_file
from .tasks import hls_dir

_HLS_NAME = re.compile(r"^[0-9a-z_]+\.(m3u8|ts)$")
_HLS_TYPES = {"m3u8": "application/vnd.apple.mpegurl", "ts": "video/mp2t"}


@require_safe
def video_file(request: HttpRequest, pk: int) -> HttpResponse:
    video = get_object_or_404(Video, pk=pk)
    if not video.file:
        raise Http404
    path = Path(video.file.path)
    if not path.is_file():
        raise Http404
    return serve_file(request, path, "video/mp4")


@require_safe
def video_hls(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    video = get_object_or_404(Video, pk=pk, hls_state=Video.HlsState.READY)
    match = _HLS_NAME.match(name)
    if match is None:
        raise Http404
    path = hls_dir(video) / name
    if not path.is_file():
        raise Http404
    return serve_file(request, path, _HLS_TYPES[match.group(1)])


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
    from .structured import video_sitemap

    return HttpResponse(video_sitemap(request), content_type="application/xml")
