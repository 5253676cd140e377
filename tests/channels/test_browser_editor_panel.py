"""An editor opens an article in the page editor, opens the «Каналы» side panel, rewrites the
Telegram post (the preview follows the text, trimmed as Telegram will show it under the
hero image) and saves the page: the text is stored for the next publish."""

import json

import pytest

from tests import services

pytestmark = pytest.mark.browser

EDITOR, PASSWORD = "panel-editor", "panel-pw-12345"
SETUP = f"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.images import get_image_model
from wagtail.models import Locale, Site
from wagtail.users.models import UserProfile
from bigasia.articles.models import ArticlePage, SectionPage
from bigasia.channels.models import Channel

user = get_user_model().objects.create_user("{EDITOR}", "panel@example.org", "{PASSWORD}")
user.groups.add(Group.objects.get(name="Editors"))
profile = UserProfile.get_for_user(user)
profile.preferred_language = "ru"
profile.save()
channel = Channel.objects.create(
    kind="telegram", name="Телеграм панели", site=Site.objects.get(is_default_site=True),
    locale=Locale.objects.get(language_code="ru"),
    options={{"chat_id": "@panel_test", "api_url": "http://127.0.0.1:9"}},
    secret_env="PANEL_TEST_TOKEN",
)
section = SectionPage.objects.get(locale__language_code="ru", slug="politics")
page = ArticlePage(
    title="Статья для панели каналов", lead="Вводка статьи для панели.", body=[],
    hero_image=get_image_model().objects.first(), owner=user,
)
section.add_child(instance=page)
page.save_revision(user=user)
print(json.dumps({{"page": page.pk, "channel": channel.pk}}))
"""
STORED = """
import json
from bigasia.channels.models import ArticleChannel
choice = ArticleChannel.objects.get(page_id={page}, channel_id={channel})
print(json.dumps({{"send": choice.send, "text": choice.text}}))
"""
CLEANUP = f"""
from django.contrib.auth import get_user_model
from wagtail.models import Page
from bigasia.channels.models import Channel
Page.objects.get(pk={{page}}).delete()
Channel.objects.filter(pk={{channel}}).delete()
get_user_model().objects.filter(username="{EDITOR}").delete()
"""
POST = "Переговоры в Астане: главное\n\n" + "Подробности переговоров. " * 60


@pytest.fixture
def panel_article(scratch_site):
    ids = json.loads(scratch_site.python(SETUP))
    yield ids
    scratch_site.python(CLEANUP.format(**ids))


def test_an_editor_rewrites_the_telegram_post_in_the_side_panel_and_saves(
    browser, scratch_server, scratch_site, panel_article
):
    page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="ru-RU")
    page.goto(scratch_server + "/admin/login/")
    page.locator("#id_username").fill(EDITOR)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")

    page.goto(f"{scratch_server}/admin/pages/{panel_article['page']}/edit/")
    page.locator('[data-side-panel-toggle="channels"]').click()
    panel = page.locator('[data-side-panel="channels"]')
    entry = panel.locator(f'.channels-entry[data-channel="{panel_article["channel"]}"]')
    entry.get_by_text("Телеграм панели").wait_for()
    preview = entry.locator(".channels-preview-text")
    assert "Статья для панели каналов" in preview.inner_text()  # the default post
    assert entry.locator(".channels-preview img").count() == 1  # under the hero image

    entry.get_by_label("Отправить в этот канал").check()
    entry.get_by_label("Текст поста").fill(POST)
    # The server redraws the preview: the caption cut to Telegram's 1024 with «…».
    entry.locator(".channels-preview-text", has_text="Переговоры в Астане").wait_for()
    assert preview.inner_text().startswith("Переговоры в Астане: главное")
    assert preview.inner_text().rstrip().endswith("…")
    assert "из\xa01024 возможных" in entry.locator(".channels-preview .help").inner_text()
    services.BROWSER_OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(services.BROWSER_OUTPUT / "editor-channels-panel.png"))

    with page.expect_navigation():
        page.locator("button.action-save").first.click()
    assert "обновлена" in page.locator(".messages").inner_text()
    stored = json.loads(scratch_site.python(STORED.format(**panel_article)))
    assert stored == {"send": True, "text": POST.strip()}
    page.close()
