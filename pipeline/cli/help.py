"""How every command's `--help` reads, shared by the typer apps of the CLI.

Users come from ruff, lychee and Vale, whose help is plain text: `Usage: ruff check [OPTIONS]
[FILES]...`, flags without a value, value options with a word for what they take (FILE, DIR, N)
and `[default: ...]` after the help. Typer's rich panels print Python type names (`<str>`,
`<list[str]>`, `<bool>` beside flags, which made `--offline true` look right) and `{paths}...`.
So the apps use click's plain formatter (`rich_markup_mode=None`: also no rich import and no
markup surprises with `[tool.claimledger]`), and :class:`Command` writes arguments the way those
tools do. Options get their metavar and `show_default` where they are declared.

Imported only when the app is built (never on the `--version` path).
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand

#: `Typer(**APP_SETTINGS)` for every app: plain help, -h as well as --help, no traceback pages.
APP_SETTINGS: dict[str, Any] = {
    "rich_markup_mode": None,
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "no_args_is_help": True,
    "context_settings": {"help_option_names": ["-h", "--help"], "max_content_width": 100},
}

EXIT_CODES = """\b
Exit codes:
  0  nothing at or above --fail-on
  1  at least one claim or finding at or above --fail-on
  2  the run itself failed (bad option, unreadable draft, bad configuration)"""

CONFIGURATION = (
    "Configuration: [tool.claimledger] in pyproject.toml, or claimledger.toml, in the first draft's "
    "folder or the nearest folder above it; the command line wins. A configuration file cannot set "
    "--allow-private-hosts, every path it names must stay inside its own folder, and the resource "
    "bounds it may raise are capped (SECURITY.md)."
)

#: the epilog of the commands that run a check (exit codes, then where configuration comes from)
RUN_EPILOG = f"{EXIT_CODES}\n\n{CONFIGURATION}"

#: the epilog of the commands that only read or report (no --fail-on)
READ_EPILOG = """\b
Exit codes:
  0  done
  2  the command failed (bad option, missing or unreadable file)"""


def _argument_name(param: TyperArgument) -> str:
    """`PATH...` for a required list, `[NAME]` for an optional one: no braces, no type."""
    name = param.metavar or (param.name or "").upper()
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if param.required else f"[{name}]"


class Command(TyperCommand):
    """A typer command whose usage line and arguments read like ruff's and lychee's."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(_argument_name(param))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                if not param.hidden:
                    arguments.append((_argument_name(param), param.help or ""))
                continue
            record = param.get_help_record(ctx)
            if record is not None:
                options.append(record)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


def given(ctx: Any) -> dict[str, Any]:
    """The options the user actually gave (command line or environment), not typer's defaults:
    only those may override the configuration file, and a default shown in --help is then just
    the default. Arguments (the drafts) are not options and are left out."""
    arguments = {p.name for p in ctx.command.params if isinstance(p, TyperArgument)}
    out: dict[str, Any] = {}
    for name, value in ctx.params.items():
        source = ctx.get_parameter_source(name)
        if name not in arguments and source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP"):
            out[name] = value
    return out
