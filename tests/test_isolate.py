"""newskg.isolate: work in a forked child that answers in bytes, fails in one line, or is killed at its deadline."""

from __future__ import annotations

import os
import time

import psutil
import pytest

from newskg.isolate import ChildFailed, OutOfMemory, Overtime, run_isolated


def test_the_answer_comes_back_whole_however_long() -> None:
    body = bytes(range(256)) * 20_000  # five chunks of the pipe's
    assert run_isolated(lambda: ("head", body), 10) == ("head", body)


def test_an_error_in_the_child_is_its_first_line() -> None:
    def failing() -> tuple[str, bytes]:
        raise ValueError("no good\nsecond line")

    with pytest.raises(ChildFailed, match=r"^no good$"):
        run_isolated(failing, 10)


def test_a_child_that_dies_without_answering_is_told() -> None:
    with pytest.raises(ChildFailed, match="ended without an answer"):
        run_isolated(lambda: os._exit(3), 10)


def test_work_past_its_deadline_is_killed_and_reaped() -> None:
    before = psutil.Process().children()
    with pytest.raises(Overtime):
        run_isolated(lambda: (time.sleep(60), ("late", b""))[1], 0.5)
    assert psutil.Process().children() == before


@pytest.mark.slow
def test_work_past_its_memory_allowance_fails_and_the_caller_goes_on() -> None:
    def greedy() -> tuple[str, bytes]:
        return "", bytes(256 << 20)

    with pytest.raises(OutOfMemory, match=r"^more than its memory allowance of 64 MiB$"):
        run_isolated(greedy, 30, memory=64 << 20)
    assert run_isolated(greedy, 30, memory=1 << 30)[1] == bytes(256 << 20)
