"""Every interface string exists in both languages: the catalogues have no gaps."""

import re
from pathlib import Path

import polib
import pytest

# Neither the database nor the cache: the scale-out pass leaves these out.
pytestmark = pytest.mark.db_independent

LOCALE_DIR = Path(__file__).resolve().parents[2] / "src" / "bigasia" / "locale"


@pytest.mark.parametrize("language", ["ru", "en"])
def test_it_has_a_translation_for_every_message(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert catalogue.fuzzy_entries() == []
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert untranslated == []


def test_it_declares_russian_plural_rules():
    catalogue = polib.pofile(str(LOCALE_DIR / "ru" / "LC_MESSAGES" / "django.po"))
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=3;")


def _russian_messages() -> list[str]:
    catalogue = polib.pofile(str(LOCALE_DIR / "ru" / "LC_MESSAGES" / "django.po"))
    messages = []
    for entry in catalogue.translated_entries():
        messages += [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
    # Markup and placeholders are not prose: <a href="…"> keeps its ASCII quotes.
    return [re.sub(r"<[^>]*>|%\([a-z_]+\)s", "", message) for message in messages]


def test_it_uses_russian_quotation_marks_in_russian_text():
    assert [m for m in _russian_messages() if '"' in m or "„" in m or "“" in m] == []


def test_it_keeps_a_russian_dash_on_the_line_of_the_word_before_it():
    # «Большая Азия»\u00a0— новости: a dash never starts a line in Russian typesetting.
    assert [m for m in _russian_messages() if re.search(r"(^| )—", m)] == []
