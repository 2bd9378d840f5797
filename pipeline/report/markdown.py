"""``--format markdown``: a summary and a table fit for a PR comment and the job summary.

Who reads it: an editor glancing at a PR. So the headline is the verdict counts, the table lists
only what needs attention (errors first; verified and approximate claims are counted, not
listed), each row quotes the source passage, and ``couldn't check`` (unavailable) is visibly
apart from ``wrong`` (misquote, not found).

Text from drafts and sources goes into table cells, so it is escaped: ``|`` would end the cell,
newlines the row, and raw ``<``/``>`` could open HTML in a PR comment.

``append_step_summary`` appends to ``$GITHUB_STEP_SUMMARY`` (GitHub rejects a step summary over
1 MiB, so the text is cut at a row boundary with a note saying how many rows were dropped).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..config import Options
from ..model import RunResult
from .sarif import Item, iter_items

MAX_BYTES = 1024 * 1024
_ICON = {"error": "❌", "warning": "⚠️", "note": "ℹ️"}
_LABEL = {"verified": "verified", "approximate": "approximate", "misquote": "misquote",
          "not_found": "not found", "unavailable": "unavailable (couldn't check)", "uncited": "uncited"}


def escape_cell(s: str) -> str:
    """Make arbitrary text safe inside one GFM table cell."""
    s = s.replace("\\", "\\\\").replace("|", "\\|")
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return s


def _code(s: str) -> str:
    """An inline code span for a figure, immune to backticks and pipes inside it."""
    s = s.replace("|", "\\|").replace("\n", " ")
    ticks = "``" if "`" in s else "`"
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{ticks}{pad}{s}{pad}{ticks}"


def _row(it: Item) -> str:
    where = f"{escape_cell(it.doc.path)}:{it.line}"
    if it.claim is not None:
        c = it.claim
        figure = _code(c.quantity.text)
        detail = escape_cell(c.message or "")
        if c.evidence is not None and c.evidence.excerpt:
            label = c.evidence.key if c.evidence.key == c.evidence.locator else f"[{c.evidence.key}]"
            detail += f"<br>Source {escape_cell(label)}: “{escape_cell(c.evidence.excerpt)}”"
        fix = _code(c.suggestion) if c.suggestion else ""
    else:
        f = it.finding
        figure = _code(f"[{f.key}]") if f is not None and f.key else ""
        detail = escape_cell(it.message)
        fix = ""
    return (f"| {_ICON[it.level]} | {where} | {figure} | {_LABEL.get(it.kind, it.kind.replace('_', ' '))} "
            f"| {detail} | {fix} |")


def _headline(result: RunResult, items: list[Item]) -> list[str]:
    s = result.summary()
    errors = sum(1 for it in items if it.level == "error")
    status = "❌ failed" if errors else "✅ passed"
    counts = " · ".join(f"{s[v]} {_LABEL[v].split(' (')[0]}" for v in _LABEL)
    out = [f"## claimledger: {status}", "",
           f"{s['claims']} claims in {s['documents']} document(s): {counts}."]
    words = {"inline": "by inline comments", "baseline": "by the baseline", "changed_lines": "on unchanged lines"}
    hidden = [f"{n} {words[k]}" for k, n in result.suppressed_counts().items()]
    if hidden:
        out.append(f"Not shown: {', '.join(hidden)}.")
    expired = result.baseline.expired if result.baseline is not None else []
    if expired:
        out.append(f"⏰ {len(expired)} baseline waiver(s) expired and fail again.")
    return out


def render_lines(result: RunResult, options: Options) -> tuple[list[str], list[str]]:
    """(headline lines, table lines) so callers that must truncate can cut at a row."""
    items = iter_items(result, tuple(options.fail_on), exclude_kinds=("approximate",))
    head = _headline(result, items)
    if not items:
        return head, []
    table = ["", "| | Where | Figure | Verdict | Details | Suggestion |",
             "|---|---|---|---|---|---|"]
    table += [_row(it) for it in items]
    return head, table


def _fit(head: list[str], table: list[str], limit: int) -> str:
    text = "\n".join(head + table) + "\n"
    if len(text.encode("utf-8")) <= limit:
        return text
    # Keep the header rows (first three) and as many item rows as fit with the note.
    rows = table[3:]
    base = head + table[:3]
    used = len(("\n".join(base) + "\n").encode("utf-8"))
    kept: list[str] = []
    for row in rows:
        n = len(row.encode("utf-8")) + 1
        if used + n + 200 > limit:
            break
        kept.append(row)
        used += n
    note = (f"\n_… {len(rows) - len(kept)} more row(s) truncated to stay under "
            f"{limit // 1024} KiB; the SARIF or JSON report has them all._")
    return "\n".join(base + kept) + "\n" + note + "\n"


def render(result: RunResult, options: Options, max_bytes: int = MAX_BYTES) -> str:
    """The Markdown report, at most ``max_bytes`` UTF-8 bytes (truncated with a note)."""
    head, table = render_lines(result, options)
    return _fit(head, table, max_bytes)


def append_step_summary(text: str) -> None:
    """Append ``text`` to ``$GITHUB_STEP_SUMMARY`` when set; no-op elsewhere.

    The step summary is capped by GitHub at 1 MiB for the whole step, so what is already in the
    file counts: the text is cut (at a line, with a note) to fit what is left.
    """
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    p = Path(target)
    try:
        existing = p.stat().st_size
    except OSError:
        existing = 0
    room = MAX_BYTES - existing
    data = text if text.endswith("\n") else text + "\n"
    if len(data.encode("utf-8")) > room:
        note = "\n_… truncated: the job summary is limited to 1 MiB; see the SARIF or JSON report._\n"
        budget = room - len(note.encode("utf-8"))
        if budget <= 0:
            return
        kept, used = [], 0
        for line in data.splitlines(keepends=True):
            n = len(line.encode("utf-8"))
            if used + n > budget:
                break
            kept.append(line)
            used += n
        data = "".join(kept) + note
    with p.open("a", encoding="utf-8") as fh:
        fh.write(data)
