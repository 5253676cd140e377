"""A DKIM key pair made for the test run, and the links of a received mail."""

import base64
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path


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
