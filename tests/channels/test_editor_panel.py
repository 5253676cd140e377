"""The «Каналы» side panel of the article editor, through the real editor screens: who sees
it and may change the posts, what a save and a publish store, the preview of a text being
typed, and a text too long for its channel refused in the editor's language."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from bigasia.articles.models import ArticlePage, SectionPage
from bigasia.channels.models import ArticleChannel, Delivery
from tests.articles.admin_forms import with_body
from tests.channels.clients import signed_in_client

pytestmark = pytest.mark.django_db
FORM_ID = "page-edit-form"


def _editor_form(html: str) -> dict:
    """What the browser sends: the editor form's fields and the panel's, which sit outside
    the <form> and name it (a checkbox only when ticked), with the CSRF token."""
    data = querydict_from_html(html, form_id=FORM_ID, exclude_csrf=False)
    data = with_body(data, "Текст статьи.")
    for field in WagtailTestUtils.get_soup(html).find_all(attrs={"form": FORM_ID}):
        if field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[field["name"]] = "on"
        else:
            data[field["name"]] = field.string or "" if field.name == "textarea" else field["value"]
    return data


def _panel(html: str) -> str:
    match = re.search(r'<div class="form-side__panel" data-side-panel="channels".*?</section>',
                      html, re.S)  # fmt: skip
    return match.group(0) if match else ""


def _edit(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_an_editor_writes_the_telegram_post_and_the_publish_carries_it(
    editor, telegram_channel, seed_article
):
    client = signed_in_client(editor, "ru")
    html = client.get(_edit(seed_article)).content.decode()
    panel = _panel(html)
    assert "Telegram ru" in panel and "Текст поста" in panel and "Предпросмотр" in panel
    assert seed_article.title in panel  # the default text's preview: headline first
    field = f"channel-{telegram_channel.pk}"
    data = _editor_form(html)
    data[f"{field}-send"] = "on"
    # A browser sends a textarea's line breaks as CRLF; Telegram would count each CR.
    data[f"{field}-text"] = "Главное: переговоры в Астане\r\nПодробности на сайте"
    data["action-publish"] = "action-publish"
    answer = client.post(_edit(seed_article), data)
    assert answer.status_code == 302, answer.content.decode()[-3000:]
    choice = ArticleChannel.objects.get(page=seed_article, channel=telegram_channel)
    assert choice.send and choice.text == "Главное: переговоры в Астане\nПодробности на сайте"
    delivery = Delivery.objects.get(page=seed_article, channel=telegram_channel)
    assert delivery.text == choice.text  # the publish read the text saved with it
    again = _panel(client.get(_edit(seed_article)).content.decode())
    assert "Главное: переговоры в Астане<br>Подробности на сайте" in again


def test_a_text_longer_than_the_channel_shows_is_refused_in_the_editors_language(
    editor, telegram_channel, seed_article
):
    revisions = seed_article.revisions.count()
    for language, words in (("ru", "Сократите текст"), ("en", "Shorten the text")):
        client = signed_in_client(editor, language)
        data = _editor_form(client.get(_edit(seed_article)).content.decode())
        data[f"channel-{telegram_channel.pk}-text"] = "🌏" * 2049  # 4098 UTF-16 units
        answer = client.post(_edit(seed_article), data)
        assert answer.status_code == 200
        panel = _panel(answer.content.decode())
        assert words in panel and "4098" in panel and "4096" in panel
    assert seed_article.revisions.count() == revisions  # the page was not saved either
    assert not ArticleChannel.objects.filter(page=seed_article).exists()


def test_the_preview_follows_the_text_trimmed_as_the_channel_trims_it(
    editor, telegram_channel, seed_article
):
    client = signed_in_client(editor, "en")
    html = client.get(_edit(seed_article)).content.decode()
    url = reverse("channels_preview", args=[seed_article.pk, telegram_channel.pk])
    assert client.post(url, {"text": "Без токена"}).status_code == 403  # CSRF
    token = _editor_form(html)["csrfmiddlewaretoken"]
    short = client.post(url, {"csrfmiddlewaretoken": token, "text": "Коротко\nи ясно"})
    body = short.content.decode()
    assert "Коротко<br>и ясно" in body and "shortened" not in body
    limit = 1024 if seed_article.hero_image else 4096
    long = client.post(url, {"csrfmiddlewaretoken": token, "text": "слово " * 900})
    body = long.content.decode()
    assert f"of at most {limit}" in body and "is shortened as shown" in body
    assert "…" in body
    too_long = client.post(url, {"csrfmiddlewaretoken": token, "text": "я" * 5000}).content
    assert "Shorten the text" in too_long.decode()


@pytest.fixture
def authors_draft(author):
    section = SectionPage.objects.get(locale__language_code="ru", slug="politics")
    page = ArticlePage(title="Черновик автора", lead="Вводка автора.", body=[], owner=author)
    section.add_child(instance=page)
    page.save_revision(user=author)
    return page


def test_an_author_writes_the_posts_of_an_own_article_only(
    author, telegram_channel, authors_draft, seed_article
):
    client = signed_in_client(author, "ru")
    html = client.get(_edit(authors_draft)).content.decode()
    assert "Telegram ru" in _panel(html)
    data = _editor_form(html)
    data[f"channel-{telegram_channel.pk}-text"] = "Пост автора"
    assert client.post(_edit(authors_draft), data).status_code == 302
    assert ArticleChannel.objects.get(page=authors_draft).text == "Пост автора"
    # Someone else's article: Wagtail refuses its editor, and the preview is refused too.
    assert client.get(_edit(seed_article)).status_code == 302
    token = data["csrfmiddlewaretoken"]
    preview = reverse("channels_preview", args=[seed_article.pk, telegram_channel.pk])
    answer = client.post(preview, {"csrfmiddlewaretoken": token, "text": "чужое"})
    assert answer.status_code == 302 and answer["Location"] == reverse("wagtailadmin_home")


def test_a_post_from_a_screen_without_the_panel_leaves_the_choice_alone(
    editor, telegram_channel, seed_article
):
    """An editor tab opened before the channel existed knows nothing of it: its save must
    not read the missing checkbox as "do not send"."""
    ArticleChannel.objects.create(page=seed_article, channel=telegram_channel, text="Прежний")
    client = signed_in_client(editor, "ru")
    data = _editor_form(client.get(_edit(seed_article)).content.decode())
    for name in [name for name in data if name.startswith("channel-")]:
        del data[name]
    assert client.post(_edit(seed_article), data).status_code == 302
    choice = ArticleChannel.objects.get(page=seed_article, channel=telegram_channel)
    assert choice.send and choice.text == "Прежний"


def test_a_page_locked_by_someone_else_saves_no_channel_choice(
    editor, author, telegram_channel, seed_article
):
    client = signed_in_client(editor, "en")
    data = _editor_form(client.get(_edit(seed_article)).content.decode())
    data[f"channel-{telegram_channel.pk}-text"] = "Во время блокировки"
    Page.objects.filter(pk=seed_article.pk).update(locked=True, locked_by=author)
    answer = client.post(_edit(seed_article), data)
    assert "The page could not be saved as it is locked." in answer.content.decode()
    assert not ArticleChannel.objects.filter(page=seed_article).exists()
