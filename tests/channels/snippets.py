"""Python run inside a scratch site by the worker tests (`site.python`): a Telegram channel
that the politics section sends to, and stories published in that section."""

# Format with api= (the fake Bot API's base URL) and secret_env= (where the token is).
TELEGRAM_CHANNEL = """
from wagtail.models import Locale, Site
from bigasia.articles.models import SectionPage
from bigasia.channels.models import Channel
section = SectionPage.objects.get(locale__language_code="ru", slug="politics")
channel = Channel.objects.create(
    kind="telegram", name="Telegram", site=Site.objects.get(is_default_site=True),
    locale=Locale.objects.get(language_code="ru"), secret_env="{secret_env}",
    options={{"api_url": "{api}", "chat_id": "@bigasia_news"}}, max_attempts=3)
channel.sections.add(section)
"""
# Format with articles= (how many); prints each story's page id.
PUBLISH_STORIES = """
import json
from bigasia.articles.models import ArticlePage, SectionPage
section = SectionPage.objects.get(locale__language_code="ru", slug="politics")
for n in range({articles}):
    page = ArticlePage(title=f"Статья {{n}} о саммите", lead="Лид", locale=section.locale,
                       body=json.dumps([{{"type": "paragraph", "value": "<p>Текст</p>"}}]))
    section.add_child(instance=page)
    page.save_revision().publish()
    print(page.pk)
"""
