"""One long-lived `bigasia shell` per scratch site that forks a fresh child for each snippet.

Starting `bigasia shell -c` costs seconds (imports, Django set-up); tests read and change a
scratch site's data through dozens of snippets, many inside polling loops. The shell here
pays the start once and then forks: each child is a new process with Django already set up
and nothing else carried over (no connection, cache entry or thread of an earlier snippet),
runs the snippet the way `shell -c` would (same globals) and ends as the interpreter would
(threads joined, atexit hooks and multiprocessing finalizers run), its stdout and stderr
captured in files.
"""

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runs inside the site as `bigasia shell --no-imports -c`: one JSON request a line on stdin,
# one reply line (marked, so a stray print of the shell itself is never taken for it).
SERVE_FORKED_SNIPPETS = """
import atexit as _atexit, json as _json, os as _os, random as _random, sys as _sys
import threading as _threading, traceback as _traceback
from django.db import connections as _connections
_namespace = dict(globals())

def _run(code):
    try:
        exec(code, dict(_namespace))
        status = 0
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            status = stop.code or 0
        else:
            print(stop.code, file=_sys.stderr)  # sys.exit("message") prints its message
            status = 1
    except BaseException:
        _traceback.print_exc()
        status = 1
    # The interpreter's own shutdown steps, without its teardown of every object: that
    # teardown writes to each page shared with the parent and costs seconds.
    _threading._shutdown()
    _atexit._run_exitfuncs()
    _sys.stdout.flush()
    _sys.stderr.flush()
    return status
for _line in _sys.stdin:
    _request = _json.loads(_line)
    _connections.close_all()
    _sys.stdout.flush()
    _sys.stderr.flush()
    _pid = _os.fork()
    if _pid == 0:
        _random.seed()
        _null = _os.open(_os.devnull, _os.O_RDONLY)
        _os.dup2(_null, 0)
        for _fd, _path in ((1, _request["stdout"]), (2, _request["stderr"])):
            _os.dup2(_os.open(_path, _os.O_WRONLY | _os.O_TRUNC), _fd)
        _sys.stdin = open(_os.devnull)
        _os._exit(_run(_request["code"]))
    _status = _os.waitstatus_to_exitcode(_os.waitpid(_pid, 0)[1])
    print("@@snippet-done@@", _status, flush=True)
"""
DONE = "@@snippet-done@@"


class ForkingShell:
    """The site's long-lived shell; `run` returns a snippet's exit status, stdout, stderr."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = dict(env)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bigasia.cli", "shell", "--no-imports", "-c",
             SERVE_FORKED_SNIPPETS],
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its group holds the running snippet's child too
        )  # fmt: skip
        self._outputs = Path(tempfile.mkdtemp(prefix="bigasia-site-shell-"))

    def run(self, code: str, timeout: float) -> subprocess.CompletedProcess:
        stdout, stderr = self._outputs / "stdout", self._outputs / "stderr"
        stdout.write_bytes(b"")
        stderr.write_bytes(b"")
        request = {"code": code, "stdout": str(stdout), "stderr": str(stderr)}
        self.process.stdin.write(json.dumps(request).encode() + b"\n")
        self.process.stdin.flush()
        status = self._read_status(timeout)
        return subprocess.CompletedProcess(
            ["bigasia", "shell", "-c", code], status, stdout.read_text(), stderr.read_text()
        )

    def _read_status(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        received = b""
        while (left := deadline - time.monotonic()) > 0:
            if not select.select([self.process.stdout], [], [], left)[0]:
                break
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError(f"the site's shell exited:\n{received.decode()[-3000:]}")
            received += chunk
            for line in received.split(b"\n")[:-1]:  # complete lines only
                if line.startswith(DONE.encode()):
                    return int(line.split()[1])
        self.stop()
        raise subprocess.TimeoutExpired("bigasia shell (forked snippet)", timeout)

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:  # the shell and its last child are gone already
            pass
        self.process.wait()
        for path in self._outputs.iterdir():
            path.unlink()
        self._outputs.rmdir()
