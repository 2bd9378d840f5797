"""The command line: a thin typer layer over the Python API (:mod:`pipeline.run`).

``claimledger --version`` must answer before typer, httpx or rich are loaded, so this module
imports nothing heavy: the app is built by :mod:`pipeline.cli.app` only when a command runs.

* :mod:`.options`: every option, declared once, its default from :class:`pipeline.config.Options`;
* :mod:`.app`: ``check``, ``extract``, ``sources``, ``baseline``: run, write the report, and the
  exit code, all decided there;
* :mod:`.ledger`, :mod:`.cache`: the ``ledger`` and ``cache`` commands;
* :mod:`.help`: how every ``--help`` reads.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

from ..__about__ import __version__

if TYPE_CHECKING:
    import typer


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr and the exit code: how every command reports a failed run."""
    sys.stderr.write(f"claimledger: {message}\n")
    raise SystemExit(code)


def main(argv: list[str] | None = None) -> None:
    """The console script ``claimledger``."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):  # the fast path: no typer, no rich
        sys.stdout.write(f"claimledger {__version__}\n")
        return
    from .app import run_app

    run_app(args)


def build_app() -> typer.Typer:
    """The typer app of every command (for tests and documentation tools)."""
    from .app import build_app as build

    return build()


__all__ = ["build_app", "fail", "main"]
