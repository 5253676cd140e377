"""Local HTTP servers that stand in for the channels' APIs, each speaking its real request and
answer formats: a recording server whose answers a test scripts, and small emulations of the
Bot API and VK's API that keep their posts and enforce the documented limits."""

import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs, urlsplit

from tests.http_fake import LocalHTTPServer, QuietHandler


@dataclass
class Received:
    """One request as the server saw it, with its body decoded by its content type."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")

    def json(self) -> dict:
        assert self.content_type.startswith("application/json"), self.content_type
        return json.loads(self.body)

    def form(self) -> dict[str, list[str]]:
        assert self.content_type.startswith("application/x-www-form-urlencoded")
        return parse_qs(self.body.decode(), keep_blank_values=True)

    def multipart(self) -> dict[str, tuple[str | None, bytes]]:
        """Field name -> (file name or None, bytes), parsed as a mail parser reads MIME."""
        assert self.content_type.startswith("multipart/form-data"), self.content_type
        head = f"Content-Type: {self.content_type}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + self.body)
        fields = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[name] = (part.get_filename(), part.get_payload(decode=True))
        return fields

    def fields(self) -> dict[str, str]:
        """The request's parameters, whichever way they were sent, as single strings."""
        if self.content_type.startswith("application/json"):
            return {key: value for key, value in self.json().items()}
        if self.content_type.startswith("multipart/form-data"):
            return {
                name: body.decode() for name, (filename, body) in self.multipart().items()
                if filename is None
            }  # fmt: skip
        return {key: values[-1] for key, values in self.form().items()}


# (status, JSON body or raw bytes, extra headers)
Reply = tuple[int, object, dict[str, str]]


@dataclass
class FakeApi:
    """Records every request; `answer` decides each reply (the emulations below set it)."""

    answer: Callable[[Received], Reply] = lambda received: (200, {}, {})
    received: list[Received] = field(default_factory=list)
    hang: threading.Event | None = None

    def __post_init__(self) -> None:
        self.server = LocalHTTPServer(self._handler_class())
        # A short poll interval: stop() waits for the loop to notice, once per test.
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def stop(self) -> None:
        if self.hang is not None:
            self.hang.set()
        self.server.stop()

    def _handler_class(self) -> type[QuietHandler]:
        api = self

        class Handler(QuietHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                received = Received(
                    self.command, self.path, dict(self.headers), self.rfile.read(length)
                )
                api.received.append(received)
                if api.hang is not None:  # an API that never answers, until the test ends
                    api.hang.wait(60)
                    return
                status, body, headers = api.answer(received)
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(raw)))
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = _serve

        return Handler


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeBotApi(FakeApi):
    """The Bot API's methods a channel uses, at /bot<token>/<method>, with its limits and
    its errors ({"ok": false, "error_code", "description", "parameters"}). Messages are kept
    by (chat, id); `failures` are served before anything else, in order. Requests are served
    at once (a worker's threads send several), so ids come from a counter, as Telegram's
    never repeat."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.messages: dict[int, dict] = {}
        self._ids = itertools.count(1)
        self.too_old: set[int] = set()
        self.failures: list[Reply] = []
        super().__init__(answer=self._answer)

    def _answer(self, received: Received) -> Reply:
        if self.failures:
            return self.failures.pop(0)
        prefix, _, method = urlsplit(received.path).path.rpartition("/")
        if prefix != f"/bot{self.token}":
            return error(401, "Unauthorized")
        fields = received.fields()
        if str(fields.get("chat_id")) not in ("@bigasia_news", "-1001234567890"):
            return error(400, "Bad Request: chat not found")
        return getattr(self, method)(received, fields)

    def _message(self, message_id: int, chat_id, **content) -> Reply:
        chat = {"id": -1001234567890, "title": "Big Asia", "type": "channel"}
        if str(chat_id) == "@bigasia_news":
            chat["username"] = "bigasia_news"
        message = {"message_id": message_id, "date": 1700000000, "chat": chat, **content}
        self.messages[message_id] = message
        return 200, {"ok": True, "result": message}, {}

    def sendPhoto(self, received: Received, fields: dict) -> Reply:
        filename, photo = received.multipart()["photo"]
        assert filename and photo
        if utf16(fields.get("caption", "")) > 1024:
            return error(400, "Bad Request: message caption is too long")
        return self._message(
            next(self._ids),
            fields["chat_id"],
            caption=fields.get("caption", ""),
            photo=[{"file_id": "AgAC", "file_size": len(photo), "width": 64, "height": 48}],
        )

    def sendMessage(self, received: Received, fields: dict) -> Reply:
        if utf16(fields["text"]) > 4096:
            return error(400, "Bad Request: message is too long")
        preview = fields.get("link_preview_options")
        return self._message(
            next(self._ids), fields["chat_id"], text=fields["text"], preview=preview
        )

    def _edit(self, fields: dict, part: str) -> Reply:
        message = self.messages.get(fields["message_id"])
        if message is None:
            return error(400, "Bad Request: message to edit not found")
        if part not in message:
            return error(400, "Bad Request: there is no text in the message to edit")
        if message[part] == fields[part]:
            return error(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        return self._message(message["message_id"], fields["chat_id"], **{part: fields[part]})

    def editMessageCaption(self, received: Received, fields: dict) -> Reply:
        return self._edit(fields, "caption")

    def editMessageText(self, received: Received, fields: dict) -> Reply:
        return self._edit(fields, "text")

    def deleteMessage(self, received: Received, fields: dict) -> Reply:
        message_id = fields["message_id"]
        if message_id in self.too_old:
            return error(400, "Bad Request: message can't be deleted")
        if self.messages.pop(message_id, None) is None:
            return error(400, "Bad Request: message to delete not found")
        return 200, {"ok": True, "result": True}, {}


def error(code: int, description: str, **parameters) -> Reply:
    body: dict = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return code, body, {}


class FakeVkApi(FakeApi):
    """VK's API at /method/<name> (form POSTs with `access_token` and `v`), its photo upload
    server at /upload, one community's wall. Errors come inside HTTP 200, as VK sends them.
    Requests are served at once: a post is checked against the wall's guids and added under a
    lock, as VK's guard against a repeated post holds for posts sent at the same time, and
    post ids come from a counter, never repeating."""

    def __init__(self, user_token: str, community_token: str, group_id: int) -> None:
        self.user_token, self.community_token, self.group_id = user_token, community_token, group_id
        self.posts: dict[int, dict] = {}
        self._wall = threading.Lock()
        self._post_ids = itertools.count(1)
        self.failures: list[Reply] = []
        super().__init__(answer=self._answer)

    def _answer(self, received: Received) -> Reply:
        if self.failures:
            return self.failures.pop(0)
        path = urlsplit(received.path).path
        if path == "/upload":
            return self._upload(received)
        fields = received.fields()
        method = path.removeprefix("/method/").replace(".", "_")
        if fields.get("v") != "5.199":
            return vk_error(8, "Invalid request: v (version) is required")
        if fields.get("access_token") not in (self.user_token, self.community_token):
            return vk_error(5, "User authorization failed: invalid access_token (4).")
        if fields["access_token"] == self.community_token and method.startswith(("wall", "photos")):
            return vk_error(
                27, "Group authorization failed: method is unavailable with group auth."
            )
        return getattr(self, method)(fields)

    def _upload(self, received: Received) -> Reply:
        filename, photo = received.multipart()["photo"]
        if not photo.startswith((b"\xff\xd8", b"\x89PNG")):
            return 200, {"server": 841, "photo": "[]", "hash": "0"}, {}
        return 200, {"server": 841, "photo": '[{"photo":"a1b2","sizes":[]}]', "hash": "h4sh"}, {}

    def photos_getWallUploadServer(self, fields: dict) -> Reply:
        assert fields["group_id"] == str(self.group_id)
        upload_url = f"{self.base_url}/upload?act=do_add&mid=1&aid=-14&gid={self.group_id}"
        return 200, {"response": {"upload_url": upload_url, "album_id": -14, "user_id": 1}}, {}

    def photos_saveWallPhoto(self, fields: dict) -> Reply:
        assert (fields["server"], fields["hash"]) == ("841", "h4sh"), fields
        photo = {"id": 457239017, "owner_id": -self.group_id, "album_id": -14, "sizes": []}
        return 200, {"response": [photo]}, {}

    def _check_wall(self, fields: dict) -> None:
        assert fields["owner_id"] == str(-self.group_id), fields

    def wall_post(self, fields: dict) -> Reply:
        self._check_wall(fields)
        assert fields["from_group"] == "1"
        with self._wall:
            for post_id, post in self.posts.items():  # VK's guard against a repeated post
                if post["guid"] == fields.get("guid"):
                    return 200, {"response": {"post_id": post_id}}, {}
            post_id = next(self._post_ids)
            self.posts[post_id] = {k: fields.get(k) for k in ("message", "attachments", "guid")}
        return 200, {"response": {"post_id": post_id}}, {}

    def wall_edit(self, fields: dict) -> Reply:
        self._check_wall(fields)
        post = self.posts.get(int(fields["post_id"]))
        if post is None:
            return vk_error(100, "One of the parameters specified was missing or invalid: post_id")
        post.update(message=fields["message"], attachments=fields["attachments"])
        return 200, {"response": {"post_id": int(fields["post_id"])}}, {}

    def wall_delete(self, fields: dict) -> Reply:
        self._check_wall(fields)
        self.posts.pop(int(fields["post_id"]), None)
        return 200, {"response": 1}, {}


def vk_error(code: int, message: str) -> Reply:
    return 200, {"error": {"error_code": code, "error_msg": message, "request_params": []}}, {}
