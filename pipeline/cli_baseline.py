"""``claimledger baseline create|check``: accept today's findings, fail only on new (or expired) ones.

``create`` runs the check and writes every current problem to the baseline file; ``check`` runs it
again, hides what the baseline lists (until each entry's ``expires`` date) and exits like
``claimledger check``: 0 clean, 1 something new or expired at ``--fail-on``, 2 the run failed.
It also says which entries match nothing any more, so a fixed figure can be pruned from the file.

Imports stay inside the commands: this module is loaded whenever the CLI builds its app.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from .cli_help import APP_SETTINGS, RUN_EPILOG, Command, given
from .config import Options

_D = Options()  # the defaults --help shows are the ones the run uses
_FAIL_ON = ",".join(_D.fail_on)

baseline_app = typer.Typer(
    help="Accept known findings in a baseline file; fail again on new ones and on expired waivers.",
    **APP_SETTINGS,
)

_DEFAULT = ".claimledger-baseline.json"
PathsArg = Annotated[list[str], typer.Argument(metavar="PATH...", help="Draft files or folders.")]
BaselineOpt = Annotated[str, typer.Option("--baseline", "-b", metavar="FILE", help="Baseline file.")]
OfflineOpt = Annotated[bool, typer.Option("--offline/--no-offline", help="Never touch the network.")]
CacheOpt = Annotated[str, typer.Option("--cache-dir", metavar="DIR", help="Source cache.")]
RootOpt = Annotated[str | None, typer.Option(
    "--root", metavar="DIR", show_default="the draft's git root, else the current folder",
    help="Local source paths resolve inside DIR and may not leave it.")]
FailOnOpt = Annotated[str, typer.Option(
    "--fail-on", metavar="LIST", help="Comma-separated kinds that make the exit code 1, or none.")]
NoLedgerOpt = Annotated[bool, typer.Option("--no-ledger/--ledger", help="Write no ledger (or do).")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", metavar="SECONDS", help="Per-source time limit.")]
QuietOpt = Annotated[bool, typer.Option("--quiet/--no-quiet", "-q", help="No progress bar, no warnings.")]


def _fail(message: str, code: int = 2) -> None:
    sys.stderr.write(f"claimledger: {message}\n")
    raise SystemExit(code)


def _options(cli: dict[str, Any], paths: list[str]) -> Any:
    """Configuration < the options the user gave (``given``), as for ``claimledger check``."""
    from .config import build_options, config_start, parse_fail_on

    if "fail_on" in cli:
        cli["fail_on"] = parse_fail_on(cli["fail_on"])
    return build_options(cli, start=config_start(paths))


def _guard(fn: Any) -> Any:
    """Run ``fn`` mapping user errors to one stderr line and exit 2, like ``claimledger check``."""
    from .errors import UserError

    try:
        return fn()
    except UserError as e:
        _fail(str(e), e.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)


@baseline_app.command(cls=Command, epilog=RUN_EPILOG)
def create(
    ctx: typer.Context,
    paths: PathsArg,
    baseline: BaselineOpt = _DEFAULT,
    expires: Annotated[str | None, typer.Option(
        "--expires", metavar="DATE", show_default="never",
        help="ISO date (YYYY-MM-DD) after which every entry fails again.")] = None,
    offline: OfflineOpt = False,
    cache_dir: CacheOpt = _D.cache_dir,
    root: RootOpt = None,
    no_ledger: NoLedgerOpt = False,
    timeout: TimeoutOpt = _D.timeout,
    quiet: QuietOpt = False,
) -> None:
    """Run the check and record every current problem in the baseline file."""

    def go() -> int:
        from . import run
        from .ignores import create_baseline, parse_date

        parse_date(expires)  # a bad date fails before a long run, not after
        # baseline="" (not None) stops run.check from applying an existing default baseline:
        # the new file must list everything that is there now.
        cli = {k: v for k, v in given(ctx).items() if k not in ("baseline", "expires")}
        options = _options({**cli, "baseline": ""}, paths)
        result = run.check(paths, options)
        n = create_baseline(result, baseline, expires)
        sys.stderr.write(f"claimledger: wrote {n} entr{'y' if n == 1 else 'ies'} to {baseline}"
                         + (f" (expire after {expires})" if expires else "") + "\n")
        return 0

    raise SystemExit(_guard(go))


@baseline_app.command("check", cls=Command, epilog=RUN_EPILOG)
def check_cmd(
    ctx: typer.Context,
    paths: PathsArg,
    baseline: BaselineOpt = _DEFAULT,
    format: Annotated[str, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="Report format: text, json, markdown, sarif, github, junit, html.")] = _D.format,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", show_default="stdout", help="Write the report to FILE.")] = None,
    offline: OfflineOpt = False,
    cache_dir: CacheOpt = _D.cache_dir,
    root: RootOpt = None,
    fail_on: FailOnOpt = _FAIL_ON,
    no_ledger: NoLedgerOpt = False,
    timeout: TimeoutOpt = _D.timeout,
    quiet: QuietOpt = False,
) -> None:
    """Check, hiding findings the baseline accepts; exit 1 on new or expired ones."""

    def go() -> int:
        from . import run
        from .ignores import apply_baseline, failing, load_baseline
        from .report import render

        load_baseline(baseline)  # missing or malformed: exit 2 before any network
        # baseline="" keeps run.check from applying a (default) baseline itself: this command
        # applies the one it was given, once, and reads the bookkeeping below.
        cli = {k: v for k, v in given(ctx).items() if k != "baseline"}
        options = _options({**cli, "baseline": ""}, paths)
        result = run.check(paths, options)  # applies inline ignores
        apply_baseline(result, baseline)
        text = render(result, options.format, options)
        if options.output:
            run.write_report(options.output, text)
        else:
            sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        sup = (result.options.get("suppressed") or {}).get("baseline", 0)
        stale = result.options.get("baseline_stale") or []
        expired = result.options.get("baseline_expired") or []
        if not options.quiet:
            sys.stderr.write(f"claimledger: {sup} finding(s) accepted by {baseline}"
                             + (f", {len(expired)} expired" if expired else "") + "\n")
            if stale:
                sys.stderr.write(f"claimledger: {len(stale)} baseline entr{'y' if len(stale) == 1 else 'ies'} "
                                 "match nothing any more (fixed?): re-run `claimledger baseline create` "
                                 "to prune\n")
        return 1 if failing(result, options.fail_on) else 0

    raise SystemExit(_guard(go))
