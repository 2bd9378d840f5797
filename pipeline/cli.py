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
    from .cli_ledger import ledger_app

    app = typer.Typer(
        name="claimledger",
        help="Check the figures in article drafts against the sources they cite.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
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

    paths_arg = typer.Argument(..., help="Draft files or folders (*.md, *.markdown, *.txt, *.html).")

    @app.command()
    def check(
        paths: Annotated[list[str], paths_arg],
        format: Annotated[str | None, typer.Option("--format", "-f", help="text, json, markdown, sarif, github, junit, html")] = None,
        output: Annotated[str | None, typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
        db: Annotated[str | None, typer.Option(help="Ledger file.")] = None,
        no_ledger: Annotated[bool | None, typer.Option("--no-ledger", help="Write no ledger.")] = None,
        cache_dir: Annotated[str | None, typer.Option(help="Source cache directory.")] = None,
        offline: Annotated[bool | None, typer.Option("--offline", help="Never touch the network.")] = None,
        refresh: Annotated[bool | None, typer.Option("--refresh", help="Revalidate every cached source.")] = None,
        root: Annotated[str | None, typer.Option(help="Local source paths resolve inside DIR.")] = None,
        allow_private_hosts: Annotated[
            bool | None, typer.Option("--allow-private-hosts", help="Permit loopback/private/link-local hosts.")
        ] = None,
        fail_on: Annotated[str | None, typer.Option(help="Verdicts that make the exit code 1 (or 'none').")] = None,
        concurrency: Annotated[int | None, typer.Option(help="Sources fetched at once.")] = None,
        host_concurrency: Annotated[int | None, typer.Option(help="Sources fetched at once from one host.")] = None,
        timeout: Annotated[float | None, typer.Option(help="Per-source time limit, seconds.")] = None,
        max_draft_bytes: Annotated[int | None, typer.Option(help="Largest draft read, bytes.")] = None,
        baseline: Annotated[str | None, typer.Option(help="Baseline file of accepted findings.")] = None,
        changed_lines: Annotated[
            str | None, typer.Option(help="Report only claims on lines changed since BASE_REV.")
        ] = None,
        diff: Annotated[bool | None, typer.Option("--diff", help="Print a unified diff applying every suggestion.")] = None,
        quiet: Annotated[bool | None, typer.Option("--quiet", "-q", help="No progress, no warnings.")] = None,
    ) -> None:
        """Extract, fetch, match, judge, write the ledger, report."""
        cli = dict(
            format=format, output=output, db=db, no_ledger=no_ledger, cache_dir=cache_dir, offline=offline,
            refresh=refresh, root=root, allow_private_hosts=allow_private_hosts, concurrency=concurrency,
            host_concurrency=host_concurrency, timeout=timeout, max_draft_bytes=max_draft_bytes,
            baseline=baseline, changed_lines=changed_lines, diff=diff, quiet=quiet,
        )
        _run_command("check", paths, cli, fail_on)

    @app.command()
    def extract(
        paths: Annotated[list[str], paths_arg],
        format: Annotated[str | None, typer.Option("--format", "-f", help="text or json")] = None,
        output: Annotated[str | None, typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
        max_draft_bytes: Annotated[int | None, typer.Option(help="Largest draft read, bytes.")] = None,
        quiet: Annotated[bool | None, typer.Option("--quiet", "-q")] = None,
    ) -> None:
        """Extract claims, citations and references only; no network."""
        if format not in (None, "text", "json"):
            _fail("extract: --format must be text or json")
        _run_command("extract", paths, dict(format=format, output=output, max_draft_bytes=max_draft_bytes,
                                            quiet=quiet), None)

    @app.command()
    def sources(
        paths: Annotated[list[str], paths_arg],
        format: Annotated[str | None, typer.Option("--format", "-f", help="text or json")] = None,
        output: Annotated[str | None, typer.Option("--output", "-o")] = None,
        cache_dir: Annotated[str | None, typer.Option(help="Source cache directory.")] = None,
        offline: Annotated[bool | None, typer.Option("--offline")] = None,
        refresh: Annotated[bool | None, typer.Option("--refresh")] = None,
        root: Annotated[str | None, typer.Option()] = None,
        allow_private_hosts: Annotated[bool | None, typer.Option("--allow-private-hosts")] = None,
        concurrency: Annotated[int | None, typer.Option()] = None,
        host_concurrency: Annotated[int | None, typer.Option()] = None,
        timeout: Annotated[float | None, typer.Option()] = None,
        quiet: Annotated[bool | None, typer.Option("--quiet", "-q")] = None,
    ) -> None:
        """Resolve and fetch every cited source into the cache; report status."""
        if format not in (None, "text", "json"):
            _fail("sources: --format must be text or json")
        cli = dict(format=format, output=output, cache_dir=cache_dir, offline=offline, refresh=refresh, root=root,
                   allow_private_hosts=allow_private_hosts, concurrency=concurrency,
                   host_concurrency=host_concurrency, timeout=timeout, quiet=quiet)
        _run_command("sources", paths, cli, None)

    app.add_typer(ledger_app, name="ledger", help="Read the claims ledger: runs, claims, history, SQL; merge shards.")
    app.add_typer(cache_app, name="cache", help="Inspect or prune the source cache.")
    try:
        from .cli_baseline import baseline_app
    except ImportError:  # pragma: no cover - the baseline commands are optional in a partial install
        pass
    else:
        app.add_typer(baseline_app, name="baseline", help="Accept known findings; fail again when they expire.")
    return app


def _run_command(mode: str, paths: list[str], cli: dict[str, Any], fail_on: str | None) -> None:
    from . import run
    from .config import build_options, parse_fail_on
    from .errors import UserError

    try:
        if fail_on is not None:
            cli["fail_on"] = parse_fail_on(fail_on)
        options = build_options(cli)
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
