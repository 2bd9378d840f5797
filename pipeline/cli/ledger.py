"""`claimledger ledger ...`: read the claims ledger, and merge ledgers from parallel CI shards.

Reading commands open the ledger read-only (a `file:...?mode=ro` URI plus an authorizer), so a
researcher can explore with `ledger sql` without any risk to the history. Only typer is imported at
module level; the ledger (sqlite-utils) and rich are loaded inside the commands, so the main CLI
can register this app without slowing `claimledger --version`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from . import fail
from .help import APP_SETTINGS, READ_EPILOG, Command
from .options import (
    ClaimId,
    D,
    Db,
    DocumentGlob,
    Into,
    LedgerFormat,
    Query,
    Search,
    Shards,
    TableFormat,
    VerdictFilter,
)

if TYPE_CHECKING:
    from ..ledger import Ledger

T = TypeVar("T")

ledger_app = typer.Typer(
    help="Read the claims ledger: runs, claims, the history of one claim, read-only SQL; merge shards.",
    **APP_SETTINGS,
)


def _open(db: str) -> Ledger:
    from ..errors import LedgerError
    from ..ledger import Ledger

    try:
        return Ledger.open(db, readonly=True)
    except LedgerError as e:
        fail(str(e))


def _dedupe(columns: list[str]) -> list[str]:
    """`SELECT a.id, b.id` must not lose a column in JSON objects: the second becomes `id_2`."""
    seen: dict[str, int] = {}
    out = []
    for c in columns:
        n = seen.get(c, 0) + 1
        seen[c] = n
        out.append(c if n == 1 else f"{c}_{n}")
    return out


def _cell(column: str, value: Any) -> str:
    """Table cells only: compact timestamps and hashes so a terminal row stays readable
    (json and csv always carry the full values)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    text = str(value)
    if column.endswith("_at") and len(text) >= 16 and text[10:11] == "T":
        return text[:16].replace("T", " ")
    if column in ("snapshot", "sha256") and len(text) > 12:
        return text[:12]
    return text


def _emit(columns: list[str], rows: list[tuple[Any, ...]], fmt: TableFormat, title: str | None = None,
          table_columns: list[str] | None = None) -> None:
    if fmt is TableFormat.json:
        import json

        objs = [dict(zip(columns, r, strict=True)) for r in rows]
        sys.stdout.write(json.dumps(objs, indent=2, ensure_ascii=False, default=str) + "\n")
    elif fmt is TableFormat.csv:
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        w.writerows(["" if v is None else v for v in r] for r in rows)
    else:
        from rich.console import Console
        from rich.table import Table

        shown = [columns.index(c) for c in (table_columns or columns)]
        table = Table(title=title, caption=f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
        for i in shown:
            table.add_column(columns[i], overflow="fold", no_wrap=columns[i] in _NO_WRAP)
        for r in rows:
            table.add_row(*(_cell(columns[i], r[i]) for i in shown))
        # a pipe or a file has no width: give tables room rather than folding every header
        Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200).print(table)


_NO_WRAP = {"id", "claim_id", "run_id", "started_at", "judged_at", "status", "verdict"}


def _emit_dicts(rows: list[dict[str, Any]], columns: list[str], fmt: TableFormat, title: str,
                table_columns: list[str] | None = None) -> None:
    _emit(columns, [tuple(r.get(c) for c in columns) for r in rows], fmt, title, table_columns)


def _guard(fn: Callable[..., T], *args: Any, **kw: Any) -> T:
    from ..errors import LedgerError

    try:
        return fn(*args, **kw)
    except LedgerError as e:
        fail(str(e))


_RUN_TABLE = ["id", "started_at", "status", "documents", "claims", "verified", "approximate", "misquote",
              "not_found", "unavailable", "uncited", "findings", "suppressed"]
_CLAIM_TABLE = ["id", "document", "line", "verdict", "figure", "source_figure", "sentence"]
_HISTORY_TABLE = ["judged_at", "run_id", "line", "verdict", "previous_verdict", "source", "snapshot",
                  "source_figure", "message"]
_RUN_COLUMNS = ["id", "started_at", "finished_at", "status", "documents", "claims", "verified", "approximate",
                "misquote", "not_found", "unavailable", "uncited", "findings", "suppressed", "baseline",
                "tool_version"]
_CLAIM_COLUMNS = ["id", "document", "line", "column", "verdict", "figure", "source_figure", "key", "sentence",
                  "judged_at", "suppressed_by"]
_HISTORY_COLUMNS = ["judged_at", "run_id", "document", "line", "column", "verdict", "previous_verdict",
                    "verdict_changed", "source", "snapshot", "snapshot_fetched_at", "source_figure", "message",
                    "suppressed_by"]


@ledger_app.command(cls=Command, epilog=READ_EPILOG)
def runs(db: Db = D.db, format: LedgerFormat = TableFormat.table) -> None:
    """Every run, newest first: status (complete / interrupted) and totals per verdict."""
    ledger = _open(db)
    try:
        rows = _guard(ledger.runs)
    finally:
        ledger.close()
    _emit_dicts(rows, _RUN_COLUMNS, format, "runs", _RUN_TABLE)


@ledger_app.command(cls=Command, epilog=READ_EPILOG)
def claims(
    db: Db = D.db,
    verdict: VerdictFilter = None,
    document: DocumentGlob = None,
    search: Search = None,
    format: LedgerFormat = TableFormat.table,
) -> None:
    """Each claim with its latest verdict (from complete runs)."""
    ledger = _open(db)
    try:
        rows = _guard(ledger.claims, verdict=verdict, document=document, search=search)
    finally:
        ledger.close()
    _emit_dicts(rows, _CLAIM_COLUMNS, format, "claims", _CLAIM_TABLE)


@ledger_app.command(cls=Command, epilog=READ_EPILOG)
def history(claim_id: ClaimId, db: Db = D.db, format: LedgerFormat = TableFormat.table) -> None:
    """Every verdict one claim received, oldest first, with the source snapshot it was judged on."""
    ledger = _open(db)
    try:
        rows = _guard(ledger.history, claim_id)
    finally:
        ledger.close()
    title = f"history of {rows[0]['claim_id'] if rows else claim_id}" + (f" in {rows[-1]['document']}" if rows else "")
    _emit_dicts(rows, _HISTORY_COLUMNS, format, title, _HISTORY_TABLE)


@ledger_app.command(cls=Command, epilog=READ_EPILOG)
def sql(query: Query, db: Db = D.db, format: LedgerFormat = TableFormat.table) -> None:
    """Run one read-only SQL statement against the ledger (writes are refused)."""
    ledger = _open(db)
    try:
        columns, rows = _guard(ledger.sql, query)
    finally:
        ledger.close()
    _emit(_dedupe(columns), rows, format)


@ledger_app.command(cls=Command, epilog=READ_EPILOG)
def merge(shards: Shards, into: Into = None, db: Db = D.db, format: LedgerFormat = TableFormat.table) -> None:
    """Merge shard ledgers into one without duplicates; merging the same shard twice adds nothing."""
    from ..ledger import merge as merge_ledgers

    target = into or db
    counts = _guard(merge_ledgers, Path(target), shards)
    rows = [(table, n) for table, n in counts.items()]
    _emit(["table", "added"], rows, format, f"merged {len(shards)} shard(s) into {target}")
