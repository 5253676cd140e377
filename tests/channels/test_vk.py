"""The VK transport against a local VK API: the photo upload flow, wall.post with guid,
edits and deletes, and VK's errors inside HTTP 200."""

import pytest

from bigasia.channels.providers.base import PermanentFailure, Posted, RetryLater
from bigasia.channels.providers.vk import VkTransport

from .conftest import ARTICLE_URL, make_post
from .fake_apis import FakeVkApi, vk_error

pytestmark = pytest.mark.db_independent

USER_TOKEN = "vk1.a.user-token"
COMMUNITY_TOKEN = "vk1.a.community-token"
GROUP_ID = 2201234


@pytest.fixture
def vk_api():
    api = FakeVkApi(USER_TOKEN, COMMUNITY_TOKEN, GROUP_ID)
    yield api
    api.stop()


def transport(vk_api: FakeVkApi, token: str = USER_TOKEN) -> VkTransport:
    options = {"community_id": str(GROUP_ID), "api_url": f"{vk_api.base_url}/method/"}
    return VkTransport(options, token, 5)


def test_a_story_with_an_image_is_uploaded_then_posted_with_photo_and_link(vk_api, hero_jpeg):
    posted = transport(vk_api).publish(make_post(image=hero_jpeg))
    paths = [request.path.split("?")[0] for request in vk_api.received]
    assert paths == [
        "/method/photos.getWallUploadServer",
        "/upload",
        "/method/photos.saveWallPhoto",
        "/method/wall.post",
    ]
    assert vk_api.received[1].multipart()["photo"] == ("hero.jpg", hero_jpeg.read_bytes())
    wall_post = vk_api.received[3].fields()
    assert wall_post == {
        "owner_id": str(-GROUP_ID),
        "from_group": "1",
        "message": make_post().text,
        "attachments": f"photo-{GROUP_ID}_457239017,{ARTICLE_URL}",
        "guid": "article-42",
        "access_token": USER_TOKEN,
        "v": "5.199",
    }
    assert posted == Posted(
        remote_id=f"1/photo-{GROUP_ID}_457239017", link=f"https://vk.com/wall-{GROUP_ID}_1"
    )


def test_a_story_without_an_image_attaches_the_link_only(vk_api):
    posted = transport(vk_api).publish(make_post())
    assert [request.path for request in vk_api.received] == ["/method/wall.post"]
    assert vk_api.posts[1]["attachments"] == ARTICLE_URL
    assert posted.remote_id == "1"


def test_a_file_vk_refuses_leaves_the_post_with_its_link(vk_api, tmp_path):
    not_a_photo = tmp_path / "hero.jpg"
    from PIL import Image

    Image.new("RGB", (40, 40)).save(not_a_photo, "GIF")  # readable, yet not JPEG/PNG to VK
    transport(vk_api).publish(make_post(image=not_a_photo))
    assert vk_api.posts[1]["attachments"] == ARTICLE_URL


def test_an_image_over_50_mb_is_not_uploaded(vk_api, tmp_path):
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as file:
        file.truncate(50 * 1024 * 1024 + 1)
    transport(vk_api).publish(make_post(image=huge))
    assert [request.path for request in vk_api.received] == ["/method/wall.post"]


def test_a_repeat_after_a_lost_answer_is_the_same_post(vk_api):
    channel = transport(vk_api)
    first, again = channel.publish(make_post()), channel.publish(make_post())
    assert first == again and len(vk_api.posts) == 1


def test_an_update_edits_the_post_keeping_its_photo(vk_api, hero_jpeg):
    channel = transport(vk_api)
    posted = channel.publish(make_post(image=hero_jpeg))
    assert channel.update(make_post(text="Уточнение " + ARTICLE_URL), posted) == posted
    assert vk_api.received[-1].path == "/method/wall.edit"
    assert vk_api.posts[1] == {
        "message": "Уточнение " + ARTICLE_URL,
        "attachments": f"photo-{GROUP_ID}_457239017,{ARTICLE_URL}",
        "guid": "article-42",
    }


def test_withdraw_deletes_the_post(vk_api):
    channel = transport(vk_api)
    posted = channel.publish(make_post())
    channel.withdraw(make_post(), posted)
    assert vk_api.received[-1].fields()["post_id"] == "1" and vk_api.posts == {}


def test_too_many_requests_inside_a_200_is_retried(vk_api):
    vk_api.failures.append(vk_error(6, "Too many requests per second"))
    with pytest.raises(RetryLater, match="Too many requests per second"):
        transport(vk_api).publish(make_post())


def test_a_revoked_token_is_a_permanent_failure(vk_api):
    with pytest.raises(PermanentFailure, match="get a new user token"):
        transport(vk_api, token="vk1.a.revoked").publish(make_post())


def test_a_community_token_is_told_how_to_get_a_user_token(vk_api):
    with pytest.raises(PermanentFailure, match="user token of one of its administrators"):
        transport(vk_api, token=COMMUNITY_TOKEN).publish(make_post())


def test_access_denied_is_told_the_same(vk_api):
    vk_api.failures.append(vk_error(15, "Access denied: no access to call this method"))
    with pytest.raises(PermanentFailure, match="wall right"):
        transport(vk_api).publish(make_post())


def test_a_closed_wall_says_who_may_post(vk_api):
    vk_api.failures.append(vk_error(214, "Access to adding post denied"))
    with pytest.raises(PermanentFailure, match="administrator or editor"):
        transport(vk_api).publish(make_post())


def test_an_error_without_a_known_code_carries_vks_words(vk_api):
    channel = transport(vk_api)
    with pytest.raises(PermanentFailure, match="post_id"):
        channel.update(make_post(), Posted(remote_id="99"))


def test_a_vk_fault_outside_the_json_is_retried(vk_api):
    vk_api.failures.append((503, b"Service Unavailable", {"Content-Type": "text/plain"}))
    with pytest.raises(RetryLater):
        transport(vk_api).publish(make_post())


def test_a_missing_community_id_is_named(vk_api):
    with pytest.raises(PermanentFailure, match="community id"):
        VkTransport({"api_url": vk_api.base_url}, USER_TOKEN, 5).publish(make_post())
