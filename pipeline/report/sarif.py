"""SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).

This module also holds the rule catalogue and the severity policy that the other CI formatters
(github, markdown, junit) share, so a finding has the same level wherever a user sees it: an
annotation that says "error" and a code-scanning alert that says "warning" would make users
distrust both.

Choices a CI user cares about:

- ``verified`` claims are not results: code scanning would turn every checked figure into an
  alert. ``approximate`` ones are ``note`` results (the rounding is worth a glance, not a fix).
- ``partialFingerprints`` come from :func:`pipeline.ignores.fingerprint` (claim id, or finding
  kind + key + the text of its line), never from line numbers, so an alert survives an edit that
  moves it down the page instead of closing and reopening.
- Columns are code points (``columnKind: unicodeCodePoints``) as in the JSON report; SARIF's
  ``endColumn`` is exclusive, ours is inclusive, hence the ``+ 1``.
- A misquote carries a SARIF ``fix`` that replaces the figure with the source's figure, the same
  edit ``--diff`` prints.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import quote

from ..config import Options
from ..model import SEVERITY_ORDER, VERDICTS, Claim, Document, Finding, RunResult
from .quote import display_sentence

Level = Literal["error", "warning", "note", "none"]

#: Where each rule's help lives; anchors are the rule ids (see docs/ci.md, "Rules").
HELP_BASE = "https://github.com/claimledger/claimledger/blob/main/docs/ci.md"
INFORMATION_URI = "https://github.com/claimledger/claimledger"
FINGERPRINT_KEY = "claimledger/v1"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str
    short: str
    help: str
    #: level when the kind is not in --fail-on (in --fail-on it is always "error")
    level: Level


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("misquote", "Misquote", "The cited source gives a different figure",
             "A cited source states a different figure in the matching context (draft 64%, source "
             "62%), or the same figure in another unit or scale (million vs billion, % vs "
             "percentage points). Replace the figure with the suggestion, or cite the source that "
             "gives the draft's figure.", "warning"),
        Rule("not_found", "NotFound", "No cited source states this figure",
             "The cited sources were read and none states this figure or a matching context. Check "
             "the citation points at the right source, or add the source that states it.",
             "warning"),
        Rule("unavailable", "Unavailable", "No cited source could be read",
             "Every cited source failed to load (HTTP error, timeout, blocked address, unsupported "
             "content), so the figure could not be checked. This is 'could not check', not "
             "'wrong': the message gives the reason. Fix the link or add an archived copy.",
             "warning"),
        Rule("uncited", "Uncited", "The figure has no citation",
             "The sentence, its paragraph and the block after it carry no citation for this "
             "figure. Add a citation marker such as [3] and a reference entry.", "note"),
        Rule("approximate", "Approximate", "The draft rounds or hedges the source's figure",
             "A cited source states a figure that the claim rounds or hedges correctly (\"about "
             "60%\" for 61.7%). Informational.", "note"),
        Rule("verified", "Verified", "A cited source states the same figure",
             "A cited source states the same figure in a matching context.", "none"),
        Rule("dangling_citation", "DanglingCitation", "A citation marker has no reference entry",
             "The draft cites a key (such as [4]) that no reference entry, link definition or "
             "footnote defines. Add the entry or fix the marker.", "warning"),
        Rule("unused_reference", "UnusedReference", "A reference entry is never cited",
             "A reference entry is not cited by any marker in the draft. Cite it or remove it.",
             "note"),
        Rule("bad_reference", "BadReference", "A reference entry has no usable locator",
             "The reference entry gives no URL, DOI or local path that can be read. Add one.",
             "warning"),
        Rule("inconsistent_figures", "InconsistentFigures", "The draft's own figures do not add up",
             "A figure and the conversion written beside it disagree (\"12 ft (4.7 m)\"), or parts "
             "and the total the sentence states do not add up. No source is needed: fix one of the "
             "figures the message names.", "warning"),
        Rule("source_changed", "SourceChanged", "A cited source changed since it was last checked",
             "The content of a cited source differs from the snapshot the claim's last verdict was "
             "judged on, and the verdict changed with it. Re-read the passage: the figure may have "
             "been corrected. (A change that leaves the verdict alone is recorded in the ledger, not "
             "reported.)", "warning"),
    )
}

_LEVEL_RANK = {"error": 0, "warning": 1, "note": 2, "none": 3}
_SEVERITY_RANK = {k: i for i, k in enumerate(SEVERITY_ORDER)}


def level_for(kind: str, fail_on: tuple[str, ...] | list[str]) -> Level:
    """The level of a verdict or finding kind: ``error`` iff it fails the run, else the rule's."""
    if kind in fail_on and kind != "verified":
        return "error"
    rule = RULES.get(kind)
    return rule.level if rule else "warning"


@dataclass(slots=True)
class Item:
    """One reportable thing (a claim with a verdict, or a finding), flattened for formatters."""

    doc: Document
    kind: str
    level: Level
    line: int
    column: int
    end_line: int
    end_column: int | None  # inclusive; None when only the start is known (findings)
    message: str
    claim: Claim | None = None
    finding: Finding | None = None

    @property
    def subject(self) -> Claim | Finding:
        """The claim or finding this item reports (every item has exactly one)."""
        if self.claim is not None:
            return self.claim
        if self.finding is None:
            raise ValueError("an Item reports a claim or a finding")
        return self.finding


def claim_message(claim: Claim) -> str:
    """The claim's message, completed with the source passage and suggestion when known.

    Users of fact checkers ask first for the exact passage from the source, so every CI surface
    shows it rather than sending the editor to the JSON report.
    """
    verdict = claim.verdict or "unchecked"
    msg = claim.message or f"{claim.quantity.text}: {verdict.replace('_', ' ')}"
    ev = claim.evidence
    if ev is not None and ev.excerpt and verdict in ("misquote", "approximate", "verified"):
        where = ev.locator if ev.key == ev.locator else f"[{ev.key}] ({ev.locator})"
        msg += f'\nSource {where}: "{ev.excerpt}"'
    if claim.suggestion and claim.suggestion not in msg:
        msg += f"\nSuggestion: {claim.suggestion}"
    return msg


def iter_items(result: RunResult, fail_on: tuple[str, ...] | list[str], *,
               include: tuple[Level, ...] = ("error", "warning", "note"),
               exclude_kinds: tuple[str, ...] = ()) -> list[Item]:
    """Every claim and finding whose level is in ``include``, most severe first.

    ``exclude_kinds`` lets the PR-facing formats leave out ``approximate`` (informational) while
    SARIF keeps it as a note; a kind in ``--fail-on`` is never excluded.

    Order: level (error, warning, note), then the model's SEVERITY_ORDER, then path and position,
    so truncating formatters (GitHub's 10 annotations per level) keep the worst.
    """
    items: list[Item] = []
    for doc in result.documents:
        for c in doc.claims:
            if c.verdict is None:
                continue
            lvl = level_for(c.verdict, fail_on)
            if lvl in include and (lvl == "error" or c.verdict not in exclude_kinds):
                items.append(Item(doc, c.verdict, lvl, c.line, c.column, c.end_line, c.end_column,
                                  claim_message(c), claim=c))
        for f in doc.findings:
            lvl = level_for(f.kind, fail_on)
            if lvl in include and (lvl == "error" or f.kind not in exclude_kinds):
                items.append(Item(doc, f.kind, lvl, f.line, f.column, f.line, None, f.message,
                                  finding=f))
    items.sort(key=lambda it: (_LEVEL_RANK[it.level], _SEVERITY_RANK.get(it.kind, len(_SEVERITY_RANK)),
                               it.doc.path, it.line, it.column))
    return items


def find_repo_root(start: Path | None = None) -> Path:
    """The enclosing git work tree (a ``.git`` dir or file), else ``start``; no subprocess."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / ".git").exists():
            return d
    return here


def repo_relative(path: str, root: Path | None = None) -> str | None:
    """``path`` relative to the repository root in POSIX form, or None when outside it.

    GitHub resolves annotation files and SARIF URIs against the repository root, whatever
    directory the check ran in, so a draft given as ``../drafts/a.md`` must still map there.
    """
    root = root or find_repo_root()
    p = Path(path)
    absolute = (p if p.is_absolute() else Path.cwd() / p)
    absolute = Path(os.path.normpath(absolute))
    try:
        rel = absolute.relative_to(root)
    except ValueError:
        try:
            rel = absolute.resolve().relative_to(root)
        except ValueError:
            return None
    return PurePosixPath(*rel.parts).as_posix()


def _artifact_location(path: str, root: Path) -> dict[str, Any]:
    """SARIF wants a URI reference (RFC 3986), not a file name: `my draft#1.md` must go out as
    `my%20draft%231.md`, or a viewer reads `#1.md` as a fragment (and `a:b.md` as a scheme)."""
    rel = repo_relative(path, root)
    if rel is None:
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": "%SRCROOT%"}


def _region(it: Item) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(1, it.line), "startColumn": max(1, it.column)}
    if it.end_column is not None:
        region["endLine"] = max(it.end_line, it.line)
        region["endColumn"] = max(1, it.end_column) + 1  # SARIF's end is exclusive
    if it.claim is not None and it.claim.sentence:
        region["snippet"] = {"text": display_sentence(it.doc, it.claim)}  # inline code kept
    return region


def _rule_json(rule: Rule, fail_on: tuple[str, ...]) -> dict[str, Any]:
    lvl = level_for(rule.id, fail_on)
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.short},
        "fullDescription": {"text": rule.help},
        "help": {"text": rule.help, "markdown": f"**{rule.short}.** {rule.help}"},
        "helpUri": f"{HELP_BASE}#{rule.id}",
        "defaultConfiguration": {"level": lvl, "enabled": lvl != "none"},
        "properties": {
            "tags": ["claimledger", "fact-check", "verdict" if rule.id in VERDICTS else "finding"],
            "problem.severity": {"error": "error", "warning": "warning"}.get(lvl, "recommendation"),
        },
    }



def _fix(it: Item, location: dict[str, Any]) -> list[dict[str, Any]]:
    c = it.claim
    if c is None or c.verdict != "misquote" or not c.suggestion or it.end_column is None:
        return []
    return [{
        "description": {"text": f"Use the source's figure: {c.suggestion}"},
        "artifactChanges": [{
            "artifactLocation": location,
            "replacements": [{
                "deletedRegion": {"startLine": c.line, "startColumn": c.column,
                                  "endLine": c.end_line, "endColumn": c.end_column + 1},
                "insertedContent": {"text": c.suggestion},
            }],
        }],
    }]


def build(result: RunResult, options: Options, root: Path | None = None) -> dict[str, Any]:
    """The SARIF log as a dict (tests validate it against the OASIS schema)."""
    from ..ignores import fingerprint  # shared with the baseline, so both agree on identity

    root = root or find_repo_root()
    fail_on = tuple(options.fail_on)
    rule_ids = list(RULES)
    results: list[dict[str, Any]] = []
    for it in iter_items(result, fail_on):
        loc = _artifact_location(it.doc.path, root)
        res: dict[str, Any] = {
            "ruleId": it.kind,
            "ruleIndex": rule_ids.index(it.kind) if it.kind in RULES else -1,
            "level": it.level,
            "message": {"text": it.message},
            "locations": [{"physicalLocation": {"artifactLocation": loc, "region": _region(it)}}],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(it.doc, it.subject)},
        }
        if res["ruleIndex"] < 0:
            del res["ruleIndex"]
        props: dict[str, Any] = {}
        if it.claim is not None:
            c = it.claim
            props = {"claimId": c.id, "figure": c.quantity.text, "verdict": c.verdict,
                     "confidence": c.confidence, "suggestion": c.suggestion,
                     "evidence": c.evidence.to_json() if c.evidence else None}
        elif it.finding is not None:
            props = {"key": it.finding.key}
        res["properties"] = {k: v for k, v in props.items() if v is not None}
        fixes = _fix(it, loc)
        if fixes:
            res["fixes"] = fixes
        results.append(res)
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "claimledger",
            "version": result.tool_version,
            "informationUri": INFORMATION_URI,
            "rules": [_rule_json(RULES[r], fail_on) for r in rule_ids],
        }},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{
            "executionSuccessful": True,
            **({"startTimeUtc": result.started_at} if result.started_at else {}),
            **({"endTimeUtc": result.finished_at} if result.finished_at else {}),
        }],
        "results": results,
        "properties": {"runId": result.run_id, "summary": result.summary()},
    }
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }


def render(result: RunResult, options: Options) -> str:
    """SARIF 2.1.0 JSON text for ``--format sarif``."""
    return json.dumps(build(result, options), indent=2, ensure_ascii=False) + "\n"
