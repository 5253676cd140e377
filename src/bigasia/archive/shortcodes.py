"""WordPress shortcodes in a post's body, rewritten to the HTML that body.py understands.

WordPress stores `[caption]`, `[embed]` and `[youtube]` as text and expands them only when it
renders a page, so an export carries them raw. The ones we know become the HTML WordPress
itself would have made (`<figure>`, a link to the video); any other shortcode stays in the
text, where an editor sees it, and is named in the report: it is never dropped unseen.
"""

import html
import re
from dataclasses import dataclass, field

# [name attr="value" …]content[/name], or a lone [name …]. Names are WordPress's: letters,
# digits, - and _. A `[[name]]` is WordPress's way to print a shortcode literally: left alone.
_SHORTCODE = re.compile(
    r"(?<!\[)\[(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:\s[^\]]*)?)\]"
    r"(?:(?P<content>.*?)\[/(?P=name)\])?(?!\])",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_LINKED_IMG = re.compile(r"<a\b[^>]*>\s*<img\b[^>]*>\s*</a>", re.IGNORECASE | re.DOTALL)
# How WordPress names a YouTube video in `[youtube ID]` or `[youtube id=ID]`.
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


@dataclass
class Expanded:
    html: str
    unknown: list[str] = field(default_factory=list)


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
            for m in _ATTRIBUTE.finditer(text)}  # fmt: skip


def _caption(attrs: dict[str, str], content: str) -> str:
    """`[caption]<img …> Text[/caption]` → `<figure><img …><figcaption>Text`; WordPress also
    allowed the caption as an attribute (before 3.4)."""
    image = _LINKED_IMG.search(content) or _IMG.search(content)
    if image is None:
        return content
    text = attrs.get("caption") or (content[: image.start()] + content[image.end() :])
    return f"<figure>{image.group(0)}<figcaption>{text.strip()}</figcaption></figure>"


def _video_link(url: str) -> str:
    url = html.unescape(url.strip())
    return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'


def _youtube(attrs: dict[str, str], raw_attrs: str, content: str) -> str:
    target = (content or attrs.get("id") or attrs.get("url") or raw_attrs).strip().lstrip("=")
    if _YOUTUBE_ID.match(target):
        target = f"https://www.youtube.com/watch?v={target}"
    return _video_link(target)


def expand_shortcodes(body: str) -> Expanded:
    """The body with known shortcodes expanded; unknown ones kept and listed by name."""
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group("name").lower()
        raw_attrs = match.group("attrs") or ""
        attrs = _attributes(raw_attrs)
        content = match.group("content") or ""
        if name in ("caption", "wp_caption"):
            return _caption(attrs, expand_shortcodes(content).html)
        if name in ("embed", "video"):
            return _video_link(content or attrs.get("src", "") or attrs.get("url", ""))
        if name == "youtube":
            return _youtube(attrs, raw_attrs, content)
        unknown.append(name)
        return match.group(0)

    return Expanded(_SHORTCODE.sub(replace, body), unknown)
