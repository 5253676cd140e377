"""Glossary terms around machine translation: protected before, enforced after.

Before translation every occurrence of a source term (with Russian case endings: Мишустина,
Мишустину…) becomes a placeholder element holding the target term, `<span translate="no"
data-g="3">Mishustin</span>`, which DeepL and LibreTranslate pass through in HTML mode.
After translation each placeholder becomes its target term whatever the service did to its
inside, and any source term the service still let through is replaced (enforced).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .models import GlossaryTerm

RUSSIAN_ENDING = "[а-яё]{0,3}"
VOWEL_ENDINGS = "аяоеьйыи"
PLACEHOLDER = re.compile(r'<span translate="no" data-g="(\d+)">.*?</span>', re.S)


@dataclass(frozen=True)
class Term:
    source: str
    target: str
    pattern: re.Pattern


def _pattern(term: str, language: str) -> re.Pattern:
    if language == "ru":
        # Declined forms: a consonant stem takes endings (Мишустин-а); a vowel ending is
        # replaced by one (Москв-ы).
        stem = term[:-1] if term[-1].lower() in VOWEL_ENDINGS and len(term) > 3 else term
        body = re.escape(stem) + RUSSIAN_ENDING
    else:
        body = re.escape(term) + "(?:'s)?"
    return re.compile(rf"(?<![\w-]){body}(?![\w-])")


class Glossary:
    """The glossary for one direction (e.g. ru → en), longest terms first."""

    def __init__(self, terms: list[tuple[str, str]], source: str) -> None:
        ordered = sorted(terms, key=lambda pair: len(pair[0]), reverse=True)
        self.terms = [Term(s, t, _pattern(s, source)) for s, t in ordered if s and t]

    @classmethod
    def load(cls, source: str, target: str) -> Glossary:
        rows = GlossaryTerm.objects.all()
        return cls([(row.term(source), row.term(target)) for row in rows], source)

    def protect(self, text: str) -> str:
        for number, term in enumerate(self.terms):
            placeholder = f'<span translate="no" data-g="{number}">{term.target}</span>'
            text = term.pattern.sub(_always(placeholder), text)
        return text

    def restore(self, text: str) -> str:
        text = PLACEHOLDER.sub(lambda m: self.terms[int(m.group(1))].target, text)
        return self.enforce(text)

    def enforce(self, text: str) -> str:
        """Replace any source term still present with its target term."""
        for term in self.terms:
            text = term.pattern.sub(_always(term.target), text)
        return text


def _always(replacement: str) -> Callable[[re.Match[str]], str]:
    """A re.sub replacement that inserts the text as it is (no backslash escapes)."""
    return lambda _match: replacement
