"""The content of the synthetic WordPress archive of bench/archive_wxr.py: posts with
realistic bodies, their attachments and the image files, made one item at a time."""

import io
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from PIL import Image, PngImagePlugin

SITE = "https://old.example"
UPLOADS = f"{SITE}/wp-content/uploads"
AUTHORS = 200
TAGS = 2000
# news is the parent of the four others, as sections sit under a news index.
CATEGORIES = [
    ("news", "", "Новости"),
    ("politics", "news", "Политика"),
    ("economics", "news", "Экономика"),
    ("society", "news", "Общество"),
    ("culture", "news", "Культура"),
]
MOSCOW_OFFSET = timedelta(hours=3)
FIRST_DATE = datetime(2010, 1, 1, 9, 0)

RUSSIAN_WORDS = (
    "Казахстан Китай Россия Индия Монголия Узбекистан саммит соглашение министр президент "
    "торговля экспорт газ нефть граница переговоры делегация визит экономика инвестиции "
    "проект строительство железная дорога порт коридор безопасность культура фестиваль "
    "выставка университет студенты рост снижение рынок компания банк валюта сотрудничество "
    "развитие регион столица заявил подписали обсудили открыли запустили новый крупный"
).split()
ENGLISH_WORDS = (
    "Kazakhstan China Russia India Mongolia Uzbekistan summit agreement minister president "
    "trade export gas oil border talks delegation visit economy investment project railway "
    "port corridor security culture festival exhibition university students growth decline "
    "market company bank currency cooperation development region capital said signed "
    "discussed opened launched new major"
).split()
SPEAKERS = ("Касым-Жомарт Токаев", "Си Цзиньпин", "Нарендра Моди", "Shavkat Mirziyoyev")


@dataclass(frozen=True)
class Picture:
    """One image file of the media folder and its attachment item."""

    number: int
    attachment_id: int
    month: str  # YYYY/MM, the folder WordPress put it in

    @property
    def name(self) -> str:
        return f"photo-{self.number}.{'jpg' if self.number % 2 == 0 else 'png'}"

    @property
    def url(self) -> str:
        return f"{UPLOADS}/{self.month}/{self.name}"


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def header(rng: random.Random) -> str:
    parts = [
        f"<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>{cdata(f'author{n:03d}')}"
        f"</wp:author_login><wp:author_email>{cdata(f'author{n:03d}@old.example')}"
        f"</wp:author_email><wp:author_display_name>{cdata(f'Автор {n}')}"
        "</wp:author_display_name></wp:author>\n"
        for n in range(1, AUTHORS + 1)
    ]
    parts += [
        f"<wp:category><wp:term_id>{n}</wp:term_id><wp:category_nicename>{slug}"
        f"</wp:category_nicename><wp:category_parent>{parent}</wp:category_parent>"
        f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
        for n, (slug, parent, name) in enumerate(CATEGORIES, start=1)
    ]
    parts += [
        f"<wp:tag><wp:term_id>{100 + n}</wp:term_id><wp:tag_slug>tag-{n}</wp:tag_slug>"
        f"<wp:tag_name>{cdata(tag_name(n))}</wp:tag_name></wp:tag>\n"
        for n in range(TAGS)
    ]
    return "".join(parts)


def tag_name(number: int) -> str:
    words = RUSSIAN_WORDS if number % 2 == 0 else ENGLISH_WORDS
    return f"{words[number % len(words)]} {number}"


def sentence(rng: random.Random, words: list[str]) -> str:
    chosen = rng.choices(words, k=rng.randint(8, 18))
    return " ".join(chosen).capitalize() + "."


def paragraph(rng: random.Random, words: list[str]) -> str:
    return "<p>" + " ".join(sentence(rng, words) for _ in range(rng.randint(2, 5))) + "</p>"


def inline_image(rng: random.Random, picture: Picture, words: list[str]) -> str:
    caption = sentence(rng, words)
    img = (
        f'<img src="{picture.url}" alt="{caption[:40]}" class="wp-image-{picture.attachment_id}" />'
    )
    if rng.random() < 0.5:
        return (
            f'[caption id="attachment_{picture.attachment_id}" align="aligncenter" width="800"]'
            f"{img} {caption}[/caption]"
        )
    return f'<figure class="wp-block-image">{img}<figcaption>{caption}</figcaption></figure>'


def quote_block(rng: random.Random, words: list[str]) -> str:
    return (
        f"<blockquote><p>{sentence(rng, words)}</p><cite>{rng.choice(SPEAKERS)}</cite></blockquote>"
    )


def body(rng: random.Random, words: list[str], pictures: list[Picture]) -> str:
    blocks = [paragraph(rng, words) for _ in range(rng.randint(3, 10))]
    for _ in range(rng.randint(0, 3) if pictures else 0):
        blocks.insert(rng.randint(1, len(blocks)), inline_image(rng, rng.choice(pictures), words))
    if rng.random() < 0.3:
        blocks.insert(rng.randint(1, len(blocks)), quote_block(rng, words))
    return "\n".join(blocks)


def post_date(number: int, posts: int) -> datetime:
    """Local (Moscow) dates spread evenly from 2010 to about 2025, in id order."""
    return FIRST_DATE + timedelta(minutes=int(number * (15 * 365 * 24 * 60) / max(posts, 1)))


def picture_file(picture: Picture) -> bytes:
    """A small valid image whose bytes no other picture has (its number is written in)."""
    number = picture.number
    color = (number * 37 % 256, number * 91 % 256, number * 53 % 256)
    image = Image.new("RGB", (24 + number % 8, 16 + number % 5), color)
    buffer = io.BytesIO()
    if picture.name.endswith(".jpg"):
        image.save(buffer, "JPEG", quality=80, comment=f"bench picture {number}".encode())
    else:
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", f"bench picture {number}")
        image.save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def write_picture(media: Path, picture: Picture) -> None:
    folder = media / picture.month
    folder.mkdir(parents=True, exist_ok=True)
    (folder / picture.name).write_bytes(picture_file(picture))


def slug_for(rng: random.Random, number: int, russian: bool, words: list[str]) -> str:
    base = "-".join(rng.choices(words, k=3)).lower() + f"-{number}"
    if russian and number % 3 == 0:
        return quote(base, safe="-").lower()  # a Cyrillic slug, as WordPress stores it
    if russian:
        return f"novost-{number}"
    return base.replace(" ", "-")
