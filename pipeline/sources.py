"""The sources stage as one call: every cited locator -> a :class:`~pipeline.model.Source`.

This is the only entry point the rest of the pipeline uses. It resolves each distinct locator,
fetches each distinct target once (however many drafts or spellings cite it) and reads it into
normalised text (reusing texts cached by body hash). It returns values and edits nothing it is
given: a Source (with its status) per locator, the locator each reference is looked up by, and its
warnings; `run` puts them together. It runs its own event loop so callers stay synchronous.

Outcomes map onto the contract's statuses: ``ok`` (text available), ``error`` (HTTP error,
timeout, unreadable or unsupported content, a login/cookie wall), ``blocked`` (the SSRF guard,
a path outside ``--root``, an unsupported scheme), ``skipped`` (offline and not cached). Every
source that is not ``ok`` also carries its ``error_kind``, taken from the failure's class
(:mod:`pipeline.errors`, where the kinds are defined) in :func:`_failed` or, for a fetch, from
:meth:`~pipeline.fetch.FetchResult.failed`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import mimetypes
from collections.abc import Callable
from pathlib import Path

from .cache import Cache, now_iso, sha256_hex
from .config import Options
from .errors import (
    FileMissing,
    FileUnreadable,
    InternalFailure,
    InvalidLocator,
    SourceBlocked,
    SourceFailure,
    TooLarge,
)
from .fetch import Fetcher, FetchResult
from .model import Document, Source, SourceStatus
from .reading import READER_VERSION, ReadResult, non_source_failure, read_bytes, read_failure
from .resolve import Resolved, near_draft, resolve_locator

__all__ = ["SourcesOutcome", "gather", "gather_locators", "gather_sources", "locate"]

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclasses.dataclass(slots=True)
class SourcesOutcome:
    """What the stage returns: a Source per locator (keyed as looked up), and its warnings.

    ``warnings`` are the stage's own (an unwritable cache it opened itself); a cache handed in is
    its owner's to report. ``locators`` (from :func:`gather_sources`) is, per document and per
    reference, the locator that reference is looked up by (None: the entry has none).
    """

    sources: dict[str, Source]
    warnings: list[str]
    requests: int = 0
    locators: list[list[str | None]] = dataclasses.field(default_factory=list)

    @property
    def statuses(self) -> dict[str, SourceStatus]:
        """The status of every locator (what a reference citing it shows)."""
        return {loc: src.status for loc, src in self.sources.items()}


def locate(documents: list[Document], root: Path) -> list[list[str | None]]:
    """Per document and reference, the locator to look up: as written, except that a relative path
    naming a file next to its draft becomes that file's path from ``root`` (Markdown's rule: relative
    to the document; see :func:`~pipeline.resolve.near_draft`), so every draft citing one file names
    it alike."""
    out: list[list[str | None]] = []
    for doc in documents:
        draft_dir = Path(doc.path).parent
        row: list[str | None] = []
        for ref in doc.references:
            near = near_draft(ref.locator, draft_dir, root) if ref.locator is not None else None
            row.append(near if near is not None else ref.locator)
        out.append(row)
    return out


def gather_sources(documents: list[Document], options: Options, root: Path,
                   progress: Progress | None = None, cache: Cache | None = None) -> SourcesOutcome:
    """Sources for every reference of every document (see :func:`locate` for the keys); the
    documents are only read. References without a locator are skipped."""
    located = locate(documents, root)
    locators = list(dict.fromkeys(loc for row in located for loc in row if loc is not None))
    outcome = gather(locators, options, root, progress, cache)
    outcome.locators = located
    return outcome


def gather_locators(locators: list[str], options: Options, root: Path,
                    progress: Progress | None = None) -> dict[str, Source]:
    """Sources for bare locators (no documents), keyed by locator as given."""
    return gather(locators, options, root, progress).sources


def gather(locators: list[str], options: Options, root: Path,
           progress: Progress | None = None, cache: Cache | None = None) -> SourcesOutcome:
    """The stage with its warnings: resolve, fetch once per target, read, cache texts. ``cache``:
    the run's cache (one per run); without one the stage opens ``options.cache_dir`` itself."""
    own = cache is None
    used = Cache(options.cache_dir) if cache is None else cache
    outcome = asyncio.run(_gather(list(dict.fromkeys(locators)), options, Path(root), progress, used))
    if own:
        outcome.warnings = list(dict.fromkeys(used.warnings))
    return outcome


async def _gather(locators: list[str], options: Options, root: Path,
                  progress: Progress | None, cache: Cache) -> SourcesOutcome:
    resolved = {loc: resolve_locator(loc, root) for loc in locators}
    targets: dict[str, Resolved] = {}
    for r in resolved.values():
        targets.setdefault(r.target, r)
    total = len(targets)
    done = 0
    results: dict[str, Source] = {}
    budget = _ReadBudget(READ_BUDGET_BYTES)

    if progress is not None and total:
        progress(0, total)  # every source is known now: the bar shows 0/N, not 0/?
    async with Fetcher(options, cache) as fetcher:
        # The first locator for each target names it (Source.locator); others get copies.
        first_locator: dict[str, str] = {}
        for loc, r in resolved.items():
            first_locator.setdefault(r.target, loc)

        async def one(key: str, r: Resolved) -> None:
            nonlocal done
            try:
                results[key] = await _source_for(r, first_locator[key], options, cache, fetcher, budget)
            except Exception as e:  # a bug in one source must not sink the run
                log.exception("reading %s failed", first_locator[key])
                results[key] = _failed(Source(locator=first_locator[key], status="error"),
                                       InternalFailure(f"internal error: {type(e).__name__}: {e}"))
            done += 1
            if progress is not None:
                progress(done, total)

        await asyncio.gather(*(one(k, r) for k, r in targets.items()))
        requests = fetcher.requests

    out: dict[str, Source] = {}
    for loc, r in resolved.items():
        src = results[r.target]
        out[loc] = src if src.locator == loc else dataclasses.replace(src, locator=loc)
    return SourcesOutcome(sources=out, warnings=[], requests=requests)


def _failed(src: Source, failure: SourceFailure) -> Source:
    """``src`` as the outcome of ``failure``: the status, message and kind its class gives (errors.py)."""
    src.status, src.error, src.error_kind, src.text = failure.status, str(failure), failure.kind, None
    return src


async def _source_for(r: Resolved, locator: str, options: Options, cache: Cache,
                      fetcher: Fetcher, budget: _ReadBudget) -> Source:
    if r.kind == "blocked":
        why = r.reason or "blocked"
        return _failed(Source(locator=locator, status="blocked"),
                       InvalidLocator(why) if r.invalid else SourceBlocked(why))
    if r.kind == "path":
        assert r.path is not None
        return await _local_source(r.path, locator, options, cache, budget)
    assert r.url is not None
    res = await fetcher.get(r.url, locator=locator)
    return await _web_source(res, locator, cache, budget)


class _ReadBudget:
    """Bounds the bytes being read at once: reading a 2 MB page takes about 60 MB (parse trees, the
    extractor's copies), so 32 large bodies arriving together must not all be parsed together. One
    body larger than the budget is read alone. Threads gain little beyond two reads anyway (GIL)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self._cond = asyncio.Condition()

    async def __call__(self, n: int, fn: Callable[[], ReadResult]) -> ReadResult:
        async with self._cond:
            await self._cond.wait_for(lambda: self.used == 0 or self.used + n <= self.limit)
            self.used += n
        try:
            return await asyncio.to_thread(fn)
        finally:
            async with self._cond:
                self.used -= n
                self._cond.notify_all()


READ_BUDGET_BYTES = 4 * 1024 * 1024


async def _read_cached(body: bytes, sha: str, content_type: str | None, name: str,
                       cache: Cache, budget: _ReadBudget) -> ReadResult:
    """Extracted text by (body hash, reader version): warm runs skip HTML/PDF parsing."""
    hit = cache.get_text(sha, READER_VERSION)
    if hit is not None:
        return hit
    result = await budget(len(body), lambda: read_bytes(body, content_type, name))
    if result.error is None or result.kind in ("pdf", "unsupported"):
        # Deterministic outcomes of the body are worth caching, errors included.
        await asyncio.to_thread(cache.put_text, sha, READER_VERSION, result)
    return result


async def _web_source(res: FetchResult, locator: str, cache: Cache, budget: _ReadBudget) -> Source:
    src = Source(
        locator=locator,
        status=res.status,
        final_url=res.final_url,
        from_cache=res.from_cache,
        http_status=res.http_status,
        content_type=res.content_type,
        sha256=res.sha256,
        error=res.error,
        error_kind=res.error_kind,
        fetched_at=res.fetched_at,
        size=len(res.body) if res.body is not None else None,
    )
    if res.status != "ok" or res.body is None:
        return src
    body, res.body = res.body, None  # the fetcher keeps its results for the run: not their bodies
    read = await _read_cached(body, res.sha256 or sha256_hex(body), res.content_type,
                              res.final_url or res.url, cache, budget)
    del body
    src.title = read.title
    failure = read_failure(read) or non_source_failure(read)  # web pages only: a cookie wall answers 200 too
    if failure is not None:
        return _failed(src, failure)
    src.text = read.text
    return src


async def _local_source(path: Path, locator: str, options: Options, cache: Cache,
                        budget: _ReadBudget) -> Source:
    """A file under --root: read from disk each run (never copied), its text cached by hash."""
    ctype = mimetypes.guess_type(path.name)[0]
    if path.suffix.lower() in (".md", ".markdown"):
        ctype = "text/markdown"
    src = Source(locator=locator, status="error", content_type=ctype)
    try:
        if not path.exists():
            return _failed(src, FileMissing(f"file not found: {locator}"))
        if path.is_dir():
            return _failed(src, FileUnreadable(f"is a directory, not a file: {locator}"))
        size = path.stat().st_size
        if size > options.max_source_bytes:
            return _failed(src, TooLarge(f"file larger than the {options.max_source_bytes:,} byte limit "
                                         "(max_source_bytes)"))
        body = await asyncio.to_thread(path.read_bytes)
    except OSError as e:
        return _failed(src, FileUnreadable(f"cannot read {locator}: {e.strerror or e}"))
    sha = sha256_hex(body)
    src.sha256, src.size, src.fetched_at = sha, len(body), now_iso()
    read = await _read_cached(body, sha, ctype, path.name, cache, budget)
    src.title = read.title
    failure = read_failure(read)
    if failure is not None:
        return _failed(src, failure)
    src.status, src.text = "ok", read.text
    return src
