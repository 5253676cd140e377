import pytest
from django.utils import translation

from bigasia.core.templatetags.bigasia import views_label

# Neither the database nor the cache: the scale-out pass leaves these out.
pytestmark = pytest.mark.db_independent

RUSSIAN = {
    0: "0 просмотров",
    1: "1 просмотр",
    2: "2 просмотра",
    5: "5 просмотров",
    11: "11 просмотров",
    21: "21 просмотр",
    22: "22 просмотра",
    33: "33 просмотра",
    111: "111 просмотров",
}
ENGLISH = {0: "0 views", 1: "1 view", 2: "2 views", 5: "5 views", 11: "11 views",
           21: "21 views", 22: "22 views", 33: "33 views", 111: "111 views"}  # fmt: skip


@pytest.mark.parametrize(("count", "expected"), RUSSIAN.items())
def test_it_uses_russian_plural_forms(count, expected):
    with translation.override("ru"):
        assert views_label(count) == expected


@pytest.mark.parametrize(("count", "expected"), ENGLISH.items())
def test_it_uses_english_plural_forms(count, expected):
    with translation.override("en"):
        assert views_label(count) == expected
