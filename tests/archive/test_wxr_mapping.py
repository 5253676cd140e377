"""A WordPress export read into archive posts: every field the importer relies on."""

from datetime import UTC, datetime

import pytest

from bigasia.archive.formats.wxr import WxrSource
from bigasia.archive.source import (
    DRAFT,
    OTHER,
    PENDING,
    PRIVATE,
    PUBLISHED,
    SourceAuthor,
    SourceImage,
    SourceTerm,
    SourceUnreadable,
)

from .wxr_files import attachment, document, post, write

pytestmark = pytest.mark.db_independent

TAGGED = (
    '<category domain="category" nicename="politics"><![CDATA[Политика]]></category>'
    '<category domain="post_tag" nicename="%d0%b5%d0%b0%d1%8d%d1%81"><![CDATA[ЕАЭС]]></category>'
    '<category domain="post_tag" nicename="kazakhstan"><![CDATA[Казахстан]]></category>'
)


def read(tmp_path, *items, **options):
    header = options.pop("header", None)
    version = options.pop("version", "1.2")
    text = (
        document(*items, version=version)
        if header is None
        else document(*items, header=header, version=version)
    )
    return list(WxrSource(write(tmp_path, text), **options).posts())


def test_a_published_post_keeps_its_fields(tmp_path):
    [item] = read(
        tmp_path,
        post(12, title="Саммит ШОС", slug="sammit-shos", terms=TAGGED, body="<p>Итоги.</p>"),
    )
    assert item.key == "https://old.example/?p=12"
    assert item.source_id == "12"
    assert item.title == "Саммит ШОС"
    assert item.slug == "sammit-shos"
    assert item.status == PUBLISHED
    assert item.published_at == datetime(2021, 3, 4, 12, 6, 7, tzinfo=UTC)
    assert item.modified_at == datetime(2021, 3, 4, 12, 6, 7, tzinfo=UTC)
    assert item.body_html == "<p>Итоги.</p>"
    assert item.author == SourceAuthor("ivanova", "ivanova@old.example", "Анна Иванова")
    assert item.categories == [SourceTerm("politics", "Политика", parent="news")]
    assert item.tags == [SourceTerm("еаэс", "ЕАЭС"), SourceTerm("kazakhstan", "Казахстан")]
    assert item.problems == []
    assert item.language is None and item.translation_group is None


def test_the_progress_bar_knows_the_posts_from_the_first_pass(tmp_path):
    path = write(tmp_path, document(post(1), attachment(5, "https://old.example/a.png"), post(2)))
    assert WxrSource(path).expected_items() == 2


@pytest.mark.parametrize(
    ("wp_status", "status"),
    [
        ("publish", PUBLISHED),
        ("draft", DRAFT),
        ("pending", PENDING),
        ("private", PRIVATE),
        ("future", OTHER),
        ("trash", OTHER),
    ],
)
def test_statuses_map_to_the_contracts_constants(tmp_path, wp_status, status):
    [item] = read(tmp_path, post(5, status=wp_status))
    assert item.status == status


def test_a_password_protected_post_is_private(tmp_path):
    protected = post(5).replace(
        "<wp:post_password><![CDATA[]]>", "<wp:post_password><![CDATA[secret]]>"
    )
    [item] = read(tmp_path, protected)
    assert item.status == PRIVATE
    assert any("password" in problem for problem in item.problems)


def test_only_posts_are_read_not_pages_attachments_or_menus(tmp_path):
    items = read(
        tmp_path,
        post(1, post_type="page", slug="about"),
        attachment(2, "https://old.example/wp-content/uploads/2021/03/a.jpg"),
        post(3, post_type="nav_menu_item", slug="menu"),
        post(4, slug="the-post"),
    )
    assert [item.source_id for item in items] == ["4"]


def test_a_draft_without_gmt_date_is_dated_by_the_offset_the_other_posts_show(tmp_path):
    # Two published posts say the site is three hours ahead of GMT (Moscow).
    items = read(
        tmp_path,
        post(1),
        post(2, date="2021-05-01 09:00:00", date_gmt="2021-05-01 06:00:00"),
        post(3, status="draft", date="2021-06-01 10:00:00", date_gmt="0000-00-00 00:00:00"),
    )
    assert items[2].published_at == datetime(2021, 6, 1, 7, 0, tzinfo=UTC)


def test_a_given_site_timezone_dates_drafts_in_that_zone(tmp_path):
    draft = post(3, status="draft", date="2021-06-01 10:00:00", date_gmt="0000-00-00 00:00:00")
    [item] = read(tmp_path, draft, site_timezone="Asia/Almaty")
    assert item.published_at == datetime(2021, 6, 1, 4, 0, tzinfo=UTC)  # Almaty was UTC+6


def test_an_unknown_site_timezone_is_refused_in_words(tmp_path):
    with pytest.raises(SourceUnreadable, match="“Moscow” is not a time zone name"):
        WxrSource(write(tmp_path, document(post(1))), site_timezone="Moscow")


def test_a_draft_is_undated_when_nothing_tells_the_sites_zone(tmp_path):
    draft = post(3, status="draft", date="2021-06-01 10:00:00", date_gmt="0000-00-00 00:00:00")
    [item] = read(tmp_path, draft)
    assert item.published_at is None
    assert item.problems == []  # a draft without a date is normal


def test_polylang_gives_language_and_translation_group(tmp_path):
    def pair_terms(language: str) -> str:
        return (
            f'<category domain="language" nicename="{language}"><![CDATA[{language}]]></category>'
            '<category domain="post_translations" nicename="pll_5f3c2a1b"><![CDATA[pll_5f3c2a1b]]>'
            "</category>"
        )

    russian, english, other = read(
        tmp_path,
        post(1, slug="sammit", terms=pair_terms("ru")),
        post(2, slug="summit", terms=pair_terms("en"), link="https://old.example/en/summit/"),
        post(3, slug="bez-perevoda", terms=""),
        language="ru",
    )
    assert (russian.language, russian.translation_group) == ("ru", "pll_5f3c2a1b")
    assert (english.language, english.translation_group) == ("en", "pll_5f3c2a1b")
    # The operator's --language covers posts Polylang does not mark.
    assert (other.language, other.translation_group) == ("ru", None)
    # The English permalink sits under /en/, and so do its other shapes.
    assert english.old_paths[:2] == ["/en/summit/", "/?p=2"]
    assert "/en/2021/03/summit/" in english.old_paths


def test_old_paths_cover_every_permalink_shape(tmp_path):
    encoded = "%d1%81%d0%b0%d0%bc%d0%bc%d0%b8%d1%82"  # «саммит», as WordPress stores it
    [item] = read(tmp_path, post(12, slug=encoded, link=f"https://old.example/{encoded}/"))
    assert item.slug == "саммит"
    assert item.old_paths == [
        f"/{encoded}/",
        "/?p=12",
        "/archives/12",
        f"/2021/03/{encoded}/",
        f"/2021/03/04/{encoded}/",
        f"/news/politics/{encoded}/",
        f"/category/news/politics/{encoded}/",
    ]


def test_a_site_in_a_folder_prefixes_its_paths(tmp_path):
    header = "<wp:base_blog_url>https://old.example/blog</wp:base_blog_url>"
    [item] = read(
        tmp_path, post(7, slug="s", link="https://old.example/blog/2021/03/s/"), header=header
    )
    assert item.old_paths == [
        "/blog/2021/03/s/",
        "/blog/?p=7",
        "/blog/archives/7",
        "/blog/s/",
        "/blog/2021/03/04/s/",
        "/blog/politics/s/",  # the header here lists no categories: no parent known
        "/blog/category/politics/s/",
    ]


@pytest.mark.parametrize("order", ["before", "after"])
def test_the_featured_image_is_found_wherever_its_attachment_is(tmp_path, order):
    image = attachment(
        40,
        "https://old.example/wp-content/uploads/2021/03/%D1%84%D0%BE%D1%82%D0%BE.jpg",
        alt="Площадь в Астане",
        caption='Астана, <a href="https://old.example/march/">март</a>',
        credit="Фото: Reuters",
    )
    story = post(12, meta={"_thumbnail_id": "40"})
    [item] = read(tmp_path, *([image, story] if order == "before" else [story, image]))
    assert item.featured_image == SourceImage(
        url="https://old.example/wp-content/uploads/2021/03/%D1%84%D0%BE%D1%82%D0%BE.jpg",
        path="2021/03/фото.jpg",
        alt="Площадь в Астане",
        caption="Астана, март",
        credit="Фото: Reuters",
    )


def test_a_featured_image_missing_from_the_export_is_a_problem_not_a_failure(tmp_path):
    [item] = read(tmp_path, post(12, meta={"_thumbnail_id": "99"}))
    assert item.featured_image is None
    assert item.problems == ["Its featured image (attachment 99) is not in the export."]


def test_an_image_outside_uploads_has_no_media_path(tmp_path):
    image = attachment(40, "https://cdn.example/img/a.jpg")
    climbing = attachment(41, "https://old.example/wp-content/uploads/../../etc/passwd")
    items = read(
        tmp_path,
        image,
        climbing,
        post(1, meta={"_thumbnail_id": "40"}),
        post(2, meta={"_thumbnail_id": "41"}),
    )
    assert [item.featured_image.path for item in items] == ["", ""]
    assert items[0].featured_image.url == "https://cdn.example/img/a.jpg"


def test_a_post_without_title_is_titled_by_its_first_words(tmp_path):
    body = (
        "<p>Президент Казахстана <b>подписал</b> указ о создании нового министерства "
        "цифрового развития и космической отрасли страны.</p>"
    )
    untitled, empty = read(tmp_path, post(1, title="", body=body), post(2, title="", body=""))
    assert (
        untitled.title
        == "Президент Казахстана подписал указ о создании нового министерства цифрового развития…"
    )
    assert untitled.problems == ["It had no title; one was made from the first words of its body."]
    assert empty.title == "Untitled post 2"


def test_view_counts_come_from_the_counters_postmeta(tmp_path):
    items = read(
        tmp_path,
        post(1, meta={"post_views_count": "1,204", "views": "17"}),
        post(2, meta={"_views": "junk"}),
        post(3),
    )
    assert [item.view_count for item in items] == [1204, None, None]


def test_wxr_1_1_is_read_and_an_unknown_version_is_refused(tmp_path):
    [item] = read(tmp_path, post(1), version="1.1")
    assert item.author == SourceAuthor("ivanova", "ivanova@old.example", "Анна Иванова")
    with pytest.raises(SourceUnreadable, match="version 2.0 is not supported"):
        read(tmp_path, post(1), version="2.0")


def test_feed_paths_name_the_sites_category_and_tag_feeds(tmp_path):
    source = WxrSource(write(tmp_path, document(post(1))))
    paths = source.feed_paths()
    assert paths[:6] == [
        "/feed/",
        "/feed/rss2/",
        "/feed/rss/",
        "/feed/rdf/",
        "/feed/atom/",
        "/comments/feed/",
    ]
    assert "/?feed=rss2" in paths
    assert "/category/news/feed/" in paths
    assert "/category/news/politics/feed/" in paths
    assert "/tag/%d0%b5%d0%b0%d1%8d%d1%81/feed/" in paths
