from django import template

from bigasia.distribution import structured

register = template.Library()


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
