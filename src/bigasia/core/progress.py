"""A small progress bar for long management commands (`bigasia … --help` tells which).

It writes to the command's stdout; on a terminal it redraws one line, elsewhere (CI logs)
it prints a line every tenth of the way so logs stay short.
"""

import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from django.core.management.base import OutputWrapper

T = TypeVar("T")


class ProgressBar:
    def __init__(
        self, total: int, label: str, out: TextIO | OutputWrapper, width: int = 30
    ) -> None:
        self.total = max(total, 0)
        self.label = label
        self.out = out
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self.interactive = getattr(out, "isatty", lambda: False)()
        self._last_tenth = -1

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        if self.interactive:
            self.out.write("\r" + self.line())
            self.out.flush()
            return
        tenth = (self.done * 10 // self.total) if self.total else 10
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            self.out.write(self.line() + "\n")

    def finish(self) -> None:
        if self.interactive:
            self.out.write("\r" + self.line() + "\n")
            self.out.flush()

    def line(self) -> str:
        fraction = self.done / self.total if self.total else 1.0
        filled = int(self.width * min(fraction, 1.0))
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        bar = "#" * filled + "-" * (self.width - filled)
        return f"{self.label} [{bar}] {self.done}/{self.total} ({rate:.0f}/s{self.eta(rate)})"

    def eta(self, rate: float) -> str:
        """`, ETA 1:02:03` while there is work left and a rate to project it from."""
        left = self.total - self.done
        if left <= 0 or rate <= 0:
            return ""
        minutes, seconds = divmod(int(left / rate), 60)
        hours, minutes = divmod(minutes, 60)
        return f", ETA {hours}:{minutes:02d}:{seconds:02d}"


def progress(items: Iterable[T], total: int, label: str, out: TextIO) -> Iterator[T]:
    """Yield items, drawing a progress bar as they are consumed."""
    bar = ProgressBar(total, label, out)
    for item in items:
        yield item
        bar.advance()
    bar.finish()
