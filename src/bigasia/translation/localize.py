"""The desk's translator inside wagtail-localize's side-by-side editor ("Translate" button)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from .desk import machine_translate
from .machine import get_translator


class DeskMachineTranslator(BaseMachineTranslator):
    """Adapts the configured backend (with the glossary) to wagtail-localize's interface."""

    display_name: str | Promise = _("machine translator")

    def __init__(self, options: dict) -> None:
        super().__init__(options)
        self.backend = get_translator()
        if self.backend is not None:
            self.display_name = self.backend.display_name

    def can_translate(self, source_locale, target_locale) -> bool:
        return (
            self.backend is not None and source_locale.language_code != target_locale.language_code
        )

    def translate(self, source_locale, target_locale, strings) -> dict:
        assert self.backend is not None  # wagtail-localize asked can_translate() first
        strings = list(strings)
        answers = machine_translate(
            self.backend,
            [string.data for string in strings],
            source_locale.language_code,
            target_locale.language_code,
        )
        return {
            string: StringValue.from_translated_html(answer)
            for string, answer in zip(strings, answers, strict=True)
        }
