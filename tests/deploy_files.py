"""What the shipped deploy files configure, read from the files themselves, so tests check
the configuration an operator copies rather than a hand-made one."""

import re
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def env_example() -> dict[str, str]:
    """The variables deploy/env.example sets (commented-out lines are not set)."""
    pairs = (line.split("=", 1) for line in (DEPLOY / "env.example").read_text().splitlines()
             if line and not line.startswith("#") and "=" in line)  # fmt: skip
    return {name.strip(): value.strip() for name, value in pairs}


def nginx_client_ip_header() -> str:
    """The WSGI name of the header deploy/nginx.conf sets to the peer's address."""
    found = re.search(
        r"proxy_set_header\s+([\w-]+)\s+\$remote_addr;", (DEPLOY / "nginx.conf").read_text()
    )
    assert found, "deploy/nginx.conf sets no header to $remote_addr"
    return "HTTP_" + found.group(1).upper().replace("-", "_")
