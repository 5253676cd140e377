"""A real SMTP server on loopback (aiosmtpd, in-process) that keeps every accepted message
and misbehaves on request: refuses recipients with 4xx (then accepts) or 5xx, drops the
connection at the n-th RCPT, or is down (nothing listens on its port)."""

import email
import logging
import threading
import time
from collections import Counter

from aiosmtpd.controller import Controller

logging.getLogger("mail.log").setLevel(logging.WARNING)  # one line per SMTP command


class LoopbackController(Controller):
    """aiosmtpd on 127.0.0.1; given port 0 it binds a port the kernel picks and reports it
    in `port` (aiosmtpd itself would try to connect to port 0 to check it is up)."""

    def __init__(self, handler, port: int = 0, **kwargs) -> None:
        super().__init__(handler, hostname="127.0.0.1", port=port, **kwargs)

    def _trigger_server(self) -> None:
        # Called by start() once the server is bound and before the check connects.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class SinkHandler:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.message_ids: list[str] = []
        self.recipients: list[str] = []
        self.messages: list[email.message.Message] = []
        self.arrivals: list[float] = []  # time.time() of each accepted message
        self.softfail_once: set[str] = set()  # 451 the first time, accepted after
        self.hardfail: set[str] = set()  # 550 always
        self.drop_at_rcpt: int | None = None  # close the connection at this RCPT (1-based)
        self.rcpt_seen = 0
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.rcpt_seen += 1
            if self.drop_at_rcpt is not None and self.rcpt_seen == self.drop_at_rcpt:
                server.transport.close()
                return "421 4.3.0 going away"
            if address in self.hardfail:
                return "550 5.1.1 no such mailbox"
            if address in self.softfail_once:
                self.softfail_once.discard(address)
                return "451 4.7.1 greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        with self.lock:
            self.message_ids.append(message["Message-ID"])
            self.recipients.extend(envelope.rcpt_tos)
            self.messages.append(message)
            self.arrivals.append(time.time())
        return "250 2.0.0 queued"

    def per_recipient(self) -> Counter:
        return Counter(self.recipients)


class Sink:
    def __init__(self) -> None:
        self.handler = SinkHandler()
        self.port = 0  # the first start binds a free one; a restart comes back on it
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = LoopbackController(self.handler, port=self.port)
        self.controller.start()
        self.port = self.controller.port

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
