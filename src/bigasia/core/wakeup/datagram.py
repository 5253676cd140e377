"""Same-host wake-ups for the SQLite queue: a Unix datagram socket per idle worker.

Each worker binds a socket in DATA_DIR/worker-wakeups/; a process that enqueues a task sends
one byte to every socket there once its transaction commits. Chosen over the alternatives:
- a file the worker watches would need inotify (a dependency, or polling the file's mtime,
  the cost this replaces);
- a UDP port would need a port per installation on the host;
- a FIFO wakes only one reader, and its writer blocks or fails while no worker holds it open.
The trade-off: a datagram reaches only this host (SQLite is single-host anyway), a socket path
is limited to 107 bytes (a longer DATA_DIR leaves the worker polling), and a datagram sent
while no worker listens is lost, which costs that task only the wait until the next poll.
"""

import logging
import os
import secrets
import select
import socket
from pathlib import Path

from .base import Listener, WakeChannel

logger = logging.getLogger(__name__)

SUFFIX = ".sock"


class DatagramListener(Listener):
    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / f"{os.getpid()}-{secrets.token_hex(4)}{SUFFIX}"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            self.sock.bind(str(self.path))
        except OSError:
            self.sock.close()
            raise
        self.sock.setblocking(False)

    def wait(self, timeout: float) -> bool:
        readable, _, _ = select.select([self.sock], [], [], max(timeout, 0.0))
        if not readable:
            return False
        while True:  # many pokes while busy are one reason to look
            try:
                self.sock.recv(64)
            except BlockingIOError:
                return True

    def close(self) -> None:
        self.sock.close()
        self.path.unlink(missing_ok=True)


class DatagramChannel(WakeChannel):
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def listen(self) -> Listener:
        return DatagramListener(self.directory)

    def poke(self) -> None:
        try:
            entries = [e.path for e in os.scandir(self.directory) if e.name.endswith(SUFFIX)]
        except FileNotFoundError:
            return  # no worker has listened yet
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sender:
            sender.setblocking(False)
            for path in entries:
                self._send(sender, path)

    def _send(self, sender: socket.socket, path: str) -> None:
        try:
            sender.sendto(b"\x01", path)
        except BlockingIOError:
            pass  # its queue is full of pokes it has not read: it is awake already
        except (ConnectionRefusedError, FileNotFoundError):
            # Nobody is bound there: the worker was killed (SIGKILL skips its clean-up).
            Path(path).unlink(missing_ok=True)
        except OSError:  # a hint only: the worker's poll finds the task anyway
            logger.debug("could not wake the worker at %s", path, exc_info=True)
