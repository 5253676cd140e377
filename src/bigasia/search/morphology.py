"""Words, stems and the one rule Snowball lacks: country names and their adjectives.

Both search modes share this module so they answer alike. PostgreSQL stems with its own
Snowball dictionaries (`russian`, `english`); SQLite gets stems from `snowballstemmer`, the
same algorithms, chosen per word by its script: Cyrillic words by the Russian stemmer, Latin
words by the English one (what PostgreSQL's `russian` configuration does too).

Snowball cuts "Казахстан" to `казахста` but "казахстанский" to `казахстанск`, and "Китай" to
`кита` but "Китая" to `кит`: a reader expects each set to find the others. So a word that
starts with one of a country's prefixes below also yields the country's canonical keyword;
documents store those keywords beside their text and queries search for them as an
alternative. The table is short on purpose: country names are what readers of an Asia desk
search for, and a prefix rule per country is reviewable at a glance.
"""

import re
from functools import cache, lru_cache

import snowballstemmer

# Letters and digits; underscores and punctuation separate words, as in FTS5's tokenizer.
WORD = re.compile(r"[^\W_]+")
CYRILLIC = re.compile(r"[а-яё]")
MIN_WORD_LENGTH = 2

# canonical keyword -> prefixes of the name's case forms and of its adjectives.
COUNTRY_PREFIXES: dict[str, tuple[str, ...]] = {
    "казахстан": ("казахстан", "казахск", "казах"),
    "китай": ("китай", "китая", "китаю", "китае", "китаем", "китайск"),
    "узбекистан": ("узбекистан", "узбекск", "узбек"),
    "киргизия": ("киргиз", "кыргыз"),
    "таджикистан": ("таджик",),
    "туркменистан": ("туркмен",),
    "монголия": ("монгол",),
    "япония": ("япони", "японск", "японц"),
    "корея": ("корея", "корее", "корею", "кореи", "корейск", "корейц"),
    "индия": ("индия", "индии", "индию", "индией", "индийск", "индийц"),
    "вьетнам": ("вьетнам",),
    "иран": ("иран",),
    "турция": ("турци", "турецк"),
    "пакистан": ("пакистан",),
    "индонезия": ("индонези",),
    "таиланд": ("таиланд", "тайск"),
    "россия": ("росси", "российск"),
    "kazakhstan": ("kazakh",),
    "china": ("china", "chinese"),
    "uzbekistan": ("uzbek",),
    "kyrgyzstan": ("kyrgyz", "kirghiz"),
    "tajikistan": ("tajik",),
    "turkmenistan": ("turkmen",),
    "mongolia": ("mongol",),
    "japan": ("japan",),
    "korea": ("korea",),
    "india": ("india",),
    "vietnam": ("vietnam",),
    "iran": ("iran",),
    "turkey": ("turkey", "turkish", "turkiye"),
    "pakistan": ("pakistan",),
    "indonesia": ("indonesia",),
    "thailand": ("thailand", "thai"),
    "russia": ("russia",),
}
_PREFIX_TO_KEYWORD = sorted(
    ((prefix, keyword) for keyword, prefixes in COUNTRY_PREFIXES.items() for prefix in prefixes),
    key=lambda pair: -len(pair[0]),
)

# Words too common to narrow a search; PostgreSQL drops its own stop words, SQLite needs these.
STOP_WORDS = frozenset(
    "и в во на с со к ко о об от до по за из у не ни а но что как это же ли бы для при "
    "the a an and or of in on at to for by with from is are was were be as it its this that".split()
)

_STEMMERS = {
    "russian": snowballstemmer.stemmer("russian"),
    "english": snowballstemmer.stemmer("english"),
}


def words(text: str) -> list[str]:
    """Lower-cased words of a text, ё folded into е (Russian writers use both)."""
    return WORD.findall(text.lower().replace("ё", "е"))


@cache
def stem(word: str) -> str:
    stemmer = _STEMMERS["russian" if CYRILLIC.search(word) else "english"]
    return stemmer.stemWord(word)


# Bounded: called for every word of every imported story (archive/taxonomy.py), where a
# vocabulary of tens of thousands of words repeats; each miss scans every prefix.
@lru_cache(maxsize=1 << 16)
def country_keyword(word: str) -> str | None:
    """The canonical country keyword a word names or qualifies: казахстанский -> казахстан."""
    for prefix, keyword in _PREFIX_TO_KEYWORD:
        if word.startswith(prefix):
            return keyword
    return None


def country_keywords(text: str) -> list[str]:
    """Every distinct country keyword named in a text, in order of first mention."""
    found = dict.fromkeys(k for w in words(text) if (k := country_keyword(w)) is not None)
    return list(found)


def stemmed(text: str) -> str:
    """The text as space-separated stems: what SQLite's FTS5 table indexes."""
    return " ".join(stem(w) for w in words(text))


def query_groups(text: str, max_words: int) -> list[tuple[str, ...]]:
    """A query as groups of alternatives, all groups required: each usable word with its
    country keyword. Single letters and stop words are dropped."""
    groups: list[tuple[str, ...]] = []
    for word in words(text):
        if len(word) < MIN_WORD_LENGTH or word in STOP_WORDS:
            continue
        keyword = country_keyword(word)
        group = (word,) if keyword in (None, word) else (word, keyword)
        if group not in groups:
            groups.append(group)
    return groups[:max_words]
