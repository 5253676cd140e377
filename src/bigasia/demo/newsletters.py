"""Demo newsletters for `bigasia demo` (idempotent): a daily digest, a weekly review and
exclusives, each in Russian and English; demo subscribers and a sent issue per language."""

from django.conf import settings

from bigasia.articles.models import ArticlePage
from bigasia.newsletters.forms import CONSENT_TEXT, CONSENT_VERSION
from bigasia.newsletters.lifecycle import start_sending
from bigasia.newsletters.models import Issue, IssueArticle, Newsletter, Subscriber
from bigasia.newsletters.subscriptions import SubscribeRequest, confirm, request_subscription
from bigasia.newsletters.tokens import confirm_token

DEMO_NEWSLETTERS = [
    # slug, language, name, description, cadence, order
    ("daily-ru", "ru", "Ежедневный дайджест", "Главные новости Азии каждое утро.", "daily", 1),
    ("weekly-ru", "ru", "Еженедельный обзор", "Самое важное и интересное за неделю.", "weekly", 2),
    ("exclusives-ru", "ru", "Эксклюзивы", "Интервью и материалы только у нас.", "manual", 3),
    ("daily-en", "en", "Daily digest", "The main news from Asia every morning.", "daily", 1),
    ("weekly-en", "en", "Weekly", "The most important stories of the week.", "weekly", 2),
    ("exclusives-en", "en", "Exclusives", "Interviews and stories only we have.", "manual", 3),
]  # fmt: skip


def add_newsletters_demo() -> None:
    for slug, language, name, description, cadence, order in DEMO_NEWSLETTERS:
        Newsletter.objects.get_or_create(
            slug=slug,
            defaults={
                "language": language,
                "name": name,
                "description": description,
                "cadence": cadence,
                "sort_order": order,
            },
        )


# email (example.org: a domain that receives no mail), name, language, newsletter slugs
DEMO_SUBSCRIBERS = [
    ("irina.demo@example.org", "Ирина", "ru", ["daily-ru", "weekly-ru"]),
    ("pavel.demo@example.org", "Павел", "ru", ["daily-ru"]),
    ("gulnara.demo@example.org", "Гульнара", "ru", ["daily-ru", "exclusives-ru"]),
    ("james.demo@example.org", "James", "en", ["daily-en", "weekly-en"]),
    ("mei.demo@example.org", "Mei", "en", ["daily-en"]),
]
# newsletter slug: subject, introduction
DEMO_ISSUES = {
    "daily-ru": ("Главное за день: Азия", "Доброе утро! Собрали главные новости региона."),
    "daily-en": ("Asia today: the main stories", "Good morning! Here is the region's news."),
}
ISSUE_STORIES = 5
OUTBOX = "bigasia.newsletters.outbox.LocalOutboxBackend"


def send_newsletter_issues() -> int:
    """Subscribes the demo readers through the double opt-in (request, then the confirmation
    link's token) and sends one daily issue per language through the delivery engine. Only
    into the local outbox: with a real mail transport nothing is sent. Returns how many
    issues were sent by this run (an issue already there is not sent again)."""
    if settings.EMAIL_TRANSPORT != OUTBOX:
        return 0
    for email, name, language, slugs in DEMO_SUBSCRIBERS:
        _subscribe(email, name, language, list(Newsletter.objects.filter(slug__in=slugs)))
    sent = 0
    for slug, (subject, intro) in DEMO_ISSUES.items():
        newsletter = Newsletter.objects.get(slug=slug)
        if Issue.objects.filter(newsletter=newsletter, subject=subject).exists():
            continue
        issue = Issue.objects.create(newsletter=newsletter, subject=subject, intro=intro)
        newest = ArticlePage.objects.live().filter(locale__language_code=newsletter.language)
        for order, article in enumerate(newest.order_by("-first_published_at")[:ISSUE_STORIES]):
            IssueArticle.objects.create(issue=issue, article=article, sort_order=order)
        start_sending(issue)
        sent += 1
    return sent


def _subscribe(email: str, name: str, language: str, newsletters: list[Newsletter]) -> None:
    if Subscriber.objects.filter(email=email).exists():
        return
    request_subscription(
        SubscribeRequest(
            email=email,
            name=name,
            language=language,
            newsletters=newsletters,
            consent_text=str(CONSENT_TEXT),
            consent_version=CONSENT_VERSION,
            ip=None,
        )
    )
    subscriber = Subscriber.objects.get(email=email)
    confirm(confirm_token(subscriber.pk, subscriber.token_nonce, [n.pk for n in newsletters]))
