"""Demo TV: «Новости Большой Азии» with issue 829 and its stories, a schedule, and a
generated video with a chapter per story (tv/demo_video.py)."""

from datetime import datetime, timedelta

from django.utils import timezone
from wagtail.models import Locale
from wagtail.rich_text import RichText

from bigasia.articles.models import HomePage
from bigasia.core.dates import MOSCOW

from .demo_content import EPISODE, PROGRAMME, TV_INDEX
from .demo_video import add_demo_video
from .models import AirTime, EpisodePage, ProgrammePage, TvIndexPage


def add_tv_demo(sender=None, **kwargs) -> None:
    ru, en = Locale.objects.get(language_code="ru"), Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=ru)
    tv = _translated_child(home, TvIndexPage, TV_INDEX, en)
    programme = _translated_child(tv[0], ProgrammePage, PROGRAMME, en)
    _episode(programme, en)
    _schedule(programme[0])


def _translated_child(parent, model, content: dict, en: Locale):
    page = model.objects.child_of(parent).filter(slug=content["slug"]).first()
    if page is None:
        page = parent.add_child(instance=model(slug=content["slug"], **content["ru"]))
        page.save_revision().publish()
    translation = page.get_translation_or_none(en)
    if translation is None:
        translation = page.copy_for_translation(en)
        for field, value in content["en"].items():
            setattr(translation, field, value)
        translation.save_revision().publish()
    return page, translation.specific


def _stories(stories: list[dict]) -> list[tuple[str, dict]]:
    return [
        (
            "story",
            {
                "title": story["title"],
                "start": story["start"],
                "text": RichText(story["text"]),
                "quotations": story.get("quotations", []),
                "stills": [],
            },
        )
        for story in stories
    ]


def _episode(programme: tuple, en: Locale) -> None:
    ru_programme, _en_programme = programme
    episode = EpisodePage.objects.child_of(ru_programme).filter(number=EPISODE["number"]).first()
    if episode is not None:
        return
    aired_at = timezone.make_aware(datetime(2023, 2, 3, 19, 0), MOSCOW)
    video = add_demo_video(EPISODE["ru"]["stories"])
    episode = ru_programme.add_child(
        instance=EpisodePage(
            slug=EPISODE["slug"],
            number=EPISODE["number"],
            aired_at=aired_at,
            video=video,
            stories=_stories(EPISODE["ru"]["stories"]),
            title=EPISODE["ru"]["title"],
            lead=EPISODE["ru"]["lead"],
        )
    )
    episode.save_revision().publish()
    translation = episode.copy_for_translation(en)
    translation.title, translation.lead = EPISODE["en"]["title"], EPISODE["en"]["lead"]
    translation.stories = _stories(EPISODE["en"]["stories"])
    translation.save_revision().publish()


def _schedule(programme: ProgrammePage) -> None:
    """Evening news at 19:00 Moscow for the coming week, plus the evening issue 829 aired."""
    if AirTime.objects.filter(programme=programme).exists():
        return
    today = timezone.now().astimezone(MOSCOW).date()
    first = datetime.combine(today, datetime.min.time()).replace(hour=19)
    times = [timezone.make_aware(first + timedelta(days=day), MOSCOW) for day in range(7)]
    times.append(timezone.make_aware(datetime(2023, 2, 3, 19, 0), MOSCOW))
    AirTime.objects.bulk_create(
        AirTime(programme=programme, starts_at=when, duration_minutes=30) for when in times
    )
