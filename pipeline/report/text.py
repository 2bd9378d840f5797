"""The editor's terminal report.

Laid out the way ruff and Vale print: the file, then one line per figure that needs attention
(`line:col  verdict  figure  message`), the source's own words under it and the suggested
correction; then the sources that could not be read; then a one-line summary. Verified figures are
counted, not listed, so a long newsletter's report stays readable. Colour only on a terminal and
never under NO_COLOR or TERM=dumb (rich decides; FORCE_COLOR forces it).
"""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from ..config import Options
    from ..model import Claim, Document, RunResult

STYLE = {
    "verified": "green",
    "approximate": "cyan",
    "misquote": "bold red",
    "not_found": "yellow",
    "unavailable": "magenta",
    "uncited": "dim",
}
ORDER = ("misquote", "not_found", "unavailable", "uncited", "approximate", "verified")


def _console(options: Options | None) -> tuple[Console, io.StringIO]:
    from rich.console import Console

    to_tty = (options is None or not options.output) and sys.stdout.isatty()
    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    force = bool(os.environ.get("FORCE_COLOR")) and not no_color
    buf = io.StringIO()
    width = _terminal_width() if to_tty else 200
    console = Console(
        file=buf, force_terminal=(to_tty or force) and not no_color, no_color=no_color, width=width,
        highlight=False, emoji=False, soft_wrap=not to_tty,  # logs and files: one finding per line
    )
    return console, buf


def _terminal_width() -> int:
    """The terminal's width in columns. A pseudo-terminal may report 0 (a CI runner's, `stty cols
    0`): a console that narrow prints nothing at all, so that counts as unknown, i.e. 80."""
    import shutil

    return shutil.get_terminal_size(fallback=(80, 24)).columns or 80


def _esc(s: str) -> str:
    from rich.markup import escape

    return escape(s)


def _clip(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


class _Columns:
    """Widths of the position and kind columns, from what the report actually lists, so a long
    finding kind (`dangling_citation`) or a position past 99:99 does not push its row's message
    out of line with the others."""

    def __init__(self, result: RunResult) -> None:
        positions: list[str] = []
        kinds: list[str] = []
        for doc in result.documents:
            for c in doc.claims:
                if result.mode == "extract" or c.verdict not in ("verified", None):
                    positions.append(f"{c.line}:{c.column}")
                    kinds.append(c.quantity.kind if result.mode == "extract" else c.verdict or "")
            for f in doc.findings:
                positions.append(f"{f.line}:{f.column}")
                kinds.append(f.kind)
        self.pos = max([8, *(len(p) + 2 for p in positions)])  # "  12:345" then two spaces
        self.kind = max([11 if result.mode == "extract" else 12, *(len(k) for k in kinds)])

    def position(self, line: int, column: int) -> str:
        return f"  {line}:{column}".ljust(self.pos + 2)


def render(result: RunResult, options: Options | None = None) -> str:
    console, buf = _console(options)
    if result.mode == "sources":
        _sources_table(console, result)
        return str(buf.getvalue())
    cols = _Columns(result)
    for doc in result.documents:
        _document(console, doc, result.mode, cols)
    if result.mode == "check":
        _failed_sources(console, result)
    _summary(console, result)
    return str(buf.getvalue())


def _document(console: Console, doc: Document, mode: str, cols: _Columns) -> None:
    console.print(f"[bold underline]{_esc(doc.path)}[/]")
    if mode == "extract":
        for c in doc.claims:
            cites = ", ".join(
                (f"[{x.key}]" if x.scope != "block" else x.key) + ("" if x.scope == "sentence" else f" ({x.scope})")
                for x in c.citations
            ) or "uncited"
            console.print(
                cols.position(c.line, c.column)
                + f"{_esc(c.quantity.kind):<{cols.kind}} {_esc(c.quantity.text):<22} [dim]{_esc(cites)}[/]"
            )
    else:
        shown = [c for c in doc.claims if c.verdict not in ("verified", None)]
        shown.sort(key=lambda c: (c.line, c.column))
        for c in shown:
            _claim(console, c, cols)
    for f in doc.findings:
        console.print(cols.position(f.line, f.column) + f"[yellow]{f.kind:<{cols.kind}}[/] {_esc(f.message)}")
    console.print()


def _claim(console: Console, c: Claim, cols: _Columns) -> None:
    style = STYLE.get(c.verdict or "", "")
    pos = cols.position(c.line, c.column)
    console.print(f"{pos}[{style}]{c.verdict or '':<{cols.kind}}[/] [bold]{_esc(c.quantity.text)}[/]  "
                  f"{_esc(c.message or '')}")
    pad = " " * (cols.pos + 2)
    if c.evidence and c.verdict in ("misquote", "approximate", "not_found"):
        key = c.evidence.key
        label = key if ("/" in key or "." in key) else f"[{key}]"
        console.print(f"{pad}[dim]source {_esc(label)}:[/] “{_esc(_clip(c.evidence.excerpt))}”")
    if c.derivation and c.derivation.get("formula"):
        console.print(f"{pad}[dim]computed from the source:[/] {_esc(str(c.derivation['formula']))}")
    if c.suggestion and c.verdict == "misquote":
        console.print(f"{pad}[green]suggestion:[/] {_esc(c.quantity.text)} → [bold green]{_esc(c.suggestion)}[/]")


def _failed_sources(console: Console, result: RunResult) -> None:
    bad = [s for s in result.sources if s.status != "ok"]
    if not bad:
        return
    console.print("[bold]Sources that could not be read[/]")
    for s in bad:
        kind = f" ({s.error_kind})" if s.error_kind else ""
        console.print(f"  [magenta]{s.status:<8}[/] {_esc(s.locator)}  [dim]{_esc(s.error or '')}{kind}[/]")
    console.print()


def _sources_table(console: Console, result: RunResult) -> None:
    from rich.table import Table

    table = Table(title=None, show_lines=False, box=None, pad_edge=False)
    for col in ("status", "locator", "from", "http", "type", "sha256", "kind", "reason"):
        table.add_column(col, overflow="fold", no_wrap=col != "reason")
    for s in result.sources:
        local = s.http_status is None and s.final_url is None
        table.add_row(
            f"[{'green' if s.status == 'ok' else 'magenta'}]{s.status}[/]", _esc(s.locator),
            "" if s.status != "ok" else "file" if local else "cache" if s.from_cache else "network",
            str(s.http_status or ""), _esc(s.content_type or ""), (s.sha256 or "")[:12], s.error_kind or "",
            _esc(s.error or ""),
        )
    console.print(table)
    n_ok = sum(s.status == "ok" for s in result.sources)
    console.print(f"{len(result.sources)} sources: {n_ok} ok, {len(result.sources) - n_ok} not readable")


def _summary(console: Console, result: RunResult) -> None:
    s = result.summary()
    if result.mode == "extract":
        n_find = sum(len(d.findings) for d in result.documents)
        n, d = s["claims"], s["documents"]
        console.print(f"{d} document{'' if d == 1 else 's'}, {n} claim{'' if n == 1 else 's'}, "
                      f"{n_find} finding{'' if n_find == 1 else 's'}")
        return
    parts = [f"[{STYLE[v]}]{s[v]} {v.replace('_', ' ')}[/]" for v in ORDER if s.get(v)]
    n, d = s["claims"], s["documents"]
    # figures the draft computed and the check computed too: the report lists only the problems,
    # so the summary says how many of the others rest on a computation
    computed = sum(1 for _doc, c in result.claims() if c.derivation)
    console.print(f"[bold]{n} claim{'' if n == 1 else 's'}[/] in {d} document{'' if d == 1 else 's'}"
                  + (": " + ", ".join(parts) if parts else "")
                  + (f" ({computed} checked by a computation from the source)" if computed else ""))
