import pytest

from bigasia.core.slugs import transliterate_slug

# Neither the database nor the cache: the scale-out pass leaves these out.
pytestmark = pytest.mark.db_independent


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Китайский фестиваль документальных фильмов", "kitayskiy-festival-dokumentalnykh-filmov"),
        ("Щедрая жатва в Цзянсу", "shchedraya-zhatva-v-tszyansu"),
        ("Подъём объёмов, 2023 год", "podem-obemov-2023-god"),
        ("Юг Хабаровского края", "yug-khabarovskogo-kraya"),
        ("Ёлка и чай", "elka-i-chay"),
        ("  ЕАЭС: «новый этап»!  ", "eaes-novyy-etap"),
        ("Almaty Digital Forum", "almaty-digital-forum"),
        ("Đà Nẵng và Huế", "da-nang-va-hue"),
    ],
)
def test_it_transliterates_in_the_seed_sites_scheme(title, slug):
    assert transliterate_slug(title) == slug


def test_it_cuts_long_slugs_at_a_word_boundary():
    slug = transliterate_slug("слово " * 100, max_length=20)
    assert slug == "slovo-slovo-slovo"
