"""Demo newsletters for `bigasia demo` (idempotent): a daily digest, a weekly review and
exclusives, each in Russian and English."""

from bigasia.newsletters.models import Newsletter

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
