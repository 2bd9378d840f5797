"""``--diff``: a unified diff that applies every misquote's suggestion to its draft.

Why a diff and not an in-place fix: editors review a correction before it lands (``git apply``,
a PR suggestion, or a look in the terminal), and a fact checker that rewrites prose unasked loses
trust fast. The draft is never written.

The patch is made against the bytes on disk when they still match the analysed text, so it keeps
a CRLF file's line endings and a BOM and applies with ``git apply`` / ``patch -p1`` from the
repository root. Replacements on one line are applied right to left so earlier columns stay
valid; overlapping spans (should never happen) keep the first and skip the rest.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..config import Options
from ..model import Claim, Document, RunResult
from .sarif import find_repo_root, repo_relative

_NO_EOL = "\\ No newline at end of file\n"


def _disk_lines(doc: Document) -> tuple[list[str], list[str]]:
    """(line contents, line endings) of the draft, from disk when it matches ``doc.text``."""
    text = doc.text
    try:
        raw = Path(doc.path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raw = None
    bom = ""
    if raw is not None:
        if raw.startswith("\ufeff"):
            bom, raw = "\ufeff", raw[1:]
        if raw.replace("\r\n", "\n") == text.replace("\r\n", "\n"):
            text = raw
        else:
            bom = ""
    contents: list[str] = []
    endings: list[str] = []
    # Lines end at "\n" only, as in the model (str.splitlines would also split at \f, U+2028...).
    chunks = text.split("\n")
    pieces = [ch + "\n" for ch in chunks[:-1]] + ([chunks[-1]] if chunks[-1] else [])
    for chunk in pieces:
        body = chunk[:-2] if chunk.endswith("\r\n") else chunk.rstrip("\n")
        contents.append(body)
        endings.append(chunk[len(body):])
    if contents and bom:
        contents[0] = bom + contents[0]
    return contents, endings


def _fixes(doc: Document) -> list[Claim]:
    return [c for c in doc.claims
            if c.verdict == "misquote" and c.suggestion and c.line == c.end_line and c.column >= 1]


def apply_suggestions(doc: Document) -> tuple[list[str], list[str], int] | None:
    """(old lines, new lines, fixes applied), lines with their endings; None if nothing to do."""
    claims = _fixes(doc)
    if not claims:
        return None
    contents, endings = _disk_lines(doc)
    new = list(contents)
    bom_shift = 1 if contents and contents[0].startswith("\ufeff") else 0
    applied = 0
    by_line: dict[int, list[Claim]] = {}
    for c in claims:
        by_line.setdefault(c.line, []).append(c)
    for line_no, cs in by_line.items():
        if not 1 <= line_no <= len(new):
            continue
        text = new[line_no - 1]
        shift = bom_shift if line_no == 1 else 0
        taken: list[tuple[int, int]] = []
        for c in sorted(cs, key=lambda c: c.column):
            start, end = c.column - 1 + shift, c.end_column + shift  # end_column is inclusive
            if end > len(text) or start >= end or any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
        spans = {(c.column - 1 + shift, c.end_column + shift): c for c in cs}
        for start, end in sorted(taken, reverse=True):
            text = text[:start] + (spans[(start, end)].suggestion or "") + text[end:]
            applied += 1
        new[line_no - 1] = text
    if not applied:
        return None
    old_lines = [c + e for c, e in zip(contents, endings, strict=True)]
    new_lines = [c + e for c, e in zip(new, endings, strict=True)]
    return old_lines, new_lines, applied


def _with_eof_markers(lines: list[str]) -> str:
    """difflib leaves a last line without newline unterminated; git marks it explicitly."""
    out = []
    for ln in lines:
        if ln.endswith("\n"):
            out.append(ln)
        else:
            out.append(ln + "\n" + _NO_EOL)
    return "".join(out)


def make_diff(result: RunResult) -> str:
    """A git-style unified diff (``a/``, ``b/`` paths, repo-relative) of all misquote fixes."""
    root = find_repo_root()
    parts: list[str] = []
    for doc in result.documents:
        change = apply_suggestions(doc)
        if change is None:
            continue
        old, new, _ = change
        rel = repo_relative(doc.path, root) or doc.path.lstrip("/")
        body = list(difflib.unified_diff(old, new, f"a/{rel}", f"b/{rel}", n=3))
        if not body:
            continue
        body[0] = body[0].rstrip("\n") + "\n"
        body[1] = body[1].rstrip("\n") + "\n"
        parts.append(f"diff --git a/{rel} b/{rel}\n" + _with_eof_markers(body))
    return "".join(parts)


def render(result: RunResult, options: Options) -> str:
    """``--format diff`` convenience: the same text as :func:`make_diff`."""
    return make_diff(result)
