"""Streaming the elements of a WordPress export's channel, one at a time, safely.

lxml's iterparse runs with entities left unresolved, no network, no DTD loading and
libxml2's size limits on (`huge_tree` off), and a document that declares a DOCTYPE is
refused outright: a WordPress export never has one, and it is how XXE (an external entity
naming a local file) and entity bombs (billion laughs) arrive. Every element handed out is
cleared with its previous siblings once the caller is done with it, so memory stays flat
however many posts the file has.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from lxml import etree

from ..source import SourceUnreadable
from .repair import opened_for_xml

# The WordPress namespace carries the WXR version: 1.0, 1.1 and 1.2 are read.
_WP = re.compile(r"^https?://wordpress\.org/export/([^/]+)/$")
_WP_EXCERPT = re.compile(r"^https?://wordpress\.org/export/[^/]+/excerpt/$")
READ_VERSIONS = ("1.0", "1.1", "1.2")
_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
# Children of the channel the readers use; an item's own children are read off the item.
_WANTED = [
    "{*}item",
    "{*}author",
    "{*}category",
    "{*}tag",
    "{*}wxr_version",
    "{*}base_site_url",
    "{*}base_blog_url",
    "{*}link",
]


class BrokenMidFile(Exception):
    """The XML breaks after the channel began: what came before it was read."""

    def __init__(self, line: int, detail: str) -> None:
        super().__init__(detail)
        self.line = line
        self.detail = detail


@dataclass(frozen=True)
class Named:
    """An element of the export and its name with the usual WordPress prefixes:
    `wp:post_id`, `content:encoded`, `excerpt:encoded`, `dc:creator`, `title`."""

    name: str
    element: etree._Element


_names: dict[str, str] = {}


def prefixed_name(tag: str) -> str:
    """`{http://wordpress.org/export/1.2/}post_id` → `wp:post_id` (cached: a few dozen tags)."""
    if tag not in _names:
        qname = etree.QName(tag)
        namespace = qname.namespace or ""
        if _WP_EXCERPT.match(namespace):
            prefix = "excerpt"
        elif _WP.match(namespace):
            prefix = "wp"
        else:
            prefix = _PREFIXES.get(namespace, "?" if namespace else "")
        _names[tag] = f"{prefix}:{qname.localname}" if prefix else qname.localname
    return _names[tag]


def channel_children(path: str) -> Iterator[Named]:
    """Each wanted child of the export's channel, in file order, its subtree complete.

    Raises SourceUnreadable when the file is not a WordPress export at all, BrokenMidFile
    when the XML breaks after the channel began.
    """
    checked = False
    with opened_for_xml(path) as stream:
        events = etree.iterparse(
            stream,
            events=("end",),
            tag=_WANTED,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        )
        try:
            for _event, element in events:
                if not checked:
                    _refuse_unsafe_or_foreign(element)
                    checked = True
                parent = element.getparent()
                if parent is None or etree.QName(parent).localname != "channel":
                    continue
                yield Named(prefixed_name(element.tag), element)
                _release(element)
        except etree.XMLSyntaxError as exc:
            line = exc.lineno or 0
            if not checked:
                raise SourceUnreadable(
                    _("%(file)s is not readable XML (line %(line)d: %(error)s).")
                    % {"file": path, "line": line, "error": exc.msg}
                ) from exc
            raise BrokenMidFile(line, exc.msg) from exc
        if not checked and events.root is not None:
            _refuse_unsafe_or_foreign(events.root)  # say what the file is, if it is XML
    if not checked:
        raise SourceUnreadable(_("%(file)s has no WordPress posts or settings.") % {"file": path})


def _refuse_unsafe_or_foreign(element: etree._Element) -> None:
    tree = element.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise SourceUnreadable(
            _(
                "The file declares a DOCTYPE, which a WordPress export never does; it is "
                "refused, because that is how entity tricks (XXE, entity bombs) come in."
            )
        )
    root = tree.getroot()
    if etree.QName(root).localname != "rss":
        raise SourceUnreadable(
            _("This is not a WordPress export: its root element is <%(root)s>, not <rss>.")
            % {"root": etree.QName(root).localname}
        )
    version = _wp_version(root)
    if version is None:
        raise SourceUnreadable(
            _(
                "This RSS file is not a WordPress export (it has no wp: elements); "
                "import a feed with “bigasia import rss”."
            )
        )
    if version not in READ_VERSIONS:
        raise SourceUnreadable(
            _("WordPress export version %(version)s is not supported (read: %(read)s).")
            % {"version": version, "read": ", ".join(READ_VERSIONS)}
        )


def _wp_version(root: etree._Element) -> str | None:
    for namespace in root.nsmap.values():
        match = _WP.match(namespace or "")
        if match:
            return match.group(1)
    return None


def _release(element: etree._Element) -> None:
    """Drop the element's subtree and every earlier sibling (channel title, header terms)."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
