"""Make a page private the way the admin's privacy dialog does: one PageViewRestriction row."""

from wagtail.models import PageViewRestriction

KINDS = [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]


def make_private(page, kind: str = PageViewRestriction.PASSWORD) -> PageViewRestriction:
    """Restrict `page` (and so every page below it) without publishing anything."""
    password = "tajna-12345" if kind == PageViewRestriction.PASSWORD else ""
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password=password)
