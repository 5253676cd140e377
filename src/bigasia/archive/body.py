"""A post's HTML body as the blocks of an article's StreamField (articles/blocks.py).

Pure: no database, no network. Images come out as the SourceImage the export names, and the
importer swaps in the Wagtail image once it has fetched and stored it. What cannot be carried
over as it was (an unknown shortcode, a frame from a host we do not embed, a quotation nobody
is named for) is kept as text and listed in `problems`, for the run's report.
"""

import html
import re
import warnings
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import nh3
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from bigasia.core.embeds import player_for

from .shortcodes import expand_shortcodes
from .source import SourceImage

# What a paragraph block may hold (articles/blocks.py PARAGRAPH_FEATURES, in Wagtail's
# storage format: <b> and <i>, not <strong> and <em>).
RICH_TEXT_TAGS = {"p", "b", "i", "a", "br", "ul", "ol", "li", "h2", "h3"}
_RENAMED = {"strong": "b", "em": "i", "h1": "h2", "h4": "h3", "h5": "h3", "h6": "h3"}
_OWN_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "table"}
_CONTAINERS = {"div", "section", "article", "main", "header", "span", "center"}
_DROPPED = {"script", "style", "noscript", "hr", "form", "button", "input"}
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_CREDIT_PREFIX = re.compile(r"(?:^|\s)(?:Фото|Photo|Credit|Источник|Source)\s*:\s*(.+)$", re.I)
_MEDIA_ROOTS = ("/wp-content/uploads/", "/content/images/")
CAPTION_LENGTH = 500
CREDIT_LENGTH = 200
SPEAKER_LENGTH = 200
ROLE_LENGTH = 300


@dataclass
class ConvertedBody:
    """Blocks as (block type, value): a paragraph's value is its HTML, an image's the
    SourceImage to fetch (plus caption and credit), a quotation's and a video's their dict."""

    blocks: list[tuple[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def images(self) -> list[SourceImage]:
        return [value for kind, value in self.blocks if kind == "image"]


def media_path(url: str) -> str:
    """Where an image sits under the media folder: the part after `wp-content/uploads/`
    (WordPress) or `content/images/` (Ghost), else the URL's whole path."""
    path = unquote(urlsplit(url).path)
    for root in _MEDIA_ROOTS:
        if root in path:
            return path.split(root, 1)[1]
    return path.lstrip("/")


def sanitised(html_text: str) -> str:
    return nh3.clean(
        html_text,
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    ).strip()


def plain(node: Tag | NavigableString | None) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def video_url(src: str) -> str:
    """An embedded frame's address as the video page address core/embeds.py accepts."""
    if src.startswith("//"):
        src = "https:" + src
    parts = urlsplit(src)
    host = (parts.hostname or "").removeprefix("www.")
    if host in ("youtube.com", "youtube-nocookie.com"):
        return f"https://www.youtube.com{parts.path}"
    if host in ("vk.com", "vkvideo.ru") and parts.path == "/video_ext.php":
        query = parse_qs(parts.query)
        owner, video = query.get("oid", [""])[0], query.get("id", [""])[0]
        return f"https://vkvideo.ru/video{owner}_{video}"
    return src


class _Converter:
    def __init__(self) -> None:
        self.out = ConvertedBody()
        self.inline: list[str] = []

    def problem(self, message: str) -> None:
        if message not in self.out.problems:
            self.out.problems.append(message)

    # --- the flow ---------------------------------------------------------------------

    def flow(self, parent: Tag) -> None:
        for node in list(parent.children):
            if isinstance(node, NavigableString):
                if type(node) is NavigableString:  # not a comment, CDATA or doctype
                    self.inline.append(html.escape(str(node), quote=False))
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name.lower()
            if name in _DROPPED:
                continue
            if name in _CONTAINERS and node.find(_block_names()):
                self.flush()
                self.flow(node)
            elif name in _OWN_BLOCK or name in ("blockquote", "figure", "img", "iframe"):
                self.flush()
                self.block(name, node)
            else:
                self.inline.append(str(node))
        self.flush()

    def flush(self) -> None:
        """Loose text and inline tags become paragraphs, split where WordPress's
        `wpautop` splits them (a blank line), with single newlines as line breaks."""
        text = "".join(self.inline)
        self.inline = []
        for chunk in _PARAGRAPH_BREAK.split(text):
            if chunk.strip():
                soup = _soup(chunk.strip().replace("\n", "<br>"))
                paragraph = soup.new_tag("p")
                for child in list(soup.children):
                    paragraph.append(child.extract())
                self.paragraph(paragraph)

    def block(self, name: str, node: Tag) -> None:
        if name == "blockquote":
            self.quotation(node)
        elif name == "figure":
            self.figure(node)
        elif name == "img":
            self.image(node, caption="", credit="")
        elif name == "iframe":
            self.frame(node, caption="")
        elif name == "table":
            self.problem(_("A table was kept as text: article bodies have no tables."))
            for row in node.find_all("tr"):
                self.text_paragraph(" — ".join(plain(cell) for cell in row.find_all(["td", "th"])))
        elif name == "pre":
            self.text_paragraph(node.get_text())
        else:
            self.paragraph(node)

    # --- paragraphs ---------------------------------------------------------------------

    def paragraph(self, node: Tag) -> None:
        """A paragraph, heading or list; images and frames inside it become their own blocks
        after it, and a paragraph that is only a video link becomes the video."""
        media = [tag.extract() for tag in node.find_all(["img", "iframe"])]
        link = _only_link(node)
        if link is not None and self.video(link, caption="", quiet=True):
            pass
        else:
            for tag in node.find_all(True):
                if tag.name in _RENAMED:
                    tag.name = _RENAMED[tag.name]
            if node.name in _RENAMED:
                node.name = _RENAMED[node.name]
            if node.name not in RICH_TEXT_TAGS:
                node.name = "p"
            cleaned = sanitised(str(node))
            if plain(_soup(cleaned)):
                self.out.blocks.append(("paragraph", cleaned))
        for tag in media:
            self.block(tag.name, tag)

    def text_paragraph(self, text: str) -> None:
        for chunk in _PARAGRAPH_BREAK.split(text):
            if chunk.strip():
                soup = _soup("")
                paragraph = soup.new_tag("p")
                paragraph.string = " ".join(chunk.split())
                self.out.blocks.append(("paragraph", sanitised(str(paragraph))))

    # --- quotations ---------------------------------------------------------------------

    def quotation(self, node: Tag) -> None:
        signature = node.find(["cite", "footer"])
        speaker = plain(signature).lstrip("—–- ").strip()
        if signature is not None:
            signature.extract()
        text = "\n\n".join(
            chunk for chunk in (plain(p) for p in node.find_all("p")) if chunk
        ) or plain(node)
        if not text:
            return
        if not speaker:
            self.problem(
                _("A quotation names no speaker: it was kept as a paragraph for an editor.")
            )
            self.flow(node)
            return
        name, _comma, role = speaker.partition(", ")
        self.out.blocks.append(
            ("quotation", {"text": text, "speaker": name[:SPEAKER_LENGTH],
                           "role": role[:ROLE_LENGTH]})
        )  # fmt: skip

    # --- images and videos --------------------------------------------------------------

    def figure(self, node: Tag) -> None:
        caption_node = node.find("figcaption")
        caption, credit = _caption_and_credit(caption_node)
        if caption_node is not None:
            caption_node.extract()
        frame = node.find("iframe")
        link = _only_link(node)
        image = node.find("img")
        if frame is not None:
            self.frame(frame, caption)
        elif image is not None:
            self.image(image, caption, credit)
        elif link is not None and self.video(link, caption, quiet=True):
            pass
        else:
            self.flow(node)

    def image(self, node: Tag, caption: str, credit: str) -> None:
        src = str(node.get("src") or node.get("data-src") or "").strip()
        if not src:
            self.problem(_("An image with no address was left out."))
            return
        image = SourceImage(
            url=src,
            path=media_path(src),
            alt=str(node.get("alt") or "").strip(),
            caption=caption[:CAPTION_LENGTH],
            credit=credit[:CREDIT_LENGTH],
        )
        self.out.blocks.append(("image", image))

    def frame(self, node: Tag, caption: str) -> None:
        src = str(node.get("src") or "").strip()
        if src:
            self.video(video_url(src), caption, quiet=False)

    def video(self, url: str, caption: str, quiet: bool) -> bool:
        """A video block if the address is one of the players we embed. Otherwise a frame
        is kept as a link and reported; a plain link (quiet) is simply left to be a link."""
        try:
            player_for(url)
        except ValidationError:
            if quiet:
                return False
            host = urlsplit(url).hostname or url[:80]
            self.problem(
                _("A frame from %(host)s cannot be embedded: it was kept as a link.")
                % {"host": host}
            )
            self.out.blocks.append(("paragraph", sanitised(f'<p><a href="{url}">{url}</a></p>')))
            return True
        self.out.blocks.append(("video", {"url": url, "caption": caption[:CAPTION_LENGTH]}))
        return True


def _soup(html_text: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        # A body that is one bare URL (a WordPress video embed) is HTML too, whatever bs4 says.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html_text, "html.parser")


def _block_names() -> list[str]:
    return [*_OWN_BLOCK, "blockquote", "figure", "img", "iframe"]


def _only_link(node: Tag) -> str | None:
    """The address when a paragraph is nothing but one link or one bare URL (WordPress
    embeds a video written that way)."""
    text = plain(node)
    links = node.find_all("a")
    if len(links) == 1 and plain(links[0]) == text:
        return str(links[0].get("href") or "").strip() or None
    if not links and re.fullmatch(r"https?://\S+", text):
        return text
    return None


def _caption_and_credit(caption_node: Tag | None) -> tuple[str, str]:
    if caption_node is None:
        return "", ""
    marked = caption_node.find(["cite", "small"]) or caption_node.find(class_="credit")
    if marked is not None:
        credit = plain(marked.extract())
        return plain(caption_node), credit
    caption = plain(caption_node)
    suffix = _CREDIT_PREFIX.search(caption)
    if suffix:
        return caption[: suffix.start()].strip(" .,;—–-"), suffix.group(1).strip()
    return caption, ""


def convert_body(body_html: str) -> ConvertedBody:
    """Blocks for a post's HTML (shortcodes and all), with what could not be kept as it was."""
    expanded = expand_shortcodes(body_html or "")
    converter = _Converter()
    for name in dict.fromkeys(expanded.unknown):
        converter.problem(
            _("The shortcode [%(name)s] is unknown here: it was kept as text.") % {"name": name}
        )
    converter.flow(_soup(expanded.html))
    return converter.out
