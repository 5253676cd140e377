"""The two machine translation services the desk speaks: LibreTranslate and DeepL."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from .machine import MachineTranslator, TranslatorError


class LibreTranslate(MachineTranslator):
    """A LibreTranslate-compatible API (self-hosted): POST /translate with `q` as a list."""

    display_name = "LibreTranslate"

    def __init__(self, config: dict | None = None) -> None:
        super().__init__(config)
        if not self.config["LIBRETRANSLATE_URL"]:
            raise ImproperlyConfigured(
                "MT_BACKEND is LibreTranslate but MT_LIBRETRANSLATE_URL is empty."
            )
        self.url = self.config["LIBRETRANSLATE_URL"].rstrip("/") + "/translate"

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        payload = {"q": texts, "source": source, "target": target, "format": "html"}
        if self.config["LIBRETRANSLATE_API_KEY"]:
            payload["api_key"] = self.config["LIBRETRANSLATE_API_KEY"]
        answer = self.post(self.url, json=payload)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, list) or not all(isinstance(t, str) for t in translated):
            raise TranslatorError(_("LibreTranslate answered without a list of translations."))
        return translated


class DeepL(MachineTranslator):
    """DeepL's /v2/translate; free keys (ending ':fx') go to the free API host by default."""

    display_name = "DeepL"
    TARGETS = {"en": "EN-GB", "pt": "PT-PT"}  # DeepL wants a variant for these targets

    def __init__(self, config: dict | None = None) -> None:
        super().__init__(config)
        key = self.config["DEEPL_AUTH_KEY"]
        if not key:
            raise ImproperlyConfigured("MT_BACKEND is DeepL but MT_DEEPL_AUTH_KEY is empty.")
        default_host = (
            "https://api-free.deepl.com" if key.endswith(":fx") else "https://api.deepl.com"
        )
        self.url = (self.config["DEEPL_URL"] or default_host).rstrip("/") + "/v2/translate"
        self.headers = {"Authorization": f"DeepL-Auth-Key {key}"}

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        payload = {
            "text": texts,
            "source_lang": source.upper(),
            "target_lang": self.TARGETS.get(target, target.upper()),
            "tag_handling": "html",
        }
        answer = self.post(self.url, json=payload, headers=self.headers)
        items = answer.get("translations") if isinstance(answer, dict) else None
        if not isinstance(items, list):
            raise TranslatorError(_("DeepL answered without a list of translations."))
        return [str(item.get("text", "")) for item in items]
