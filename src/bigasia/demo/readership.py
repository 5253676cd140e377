"""Demo data: the seed story shows the seed page's «33 просмотра»."""

from bigasia.readership.importer import import_counts
from bigasia.readership.models import ArticleViews

SEED_STORY_VIEWS = 33


def give_seed_story_its_views(seed) -> None:
    """Import the seed page's historic count once; later runs keep what readers added."""
    if not ArticleViews.objects.filter(page_id=seed.pk).exists():
        import_counts({seed.pk: SEED_STORY_VIEWS})
