"""Cutting the calling process off from the network with a seccomp filter, so a query engine asked to
fetch from elsewhere (SPARQL SERVICE) cannot, whatever the query text made it parse.

The filter refuses (EACCES) every new socket, Unix ones too: no TCP or UDP connection, and no
DNS lookup, not even through a local resolver's socket. It holds for the process and every
thread it starts afterwards, and cannot be lifted.
Linux on x86-64 and ARM64 only; elsewhere `forbid_network` returns False and the parsed-query
check (newskg.query.prepare) stands alone.
"""

from __future__ import annotations

import ctypes
import platform
import struct

_ARCHES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}  # audit arch, socket() number
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_ALLOW = 0x7FFF0000
_REFUSE = 0x00050000 | 13  # SECCOMP_RET_ERRNO | EACCES
_X32 = 0x40000000  # x86-64's x32 system calls, refused outright
_LOAD, _JEQ, _JGE, _RETURN = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, BPF_JMP|JGE|K, BPF_RET|K


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]


def forbid_network() -> bool:
    """Refuse this process any new socket from now on; False where that is not possible."""
    arch = _ARCHES.get(platform.machine())
    if arch is None:
        return False
    audit, socket_call = arch
    steps = [  # (code, jump if true, jump if false, operand); jumps count the steps skipped
        (_LOAD, 0, 0, 4),  # the calling convention
        (_JEQ, 0, 4, audit),
        (_LOAD, 0, 0, 0),  # the system call's number
        (_JGE, 2, 0, _X32),
        (_JEQ, 1, 0, socket_call),
        (_RETURN, 0, 0, _ALLOW),
        (_RETURN, 0, 0, _REFUSE),
    ]
    code = b"".join(struct.pack("=HBBI", *step) for step in steps)
    program = _Program(len(steps), code)
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return bool(prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(program), 0, 0) == 0)
