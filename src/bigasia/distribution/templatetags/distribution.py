from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from bigasia.distribution import structured

register = template.Library()
AUTHOR_PHOTO_RENDITION = "fill-240x240"  # the one the author page shows


@register.inclusion_tag("distribution/article_metadata.html", takes_context=True)
def article_metadata(context) -> dict:
    """JSON-LD NewsArticle plus OpenGraph and Twitter card tags for the article in context."""
    page, request = context["page"], context["request"]
    image = structured.share_image(page, request)
    data = structured.news_article(page, request, context.get("authors") or [], image)
    return {
        "page": page,
        "json_ld": structured.json_ld(data),
        "image": image,
        "canonical": data["mainEntityOfPage"],
        "published": data["datePublished"],
        "modified": data["dateModified"],
        "locale": {"ru": "ru_RU", "en": "en_GB"}.get(page.locale.language_code, ""),
    }


@register.simple_tag(takes_context=True)
def author_metadata(context, author) -> SafeString:
    """JSON-LD Person of an author's page (the author's `url` is the page being served)."""
    request = context["request"]
    author.url = request.path
    photo = author.photo.get_rendition(AUTHOR_PHOTO_RENDITION).url if author.photo else None
    data = structured.json_ld(structured.author_profile(author, request, photo))
    return format_html('<script type="application/ld+json">{}</script>', data)
