"""HTTP range requests (RFC 9110 §14) for video files: one range per request.

A player seeking in an MP4 asks for byte ranges; a Range header that does not parse or lies
outside the file gets 416 with `Content-Range: bytes */<size>`, never a 500.
"""

import os
import re
from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import http_date, parse_http_date_safe

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=([0-9]*)-([0-9]*)$")
# Positions with more digits than this lie past any file. Python refuses to convert strings
# of over 4,300 digits (a ValueError, hence a 500), so longer numbers are never converted.
_MAX_DIGITS = 19
_PAST_ANY_FILE = 10**_MAX_DIGITS


class UnsatisfiableRange(Exception):
    pass


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte, inclusive; None for several ranges (answered with the whole file)."""
    header = header.strip()
    if header.startswith("bytes=") and "," in header:
        return None
    match = _RANGE.match(header)
    if not match or match.groups() == ("", ""):
        raise UnsatisfiableRange(header)
    first, last = match.groups()
    if first == "":  # suffix: the last N bytes
        length = _position(last)
        if length == 0 or size == 0:
            raise UnsatisfiableRange(header)
        return max(0, size - length), size - 1
    start = _position(first)
    end = _position(last) if last else size - 1
    if start >= size or end < start:
        raise UnsatisfiableRange(header)
    return start, min(end, size - 1)


def _position(digits: str) -> int:
    return int(digits) if len(digits) <= _MAX_DIGITS else _PAST_ANY_FILE


def _read(path: Path, start: int, length: int):
    with path.open("rb") as handle:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(CHUNK, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


def _validators(stat: os.stat_result) -> dict[str, str]:
    return {
        "ETag": f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"',
        "Last-Modified": http_date(stat.st_mtime),
    }


def _not_modified(request: HttpRequest, headers: dict[str, str], stat: os.stat_result) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return headers["ETag"] in [tag.strip() for tag in if_none_match.split(",")]
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(stat.st_mtime) <= since


def _range_still_valid(request: HttpRequest, headers: dict[str, str]) -> bool:
    """If-Range: only answer a range of the version the client already has part of."""
    if_range = request.headers.get("If-Range")
    return if_range is None or if_range.strip() in (headers["ETag"], headers["Last-Modified"])


def serve_file(request: HttpRequest, path: Path, content_type: str) -> HttpResponseBase:
    stat = path.stat()
    size, headers = stat.st_size, _validators(stat)
    headers["Accept-Ranges"] = "bytes"
    if _not_modified(request, headers, stat):
        return _with(HttpResponse(status=304), headers)
    range_header = request.headers.get("Range")
    if range_header and _range_still_valid(request, headers):
        try:
            span = parse_range(range_header, size)
        except UnsatisfiableRange:
            response: HttpResponseBase = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return _with(response, headers)
        if span is not None:
            start, end = span
            response = StreamingHttpResponse(
                _read(path, start, end - start + 1), status=206, content_type=content_type
            )
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
            response["Content-Length"] = str(end - start + 1)
            return _with(response, headers)
    response = FileResponse(path.open("rb"), content_type=content_type)
    response["Content-Length"] = str(size)
    return _with(response, headers)


def _with(response: HttpResponseBase, headers: dict[str, str]) -> HttpResponseBase:
    for name, value in headers.items():
        response[name] = value
    return response
