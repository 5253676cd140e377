""" "Send now" asks first, naming how many subscribers will get the issue (Russian plurals);
a POST without the confirmation sends nothing."""

import pytest
from wagtail.users.models import UserProfile

from bigasia.newsletters.models import Issue

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, editor, smtp):
    client.force_login(editor)
    letter = factories.newsletter("ru", "d-ru")
    return client, factories.issue(letter, subject="Главное за день")


def _subscribers(issue: Issue, confirmed: int) -> None:
    for number in range(confirmed):
        factories.subscriber(f"reader{number}@example.org", letters=[issue.newsletter])
    factories.subscriber("pending@example.org", letters=[issue.newsletter], confirmed=False)


def _send_url(issue: Issue) -> str:
    return f"/admin/newsletters/issues/{issue.pk}/send/"


@pytest.mark.parametrize(
    "confirmed, phrase",
    [
        (1, "сейчас получит 1\u00a0подписчик."),
        (3, "сейчас получат 3\u00a0подписчика."),
        (5, "сейчас получат 5\u00a0подписчиков."),
        (21, "сейчас получит 21\u00a0подписчик."),
    ],
)
def test_it_asks_before_sending_with_the_number_of_recipients(desk, confirmed, phrase):
    client, issue = desk
    _subscribers(issue, confirmed)
    page = client.get(_send_url(issue))
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Выпуск «Главное за день» {phrase}" in html
    assert 'name="confirmed" value="yes"' in html
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.DRAFT
    assert not issue.deliveries.exists()


def test_it_asks_in_english_for_an_english_speaking_editor(desk, editor):
    client, issue = desk
    _subscribers(issue, 2)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    html = client.get(_send_url(issue)).content.decode()
    assert "“Главное за день” will be sent now to 2 subscribers." in html


def test_it_sends_nothing_on_a_post_without_the_confirmation(desk):
    client, issue = desk
    _subscribers(issue, 2)
    response = client.post(_send_url(issue))
    assert response.status_code == 200, "the question again, not a send"
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.DRAFT
    assert not issue.deliveries.exists()


def test_it_sends_to_the_counted_subscribers_once_confirmed(desk):
    client, issue = desk
    _subscribers(issue, 2)
    response = client.post(_send_url(issue), {"confirmed": "yes"})
    assert response.status_code == 302
    assert issue.deliveries.count() == 2
    assert Issue.objects.get(pk=issue.pk).status != Issue.Status.DRAFT


def test_it_links_the_composers_button_to_the_question(desk):
    client, issue = desk
    html = client.get(f"/admin/snippets/newsletters/issue/edit/{issue.pk}/").content.decode()
    assert f'<a class="button" href="{_send_url(issue)}">Отправить сейчас</a>' in html
