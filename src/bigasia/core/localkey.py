"""A per-checkout secret key for local development, created once and kept out of git."""

import secrets
from pathlib import Path


def local_secret_key(data_dir: Path) -> str:
    key_file = data_dir / "local-secret-key"
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
