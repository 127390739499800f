"""SIGTERM handled like Ctrl-C, and worker processes that never outlive the command.

Why: CI cancels a job, ``timeout`` ends a run and systemd stops a service with SIGTERM,
sent to the main process only. Python's default would kill that process at once and
leave its pool workers running on as orphans, finishing a copy into a temporary folder
nobody removes. Here SIGTERM raises :class:`Terminated` (a ``KeyboardInterrupt``), so the
same clean-up that Ctrl-C gets runs: pools are terminated, temporary files and folders
removed, and the command exits with 143 (128 + SIGTERM).

Forked workers inherit the handler; in a worker it restores the default and re-sends the
signal to itself, so ``Pool.terminate()`` still ends workers at once. And a worker asks
the kernel for SIGTERM when its parent dies (``PR_SET_PDEATHSIG``, Linux), which covers a
parent killed with SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from types import FrameType

#: 128 + SIGTERM, what a shell shows for a command ended by SIGTERM.
EXIT_TERMINATED = 143
_PR_SET_PDEATHSIG = 1
_main_pid: int | None = None


class Terminated(KeyboardInterrupt):
    """SIGTERM reached the main process: clean up as for Ctrl-C, then exit 143."""


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` in this (main) process; the previous
    handler comes back after it (``main()`` also runs inside tests and applications)."""
    global _main_pid
    try:
        previous = signal.signal(signal.SIGTERM, _on_term)
    except ValueError:  # not the main thread (an embedding application): leave its handlers alone
        yield
        return
    _main_pid = os.getpid()
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        _main_pid = None


def _on_term(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _main_pid:  # a forked worker: die now, as without this module
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        return
    raise Terminated


def worker_init() -> None:
    """For pool initializers: leave Ctrl-C to the parent, and die with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent()


def die_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when its parent exits; a no-op elsewhere."""
    if not sys.platform.startswith('linux'):
        return
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library('c') or 'libc.so.6', use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid != os.getppid():  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)
