"""One piece of work in a forked child process of its own, cut off from the network and killed at its deadline.

Oxigraph cannot be stopped mid-query, but a process can: killed, its work stops and its
memory goes back to the system. The child answers over a pipe with bytes (a short head,
then its body in chunks), never with pickled objects; it cannot open a socket
(`nonet`), may grow by no more than its memory allowance (its address space is capped at
its size when forked plus that), and ends itself shortly after its deadline should its
parent be gone.
"""

from __future__ import annotations

import faulthandler
import math
import os
import resource
import signal
import stat
import time
from collections.abc import Callable
from multiprocessing import Pipe
from multiprocessing.connection import Connection

from newskg.nonet import forbid_network

Work = Callable[[], tuple[str, bytes]]
_CHUNK = 1 << 20
DEFAULT_MEMORY = 2 << 30  # bytes a child may grow by: a query is told it needs more rather than take the machine's


class Overtime(Exception):
    """The work ran past its time limit; its process was killed."""


class ChildFailed(Exception):
    """The work raised an error (its message is this one's) or its process died before answering."""


class OutOfMemory(Exception):
    """The work needed more memory than its allowance (`memory`, in bytes); its process was stopped."""

    def __init__(self, memory: int) -> None:
        super().__init__(f"more than its memory allowance of {memory >> 20:,} MiB")
        self.memory = memory


def run_isolated(work: Work, seconds: float, memory: int = DEFAULT_MEMORY) -> tuple[str, bytes]:
    """The (head, body) `work` returns when run in a forked child process, which is killed at `seconds`
    (Overtime), stopped should it grow by more than `memory` bytes (OutOfMemory), and always reaped before
    this returns."""
    reader, writer = Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:
        reader.close()
        _child(work, writer, seconds, memory)
    writer.close()
    try:
        answer = _answer(reader, time.monotonic() + seconds)
    finally:
        reader.close()
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if answer is not None:
        return answer
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT:  # how a child out of memory ends
        raise OutOfMemory(memory)
    raise ChildFailed("the process running the query ended without an answer")


def _answer(reader: Connection, deadline: float) -> tuple[str, bytes] | None:
    """The child's head and body; None when it ended without sending them whole."""
    try:
        head = _receive(reader, deadline).decode("utf-8")
        if head.startswith("!"):
            raise ChildFailed(head[1:])
        parts = []
        while part := _receive(reader, deadline):
            parts.append(part)
    except EOFError:
        return None
    return head, b"".join(parts)


def _receive(reader: Connection, deadline: float) -> bytes:
    if not reader.poll(max(0.0, deadline - time.monotonic())):
        raise Overtime()
    return reader.recv_bytes()


def _child(work: Work, writer: Connection, seconds: float, memory: int) -> None:
    """Run the work and send its answer; never returns (the child must not go on as its parent would). Out of
    memory, it aborts, as Oxigraph's own code does when an allocation fails."""
    try:
        signal.alarm(math.ceil(seconds) + 2)
        _close_sockets()
        forbid_network()
        _cap_memory(memory)
        try:
            head, body = work()
        except MemoryError:
            os.abort()
        except Exception as error:
            head, body = "!" + (str(error).strip().splitlines() or [type(error).__name__])[0], b""
        writer.send_bytes(head.encode("utf-8"))
        view = memoryview(body)
        for start in range(0, len(view), _CHUNK):
            writer.send_bytes(view[start : start + _CHUNK])
        writer.send_bytes(b"")
    except MemoryError:
        os.abort()
    finally:
        os._exit(0)


def _cap_memory(memory: int) -> None:
    """Cap this process's address space at its size now plus `memory` bytes, and keep what an allocation that
    fails prints (Oxigraph's "memory allocation of N bytes failed", a fault handler's dump) off the parent's
    stderr."""
    faulthandler.disable()
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # no /proc: the time limit alone bounds the work
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + memory if hard == resource.RLIM_INFINITY else min(hard, size + memory)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


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
