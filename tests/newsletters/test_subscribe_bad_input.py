"""Bad input on the subscription form: clear errors in the reader's language, nothing lost."""

import pytest
from django.test import Client

from bigasia.newsletters.models import Subscriber

from . import factories

pytestmark = pytest.mark.django_db
PAGE = "/ru/newsletters/"


@pytest.mark.parametrize(
    "email",
    ["", "no-at-sign", "two@@example.org", "a@b@example.org", "spaces in@example.org",
     "x@-bad-.example", "user@example.org\r\nBcc: victim@example.org", "x" * 250 + "@example.org"],
)  # fmt: skip
def test_it_explains_an_invalid_address(client, smtp, email):
    daily = factories.newsletter("ru", "d-ru")
    answer = client.post(PAGE, factories.form_data([daily], email=email, name="Анна"))
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Введите" in page  # «Введите адрес…» / «Введите правильный адрес…»
    assert 'value="Анна"' in page  # what was typed stays
    assert not Subscriber.objects.exists()
    assert smtp.received == []


def test_it_refuses_a_non_latin_local_part_clearly(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    answer = client.post(PAGE, factories.form_data([daily], email="иван@пример.рф"))
    assert answer.status_code == 400
    assert "нелатинскими буквами до знака @" in answer.content.decode()


def test_it_stores_an_idn_domain_normalised_and_mails_it(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    answer = client.post(PAGE, factories.form_data([daily], email="  Ivan@Пример.РФ "))
    assert answer.status_code == 302
    reader = Subscriber.objects.get()
    assert reader.email == "ivan@xn--e1afmkfd.xn--p1ai"
    [mail] = smtp.received
    assert mail.rcpt_tos == ["ivan@xn--e1afmkfd.xn--p1ai"]
    assert mail.message["To"] == "ivan@xn--e1afmkfd.xn--p1ai"
    # The same person typing the Unicode form again is the same row.
    client.post(PAGE, factories.form_data([daily], email="ivan@пример.рф"))
    assert Subscriber.objects.count() == 1


def test_it_refuses_line_breaks_in_the_name(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    answer = client.post(PAGE, factories.form_data([daily], name="Анна\r\nBcc: victim@example.org"))
    assert answer.status_code == 400
    assert "Уберите из этого поля переводы строк" in answer.content.decode()
    assert smtp.received == []


def test_it_needs_consent_and_a_newsletter(client, smtp):
    data = factories.form_data([], consent="")
    page = client.post(PAGE, data).content.decode()
    assert "Выберите хотя бы одну рассылку." in page
    assert "Отметьте согласие" in page


def test_it_refuses_an_unknown_newsletter(client, smtp):
    data = factories.form_data([], newsletters=["999999", "junk"])
    answer = client.post(PAGE, data)
    assert answer.status_code == 400
    assert "Эта рассылка больше не предлагается" in answer.content.decode()


def test_it_answers_a_bot_as_a_person_but_does_nothing(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    answer = client.post(PAGE, factories.form_data([daily], website="http://spam.example"))
    assert answer.status_code == 302 and answer["Location"].endswith("/newsletters/requested/")
    assert not Subscriber.objects.exists() and smtp.received == []


def test_it_limits_attempts_per_client_address(client, smtp, settings):
    settings.NEWSLETTER_ATTEMPTS_PER_IP_HOUR = 2
    daily = factories.newsletter("ru", "d-ru")
    codes = [
        client.post(PAGE, factories.form_data([daily], email=f"r{n}@example.org"),
                    REMOTE_ADDR="198.51.100.9").status_code
        for n in range(4)
    ]  # fmt: skip
    assert codes == [302, 302, 429, 429]
    last = client.post(PAGE, factories.form_data([daily], email="r9@example.org"),
                       REMOTE_ADDR="198.51.100.9")  # fmt: skip
    assert "Слишком много попыток" in last.content.decode()
    assert 'value="r9@example.org"' in last.content.decode()
    other = client.post(PAGE, factories.form_data([daily], email="x@example.org"),
                        REMOTE_ADDR="198.51.100.10")  # fmt: skip
    assert other.status_code == 302


def test_it_requires_the_csrf_token(smtp):
    strict = Client(enforce_csrf_checks=True)
    daily = factories.newsletter("ru", "d-ru")
    assert strict.post(PAGE, factories.form_data([daily])).status_code == 403
    token = strict.get("/ru/newsletters/csrf/").json()["token"]
    answer = strict.post(PAGE, {**factories.form_data([daily]), "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
