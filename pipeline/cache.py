"""The persistent source cache: content-addressed bodies, per-URL metadata, extracted texts.

Layout under the cache directory (safe to persist in CI with ``actions/cache``)::

    objects/ab/<sha256>                 raw bodies, named by their own hash
    meta/ab/<sha256 of the URL>.json    one record per fetched URL (see :class:`CacheEntry`)
    text/ab/<sha256>-r<reader>.json     extracted text of a body, per reader version

Why this shape: the ledger records a source's sha256, so a snapshot must be replayable by hash;
identical bodies behind different URLs are stored once; and a warm run skips HTML/PDF parsing
because the text is keyed by (body hash, reader version). Every write is a temp file in the
target directory followed by ``os.replace``, so concurrent processes (parallel CI jobs sharing
one cache) only ever see complete files; a body whose hash does not match its name is treated as
corrupt and refetched. Only successes are stored (lychee's users were burnt by cached failures).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import CacheCorrupt
from .reading import ReadResult

__all__ = ["Cache", "CacheCorrupt", "CacheEntry", "now_iso", "parse_iso", "sha256_hex"]

_META_VERSION = 1


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def now_iso() -> str:
    """ISO-8601 UTC with a Z, second precision: what the report and the ledger show."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(s: str | None) -> float | None:
    """Epoch seconds of an ISO-8601 timestamp, or None when missing or unreadable."""
    if not s:
        return None
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


@dataclass(slots=True)
class CacheEntry:
    """Metadata of one cached URL fetch (the body lives in ``objects/`` under ``sha256``)."""

    url: str
    final_url: str
    sha256: str
    size: int
    fetched_at: str
    http_status: int = 200
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    locator: str | None = None
    status: str = "ok"
    extra: dict[str, Any] = field(default_factory=dict)

    def age_seconds(self, now: float | None = None) -> float:
        t = parse_iso(self.fetched_at)
        return float("inf") if t is None else max(0.0, (now or time.time()) - t)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["v"] = _META_VERSION
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> CacheEntry:
        if not isinstance(d, dict) or d.get("v") != _META_VERSION:
            raise CacheCorrupt("unknown cache record version")
        try:
            return cls(
                url=str(d["url"]),
                final_url=str(d["final_url"]),
                sha256=str(d["sha256"]),
                size=int(d["size"]),
                fetched_at=str(d["fetched_at"]),
                http_status=int(d.get("http_status") or 200),
                content_type=d.get("content_type"),
                etag=d.get("etag"),
                last_modified=d.get("last_modified"),
                locator=d.get("locator"),
                status=str(d.get("status") or "ok"),
                extra=dict(d.get("extra") or {}),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise CacheCorrupt(f"bad cache record: {e}") from None


class Cache:
    """A cache directory; degrades to a no-op writer when the directory cannot be written.

    ``warnings`` collects one-line messages for the run report (an unwritable cache is not an
    error: the run still works, it is just not cached).
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.dir = Path(directory)
        self.warnings: list[str] = []
        self.writable = True
        try:
            for sub in ("objects", "meta", "text"):
                (self.dir / sub).mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.dir, prefix=".probe-", delete=True):
                pass
        except OSError as e:
            self.writable = False
            self.warnings.append(f"cache directory {self.dir} is not writable ({e.strerror or e}); "
                                 "continuing without caching")

    # -- paths -------------------------------------------------------------------------------

    @staticmethod
    def url_key(url: str) -> str:
        return sha256_hex(url.encode("utf-8"))

    def _meta_path(self, url: str) -> Path:
        k = self.url_key(url)
        return self.dir / "meta" / k[:2] / f"{k}.json"

    def object_path(self, sha: str) -> Path:
        return self.dir / "objects" / sha[:2] / sha

    def _text_path(self, sha: str, reader_version: str) -> Path:
        return self.dir / "text" / sha[:2] / f"{sha}-r{reader_version}.json"

    # -- atomic writes -----------------------------------------------------------------------

    def _write_atomic(self, path: Path, data: bytes) -> bool:
        """Temp file in the target directory + os.replace: readers never see half a file."""
        if not self.writable:
            return False
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:16]}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
            tmp = None
            return True
        except OSError as e:
            self.writable = False
            self.warnings.append(f"cannot write to cache directory {self.dir} ({e.strerror or e}); "
                                 "continuing without caching")
            return False
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    # -- URL records -------------------------------------------------------------------------

    def get(self, url: str) -> CacheEntry | None:
        """The record for ``url``; None when absent. Raises CacheCorrupt for an unreadable record."""
        p = self._meta_path(url)
        try:
            raw = p.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as e:
            raise CacheCorrupt(f"cannot read cache record: {e}") from None
        try:
            entry = CacheEntry.from_json(json.loads(raw))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise CacheCorrupt(f"bad cache record: {e}") from None
        if entry.url != url:
            raise CacheCorrupt("cache record is for another URL")
        return entry

    def get_body(self, entry: CacheEntry) -> bytes:
        """The cached body, verified against its hash; raises CacheCorrupt when missing or damaged."""
        try:
            data = self.object_path(entry.sha256).read_bytes()
        except OSError:
            raise CacheCorrupt("cache entry corrupt: body missing") from None
        if len(data) != entry.size or sha256_hex(data) != entry.sha256:
            raise CacheCorrupt("cache entry corrupt: body does not match its hash")
        return data

    def put_body(self, body: bytes) -> str:
        """Store a body by its hash (idempotent: an intact existing object is not rewritten)."""
        sha = sha256_hex(body)
        p = self.object_path(sha)
        try:
            if p.stat().st_size == len(body) and sha256_hex(p.read_bytes()) == sha:
                return sha
        except OSError:
            pass
        self._write_atomic(p, body)
        return sha

    def put(
        self,
        url: str,
        body: bytes,
        *,
        final_url: str | None = None,
        http_status: int = 200,
        content_type: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        locator: str | None = None,
        fetched_at: str | None = None,
    ) -> CacheEntry:
        """Store a successful fetch: the body first, then the record that points to it."""
        sha = self.put_body(body)
        entry = CacheEntry(
            url=url,
            final_url=final_url or url,
            sha256=sha,
            size=len(body),
            fetched_at=fetched_at or now_iso(),
            http_status=http_status,
            content_type=content_type,
            etag=etag,
            last_modified=last_modified,
            locator=locator,
        )
        self._write_atomic(self._meta_path(url), json.dumps(entry.to_json(), ensure_ascii=False).encode())
        return entry

    def touch(self, entry: CacheEntry, *, fetched_at: str | None = None, etag: str | None = None,
              last_modified: str | None = None) -> CacheEntry:
        """A 304 revalidated the entry: it is fresh as of now (validators may be updated)."""
        entry.fetched_at = fetched_at or now_iso()
        if etag:
            entry.etag = etag
        if last_modified:
            entry.last_modified = last_modified
        self._write_atomic(self._meta_path(entry.url), json.dumps(entry.to_json(), ensure_ascii=False).encode())
        return entry

    # -- extracted texts ---------------------------------------------------------------------

    def get_text(self, sha: str, reader_version: str) -> ReadResult | None:
        """The extracted text of a body, or None (a damaged record is just a miss)."""
        try:
            d = json.loads(self._text_path(sha, reader_version).read_bytes())
            if d.get("sha256") != sha:
                return None
            return ReadResult.from_json(d)
        except (OSError, ValueError, AttributeError):
            return None

    def put_text(self, sha: str, reader_version: str, result: ReadResult) -> None:
        d = result.to_json()
        d["sha256"] = sha
        self._write_atomic(self._text_path(sha, reader_version), json.dumps(d, ensure_ascii=False).encode())

    # -- source indexes (plain JSON: a cache restored in CI is data, never code) ---------------

    def _index_path(self, sha: str, version: str) -> Path:
        return self.dir / "index" / sha[:2] / f"{sha}-i{version}.json"

    def get_index(self, sha: str, version: str) -> dict[str, Any] | None:
        """A source's matching index as saved by :meth:`put_index`, or None (damage is a miss)."""
        try:
            d = json.loads(self._index_path(sha, version).read_bytes())
        except (OSError, ValueError):
            return None
        return d if isinstance(d, dict) and d.get("sha256") == sha else None

    def put_index(self, sha: str, version: str, data: dict[str, Any]) -> None:
        self._write_atomic(self._index_path(sha, version),
                           json.dumps({**data, "sha256": sha}, ensure_ascii=False, separators=(",", ":")).encode())

    # -- maintenance -------------------------------------------------------------------------

    def _iter_meta(self) -> list[tuple[Path, CacheEntry | None]]:
        out: list[tuple[Path, CacheEntry | None]] = []
        for p in sorted((self.dir / "meta").glob("*/*.json")):
            try:
                out.append((p, CacheEntry.from_json(json.loads(p.read_bytes()))))
            except (OSError, ValueError, CacheCorrupt):
                out.append((p, None))
        return out

    def stats(self) -> dict[str, Any]:
        """Counts and sizes for ``claimledger cache stats``."""
        metas = self._iter_meta()
        objects = [p for p in (self.dir / "objects").glob("*/*") if p.is_file() and not p.name.startswith(".")]
        texts = [p for p in (self.dir / "text").glob("*/*.json") if p.is_file()]
        times = [t for _, e in metas if e is not None and (t := parse_iso(e.fetched_at)) is not None]

        def size(ps: list[Path]) -> int:
            total = 0
            for p in ps:
                with contextlib.suppress(OSError):
                    total += p.stat().st_size
            return total

        def iso(t: float | None) -> str | None:
            return None if t is None else datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

        return {
            "directory": str(self.dir),
            "entries": sum(1 for _, e in metas if e is not None),
            "corrupt_entries": sum(1 for _, e in metas if e is None),
            "objects": len(objects),
            "object_bytes": size(objects),
            "texts": len(texts),
            "text_bytes": size(texts),
            "oldest": iso(min(times) if times else None),
            "newest": iso(max(times) if times else None),
        }

    def prune(self, older_than_days: float | None = None, all: bool = False) -> dict[str, int]:
        """Drop records older than ``older_than_days`` (or everything), then unreferenced files.

        Bodies and texts no record points to are removed; texts of local files (which have no
        record) are kept unless they are older than the cut-off too, judged by file time.
        """
        removed = {"entries": 0, "objects": 0, "texts": 0}
        if all:
            for sub, key in (("meta", "entries"), ("objects", "objects"), ("text", "texts"), ("index", "texts")):
                d = self.dir / sub
                removed[key] += sum(1 for p in d.glob("*/*") if p.is_file()) if d.exists() else 0
                shutil.rmtree(d, ignore_errors=True)
                d.mkdir(parents=True, exist_ok=True)
            return removed
        cutoff = None if older_than_days is None else time.time() - older_than_days * 86400
        keep: set[str] = set()
        for p, e in self._iter_meta():
            stale = e is None or (cutoff is not None and (parse_iso(e.fetched_at) or 0) < cutoff)
            if stale:
                with contextlib.suppress(OSError):
                    p.unlink()
                    removed["entries"] += 1
            elif e is not None:
                keep.add(e.sha256)
        for p in (self.dir / "objects").glob("*/*"):
            if p.name.startswith(".") and p.name.endswith(".tmp"):
                # A temp file left by a crashed writer (not one being written right now).
                if time.time() - p.stat().st_mtime > 3600:
                    with contextlib.suppress(OSError):
                        p.unlink()
                continue
            if p.name not in keep:
                with contextlib.suppress(OSError):
                    p.unlink()
                    removed["objects"] += 1
        for p in [*(self.dir / "text").glob("*/*.json"), *(self.dir / "index").glob("*/*.json")]:
            sha = p.name.split("-r", 1)[0].split("-i", 1)[0]
            if sha in keep:
                continue
            try:
                old = cutoff is None or p.stat().st_mtime < cutoff
            except OSError:
                continue
            # Without a cut-off, texts of bodies no longer cached go; local files' texts with them.
            if old:
                with contextlib.suppress(OSError):
                    p.unlink()
                    removed["texts"] += 1
        return removed
