"""One slug per address: a page whose slug a sibling already has takes the first free suffix.

Two articles of a section may well have the same title (or titles that transliterate alike,
`Ёлка`/`Елка`), and wire drafts and translations are made with nobody to answer a form error,
so every path settles a clash the same way: `shelkovyy-put` becomes `shelkovyy-put-1`. An
editor who wants another address edits the slug afterwards.
"""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from bigasia.core.slugs import MAX_SLUG_LENGTH, transliterate_slug

# Room kept for the `-N` suffix on a slug of full length.
_SUFFIX_ROOM = 12


def free_sibling_slug(text: str, parent: Page | None, page: Page) -> str:
    """`text` transliterated, with Wagtail's first free `-1`, `-2`… suffix among `parent`'s
    other children (the numbering wagtail-localize gives clashing translations).

    Two saves racing for one slug can both take it (Wagtail puts no unique constraint on
    slugs); the second page then shares the address until one is renamed."""
    slug = transliterate_slug(text)
    if parent is None or not slug:
        return slug
    free = find_available_slug(parent, slug, ignore_page_id=page.pk)
    if len(free) > MAX_SLUG_LENGTH:  # a clashing slug of full length: cut to fit the suffix
        free = find_available_slug(
            parent, transliterate_slug(text, MAX_SLUG_LENGTH - _SUFFIX_ROOM), page.pk
        )
    return free


class SiblingSlugPageForm(WagtailAdminPageForm):
    """Settles the slug before Wagtail's own check among siblings sees it, so the admin's
    create, edit and autosave paths take a suffix instead of reporting the clash."""

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or ""
        return free_sibling_slug(slug, self.parent_page, self.instance) if slug else slug
