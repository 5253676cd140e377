"""Old addresses as Wagtail redirects (301), written in bulk.

A post's old permalinks and, at the end of a run, the old site's feeds and listings: a few
thousand paths in one go. One query per chunk finds those already there (a re-run, or
another post's old address), one writes the new ones and one rewrites those that led
elsewhere; `Redirect.save()` does nothing more.
"""

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

# Paths per query: well under the bound parameters SQLite takes in one statement.
CHUNK = 500


def set_redirects(targets: dict[str, tuple[Page | None, str]]) -> None:
    """Each old path (normalised, for every site) leads permanently to its page, or to its
    link when the page is None."""
    paths = sorted(targets)
    for start in range(0, len(paths), CHUNK):
        chunk = paths[start : start + CHUNK]
        existing = {
            redirect.old_path: redirect
            for redirect in Redirect.objects.filter(site=None, old_path__in=chunk)
        }
        new, changed = [], []
        for path in chunk:
            page, link = targets[path]
            redirect = existing.get(path)
            if redirect is None:
                new.append(Redirect(old_path=path, site=None, redirect_page=page,
                                    redirect_link=link, is_permanent=True))  # fmt: skip
            elif (redirect.redirect_page_id, redirect.redirect_link, redirect.is_permanent) != (
                page.pk if page else None, link, True,
            ):  # fmt: skip
                redirect.redirect_page, redirect.redirect_link = page, link
                redirect.is_permanent = True
                changed.append(redirect)
        Redirect.objects.bulk_update(changed, ["redirect_page", "redirect_link", "is_permanent"])
        Redirect.objects.bulk_create(new)
