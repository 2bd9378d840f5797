"""The pipeline as a Python API: read -> extract -> sources -> judge -> ledger -> report.

`check`, `extract` and `sources` return a :class:`~pipeline.model.RunResult`; `main` is what the
CLI calls: it runs one of them, writes the report and returns the exit code. Keeping the API free
of printing is what lets tests, the benchmark and the GitHub Action drive the same code.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

from .__about__ import __version__
from .config import Options
from .errors import DraftError, UserError
from .model import Document, RunResult


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _warn(options: Options, message: str) -> None:
    if not options.quiet:
        sys.stderr.write(f"claimledger: warning: {message}\n")


def read_documents(paths: list[str], options: Options) -> list[Document]:
    """Every draft under `paths`, extracted. A non-text file among several is skipped with a warning;
    given alone (or when nothing readable is left) it is the run's error."""
    from .draft import collect_drafts, read_draft
    from .extract import extract_document

    files, warnings = collect_drafts(paths)
    for w in warnings:
        _warn(options, w)
    docs: list[Document] = []
    errors: list[DraftError] = []
    for path, display in files:
        # `./drafts/a.md` and `drafts/a.md` are one draft: claim ids and baselines must agree
        display = os.path.normpath(display)
        try:
            draft = read_draft(path, display, options.max_draft_bytes)
        except DraftError as e:
            if len(files) == 1:
                raise
            errors.append(e)
            _warn(options, f"{e} (skipped)")
            continue
        doc = extract_document(draft)
        for w in doc.warnings:
            _warn(options, w)
        docs.append(doc)
    if not docs and errors:
        raise errors[0]
    return docs


def resolve_root(paths: list[str], options: Options) -> Path:
    """--root, else the git root of the first draft, else the current directory."""
    if options.root:
        root = Path(options.root)
        if not root.is_dir():
            raise UserError(f"--root {options.root}: not a directory")
        return root.resolve()
    first = Path(paths[0]) if paths else Path.cwd()
    start = first if first.is_dir() else first.parent
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=start or ".", capture_output=True, text=True, timeout=10
        )
        if out.returncode == 0 and out.stdout.strip():
            return Path(out.stdout.strip()).resolve()
    except (OSError, subprocess.SubprocessError):
        pass
    return Path.cwd().resolve()


def _new_result(mode: str, options: Options) -> RunResult:
    opts = {f.name: getattr(options, f.name) for f in fields(options)}
    return RunResult(
        run_id=uuid.uuid4().hex[:16], started_at=_now(), finished_at="", tool_version=__version__, mode=mode,
        options=opts,
    )


def extract(paths: list[str], options: Options | None = None) -> RunResult:
    """Claims, citations and references only; no network, no ledger."""
    options = options or Options()
    result = _new_result("extract", options)
    result.documents = read_documents(paths, options)
    result.finished_at = _now()
    return result


def sources(
    paths: list[str], options: Options | None = None, progress: Callable[[int, int], None] | None = None
) -> RunResult:
    """Resolve and fetch every cited source into the cache."""
    from .sources import gather_sources

    options = options or Options()
    result = _new_result("sources", options)
    result.documents = read_documents(paths, options)
    seen = [len(d.warnings) for d in result.documents]
    by_locator = gather_sources(result.documents, options, resolve_root(paths, options), progress)
    _warn_new(result.documents, seen, options)
    result.sources = _distinct_sources(by_locator)
    result.finished_at = _now()
    return result


def _warn_new(documents: list[Document], seen: list[int], options: Options) -> None:
    """Print what the sources stage added to the documents' warnings (an unwritable cache, a
    full disk): it runs after the draft warnings were printed."""
    for doc, n in zip(documents, seen, strict=True):
        for w in doc.warnings[n:]:
            _warn(options, w)


def _distinct_sources(by_locator: dict) -> list:
    """One Source per locator as written, in a stable order for reports."""
    return [by_locator[loc] for loc in sorted(by_locator)]


def check(
    paths: list[str], options: Options | None = None, progress: Callable[[int, int], None] | None = None
) -> RunResult:
    """The whole pipeline. The ledger run is opened before fetching so a kill mid-run leaves it
    marked `interrupted`, and written in one transaction at the end."""
    from .judge import judge_document
    from .sources import gather_sources

    options = options or Options()
    result = _new_result("check", options)
    result.documents = read_documents(paths, options)
    ledger = None
    if not options.no_ledger:
        from .ledger import Ledger

        ledger = Ledger.open(options.db)
        ledger.begin_run(result.run_id, result.started_at, __version__, result.options)
    try:
        seen = [len(d.warnings) for d in result.documents]
        by_locator = gather_sources(result.documents, options, resolve_root(paths, options), progress)
        _warn_new(result.documents, seen, options)
        result.sources = _distinct_sources(by_locator)
        _judge_documents(result.documents, by_locator, judge_document, options)
        _apply_filters(result, paths, options)
        result.finished_at = _now()
        if ledger is not None:
            ledger.finish_run(result)
    finally:
        if ledger is not None:
            ledger.close()
    return result


class _IndexStore(dict):
    """The run's source indexes, backed by the cache: an index built once is saved (plain JSON,
    keyed by the content hash and the version of the code that shapes it) and a later run loads
    it instead of reading every figure of the source again. The judge only sees a mapping."""

    def __init__(self, cache_dir: str) -> None:
        super().__init__()
        from .cache import Cache
        from .match import INDEX_VERSION
        from .reading import READER_VERSION

        self._version = f"{INDEX_VERSION}-r{READER_VERSION}"
        try:
            self._cache: object | None = Cache(cache_dir)
        except Exception:  # no usable cache: indexes are simply built (the sources stage warned)
            self._cache = None

    @staticmethod
    def _is_hash(key: object) -> bool:
        return isinstance(key, str) and len(key) == 64 and all(c in "0123456789abcdef" for c in key)

    def get(self, key: object, default: object = None) -> object:
        found = dict.get(self, key)
        if found is None and self._cache is not None and self._is_hash(key):
            from .match import SourceIndex

            data = self._cache.get_index(key, self._version)  # type: ignore[attr-defined]
            if data is not None:
                try:
                    found = SourceIndex.from_data("", data)
                except (KeyError, TypeError, ValueError, AssertionError):
                    found = None  # a damaged or foreign file is a miss
                if found is not None:
                    dict.__setitem__(self, key, found)
        return default if found is None else found

    def __setitem__(self, key: object, value: object) -> None:
        dict.__setitem__(self, key, value)
        if self._cache is not None and self._is_hash(key):
            with contextlib.suppress(OSError):
                self._cache.put_index(key, self._version, value.to_data())  # type: ignore[attr-defined]


def _judge_documents(documents: list[Document], by_locator: dict, judge_document: Callable,
                     options: Options | None = None) -> None:
    """Judge every document, each source indexed once per run and shared by every draft citing it.

    Memory is bounded by what is still needed: once the last draft citing a source is judged, its
    index and its text are dropped (an index is about 15x its text; with every index and text kept
    to the end, 100 MB of sources took 2 GB). Judging reads only the sources a draft cites, so
    the verdicts are the same; reports and the ledger never read Source.text.
    """
    def keys(doc: Document) -> set[str]:
        out = set()
        for ref in doc.references:
            src = by_locator.get(ref.locator) if ref.locator is not None else None
            if src is not None and src.text is not None:
                out.add(src.sha256 or ref.locator)
        return out

    needs = [keys(doc) for doc in documents]
    last_use = {k: i for i, ks in enumerate(needs) for k in ks}
    holders: dict[str, list] = {}
    for loc, src in by_locator.items():
        if src.text is not None:
            holders.setdefault(src.sha256 or loc, []).append(src)
    indexes: dict = _IndexStore(options.cache_dir) if options is not None else {}
    for i, doc in enumerate(documents):
        judge_document(doc, by_locator, indexes)
        for k in needs[i]:
            if last_use[k] == i:
                indexes.pop(k, None)
                for src in holders.get(k, ()):
                    src.text = None


def _apply_filters(result: RunResult, paths: list[str], options: Options) -> None:
    from .ignores import apply_options

    for e in apply_options(result, options, os.getcwd()):
        _warn(options, f"baseline entry expired: {e}")


def write_report(output: str, text: str) -> None:
    """Write the report to ``output`` (its folders created), or one clear UserError."""
    target = Path(output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as e:
        # "File exists" from mkdir means a file stands where a folder of the path should be
        blocker = next((p for p in (target.parent, *target.parent.parents) if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            raise UserError(f"cannot write {output}: {blocker} is a file, not a folder") from None
        if target.is_dir():
            raise UserError(f"cannot write {output}: it is a folder") from None
        raise UserError(f"cannot write {output}: {e.strerror or e}") from None


class _LazyProgress:
    """The progress bar, drawn only once the sources stage reports: a draft that cannot be read
    fails before any bar appears, and the bar starts with the number of sources known."""

    def __init__(self) -> None:
        self.bar: object | None = None

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            from .report.progress import Progress

            self.bar = Progress(total)
        self.bar.update(done, total)  # type: ignore[attr-defined]

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()  # type: ignore[attr-defined]


def main(mode: str, paths: list[str], options: Options) -> int:
    """Run `mode`, write the report, return the exit code."""
    from .report import render

    if not paths:
        raise UserError("no PATH given")
    progress = None
    bar = None
    if mode in ("check", "sources") and not options.quiet and sys.stderr.isatty():
        bar = _LazyProgress()
        progress = bar.update
    try:
        if mode == "extract":
            result = extract(paths, options)
        elif mode == "sources":
            result = sources(paths, options, progress)
        else:
            result = check(paths, options, progress)
    finally:
        if bar is not None:
            bar.close()
    fmt = options.format
    text = render(result, fmt, options)
    if options.diff and mode == "check" and not options.output:
        text = ""  # --diff alone: stdout carries only the patch, so it pipes into `git apply`
    if options.output:
        write_report(options.output, text)
    elif text:
        sys.stdout.write(text)
        if text and not text.endswith("\n"):
            sys.stdout.write("\n")
    if mode == "check":
        if os.environ.get("GITHUB_STEP_SUMMARY"):
            from .report.markdown import append_step_summary
            from .report.markdown import render as md

            try:
                append_step_summary(md(result, options))
            except OSError as e:
                # the job summary is a courtesy: a bad path must not fail the check it summarises
                _warn(options, f"cannot write the job summary to $GITHUB_STEP_SUMMARY "
                               f"({os.environ['GITHUB_STEP_SUMMARY']}): {e.strerror or e}")
        if options.diff:
            from .report.diff import make_diff

            sys.stdout.write(make_diff(result))
        from .ignores import failing

        return 1 if failing(result, options.fail_on) else 0
    return 0
