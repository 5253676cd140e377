"""The preference page: change choices or leave everything; an old link stops working."""

import pytest

from bigasia.newsletters.mail import render_issue
from bigasia.newsletters.models import Subscription

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_link(smtp):
    daily, weekly = factories.newsletter("ru", "d-ru"), factories.newsletter("ru", "w-ru")
    reader = factories.subscriber("anna@example.org", letters=[daily])
    body = render_issue(factories.issue(daily)).message_for(reader).body
    [url] = [line.split(": ", 1)[1] for line in body.splitlines() if "/preferences/" in line]
    return reader, daily, weekly, url.replace("https://bigasia.test", "")


def _active(reader) -> set[str]:
    rows = Subscription.objects.filter(subscriber=reader, active=True)
    return set(rows.values_list("newsletter__slug", flat=True))


def test_it_changes_choices(client, reader_link):
    reader, daily, weekly, path = reader_link
    page = client.get(path)
    assert page.status_code == 200 and "anna@example.org" in page.content.decode()
    answer = client.post(path, {"newsletters": [str(weekly.pk)], "language": "en", "save": "1"})
    assert answer.status_code == 302 and answer["Location"].endswith("?saved=1")
    assert _active(reader) == {"w-ru"}
    reader.refresh_from_db()
    assert reader.language == "en"
    assert "Ваш выбор сохранён." in client.get(answer["Location"]).content.decode()
    # The used link is spent; the fresh one it redirected to works.
    assert client.get(path).status_code == 400


def test_it_leaves_everything(client, reader_link):
    reader, daily, weekly, path = reader_link
    client.post(path, {"newsletters": [str(daily.pk)], "language": "ru", "leave": "1"})
    assert _active(reader) == set()


def test_it_refuses_a_forged_preferences_link(client, reader_link):
    _reader, _daily, _weekly, path = reader_link
    assert client.get(path[:-4] + "xyz/").status_code == 400
