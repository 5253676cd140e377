"""Signed links in newsletter mail: confirm, unsubscribe, preferences.

- Confirmation links expire (NEWSLETTER_CONFIRM_MAX_AGE) and carry the subscriber's
  token_nonce, which confirming rotates: a used link stops working.
- Preference (settings) links carry the nonce too (saving rotates it) and a short expiry
  (NEWSLETTER_PREFERENCES_MAX_AGE); they are only ever mailed on request, fresh.
- Unsubscribe links neither expire nor carry the nonce: a reader must be able to leave from
  any mail ever sent, even after changing preferences since (RFC 8058 one-click included).

Tokens are compact strings (`Signer`, not JSON) because the engine signs one unsubscribe
and one preference token per message.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

_UNSUBSCRIBE = signing.Signer(salt="bigasia.newsletters.unsubscribe")
_PREFERENCES = signing.TimestampSigner(salt="bigasia.newsletters.preferences")
_CONFIRM_SALT = "bigasia.newsletters.confirm"


class InvalidToken(Exception):
    """Forged, malformed, expired or already used."""


def new_nonce() -> str:
    return secrets.token_hex(16)


@dataclass(frozen=True)
class UnsubscribeToken:
    subscriber_id: int
    newsletter_id: int
    issue_id: int | None


def unsubscribe_token(subscriber_id: int, newsletter_id: int, issue_id: int | None) -> str:
    return _UNSUBSCRIBE.sign(f"{subscriber_id}.{newsletter_id}.{issue_id or 0}")


def read_unsubscribe_token(token: str) -> UnsubscribeToken:
    try:
        subscriber_id, newsletter_id, issue_id = map(int, _UNSUBSCRIBE.unsign(token).split("."))
    except (signing.BadSignature, ValueError) as exc:
        raise InvalidToken from exc
    return UnsubscribeToken(subscriber_id, newsletter_id, issue_id or None)


def preferences_token(subscriber_id: int, nonce: str) -> str:
    return _PREFERENCES.sign(f"{subscriber_id}.{nonce}")


def read_preferences_token(token: str) -> tuple[int, str]:
    """(subscriber id, nonce); the caller compares the nonce with the subscriber's."""
    try:
        value = _PREFERENCES.unsign(token, max_age=settings.NEWSLETTER_PREFERENCES_MAX_AGE)
        subscriber_id, nonce = value.split(".")
        return int(subscriber_id), nonce
    except (signing.BadSignature, ValueError) as exc:
        raise InvalidToken from exc


@dataclass(frozen=True)
class ConfirmRequest:
    """What the reader asked for; applied only when they follow the link."""

    subscriber_id: int
    nonce: str
    newsletter_ids: tuple[int, ...]


def confirm_token(subscriber_id: int, nonce: str, newsletter_ids: list[int]) -> str:
    payload = {"s": subscriber_id, "n": nonce, "l": sorted(newsletter_ids)}
    return signing.dumps(payload, salt=_CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> ConfirmRequest:
    try:
        payload = signing.loads(
            token, salt=_CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE
        )
        return ConfirmRequest(int(payload["s"]), str(payload["n"]), tuple(map(int, payload["l"])))
    except (signing.BadSignature, ValueError, KeyError, TypeError) as exc:
        raise InvalidToken from exc
