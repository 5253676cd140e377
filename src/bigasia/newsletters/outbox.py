"""The local outbox: the mail transport of `make run` (DEBUG), where there is no mail server.

Each message is written exactly as it would go on the wire (DKIM-signed when a key is set,
since the signing wrapper hands this transport its frozen bytes) as one `.eml` file under
LOCAL_OUTBOX_DIR. *Local outbox* in the admin (DEBUG only, `outbox_views`) lists them and
shows one with its links clickable, so double opt-in and "send a test to myself" can be
followed end to end on one machine. The worker writes, the app server reads: files under a
temporary name are renamed into place, so the screen never shows half a message. The newest
KEEP messages are kept.
"""

import email
import email.policy
import os
import re
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage as ParsedMessage
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

KEEP = 500
SUFFIX = ".eml"
# <nanoseconds since the epoch>-<8 hex>: the only names the admin screen will open.
_NAME = re.compile(r"\A[0-9]{16,20}-[0-9a-f]{8}\Z")


class LocalOutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        folder = Path(settings.LOCAL_OUTBOX_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"
            partial = folder / f".{name}.partial"
            partial.write_bytes(message.message().as_bytes(linesep="\r\n"))
            os.replace(partial, folder / f"{name}{SUFFIX}")
        _prune(folder)
        return len(email_messages)


def _names(folder: Path) -> list[str]:
    """Newest first."""
    if not folder.is_dir():
        return []
    names = [path.stem for path in folder.glob(f"*{SUFFIX}") if _NAME.match(path.stem)]
    return sorted(names, key=lambda name: int(name.split("-")[0]), reverse=True)


def _prune(folder: Path) -> None:
    for name in _names(folder)[KEEP:]:
        (folder / f"{name}{SUFFIX}").unlink(missing_ok=True)  # another worker may prune too


@dataclass(frozen=True)
class CapturedMail:
    name: str
    message: ParsedMessage

    @property
    def captured_at(self) -> datetime:
        return datetime.fromtimestamp(int(self.name.split("-")[0]) / 1e9, tz=UTC)

    def header(self, name: str) -> str:
        return str(self.message.get(name, ""))

    def part(self, subtype: str) -> str:
        body = self.message.get_body((subtype,))
        return body.get_content() if body is not None else ""


def captured(limit: int = 100) -> list[CapturedMail]:
    """The newest captured messages."""
    return [mail for name in _names(_folder())[:limit] if (mail := captured_mail(name))]


def captured_mail(name: str) -> CapturedMail | None:
    """One captured message by its name; None for a name that is not one (or was pruned)."""
    if not _NAME.match(name):
        return None
    try:
        data = (_folder() / f"{name}{SUFFIX}").read_bytes()
    except FileNotFoundError:
        return None
    return CapturedMail(name, email.message_from_bytes(data, policy=email.policy.default))


def _folder() -> Path:
    return Path(settings.LOCAL_OUTBOX_DIR)
