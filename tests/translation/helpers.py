"""Building articles for the desk's tests, and reading what readers would see."""

from bs4 import BeautifulSoup
from wagtail.images.models import Image
from wagtail.models import Locale

from bigasia.articles.models import ArticleAuthor, ArticleCountry, ArticlePage, SectionPage
from bigasia.articles.snippets import Author, Country, Source


def section(language: str, slug: str = "politics") -> SectionPage:
    return SectionPage.objects.get(locale__language_code=language, slug=slug)


def every_block_article(paragraphs: int = 3) -> ArticlePage:
    """A Russian article with every kind of text: each body block type, byline, SEO fields."""
    ru = Locale.objects.get(language_code="ru")
    image = Image.objects.first()
    body = [
        ("paragraph", f"<p>Абзац номер {n}: Токаев и <b>Мишустин</b> обсудили торговлю.</p>")
        for n in range(paragraphs)
    ]
    body += [
        (
            "quotation",
            {
                "text": "Мы договорились.",
                "speaker": "Олжас Бектенов",
                "role": "премьер-министр Казахстана",
            },
        ),
        ("image", {"image": image, "caption": "Вид на Астану", "credit": "Фото агентства"}),
        (
            "video",
            {
                "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "caption": "Видео встречи в Астане",
            },
        ),
    ]
    page = ArticlePage(
        title="Переговоры в Астане",
        lead="Стороны обсудили поставки зерна.",
        body=body,
        hero_image=image,
        hero_caption="Делегации в зале переговоров",
        hero_credit="Пресс-служба правительства",
        seo_title="Переговоры в Астане: итоги",
        search_description="Краткий итог переговоров о зерне",
        source=Source.objects.create(name="Новое агентство", locale=ru),
        locale=ru,
    )
    page.article_authors.add(
        ArticleAuthor(
            author=Author.objects.create(name="Иван Петров", outlet="Большая Азия", locale=ru)
        )
    )
    page.article_countries.add(
        ArticleCountry(country=Country.objects.get(locale=ru, slug="kazakhstan"))
    )
    section("ru").add_child(instance=page)
    page.tags.add("зерно")
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def reader_text(html: bytes) -> str:
    """Everything a reader sees of the article's own content (marked data-content)."""
    soup = BeautifulSoup(html, "html.parser")
    parts = [node.get_text(" ") for node in soup.select("[data-content]")]
    parts += [img.get("alt", "") for img in soup.select(".story img")]
    return " ".join(parts)
