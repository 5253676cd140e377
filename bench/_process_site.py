"""A throw-away installation driven from a bench through `bigasia` processes: its
environment, commands, snippets and workers, as an operator's shell would run them."""

import os
import subprocess
import sys
from pathlib import Path
from typing import IO


class ProcessSite:
    def __init__(self, data_dir: Path, **env: str) -> None:
        self.data_dir = data_dir
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
            "DJANGO_SETTINGS_MODULE": "bigasia.settings.dev",
            "DATA_DIR": str(data_dir),
            "DEBUG": "0",
            "LOG_LEVEL": "WARNING",
            # A bench measures the engine, as on a host of workers only: at the default idle
            # priority the workers would queue behind the processes they feed, on the same cores.
            "WORKER_CPU_PRIORITY": "normal",
            **env,
        }

    def bigasia(self, *args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "bigasia.cli", *args],
            env=self.env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    def python(self, code: str) -> str:
        return self.bigasia("shell", "--no-imports", "-c", code).strip()

    def spawn_worker(self, log: IO[str] | None = None) -> subprocess.Popen:
        """A worker whose output goes to `log` (both streams), or nowhere."""
        output = log if log is not None else subprocess.DEVNULL
        return subprocess.Popen(
            [sys.executable, "-m", "bigasia.cli", "worker", "--interval", "0.2"],
            env=self.env, stdout=output, stderr=subprocess.STDOUT if log else output,
        )  # fmt: skip
