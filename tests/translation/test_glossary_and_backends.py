"""The glossary around machine translation, and the backends' wire formats and failures."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from bigasia.translation.desk import translate_page
from bigasia.translation.glossary import Glossary
from bigasia.translation.machine import TranslatorError, get_translator
from tests.translation.helpers import every_block_article

pytestmark = pytest.mark.django_db


def test_it_protects_declined_russian_terms_and_restores_the_english_ones():
    glossary = Glossary([("Мишустин", "Mishustin"), ("ЕАЭС", "EAEU")], "ru")
    protected = glossary.protect("По словам Мишустина, страны ЕАЭС")
    assert "Мишустин" not in protected and "ЕАЭС" not in protected
    # A translator that mangled the placeholders' inside still yields the glossary's term.
    mangled = protected.replace(">Mishustin<", ">Mishustina<")
    assert glossary.restore(mangled) == "По словам Mishustin, страны EAEU"


def test_it_enforces_terms_a_translator_let_through():
    glossary = Glossary([("Токаев", "Tokayev")], "ru")
    assert glossary.enforce("President Токаеву said") == "President Tokayev said"


def test_it_applies_the_seeded_glossary_to_a_story(libretranslate, english):
    source = every_block_article(paragraphs=1)
    source.lead = "Токаев, Мишустин и ТАСС: страны ЕАЭС договорились. Токаеву ответил Мишустин."
    source.save_revision().publish()
    page = translate_page(source, english).page
    assert page.lead == (
        "Tokayev, Mishustin and TASS: strany EAEU dogovorilis'. Tokayev otvetil Mishustin."
    )
    # Transliteration alone (what the fake service does) would have said these:
    assert not {"Tokaev", "EAES", "Tokaevu"} & set(page.lead.replace(",", " ").split())


def test_it_turns_an_unknown_backend_path_into_improperly_configured(settings):
    settings.MT_BACKEND = "bigasia.translation.backends.NoSuchService"
    with pytest.raises(ImproperlyConfigured) as caught:
        get_translator()
    assert isinstance(caught.value.__cause__, ImportError)


def test_it_is_off_by_default(settings):
    settings.MT_BACKEND = ""
    assert get_translator() is None


def test_it_retries_a_5xx_then_succeeds(libretranslate):
    libretranslate.fail_with, libretranslate.failures_left = 503, 1
    assert get_translator().translate(["Привет"], "ru", "en") == ["Privet"]
    assert libretranslate.calls == 2


def test_it_gives_up_on_a_5xx_after_the_configured_attempts(libretranslate):
    libretranslate.fail_with = 500
    with pytest.raises(TranslatorError, match="HTTP 500"):
        get_translator().translate(["Привет"], "ru", "en")
    assert libretranslate.calls == 3


def test_it_gives_up_when_the_service_is_too_slow(libretranslate, settings):
    settings.MT_SETTINGS = {**settings.MT_SETTINGS, "READ_TIMEOUT": 1, "MAX_ATTEMPTS": 2}
    libretranslate.delay = 1.5
    with pytest.raises(TranslatorError, match="did not answer in time"):
        get_translator().translate(["Привет"], "ru", "en")


def test_it_speaks_deepl_to_a_local_fake(settings, fake_service, seed_article, english):
    settings.MT_BACKEND = "deepl"
    settings.MT_SETTINGS = {
        **settings.MT_SETTINGS,
        "DEEPL_AUTH_KEY": "test-key:fx",
        "DEEPL_URL": fake_service.base_url,
    }
    page = translate_page(seed_article, english).page
    assert fake_service.requests[0]["target_lang"] == "EN-GB"
    assert fake_service.headers[0]["Authorization"] == "DeepL-Auth-Key test-key:fx"
    assert "Mishustin" in page.lead


def test_it_reports_a_deepl_refusal(settings, fake_service):
    settings.MT_BACKEND = "deepl"
    settings.MT_SETTINGS = {
        **settings.MT_SETTINGS,
        "DEEPL_AUTH_KEY": "wrong",
        "DEEPL_URL": fake_service.base_url,
    }
    with pytest.raises(TranslatorError, match="403"):
        get_translator().translate(["Привет"], "ru", "en")
    assert fake_service.calls == 1  # a refusal is not retried


def test_it_refuses_to_start_with_a_bad_backend_path(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bigasia.settings.test",
        "MT_BACKEND": "bigasia.translation.backends.Nope",
    }
    code = "import django; django.setup()"
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode != 0
    assert "ImproperlyConfigured: MT_BACKEND='bigasia.translation.backends.Nope'" in run.stderr
