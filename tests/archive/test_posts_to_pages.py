"""What a source post becomes on the site: page, place, time, byline, labels, addresses."""

import uuid
from dataclasses import replace

import pytest
from wagtail.contrib.redirects.models import Redirect

from bigasia.archive.csvfiles import read_pairs, read_sections
from bigasia.archive.importer import ImportOptions
from bigasia.archive.models import ImportedItem
from bigasia.archive.source import (
    DRAFT,
    OTHER,
    PENDING,
    PRIVATE,
    BrokenItem,
    SourceAuthor,
    SourceTerm,
)
from bigasia.articles.models import ArticlePage, SectionPage
from bigasia.core.dates import format_datetime
from bigasia.readership.models import ArticleViews
from tests.archive.posts import a_post

pytestmark = pytest.mark.django_db


def page_of(key: str) -> ArticlePage:
    return ImportedItem.objects.get(key=key).page


def problems(run) -> list[str]:
    return list(run.problems.values_list("message", flat=True))


def test_a_published_post_becomes_a_live_article_with_its_time_byline_and_labels(run_import):
    post = a_post(1, body_html="Переговоры в Казахстане.\n\nСоседи из Китая тоже ждут.")
    run = run_import([post])
    page = page_of(post.key)
    assert (run.imported, run.failed) == (1, 0)
    assert page.live and page.locale.language_code == "ru"
    assert format_datetime(page.first_published_at) == "04.03.2021 12:30"
    assert page.get_parent().specific.title == "Политика"
    assert page.url_path.endswith("/politics/arkhivnaya-novost-1/")
    assert [a.author.name for a in page.article_authors.all()] == ["Иван Иванов"]
    assert sorted(c.country.slug for c in page.article_countries.all()) == ["china", "kazakhstan"]
    assert [t.name for t in page.tags.all()] == ["ЕАЭС"]
    assert page.lead == "Переговоры в Казахстане."
    assert [block.block_type for block in page.body] == ["paragraph", "paragraph"]


def test_drafts_and_pending_posts_become_drafts_and_private_ones_are_skipped(run_import):
    posts = [a_post(1, status=DRAFT), a_post(2, status=PENDING), a_post(3, status=PRIVATE),
             a_post(4, status=OTHER)]  # fmt: skip
    run = run_import(posts)
    assert (run.imported, run.skipped) == (2, 2)
    assert [page_of(p.key).live for p in posts[:2]] == [False, False]
    assert not Redirect.objects.filter(redirect_page__in=[page_of(p.key) for p in posts[:2]])
    assert not ImportedItem.objects.filter(key__in=[posts[2].key, posts[3].key]).exists()
    assert len(problems(run)) == 2 and all("private" in m or "other" in m for m in problems(run))


def test_categories_map_by_the_csv_by_name_or_become_new_sections_under_news(run_import, tmp_path):
    csv_file = tmp_path / "sections.csv"
    csv_file.write_text("category,section\nekonomika-i-biznes,economics\n", encoding="utf-8")
    posts = [
        a_post(1, categories=[SourceTerm(slug="ekonomika-i-biznes", name="Экономика и бизнес")]),
        a_post(2, categories=[SourceTerm(slug="kultura", name="культура")]),
        a_post(
            3,
            categories=[
                SourceTerm(slug="sport", name="Спорт"),
                SourceTerm(slug="futbol", name="Футбол"),
            ],
        ),  # fmt: skip
        a_post(4, categories=[SourceTerm(slug="sport", name="Спорт")]),
    ]
    run_import(posts, ImportOptions(sections=read_sections(csv_file)))
    parents = [page_of(p.key).get_parent().specific for p in posts]
    assert [p.slug for p in parents[:2]] == ["economics", "culture"]
    assert parents[2].pk == parents[3].pk and parents[2].title == "Спорт" and parents[2].live
    assert parents[2].get_parent().slug == "news"
    assert {t.name for t in page_of(posts[2].key).tags.all()} == {"ЕАЭС", "Футбол"}
    assert SectionPage.objects.filter(title="Спорт").count() == 1


def test_authors_are_found_again_by_login_or_by_email(run_import):
    by_login = SourceAuthor(login="petrova", email="", display_name="Анна Петрова")
    by_email = SourceAuthor(login="", email="Petrova@Old.example", display_name="А. Петрова")
    first = a_post(1, author=SourceAuthor("petrova", "petrova@old.example", "Анна Петрова"))
    run_import([first, a_post(2, author=by_login), a_post(3, author=by_email)])
    authors = {page_of(a_post(n).key).article_authors.get().author_id for n in (1, 2, 3)}
    assert len(authors) == 1


def test_a_cyrillic_slug_is_transliterated_and_every_old_address_answers_301_to_the_page(
    run_import, client
):
    post = a_post(7, slug="%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d1%8c-%d0%b4%d0%bd%d1%8f",
                  old_paths=["/?p=7", "/2021/03/%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d1%8c/",
                             "/category/politika/novost/"])  # fmt: skip
    run_import([post])
    page = page_of(post.key)
    assert page.slug == "novost-dnya"
    for old in post.old_paths:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url
        assert client.get(response["Location"]).status_code == 200


def test_a_latin_slug_is_kept_and_a_taken_one_gets_a_suffix_and_a_report_line(run_import):
    run = run_import([a_post(1, slug="summit"), a_post(2, slug="summit")])
    assert [page_of(a_post(n).key).slug for n in (1, 2)] == ["summit", "summit-1"]
    assert any("summit-1" in message for message in problems(run))


def test_the_old_feeds_redirect_to_ours(run_import, client):
    run_import([a_post(1)], feeds=["/feed/", "/category/politika/feed/"])
    for old in ("/feed/", "/category/politika/feed/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, "/ru/rss.xml")
    assert client.get("/ru/rss.xml").status_code == 200


def test_view_counts_go_into_readership(run_import):
    run_import([a_post(1, view_count=1234)])
    assert ArticleViews.objects.get(page=page_of(a_post(1).key)).imported == 1234


def test_a_re_run_changes_nothing_and_an_edited_post_is_updated_in_place(run_import):
    posts = [a_post(1), a_post(2)]
    run_import(posts)
    again = run_import(posts)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
    edited = replace(posts[0], title="Исправленный заголовок", body_html="Новый текст.")
    third = run_import([edited, posts[1]])
    assert (third.imported, third.updated, third.unchanged) == (0, 1, 1)
    page = page_of(edited.key)
    assert page.title == "Исправленный заголовок" and page.live
    assert ArticlePage.objects.filter(title__startswith="Архивная новость номер 1").count() == 0
    assert ArticlePage.objects.filter(title="Исправленный заголовок").count() == 1
    assert Redirect.objects.filter(old_path="/2021/03/arkhivnaya-novost-1").count() == 1


def test_a_translation_group_links_the_russian_post_and_its_english_translation(run_import):
    politics = [SourceTerm("politics", "Politics")]
    english = a_post(2, title="Archive story", slug="archive-story", language="en",
                     translation_group="pll_7", categories=politics)  # fmt: skip
    russian = a_post(1, language="ru", translation_group="pll_7")
    run_import([english, russian])  # the translation may come first
    ru_page, en_page = page_of(russian.key), page_of(english.key)
    assert en_page.locale.language_code == "en"
    assert en_page.get_parent().specific.title == "Politics"
    assert ru_page.translation_key == en_page.translation_key
    assert ru_page.get_translation(en_page.locale).pk == en_page.pk


def test_a_pairs_csv_links_posts_the_export_does_not_link(run_import, tmp_path):
    russian, english = a_post(1), a_post(2, title="Story", slug="story", language="en")
    run_import([russian, english])
    assert page_of(russian.key).translation_key != page_of(english.key).translation_key
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(f"ru_key,en_key\n{russian.key},{english.key}\n", encoding="utf-8")
    run = run_import([russian, english], ImportOptions(pairs=read_pairs(pairs)))
    assert run.updated == 2
    assert page_of(russian.key).translation_key == page_of(english.key).translation_key
    assert isinstance(page_of(english.key).translation_key, uuid.UUID)


def test_broken_items_and_unknown_languages_are_reported_and_the_rest_goes_in(run_import):
    items = [BrokenItem(key="item-3", reason="not XML"), a_post(4, language="de"), a_post(5)]
    run = run_import(items)
    assert (run.imported, run.failed) == (1, 2)
    assert "not XML" in problems(run)
    assert any("de" in message for message in problems(run))


def test_a_post_with_no_text_gets_its_lead_as_body(run_import):
    run = run_import([a_post(1, body_html="", excerpt="Коротко о главном.")])
    page = page_of(a_post(1).key)
    assert page.lead == "Коротко о главном." and len(page.body) == 1
    assert len(problems(run)) == 1


def test_a_dry_run_reports_and_writes_nothing(run_import):
    run = run_import([a_post(1, body_html="[gallery]")], ImportOptions(dry_run=True))
    assert (run.imported, run.dry_run) == (1, True)
    assert any("[gallery]" in message for message in problems(run))
    assert not ImportedItem.objects.exists()
    assert not ArticlePage.objects.filter(title__startswith="Архивная").exists()
