"""A progress bar on stderr for long scans: only on a terminal, only after the first second."""
from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any


class Progress:
    """``update(source)`` per finished source; draws nothing until ``delay`` seconds have passed."""

    def __init__(self, total: int, enabled: bool = True, delay: float = 1.0) -> None:
        self.total = total
        self.enabled = enabled and sys.stderr.isatty()
        self.delay = delay
        self.start = time.monotonic()
        self.done = 0
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        return self

    def update(self, source: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self._bar is None:
            if time.monotonic() - self.start < self.delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn
            from rich.progress import MofNCompleteColumn
            from rich.progress import Progress as RichProgress
            from rich.progress import TextColumn
            from rich.progress import TimeRemainingColumn

            self._bar = RichProgress(
                TextColumn('scanning'),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                TextColumn('{task.description}', style='dim'),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task('', total=self.total or None, completed=self.done - 1)
        self._bar.update(self._task, advance=1, description=source[-50:])

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
