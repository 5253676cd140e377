"""Django's SMTP backend with one addition: a hook called around the end of DATA.

The delivery engine records a message as in flight in that hook, after the whole message
has crossed the wire except the final "." line. Until that line reaches the server it has
accepted nothing (a transaction cut short before it is discarded, RFC 5321 §4.1.1.4). The
hook gets an `EndOfData`: it queues the "." in the kernel (held back with TCP_CORK), writes
its record, and releases the "." (docs/newsletters.md, "The narrow window").

Messages without the hook are sent exactly as Django sends them. `send_bytes` sends bytes the
engine built itself (bigasia.newsletters.mime_template) through the same transaction.
"""

import re
import smtplib
import socket
import struct
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends import smtp
from django.core.mail.message import MIMEMixin, sanitize_address

HOOK_ATTRIBUTE = "before_end_of_data"
_LEADING_DOT = re.compile(rb"(?m)^\.")


class EndOfDataUnanswered(smtplib.SMTPServerDisconnected):
    """The connection ended after the final "." and before the server's answer."""


class EndOfData:
    """The final "." of one message: queued in the kernel first, released to the server after.

    A queued "." reaches the server even if this process is killed: the kernel sends what is
    in a socket's buffer when it closes the socket of a dead process (unless data the process
    never read is waiting, and nothing is while the server awaits the end of DATA). So the
    record the hook writes after `queue()` can say the message is on its way, and between
    `queue()` and that write no other process is woken. (The reverse order woke the database
    first, and on a busy machine its process ran while ours waited for the CPU with the
    record written and the "." unsent: a SIGKILL then lost the message.) Until `release()`,
    an abortive close takes the "." back.
    """

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.queued = False
        self.released = False

    def queue(self) -> None:
        if self.queued:
            return
        if _CORK is not None:
            self.sock.setsockopt(socket.IPPROTO_TCP, _CORK, 1)
        self.sock.sendall(b".\r\n")
        self.queued = True

    def release(self) -> None:
        self.queue()
        if not self.released and _CORK is not None:
            self.sock.setsockopt(socket.IPPROTO_TCP, _CORK, 0)  # sends it now
        self.released = True

    def take_back(self) -> None:
        """Reset the connection, dropping a queued "." that was not released (RST)."""
        if self.queued and not self.released:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


# Linux holds small writes while TCP_CORK is set (at most 200 ms). Elsewhere the "." goes out
# at once and the window between it and the record is the record's write (see the docs).
_CORK = getattr(socket, "TCP_CORK", None)


class EmailBackend(smtp.EmailBackend):
    # The engine asks the connection this before relying on the hook.
    calls_end_of_data_hook = True

    def _send(self, email_message: EmailMessage) -> bool:
        hook: Callable[[EndOfData], None] | None = getattr(email_message, HOOK_ATTRIBUTE, None)
        if hook is None or not email_message.recipients():
            return super()._send(email_message)  # type: ignore[misc,no-any-return]  # private: not in stubs
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        sender = sanitize_address(email_message.from_email, encoding)
        recipients = [sanitize_address(a, encoding) for a in email_message.recipients()]
        data = self.message_bytes(email_message)
        self._envelope(sender, recipients, len(data))
        self._data(data, hook)
        return True

    def open(self) -> bool | None:
        opened = super().open()
        if opened and self.connection is not None and self.connection.sock is not None:
            # The final "." goes out as its own small write after the hook. With Nagle's
            # algorithm on, the kernel holds it until the server ACKs the body, and servers
            # delay that ACK (40 ms on Linux): a stall per message that capped a connection
            # at about 25 messages a second.
            self.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return opened

    def send_bytes(
        self,
        sender: str,
        recipients: list[str],
        data: bytes,
        hook: Callable[[EndOfData], None],
    ) -> None:
        """The engine's fast path: bytes built (and signed) already, the same transaction and
        hook as a message with the hook; smtplib's exceptions as `send_messages` raises them."""
        if self.connection is None:
            self.open()
        self._envelope(sender, recipients, len(data))
        self._data(data, hook)

    def message_bytes(self, email_message: EmailMessage) -> bytes:
        """The message as sent; a signing backend (DKIM) overrides this."""
        # Django's SafeMIME classes (or dkim_backend's frozen stand-in) take linesep; the
        # stubs leave message() Any.
        message: MIMEMixin = email_message.message()
        return message.as_bytes(linesep="\r\n")

    def _envelope(self, sender: str, recipients: list[str], size: int) -> None:
        """MAIL and RCPT, raising smtplib's exceptions as smtplib.sendmail would."""
        conn = self.connection
        assert conn is not None  # send_bytes opened it
        conn.ehlo_or_helo_if_needed()
        options = [f"SIZE={size}"] if conn.does_esmtp and conn.has_extn("size") else []
        code, reply = conn.mail(sender, options)
        if code != 250:
            self._abandon(code)
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        refused = {}
        for recipient in recipients:
            code, reply = conn.rcpt(recipient)
            if code not in (250, 251):
                refused[recipient] = (code, reply)
            if code == 421:
                self._abandon(code)
                raise smtplib.SMTPRecipientsRefused(refused)
        if len(refused) == len(recipients):
            self._abandon(code)
            raise smtplib.SMTPRecipientsRefused(refused)

    def _data(self, data: bytes, hook: Callable[[EndOfData], None]) -> None:
        conn = self.connection
        assert conn is not None and conn.sock is not None  # send_bytes opened it
        conn.putcmd("data")
        code, reply = conn.getreply()
        if code != 354:
            self._abandon(code)
            raise smtplib.SMTPDataError(code, reply)
        body = _LEADING_DOT.sub(b"..", data)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        conn.send(body)
        end = EndOfData(conn.sock)
        try:
            # The hook queues the "." (end.queue()), records the message in flight and
            # releases it; what it leaves undone is done when it returns.
            hook(end)
            end.release()
        except BaseException:
            # Without the final "." (never queued, or taken back by a reset) the server
            # discards the transaction; after it, the answer is abandoned with the connection.
            end.take_back()
            conn.close()
            self.connection = None
            raise
        try:
            code, reply = conn.getreply()
        except smtplib.SMTPServerDisconnected as exc:
            self.connection = None
            raise EndOfDataUnanswered(str(exc)) from exc
        if code != 250:
            self._abandon(code)
            raise smtplib.SMTPDataError(code, reply)

    def _abandon(self, code: int) -> None:
        """After a refusal: a 421 ends the session, anything else resets the transaction."""
        assert self.connection is not None  # a refusal came over it
        if code == 421:
            self.connection.close()
            self.connection = None
        else:
            self.connection.rset()
