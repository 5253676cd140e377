"""Editing an episode in the admin: a story without its start time is refused, never a 500."""

import pytest
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from bigasia.tv.models import EpisodePage

pytestmark = pytest.mark.django_db


def _edit_form_without_a_start(client, episode: EpisodePage):
    """The edit form as the browser posts it (the StreamField's inputs are written by its
    script, so they are filled here), with the second story's start left empty."""
    url = f"/admin/pages/{episode.pk}/edit/"
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data["stories-count"] = str(len(episode.stories))
    for index, story in enumerate(episode.stories):
        prefix = f"stories-{index}"
        data[f"{prefix}-type"], data[f"{prefix}-id"] = "story", story.id
        data[f"{prefix}-deleted"], data[f"{prefix}-order"] = "", str(index)
        data[f"{prefix}-value-title"] = story.value["title"]
        data[f"{prefix}-value-start"] = str(story.value["start"])
        data[f"{prefix}-value-text"] = rich_text(story.value["text"].source)
        data[f"{prefix}-value-quotations-count"] = "0"
        data[f"{prefix}-value-stills-count"] = "0"
    data["stories-1-value-start"] = ""
    return url, data


def _latest_revision_id(episode: EpisodePage) -> int:
    return EpisodePage.objects.get(pk=episode.pk).latest_revision_id


@pytest.fixture
def episode() -> EpisodePage:
    return EpisodePage.objects.get(locale__language_code="ru", number=829)


def test_saving_a_story_without_its_start_shows_a_validation_error(admin_client, episode):
    url, data = _edit_form_without_a_start(admin_client, episode)
    before = _latest_revision_id(episode)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Each story needs its start time" in response.content.decode()
    assert _latest_revision_id(episode) == before


def test_autosave_of_a_story_without_its_start_answers_a_validation_error(admin_client, episode):
    url, data = _edit_form_without_a_start(admin_client, episode)
    before = _latest_revision_id(episode)
    response = admin_client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"
    assert _latest_revision_id(episode) == before


def test_publishing_a_story_without_its_start_shows_a_validation_error(admin_client, episode):
    url, data = _edit_form_without_a_start(admin_client, episode)
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert EpisodePage.objects.get(pk=episode.pk).stories[1].value["start"] == 8
