"""Demo data: the seed story shows the seed page's «33 просмотра»."""

from typing import Any

from wagtail.models import Page

from .importer import import_counts

SEED_STORY_VIEWS = 33


def give_seed_story_its_views(sender: object, seed: Page, **kwargs: Any) -> None:
    """Import the seed page's historic count once; later runs keep what readers added."""
    from .models import ArticleViews

    if not ArticleViews.objects.filter(page_id=seed.pk).exists():
        import_counts({seed.pk: SEED_STORY_VIEWS})
