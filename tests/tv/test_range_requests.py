"""The video is served with byte ranges so players can seek; bad ranges get 416, not 500."""

import pytest

from .helpers import uploaded_video

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(admin_client, tmp_path):
    video, content = uploaded_video(admin_client, tmp_path)
    return admin_client, video.get_file_url(), content


def _get(client, url, range_header=None, **headers):
    if range_header is not None:
        headers["HTTP_RANGE"] = range_header
    response = client.get(url, **headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


@pytest.mark.parametrize("spec, first, last", [
    ("bytes=0-0", 0, 0),                 # the first byte
    ("bytes=1000-1000", 1000, 1000),     # a middle byte
    ("bytes=-1", -1, -1),                # the last byte
    ("bytes=100-", 100, -1),             # open-ended
    ("bytes=-500", -500, -1),            # suffix
    ("bytes=10-99999999", 10, -1),       # past the end: clipped to the file
])  # fmt: skip
def test_it_answers_a_range_with_206(served, spec, first, last):
    client, url, content = served
    response, body = _get(client, url, spec)
    size = len(content)
    start, end = first % size, last % size
    assert response.status_code == 206
    assert body == content[start : end + 1]
    assert response["Content-Range"] == f"bytes {start}-{end}/{size}"
    assert response["Content-Length"] == str(end - start + 1)
    assert response["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize("spec", [
    "bytes=999999999-", "bytes=5-2", "bytes=-0", "bytes=-", "bytes=abc", "items=0-10",
    "bytes=0-1-2", "bytes= ", "bytes=١-٢",
])  # fmt: skip
def test_it_answers_a_bad_range_with_416(served, spec):
    client, url, content = served
    response, _ = _get(client, url, spec)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(content)}"


def test_it_serves_the_whole_file_with_validators(served):
    client, url, content = served
    response, body = _get(client, url)
    assert response.status_code == 200 and body == content
    assert response["Content-Length"] == str(len(content))
    assert response["Accept-Ranges"] == "bytes" and response["Content-Type"] == "video/mp4"
    assert response["ETag"] and response["Last-Modified"]
    again, _ = _get(client, url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_it_sends_the_whole_file_when_if_range_is_stale(served):
    client, url, content = served
    response, body = _get(client, url, "bytes=0-9", HTTP_IF_RANGE='"stale"')
    assert response.status_code == 200 and body == content


def test_it_answers_unknown_videos_and_files_with_404(served):
    client, url, _ = served
    assert client.get("/tv/video/999999/file.mp4").status_code == 404
    assert client.get(url.replace("file.mp4", "hls/..%2Fsecret.m3u8")).status_code == 404


NINES = "9" * 5000  # more digits than Python converts to an integer


@pytest.mark.parametrize("name", ["file.mp4", "hls/master.m3u8"])
def test_a_range_starting_thousands_of_digits_in_gets_416(served, name):
    client, url, _ = served
    response, _ = _get(client, url.replace("file.mp4", name), f"bytes={NINES}-")
    assert response.status_code == 416
    assert response["Content-Range"].startswith("bytes */")


def test_a_range_ending_thousands_of_digits_in_is_clipped_to_the_file(served):
    client, url, content = served
    response, body = _get(client, url, f"bytes=10-{NINES}")
    assert response.status_code == 206 and body == content[10:]
    response, body = _get(client, url, f"bytes=-{NINES}")
    assert response.status_code == 206 and body == content
