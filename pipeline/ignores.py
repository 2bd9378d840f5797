"""What the editor's report leaves out: inline disables, the baseline, ``--changed-lines``.

One place decides it (:func:`decide`), for ``check`` and ``baseline check`` alike, in one order:
an inline ``claimledger-disable`` comment, then the baseline, then the lines ``--changed-lines``
did not touch. Nothing is thrown away: a suppressed claim or finding leaves the documents (which
hold what the report shows) for ``RunResult.suppressed`` with its reason, and the ledger records
both, so a researcher sees the whole history and an editor only what needs attention.

Why a baseline: a team adopting claimledger on an archive of drafts cannot fix every old figure
before turning on the CI gate. Like ruff's and detekt's baselines, the file lists what is already
known so only *new* problems fail; unlike most, each entry may carry an ``expires`` date (an ISO
date, inclusive) after which the finding fails again: waivers that expire are what fact-check
users ask for, so "we'll fix it later" cannot quietly become "never".

Identity must survive edits elsewhere in the draft, so a fingerprint never includes a line
number: for a claim it is the claim id (stable while its sentence is unchanged) and verdict, for a
finding its kind, key and the text of the line it sits on. The same fingerprint is the SARIF
``partialFingerprints`` value, so code-scanning alerts and baseline entries agree.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .config import DEFAULT_BASELINE
from .errors import ConfigError
from .model import BaselineOutcome, Claim, Document, Finding, RunResult, Suppressed, SuppressedBy

if TYPE_CHECKING:
    from .config import Options

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
    for i, raw in enumerate(data["entries"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("fingerprint"), str):
            raise ConfigError(f"{p}: entry {i + 1} has no fingerprint")
        out[raw["fingerprint"]] = BaselineEntry(
            fingerprint=raw["fingerprint"], path=str(raw.get("path", "")), kind=str(raw.get("kind", "")),
            line=int(raw.get("line") or 0), text=str(raw.get("text", "")), message=raw.get("message"),
            expires=parse_date(raw.get("expires"), f"{p}: entry {i + 1} expires"))
    return out


def _entries(result: RunResult) -> list[tuple[BaselineEntry, Document, Claim | Finding]]:
    """A baseline entry for every problem the result shows (claims not passing, every finding)."""
    out: list[tuple[BaselineEntry, Document, Claim | Finding]] = []
    for doc in result.documents:
        for item in _items(doc):
            entry = _entry(doc, item)
            if entry is not None:
                out.append((entry, doc, item))
    return out


def _items(doc: Document) -> list[Claim | Finding]:
    """The claims, then the findings, of a document: what a baseline entry or a suppression is about."""
    return [*doc.claims, *doc.findings]


def _entry(doc: Document, item: Claim | Finding) -> BaselineEntry | None:
    """The baseline entry of one claim or finding; None for what is not a problem (a passing claim)."""
    if isinstance(item, Claim):
        if item.verdict is None or item.verdict in PASSING:
            return None
        return BaselineEntry(fingerprint(doc, item), _norm_path(doc.path), item.verdict, item.line,
                             item.quantity.text, item.message)
    return BaselineEntry(fingerprint(doc, item), _norm_path(doc.path), item.kind, item.line, item.key or "",
                         item.message)


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


@dataclass(slots=True)
class SuppressionPlan:
    """What a run may suppress, read before the run fetches anything: a missing baseline or an
    unknown ``--changed-lines`` revision stops the run at once, not after the network."""

    #: the baseline file applied (None: no baseline)
    baseline_path: str | None = None
    baseline: dict[str, BaselineEntry] = field(default_factory=dict)
    #: changed lines per draft path (None: every line counts, no ``--changed-lines``)
    changed: dict[str, set[int]] | None = None
    today: _dt.date = field(default_factory=_dt.date.today)


def plan_suppression(documents: list[Document], options: Options, cwd: str | Path) -> SuppressionPlan:
    """The plan for ``options``: its baseline is ``options.baseline``, or the default file when that
    option is unset (None) and the file exists in ``cwd``; an empty string means none."""
    baseline = options.baseline
    if baseline is None and Path(cwd, DEFAULT_BASELINE).is_file():
        baseline = str(Path(cwd, DEFAULT_BASELINE))
    plan = SuppressionPlan()
    if baseline:
        plan.baseline_path, plan.baseline = baseline, load_baseline(baseline)
    if options.changed_lines:
        from .gitdiff import changed_lines

        plan.changed = changed_lines([d.path for d in documents], options.changed_lines, cwd)
    return plan


@dataclass(slots=True)
class Suppression:
    """What :func:`decide` found: the items to leave out, the baseline's bookkeeping, and the notes
    to add to items whose baseline waiver ran out (they are shown again, saying why)."""

    suppressed: list[Suppressed]
    baseline: BaselineOutcome | None
    expired: list[tuple[Claim | Finding, str]]


def _silenced(names: tuple[str, ...], what: str | None) -> bool:
    return bool(names) and ("*" in names or (what is not None and what in names))


def decide(documents: list[Document], plan: SuppressionPlan) -> Suppression:
    """Whether each claim and finding is suppressed, and by what, in one order for every command:
    an inline comment first, then the baseline, then ``--changed-lines``. Reads nothing, edits nothing.

    A claim is silenced inline only when its actual verdict is (disabling ``uncited`` on a line must
    not hide a later ``misquote`` there); a finding when its kind is silenced on its line. A baseline
    entry whose waiver expired does not suppress: its item is shown again with a note. Entries that
    match nothing are stale (the problem was fixed; the file can be re-created).
    """
    out = Suppression([], None, [])
    seen: set[str] = set()
    expired: dict[str, BaselineEntry] = {}
    accepted = 0
    for doc in documents:
        lines = None
        if plan.changed is not None:
            from .gitdiff import lines_of

            lines = lines_of(plan.changed, doc.path)
        for item in _items(doc):
            by: SuppressedBy | None = None
            if isinstance(item, Claim):
                inline = _silenced(item.disabled, item.verdict)
            else:
                inline = _silenced(doc.disabled.get(item.line, ()), item.kind)
            if inline:
                by = "inline"
            if by is None and plan.baseline:
                entry = _entry(doc, item)
                hit = plan.baseline.get(entry.fingerprint) if entry is not None else None
                if hit is not None:
                    seen.add(hit.fingerprint)
                    if hit.expired(plan.today):
                        expired[hit.fingerprint] = hit
                        out.expired.append((item, f" (baseline waiver expired on {hit.expires})"))
                    else:
                        by = "baseline"
                        accepted += 1
            if by is None and lines is not None:
                last = max(item.line, item.end_line) if isinstance(item, Claim) else item.line
                if not any(n in lines for n in range(item.line, last + 1)):
                    by = "changed_lines"
            if by is not None:
                out.suppressed.append(Suppressed(doc, item, by))
    if plan.baseline_path is not None:
        out.baseline = BaselineOutcome(path=plan.baseline_path, accepted=accepted,
                                       expired=[str(e) for e in expired.values()],
                                       stale=sorted(set(plan.baseline) - seen))
    return out


def suppress(result: RunResult, plan: SuppressionPlan) -> Suppression:
    """Apply :func:`decide` to the result: suppressed items leave the documents (which hold what
    the report shows) for ``result.suppressed`` (which the ledger records too), expired waivers add
    their note and a warning, and ``result.baseline`` gets the bookkeeping."""
    decision = decide(result.documents, plan)
    hidden = {id(s.item) for s in decision.suppressed}
    for doc in result.documents:
        doc.claims = [c for c in doc.claims if id(c) not in hidden]
        doc.findings = [f for f in doc.findings if id(f) not in hidden]
    for item, note in decision.expired:
        if isinstance(item, Claim):
            item.message = (item.message or f"{item.quantity.text}: {item.verdict}") + note
        else:
            item.message += note
    result.suppressed.extend(decision.suppressed)
    result.baseline = decision.baseline
    if decision.baseline is not None:
        result.warnings.extend(f"baseline entry expired: {e}" for e in decision.baseline.expired)
    return decision


def failing(result: RunResult, fail_on: tuple[str, ...] | list[str]) -> int:
    """How many claims and findings the report shows at or above ``--fail-on``."""
    return sum(1 for d in result.documents for c in d.claims if c.verdict in fail_on) + sum(
        1 for d in result.documents for f in d.findings if f.kind in fail_on)
