"""The benchmark's synthetic WordPress archive is one the WXR source reads whole: its
featured images are in its media folder, its translation pairs are pairs."""

import hashlib
from collections import Counter

import pytest

from bench.archive_wxr import generate
from bigasia.archive.formats.wxr import WxrSource
from bigasia.archive.source import SourcePost

pytestmark = pytest.mark.db_independent


def test_the_generated_archive_reads_back_with_its_images_and_pairs(tmp_path):
    generate(40, tmp_path, seed=3)
    posts = list(WxrSource(tmp_path / "export.xml").posts())
    assert len(posts) == 40 and all(isinstance(post, SourcePost) for post in posts)
    assert all(not post.problems for post in posts)
    featured = [post.featured_image for post in posts if post.featured_image]
    assert featured, "some posts have a featured image"
    assert all((tmp_path / "uploads" / image.path).is_file() for image in featured)
    files = list((tmp_path / "uploads").rglob("photo-*"))
    assert len(files) == 20
    assert len({hashlib.sha256(file.read_bytes()).digest() for file in files}) == 20
    groups = Counter(post.translation_group for post in posts if post.translation_group)
    assert groups and set(groups.values()) == {2}
    languages = Counter(post.language for post in posts)
    assert languages == {"ru": 28, "en": 12}
    assert "[caption" in "".join(post.body_html for post in posts)
