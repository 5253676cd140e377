"""Stand-ins for the translation services outside the system, served on 127.0.0.1.

They answer the real wire formats (LibreTranslate's POST /translate with `q` as a list,
DeepL's POST /v2/translate) and "translate" deterministically: a small dictionary, then
transliteration, so Russian comes out with no Cyrillic (and English into Russian comes out
in Cyrillic). Markup is kept, as the real services do in HTML mode.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field

from anyascii import anyascii

from tests.http_fake import LocalHTTPServer, QuietHandler

RU_EN = {"и": "and", "в": "in", "с": "with", "на": "on", "по": "by", "для": "for"}
LATIN_TO_CYRILLIC = str.maketrans("abcdefghijklmnopqrstuvwxyz", "абкдефгхийклмнопкрстуввкуз")
TAG_OR_TEXT = re.compile(r"(<[^>]+>)")
WORD = re.compile(r"[\w-]+")


def fake_translate(html: str, target: str) -> str:
    parts = TAG_OR_TEXT.split(html)
    return "".join(p if p.startswith("<") else _translate_text(p, target) for p in parts)


def _translate_text(text: str, target: str) -> str:
    if target == "ru":
        return text.lower().translate(LATIN_TO_CYRILLIC)
    return WORD.sub(lambda m: RU_EN.get(m.group(0).lower()) or anyascii(m.group(0)), text)


@dataclass
class FakeTranslator:
    """Behaviour knobs the tests turn: failures to answer, delays, and what was asked."""

    fail_with: int | None = None  # answer this HTTP status …
    failures_left: int = 10**9  # … this many times, then translate
    delay: float = 0.0  # seconds to wait before answering
    requests: list[dict] = field(default_factory=list)
    headers: list[dict] = field(default_factory=list)
    base_url: str = ""

    @property
    def calls(self) -> int:
        return len(self.requests)


def _handler(state: FakeTranslator):
    class Handler(QuietHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state.requests.append(body)
            state.headers.append(dict(self.headers))
            if state.delay:
                time.sleep(state.delay)
            if state.fail_with and state.failures_left > 0:
                state.failures_left -= 1
                return self.answer(state.fail_with, {"error": "the fake is failing on purpose"})
            if self.path == "/translate":
                texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
                out = [fake_translate(t, body["target"]) for t in texts]
                return self.answer(200, {"translatedText": out})
            if self.path == "/v2/translate":
                if self.headers.get("Authorization") != "DeepL-Auth-Key test-key:fx":
                    return self.answer(403, {"message": "Wrong key"})
                target = body["target_lang"].split("-")[0].lower()
                out = [
                    {
                        "detected_source_language": body["source_lang"],
                        "text": fake_translate(t, target),
                    }
                    for t in body["text"]
                ]
                return self.answer(200, {"translations": out})
            return self.answer(404, {"error": "no such endpoint"})

        def answer(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout tests)

    return Handler


def serve() -> tuple[FakeTranslator, LocalHTTPServer]:
    state = FakeTranslator()
    server = LocalHTTPServer(_handler(state)).start()
    state.base_url = server.base_url
    return state, server
