"""The hostile-input sweep: every public URL pattern of the URLconf, through the whole WSGI
stack of `bigasia.wsgi` (readership's beacon front, the edge cache, Django), answers a
corpus of bad requests with no 5xx and without echoing the input unescaped.

Per route: its real addresses (demo content), each parameter filled with junk, and a sample
of every category of the corpus (rotating over the routes, so each probe meets many routes
and one run stays well under a minute); every Range probe where the route serves ranges.
Content that exists but is not published (a draft story, a video on no live episode) is a 404.
"""

import ipaddress
import itertools
import logging
import re
import runpy

import pytest
from django.conf import settings
from django.core import signals
from django.core.cache import caches
from django.db import close_old_connections

from bigasia.readership.buffer import view_buffer

from .corpus import CATEGORIES, Request, sample
from .driver import ErrorLog, problems, send
from .fills import JUNK_VALUES, real_fills, unpublished_fills
from .routes import Route, public_routes

pytestmark = [
    pytest.mark.django_db,
    # Long junk paths make long cache keys; only memcached would refuse them, and we have none.
    pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning"),
]
ROUTES = public_routes()
FILE_CACHE = "django.core.cache.backends.filebased.FileBasedCache"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
_clients = itertools.count(1)


@pytest.fixture
def stack(settings, tmp_path):
    """bigasia.wsgi's application as production builds it (edge cache on, its pages in files
    in the embedded mode, in Redis in scale-out; the client's address from the proxy's
    header), mail kept in memory (an unreachable mail server is another matter), Django's
    errors recorded."""
    settings.EDGE_ENABLED = True
    # Behind the proxy as deploy/env.example has it: the peer is trusted, its header read.
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.0/8"),)
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    if not settings.REDIS_URL:  # the test settings keep the edge's pages in memory
        settings.CACHES = {
            **settings.CACHES,
            "edge": {"BACKEND": FILE_CACHE, "LOCATION": str(tmp_path)},
        }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Counted beacons are written below, inside the test's transaction: a flusher thread
    # would write them whenever it wakes, by then perhaps during a test without a database.
    settings.READERSHIP_BACKGROUND_FLUSH = False
    caches["edge"].clear()
    application = runpy.run_module("bigasia.wsgi")["application"]
    # As Django's test client does: a real server closes the database connection after each
    # request, which would end the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    log = ErrorLog()
    logging.getLogger("django.request").addHandler(log)
    yield lambda request: send(application, request, _next_client(), log)
    logging.getLogger("django.request").removeHandler(log)
    view_buffer.flush()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
    caches["edge"].clear()


def _next_client() -> str:
    # A new reader address each time: per-address limits must not hide what follows.
    number = next(_clients)
    return f"198.18.{number // 250 % 250}.{number % 250 + 1}"


def _address(route: Route, fill: dict[str, str], turn: int) -> str:
    lang = fill.get("lang") or LANGUAGES[turn % len(LANGUAGES)]
    return route.path(lang, {name: fill.get(name, "1") for name in route.params})


def _requests(route: Route, position: int, fills: list[dict], whole: set[str]):
    """(label, request) pairs: junk in each parameter, then the corpus: a sample of each
    category, or all of it for the categories in `whole`."""
    for name, junk in itertools.product(route.params, JUNK_VALUES):
        yield f"{name}={junk[:20]!r}", Request(_address(route, {**fills[0], name: junk}, position))
    turns = itertools.count(position)
    for category, probes in CATEGORIES.items():
        for label in list(probes) if category in whole else sample(probes, position):
            turn = next(turns)
            base = Request(_address(route, fills[turn % len(fills)], turn))
            yield f"{category}: {label} on {base.path[:60]!r}", probes[label](base)


def _whole_categories(answer, path: str) -> set[str]:
    """Where a route's own answer shows it reads more of a request, it gets every probe of
    those categories: every Range probe if it serves ranges, every query and body probe if
    it is the target of its own form."""
    whole = set()
    if any(name.lower() == "accept-ranges" for name, _value in answer.headers):
        whole.add("range")
    forms = re.findall(rb"<form\b[^>]*>", answer.body)
    actions = [re.search(rb'\baction="([^"]*)"', form) for form in forms]
    if any(action is None or action[1].decode() in ("", path) for action in actions):
        whole |= {"query", "body"}
    return whole


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_a_public_route_answers_hostile_input_without_5xx_or_unescaped_echo(stack, route):
    position = ROUTES.index(route)
    fills = real_fills().get(route.name) or [{}]
    failures, whole = [], set()
    for turn, fill in enumerate(fills):
        request = Request(_address(route, fill, position + turn))
        answer = stack(request)
        failures += [f"the real address {request.path}: {p}" for p in problems(answer)]
        whole |= _whole_categories(answer, request.path)
    for label, request in _requests(route, position, fills, whole):
        failures += [f"{label}: {problem}" for problem in problems(stack(request))]
    for fill in unpublished_fills().get(route.name, []):
        request = Request(_address(route, fill, position))
        if (status := stack(request).status) != 404:
            failures.append(f"unpublished {request.path}: answered {status}, not 404")
    assert not failures, f"{route.template}:\n" + "\n".join(failures)
