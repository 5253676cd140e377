"""A local Postmark: its /email API as Postmark documents it (server-token header, JSON in
and out, ErrorCode answers), on a loopback port of its own, recording what it was sent."""

import json
import threading
import uuid

from tests.http_fake import LocalHTTPServer, QuietHandler

TOKEN = "postmark-test-server-token"


class PostmarkAPI(LocalHTTPServer):
    """Answers like api.postmarkapp.com; `inactive` addresses get its 406 refusal, and
    `fail_next` requests its 500."""

    def __init__(self) -> None:
        super().__init__(_Handler)
        self.sent: list[dict] = []
        self.tokens: list[str] = []
        self.inactive: set[str] = set()
        self.fail_next = 0
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return self.base_url + "/"

    def answer(self, token: str, message: dict) -> tuple[int, dict]:
        with self.lock:
            self.tokens.append(token)
            if token != TOKEN:
                return 401, {"ErrorCode": 10, "Message": "The Server Token you provided in "
                             "the X-Postmark-Server-Token request header was invalid."}  # fmt: skip
            if self.fail_next:
                self.fail_next -= 1
                return 500, {"ErrorCode": 500, "Message": "Internal server error."}
            if message["To"].lower() in self.inactive:
                return 422, {"ErrorCode": 406, "Message": (
                    "You tried to send to recipient(s) that have been marked as inactive.\n"
                    f"Found inactive addresses: {message['To'].lower()}.\n"
                    "Inactive recipients are ones that have generated a hard bounce, a spam "
                    "complaint, or a manual suppression. ")}  # fmt: skip
            self.sent.append(message)
            accepted = {"To": message["To"], "SubmittedAt": "2026-12-02T02:40:00Z"}
            return 200, {
                **accepted,
                "MessageID": str(uuid.uuid4()),
                "ErrorCode": 0,
                "Message": "OK",
            }


class _Handler(QuietHandler):
    server: PostmarkAPI

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path != "/email" or self.headers.get("Accept") != "application/json":
            status, reply = 404, {"ErrorCode": 404, "Message": f"No such endpoint {self.path}"}
        else:
            status, reply = self.server.answer(
                self.headers.get("X-Postmark-Server-Token", ""), json.loads(body)
            )
        data = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args) -> None:
        pass  # the test asserts on what was sent; the request log is noise
