"""Coverage-guided fuzzing of the draft reader (atheris): bytes -> decode -> structure -> claims.

    .venv/bin/python tests/fuzz/fuzz_draft.py                 # bounded: FUZZ_SECONDS (default 60)
    FUZZ_RUNS=100000 FUZZ_SECONDS=3600 .venv/bin/python tests/fuzz/fuzz_draft.py   # a count of inputs

Every input is read as a Markdown, plain-text and HTML draft. A crash is any exception other than
the one-line ``DraftError`` a user should see, or a broken invariant (a mask that moves offsets, a
claim whose position does not point at its figure). At the end the script prints how many inputs
it ran. atheris is only needed here, not by ``make test``: ``.venv/bin/pip install atheris``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Seeds: small drafts with every construct the reader knows (no third-party text).
SEEDS: tuple[bytes, ...] = (
    b"# Issue 12\n\nSome 62% of CEOs expect growth [1].\n\n## References\n\n1. Survey, https://a.org/s\n",
    b"Costs rose to $1-2 million[^2] and then two-thirds.\r\nSource: data/report.md\r\n\r\n[^2]: Note.\n",
    b"<html><head><title>T</title></head><body><h1>H</h1><p>Share &ldquo;62%&rdquo; [4].</p>"
    b"<h2>Sources</h2><ol><li><a href='https://x.org'>x</a></li></ol></body></html>",
    b"\xef\xbb\xbfBOM 5%\n",
    "\ufeffwide 7% [1]\r\n\r\n[1]: https://a.org\r\n".encode("utf-16-le"),
    b"caf\xe9 costs 62%\n",
    b"---\ntitle: 99\n---\n> quote 5%\n- item 8% [3-5]\n| a | 5% |\n|---|---|\n```\ncode 10%\n```\n",
    b"<!-- claimledger-disable-next-line misquote -->\nb 2% [1]\n\n[1]: https://a.org/1\n",
    "مرحبا ٦٢٪ \u200f62%\u200e [1] \u202eabc\n".encode(),
)


def one_input(data: bytes) -> None:
    """Run one input through the reader; raise on anything but a DraftError."""
    from pipeline.draft import build_draft, decode_draft
    from pipeline.errors import DraftError
    from pipeline.extract import extract_document

    try:
        text, _warnings = decode_draft(data, "fuzz.md")
    except DraftError as e:
        if "\n" in str(e):
            raise AssertionError(f"DraftError message is not one line: {e!r}") from None
        return
    if "\r" in text:
        raise AssertionError("a CR survived decoding")
    for fmt in ("markdown", "text", "html"):
        d = build_draft(text, fmt, display_path="fuzz.md")
        if len(d.masked) != len(text):
            raise AssertionError(f"{fmt}: mask length {len(d.masked)} != text length {len(text)}")
        for b in d.blocks:
            if not (0 <= b.start <= b.end <= len(text)) or b.text_mask != d.masked[b.start:b.end]:
                raise AssertionError(f"{fmt}: block out of bounds or mask mismatch: {b}")
        doc = extract_document(d)
        shown = d.masked if fmt == "html" else text  # HTML entities show as their character
        lines = shown.split("\n")
        for c in doc.claims:
            if shown[c.quantity.start:c.quantity.end] != c.quantity.text:
                raise AssertionError(f"{fmt}: claim offsets do not index its figure: {c}")
            if not (1 <= c.line <= c.end_line <= len(lines)):
                raise AssertionError(f"{fmt}: claim line out of range: {c}")
            if c.line == c.end_line:
                span = lines[c.line - 1][c.column - 1:c.end_column]
                # HTML: a figure that begins with an entity starts at its '&' in the file, where the
                # masked text shows blanks up to the entity's character ("&#8364;0" -> "      €0")
                if fmt == "html" and span != c.quantity.text:
                    raw = text.split("\n")[c.line - 1]
                    if raw[c.column - 1:c.column] == "&" and span.lstrip(" ") == c.quantity.text:
                        continue
                if span != c.quantity.text:
                    raise AssertionError(f"{fmt}: claim column does not point at its figure: {c}")


def main(argv: list[str]) -> int:
    try:
        import atheris
    except ImportError:
        sys.stderr.write("fuzz_draft: atheris is not installed; run `.venv/bin/pip install atheris` "
                         "(it is needed for `make fuzz` only)\n")
        return 2

    with atheris.instrument_imports():
        import pipeline.citations
        import pipeline.draft
        import pipeline.extract
        import pipeline.quantities
        import pipeline.sentences  # noqa: F401

    # The corpus grows while fuzzing; it lives in the (git-ignored) venv, not in the repository.
    corpus = Path(os.environ.get("FUZZ_CORPUS", ROOT / ".venv" / "fuzz" / "corpus_draft"))
    corpus.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(SEEDS):
        p = corpus / f"seed-{i:02d}"
        if not p.exists():
            p.write_bytes(seed)

    seconds = float(os.environ.get("FUZZ_SECONDS", "60"))
    max_runs = int(os.environ.get("FUZZ_RUNS", "0")) or None
    runs = {"n": 0}
    started = time.monotonic()

    def report() -> None:
        elapsed = time.monotonic() - started
        print(f"fuzz_draft: {runs['n']} inputs run in {elapsed:.0f} s without a crash", flush=True)

    def test_one(data: bytes) -> None:
        one_input(data)  # a crash propagates: libFuzzer prints it and saves the input
        runs["n"] += 1
        if (max_runs is not None and runs["n"] >= max_runs) or time.monotonic() - started >= seconds:
            report()
            os._exit(0)  # libFuzzer's own exit skips atexit handlers: stop here, count printed

    args = list(argv)
    if not any(a.startswith("-max_len=") for a in args[1:]):
        args.append("-max_len=4096")
    if not any(a.startswith("-timeout=") for a in args[1:]):
        args.append("-timeout=10")  # an input that takes 10 s is a hang: report it
    if not any(a.startswith("-artifact_prefix=") for a in args[1:]):
        args.append(f"-artifact_prefix={corpus.parent}/")  # crash-* inputs next to the corpus, not in cwd
    args.append(str(corpus))
    atheris.Setup(args, test_one)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
