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

from dataclasses import dataclass

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


def announce(sender: object, change: PublicChange) -> None:
    public_content_changed.send(sender=sender, change=change)
