"""The newsroom's life on top of the demo publication, each part through its app's own code:
partners' feeds and exchange figures, the Wire inbox, view history, sent newsletter issues."""

import time
from collections.abc import Callable
from datetime import datetime

from django.utils import timezone

from .newsletters import send_newsletter_issues
from .partners import add_partners_demo
from .views import add_view_history
from .wire import add_wire_demo

Report = Callable[[str], None]


def bring_newsroom_to_life(report: Report = lambda line: None, now: datetime | None = None) -> None:
    now = now or timezone.now()
    for title, step in [
        ("partners", lambda: add_partners_demo(now)),
        ("wire", lambda: add_wire_demo(now)),
        ("views", lambda: add_view_history(now)),
        ("newsletters", send_newsletter_issues),
    ]:
        started = time.monotonic()
        step()
        report(f"  {title}: {time.monotonic() - started:.1f} s")
