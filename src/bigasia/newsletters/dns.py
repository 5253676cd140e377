"""The DNS records receivers check our mail against: DKIM (from the configured key), SPF, DMARC.

The DKIM record's `p=` is the key's public half as a DER SubjectPublicKeyInfo (RFC 6376
§3.6.1), built here from the modulus and exponent dkimpy reads out of the PEM key: the same
parse the signer uses, so the printed record is the one that verifies what we sign.
"""

import base64
from dataclasses import dataclass

from dkim.crypto import parse_pem_private_key

# DER of the AlgorithmIdentifier rsaEncryption (OID 1.2.840.113549.1.1.1) with NULL parameters.
_RSA_ALGORITHM = bytes.fromhex("300d06092a864886f70d0101010500")
_TXT_STRING_MAX = 255  # one character-string of a TXT record (RFC 1035 §3.3)


@dataclass(frozen=True)
class TxtRecord:
    name: str  # fully qualified, with the final dot
    value: str

    def zone_line(self) -> str:
        """The record as a zone-file line, the value cut into 255-byte strings."""
        strings = [
            self.value[start : start + _TXT_STRING_MAX]
            for start in range(0, len(self.value), _TXT_STRING_MAX)
        ]
        quoted = " ".join(f'"{string}"' for string in strings)
        return f"{self.name} IN TXT ( {quoted} )"


def dkim_record(private_pem: bytes, selector: str, domain: str) -> TxtRecord:
    key = parse_pem_private_key(private_pem)
    public_key = _sequence(_integer(key["modulus"]) + _integer(key["publicExponent"]))
    spki = _sequence(_RSA_ALGORITHM + _der(0x03, b"\x00" + public_key))
    value = f"v=DKIM1; k=rsa; p={base64.b64encode(spki).decode()}"
    return TxtRecord(f"{selector}._domainkey.{domain}.", value)


def spf_example(domain: str) -> TxtRecord:
    return TxtRecord(f"{domain}.", "v=spf1 mx ~all")


def dmarc_example(domain: str) -> TxtRecord:
    return TxtRecord(
        f"_dmarc.{domain}.", f"v=DMARC1; p=none; rua=mailto:dmarc@{domain}; adkim=r; aspf=r"
    )


def _integer(number: int) -> bytes:
    # A leading zero byte keeps a number with its top bit set positive.
    return _der(0x02, number.to_bytes(number.bit_length() // 8 + 1, "big"))


def _sequence(content: bytes) -> bytes:
    return _der(0x30, content)


def _der(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        return bytes([tag, size]) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content
