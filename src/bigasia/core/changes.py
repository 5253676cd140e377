"""One signal for "what readers see has changed", and what changed.

Every cache of reader pages listens to it: the fragments' publication stamp and the menus
(`articles`), the page cache (`edge`), the search index (`search`), most read
(`readership`). Apps send it for what they own and show on pages: `articles` for pages
(published, unpublished, moved, deleted), view restrictions, sites, images and its
snippets (`articles/changes.py`); `newsletters` for the subscription box of every page.

It lives in core, not in articles, because `edge` sits apart from the domain: it imports
none of the apps above core, and none of them imports it (docs/architecture.md). Both can
import core, so senders never name the page cache and the page cache never names them.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

from django.dispatch import Signal

# Sent with `change=PublicChange(...)`; receivers must not fail the save that caused it.
public_content_changed = Signal()


@dataclass(frozen=True)
class PublicChange:
    """What may now look different to an anonymous reader."""

    # Pages whose own address shows something new (their translations' language switchers
    # link to them; receivers that care look the translations up).
    pages: frozenset[int] = frozenset()
    # Languages whose listings (home, sections, countries, tags, feeds) may list them.
    languages: frozenset[str] = frozenset()
    # Pages whose descendants changed with them: a move changes every address below, a view
    # restriction hides everything below. Only pages that have descendants are named.
    subtrees: frozenset[int] = frozenset()
    # Shown on every page or nearly (a source's name, an image, the site's address).
    everywhere: bool = False
    # Something left the public site (unpublished, deleted, put behind a view restriction):
    # no copy made before this change may be shown again, not even a stale one while the
    # page is rebuilt (the page cache's grace mode, docs/edge.md).
    withdrawn: bool = False


EVERYWHERE = PublicChange(everywhere=True)

# The changes collected inside held_changes(), or None when announcements go out at once.
_held: ContextVar[list[PublicChange] | None] = ContextVar("held_changes", default=None)


def announce(sender: object, change: PublicChange) -> None:
    held = _held.get()
    if held is not None:
        held.append(change)
        return
    public_content_changed.send(sender=sender, change=change)


def merged(changes: list[PublicChange]) -> PublicChange:
    """One change that covers all of them (what each listener does for it covers theirs)."""
    return PublicChange(
        pages=frozenset().union(*(change.pages for change in changes)),
        languages=frozenset().union(*(change.languages for change in changes)),
        subtrees=frozenset().union(*(change.subtrees for change in changes)),
        everywhere=any(change.everywhere for change in changes),
        withdrawn=any(change.withdrawn for change in changes),
    )


class HeldChanges:
    """What was announced inside held_changes() and not yet sent."""

    def __init__(self, changes: list[PublicChange], everywhere_over: int | None) -> None:
        self._changes = changes
        self._everywhere_over = everywhere_over

    def add(self, change: PublicChange) -> None:
        self._changes.append(change)

    def release(self, sender: object) -> None:
        """Send what was collected so far as one change, and keep collecting."""
        if self._changes:
            change = merged(self._changes)
            self._changes.clear()
            if self._everywhere_over is not None and len(change.pages) > self._everywhere_over:
                # Hundreds of new stories show on nearly every listing anyway; one purge of
                # everything costs one write, a purge of each page's own tag one write each.
                change = replace(change, everywhere=True)
            public_content_changed.send(sender=sender, change=change)


@contextmanager
def held_changes(sender: object, everywhere_over: int | None = None) -> Iterator[HeldChanges]:
    """Collect announcements instead of sending each one, for bulk writers (the archive
    import publishes thousands of pages: one purge and one menu reset per batch instead of
    per page). The caller releases them when its writes are committed; whatever is left is
    sent on leaving the block, also when it is left by an exception (what was committed by
    then is on the site). A batch of more than `everywhere_over` pages is sent as a change
    seen everywhere."""
    changes: list[PublicChange] = []
    token = _held.set(changes)
    held = HeldChanges(changes, everywhere_over)
    try:
        yield held
    finally:
        _held.reset(token)
        held.release(sender)
