"""Local HTTP servers for the fakes of outside systems (partner feeds, CDN, translators,
Postmark, Sentry): threaded http.server on loopback, port 0, with the handler each test
writes so that every fake speaks its real format."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(BaseHTTPRequestHandler):
    """A handler that keeps http.server's access log out of the test output."""

    def log_message(self, format: str, *args) -> None:
        pass


class LocalHTTPServer(ThreadingHTTPServer):
    """Bound at construction to a port the kernel picks; serves once start() is called."""

    daemon_threads = True

    def __init__(self, handler_class: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler_class)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def start(self) -> "LocalHTTPServer":
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
