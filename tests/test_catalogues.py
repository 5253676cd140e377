"""Every interface string exists in both languages: the catalogues have no gaps."""

from pathlib import Path

import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "bigasia" / "locale"


@pytest.mark.parametrize("language", ["ru", "en"])
def test_it_has_a_translation_for_every_message(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert catalogue.fuzzy_entries() == []
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert untranslated == []


def test_it_declares_russian_plural_rules():
    catalogue = polib.pofile(str(LOCALE_DIR / "ru" / "LC_MESSAGES" / "django.po"))
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=3;")
