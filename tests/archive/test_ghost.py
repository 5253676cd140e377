"""A Ghost JSON export read into archive posts."""

import json
from datetime import UTC, datetime

import pytest

from bigasia.archive.formats.ghost import GhostSource
from bigasia.archive.source import (
    DRAFT,
    OTHER,
    PRIVATE,
    PUBLISHED,
    BrokenItem,
    SourceAuthor,
    SourceImage,
    SourceTerm,
    SourceUnreadable,
)

pytestmark = pytest.mark.db_independent


def ghost_post(post_id: str, **fields) -> dict:
    row = {
        "id": post_id,
        "uuid": f"uuid-{post_id}",
        "title": "Выборы в Киргизии",
        "slug": f"post-{post_id}",
        "mobiledoc": None,
        "lexical": '{"root":{"children":[]}}',
        "html": '<p>Текст <a href="__GHOST_URL__/other/">ссылка</a></p>'
        '<img src="__GHOST_URL__/content/images/2023/05/inline.jpg">',
        "plaintext": "Текст ссылка",
        "feature_image": "__GHOST_URL__/content/images/2023/05/cover.jpg",
        "type": "post",
        "status": "published",
        "visibility": "public",
        "created_at": "2023-05-01T08:00:00.000Z",
        "updated_at": "2023-05-02T09:30:00.000Z",
        "published_at": "2023-05-01T10:15:00.000Z",
        "custom_excerpt": "Коротко",
    }
    row.update(fields)
    return row


def export(*posts: dict, version: str = "5.75.0", wrapped: bool = True, **tables) -> dict:
    data = {
        "posts": list(posts),
        "posts_meta": [
            {
                "id": "m1",
                "post_id": "p1",
                "feature_image_alt": "Бишкек, площадь Ала-Тоо",
                "feature_image_caption": 'Фото: <a href="https://example.com">AKIpress</a>',
            }
        ],
        "tags": [
            {"id": "t1", "name": "Политика", "slug": "politics", "visibility": "public"},
            {"id": "t2", "name": "Выборы", "slug": "elections", "visibility": "public"},
            {"id": "t3", "name": "#hero", "slug": "hash-hero", "visibility": "internal"},
        ],
        "posts_tags": [
            {"id": "pt3", "post_id": "p1", "tag_id": "t3", "sort_order": 0},
            {"id": "pt2", "post_id": "p1", "tag_id": "t2", "sort_order": 2},
            {"id": "pt1", "post_id": "p1", "tag_id": "t1", "sort_order": 1},
        ],
        "users": [
            {"id": "u1", "name": "Айгуль Садыкова", "slug": "aigul", "email": "a@old.example"},
            {"id": "u2", "name": "Редакция", "slug": "desk", "email": "desk@old.example"},
        ],
        "posts_authors": [
            {"id": "pa2", "post_id": "p1", "author_id": "u2", "sort_order": 1},
            {"id": "pa1", "post_id": "p1", "author_id": "u1", "sort_order": 0},
        ],
        "settings": [{"key": "locale", "value": "ru"}],
    }
    data.update(tables)
    body = {"meta": {"exported_on": 1700000000000, "version": version}, "data": data}
    return {"db": [body]} if wrapped else body


def read(tmp_path, document: dict, **options) -> list:
    path = tmp_path / "ghost.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return list(GhostSource(path, **options).posts())


def test_a_published_post_keeps_its_fields(tmp_path):
    [item] = read(tmp_path, export(ghost_post("p1")))
    assert item.key == "uuid-p1"
    assert item.source_id == "p1"
    assert item.title == "Выборы в Киргизии"
    assert item.slug == "post-p1"
    assert item.status == PUBLISHED
    assert item.published_at == datetime(2023, 5, 1, 10, 15, tzinfo=UTC)
    assert item.modified_at == datetime(2023, 5, 2, 9, 30, tzinfo=UTC)
    assert item.body_html == (
        '<p>Текст <a href="/other/">ссылка</a></p><img src="/content/images/2023/05/inline.jpg">'
    )
    assert item.excerpt == "Коротко"
    assert item.author == SourceAuthor("aigul", "a@old.example", "Айгуль Садыкова")
    # The primary tag (first by sort_order, internal #tags skipped) is the category.
    assert item.categories == [SourceTerm("politics", "Политика")]
    assert item.tags == [SourceTerm("elections", "Выборы")]
    assert item.featured_image == SourceImage(
        url="/content/images/2023/05/cover.jpg",
        path="2023/05/cover.jpg",
        alt="Бишкек, площадь Ала-Тоо",
        caption="Фото: AKIpress",
    )
    assert item.language == "ru"  # the site's locale setting
    assert item.old_paths == ["/post-p1/", "/post-p1/amp/"]
    assert item.problems == []


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"status": "draft"}, DRAFT),
        ({"status": "scheduled"}, OTHER),
        ({"status": "sent"}, OTHER),
        ({"visibility": "members"}, PRIVATE),
        ({"visibility": "paid"}, PRIVATE),
    ],
)
def test_statuses_and_visibility(tmp_path, fields, status):
    [item] = read(tmp_path, export(ghost_post("p2", **fields)))
    assert item.status == status


def test_pages_are_left_out(tmp_path):
    items = read(tmp_path, export(ghost_post("p2", type="page"), ghost_post("p3", page=True)))
    assert items == []


def test_a_body_without_html_falls_back_to_plain_text_and_says_so(tmp_path):
    with_text, without = read(
        tmp_path,
        export(
            ghost_post("p2", html=None, plaintext="Первый абзац.\n\nВторой <абзац>."),
            ghost_post("p3", html=None, plaintext=None, mobiledoc="{}"),
        ),
    )
    assert with_text.body_html == "<p>Первый абзац.</p><p>Второй &lt;абзац&gt;.</p>"
    assert "plain text was used" in with_text.problems[0]
    assert without.body_html == ""
    assert without.problems == ["The export has its body only as mobiledoc/lexical, without HTML."]


def test_a_post_without_title_is_titled_by_its_first_words(tmp_path):
    untitled = ghost_post("p2", title="", html="<p>Новый мост через Иртыш</p>")
    [item] = read(tmp_path, export(untitled))
    assert item.title == "Новый мост через Иртыш"
    assert item.problems == ["It had no title; one was made from the first words of its body."]


def test_ghost_4_keeps_alt_text_on_the_post_and_an_unwrapped_export_is_read(tmp_path):
    row = ghost_post("p9", feature_image_alt="Алматы", feature_image_caption="Фото автора")
    [item] = read(tmp_path, export(row, version="4.48.2", wrapped=False, posts_meta=[]))
    assert (item.featured_image.alt, item.featured_image.caption) == ("Алматы", "Фото автора")
    assert item.author is None  # p9 has no posts_authors row


def test_an_entry_that_is_not_an_object_is_reported(tmp_path):
    items = read(tmp_path, export(ghost_post("p1"), "junk"))
    assert isinstance(items[1], BrokenItem)
    assert items[1].key == "ghost:posts[1]"


@pytest.mark.parametrize("version", ["3.42.9", "7.0.0", "", "beta"])
def test_an_export_of_another_version_is_refused_naming_it(tmp_path, version):
    with pytest.raises(SourceUnreadable) as refused:
        read(tmp_path, export(ghost_post("p1"), version=version))
    assert f"version {version or '(none given)'};" in str(refused.value)
    assert "Ghost 4, 5, 6" in str(refused.value)


def test_ghost_6_is_read(tmp_path):
    assert len(read(tmp_path, export(ghost_post("p1"), version="6.0.1"))) == 1


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path, settings):
    settings.ARCHIVE_MAX_JSON_BYTES = 1024
    big = ghost_post("p1", html="<p>" + "длинный текст " * 200 + "</p>")
    with pytest.raises(SourceUnreadable, match="larger than ARCHIVE_MAX_JSON_BYTES"):
        read(tmp_path, export(big))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"db": [{"meta": {"version": "5.1.0"}, "data": {"posts": [', "not readable JSON"),
        (b"\xff\xfe junk", "not readable JSON"),
        (b'{"posts": []}', "not a Ghost export"),
    ],
)
def test_a_file_that_is_no_ghost_export_is_refused(tmp_path, content, message):
    path = tmp_path / "ghost.json"
    path.write_bytes(content)
    with pytest.raises(SourceUnreadable, match=message):
        list(GhostSource(path).posts())


def test_feed_paths_name_the_sites_tag_and_author_feeds(tmp_path):
    path = tmp_path / "ghost.json"
    path.write_text(json.dumps(export(ghost_post("p1"))), encoding="utf-8")
    assert GhostSource(path).feed_paths() == [
        "/rss/",
        "/tag/politics/rss/",
        "/tag/elections/rss/",
        "/author/aigul/rss/",
        "/author/desk/rss/",
    ]
