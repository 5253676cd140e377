"""An episode's story published as a normal article, so it reaches lists, search, feeds and
newsletters. The article body ends with a paragraph linking back to the story's moment in
the episode; ArticlePage itself gains no fields."""

from django.db import transaction
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from bigasia.articles.models import ArticlePage, SectionPage
from bigasia.articles.snippets import Source
from bigasia.core.slugs import transliterate_slug

from .models import EpisodePage
from .models.video import clock

TV_SOURCE_NAMES = ("Телеканал «Большая Азия»", "Big Asia TV")


class StoryNotFound(LookupError):
    pass


def _body(episode: EpisodePage, number: int, story) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = [("paragraph", RichText(story["text"].source))]
    blocks += [("quotation", dict(quotation)) for quotation in story["quotations"]]
    blocks += [("image", dict(still)) for still in story["stills"]]
    with translation.override(episode.locale.language_code):
        link_text = _("Watch the story in “%(episode)s”, from %(time)s") % {
            "episode": episode.title,
            "time": clock(story["start"]),
        }
    link = f'<p><a href="{escape(episode.url)}#story-{number}">{escape(link_text)}</a></p>'
    blocks.append(("paragraph", RichText(link)))
    return blocks


@transaction.atomic
def publish_story(episode: EpisodePage, number: int, section: SectionPage) -> ArticlePage:
    """Publish story `number` (1-based) as an article in `section`; again returns the same one."""
    stories = list(episode.stories)
    if not 1 <= number <= len(stories):
        raise StoryNotFound(number)
    story = stories[number - 1].value
    slug = transliterate_slug(story["title"])
    existing = ArticlePage.objects.child_of(section).filter(slug=slug).first()
    if existing is not None:
        return existing
    article = ArticlePage(
        title=story["title"],
        slug=slug,
        lead=Truncator(strip_tags(story["text"].source)).chars(300),
        body=_body(episode, number, story),
        source=Source.objects.filter(locale=section.locale, name__in=TV_SOURCE_NAMES).first(),
    )
    section.add_child(instance=article)
    article.save_revision().publish()
    return article
