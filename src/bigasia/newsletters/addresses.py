"""Email addresses as readers type them → one stored form.

The domain is lower-cased and converted to its IDNA (punycode) form, so `Иван@Пример.РФ`
and `иван@xn--e1afmkfd.xn--p1ai` … are the same row and the address goes on the wire in
the ASCII form every mail server accepts. The local part must be ASCII: an internationalised
local part needs SMTPUTF8 end to end, which we cannot promise, so it is refused clearly.
"""

import idna
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 254

INVALID = _("Enter a valid email address, for example name@example.com.")
NON_ASCII_LOCAL = _(
    "Addresses with non-Latin letters before the @ are not supported yet; "
    "please use another address."
)


def normalise_email(value: str) -> str:
    """The stored form of an address; ValidationError with a reader-facing message."""
    value = value.strip()
    if any(ch in value for ch in "\r\n\x00") or value.count("@") != 1:
        raise ValidationError(INVALID, code="invalid")
    local, domain = value.split("@")
    if not local or not domain:
        raise ValidationError(INVALID, code="invalid")
    if not local.isascii():
        raise ValidationError(NON_ASCII_LOCAL, code="non_ascii")
    try:
        ascii_domain = idna.encode(domain.rstrip("."), uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise ValidationError(INVALID, code="invalid") from exc
    address = f"{local}@{ascii_domain}".lower()
    if len(address) > MAX_LENGTH:
        raise ValidationError(INVALID, code="invalid")
    try:
        validate_email(address)
    except ValidationError as exc:
        raise ValidationError(INVALID, code="invalid") from exc
    return address


def display_email(address: str) -> str:
    """The address as a reader recognises it (Unicode domain), for pages only."""
    local, _at, domain = address.rpartition("@")
    try:
        return f"{local}@{idna.decode(domain)}"
    except idna.IDNAError:
        return address
