"""``check``, ``extract``, ``sources`` and ``baseline``: parse, call the API, write it out, exit.

This is the one file where a run's exit code is decided (:func:`exit_code`, and :func:`execute`
for the failures): 0 nothing at or above ``--fail-on``, 1 at least one such claim or finding, 2 the
run itself failed (a :class:`~pipeline.errors.UserError`: one line on stderr, no traceback), 130
interrupted. It is also the only place that writes to the streams, writes the report file and the
job summary: :mod:`pipeline.run` returns everything as values.

``baseline check`` is ``check`` with a baseline (``.claimledger-baseline.json`` unless ``-b``
names another) plus the lines that keep the file honest: how many findings it accepted, how many
waivers expired, which entries match nothing any more. Both go through :func:`execute`, and the
run itself decides what is suppressed (:mod:`pipeline.ignores`), so the two cannot drift apart.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer

from ..__about__ import __version__
from . import fail
from .help import APP_SETTINGS, READ_EPILOG, RUN_EPILOG, Command, given
from .options import (
    FAIL_ON,
    MAX_CACHE_AGE,
    Baseline,
    CacheDir,
    ChangedLines,
    Concurrency,
    D,
    Db,
    Diff,
    Expires,
    FailOn,
    Format,
    HostConcurrency,
    MaxCacheAge,
    MaxDraftBytes,
    NoLedger,
    Offline,
    Output,
    Paths,
    Private,
    Quiet,
    Refresh,
    Root,
    Timeout,
)

if TYPE_CHECKING:
    from ..config import Options
    from ..model import RunResult
    from ..report.progress import Progress

Mode = Literal["check", "extract", "sources"]


def run_app(args: list[str]) -> None:
    """Build the app and run it on ``args``; Ctrl-C anywhere is one line and exit 130."""
    app = build_app()
    try:
        app(args=args, prog_name="claimledger", standalone_mode=True)
    except KeyboardInterrupt:
        fail("interrupted", 130)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimledger {__version__}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    """The root app: the run commands here, ``ledger``, ``cache`` and ``baseline`` as sub-apps."""
    from .cache import cache_app
    from .ledger import ledger_app

    app = typer.Typer(
        name="claimledger",
        help="Check the figures in article drafts against the sources they cite.",
        epilog=RUN_EPILOG,
        **APP_SETTINGS,
    )

    @app.callback()
    def _root(
        version: Annotated[bool, typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version.")] = False,
    ) -> None:
        """claimledger: every figure, checked against the source it cites."""

    app.command(cls=Command, epilog=RUN_EPILOG)(check)
    app.command(cls=Command, epilog=RUN_EPILOG)(extract)
    app.command(cls=Command, epilog=RUN_EPILOG)(sources)
    app.add_typer(ledger_app, name="ledger", help="Read the claims ledger: runs, claims, history, SQL; merge shards.",
                  epilog=READ_EPILOG)
    app.add_typer(cache_app, name="cache", help="Inspect or prune the source cache.", epilog=READ_EPILOG)
    baseline_app = typer.Typer(
        help="Accept known findings in a baseline file; fail again on new ones and on expired waivers.",
        **APP_SETTINGS)
    baseline_app.command("create", cls=Command, epilog=RUN_EPILOG)(baseline_create)
    baseline_app.command("check", cls=Command, epilog=RUN_EPILOG)(baseline_check)
    app.add_typer(baseline_app, name="baseline", help="Accept known findings; fail again when they expire.",
                  epilog=RUN_EPILOG)
    return app


# -- the commands (their options are declared in options.py; `given` keeps only what the user typed) ----


def check(
    ctx: typer.Context,
    paths: Paths,
    format: Format = D.format,
    output: Output = D.output,
    db: Db = D.db,
    no_ledger: NoLedger = D.no_ledger,
    cache_dir: CacheDir = D.cache_dir,
    offline: Offline = D.offline,
    refresh: Refresh = D.refresh,
    max_cache_age: MaxCacheAge = MAX_CACHE_AGE,
    root: Root = D.root,
    allow_private_hosts: Private = D.allow_private_hosts,
    fail_on: FailOn = FAIL_ON,
    concurrency: Concurrency = D.concurrency,
    host_concurrency: HostConcurrency = D.host_concurrency,
    timeout: Timeout = D.timeout,
    max_draft_bytes: MaxDraftBytes = D.max_draft_bytes,
    baseline: Baseline = D.baseline,
    changed_lines: ChangedLines = D.changed_lines,
    diff: Diff = D.diff,
    quiet: Quiet = D.quiet,
) -> None:
    """Extract, fetch, match, judge, write the ledger, report."""
    execute("check", paths, given(ctx))


def extract(
    ctx: typer.Context,
    paths: Paths,
    format: Format = D.format,
    output: Output = D.output,
    max_draft_bytes: MaxDraftBytes = D.max_draft_bytes,
    quiet: Quiet = D.quiet,
) -> None:
    """Extract claims, citations and references only; no network."""
    execute("extract", paths, given(ctx))


def sources(
    ctx: typer.Context,
    paths: Paths,
    format: Format = D.format,
    output: Output = D.output,
    cache_dir: CacheDir = D.cache_dir,
    offline: Offline = D.offline,
    refresh: Refresh = D.refresh,
    max_cache_age: MaxCacheAge = MAX_CACHE_AGE,
    root: Root = D.root,
    allow_private_hosts: Private = D.allow_private_hosts,
    concurrency: Concurrency = D.concurrency,
    host_concurrency: HostConcurrency = D.host_concurrency,
    timeout: Timeout = D.timeout,
    quiet: Quiet = D.quiet,
) -> None:
    """Resolve and fetch every cited source into the cache; report status."""
    execute("sources", paths, given(ctx))


def baseline_create(
    ctx: typer.Context,
    paths: Paths,
    baseline: Baseline = D.baseline,
    expires: Expires = None,
    db: Db = D.db,
    no_ledger: NoLedger = D.no_ledger,
    cache_dir: CacheDir = D.cache_dir,
    offline: Offline = D.offline,
    refresh: Refresh = D.refresh,
    max_cache_age: MaxCacheAge = MAX_CACHE_AGE,
    root: Root = D.root,
    allow_private_hosts: Private = D.allow_private_hosts,
    concurrency: Concurrency = D.concurrency,
    host_concurrency: HostConcurrency = D.host_concurrency,
    timeout: Timeout = D.timeout,
    max_draft_bytes: MaxDraftBytes = D.max_draft_bytes,
    quiet: Quiet = D.quiet,
) -> None:
    """Run the check and record every current problem in the baseline file."""
    cli = given(ctx)
    target = cli.pop("baseline", None)
    until = cli.pop("expires", None)

    def after(result: RunResult, options: Options) -> int:
        from ..config import DEFAULT_BASELINE
        from ..ignores import create_baseline

        path = target or DEFAULT_BASELINE
        n = create_baseline(result, path, until)
        sys.stderr.write(f"claimledger: wrote {n} entr{'y' if n == 1 else 'ies'} to {path}"
                         + (f" (expire after {until})" if until else "") + "\n")
        return 0

    def before() -> None:
        from ..ignores import parse_date

        parse_date(until)  # a bad date fails before a long run, not after

    # baseline="" (not None): no baseline is applied, not even the default file, because the new
    # file must list everything that is there now. Nothing is reported: the file is the output.
    execute("check", paths, {**cli, "baseline": ""}, before=before, after=after, report=False)


def baseline_check(
    ctx: typer.Context,
    paths: Paths,
    baseline: Baseline = D.baseline,
    format: Format = D.format,
    output: Output = D.output,
    db: Db = D.db,
    no_ledger: NoLedger = D.no_ledger,
    cache_dir: CacheDir = D.cache_dir,
    offline: Offline = D.offline,
    refresh: Refresh = D.refresh,
    max_cache_age: MaxCacheAge = MAX_CACHE_AGE,
    root: Root = D.root,
    allow_private_hosts: Private = D.allow_private_hosts,
    fail_on: FailOn = FAIL_ON,
    concurrency: Concurrency = D.concurrency,
    host_concurrency: HostConcurrency = D.host_concurrency,
    timeout: Timeout = D.timeout,
    max_draft_bytes: MaxDraftBytes = D.max_draft_bytes,
    changed_lines: ChangedLines = D.changed_lines,
    diff: Diff = D.diff,
    quiet: Quiet = D.quiet,
) -> None:
    """Check, hiding findings the baseline accepts; exit 1 on new or expired ones."""
    from ..config import DEFAULT_BASELINE

    cli = given(ctx)
    # `check` with the baseline made explicit: the default file must exist here (in `check` it
    # applies only when present)
    execute("check", paths, cli, require_baseline=DEFAULT_BASELINE, after=_bookkeeping)


# -- one run, start to end ---------------------------------------------------------------------------


def execute(mode: Mode, paths: list[str], cli: dict[str, Any], *, require_baseline: str | None = None,
            before: Callable[[], None] | None = None, after: Callable[[RunResult, Options], int] | None = None,
            report: bool = True) -> NoReturn:
    """Options from the configuration and the command line (``cli``: only what the user gave), the
    run, its warnings and report, and the exit code; every user error is one line and exit 2.

    ``require_baseline``: the baseline file to apply when none is configured (``baseline check``);
    ``after``: what a command adds once the report is out, returning its exit code instead."""
    from .. import run
    from ..config import build_options, config_start, parse_fail_on
    from ..errors import UserError

    try:
        if mode in ("extract", "sources") and cli.get("format", "text") not in ("text", "json"):
            raise UserError(f"{mode}: --format must be text or json")
        if "fail_on" in cli:
            cli["fail_on"] = parse_fail_on(cli["fail_on"])
        options = build_options(cli, start=config_start(paths))
        if require_baseline is not None and not options.baseline:
            options = options.with_(baseline=require_baseline)
        if before is not None:
            before()
        bar = _LazyProgress() if mode != "extract" and not options.quiet and sys.stderr.isatty() else None
        try:
            if mode == "extract":
                result = run.extract(paths, options)
            elif mode == "sources":
                result = run.sources(paths, options, bar.update if bar else None)
            else:
                result = run.check(paths, options, bar.update if bar else None)
        finally:
            if bar is not None:
                bar.close()
        if not options.quiet:
            for w in result.warnings:
                sys.stderr.write(f"claimledger: warning: {w}\n")
        if report:
            write_out(mode, result, options)
        code = after(result, options) if after is not None else exit_code(mode, result, options)
    except UserError as e:
        fail(str(e), e.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except BrokenPipeError:  # `claimledger check ... | head`
        raise SystemExit(0) from None
    except Exception as e:  # a bug: still one line for the user, the details for us
        if os.environ.get("CLAIMLEDGER_DEBUG"):
            raise
        fail(f"internal error: {type(e).__name__}: {e} (set CLAIMLEDGER_DEBUG=1 for the traceback)")
    raise SystemExit(code)


def exit_code(mode: Mode, result: RunResult, options: Options) -> int:
    """0, or 1 when a check's report shows a claim or finding at or above ``--fail-on`` (what the
    run suppressed never counts: it is not in the report)."""
    if mode != "check":
        return 0
    from ..ignores import failing

    return 1 if failing(result, options.fail_on) else 0


def _bookkeeping(result: RunResult, options: Options) -> int:
    """``baseline check``'s lines after the report: what the baseline accepted, which waivers
    expired, which entries are stale; the exit code is ``check``'s."""
    base = result.baseline
    if base is not None and not options.quiet:
        sys.stderr.write(f"claimledger: {base.accepted} finding(s) accepted by {base.path}"
                         + (f", {len(base.expired)} expired" if base.expired else "") + "\n")
        if base.stale:
            n = len(base.stale)
            sys.stderr.write(f"claimledger: {n} baseline entr{'y' if n == 1 else 'ies'} match nothing any more "
                             "(fixed?): re-run `claimledger baseline create` to prune\n")
    return exit_code("check", result, options)


def write_out(mode: Mode, result: RunResult, options: Options) -> None:
    """The report to ``--output`` or stdout, the job summary, the ``--diff`` patch."""
    from ..report import render

    text = render(result, options.format, options)
    if options.diff and mode == "check" and not options.output:
        text = ""  # --diff alone: stdout carries only the patch, so it pipes into `git apply`
    if options.output:
        write_report(options.output, text)
    elif text:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    if mode != "check":
        return
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        from ..report.markdown import append_step_summary
        from ..report.markdown import render as markdown

        try:
            append_step_summary(markdown(result, options))
        except OSError as e:
            # the job summary is a courtesy: a bad path must not fail the check it summarises
            if not options.quiet:
                sys.stderr.write(f"claimledger: warning: cannot write the job summary to $GITHUB_STEP_SUMMARY "
                                 f"({summary}): {e.strerror or e}\n")
    if options.diff:
        from ..report.diff import make_diff

        sys.stdout.write(make_diff(result))


def write_report(output: str, text: str) -> None:
    """Write the report to ``output`` (its folders created), or one clear UserError."""
    from ..errors import UserError

    target = Path(output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as e:
        # "File exists" from mkdir means a file stands where a folder of the path should be
        blocker = next((p for p in (target.parent, *target.parent.parents) if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            raise UserError(f"cannot write {output}: {blocker} is a file, not a folder") from None
        if target.is_dir():
            raise UserError(f"cannot write {output}: it is a folder") from None
        raise UserError(f"cannot write {output}: {e.strerror or e}") from None


class _LazyProgress:
    """The progress bar, drawn only once the sources stage reports: a draft that cannot be read
    fails before any bar appears, and the bar starts with the number of sources known."""

    def __init__(self) -> None:
        self.bar: Progress | None = None

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            from ..report.progress import Progress

            self.bar = Progress(total)
        self.bar.update(done, total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
