"""A second article whose slug comes out the same as a sibling's gets the first free `-1`,
`-2`… suffix on every path that makes or changes pages: the admin's create and edit screens
(in both admin languages) and autosave. Wire drafts and translations: tests/wire and
tests/translation."""

import pytest
from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import querydict_from_html, rich_text
from wagtail.users.models import UserProfile

from bigasia.articles.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db

TITLE = "Шёлковый путь снова открыт"
SLUG = "shelkovyy-put-snova-otkryt"


def _section(language: str, slug: str = "culture") -> SectionPage:
    return SectionPage.objects.get(locale__language_code=language, slug=slug)


def _existing(section: SectionPage, slug: str = SLUG, title: str = TITLE) -> ArticlePage:
    return section.add_child(instance=ArticlePage(title=title, slug=slug, lead="…", body=[]))


def _form(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def _filled(data, title: str):
    data["title"] = title
    data["slug"] = slugify(title, allow_unicode=True)  # what the admin's JavaScript copies
    data["lead"] = "Вводка."
    data.update(
        {
            "body-count": "1",
            "body-0-type": "paragraph",
            "body-0-value": rich_text("<p>Текст.</p>"),
            "body-0-deleted": "",
            "body-0-order": "0",
        }
    )
    return data


def _admin_in(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize("admin_language", ["ru", "en"])
@pytest.mark.parametrize("action", ["action-publish", None])
def test_it_suffixes_a_new_article_whose_title_gives_a_siblings_slug(
    client, editor, admin_language, action
):
    section = _section("ru")
    first = _existing(section)
    _admin_in(editor, admin_language)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    data = _filled(_form(client, url), TITLE)
    if action:
        data[action] = action
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    second = ArticlePage.objects.child_of(section).exclude(pk=first.pk).get(title=TITLE)
    assert second.slug == f"{SLUG}-1"
    first.refresh_from_db()
    assert first.slug == SLUG, "the older article keeps its address"


def test_it_takes_the_first_free_suffix_in_an_english_section(client, editor):
    section = _section("en")
    for slug in ("silk-road-reopens", "silk-road-reopens-1", "silk-road-reopens-3"):
        _existing(section, slug=slug, title="Silk road reopens")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    response = client.post(url, _filled(_form(client, url), "Silk Road reopens"))
    assert response.status_code == 302
    assert ArticlePage.objects.child_of(section).filter(slug="silk-road-reopens-2").exists()


def test_it_suffixes_an_edited_article_renamed_to_a_siblings_slug(client, editor):
    section = _section("ru")
    _existing(section)
    other = _existing(section, slug="drugaya-istoriya", title="Другая история")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[other.pk])
    data = _filled(_form(client, url), TITLE)
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    other.refresh_from_db()
    assert other.slug == f"{SLUG}-1" and other.live


def test_it_keeps_an_edited_articles_own_suffixed_slug(client, editor):
    section = _section("ru")
    _existing(section)
    second = _existing(section, slug=f"{SLUG}-1")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[second.pk])
    data = _filled(_form(client, url), TITLE)
    data["slug"] = f"{SLUG}-1"
    data["action-publish"] = "action-publish"
    assert client.post(url, data).status_code == 302
    second.refresh_from_db()
    assert second.slug == f"{SLUG}-1" and second.lead == "Вводка."


def test_it_autosaves_a_draft_whose_title_gives_a_siblings_slug(client, editor):
    section = _section("ru")
    _existing(section)
    draft = section.add_child(
        instance=ArticlePage(title="Черновик", slug="chernovik", lead="…", body=[], live=False)
    )
    draft.save_revision()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    data = _filled(_form(client, url), TITLE)
    response = client.post(url, data, headers={"Accept": "application/json"})
    assert response.status_code == 200, response.content.decode()[-2000:]
    assert response.json()["success"] is True
    saved = ArticlePage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert saved.title == TITLE and saved.slug == f"{SLUG}-1"


def test_it_gives_a_clashing_slug_of_full_length_a_free_one_that_fits():
    section = _section("ru")
    longest = "dlinnyy-" * 31 + "zagolovok"[:7]
    first = _existing(section, slug=longest)
    second = _existing(section, slug=longest)
    assert len(first.slug) == 255 and len(second.slug) <= 255
    assert second.slug != first.slug and second.slug.startswith("dlinnyy-dlinnyy")
