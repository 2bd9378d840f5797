"""``--changed-lines BASE_REV``: report only claims on lines a pull request touched.

Why: on a PR against an archive of drafts, reviewers want the figures the author wrote, not a
wall of old findings (reviewdog's ``-filter-mode=added``). Lines come from ``git diff -U0 -M
BASE_REV`` of the work tree (so staged and unstaged edits count), read once for the whole tree so
renames are seen as renames (a renamed draft reports only its edited lines, not every line).
A draft that did not exist at BASE_REV (new or untracked) counts as changed everywhere.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from .errors import GitError

__all__ = ["GitError", "changed_lines", "lines_of", "parse_diff"]

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _git(args: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    try:
        proc = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd,
                              capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("--changed-lines needs git, and git is not installed") from None
    if check and proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {msg[-1] if msg else 'exit ' + str(proc.returncode)}")
    return proc


def _unquote(name: str) -> str:
    """Undo git's C-style quoting of unusual path names ("a\\tb", octal UTF-8 bytes)."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    body = name[1:-1]
    out = bytearray()
    i = 0
    simple = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567" and i + 3 < len(body) + 1:
                out.append(int(body[i + 1:i + 4], 8))
                i += 4
                continue
            out.append(simple.get(nxt, ord(nxt)))
            i += 2
            continue
        out.extend(ch.encode("utf-8"))
        i += 1
    return out.decode("utf-8", "replace")


def parse_diff(text: str) -> dict[str, set[int]]:
    """Added/changed line numbers (new side) per new path in a ``git diff -U0`` text.

    Files present in the diff map to a (possibly empty) set: a pure deletion or a 100% rename
    changes no line of the new file. Deleted files (``+++ /dev/null``) are left out.
    """
    out: dict[str, set[int]] = {}
    current: str | None = None
    for line in text.splitlines():
        if line.startswith("diff --git "):
            current = None
            # A pure rename has no ---/+++ lines; take the new name from "rename to".
        elif line.startswith("rename to "):
            current = _unquote(line[len("rename to "):])
            out.setdefault(current, set())
        elif line.startswith("+++ "):
            name = _unquote(line[4:].rstrip("\t"))
            if name == "/dev/null":
                current = None
            else:
                current = name[2:] if name.startswith("b/") else name
                out.setdefault(current, set())
        elif current is not None and line.startswith("@@"):
            m = _HUNK.match(line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
                out[current].update(range(start, start + count))
    return out


def _line_count(path: Path) -> int:
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    return data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)


def changed_lines(paths: list[str], base_rev: str, cwd: str | Path) -> dict[str, set[int]]:
    """Changed lines (1-based) since ``base_rev`` for each draft in ``paths``.

    Keys are the paths as given; a directory expands to the files under it that git lists as
    changed or new (keyed as ``dir/relative``). Raises :class:`GitError` (exit 2) outside a
    repository or for an unknown revision, with the shallow-clone hint CI users need.
    """
    cwd = Path(cwd)
    top_proc = _git(["rev-parse", "--show-toplevel"], cwd, check=False)
    if top_proc.returncode != 0:
        raise GitError(f"--changed-lines: {cwd} is not inside a git repository")
    top = Path(top_proc.stdout.decode("utf-8").strip())
    rev = _git(["rev-parse", "--verify", "--quiet", f"{base_rev}^{{commit}}"], top, check=False)
    if rev.returncode != 0:
        raise GitError(f"--changed-lines: unknown revision {base_rev!r} (in CI, fetch it: "
                       "actions/checkout with fetch-depth: 0)")
    diff = _git(["diff", "-U0", "-M", "--no-color", "--no-ext-diff", "--no-textconv",
                 "--src-prefix=a/", "--dst-prefix=b/", base_rev, "--"], top)
    by_repo_path = parse_diff(diff.stdout.decode("utf-8", "replace"))
    untracked = {n for n in _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
                 .stdout.decode("utf-8", "replace").split("\0") if n}
    resolved_top = top.resolve()

    def lines_for(rel: str, abs_path: Path) -> set[int] | None:
        if rel in by_repo_path:
            return by_repo_path[rel]
        in_base = _git(["cat-file", "-e", f"{base_rev}:{rel}"], top, check=False).returncode == 0
        if rel in untracked or not in_base:
            return set(range(1, _line_count(abs_path) + 1)) if abs_path.is_file() else None
        return set()

    out: dict[str, set[int]] = {}
    for given in paths:
        abs_path = Path(os.path.normpath(cwd / given)).resolve()
        try:
            rel = abs_path.relative_to(resolved_top).as_posix()
        except ValueError:
            raise GitError(f"--changed-lines: {given} is outside the repository {top}") from None
        if abs_path.is_dir():
            prefix = "" if rel == "." else rel + "/"
            for name in sorted(set(by_repo_path) | untracked):
                if name.startswith(prefix):
                    lines = lines_for(name, resolved_top / name)
                    if lines:
                        out[os.path.join(given, name[len(prefix):])] = lines
            continue
        lines = lines_for(rel, abs_path)
        out[given] = lines or set()
    return out


def lines_of(changed: dict[str, set[int]], path: str) -> set[int]:
    """The changed lines of the draft at ``path`` in a :func:`changed_lines` answer: looked up as
    given, then by real path (``./drafts/a.md`` and ``drafts/a.md`` are one draft); none when absent."""
    lines = changed.get(path)
    if lines is None:
        real = os.path.realpath(path)
        lines = next((v for k, v in changed.items() if os.path.realpath(k) == real), set())
    return lines
