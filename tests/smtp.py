"""One real SMTP server for the tests: aiosmtpd on loopback, in-process. It keeps every
accepted message as sent and misbehaves on request: refuses recipients with 4xx (then
accepts) or 5xx, drops the connection at the n-th RCPT, or is down (not started yet, or
stopped; a restart comes back on the same port)."""

import email
import email.policy
import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.message import EmailMessage

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


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes  # the bytes as sent: DKIM verifies those, not a re-encoding
    arrived: float  # time.time()
    # Read once at arrival: tests poll message_ids in tight loops, and re-parsing every
    # message per poll holds the GIL the server thread in the same process needs.
    message_id: str

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)


@dataclass
class Inbox:
    """The aiosmtpd handler: every accepted message in order, and the faults to play."""

    received: list[Received] = field(default_factory=list)
    softfail_once: set[str] = field(default_factory=set)  # 451 the first time, accepted after
    hardfail: set[str] = field(default_factory=set)  # 550 always
    drop_at_rcpt: int | None = None  # close the connection at this RCPT (1-based)
    rcpt_seen: int = 0
    connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

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
        data = envelope.original_content
        message_id = email.message_from_bytes(data)["Message-ID"]
        arrival = Received(
            envelope.mail_from, list(envelope.rcpt_tos), data, time.time(), message_id
        )
        with self.lock:
            self.received.append(arrival)
        return "250 2.0.0 queued"

    def snapshot(self) -> list[Received]:
        with self.lock:
            return list(self.received)

    def to(self, address: str) -> list[Received]:
        return [r for r in self.snapshot() if address in r.rcpt_tos]

    @property
    def message_ids(self) -> list[str]:
        return [r.message_id for r in self.snapshot()]

    @property
    def recipients(self) -> list[str]:
        return [address for r in self.snapshot() for address in r.rcpt_tos]

    @property
    def arrivals(self) -> list[float]:
        return [r.arrived for r in self.snapshot()]

    def per_recipient(self) -> Counter:
        return Counter(self.recipients)

    def clear(self) -> None:
        with self.lock:
            self.received.clear()


class SmtpServer:
    """Down until start(). Port 0 (the default) binds a free port on the first start; a
    given port lets a test point the site at a server that is not listening yet."""

    def __init__(self, port: int = 0) -> None:
        self.inbox = Inbox()
        self.port = port
        self.controller: Controller | None = None

    def start(self) -> None:
        # decode_data=False keeps the bytes as sent.
        self.controller = LoopbackController(self.inbox, port=self.port, decode_data=False)
        self.controller.start()
        self.port = self.controller.port

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
