"""Options: defaults, `[tool.claimledger]` / `claimledger.toml`, and the command line.

Precedence is the one users know from ruff and Vale: command line > config file > defaults. The
config file is found by walking up from the current directory (the first `claimledger.toml`, or
`pyproject.toml` with a `[tool.claimledger]` table, wins), so a newsletter repo configures once.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import VERDICTS

FORMATS = ("text", "json", "markdown", "sarif", "github", "junit", "html")
FAILABLE = (*VERDICTS, "dangling_citation", "unused_reference", "bad_reference", "source_changed")


@dataclass(slots=True)
class Options:
    format: str = "text"
    output: str | None = None
    db: str = "claims/ledger.db"
    no_ledger: bool = False
    cache_dir: str = "cache"
    offline: bool = False
    refresh: bool = False
    root: str | None = None  # None: the draft's git root, else cwd
    allow_private_hosts: bool = False
    fail_on: tuple[str, ...] = ("misquote", "not_found")
    concurrency: int = 16
    host_concurrency: int = 8
    timeout: float = 20.0
    # Beyond the contract's table (settable in config too):
    max_draft_bytes: int = 10 * 1024 * 1024
    max_source_bytes: int = 25 * 1024 * 1024
    max_age_days: float = 7.0
    min_interval: float = 0.0  # seconds between requests to one host
    retries: int = 2
    baseline: str | None = None
    changed_lines: str | None = None
    diff: bool = False
    quiet: bool = False

    def with_(self, **kw: Any) -> Options:
        return replace(self, **kw)


_FIELD_NAMES = {f.name for f in fields(Options)}


def parse_fail_on(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """`misquote,not_found` -> ('misquote', 'not_found'); `none` -> ()."""
    items = value.split(",") if isinstance(value, str) else list(value)
    out: list[str] = []
    for raw in items:
        item = raw.strip().replace("-", "_")
        if not item:
            continue
        if item == "none":
            return ()
        if item not in FAILABLE:
            raise ConfigError(f"--fail-on: unknown verdict {raw.strip()!r} (use {', '.join(FAILABLE)} or none)")
        out.append(item)
    return tuple(out)


def find_config(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config file above `start` and its claimledger table, or None."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        for name in ("claimledger.toml", "pyproject.toml"):
            p = d / name
            if not p.is_file():
                continue
            try:
                data = tomllib.loads(p.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
                raise ConfigError(f"{p}: cannot read configuration: {e}") from None
            table = data if name == "claimledger.toml" else data.get("tool", {}).get("claimledger")
            if name == "claimledger.toml" and "tool" in data and "claimledger" in data["tool"]:
                table = data["tool"]["claimledger"]
            if table is not None:
                if not isinstance(table, dict):
                    raise ConfigError(f"{p}: [tool.claimledger] must be a table")
                return p, table
    return None


#: Options a configuration file may not set: a pull request can edit pyproject.toml, and these are
#: exactly what keeps an untrusted draft from reaching internal addresses or files (SECURITY.md).
COMMAND_LINE_ONLY = {"allow_private_hosts": "--allow-private-hosts"}


def options_from(table: dict[str, Any], origin: str = "config", base: Path | None = None) -> dict[str, Any]:
    """Validate a config table (keys may use dashes) into Options field values. `base` is the
    config file's folder: a `root` set there must stay inside it."""
    out: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in _FIELD_NAMES:
            raise ConfigError(f"{origin}: unknown option {raw_key!r}")
        if key in COMMAND_LINE_ONLY and value:
            raise ConfigError(
                f"{origin}: {raw_key} can only be given on the command line ({COMMAND_LINE_ONLY[key]}): "
                "a configuration file travels with pull requests"
            )
        if key == "root" and base is not None:
            if not isinstance(value, str):
                raise ConfigError(f"{origin}: root must be a path")
            resolved = (base / value).resolve()
            if resolved != base.resolve() and base.resolve() not in resolved.parents:
                raise ConfigError(f"{origin}: root {value!r} leaves the folder of the configuration file; "
                                  "give a wider --root on the command line")
            value = str(resolved)
        if key == "fail_on":
            value = parse_fail_on(value)
        elif key == "format" and value not in FORMATS:
            raise ConfigError(f"{origin}: format must be one of {', '.join(FORMATS)}, not {value!r}")
        else:
            default = getattr(Options(), key)
            if isinstance(default, bool) and not isinstance(value, bool):
                raise ConfigError(f"{origin}: {raw_key} must be true or false")
            numeric = isinstance(default, int | float) and not isinstance(default, bool)
            if numeric and (not isinstance(value, int | float) or isinstance(value, bool) or value < 0):
                raise ConfigError(f"{origin}: {raw_key} must be a non-negative number")
        out[key] = value
    return out


def build_options(cli: dict[str, Any], start: Path | None = None) -> Options:
    """Defaults < config file < command line (only the keys the user actually gave)."""
    values: dict[str, Any] = {}
    found = find_config(start)
    if found:
        path, table = found
        values.update(options_from(table, str(path), base=path.parent))
    values.update({k: v for k, v in cli.items() if v is not None})
    opts = Options(**values)
    if opts.format not in FORMATS:
        raise ConfigError(f"--format must be one of {', '.join(FORMATS)}, not {opts.format!r}")
    for name in ("concurrency", "host_concurrency"):
        if getattr(opts, name) < 1:
            raise ConfigError(f"--{name.replace('_', '-')} must be at least 1")
    if opts.timeout <= 0:
        raise ConfigError("--timeout must be positive")
    return opts
