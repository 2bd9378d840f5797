"""Every command's --help reads like ruff's and lychee's (issue 18).

The help is rendered by the real app for every command and sub-command, and checked for what a
newcomer trips on: type names instead of a word for the value, `<bool>` beside flags (so `--offline
true` looks right), `{paths}...`, defaults that are not shown, valid values that are not listed,
and no word on exit codes or where configuration comes from.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from pipeline.cli import build_app
from pipeline.config import FAILABLE, FORMATS

#: the words a value option may use for what it takes
METAVARS = {"FILE", "DIR", "PATH", "N", "SECONDS", "AGE", "LIST", "FORMAT", "REV", "DATE", "DAYS", "VERDICT",
            "GLOB", "WORDS"}
#: commands that run a check and read the configuration: their epilog says both
RUNS = {("check",), ("extract",), ("sources",), ("baseline", "create"), ("baseline", "check")}


def _commands() -> list[tuple[tuple[str, ...], object]]:
    root = get_command(build_app())
    out: list[tuple[tuple[str, ...], object]] = [((), root)]
    stack = [((), root)]
    while stack:
        path, cmd = stack.pop()
        for name, sub in sorted(getattr(cmd, "commands", {}).items()):
            out.append(((*path, name), sub))
            stack.append(((*path, name), sub))
    return out


COMMANDS = _commands()


def _help(path: tuple[str, ...]) -> str:
    res = CliRunner().invoke(build_app(), [*path, "--help"], prog_name="claimledger", terminal_width=100)
    assert res.exit_code == 0, res.output
    return res.output


def test_every_command_is_covered() -> None:
    names = {p for p, _ in COMMANDS}
    assert {("check",), ("extract",), ("sources",), ("ledger", "sql"), ("cache", "prune"),
            ("baseline", "check")} <= names


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=lambda p: " ".join(p) or "claimledger")
def test_help_reads_like_ruff(path: tuple[str, ...]) -> None:
    text = _help(path)
    usage = text.splitlines()[0]
    assert usage.startswith("Usage: claimledger"), usage
    # no Python type names, no braces, no <bool> beside a flag
    assert not re.search(r"<(?:str|int|float|bool|path|list\[[^\]]*\]|[a-z_]+)>", text), text
    assert "{" not in usage and "}" not in usage, usage
    cmd = dict(COMMANDS)[path]
    for param in cmd.params:  # type: ignore[attr-defined]
        if param.param_type_name == "argument":
            shown = param.metavar
            assert shown and shown.rstrip(".") == shown.rstrip(".").upper(), param.name
            assert shown in usage, usage
            continue
        if param.name == "help":
            continue
        row = _option_row(text, param.opts[-1] if param.opts[-1].startswith("--") else param.opts[0])
        if param.is_flag:
            # a flag takes no value: nothing between its names and its help
            assert not re.match(r"\s*(?:-\w, )?--[\w-]+(?: / --[\w-]+)? (?:<|[A-Z][A-Z_]+\b)", row), row
        else:
            assert param.metavar in METAVARS, (param.name, param.metavar)
            assert "[default: " in row, row


def _option_row(text: str, opt: str) -> str:
    """The option's line in the help with its continuation lines (up to the next option)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(rf"\s+(?:-\w, )?{re.escape(opt)}\b", line) or re.match(rf"\s+-\w, {re.escape(opt)}\b", line):
            row = [line]
            for nxt in lines[i + 1:]:
                if re.match(r"\s+-", nxt) or not nxt.strip():
                    break
                row.append(nxt)
            return " ".join(" ".join(row).split())
    raise AssertionError(f"{opt} not in the help:\n{text}")


def test_check_lists_the_valid_values_and_defaults() -> None:
    text = _help(("check",))
    fail_on = _option_row(text, "--fail-on")
    assert all(k in fail_on for k in FAILABLE) and "none" in fail_on and "[default: misquote,not_found]" in fail_on
    fmt = _option_row(text, "--format")
    assert all(f in fmt for f in FORMATS) and "[default: text]" in fmt
    for opt, default in (("--timeout", "20"), ("--concurrency", "16"), ("--host-concurrency", "8"),
                         ("--db", "claims/ledger.db"), ("--cache-dir", "cache"), ("--max-cache-age", "1d")):
        assert f"[default: {default}" in _option_row(text, opt), opt
    for flag in ("--offline / --no-offline", "--no-ledger / --ledger", "--quiet / --no-quiet", "--refresh / --no-refresh",
                 "--diff / --no-diff"):
        assert flag in text


@pytest.mark.parametrize("path", sorted(RUNS))
def test_the_epilog_gives_exit_codes_and_where_configuration_is_read(path: tuple[str, ...]) -> None:
    text = " ".join(_help(path).split())
    assert "Exit codes: 0 nothing at or above --fail-on 1 " in text and " 2 the run itself failed" in text
    assert "pyproject.toml" in text and "claimledger.toml" in text and "the command line wins" in text


def test_a_flag_given_a_value_is_not_read_as_true(tmp_path: Path) -> None:
    """`--offline true`: `true` is a draft path (and missing), the error says so in one line."""
    cp = subprocess.run([sys.executable, "-c", "from pipeline.cli import main; main()", "check", "--offline", "true"],
                        cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert cp.returncode == 2 and cp.stderr.strip() == "claimledger: true: no such file or directory"


def test_every_default_shown_is_the_one_the_run_uses() -> None:
    """Options are declared once (pipeline/cli/options.py) with their defaults from config.Options:
    no command may show a default of its own."""
    from pipeline.config import Options, parse_duration, parse_fail_on

    defaults = Options()
    checked = 0
    for path, cmd in COMMANDS:
        for param in getattr(cmd, "params", []):
            name = param.name
            if name is None or not hasattr(defaults, name) or param.param_type_name == "argument":
                continue
            shown = param.default
            expected = getattr(defaults, name)
            if name == "fail_on":
                shown = parse_fail_on(shown)
            elif name == "max_cache_age":
                shown = parse_duration(shown)
            elif name == "format" and path[:1] == ("ledger",):
                continue  # the ledger's own --format (table, json, csv) is another option
            assert shown == expected, (path, name, shown, expected)
            checked += 1
    assert checked > 60
