"""What a post costs the database once its run has met its labels: on PostgreSQL every
statement is a round trip, and an archive is a hundred thousand posts (docs/import.md, "How
an imported page is published"; the bench counts the statements of a whole run)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bigasia.archive.importer import Importer, ImportOptions
from bigasia.archive.models import ImportedItem
from tests.archive.posts import ListSource, a_post, png

# The posts commit, as in a real run: what the run remembers is what was committed.
pytestmark = pytest.mark.django_db(transaction=True)
FIGURE = '<figure><img src="https://old.example/wp-content/uploads/2021/03/red.png"></figure>'


class SecondPostWatched(ListSource):
    """Hands over two posts and records the SQL of the second one's import."""

    def posts(self):
        first, second = self.items
        yield first
        with CaptureQueriesContext(connection) as self.second_post:
            yield second


def test_a_post_with_the_tags_author_and_image_of_an_earlier_one_looks_none_up(tmp_path):
    (tmp_path / "2021/03").mkdir(parents=True)
    (tmp_path / "2021/03/red.png").write_bytes(png((200, 0, 0)))
    first, second = (a_post(number, body_html=f"Абзац {number}.\n\n{FIGURE}") for number in (1, 2))
    source = SecondPostWatched([first, second])
    Importer(source, "archive.xml", ImportOptions(media_dir=tmp_path)).run()

    sql = [query["sql"] for query in source.second_post.captured_queries]
    lookups = {
        "tags by name": '"articles_tag"."name" IN',
        "the author": 'FROM "archive_importedauthor"',
        "the image by hash": 'FROM "archive_importedimage"',
        "the root collection": '"wagtailcore_collection"."depth" = 1',
    }
    for what, shape in lookups.items():
        assert not [statement for statement in sql if shape in statement], what
    one, two = (ImportedItem.objects.get(key=post.key).page for post in (first, second))
    assert list(two.tags.names()) == list(one.tags.names()) == ["ЕАЭС"]
    assert two.body[1].value["image"].pk == one.body[1].value["image"].pk
    assert two.article_authors.get().author_id == one.article_authors.get().author_id
