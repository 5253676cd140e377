"""LOG_FORMAT=json writes one JSON object per line, and the request id a request carried
reaches the log lines of the task it enqueued, in the worker."""

import json
import os

from bigasia.ops.front import OpsFront

ENQUEUE_A_FAILING_POLL = """
from bigasia.core.logs import request_id
from bigasia.feeds.models import FeedSource
from bigasia.feeds.tasks import poll_feed
source = FeedSource.objects.create(name="refused", url="http://127.0.0.1:9/feed", language="ru")
request_id.set("req-from-nginx-0001")
poll_feed.enqueue(source.pk)
"""


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_a_task_logs_under_the_request_id_of_the_request_that_enqueued_it(ops_site):
    env = {
        "LOG_FORMAT": "json",
        "TASKS_BACKEND": "database",
        "FEEDS_ALLOWED_NETWORKS": "127.0.0.1/32",
    }
    ops_site.manage("shell", "--no-imports", "-c", ENQUEUE_A_FAILING_POLL, **env)
    worked = ops_site.manage("db_worker", "--batch", **env)
    lines = json_lines(worked.stderr)
    failed = [line for line in lines if line["logger"] == "bigasia.feeds.polling"]
    assert failed, worked.stderr
    assert failed[0]["request_id"] == "req-from-nginx-0001"
    assert "refused" in failed[0]["message"] or "127.0.0.1:9" in failed[0]["message"]


def test_a_multi_line_error_stays_one_json_line(ops_site):
    code = (
        "import logging\ntry:\n    1/0\nexcept ZeroDivisionError:\n"
        "    logging.getLogger('x').exception('first\\nsecond')"
    )
    result = ops_site.manage("shell", "--no-imports", "-c", code, LOG_FORMAT="json")
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    event = json.loads(lines[0])
    assert event["message"] == "first\nsecond" and "ZeroDivisionError" in event["exception"]


def test_every_request_gets_an_id_and_keeps_a_sane_one_from_nginx():
    seen = []

    def app(environ, start_response):
        start_response("200 OK", [])
        return [b""]

    def start_response(status, headers, exc_info=None):
        seen.append(dict(headers)["X-Request-ID"])

    front = OpsFront(app)
    front({"PATH_INFO": "/ru/", "HTTP_X_REQUEST_ID": "0123456789abcdef"}, start_response)
    front({"PATH_INFO": "/ru/", "HTTP_X_REQUEST_ID": "bad id\r\nX-Evil: 1"}, start_response)
    assert seen[0] == "0123456789abcdef"
    assert seen[1] != "bad id\r\nX-Evil: 1" and len(seen[1]) == 32


def test_request_ids_do_not_repeat_in_a_forked_child():
    from bigasia.ops.front import _new_request_id

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its first id, as a server's forked worker would draw it
        os.write(write, _new_request_id().encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child_id = os.read(read, 64).decode()
    ours = {_new_request_id() for _ in range(1000)}
    assert len(ours) == 1000 and all(len(i) == 32 for i in ours)
    assert child_id not in ours and child_id[:16] != next(iter(ours))[:16]
