"""One piece of work in a forked child process of its own, cut off from the network and killed at its deadline.

Oxigraph cannot be stopped mid-query, but a process can: killed, its work stops and its
memory goes back to the system. The child answers over a pipe with bytes (a short head,
then its body in chunks), never with pickled objects; it cannot open a socket
(`nonet`), and it ends itself shortly after its deadline should its parent be gone.
"""

from __future__ import annotations

import math
import os
import signal
import stat
import time
from collections.abc import Callable
from multiprocessing import Pipe
from multiprocessing.connection import Connection

from newskg.nonet import forbid_network

Work = Callable[[], tuple[str, bytes]]
_CHUNK = 1 << 20


class Overtime(Exception):
    """The work ran past its time limit; its process was killed."""


class ChildFailed(Exception):
    """The work raised an error (its message is this one's) or its process died before answering."""


def run_isolated(work: Work, seconds: float) -> tuple[str, bytes]:
    """The (head, body) `work` returns when run in a forked child process, which is killed at `seconds`
    (Overtime) and always reaped before this returns."""
    reader, writer = Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:
        reader.close()
        _child(work, writer, seconds)
    writer.close()
    deadline = time.monotonic() + seconds
    try:
        head = _receive(reader, deadline).decode("utf-8")
        if head.startswith("!"):
            raise ChildFailed(head[1:])
        parts = []
        while part := _receive(reader, deadline):
            parts.append(part)
        return head, b"".join(parts)
    finally:
        reader.close()
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _receive(reader: Connection, deadline: float) -> bytes:
    if not reader.poll(max(0.0, deadline - time.monotonic())):
        raise Overtime()
    try:
        return reader.recv_bytes()
    except EOFError:
        raise ChildFailed("the process running the query ended without an answer (out of memory?)") from None


def _child(work: Work, writer: Connection, seconds: float) -> None:
    """Run the work and send its answer; never returns (the child must not go on as its parent would)."""
    try:
        signal.alarm(math.ceil(seconds) + 2)
        _close_sockets()
        forbid_network()
        try:
            head, body = work()
        except Exception as error:
            head, body = "!" + (str(error).strip().splitlines() or [type(error).__name__])[0], b""
        writer.send_bytes(head.encode("utf-8"))
        view = memoryview(body)
        for start in range(0, len(view), _CHUNK):
            writer.send_bytes(view[start : start + _CHUNK])
        writer.send_bytes(b"")
    finally:
        os._exit(0)


def _close_sockets() -> None:
    """Close the sockets inherited from the parent (a server's clients, its listening socket), so the
    child holds no connection open and can answer none."""
    try:
        descriptors = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return
    for descriptor in descriptors:
        try:
            if stat.S_ISSOCK(os.fstat(descriptor).st_mode):
                os.close(descriptor)
        except OSError:
            continue
