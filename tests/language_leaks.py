"""Finding interface text of the wrong language on a rendered page. Article content (marked
data-content) and text marked with its own lang are exempt: they are the story, not the
interface."""

import re

from bs4 import BeautifulSoup, Doctype

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# Interface words in Latin letters; numbers, punctuation and symbols are neutral.
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
ATTRIBUTES = ("title", "alt", "aria-label", "placeholder", "content", "value")
# Latin text on a Russian page that is not a word shown to the reader: the `lang` values
# themselves, addresses, viewport and MIME values, JSON.
NOT_WORDS = {"ru", "en"}
NOT_WORD_PREFIXES = ("http", "/", "#", "width=", "text/", "{")


def interface_text(html: bytes, page_language: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    # meta robots holds directives for crawlers (max-image-preview:large), not words.
    for tag in soup.select("[data-content], script, style, noscript, meta[name=robots]"):
        tag.decompose()
    for tag in soup.find_all(attrs={"lang": True}):
        if tag.name != "html" and tag["lang"] != page_language:
            tag.decompose()
    texts = [
        s.strip() for s in soup.find_all(string=True) if s.strip() and not isinstance(s, Doctype)
    ]
    for tag in soup.find_all(True):
        texts += [tag[attr] for attr in ATTRIBUTES if isinstance(tag.get(attr), str)]
    return texts


def russian_on_english_page(html: bytes) -> list[str]:
    return [text for text in interface_text(html, "en") if CYRILLIC.search(text)]


def english_on_russian_page(html: bytes) -> list[str]:
    return [
        text
        for text in interface_text(html, "ru")
        if LATIN_WORD.search(text)
        and not CYRILLIC.search(text)
        and text not in NOT_WORDS
        and not text.startswith(NOT_WORD_PREFIXES)
        and "@" not in text  # an e-mail address (the form's placeholder) is not a word
    ]
