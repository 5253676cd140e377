"""`bigasia tv_publish_story <episode id> <story number> <section slug>`."""

from django.core.management.base import BaseCommand, CommandError

from bigasia.articles.models import SectionPage
from bigasia.tv.models import EpisodePage
from bigasia.tv.publish import StoryNotFound, publish_story


class Command(BaseCommand):
    help = "Publish a story of a TV episode as an article in a section of the episode's language."

    def add_arguments(self, parser):
        parser.add_argument("episode", type=int, help="The episode page's id.")
        parser.add_argument("story", type=int, help="The story's number in the episode (1, 2…).")
        parser.add_argument("section", help="The section's slug, e.g. politics.")

    def handle(self, *args, episode, story, section, **options):
        page = EpisodePage.objects.filter(pk=episode).first()
        if page is None:
            raise CommandError(f"No TV episode with id {episode}.")
        target = SectionPage.objects.filter(locale=page.locale, slug=section).first()
        if target is None:
            raise CommandError(f"No section {section!r} in {page.locale.language_code}.")
        try:
            article = publish_story(page, story, target)
        except StoryNotFound as exc:
            raise CommandError(f"Episode {episode} has no story {story}.") from exc
        self.stdout.write(self.style.SUCCESS(f"Published {article.url}"))
