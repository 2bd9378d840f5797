"""The command line: a thin typer layer over :mod:`pipeline.run`.

Every command parses options, calls the Python API, picks a formatter and maps the outcome to the
contract's exit codes (0 clean, 1 findings at or above --fail-on, 2 the run itself failed). Nothing
heavy is imported at module level: `claimledger --version` answers before typer is even loaded.
"""

import sys
from typing import Annotated, Any

from .__about__ import __version__


def _fail(message: str, code: int = 2) -> None:
    sys.stderr.write(f"claimledger: {message}\n")
    raise SystemExit(code)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):  # the fast path: no typer, no rich
        sys.stdout.write(f"claimledger {__version__}\n")
        return
    app = build_app()
    try:
        app(args=args, prog_name="claimledger", standalone_mode=True)
    except KeyboardInterrupt:
        _fail("interrupted", 130)


def build_app() -> Any:
    import typer

    from .cli_cache import cache_app
    from .cli_help import APP_SETTINGS as SETTINGS
    from .cli_help import READ_EPILOG, RUN_EPILOG, Command, given
    from .cli_ledger import ledger_app
    from .config import DEFAULT_MAX_CACHE_AGE, FAILABLE, FORMATS, Options

    d = Options()  # the defaults --help shows are the ones the run uses
    fail_on_default = ",".join(d.fail_on)
    app = typer.Typer(
        name="claimledger",
        help="Check the figures in article drafts against the sources they cite.",
        epilog=RUN_EPILOG,
        **SETTINGS,
    )

    def version_cb(value: bool) -> None:
        if value:
            typer.echo(f"claimledger {__version__}")
            raise typer.Exit()

    @app.callback()
    def _root(
        version: Annotated[
            bool, typer.Option("--version", "-V", callback=version_cb, is_eager=True, help="Print the version.")
        ] = False,
    ) -> None:
        """claimledger: every figure, checked against the source it cites."""

    paths_arg = typer.Argument(..., metavar="PATH...",
                               help="Draft files or folders (folders: every *.md, *.markdown, *.txt, *.html under them).")
    # One declaration per option, shared by the commands that take it. Flags come in pairs
    # (`--offline/--no-offline`) so that the command line can switch off what a config switched on.
    Format = Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                         help=f"Report format: {', '.join(FORMATS)}.")]
    ShortFormat = Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="Report format: text or json.")]
    Output = Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", show_default="stdout",
                                                help="Write the report to FILE.")]
    Db = Annotated[str, typer.Option("--db", metavar="FILE", help="Ledger file.")]
    NoLedger = Annotated[bool, typer.Option("--no-ledger/--ledger", help="Write no ledger (or do).")]
    CacheDir = Annotated[str, typer.Option("--cache-dir", metavar="DIR", help="Source cache.")]
    Offline = Annotated[bool, typer.Option(
        "--offline/--no-offline", help="Never touch the network: URLs come from the cache only; local files are read.")]
    Refresh = Annotated[bool, typer.Option(
        "--refresh/--no-refresh", help="Revalidate every cached URL, whatever its age.")]
    MaxCacheAge = Annotated[str, typer.Option(
        "--max-cache-age", metavar="AGE",
        help="Revalidate a cached URL older than AGE with a conditional request (a 304 keeps the copy): "
             "30m, 12h, 1d, 2w or seconds; 0 = every run.")]
    Root = Annotated[str | None, typer.Option(
        "--root", metavar="DIR", show_default="the draft's git root, else the current folder",
        help="Local source paths resolve inside DIR and may not leave it.")]
    Private = Annotated[bool, typer.Option(
        "--allow-private-hosts", help="Permit fetching from loopback, private and link-local addresses.")]
    FailOn = Annotated[str, typer.Option(
        "--fail-on", metavar="LIST",
        help=f"Comma-separated kinds that make the exit code 1, or none: {', '.join(FAILABLE)}.")]
    Concurrency = Annotated[int, typer.Option("--concurrency", metavar="N", help="Sources fetched at once.")]
    HostConcurrency = Annotated[int, typer.Option("--host-concurrency", metavar="N",
                                                  help="Sources fetched at once from one host.")]
    Timeout = Annotated[float, typer.Option("--timeout", metavar="SECONDS", help="Per-source time limit.")]
    MaxDraftBytes = Annotated[int, typer.Option("--max-draft-bytes", metavar="N", help="Largest draft read, in bytes.")]
    Baseline = Annotated[str | None, typer.Option(
        "--baseline", metavar="FILE", show_default=".claimledger-baseline.json when present",
        help="Baseline file of accepted findings.")]
    ChangedLines = Annotated[str | None, typer.Option(
        "--changed-lines", metavar="REV", show_default="every line",
        help="Report only claims on lines changed since the git revision REV.")]
    Diff = Annotated[bool, typer.Option("--diff/--no-diff", help="Print a unified diff applying every suggestion.")]
    Quiet = Annotated[bool, typer.Option("--quiet/--no-quiet", "-q", help="No progress bar, no warnings.")]

    @app.command(cls=Command, epilog=RUN_EPILOG)
    def check(
        ctx: typer.Context,
        paths: Annotated[list[str], paths_arg],
        format: Format = d.format,
        output: Output = None,
        db: Db = d.db,
        no_ledger: NoLedger = False,
        cache_dir: CacheDir = d.cache_dir,
        offline: Offline = False,
        refresh: Refresh = False,
        max_cache_age: MaxCacheAge = DEFAULT_MAX_CACHE_AGE,
        root: Root = None,
        allow_private_hosts: Private = False,
        fail_on: FailOn = fail_on_default,
        concurrency: Concurrency = d.concurrency,
        host_concurrency: HostConcurrency = d.host_concurrency,
        timeout: Timeout = d.timeout,
        max_draft_bytes: MaxDraftBytes = d.max_draft_bytes,
        baseline: Baseline = None,
        changed_lines: ChangedLines = None,
        diff: Diff = False,
        quiet: Quiet = False,
    ) -> None:
        """Extract, fetch, match, judge, write the ledger, report."""
        _run_command("check", paths, given(ctx))

    @app.command(cls=Command, epilog=RUN_EPILOG)
    def extract(
        ctx: typer.Context,
        paths: Annotated[list[str], paths_arg],
        format: ShortFormat = "text",
        output: Output = None,
        max_draft_bytes: MaxDraftBytes = d.max_draft_bytes,
        quiet: Quiet = False,
    ) -> None:
        """Extract claims, citations and references only; no network."""
        if format not in ("text", "json"):
            _fail("extract: --format must be text or json")
        _run_command("extract", paths, given(ctx))

    @app.command(cls=Command, epilog=RUN_EPILOG)
    def sources(
        ctx: typer.Context,
        paths: Annotated[list[str], paths_arg],
        format: ShortFormat = "text",
        output: Output = None,
        cache_dir: CacheDir = d.cache_dir,
        offline: Offline = False,
        refresh: Refresh = False,
        max_cache_age: MaxCacheAge = DEFAULT_MAX_CACHE_AGE,
        root: Root = None,
        allow_private_hosts: Private = False,
        concurrency: Concurrency = d.concurrency,
        host_concurrency: HostConcurrency = d.host_concurrency,
        timeout: Timeout = d.timeout,
        quiet: Quiet = False,
    ) -> None:
        """Resolve and fetch every cited source into the cache; report status."""
        if format not in ("text", "json"):
            _fail("sources: --format must be text or json")
        _run_command("sources", paths, given(ctx))

    app.add_typer(ledger_app, name="ledger", help="Read the claims ledger: runs, claims, history, SQL; merge shards.",
                  epilog=READ_EPILOG)
    app.add_typer(cache_app, name="cache", help="Inspect or prune the source cache.", epilog=READ_EPILOG)
    try:
        from .cli_baseline import baseline_app
    except ImportError:  # pragma: no cover - the baseline commands are optional in a partial install
        pass
    else:
        app.add_typer(baseline_app, name="baseline", help="Accept known findings; fail again when they expire.",
                      epilog=RUN_EPILOG)
    return app


def _run_command(mode: str, paths: list[str], cli: dict[str, Any]) -> None:
    """Options from the configuration and the command line (`cli`: only what the user gave), the
    run, and the contract's exit code; every user error is one line on stderr and exit 2."""
    from . import run
    from .config import build_options, config_start, parse_fail_on
    from .errors import UserError

    try:
        if "fail_on" in cli:
            cli["fail_on"] = parse_fail_on(cli["fail_on"])
        options = build_options(cli, start=config_start(paths))
        code = run.main(mode, paths, options)
    except UserError as e:
        _fail(str(e), e.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:  # `claimledger check ... | head`
        raise SystemExit(0) from None
    except Exception as e:  # a bug: still one line for the user, the details for us
        import os

        if os.environ.get("CLAIMLEDGER_DEBUG"):
            raise
        _fail(f"internal error: {type(e).__name__}: {e} (set CLAIMLEDGER_DEBUG=1 for the traceback)")
    raise SystemExit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
