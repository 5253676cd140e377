"""Background jobs of site search."""

from django_tasks import task

from .indexing import index_page


@task()
def update_search_entry(page_id: int) -> None:
    """Index the article if it is live and public, or remove it from the index if not."""
    index_page(page_id)
