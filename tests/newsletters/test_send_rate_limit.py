"""The send rate is capped per one-second window, for all workers together (a database row
in the embedded mode, Redis in scale-out)."""

import time

from bigasia.newsletters import lifecycle
from bigasia.newsletters.models import Issue
from bigasia.newsletters.ratelimit import throttle
from tests.newsletters.factories import make_subscribers


def test_it_spreads_a_send_over_the_windows_the_rate_needs(
    delivery_engine, smtp_sink, send_issue, send_newsletter
):
    delivery_engine.NEWSLETTERS_RATE_PER_SECOND = 20
    make_subscribers(send_newsletter, 50)

    started = time.monotonic()
    lifecycle.start_sending(send_issue)
    elapsed = time.monotonic() - started

    send_issue.refresh_from_db()
    assert send_issue.status == Issue.Status.SENT
    assert len(smtp_sink.inbox.arrivals) == 50
    # 20 in the first window, 20 in the second, 10 in the third: two window boundaries, of
    # which at least the second is a whole second after the first message.
    assert elapsed > 1.0


def test_it_grants_one_window_no_more_than_the_rate(delivery_engine, db):
    """The shared window itself, at fixed seconds: what a worker is granted does not depend on
    when the test happens to run (a wall-clock count breaks at a second's boundary)."""
    delivery_engine.NEWSLETTERS_RATE_PER_SECOND = 20
    window = throttle().window
    second = int(time.time()) + 3600  # a window of its own, no other send's (Redis keeps them)
    granted = [window.take(second, 3) for _ in range(10)]
    # 18 in whole chunks, then the last two: one by one from the database row, as one part
    # chunk from Redis; never more than the rate, and nothing once it is used up.
    assert granted[:6] == [3] * 6
    assert sum(granted) == 20 and all(0 <= chunk <= 3 for chunk in granted)
    assert granted[-2:] == [0, 0]
    assert window.take(second, 1) == 0
    assert window.take(second + 1, 3) == 3, "the next second grants afresh"
