"""Options: defaults, `[tool.claimledger]` / `claimledger.toml`, and the command line.

Precedence is the one users know from ruff and Vale: command line > config file > defaults. The
config file is found by walking up from the (first) draft's folder (the first `claimledger.toml`,
or `pyproject.toml` with a `[tool.claimledger]` table, wins), so a newsletter repo configures once
and a check run from anywhere reads the configuration of the drafts it checks.

A configuration file is untrusted: a pull request can add or edit one, and CI then runs with it.
So what it may set is bounded here, in one place (SECURITY.md lists the same rules): it cannot
allow private hosts, every path it names must stay inside its own folder (symlinks resolved), and
the resource bounds it may raise are capped. The command line is trusted and may set anything.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import VERDICTS

FORMATS = ("text", "json", "markdown", "sarif", "github", "junit", "html")
FAILABLE = (*VERDICTS, "dangling_citation", "unused_reference", "bad_reference", "source_changed",
            "inconsistent_figures")
CONFIG_NAMES = ("claimledger.toml", "pyproject.toml")
#: --max-cache-age as a user writes it; Options.max_cache_age is the same in seconds
DEFAULT_MAX_CACHE_AGE = "1d"
#: the baseline `check` applies when present and `baseline check` requires (relative to the cwd)
DEFAULT_BASELINE = ".claimledger-baseline.json"

_DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhdw])", re.I)


def parse_duration(value: str | float, name: str = "--max-cache-age") -> float:
    """`30m`, `12h`, `1d`, `2w`, `1h30m` or plain seconds (`3600`, `0`) -> seconds, as lychee's
    `--max-cache-age` reads them; anything else (a negative, `1y`, `soon`) is a ConfigError."""
    if isinstance(value, bool):
        raise ConfigError(f"{name}: expected a duration such as 30m, 12h, 1d or 2w, not {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        text = value.strip()
        try:
            seconds = float(text)
        except ValueError:
            pos, seconds = 0, 0.0
            for m in _DURATION_PART.finditer(text):
                if m.start() != pos:
                    break
                seconds += float(m.group(1)) * _DURATION_UNITS[m.group(2).lower()]
                pos = m.end()
            if pos == 0 or text[pos:].strip():
                raise ConfigError(f"{name}: expected a duration such as 30m, 12h, 1d, 2w or seconds, "
                                  f"not {value!r}") from None
    if not seconds >= 0 or seconds == float("inf"):  # also NaN
        raise ConfigError(f"{name}: a duration cannot be negative or infinite ({value!r})")
    return seconds


@dataclass(slots=True)
class Options:
    """Every option of a run with its default: the one place defaults live (the CLI declares each
    option once, in pipeline/cli/options.py, with its default read from here)."""

    format: str = "text"
    output: str | None = None
    db: str = "claims/ledger.db"
    no_ledger: bool = False
    cache_dir: str = "cache"
    offline: bool = False
    refresh: bool = False
    #: seconds: a cached URL older than this is revalidated with a conditional request (0: always)
    max_cache_age: float = parse_duration(DEFAULT_MAX_CACHE_AGE)
    root: str | None = None  # None: the draft's git root, else cwd
    allow_private_hosts: bool = False
    fail_on: tuple[str, ...] = ("misquote", "not_found")
    concurrency: int = 16
    host_concurrency: int = 8
    timeout: float = 20.0
    # Beyond the contract's table (settable in config too):
    max_draft_bytes: int = 10 * 1024 * 1024
    max_source_bytes: int = 25 * 1024 * 1024
    min_interval: float = 0.0  # seconds between requests to one host
    retries: int = 2
    baseline: str | None = None
    changed_lines: str | None = None
    diff: bool = False
    quiet: bool = False

    def with_(self, **kw: Any) -> Options:
        return replace(self, **kw)


_FIELD_NAMES = {f.name for f in fields(Options)}
_DEFAULTS = Options()

#: Options a configuration file may not set: a pull request can edit pyproject.toml, and these are
#: exactly what keeps an untrusted draft from reaching internal addresses or files (SECURITY.md).
COMMAND_LINE_ONLY = {"allow_private_hosts": "--allow-private-hosts"}

#: Settings that name a path. From a configuration file each is resolved against the file's own
#: folder (symlinks followed) and must stay inside it: otherwise a pull request could choose which
#: file of the CI runner the report, the ledger or the cache overwrites.
PATH_SETTINGS = ("output", "db", "cache_dir", "root", "baseline")

#: The largest value a configuration file may give each resource bound (the command line may give
#: more): a pull request must not be able to make one run hold a runner for hours or fill its
#: memory. Each cap is several times the default.
CONFIG_LIMITS: dict[str, float] = {
    "concurrency": 64,
    "host_concurrency": 16,
    "timeout": 120.0,
    "retries": 5,
    "min_interval": 10.0,
    "max_draft_bytes": 100 * 1024 * 1024,
    "max_source_bytes": 100 * 1024 * 1024,
}

#: Names kept from earlier versions: `max-age-days = 7` still means `max-cache-age = "7d"`.
_LEGACY = {"max_age_days": "max_cache_age"}

def parse_fail_on(value: str | list[str] | tuple[str, ...], name: str = "--fail-on") -> tuple[str, ...]:
    """`misquote,not_found` -> ('misquote', 'not_found'); `none` -> (). `name` is what an error
    blames: the flag, or the configuration file and its key."""
    if not isinstance(value, str | list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{name}: expected verdict names (a string or a list of strings)")
    items = value.split(",") if isinstance(value, str) else list(value)
    out: list[str] = []
    for raw in items:
        item = raw.strip().replace("-", "_")
        if not item:
            continue
        if item == "none":
            return ()
        if item not in FAILABLE:
            raise ConfigError(f"{name}: unknown verdict {raw.strip()!r} (use {', '.join(FAILABLE)} or none)")
        out.append(item)
    return tuple(out)


def config_start(paths: list[str]) -> Path:
    """Where the search for a configuration file begins: the first draft's folder (or the folder
    given), so the drafts' own configuration applies wherever the command is run from."""
    if paths:
        p = Path(paths[0])
        folder = p if p.is_dir() else p.parent
        if folder.is_dir():
            return folder
    return Path.cwd()


def find_config(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config file above `start` and its claimledger table, or None."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        for name in CONFIG_NAMES:
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


def _flag(key: str) -> str:
    return "--" + key.replace("_", "-")


def _confined(value: Any, raw_key: str, key: str, origin: str, base: Path) -> str:
    """A path from a configuration file, resolved against its folder; refused if it leaves it."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{origin}: {raw_key} must be a path")
    base_real = base.resolve()
    try:
        resolved = (base_real / Path(value).expanduser()).resolve()
    except (OSError, RuntimeError, ValueError) as e:  # a symlink loop, a NUL byte
        raise ConfigError(f"{origin}: {raw_key} {value!r}: {e}") from None
    if not resolved.is_relative_to(base_real):
        raise ConfigError(f"{origin}: {raw_key} {value!r} leaves the folder of the configuration file "
                          f"({base_real}); give a path outside it as {_flag(key)} on the command line")
    return str(resolved)


def options_from(table: dict[str, Any], origin: str = "config", base: Path | None = None,
                 overridden: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
    """Validate a config table (keys may use dashes) into Options field values.

    `base` is the config file's folder: every path must stay inside it, and the resource bounds
    are capped (CONFIG_LIMITS). Keys in `overridden` are given on the command line, which wins:
    their config values are not used, so they are not held against the run either (a `root`
    that leaves the folder is fine when `--root` replaces it)."""
    out: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key in _LEGACY:
            # days, as the old setting was read
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ConfigError(f"{origin}: {raw_key} must be a non-negative number of days")
            key, value = _LEGACY[key], value * 86400
        if key not in _FIELD_NAMES:
            raise ConfigError(f"{origin}: unknown option {raw_key!r}")
        if key in overridden:
            continue
        if key in COMMAND_LINE_ONLY and value:
            raise ConfigError(
                f"{origin}: {raw_key} can only be given on the command line ({COMMAND_LINE_ONLY[key]}): "
                "a configuration file travels with pull requests"
            )
        default = getattr(_DEFAULTS, key)
        if key in PATH_SETTINGS:
            if base is not None:
                value = _confined(value, raw_key, key, origin, base)
            elif not isinstance(value, str):
                raise ConfigError(f"{origin}: {raw_key} must be a path")
        elif key == "fail_on":
            value = parse_fail_on(value, f"{origin}: {raw_key}")
        elif key == "max_cache_age":
            value = parse_duration(value, f"{origin}: {raw_key}")
        elif key == "format":
            if value not in FORMATS:
                raise ConfigError(f"{origin}: format must be one of {', '.join(FORMATS)}, not {value!r}")
        elif key == "changed_lines":
            if not isinstance(value, str) or not value.strip() or value.startswith("-"):
                raise ConfigError(f"{origin}: {raw_key} must be a git revision")
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"{origin}: {raw_key} must be true or false")
        elif isinstance(default, int | float):
            if not isinstance(value, int | float) or isinstance(value, bool) or not value >= 0:
                raise ConfigError(f"{origin}: {raw_key} must be a non-negative number")
            cap = CONFIG_LIMITS.get(key)
            if cap is not None and value > cap and base is not None:
                raise ConfigError(f"{origin}: {raw_key} = {value:g} is over the {cap:g} a configuration file "
                                  f"may set; give a larger value as {_flag(key)} on the command line")
        out[key] = value
    return out


def build_options(cli: dict[str, Any], start: Path | None = None) -> Options:
    """Defaults < config file < command line (only the keys the user actually gave: None is "not
    given"). `start` is where the search for the config file begins (see :func:`config_start`)."""
    given = {k: v for k, v in cli.items() if v is not None}
    values: dict[str, Any] = {}
    found = find_config(start)
    if found:
        path, table = found
        values.update(options_from(table, str(path), base=path.parent, overridden=set(given)))
    if isinstance(given.get("max_cache_age"), str):
        given["max_cache_age"] = parse_duration(given["max_cache_age"])
    values.update(given)
    opts = Options(**values)

    def blame(key: str) -> str:  # the flag, or the file that set the value
        return _flag(key) if key in given or not found else f"{found[0]}: {key.replace('_', '-')}"

    if opts.format not in FORMATS:
        raise ConfigError(f"{blame('format')} must be one of {', '.join(FORMATS)}, not {opts.format!r}")
    for name in ("concurrency", "host_concurrency", "max_draft_bytes"):
        if getattr(opts, name) < 1:
            raise ConfigError(f"{blame(name)} must be at least 1")
    if opts.timeout <= 0:
        raise ConfigError(f"{blame('timeout')} must be positive")
    return opts
