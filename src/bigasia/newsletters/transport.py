"""How the delivery engine hands one row's message to the connection it opened.

Our SMTP transport gets the issue's pre-built MIME bytes (bigasia.newsletters.mime_template),
signed here when the connection signs; any other transport (an ESP, a test backend) gets
Django's EmailMessage, with the in-flight hook where the transport calls it.
"""

from collections.abc import Callable

from django.core.mail.backends.base import BaseEmailBackend

from . import smtp
from .dkim_backend import signed_raw
from .mail import RenderedIssue
from .models import Delivery
from .smtp import HOOK_ATTRIBUTE

Send = Callable[[Callable[..., None]], None]


def prepare(
    connection: BaseEmailBackend, issue_mail: RenderedIssue, row: Delivery
) -> tuple[Send, str]:
    """How to send this row's message (given the in-flight hook), and its Message-ID.

    Our SMTP transport gets the bytes of the MIME template (no email package per message);
    any other transport (an ESP, a test backend) gets Django's EmailMessage.
    """
    # Rows whose subscriber was deleted after start_sending() are skipped by Batch.send
    # (no id among the eligible ones) before they get here.
    assert row.subscriber is not None
    transport = transport_of(connection)
    if isinstance(transport, smtp.EmailBackend):
        wire = issue_mail.wire_for(row.subscriber)
        data = signed_raw(wire.data) if getattr(connection, "signs", False) else wire.data

        def send_bytes(in_flight: Callable[..., None]) -> None:
            transport.send_bytes(wire.sender, wire.recipients, data, in_flight)

        return send_bytes, wire.message_id
    message = issue_mail.message_for(row.subscriber)
    # ESPs (anymail) echo metadata back in their tracking webhooks.
    message.metadata = {  # type: ignore[attr-defined]  # anymail's attribute
        "issue": str(row.issue_id),
        "delivery": str(row.pk),
    }

    def send_message(in_flight: Callable[..., None]) -> None:
        if calls_hook(connection):
            setattr(message, HOOK_ATTRIBUTE, in_flight)
        else:
            in_flight()  # an HTTP API (anymail): the request is the end of DATA
        connection.send_messages([message])

    return send_message, message.extra_headers.get("Message-ID", "")


def transport_of(connection: BaseEmailBackend) -> BaseEmailBackend:
    """The backend that talks to the server, under a wrapper (DKIM signing) if any."""
    return getattr(connection, "transport", connection)


def calls_hook(connection: BaseEmailBackend) -> bool:
    return getattr(transport_of(connection), "calls_end_of_data_hook", False)


def alive(connection: BaseEmailBackend) -> bool:
    """False when the SMTP backend dropped its session (after a 421 or a lost connection)."""
    return getattr(transport_of(connection), "connection", True) is not None
