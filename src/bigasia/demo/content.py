"""The shape of demo content: plain data, so stories read like text and load the same way."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str
    role: str = ""


Block = Paragraph | Quote


@dataclass(frozen=True)
class Text:
    """One language's version of a story."""

    title: str
    lead: str
    body: list[Block]
    tags: list[str] = field(default_factory=list)
    hero_caption: str = ""


@dataclass(frozen=True)
class Story:
    key: str  # stable identifier, so re-running the demo updates instead of duplicating
    section: str  # one of SECTIONS' keys
    published: str  # Moscow time, "YYYY-MM-DD HH:MM"
    countries: list[str]  # COUNTRIES' keys
    ru: Text
    en: Text
    source: str | None = None  # SOURCES' key
    authors: list[str] = field(default_factory=list)  # AUTHORS' keys


# key: (Russian name, English name)
SECTIONS = {
    "politics": ("Политика", "Politics"),
    "economics": ("Экономика", "Economy"),
    "society": ("Общество", "Society"),
    "culture": ("Культура", "Culture"),
    "security": ("Безопасность", "Security"),
}

# key (also the URL slug): (Russian name, English name)
COUNTRIES = {
    "kazakhstan": ("Казахстан", "Kazakhstan"),
    "china": ("Китай", "China"),
    "india": ("Индия", "India"),
    "japan": ("Япония", "Japan"),
    "south-korea": ("Республика Корея", "South Korea"),
    "vietnam": ("Вьетнам", "Vietnam"),
    "uzbekistan": ("Узбекистан", "Uzbekistan"),
    "mongolia": ("Монголия", "Mongolia"),
    "indonesia": ("Индонезия", "Indonesia"),
    "kyrgyzstan": ("Киргизия", "Kyrgyzstan"),
    "russia": ("Россия", "Russia"),
}

# key: (Russian name, English name)
SOURCES = {
    "tass": ("ТАСС", "TASS"),
    "ria": ("РИА Новости", "RIA Novosti"),
    "interfax": ("Интерфакс", "Interfax"),
    "bigasia-tv": ("Телеканал «Большая Азия»", "Big Asia TV"),
}

# key: (Russian name, Russian outlet, English name, English outlet); invented people.
AUTHORS = {
    "sokolova": ("Анна Соколова", "«Большая Азия»", "Anna Sokolova", "Big Asia"),
    "akhmetov": ("Тимур Ахметов", "телеканал «Большая Азия»", "Timur Akhmetov", "Big Asia TV"),
    "kim": ("Мария Ким", "«Большая Азия»", "Maria Kim", "Big Asia"),
    "belov": ("Олег Белов", "телеканал «Большая Азия»", "Oleg Belov", "Big Asia TV"),
}

# key (as in AUTHORS): (Russian biography, English biography), for the authors' pages
AUTHOR_BIOS = {
    "sokolova": (
        "Обозреватель «Большой Азии» по Китаю и Монголии. Пишет об экономике и торговле "
        "в\u00a0Восточной Азии.",
        "Big Asia's correspondent for China and Mongolia, writing on the economy and trade of "
        "East Asia.",
    ),
    "akhmetov": (
        "Корреспондент телеканала «Большая Азия» в\u00a0Центральной Азии, ведёт репортажи "
        "из\u00a0Казахстана, Узбекистана и\u00a0Киргизии.",
        "Big Asia TV's correspondent in Central Asia, reporting from Kazakhstan, Uzbekistan "
        "and Kyrgyzstan.",
    ),
    "kim": (
        "Пишет о\u00a0Корее и\u00a0Японии: общество, культура и\u00a0технологии.",
        "Writes on Korea and Japan: society, culture and technology.",
    ),
    "belov": (
        "Ведущий телеканала «Большая Азия», специализируется на\u00a0безопасности "
        "и\u00a0политике региона.",
        "A Big Asia TV presenter covering the region's security and politics.",
    ),
}
