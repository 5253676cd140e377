"""A real SMTP server on loopback (aiosmtpd, in-process) that keeps what it receives, and a
DKIM key pair made for the test run."""

import base64
import email
import email.policy
import re
import subprocess
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from tests.newsletters.sink import LoopbackController


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)


@dataclass
class Inbox:
    """Every message the server accepted, in order."""

    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
            )
        return "250 OK"

    def to(self, address: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if address in r.rcpt_tos]

    def clear(self) -> None:
        with self.lock:
            self.received.clear()


class MailServer:
    def __init__(self) -> None:
        self.inbox = Inbox()
        # decode_data=False keeps the bytes as sent (DKIM verifies those, not a re-encoding).
        self.controller = LoopbackController(self.inbox, decode_data=False)

    @property
    def port(self) -> int:
        return self.controller.port

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


@dataclass(frozen=True)
class DKIMKey:
    private_pem: bytes
    public_record: bytes  # the TXT record a receiver finds in DNS

    def dns(self, name: bytes, timeout: int = 5) -> bytes:
        return self.public_record


def make_dkim_key(folder: Path) -> DKIMKey:
    private = folder / "dkim.pem"
    subprocess.run(
        ["openssl", "genrsa", "-traditional", "-out", str(private), "2048"],
        check=True,
        capture_output=True,
    )
    public = subprocess.run(
        ["openssl", "rsa", "-in", str(private), "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)
    return DKIMKey(private.read_bytes(), record)


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)
