"""The pipeline as a Python API: read -> extract -> sources -> judge -> suppress -> ledger.

`check`, `extract` and `sources` return a :class:`~pipeline.model.RunResult` and do nothing else a
caller would have to undo: they print nothing, write no report and choose no exit code. Warnings
travel in ``RunResult.warnings``, what the report leaves out in ``RunResult.suppressed``, the
baseline's bookkeeping in ``RunResult.baseline``; the CLI (:mod:`pipeline.cli`) is a thin mirror
that writes them out, as sqlite-utils' CLI is of its Python API. That is what lets tests, the
benchmark and the GitHub Action drive the same code.

The stages return values and this module puts them together: the sources stage a Source per
locator (:func:`_assemble_sources` sets each reference's status), the judge a Verdict per claim
(:func:`assemble_verdicts`), the ledger the ``source_changed`` findings its history shows
(:func:`conclude`). One cache and one index store per run are owned here, so the judge only ever
sees a plain mapping and does no I/O.
"""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
import uuid
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from .__about__ import __version__
from .config import Options
from .errors import DraftError, UserError
from .model import Document, RunResult, Source, Verdict

if TYPE_CHECKING:
    from .cache import Cache
    from .ignores import SuppressionPlan
    from .ledger import Ledger
    from .match import SourceIndex
    from .sources import SourcesOutcome

Progress = Callable[[int, int], None]


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def read_documents(paths: list[str], options: Options) -> tuple[list[Document], list[str]]:
    """Every draft under `paths`, extracted, and the warnings reading them gave. A non-text file
    among several is skipped with a warning; given alone (or when nothing readable is left) it is
    the run's error."""
    from .draft import collect_drafts, read_draft
    from .extract import extract_document

    files, warnings = collect_drafts(paths)
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
            warnings.append(f"{e} (skipped)")
            continue
        doc = extract_document(draft)
        doc.disabled = dict(draft.disabled)  # findings are silenced by line (claims carry their own)
        warnings.extend(doc.warnings)
        docs.append(doc)
    if not docs and errors:
        raise errors[0]
    return docs, warnings


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


def _warn(result: RunResult, warnings: Iterable[str]) -> None:
    """Add warnings to the run's, each once (a cache that cannot be written says so once)."""
    for w in warnings:
        if w not in result.warnings:
            result.warnings.append(w)


def extract(paths: list[str], options: Options | None = None) -> RunResult:
    """Claims, citations and references only; no network, no ledger."""
    options = options or Options()
    result = _new_result("extract", options)
    result.documents, warnings = read_documents(paths, options)
    _warn(result, warnings)
    result.finished_at = _now()
    return result


def sources(paths: list[str], options: Options | None = None, progress: Progress | None = None) -> RunResult:
    """Resolve and fetch every cited source into the cache."""
    from .cache import Cache
    from .sources import gather_sources

    options = options or Options()
    result = _new_result("sources", options)
    result.documents, warnings = read_documents(paths, options)
    _warn(result, warnings)
    cache = Cache(options.cache_dir)
    outcome = gather_sources(result.documents, options, resolve_root(paths, options), progress, cache)
    _assemble_sources(result, outcome)
    _warn(result, cache.warnings)
    result.finished_at = _now()
    return result


def check(paths: list[str], options: Options | None = None, progress: Progress | None = None) -> RunResult:
    """The whole pipeline. What may be suppressed (the baseline, ``--changed-lines``) is read before
    anything is fetched, so a missing baseline or an unknown revision fails at once. The ledger run
    is opened before fetching so a kill mid-run leaves it marked `interrupted`, and written in one
    transaction at the end (:func:`conclude`)."""
    from .cache import Cache
    from .ignores import plan_suppression
    from .sources import gather_sources

    options = options or Options()
    result = _new_result("check", options)
    result.documents, warnings = read_documents(paths, options)
    _warn(result, warnings)
    plan = plan_suppression(result.documents, options, os.getcwd())
    ledger = None
    if not options.no_ledger:
        from .ledger import Ledger

        ledger = Ledger.open(options.db)
    try:
        if ledger is not None:
            ledger.begin_run(result.run_id, result.started_at, __version__, result.options)
        cache = Cache(options.cache_dir)
        outcome = gather_sources(result.documents, options, resolve_root(paths, options), progress, cache)
        _assemble_sources(result, outcome)
        _judge_documents(result.documents, outcome.sources, _IndexStore(cache))
        _warn(result, cache.warnings)
        result.finished_at = _now()
        conclude(result, plan, ledger)
    finally:
        if ledger is not None:
            ledger.close()
    return result


def conclude(result: RunResult, plan: SuppressionPlan, ledger: Ledger | None) -> None:
    """The end of a check, the same for every command: the ``source_changed`` findings the ledger's
    history shows join their documents, :func:`pipeline.ignores.suppress` decides what the report
    leaves out (drift findings included), and the ledger records all of it, shown and suppressed,
    in one write transaction (so no other writer commits between reading the history and writing)."""
    from .ignores import suppress

    if ledger is None:
        suppress(result, plan)
        return
    with ledger.transaction():
        for doc, finding in ledger.source_changes(result):
            doc.findings.append(finding)
        suppress(result, plan)
        ledger.write_run(result)


def _assemble_sources(result: RunResult, outcome: SourcesOutcome) -> None:
    """The sources stage's values into the result: each reference the locator it was looked up by
    and that source's status; one Source per locator, in a stable order for reports."""
    for doc, row in zip(result.documents, outcome.locators, strict=True):
        for ref, locator in zip(doc.references, row, strict=True):
            ref.locator = locator
            ref.status = outcome.sources[locator].status if locator is not None else None
    result.sources = [outcome.sources[loc] for loc in sorted(outcome.sources)]
    _warn(result, outcome.warnings)


def assemble_verdicts(doc: Document, verdicts: list[Verdict]) -> None:
    """The judge's verdicts (one per claim, in order, each naming its claim) onto the claims."""
    if len(verdicts) != len(doc.claims) or any(
            v.claim_id != c.id for c, v in zip(doc.claims, verdicts, strict=True)):
        raise RuntimeError(f"{doc.path}: the judge's verdicts do not match the draft's claims")
    for claim, v in zip(doc.claims, verdicts, strict=True):
        claim.verdict, claim.confidence, claim.message = v.verdict, v.confidence, v.message
        claim.evidence, claim.suggestion, claim.derivation = v.evidence, v.suggestion, v.derivation


class _IndexStore:
    """The run's source indexes, in memory and saved in the run's cache: an index built once is
    saved (plain JSON, keyed by the content hash and ``INDEX_VERSION``) and a later run loads it
    instead of reading every figure of the source again.

    The judge never sees this object, only :attr:`memory`, a plain dict: :meth:`load` reads what a
    draft's claims will look up before they are judged, and :meth:`save` writes what the judge
    built while judging it. So the judge does no I/O, and a warm run still reads each index once.
    """

    def __init__(self, cache: Cache | None) -> None:
        from .match import INDEX_VERSION
        from .reading import READER_VERSION

        self.cache = cache
        self.version = f"{INDEX_VERSION}-r{READER_VERSION}"
        self.memory: dict[str, SourceIndex] = {}
        self._on_disk: set[str] = set()

    @staticmethod
    def _is_hash(key: str) -> bool:
        return len(key) == 64 and all(c in "0123456789abcdef" for c in key)

    def load(self, keys: Iterable[str]) -> None:
        """Read the saved indexes of ``keys`` not yet in memory (a damaged or foreign file is a miss)."""
        from .match import SourceIndex

        if self.cache is None:
            return
        for key in keys:
            if key in self.memory or not self._is_hash(key):
                continue
            data = self.cache.get_index(key, self.version)
            if data is None:
                continue
            try:
                self.memory[key] = SourceIndex.from_data("", data)
            except (KeyError, TypeError, ValueError, AssertionError):
                continue
            self._on_disk.add(key)

    def save(self) -> None:
        """Write every index built since the last save (a cache that cannot be written warns once)."""
        for key, index in self.memory.items():
            if key in self._on_disk or not self._is_hash(key):
                continue
            self._on_disk.add(key)
            if self.cache is not None:
                try:
                    self.cache.put_index(key, self.version, index.to_data())
                except OSError:
                    continue

    def drop(self, key: str) -> None:
        self.memory.pop(key, None)


def _judge_documents(documents: list[Document], by_locator: dict[str, Source], store: _IndexStore) -> None:
    """Judge every document, each source indexed once per run and shared by every draft citing it.

    Memory is bounded by what is still needed: once the last draft citing a source is judged, its
    index and its text are dropped (an index is about 15x its text; with every index and text kept
    to the end, 100 MB of sources took 2 GB). Judging reads only the sources a draft cites, so
    the verdicts are the same; reports and the ledger never read Source.text.
    """
    from .judge import judge_document

    def readable(doc: Document, locators: Iterable[str | None]) -> set[str]:
        out = set()
        for loc in locators:
            src = by_locator.get(loc) if loc is not None else None
            if src is not None and src.text is not None:
                out.add(src.index_key)
        return out

    def cited(doc: Document) -> set[str]:  # what the judge will look up: sources cited by a claim
        keys = {cit.key for c in doc.claims for cit in c.citations}
        return readable(doc, (ref.locator for ref in doc.references if ref.key in keys))

    held = [readable(doc, (ref.locator for ref in doc.references)) for doc in documents]
    last_use = {k: i for i, ks in enumerate(held) for k in ks}
    holders: dict[str, list[Source]] = {}
    for src in by_locator.values():
        if src.text is not None:
            holders.setdefault(src.index_key, []).append(src)
    for i, doc in enumerate(documents):
        store.load(cited(doc))
        assemble_verdicts(doc, judge_document(doc, by_locator, store.memory))
        store.save()
        for k in held[i]:
            if last_use[k] == i:
                store.drop(k)
                for src in holders.get(k, ()):
                    src.text = None
