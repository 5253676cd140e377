"""Reading an XML export that says it is UTF-8 but is not quite: bytes that are not UTF-8
(a plugin that wrote Windows-1251 into the database) and control characters XML forbids
(pasted from Word) would stop libxml2 at the first one, losing the rest of the archive.

`RepairingReader` sits between the file and the parser: it decodes UTF-8 incrementally,
reads a byte that is not UTF-8 as Windows-1251 (the likeliest stray encoding on a Russian
site) and drops forbidden control characters, and it marks every repair with REPAIR_MARK
(a Unicode noncharacter, which XML accepts and no export contains) so that the reader can
tell which field of which post was repaired, strip the marks and note it for the report.
"""

import codecs
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from django.utils.translation import gettext as _

from bigasia.feeds.text import declared_encoding

from ..source import SourceUnreadable

REPAIR_MARK = "\ufdd0"
_ERRORS = "bigasia-archive-repair"
# Matched in the bytes, before decoding: in UTF-8 a control byte is never part of a longer
# sequence, and a bytes pattern runs several times faster over Cyrillic text.
_FORBIDDEN_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NONCHARACTERS = ("\ufffe", "\uffff")  # XML forbids these two as well
_MARK_BYTES = REPAIR_MARK.encode("utf-8")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _as_windows_1251(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start : error.end]
    return REPAIR_MARK + bytes(stray).decode("cp1251", errors="replace"), error.end


codecs.register_error(_ERRORS, _as_windows_1251)


class RepairingReader:
    """A binary file-like object (`read(size)`) giving the file's text as valid UTF-8."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors=_ERRORS)
        self._pending = b""
        self._at_end = False

    def read(self, size: int = -1) -> bytes:
        size = size if size and size > 0 else 1 << 16
        # An empty answer means the end to the parser, so read on while the decoder holds
        # back half a character; a repair can make the text longer than the bytes read.
        while len(self._pending) < size and not self._at_end:
            chunk = self._raw.read(size)
            self._at_end = not chunk
            chunk = _FORBIDDEN_CONTROLS.sub(_MARK_BYTES, chunk)
            text = self._decoder.decode(chunk, final=self._at_end)
            for forbidden in _NONCHARACTERS:
                if forbidden in text:
                    text = text.replace(forbidden, REPAIR_MARK)
            self._pending += text.encode("utf-8")
        answer, self._pending = self._pending[:size], self._pending[size:]
        return answer


@contextmanager
def opened_for_xml(path: str) -> Iterator[BinaryIO | RepairingReader]:
    """The file, behind a RepairingReader when it is (or claims to be) UTF-8; a file that
    declares another encoding (`windows-1251`) is left to the parser, which honours it."""
    try:
        raw = open(path, "rb")  # closed by the `with` below, after the caller's parse
    except OSError as exc:
        raise SourceUnreadable(
            _("Cannot open %(file)s: %(error)s.") % {"file": path, "error": exc.strerror}
        ) from exc
    with raw:
        head = raw.read(512)
        raw.seek(0)
        encoding = declared_encoding(head, "").replace("_", "-")
        if head.startswith(_UTF16_BOMS) or encoding not in ("utf-8", "utf8"):
            yield raw
        else:
            yield RepairingReader(raw)


def unmarked(text: str) -> tuple[str, bool]:
    """The text without repair marks, and whether it had any."""
    if REPAIR_MARK not in text:
        return text, False
    return text.replace(REPAIR_MARK, ""), True
