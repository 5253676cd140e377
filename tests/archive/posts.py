"""Source posts built by hand, and a source that hands them over as a reader would."""

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

from PIL import Image as PILImage

from bigasia.archive.source import (
    PUBLISHED,
    ArchiveSource,
    BrokenItem,
    SourceAuthor,
    SourcePost,
    SourceTerm,
)

PUBLISHED_AT = datetime(2021, 3, 4, 9, 30, tzinfo=UTC)  # 12:30 in Moscow


def a_post(number: int = 1, **changes) -> SourcePost:
    post = SourcePost(
        key=f"https://old.example/?p={number}",
        source_id=str(number),
        title=f"Архивная новость номер {number}",
        slug=f"arkhivnaya-novost-{number}",
        status=PUBLISHED,
        published_at=PUBLISHED_AT,
        modified_at=PUBLISHED_AT,
        body_html=f"Первый абзац новости {number}.\n\nВторой абзац.",
        author=SourceAuthor(login="ivanov", email="ivanov@old.example", display_name="Иван Иванов"),
        categories=[SourceTerm(slug="politika", name="Политика")],
        tags=[SourceTerm(slug="eaes", name="ЕАЭС")],
        old_paths=[f"/?p={number}", f"/2021/03/arkhivnaya-novost-{number}/"],
    )
    return replace(post, **changes)


class ListSource(ArchiveSource):
    kind = "wxr"

    def __init__(self, items: list[SourcePost | BrokenItem], feeds: list[str] | None = None):
        self.items = items
        self.feeds = feeds or []

    def posts(self) -> Iterator[SourcePost | BrokenItem]:
        yield from self.items

    def feed_paths(self) -> list[str]:
        return self.feeds


def png(colour: tuple[int, int, int], size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()
