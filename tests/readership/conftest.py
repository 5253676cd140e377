"""Readership tests flush the view buffer themselves, in the test's own thread and transaction."""

import shutil

import pytest

from tests.readership.servers import OwnRedis


@pytest.fixture(autouse=True)
def _synchronous_buffer(settings):
    from bigasia.readership import admission, gate
    from bigasia.readership.buffer import view_buffer
    from bigasia.readership.seen import host_seen

    settings.READERSHIP_BACKGROUND_FLUSH = False
    gate._known.clear()
    admission._paused_until = 0.0
    admission._blocked.clear()
    host_seen().clear()
    view_buffer._counts.clear()
    view_buffer._candidates.clear()
    view_buffer._size = 0
    yield
    view_buffer._counts.clear()
    view_buffer._candidates.clear()
    view_buffer._size = 0


BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def send_beacon(client):
    """POST a beacon for a page as a reader from `ip` with `agent`; returns the status."""

    def send(page_id, ip="203.0.113.7", agent=BROWSER, method="post", **headers):
        response = getattr(client, method)(
            f"/r/v/{page_id}", REMOTE_ADDR=ip, HTTP_USER_AGENT=agent, **headers
        )
        return response.status_code

    return send


@pytest.fixture
def flushed_views():
    """Flush the buffer, then return the stored total of a page."""
    from bigasia.readership.buffer import view_buffer
    from bigasia.readership.models import ArticleViews

    def total(page) -> int:
        view_buffer.flush()
        move_to_database()
        row = ArticleViews.objects.filter(page_id=page.pk).first()
        return row.views if row else 0

    return total


@pytest.fixture
def one_rate_window(monkeypatch):
    """Pins the rate limiter's clock to the middle of one minute: a flood test that crosses
    a minute's boundary would otherwise find its count reset half-way."""
    from bigasia.readership import gate

    monkeypatch.setattr(gate, "rate_clock", lambda: 1_800_000_030.0)


def move_to_database() -> None:
    """In scale-out the buffer flushes into Redis; the periodic job then moves it on."""
    from bigasia.readership.stores import get_store

    store = get_store()
    if hasattr(store, "move_to_database"):
        store.move_to_database()


@pytest.fixture
def own_redis():
    """A redis-server on a port of the test's own, never the shared one."""
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is missing (apt-get install redis-server)")
    server = OwnRedis()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()
