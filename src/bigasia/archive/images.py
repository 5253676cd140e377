"""An export's images as Wagtail images: read from the media folder or fetched, one per content.

Where a file comes from, in order: the operator's `--media-dir` (the old `wp-content/uploads`
tree), else `--media-base-url` joined with the image's path, else the export's own absolute
URL. Network reads go through the feed engine's fetcher (feeds/fetch.py): the SSRF guard on
the connected address, timeouts and the size cap, one request at a time. A file that cannot
be had is an ImageMissing with the reason, which the importer reports with its post.
"""

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Collection

from bigasia.core.images import UNREADABLE
from bigasia.feeds.errors import FetchError
from bigasia.feeds.fetch import fetch

from .body import media_path
from .models import ImportedImage
from .source import SourceImage

TITLE_LENGTH = 255


class ImageMissing(Exception):
    """The image could not be brought in; the message says why, in the operator's words."""


@dataclass(frozen=True)
class FoundFile:
    name: str
    data: bytes


class ImageStore:
    """Reads images and keeps one Wagtail image per distinct content (sha256 of the bytes)."""

    def __init__(self, media_dir: Path | None = None, media_base_url: str = "") -> None:
        self.media_dir = media_dir.resolve() if media_dir else None
        self.media_base_url = media_base_url.rstrip("/") + "/" if media_base_url else ""
        # Images of committed posts by content hash: a picture many posts show is looked up
        # once a run. Only committed ones: a post rolled back takes its new images with it.
        self._known: dict[str, Image] = {}
        self._collection: Collection | None = None

    def image_for(self, source: SourceImage) -> Image:
        """The Wagtail image of this source image, made on first sight; ImageMissing if its
        file cannot be read or is not an image."""
        found = self.read(source)
        digest = hashlib.sha256(found.data).hexdigest()
        if digest in self._known:
            return self._known[digest]
        known = ImportedImage.objects.select_related("image").filter(content_hash=digest).first()
        image = known.image if known is not None else self._stored(source, found, digest)
        transaction.on_commit(lambda: self._known.setdefault(digest, image))
        return image

    def _stored(self, source: SourceImage, found: FoundFile, digest: str) -> Image:
        _check_decodes(found)
        if self._collection is None:
            self._collection = Collection.get_first_root_node()  # Wagtail's default, once
        image = Image(
            title=(source.alt or PurePosixPath(found.name).stem)[:TITLE_LENGTH],
            collection=self._collection,
        )
        image.description = source.alt[:TITLE_LENGTH]
        image.file.save(found.name, ImageFile(io.BytesIO(found.data), name=found.name), save=False)
        image.save()
        try:
            # Two importers storing the same file at once: the unique hash lets one row in;
            # the other takes that row's image (its own stays in the library, unused).
            with transaction.atomic():
                ImportedImage.objects.create(content_hash=digest, image=image)
        except IntegrityError:
            return ImportedImage.objects.get(content_hash=digest).image
        return image

    def read(self, source: SourceImage) -> FoundFile:
        path = source.path or media_path(source.url)
        name = PurePosixPath(path).name or "image"
        if self.media_dir is not None:
            return FoundFile(name, self._from_folder(path))
        if self.media_base_url:
            return FoundFile(name, _from_network(urljoin(self.media_base_url, path.lstrip("/"))))
        if urlsplit(source.url).scheme in ("http", "https"):
            return FoundFile(name, _from_network(source.url))
        raise ImageMissing(
            _("%(url)s: no --media-dir or --media-base-url to read it from.") % {"url": source.url}
        )

    def _from_folder(self, path: str) -> bytes:
        assert self.media_dir is not None
        candidate = (self.media_dir / path.lstrip("/")).resolve()
        # An export is outside input: `../../etc/passwd` must not leave the media folder.
        if not candidate.is_relative_to(self.media_dir):
            raise ImageMissing(_("%(path)s is outside the media folder.") % {"path": path})
        if not candidate.is_file():
            raise ImageMissing(
                _("%(path)s is not in the media folder %(folder)s.")
                % {"path": path, "folder": self.media_dir}
            )
        if candidate.stat().st_size > settings.FEEDS_MAX_BYTES:
            raise ImageMissing(_("%(path)s is larger than the size cap.") % {"path": path})
        return candidate.read_bytes()


def _from_network(url: str) -> bytes:
    try:
        result = fetch(url)
    except FetchError as error:
        raise ImageMissing(
            _("%(url)s could not be fetched: %(reason)s") % {"url": url, "reason": error}
        ) from error
    if not result.body:
        raise ImageMissing(_("%(url)s answered with an empty body.") % {"url": url})
    return result.body


def _check_decodes(found: FoundFile) -> None:
    """Decode the whole file, as a rendition will: a cut or fake image fails here, reported,
    instead of in the first page that shows it."""
    try:
        with PILImage.open(io.BytesIO(found.data)) as picture:
            width, height = picture.size
            if width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
                raise ImageMissing(
                    _("%(name)s has too many pixels (%(width)s × %(height)s).")
                    % {"name": found.name, "width": width, "height": height}
                )
            picture.load()
    except UNREADABLE as error:
        raise ImageMissing(
            _("%(name)s is not an image that can be read to the end.") % {"name": found.name}
        ) from error
