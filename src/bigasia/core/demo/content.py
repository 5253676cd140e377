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
