"""Inline disables, the baseline of known findings, and the fingerprints both rely on.

Why a baseline: a team adopting claimledger on an archive of drafts cannot fix every old figure
before turning on the CI gate. Like ruff's and detekt's baselines, the file lists what is already
known so only *new* problems fail; unlike most, each entry may carry an ``expires`` date (an ISO
date, inclusive) after which the finding fails again: waivers that expire are what fact-check
users ask for, so "we'll fix it later" cannot quietly become "never".

Identity must survive edits elsewhere in the draft, so a fingerprint never includes a line
number: for a claim it is the claim id (stable while its sentence is unchanged) and verdict, for a
finding its kind, key and the text of the line it sits on. The same fingerprint is the SARIF
``partialFingerprints`` value, so code-scanning alerts and baseline entries agree.

Suppressed claims and findings are dropped from the result (the model has no "suppressed" flag);
the counts go to ``result.options["suppressed"]`` so reports can say how many were hidden.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import ConfigError
from .model import Claim, Document, Finding, RunResult

DEFAULT_BASELINE = ".claimledger-baseline.json"
BASELINE_SCHEMA = "claimledger.baseline/1"
#: Verdicts that are not problems and so never enter a baseline.
PASSING = ("verified", "approximate")


def _norm_path(path: str) -> str:
    """A path in one spelling (relative to cwd when inside it, POSIX, no ``./``).

    The same draft given as ``./a.md``, ``a.md`` or ``/repo/a.md`` must get one fingerprint, or a
    baseline made on a laptop would not match in CI.
    """
    p = Path(path)
    if p.is_absolute():
        try:
            p = Path(os.path.normpath(p)).relative_to(Path.cwd())
        except ValueError:
            p = Path(os.path.normpath(p))
    return PurePosixPath(os.path.normpath(p).replace(os.sep, "/")).as_posix()


def _line_text(doc: Document, line: int) -> str:
    lines = doc.text.split("\n")
    if 1 <= line <= len(lines):
        return " ".join(lines[line - 1].split())
    return ""


def fingerprint(doc: Document, item: Claim | Finding) -> str:
    """A stable 32-hex id of one claim's verdict or one finding in one draft (no line numbers)."""
    if isinstance(item, Claim):
        parts = ["claim", _norm_path(doc.path), item.id, item.verdict or ""]
    else:
        parts = ["finding", _norm_path(doc.path), item.kind, item.key or "", _line_text(doc, item.line)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _note_suppressed(result: RunResult, how: str, n: int) -> None:
    counts = result.options.setdefault("suppressed", {})
    counts[how] = counts.get(how, 0) + n


def apply_ignores(result: RunResult) -> int:
    """Drop claims whose verdict an inline ``claimledger-disable`` comment silenced.

    ``Claim.disabled`` holds verdict names or ``"*"``. A claim is dropped only when its actual
    verdict is disabled: disabling ``uncited`` on a line must not hide a later ``misquote`` there.
    Returns how many were dropped (also added to ``result.options["suppressed"]["inline"]``).
    """
    dropped = 0
    for doc in result.documents:
        keep = []
        for c in doc.claims:
            if c.disabled and ("*" in c.disabled or (c.verdict is not None and c.verdict in c.disabled)):
                dropped += 1
            else:
                keep.append(c)
        doc.claims = keep
        # Findings carry no `disabled` in today's model; honour one if extraction ever sets it.
        keepf = []
        for f in doc.findings:
            off = getattr(f, "disabled", ())
            if off and ("*" in off or f.kind in off):
                dropped += 1
            else:
                keepf.append(f)
        doc.findings = keepf
    _note_suppressed(result, "inline", dropped)
    return dropped


@dataclass(slots=True)
class BaselineEntry:
    fingerprint: str
    path: str
    kind: str
    line: int
    text: str  # the figure or the finding's key, for humans reading the file
    message: str | None = None
    expires: _dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, "path": self.path, "kind": self.kind, "line": self.line,
                "text": self.text, "message": self.message,
                "expires": self.expires.isoformat() if self.expires else None}

    def __str__(self) -> str:
        """How a warning names the entry: ``drafts/a.md:12 misquote 64% (expires 2025-06-30)``."""
        until = f" (expires {self.expires.isoformat()})" if self.expires else ""
        return f"{self.path}:{self.line} {self.kind} {self.text}{until}"

    def expired(self, today: _dt.date) -> bool:
        """True after the expiry date (the date itself is still covered)."""
        return self.expires is not None and today > self.expires


def parse_date(value: str | _dt.date | None, origin: str = "--expires") -> _dt.date | None:
    """An ISO date (``2025-06-30``), or a ConfigError naming where the bad value came from."""
    if value is None or isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"{origin}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def load_baseline(path: str | Path) -> dict[str, BaselineEntry]:
    """The entries of a baseline file by fingerprint; a missing or malformed file is a UserError."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"baseline file not found: {p} (create it with `claimledger baseline create`)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ConfigError(f"{p}: cannot read baseline: {e}") from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA or not isinstance(
            data.get("entries"), list):
        raise ConfigError(f"{p}: not a claimledger baseline (expected schema {BASELINE_SCHEMA!r})")
    out: dict[str, BaselineEntry] = {}
    for i, e in enumerate(data["entries"]):
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str):
            raise ConfigError(f"{p}: entry {i + 1} has no fingerprint")
        out[e["fingerprint"]] = BaselineEntry(
            fingerprint=e["fingerprint"], path=str(e.get("path", "")), kind=str(e.get("kind", "")),
            line=int(e.get("line") or 0), text=str(e.get("text", "")), message=e.get("message"),
            expires=parse_date(e.get("expires"), f"{p}: entry {i + 1} expires"))
    return out


def _entries(result: RunResult) -> list[tuple[BaselineEntry, Document, Claim | Finding]]:
    out: list[tuple[BaselineEntry, Document, Claim | Finding]] = []
    for doc in result.documents:
        for c in doc.claims:
            if c.verdict is None or c.verdict in PASSING:
                continue
            out.append((BaselineEntry(fingerprint(doc, c), _norm_path(doc.path), c.verdict, c.line,
                                      c.quantity.text, c.message), doc, c))
        for f in doc.findings:
            out.append((BaselineEntry(fingerprint(doc, f), _norm_path(doc.path), f.kind, f.line,
                                      f.key or "", f.message), doc, f))
    return out


def create_baseline(result: RunResult, path: str | Path = DEFAULT_BASELINE,
                    expires: str | _dt.date | None = None) -> int:
    """Write every current problem (claims not verified/approximate, all findings) to ``path``.

    Re-creating keeps the ``expires`` of entries that were already there unless ``expires`` is
    given, so refreshing a baseline never silently extends or drops a waiver's deadline.
    Returns the number of entries written.
    """
    until = parse_date(expires)
    p = Path(path)
    previous: dict[str, BaselineEntry] = {}
    if p.exists():
        try:
            previous = load_baseline(p)
        except ConfigError:
            previous = {}  # a broken old file is being replaced: nothing to keep
    entries: dict[str, BaselineEntry] = {}
    for entry, _doc, _item in _entries(result):
        old = previous.get(entry.fingerprint)
        entry.expires = until if until is not None else (old.expires if old else None)
        entries.setdefault(entry.fingerprint, entry)
    data = {
        "schema": BASELINE_SCHEMA,
        "tool_version": result.tool_version,
        "created_at": result.finished_at or _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "entries": sorted((e.to_json() for e in entries.values()),
                          key=lambda e: (e["path"], e["line"], e["kind"], e["fingerprint"])),
    }
    if p.parent != Path():
        p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(entries)


def apply_baseline(result: RunResult, path: str | Path,
                   today: _dt.date | None = None) -> tuple[int, list[BaselineEntry]]:
    """Drop claims and findings listed (and not expired) in the baseline.

    Returns ``(suppressed count, expired entries that matched)``. Matches of expired entries stay
    in the result (they fail again) and their message says the waiver ran out, so the CI log
    explains why a known figure is suddenly red. Entries that match nothing are in
    ``result.options["baseline_stale"]`` (fixed findings: the baseline can be re-created).
    """
    today = today or _dt.date.today()
    base = load_baseline(path)
    suppressed = 0
    expired: list[BaselineEntry] = []
    seen: set[str] = set()
    drop: set[int] = set()
    for _entry, doc, item in _entries(result):
        fp = fingerprint(doc, item)
        hit = base.get(fp)
        if hit is None:
            continue
        seen.add(fp)
        if hit.expired(today):
            expired.append(hit)
            note = f" (baseline waiver expired on {hit.expires.isoformat()})"  # type: ignore[union-attr]
            if isinstance(item, Claim):
                item.message = (item.message or f"{item.quantity.text}: {item.verdict}") + note
            else:
                item.message += note
        else:
            suppressed += 1
            drop.add(id(item))
    for doc in result.documents:
        doc.claims = [c for c in doc.claims if id(c) not in drop]
        doc.findings = [f for f in doc.findings if id(f) not in drop]
    _note_suppressed(result, "baseline", suppressed)
    result.options["baseline_expired"] = [e.fingerprint for e in expired]
    result.options["baseline_stale"] = sorted(set(base) - seen)
    return suppressed, expired


def failing(result: RunResult, fail_on: tuple[str, ...] | list[str]) -> int:
    """How many claims and findings are at or above ``--fail-on`` (exit code 1 iff > 0)."""
    return sum(1 for d in result.documents for c in d.claims if c.verdict in fail_on) + sum(
        1 for d in result.documents for f in d.findings if f.kind in fail_on)


def apply_options(result: RunResult, options: Any, cwd: str | Path | None = None) -> list[BaselineEntry]:
    """The post-run filters in their one right order: inline ignores, baseline, changed lines.

    One helper so `check` and `baseline check` cannot drift apart. ``options`` is an
    :class:`pipeline.config.Options`. The baseline is ``options.baseline``, or the default file
    when that option is unset (None) and the file exists; an empty string means none. Returns the
    baseline entries that have expired (they fail again).
    """
    apply_ignores(result)
    baseline = getattr(options, "baseline", None)
    if baseline is None and Path(cwd or ".", DEFAULT_BASELINE).is_file():
        baseline = str(Path(cwd or ".", DEFAULT_BASELINE))
    expired: list[BaselineEntry] = []
    if baseline:
        _suppressed, expired = apply_baseline(result, baseline)
    if getattr(options, "changed_lines", None):
        from .gitdiff import changed_lines, filter_changed

        paths = [d.path for d in result.documents]
        filter_changed(result, changed_lines(paths, options.changed_lines, cwd or Path.cwd()))
    return expired
