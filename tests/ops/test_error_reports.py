"""Errors go to Sentry when SENTRY_DSN is set: a local HTTP receiver speaking Sentry's
envelope endpoint gets the event, with subscribers' addresses and IPs scrubbed."""

import gzip
import json

import pytest

from bigasia.ops.errors import SCRUBBED, scrub
from tests.http_fake import LocalHTTPServer, QuietHandler

FAILING_DELIVERY = """
import logging, sentry_sdk
log = logging.getLogger("bigasia.newsletters.delivery")
subscriber_email = "anna.reader@example.org"
client_ip = "203.0.113.77"
log.warning("sending to %s from %s", subscriber_email, client_ip)  # a breadcrumb
try:
    raise ConnectionError(f"550 rejected {subscriber_email} (client {client_ip}, 2001:db8::7)")
except ConnectionError:
    log.exception("delivery failed")
sentry_sdk.flush(timeout=10)
"""


class SentryReceiver:
    """Accepts POST /api/<project>/envelope/ and keeps the decoded items."""

    def __init__(self) -> None:
        self.items: list[dict] = []
        received = self.items

        class Handler(QuietHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                lines = body.split(b"\n")
                received.extend(json.loads(line) for line in lines[2::2] if line.strip())
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

        self.httpd = LocalHTTPServer(Handler).start()
        self.dsn = f"http://publickey@127.0.0.1:{self.httpd.server_port}/42"

    def close(self) -> None:
        self.httpd.stop()


@pytest.fixture
def receiver():
    server = SentryReceiver()
    yield server
    server.close()


def test_an_error_reaches_sentry_without_the_subscribers_address_or_ip(ops_site, receiver):
    ops_site.manage("shell", "--no-imports", "-c", FAILING_DELIVERY, SENTRY_DSN=receiver.dsn)
    events = [item for item in receiver.items if item.get("exception")]
    assert len(events) == 1, receiver.items
    sent = json.dumps(events[0])
    assert "550 rejected" in sent and SCRUBBED in sent  # the event itself arrived
    for personal in ("anna.reader@example.org", "203.0.113.77", "2001:db8::7"):
        assert personal not in sent


def test_nothing_is_sent_without_a_dsn(ops_site, receiver):
    ops_site.manage("shell", "--no-imports", "-c", FAILING_DELIVERY)
    assert receiver.items == []


def test_the_scrubber_keeps_what_only_looks_like_an_address():
    assert scrub({"message": "at 01:15:23, version 1.2.3, ratio 3:1"}) == {
        "message": "at 01:15:23, version 1.2.3, ratio 3:1"
    }
    assert scrub({"REMOTE_ADDR": "10.0.0.1", "email": "x"}) == {
        "REMOTE_ADDR": SCRUBBED, "email": SCRUBBED
    }  # fmt: skip
