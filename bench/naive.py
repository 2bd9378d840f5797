"""The simplest honest alternative to claimledger, to put its figures in perspective.

What an engineer would write in an afternoon: read each draft, take the References section, find
every figure in every sentence with a regular expression, fetch each cited URL once with httpx (one
after the other, no cache between runs), and call a claim verified when the figure's text occurs
``in`` the fetched text. Nothing more: no main-text extraction, no PDF reading, no context, so a
figure counts as found wherever it appears (navigation, footer, another sentence), and a wrong figure
is "not found" rather than a misquote.

The benchmark runs it on the same corpus and the same server as claimledger and prints both the
wall-time ratio and how often each got the expected verdict, so a speed-up is never read without
the accuracy that comes with it.

Usage: ``python bench/naive.py DRAFT... [--root DIR] [-o FILE]``; prints JSON with one entry per claim.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

REF = re.compile(r"^\[(\d+)\]\s+.*?\s(\S+)\s*$")
MARKER = re.compile(r"\[(\d+)\]")
FIGURE = re.compile(r"\$?\d[\d,]*(?:\.\d+)?(?:%| percent|x\b| million| billion)?")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9$])")


def check_draft(path: Path, root: Path, client: httpx.Client, texts: dict[str, str | None]) -> list[dict]:
    """Verdicts for one draft; ``texts`` is the per-run memo of fetched sources (locator -> text)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    refs: dict[str, str] = {}
    body_end = len(lines)
    for i, line in enumerate(lines):
        if line.strip().lower().lstrip("#").strip() == "references":
            body_end = i
        m = REF.match(line.strip())
        if m and i >= body_end:
            refs[m.group(1)] = m.group(2)
    results = []
    for n, line in enumerate(lines[:body_end], start=1):
        if not line.strip() or line.startswith("#"):
            continue
        for sentence in SENTENCE_END.split(line):
            keys = MARKER.findall(sentence)
            bare = MARKER.sub("", sentence)
            for fig in FIGURE.findall(bare):
                fig = fig.rstrip(",.")
                if not keys:
                    results.append({"line": n, "text": fig, "verdict": "uncited"})
                    continue
                verdict = "unavailable"
                for key in keys:
                    text = _fetch(refs.get(key), root, client, texts)
                    if text is None:
                        continue
                    if fig in text:
                        verdict = "verified"
                        break
                    verdict = "not_found"
                results.append({"line": n, "text": fig, "verdict": verdict})
    return results


def _fetch(locator: str | None, root: Path, client: httpx.Client, texts: dict[str, str | None]) -> str | None:
    """The text of a source, fetched once per run; None when it cannot be read."""
    if locator is None:
        return None
    if locator not in texts:
        try:
            if locator.startswith(("http://", "https://")):
                r = client.get(locator)
                texts[locator] = r.text if r.status_code == 200 else None
            else:
                texts[locator] = (root / locator).read_text(encoding="utf-8", errors="replace")
        except Exception:
            texts[locator] = None
    return texts[locator]


def main() -> None:
    """Check the drafts one after the other and print (or write) a JSON list of documents."""
    import httpx

    ap = argparse.ArgumentParser(description="Naive figure checker: sequential fetch and `in`.")
    ap.add_argument("drafts", nargs="+", type=Path)
    ap.add_argument("--root", type=Path, default=Path("."))
    ap.add_argument("-o", "--output", type=Path)
    a = ap.parse_args()
    started = time.monotonic()
    texts: dict[str, str | None] = {}
    docs = []
    with httpx.Client(timeout=20, follow_redirects=True) as client:
        for d in a.drafts:
            docs.append({"path": str(d), "claims": check_draft(d, a.root, client, texts)})
    out = json.dumps({"documents": docs, "sources": len(texts), "seconds": time.monotonic() - started})
    if a.output:
        a.output.write_text(out)
    else:
        sys.stdout.write(out + "\n")


if __name__ == "__main__":
    main()
