"""A local Telegram Bot API server (core.telegram.org/bots/api): `POST /bot<token>/<method>`
with JSON, urlencoded or multipart parameters, answered with `{"ok": true, "result": …}` or
`{"ok": false, "error_code": …, "description": …, "parameters": {"retry_after": …}}`.

Tests queue faults (`fail_next`), make a method hang, or run a hook when a call arrives
before it is answered (the SIGKILL test kills the worker there)."""

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qsl

from tests.http_fake import LocalHTTPServer, QuietHandler

TOKEN = "123456:TEST-token"
CHANNEL = "bigasia_test"


@dataclass
class Call:
    method: str
    params: dict[str, str]


@dataclass
class BotApiState:
    token: str = TOKEN
    calls: list[Call] = field(default_factory=list)
    faults: list[tuple[int, str, int | None]] = field(default_factory=list)
    hang_seconds: float = 0.0
    on_call: Callable[[Call], None] | None = None
    messages: dict[int, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1001))

    def fail_next(self, code: int, description: str, retry_after: int | None = None) -> None:
        self.faults.append((code, description, retry_after))

    def posts(self) -> list[Call]:
        return [c for c in self.calls if c.method in ("sendMessage", "sendPhoto")]


def _params(handler: QuietHandler) -> dict[str, str]:
    body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
    kind = handler.headers.get("Content-Type", "")
    if kind.startswith("application/json"):
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in json.loads(body).items()}
    if kind.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {kind}\r\n\r\n".encode() + body
        )
        return {
            part.get_param("name", header="content-disposition"): (
                part.get_content()
                if part.get_filename() is None
                else f"<file {part.get_filename()}>"
            )
            for part in message.iter_parts()
        }
    return dict(parse_qsl(body.decode()))


def bot_api_server(state: BotApiState) -> LocalHTTPServer:
    class Handler(QuietHandler):
        def do_POST(self) -> None:
            prefix, _slash, method = self.path.lstrip("/").partition("/")
            call = Call(method, _params(self))
            with state.lock:
                state.calls.append(call)
            if state.on_call:
                state.on_call(call)
            if state.hang_seconds:
                time.sleep(state.hang_seconds)  # the API hanging: the client's deadline acts
            if prefix != f"bot{state.token}":
                return self._answer(401, {"ok": False, "error_code": 401,
                                          "description": "Unauthorized"})  # fmt: skip
            with state.lock:
                fault = state.faults.pop(0) if state.faults else None
            if fault:
                code, description, retry_after = fault
                answer = {"ok": False, "error_code": code, "description": description}
                if retry_after is not None:
                    answer["parameters"] = {"retry_after": retry_after}
                return self._answer(code, answer)
            self._answer(200, {"ok": True, "result": self._result(call)})

        def _result(self, call: Call) -> object:
            if call.method == "deleteMessage":
                state.messages.pop(int(call.params["message_id"]), None)
                return True
            if call.method.startswith("edit"):
                message_id = int(call.params["message_id"])
            else:
                message_id = next(state._ids)
            text = call.params.get("text") or call.params.get("caption", "")
            state.messages[message_id] = text
            chat = {"id": -1001234567890, "type": "channel", "username": CHANNEL}
            return {"message_id": message_id, "date": int(time.time()), "text": text, "chat": chat}

        def _answer(self, status: int, payload: dict) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return LocalHTTPServer(Handler)
