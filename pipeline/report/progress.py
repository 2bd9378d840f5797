"""A progress bar on stderr while sources are fetched (only on a TTY, as lychee does)."""

from __future__ import annotations


class Progress:
    """Started with the number of sources, so its first frame already says 0/N."""

    def __init__(self, total: int | None = None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        self._p = RichProgress(
            TextColumn("fetching sources"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), transient=True,
        )
        self._task = self._p.add_task("sources", total=total)
        self._p.start()

    def update(self, done: int, total: int) -> None:
        self._p.update(self._task, completed=done, total=total)

    def close(self) -> None:
        self._p.stop()
