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

baseline_app = typer.Typer(
    help="Accept known findings in a baseline file; fail again on new ones and on expired waivers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_DEFAULT = ".claimledger-baseline.json"
PathsArg = Annotated[list[str], typer.Argument(help="Draft files or folders.")]
BaselineOpt = Annotated[str, typer.Option("--baseline", "-b", help="Baseline file.")]
OfflineOpt = Annotated[bool | None, typer.Option("--offline", help="Never touch the network.")]
CacheOpt = Annotated[str | None, typer.Option("--cache-dir", help="Source cache directory.")]
RootOpt = Annotated[str | None, typer.Option("--root", help="Local source paths resolve inside DIR.")]
FailOnOpt = Annotated[str | None, typer.Option("--fail-on", help="Verdicts that make the exit code 1.")]
NoLedgerOpt = Annotated[bool | None, typer.Option("--no-ledger", help="Write no ledger.")]
TimeoutOpt = Annotated[float | None, typer.Option("--timeout", help="Per-source time limit, seconds.")]
QuietOpt = Annotated[bool | None, typer.Option("--quiet", "-q", help="No progress, no warnings.")]


def _fail(message: str, code: int = 2) -> None:
    sys.stderr.write(f"claimledger: {message}\n")
    raise SystemExit(code)


def _options(cli: dict[str, Any], fail_on: str | None) -> Any:
    from .config import build_options, parse_fail_on

    if fail_on is not None:
        cli["fail_on"] = parse_fail_on(fail_on)
    return build_options(cli)


def _guard(fn: Any) -> Any:
    """Run ``fn`` mapping user errors to one stderr line and exit 2, like ``claimledger check``."""
    from .errors import UserError

    try:
        return fn()
    except UserError as e:
        _fail(str(e), e.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)


@baseline_app.command()
def create(
    paths: PathsArg,
    baseline: BaselineOpt = _DEFAULT,
    expires: Annotated[str | None, typer.Option(
        "--expires", help="ISO date (YYYY-MM-DD) after which every entry fails again.")] = None,
    offline: OfflineOpt = None,
    cache_dir: CacheOpt = None,
    root: RootOpt = None,
    no_ledger: NoLedgerOpt = None,
    timeout: TimeoutOpt = None,
    quiet: QuietOpt = None,
) -> None:
    """Run the check and record every current problem in the baseline file."""

    def go() -> int:
        from . import run
        from .ignores import create_baseline, parse_date

        parse_date(expires)  # a bad date fails before a long run, not after
        # baseline="" (not None) stops run.check from applying an existing default baseline:
        # the new file must list everything that is there now.
        options = _options(dict(offline=offline, cache_dir=cache_dir, root=root, no_ledger=no_ledger,
                                timeout=timeout, quiet=quiet, baseline="", changed_lines=None), None)
        result = run.check(paths, options)
        n = create_baseline(result, baseline, expires)
        sys.stderr.write(f"claimledger: wrote {n} entr{'y' if n == 1 else 'ies'} to {baseline}"
                         + (f" (expire after {expires})" if expires else "") + "\n")
        return 0

    raise SystemExit(_guard(go))


@baseline_app.command("check")
def check_cmd(
    paths: PathsArg,
    baseline: BaselineOpt = _DEFAULT,
    format: Annotated[str | None, typer.Option(
        "--format", "-f", help="text, json, markdown, sarif, github, junit")] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    offline: OfflineOpt = None,
    cache_dir: CacheOpt = None,
    root: RootOpt = None,
    fail_on: FailOnOpt = None,
    no_ledger: NoLedgerOpt = None,
    timeout: TimeoutOpt = None,
    quiet: QuietOpt = None,
) -> None:
    """Check, hiding findings the baseline accepts; exit 1 on new or expired ones."""

    def go() -> int:
        from pathlib import Path

        from . import run
        from .errors import UserError
        from .ignores import apply_baseline, failing, load_baseline
        from .report import render

        load_baseline(baseline)  # missing or malformed: exit 2 before any network
        # baseline="" keeps run.check from applying a (default) baseline itself: this command
        # applies the one it was given, once, and reads the bookkeeping below.
        options = _options(dict(format=format, output=output, offline=offline, cache_dir=cache_dir,
                                root=root, no_ledger=no_ledger, timeout=timeout, quiet=quiet,
                                baseline=""), fail_on)
        result = run.check(paths, options)  # applies inline ignores
        apply_baseline(result, baseline)
        text = render(result, options.format, options)
        if options.output:
            try:
                Path(options.output).write_text(text, encoding="utf-8")
            except OSError as e:
                raise UserError(f"cannot write {options.output}: {e.strerror or e}") from None
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
