"""``--format github``: GitHub Actions workflow commands that become PR annotations.

GitHub shows at most 10 annotations per level (error, warning, notice) per step and drops the
rest silently. So: the most severe are emitted first (errors, then warnings, then notices, each
ordered by the model's SEVERITY_ORDER), each level is capped at 10 here rather than by GitHub,
and a final ``::notice`` says how many were left out and where the full list is (the job summary,
SARIF, and the collapsed log group printed after the annotations). ``verified`` and
``approximate`` claims are not annotated: an annotation asks for an action.

Escaping follows the runner's rules (actions/toolkit ``command.ts``): message data escapes
``%``, CR and LF; property values additionally ``:`` and ``,``. The plain-text list after the
annotations is wrapped in ``::stop-commands::`` so text quoted from drafts and sources cannot run
workflow commands.
"""

from __future__ import annotations

import uuid

from ..config import Options
from ..model import RunResult
from .sarif import Item, find_repo_root, iter_items, repo_relative

PER_LEVEL = 10
_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(s: str) -> str:
    """Escape a workflow command's message."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """Escape a workflow command property value (file, title...)."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _title(it: Item) -> str:
    name = it.kind.replace("_", " ")
    if it.claim is not None:
        return f"claimledger {name}: {it.claim.quantity.text}"
    return f"claimledger {name}" + (f" [{it.finding.key}]" if it.finding and it.finding.key else "")


def annotation(it: Item, path: str) -> str:
    """One workflow command for one item."""
    props = [f"file={escape_property(path)}", f"line={it.line}"]
    if it.end_column is not None and it.end_line == it.line:
        # GitHub accepts col/endColumn only on single-line annotations.
        props += [f"col={it.column}", f"endColumn={it.end_column}"]
    elif it.end_column is not None and it.end_line > it.line:
        props.append(f"endLine={it.end_line}")
    else:
        props.append(f"col={it.column}")
    props.append(f"title={escape_property(_title(it))}")
    return f"::{_COMMAND[it.level]} {','.join(props)}::{escape_data(it.message)}"


def render(result: RunResult, options: Options) -> str:
    """Annotations (capped, worst first), a summary notice, and the full list in a log group."""
    root = find_repo_root()
    items = iter_items(result, tuple(options.fail_on), exclude_kinds=("approximate",))
    shown: list[str] = []
    left_out = 0
    counts = {"error": 0, "warning": 0, "note": 0}
    for it in items:
        counts[it.level] += 1
    # The summary notice itself counts against the notice cap: keep one slot free when needed.
    total_over = sum(max(0, n - PER_LEVEL) for n in counts.values())
    caps = dict.fromkeys(counts, PER_LEVEL)
    if total_over:
        caps["note"] = PER_LEVEL - 1
    used = dict.fromkeys(counts, 0)
    paths: dict[str, str] = {}
    for it in items:
        path = paths.setdefault(it.doc.path, repo_relative(it.doc.path, root) or it.doc.path)
        if used[it.level] < caps[it.level]:
            used[it.level] += 1
            shown.append(annotation(it, path))
        else:
            left_out += 1
    lines = list(shown)
    if left_out:
        lines.append(
            "::notice title=claimledger::"
            + escape_data(f"{left_out} more finding(s) not shown as annotations (GitHub shows 10 per "
                          f"level): see the job summary, the SARIF report, or the log group "
                          f"'claimledger: all {len(items)} findings'.")
        )
    if items:
        # Draft and source text is untrusted: stop command processing while printing it, so an
        # excerpt cannot smuggle in a workflow command.
        token = uuid.uuid4().hex
        lines.append(f"::group::claimledger: all {len(items)} findings")
        lines.append(f"::stop-commands::{token}")
        for it in items:
            path = paths.setdefault(it.doc.path, repo_relative(it.doc.path, root) or it.doc.path)
            first, *rest = it.message.split("\n")
            lines.append(f"{path}:{it.line}:{it.column}: {it.level} [{it.kind}] {first}")
            lines.extend(f"    {r}" for r in rest)
        lines.append(f"::{token}::")
        lines.append("::endgroup::")
    s = result.summary()
    lines.append(
        f"claimledger: {s['claims']} claims in {s['documents']} document(s): "
        + ", ".join(f"{s[v]} {v.replace('_', ' ')}" for v in
                    ("verified", "approximate", "misquote", "not_found", "unavailable", "uncited"))
        + f"; {counts['error']} error(s), {counts['warning']} warning(s), {counts['note']} notice(s)"
    )
    return "\n".join(lines) + "\n"
