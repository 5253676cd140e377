"""Every public URL pattern, read from the URLconf itself, so a new route is swept unasked.

A route is a template such as ``/tv/video/%(pk)s/file.mp4`` (Django's own normalised form of
the pattern's regex) with its parameter names. Patterns under the language prefix are
templates on ``%(lang)s``; the routes a routable page declares (the home page's country and
tag pages) are listed under each such page model.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils.regex_helper import normalize
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

# Left out of the sweep, and why. Everything else the URLconf routes is swept.
EXCLUDED_PREFIXES = {
    # Wagtail's admin and Django's: staff only, every view behind a login (an anonymous request
    # is redirected to the login form), and tested by Wagtail's and Django's own suites.
    "admin/": "staff only",
    "django-admin/": "staff only",
}
LANG = "lang"
WAGTAIL_SERVE = "wagtail_serve"


@dataclass(frozen=True)
class Route:
    name: str  # the URL name (namespace:name), or "<PageModel>:<route name>"
    template: str  # a %-format string on the parameter names, starting with "/"
    params: tuple[str, ...]  # without the language

    @property
    def localised(self) -> bool:
        return f"%({LANG})s" in self.template

    def path(self, lang: str, values: dict[str, str]) -> str:
        return self.template % {LANG: lang, **values}


def public_routes() -> list[Route]:
    routes = list(_walk(get_resolver().url_patterns, prefix="", namespace=""))
    serve = next(route for route in routes if route.name == WAGTAIL_SERVE)
    return routes + _routable_page_routes(serve)


def _walk(patterns, prefix: str, namespace: str):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern) in EXCLUDED_PREFIXES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + _regex(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield _route(f"{namespace}{entry.name or ''}", prefix + _regex(entry.pattern))


def _regex(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return f"(?P<{LANG}>[a-z]+)/"
    # Route and regex patterns alike compile to an anchored regex; the pieces are joined.
    return pattern.regex.pattern.removeprefix("^").removesuffix("$").removesuffix(r"\Z")


def _route(name: str, regex: str) -> Route:
    # The first of the shapes the regex can take (an optional group left out).
    template, params = normalize(regex)[0]
    return Route(name, "/" + template, tuple(p for p in params if p != LANG))


def _routable_page_routes(serve: Route) -> list[Route]:
    """The sub-routes of routable pages, under the path of such a page (a filled `serve`)."""
    routes = []
    for model in get_page_models():
        if not issubclass(model, RoutablePageMixin):
            continue
        for sub in model.get_subpage_urls():
            if not sub.name or not _regex(sub.pattern):
                continue  # the page itself, already served by Wagtail's route
            route = _route(f"{model.__name__}:{sub.name}", _regex(sub.pattern))
            template = serve.template.replace("%(_0)s", "%(page)s") + route.template[1:]
            routes.append(Route(route.name, template, ("page", *route.params)))
    return routes
