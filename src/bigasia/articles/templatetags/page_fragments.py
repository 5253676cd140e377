"""`{% load page_fragments %}`: cached fragments of reader pages.

    {% fragment "article-body" page.pk %} … {% endfragment %}
    {% fragment "home" page.pk scope="listing" %} … {% endfragment %}
    {% fragment "tv-upcoming" scope="site" every=60 %} … {% endfragment %}

`scope` names the stamps the fragment follows (`articles/stamps.py`): "page" (the default:
what the page shows of itself, renewed by a publish of the page or a translation), "listing"
(also every publish in the page's language) or "site" (only changes that show everywhere;
a story card, keyed by the story's revision). `every=N` also renews the fragment every N
seconds of wall-clock time, for parts that change as time passes (air times that begin drop
out of a schedule).

A fragment is cached only where the page allows it (`cache_fragments` in the context: reader
pages of the articles app, never previews); elsewhere it renders as if the tag were absent.
Tags that must stay fresh inside a fragment (readership's `{% view_count %}`) see
`fragments.in_cached_fragment` and leave a hole they fill later.
"""

from time import time as wall_clock

from django import template
from django.template.base import Node, NodeList, Parser, Token
from django.template.context import Context
from django.utils import translation

from .. import fragments, stamps

register = template.Library()


class FragmentNode(Node):
    def __init__(
        self, name: str, parts: list, nodelist: NodeList, every: int = 0, scope: str = "page"
    ) -> None:
        self.name = name
        self.parts = parts
        self.nodelist = nodelist
        self.every = every
        self.scope = scope

    def render(self, context: Context) -> str:
        request = context.get("request")
        if not context.get("cache_fragments") or request is None:
            return self.nodelist.render(context)
        language = translation.get_language()
        scope = stamps.current_stamps(request).key(
            self.scope, language, bool(context.get(fragments.FOLLOW_LISTINGS))
        )
        key = fragments.fragment_key(
            scope,
            self.name,
            [
                language,
                request.scheme,
                request.get_host(),
                *(part.resolve(context) for part in self.parts),
                int(wall_clock() // self.every) if self.every else "",
            ],
        )
        html = fragments.get_fragment(key)
        if html is None:
            with context.push({fragments.IN_FRAGMENT: True}):
                html = self.nodelist.render(context)
            fragments.keep_fragment(key, html)
        return html  # holes left in it are filled once for the whole response


@register.tag
def fragment(parser: Parser, token: Token) -> FragmentNode:
    """{% fragment "name" key_part … %} … {% endfragment %}"""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a quoted name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    options = {"every": "0", "scope": "page"}
    while "=" in bits[-1] and bits[-1].split("=", 1)[0] in options:
        option, value = bits.pop().split("=", 1)
        options[option] = value.strip("\"'")
    if options["scope"] not in fragments.SCOPES:
        raise template.TemplateSyntaxError(f"{{% fragment %}}: no scope {options['scope']!r}")
    parts = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentNode(name, parts, nodelist, int(options["every"]), options["scope"])
