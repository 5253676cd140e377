"""Local servers speaking the purge APIs of Cloudflare, Fastly and a Varnish with vmod xkey,
in their documented request and answer formats, with the failures a test may script."""

import json
import threading
from collections import deque

from tests.http_fake import LocalHTTPServer, QuietHandler

CLOUDFLARE_ZONE = "023e105f4ecef8ad9ca31a8372d0c353"  # zone ids are 32 hex digits
CLOUDFLARE_TOKEN = "cf-api-token-with-cache-purge"
FASTLY_SERVICE = "SU1Z0isxPaozGVKXdv0eY"
FASTLY_KEY = "fastly-api-token-purge-select"


class FakeAPI(LocalHTTPServer):
    """`calls` holds (what was asked, HTTP status answered); `failures` the next answers to
    give instead of the real one: an HTTP status ("503"), or "hang" (no answer at all)."""

    def __init__(self, handler_class: type["ScriptedHandler"]) -> None:
        super().__init__(handler_class)
        self.calls: list[tuple[list[str], int]] = []
        self.failures: deque[str] = deque()
        self.released = threading.Event()  # ends every hanging answer when the test is over

    def purged(self) -> list[str]:
        """Every tag of every call the server answered with success, in order."""
        return [tag for tags, status in self.calls if status == 200 for tag in tags]

    def stop(self) -> None:
        self.released.set()
        super().stop()


class ScriptedHandler(QuietHandler):
    server: FakeAPI
    failure_type = "application/json"

    def answer(self, status: int, body: bytes, content_type: str = "application/json",
               headers: dict[str, str] | None = None) -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def act_out_failure(self, tags: list[str]) -> bool:
        """Give the next scripted failure instead of the answer; True when there was one."""
        if not self.server.failures:
            return False
        failure = self.server.failures.popleft()
        if failure == "hang":
            self.server.calls.append((tags, 0))
            self.server.released.wait(30)
            return True
        status = int(failure)
        self.server.calls.append((tags, status))
        headers = {"Retry-After": "120"} if status == 429 else {}
        self.answer(status, self.failure_body(status), self.failure_type, headers)
        return True

    def failure_body(self, status: int) -> bytes:
        raise NotImplementedError

    def request_body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))


def cloudflare_answer(success: bool, errors: list[tuple[int, str]] = (), result=None) -> bytes:
    return json.dumps({
        "success": success,
        "errors": [{"code": code, "message": message} for code, message in errors],
        "messages": [],
        "result": result,
    }).encode()  # fmt: skip


def cloudflare_error(code: int, message: str) -> bytes:
    return cloudflare_answer(False, [(code, message)])


def fastly_error(message: str, detail: str = "") -> bytes:
    return json.dumps({"msg": message, **({"detail": detail} if detail else {})}).encode()


class CloudflareAPI(ScriptedHandler):
    """POST /client/v4/zones/{zone}/purge_cache {"tags": [...]}, Bearer token, up to 30 tags
    of up to 1024 characters each."""

    def do_POST(self) -> None:
        body = self.request_body()
        if self.path != f"/client/v4/zones/{CLOUDFLARE_ZONE}/purge_cache":
            self.answer(404, cloudflare_error(7003, "Could not route to " + self.path))
            return
        try:
            tags = json.loads(body)["tags"]
        except (ValueError, KeyError):
            self.answer(400, cloudflare_error(1012, "Request must contain one of 'tags', …"))
            return
        if self.act_out_failure(tags):
            return
        if self.headers.get("Authorization") != f"Bearer {CLOUDFLARE_TOKEN}":
            self.server.calls.append((tags, 401))
            self.answer(401, cloudflare_error(10000, "Authentication error"))
            return
        if not 1 <= len(tags) <= 30 or any(len(tag) > 1024 for tag in tags):
            self.server.calls.append((tags, 400))
            self.answer(400, cloudflare_error(1017, "Too many tags or a tag too long"))
            return
        self.server.calls.append((tags, 200))
        self.answer(200, cloudflare_answer(True, result={"id": CLOUDFLARE_ZONE}))

    def failure_body(self, status: int) -> bytes:
        if status == 429:
            return cloudflare_error(971, "Please wait and consider throttling your request speed")
        return cloudflare_error(10001, "Service temporarily unavailable")


class FastlyAPI(ScriptedHandler):
    """POST /service/{id}/purge with `Surrogate-Key: k1 k2` (up to 256) and `Fastly-Key`;
    answers {key: purge id}."""

    def do_POST(self) -> None:
        self.request_body()
        tags = (self.headers.get("Surrogate-Key") or "").split()
        if self.path != f"/service/{FASTLY_SERVICE}/purge":
            self.answer(404, fastly_error("Record not found"))
            return
        if self.act_out_failure(tags):
            return
        if self.headers.get("Fastly-Key") != FASTLY_KEY:
            self.server.calls.append((tags, 401))
            self.answer(401, fastly_error("Provided credentials are missing or invalid"))
            return
        if not 1 <= len(tags) <= 256:
            self.server.calls.append((tags, 400))
            self.answer(400, fastly_error("Bad request", "Too many keys"))
            return
        self.server.calls.append((tags, 200))
        ids = {tag: f"{17400 + n}-1729000000-{n}" for n, tag in enumerate(tags)}
        self.answer(200, json.dumps(ids).encode())

    def failure_body(self, status: int) -> bytes:
        return fastly_error("Service Unavailable", "try again")


class VarnishXkey(ScriptedHandler):
    """The VCL of docs/edge.md: PURGE with `xkey-purge: t1 t2` → xkey.purge(), answered by a
    synthetic 200 page; anything else is not for this listener."""

    failure_type = "text/html; charset=utf-8"

    def do_PURGE(self) -> None:
        tags = (self.headers.get("xkey-purge") or "").split()
        if self.act_out_failure(tags):
            return
        if not tags:
            self.answer(400, b"<h1>400 No xkey-purge header</h1>", "text/html")
            return
        self.server.calls.append((tags, 200))
        page = f"<h1>200 Invalidated {len(tags)} objects</h1>".encode()
        self.answer(200, page, "text/html; charset=utf-8")

    def failure_body(self, status: int) -> bytes:
        return f"<h1>{status} Backend fetch failed</h1>".encode()
