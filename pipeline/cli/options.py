"""Every option and argument of the command line, declared once.

typer reads a command's options from its signature, so each command lists the ones it takes; the
declaration (flags, metavar, help) is one alias here, and the default is ``D.<name>``, the default
of :class:`pipeline.config.Options` (or, where the command line writes a value differently from how
the run holds it, the constant config.py derives that default from). Only options the user actually
gives override the configuration file (``help.given``), so these defaults are what ``--help`` shows
and nothing else; tests/test_cli_help.py checks every command's defaults against Options.

Flags come in pairs (``--offline/--no-offline``) so that the command line can switch off what a
configuration file switched on. Imported only when the app is built (never on the ``--version`` path).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..config import DEFAULT_BASELINE, DEFAULT_MAX_CACHE_AGE, FAILABLE, FORMATS, Options

#: the defaults every command shows and the run uses
D = Options()
#: --fail-on and --max-cache-age as a user writes them (the run holds a tuple and seconds)
FAIL_ON = ",".join(D.fail_on)
MAX_CACHE_AGE = DEFAULT_MAX_CACHE_AGE

# -- arguments ---------------------------------------------------------------------------------------

Paths = Annotated[list[str], typer.Argument(
    metavar="PATH...", help="Draft files or folders (folders: every *.md, *.markdown, *.txt, *.html under them).")]
ClaimId = Annotated[str, typer.Argument(metavar="CLAIM_ID", help="A claim id (a unique prefix is enough).")]
Query = Annotated[str, typer.Argument(metavar="QUERY", help='One SQL statement, e.g. "SELECT * FROM latest_verdicts".')]
Shards = Annotated[list[Path], typer.Argument(metavar="SHARD...",
                                              help="Shard ledgers to merge (e.g. from parallel CI jobs).")]

# -- what a run reads and writes ---------------------------------------------------------------------

Format = Annotated[str, typer.Option(
    "--format", "-f", metavar="FORMAT",
    help=f"Report format: {', '.join(FORMATS)} (extract and sources: text or json).")]
Output = Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", show_default="stdout",
                                            help="Write the report to FILE (its folders are created).")]
Db = Annotated[str, typer.Option("--db", metavar="FILE", help="Ledger file.")]
NoLedger = Annotated[bool, typer.Option("--no-ledger/--ledger", help="Write no ledger (or do).")]
CacheDir = Annotated[str, typer.Option("--cache-dir", metavar="DIR", help="Source cache.")]
Root = Annotated[str | None, typer.Option(
    "--root", metavar="DIR", show_default="the draft's git root, else the current folder",
    help="Local source paths resolve inside DIR and may not leave it.")]
MaxDraftBytes = Annotated[int, typer.Option("--max-draft-bytes", metavar="N", help="Largest draft read, in bytes.")]
Quiet = Annotated[bool, typer.Option("--quiet/--no-quiet", "-q", help="No progress bar, no warnings.")]

# -- fetching ----------------------------------------------------------------------------------------

Offline = Annotated[bool, typer.Option(
    "--offline/--no-offline", help="Never touch the network: URLs come from the cache only; local files are read.")]
Refresh = Annotated[bool, typer.Option("--refresh/--no-refresh", help="Revalidate every cached URL, whatever its age.")]
MaxCacheAge = Annotated[str, typer.Option(
    "--max-cache-age", metavar="AGE",
    help="Revalidate a cached URL older than AGE with a conditional request (a 304 keeps the copy): "
         "30m, 12h, 1d, 2w or seconds; 0 = every run.")]
Private = Annotated[bool, typer.Option(
    "--allow-private-hosts", help="Permit fetching from loopback, private and link-local addresses.")]
Concurrency = Annotated[int, typer.Option("--concurrency", metavar="N", help="Sources fetched at once.")]
HostConcurrency = Annotated[int, typer.Option("--host-concurrency", metavar="N",
                                              help="Sources fetched at once from one host.")]
Timeout = Annotated[float, typer.Option("--timeout", metavar="SECONDS", help="Per-source time limit.")]

# -- what fails, and what is left out ----------------------------------------------------------------

FailOn = Annotated[str, typer.Option(
    "--fail-on", metavar="LIST",
    help=f"Comma-separated kinds that make the exit code 1, or none: {', '.join(FAILABLE)}.")]
Baseline = Annotated[str | None, typer.Option(
    "--baseline", "-b", metavar="FILE", show_default=f"{DEFAULT_BASELINE} when present",
    help="Baseline file of accepted findings (`baseline check` requires it to exist).")]
ChangedLines = Annotated[str | None, typer.Option(
    "--changed-lines", metavar="REV", show_default="every line",
    help="Report only claims on lines changed since the git revision REV.")]
Diff = Annotated[bool, typer.Option("--diff/--no-diff", help="Print a unified diff applying every suggestion.")]
Expires = Annotated[str | None, typer.Option(
    "--expires", metavar="DATE", show_default="never", help="ISO date (YYYY-MM-DD) after which every entry fails again.")]

# -- the ledger and cache commands -------------------------------------------------------------------


class TableFormat(StrEnum):
    """How the ``ledger`` commands print rows."""

    table = "table"
    json = "json"
    csv = "csv"


LedgerFormat = Annotated[TableFormat, typer.Option(
    "--format", "-f", metavar="FORMAT", help="Output format: table, json (a list of objects) or csv.")]
VerdictFilter = Annotated[str | None, typer.Option(
    metavar="VERDICT", show_default="every verdict", help="Only claims whose latest verdict is VERDICT.")]
DocumentGlob = Annotated[str | None, typer.Option(
    metavar="GLOB", show_default="every draft", help="Only this draft path (* matches anything).")]
Search = Annotated[str | None, typer.Option(
    metavar="WORDS", show_default="no search", help="Full-text search in sentences and evidence excerpts.")]
Into = Annotated[str | None, typer.Option("--into", metavar="FILE", show_default="the --db file",
                                          help="Target ledger (created if missing).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")]
OlderThan = Annotated[float | None, typer.Option(
    "--older-than", metavar="DAYS", show_default="keep every intact entry",
    help="Remove entries fetched more than DAYS days ago.")]
All = Annotated[bool, typer.Option("--all", help="Remove everything.")]
