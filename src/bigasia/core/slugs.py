"""Slugs transliterated from Russian in the scheme the bigasia.ru archive uses.

The archive's URLs read `kitayskiy-festival-dokumentalnykh-filmov`: й→y, х→kh, ц→ts, ж→zh,
щ→shch, ь and ъ dropped. Wagtail's admin JavaScript transliterates differently (й→j, х→h),
so pages run every slug through this function on save.
"""

import re

from anyascii import anyascii

_RUSSIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG_LENGTH = 255


def transliterate_slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Turn a title or a Cyrillic slug into a lowercase ASCII slug."""
    lowered = text.lower()
    latin = "".join(_RUSSIAN.get(char, char) for char in lowered)
    # Other scripts and accented letters (Kazakh, Vietnamese names…) get anyascii's reading.
    ascii_text = anyascii(latin).lower()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug
