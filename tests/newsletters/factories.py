"""Small builders for newsletter tests (the demo supplies the articles)."""

import itertools

from bigasia.articles.models import ArticlePage
from bigasia.newsletters import tokens
from bigasia.newsletters.models import (
    Issue,
    IssueArticle,
    Newsletter,
    Subscriber,
    Subscription,
)


def newsletter(language: str = "ru", slug: str | None = None, name: str | None = None):
    return Newsletter.objects.create(
        name=name or ("Тестовая рассылка" if language == "ru" else "Test letter"),
        slug=slug or f"test-{language}",
        language=language,
    )


def issue(letter: Newsletter, subject: str = "Главное за день", stories: int = 2) -> Issue:
    made = Issue.objects.create(
        newsletter=letter, subject=subject, intro="Доброе утро.\n\nВот что важно."
    )
    pages = ArticlePage.objects.live().filter(locale__language_code=letter.language)
    for order, page in enumerate(pages.order_by("-first_published_at")[:stories]):
        IssueArticle.objects.create(issue=made, article=page, sort_order=order)
    return made


def subscriber(email: str, name: str = "", language: str = "ru", letters=(), confirmed=True):
    made = Subscriber.objects.create(
        email=email,
        name=name,
        language=language,
        status=Subscriber.Status.CONFIRMED if confirmed else Subscriber.Status.PENDING,
        token_nonce=tokens.new_nonce(),
    )
    for letter in letters:
        Subscription.objects.create(subscriber=made, newsletter=letter)
    return made


_reader_numbers = itertools.count(1)


def make_subscribers(letter: Newsletter, count: int, confirmed: bool = True) -> list[Subscriber]:
    """`count` readers of `letter`, each with an address of its own in the test session."""
    return [
        subscriber(f"reader{n}@example.org", f"Reader {n}", letters=[letter], confirmed=confirmed)
        for n in itertools.islice(_reader_numbers, count)
    ]


def form_data(letters, email="reader@example.org", **extra) -> dict:
    data = {
        "email": email,
        "name": "",
        "language": "ru",
        "newsletters": [str(letter.pk) for letter in letters],
        "consent": "on",
        "website": "",
    }
    data.update(extra)
    return data


def confirm_link(received) -> str:
    """The confirmation URL from a received mail's plain-text part, as a local path."""
    text = received.message.get_body(("plain",)).get_content()
    [url] = [line.strip() for line in text.splitlines() if "/newsletters/confirm/" in line]
    return url.replace("https://bigasia.test", "")
