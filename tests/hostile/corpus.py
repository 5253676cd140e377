"""The corpus of hostile requests: each probe turns an ordinary request for a route into a
bad one. Strings are what a WSGI server puts in the environ: PATH_INFO already %-decoded
and, like every environ string, bytes decoded as latin-1 (so "\\xff" is the byte 0xFF).
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import quote

# A Location naming this host is an open redirect.
FOREIGN_HOST = "evil.example"
# Reflected anywhere unescaped, this would open an element or close an attribute.
MARK = "zq9\"'<zq9>"
QUOTED_MARK = quote(MARK)
# Field names the views read; each probe's query or body sets them all (not the newsletter
# box's honeypot, "website": filled, it makes the form a bot's and skips the checks).
FIELDS = ("q", "page", "ids", "email", "name", "language", "newsletters", "saved", "next",
          "section", "from", "to", "consent", "leave", "password")  # fmt: skip
# The body a browser would send, with the CSRF pair the probe's cookie matches, so hostile
# fields reach the form code instead of stopping at the CSRF check.
CSRF_SECRET = "hostileHostileHostileHostile1234"


@dataclass(frozen=True)
class Request:
    path: str
    method: str = "GET"
    query: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    content_type: str = ""


Probe = Callable[[Request], Request]


def _query(value: str) -> Probe:
    return lambda request: replace(request, query=value)


def _header(name: str, value: str) -> Probe:
    return lambda request: replace(request, headers={**request.headers, name: value})


def _post(body: bytes, content_type: str = "application/x-www-form-urlencoded") -> Probe:
    def probe(request: Request) -> Request:
        cookie = f"csrftoken={CSRF_SECRET}"
        headers = {**request.headers, "Cookie": cookie, "X-CSRFToken": CSRF_SECRET}
        return replace(request, method="POST", body=body, content_type=content_type,
                       headers=headers)  # fmt: skip

    return probe


def _form(value: str, **extra: str) -> bytes:
    pairs = [f"{name}={value}" for name in FIELDS] + [f"{k}={v}" for k, v in extra.items()]
    return "&".join([f"csrfmiddlewaretoken={CSRF_SECRET}", *pairs]).encode("latin-1")


def _path_suffix(suffix: str) -> Probe:
    return lambda request: replace(request, path=request.path + suffix)


# The operators of SQLite FTS5 and PostgreSQL tsquery, which a search must not pass on.
SEARCH_OPERATORS = 'NEAR(a b) OR "x AND -y* ^z col:w ( a:* & !b | c <-> d \\'
QUERIES: dict[str, Probe] = {
    "marker in every field": _query("&".join(f"{name}={QUOTED_MARK}" for name in FIELDS)),
    "foreign next": _query(f"next=//{FOREIGN_HOST}/&next=https://{FOREIGN_HOST}/"),
    "junk numbers": _query("page=-1&page=x&ids=1,a,-2,99999999999999999999,,&from=9999-99-99"),
    "huge value": _query("q=" + "%D0%B0" * 20_000),
    # Python refuses to read an int of over 4300 digits (ValueError, not OverflowError).
    "numbers beyond int()": _query("&".join(f"{name}={'9' * 5000}" for name in FIELDS)),
    "thousands of fields": _query("&".join(f"f{n}=1" for n in range(3000))),
    "raw NUL": _query("q=a\x00b&page=\x00&email=\x00@example.org&ids=1\x00"),
    "escaped NUL": _query("&".join(f"{name}=a%00b" for name in FIELDS)),
    "raw invalid UTF-8": _query("q=\xff\xfe\xc0\xaf&name=\xed\xa0\x80"),
    "escaped invalid UTF-8": _query("&".join(f"{name}=%FF%FE%C0%AF" for name in FIELDS)),
    "broken escapes": _query("q=%&page=%zz&%=%%&=&&&;"),
    "search syntax": _query("q=" + quote(SEARCH_OPERATORS)),
    "CRLF in fields": _query("&".join(f"{name}=a%0D%0AX-Injected:%201" for name in FIELDS)),
}
PATHS: dict[str, Probe] = {
    "raw NUL": _path_suffix("\x00"),
    "raw invalid UTF-8": _path_suffix("\xff\xfe/"),
    "marker": _path_suffix(MARK + "/"),
    "CRLF": _path_suffix("\r\nX-Injected: 1"),
    "long segment": _path_suffix("a" * 8000 + "/"),
    "dot segments": _path_suffix("../../../etc/passwd"),
    "another host": lambda request: replace(request, path=f"//{FOREIGN_HOST}{request.path}"),
    "no trailing slash": lambda request: replace(request, path=request.path.rstrip("/") or "/"),
}
RANGES: dict[str, Probe] = {
    "not bytes": _header("Range", "items=0-1"),
    "letters": _header("Range", "bytes=abc-def"),
    "reversed": _header("Range", "bytes=500-100"),
    "empty suffix": _header("Range", "bytes=-0"),
    "beyond the end": _header("Range", "bytes=99999999999999999999-"),
    "huge suffix": _header("Range", "bytes=-99999999999999999999"),
    "beyond int()": _header("Range", f"bytes={'9' * 5000}-"),
    "hundreds of ranges": _header("Range", "bytes=" + ",".join(f"{n}-{n}" for n in range(500))),
    "bare": _header("Range", "bytes="),
    "junk If-Range": lambda request: _header("If-Range", MARK)(
        _header("Range", "bytes=0-1")(request)
    ),
}
HEADERS: dict[str, Probe] = {
    "huge cookie": _header("Cookie", "a=" + "b" * 60_000),
    "junk cookie": _header("Cookie", f"sessionid={MARK}; csrftoken=\x00; =;;"),
    "junk Accept-Language": _header("Accept-Language", "zz-ZZ;q=abc,*;q=2,,;" + "x" * 2000),
    "junk conditionals": lambda request: _header("If-None-Match", 'W/"\x00", *, ' + MARK)(
        _header("If-Modified-Since", "Mon, 99 Foo 9999 99:99:99 GMT")(request)
    ),
    "junk forwarded-for": _header("X-Forwarded-For", f"not-an-ip, {MARK}, 999.1.1.1"),
    "NUL in user agent": _header("User-Agent", "Mozilla/5.0\x00\xff"),
    "marker in referer": _header("Referer", f"http://{FOREIGN_HOST}/{MARK}"),
    "junk host": _header("Host", f"{FOREIGN_HOST}:{MARK}"),
    "CRLF in a header": _header("Accept", "text/html\r\nX-Injected: 1"),
    "junk content length": lambda request: replace(
        request, headers={**request.headers, "Content-Length": "-5"}
    ),
}
METHODS: dict[str, Probe] = {
    name: (lambda method: lambda request: replace(request, method=method))(name)
    for name in (
        "HEAD",
        "OPTIONS",
        "PUT",
        "DELETE",
        "PATCH",
        "TRACE",
        "PROPFIND",
        "get",
        "G\x00ET",
        "X" * 300,
    )  # fmt: skip
}
MULTIPART = "multipart/form-data; boundary=x"
BODIES: dict[str, Probe] = {
    "CRLF in fields": _post(_form("a%0D%0ABcc%3A%20x%40evil.example", email="a%40b.example")),
    "CRLF in a valid address's name": _post(
        _form("1", email="reader%40example.org", name="Ann%0D%0ABcc%3A%20x%40evil.example")
    ),
    "marker in every field": _post(_form(QUOTED_MARK)),
    "NUL and invalid UTF-8": _post(_form("a%00%FF%FEb")),
    "huge body": _post(b"q=" + b"a" * 3_000_000),
    "lying length": lambda request: _header("Content-Length", "99999999999")(
        _post(_form("1"))(request)
    ),
    "broken multipart": _post(b"--x\r\nContent-Disposition: form-data\r\n\r\n", MULTIPART),
    "multipart without boundary": _post(b"junk", "multipart/form-data"),
    "junk JSON": _post(b'{"a": [1, 2, \x00', "application/json"),
    "marker JSON": _post(f'{{"event": "{MARK}", "email": "{MARK}"}}'.encode(), "application/json"),
}
CATEGORIES: dict[str, dict[str, Probe]] = {
    "query": QUERIES, "path": PATHS, "range": RANGES, "header": HEADERS,
    "method": METHODS, "body": BODIES,
}  # fmt: skip


def sample(probes: dict[str, Probe], position: int, size: int = 3) -> list[str]:
    """The probes the route at `position` gets: the next `size` after the previous route's,
    so each probe meets many routes and every route a different mix."""
    names = list(probes)
    return [names[(position * size + n) % len(names)] for n in range(size)]
