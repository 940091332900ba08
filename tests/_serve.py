"""A real faro server in a subprocess on a free loopback port, for the tests that talk to one
over the network (the browser tests, the TAXII client tests)."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(command: list[str], env: dict[str, str], log: Path, base: str, *,
            verify: bool = True, timeout: float = 60.0) -> Iterator[None]:
    """Run ``command`` (a server answering at ``base``) until the block ends, once its
    ``/api/v1/health`` answers; its output goes to ``log``, shown if it does not start."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    if httpx2.get(f"{base}/api/v1/health", timeout=2,
                                  verify=verify).is_success:
                        break
                except httpx2.TransportError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the server did not start: "
                                       + log.read_text(errors="replace"))
                time.sleep(0.2)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
