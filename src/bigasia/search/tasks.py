"""Background jobs of site search."""

from django_tasks import task

from .indexing import index_page, index_pages_below


@task()
def update_search_entry(page_id: int) -> None:
    """Index the article if it is live and public, or remove it from the index if not."""
    index_page(page_id)


@task()
def update_search_entries_below(page_id: int) -> None:
    """The same for every article below the page (a section made private or moved)."""
    index_pages_below(page_id)
