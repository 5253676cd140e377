"""The send rate is capped per one-second window, for all workers together (a database row
in the embedded mode, Redis in scale-out)."""

import time
from collections import Counter

from bigasia.newsletters import sending
from bigasia.newsletters.models import Issue

from .delivery_fixtures import make_subscribers


def test_it_never_sends_more_than_the_rate_in_a_second(
    delivery_engine, smtp_sink, send_issue, send_newsletter
):
    delivery_engine.NEWSLETTERS_RATE_PER_SECOND = 20
    make_subscribers(send_newsletter, 50)

    started = time.monotonic()
    sending.start_sending(send_issue)
    elapsed = time.monotonic() - started

    send_issue.refresh_from_db()
    assert send_issue.status == Issue.Status.SENT
    per_second = Counter(int(at) for at in smtp_sink.handler.arrivals)
    assert sum(per_second.values()) == 50
    # A message granted at the end of one second may arrive early in the next: a little
    # slack, far below the 50 an unlimited sender would deliver within one second.
    assert max(per_second.values()) <= 25
    assert elapsed > 1.0  # 50 messages need at least three one-second windows
