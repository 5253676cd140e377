"""Strict readers for settings that come from environment variables.

Each helper rejects junk with ImproperlyConfigured naming the variable, so a typo in
the environment stops the process at start instead of surfacing as odd behaviour later.
"""

import ipaddress
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypeVar, overload
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from dkim.crypto import UnparsableKeyError, parse_pem_private_key

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


@overload
def env_str(name: str, default: str, *, required: bool = False) -> str: ...
@overload
def env_str(name: str, default: str | None = None, *, required: Literal[True]) -> str: ...
@overload
def env_str(name: str, default: None = None, *, required: bool = False) -> str | None: ...


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = _raw(name)
    if value is None:
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use one of 1/0, true/false.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from exc
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is below the minimum of {minimum}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(
            f"{name}={value!r} has an empty item; separate values by commas."
        )
    return items


def env_parsed(name: str, default: T, parse: Callable[[str], T]) -> T:
    """Read a variable through a parser; any ValueError becomes ImproperlyConfigured."""
    value = _raw(name)
    if value is None:
        return default
    try:
        return parse(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={value!r} is not valid: {exc}") from exc


def env_networks(name: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """A comma-separated list of addresses or CIDR networks (10.0.0.0/8, ::1)."""
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an address or network.") from exc
    return tuple(networks)


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One word out of a fixed set (TASKS_BACKEND=redis, LOG_FORMAT=json …)."""

    def one_of(value: str) -> str:
        if value not in choices:
            raise ValueError(f"use one of {', '.join(choices)}")
        return value

    return env_parsed(name, default, one_of)


# How `bigasia worker` may share a host's CPU. The names live with the settings, which check
# them; bigasia/core/cpu_priority.py only applies the checked value and needs no list.
CPU_PRIORITIES = ("idle", "low", "normal")

# The parsers below serve single settings. They live here, not in the apps that use the
# values, so that importing the settings imports no app (docs/architecture.md, layers).


def database_from_env(data_dir: Path) -> dj_database_url.DBConfig:
    """DATABASES["default"] from DATABASE_URL (SQLite under DATA_DIR when unset)."""
    default_sqlite = f"sqlite:///{data_dir / 'bigasia.sqlite3'}"
    url = env_str("DATABASE_URL", default_sqlite)
    scheme = url.split(":", 1)[0]
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL scheme {scheme!r} is not supported; use sqlite:/// or postgres://."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers proceed while one writer commits; IMMEDIATE takes the write lock
        # at BEGIN so two writers queue on busy_timeout instead of failing with "locked".
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        # Connections are kept (DB_CONN_MAX_AGE), as for PostgreSQL: opening one and running
        # the PRAGMAs above per request added 2.5 ms to a 3 ms article render (bench machine).
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


def mail_address(value: str) -> str:
    try:
        validate_email(value)
    except ValidationError as exc:
        raise ValueError("not an email address") from exc
    return value


def base_url(value: str) -> str:
    """The site's public address for links in mail: scheme and host, no trailing slash."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise ValueError("use http(s)://host[:port][/prefix]")
    return value.rstrip("/")


def web_address(value: str) -> str:
    """An absolute http(s) address of another service (a WebSub hub), kept as written."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("use an http(s)://host/… address")
    return value


def indexnow_key(value: str) -> str:
    """IndexNow's key: 8 to 128 letters, digits and dashes (the protocol's own rule)."""
    if not re.fullmatch(r"[A-Za-z0-9-]{8,128}", value):
        raise ValueError("use 8 to 128 letters a-z, A-Z, digits and dashes")
    return value


def location_prefix(value: str) -> str:
    if not (value.startswith("/") and value.endswith("/")):
        raise ValueError("an nginx location that starts and ends with /, e.g. /internal-media/")
    return value


def seconds(value: str) -> float:
    """A duration above zero, in seconds (0.5, 2)."""
    duration = float(value)
    if not duration > 0:
        raise ValueError("use a number of seconds above 0")
    return duration


def sample_rate(value: str) -> float:
    rate = float(value)
    if not 0 <= rate <= 1:
        raise ValueError("use a number from 0 to 1")
    return rate


def anymail_env() -> dict[str, str]:
    """anymail's settings pass through: ANYMAIL_X=… becomes ANYMAIL["X"]."""
    prefix = "ANYMAIL_"
    return {
        name[len(prefix) :]: value for name, value in os.environ.items() if name.startswith(prefix)
    }


def dkim_private_key(domain: str | None, selector: str | None) -> bytes | None:
    """The PEM key from DKIM_PRIVATE_KEY (the text) or DKIM_PRIVATE_KEY_FILE (a path)."""
    text = env_str("DKIM_PRIVATE_KEY")
    path = env_str("DKIM_PRIVATE_KEY_FILE")
    if text and path:
        raise ImproperlyConfigured("Set DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE, not both.")
    given = [bool(domain), bool(selector), bool(text or path)]
    if not any(given):
        return None
    if not all(given):
        raise ImproperlyConfigured(
            "DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY(_FILE) together."
        )
    if path:
        try:
            text = Path(path).read_text()
        except OSError as exc:
            raise ImproperlyConfigured(f"DKIM_PRIVATE_KEY_FILE={path!r}: {exc}") from exc
    assert text is not None  # given above, or read from the file
    key = text.replace("\\n", "\n").encode()  # one-line env values may carry literal \n
    try:
        parse_pem_private_key(key)
    except UnparsableKeyError as exc:
        raise ImproperlyConfigured(f"The DKIM private key is not a PEM RSA key: {exc}") from exc
    return key


def local_secret_key(data_dir: Path) -> str:
    """A per-checkout key for `make run`, created once under DATA_DIR and kept out of git."""
    key_file = data_dir / "local-secret-key"
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
