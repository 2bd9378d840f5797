"""The claims ledger: every `check` run, recorded in SQLite so researchers can ask where a figure
was cited, how often, with what verdicts, and what changed since last time.

Why it is shaped like this:

* **Append-only by run.** A run row is committed first with status ``interrupted``; everything the
  run saw is written at the end in *one* ``BEGIN IMMEDIATE`` transaction that also flips the status
  to ``complete``. A Ctrl-C or ``kill -9`` therefore leaves either nothing or everything, never a
  half-visible complete run, and SQLite's WAL recovery keeps the file intact.
* **Stable keys everywhere** (run id, claim id, document = hash of path + content, source locator,
  snapshot = locator + content hash), so ledgers written by parallel CI shards merge without
  duplicates and merging the same shard twice adds nothing.
* **WAL + a busy timeout**, so two `check` processes writing one ledger both succeed: writers
  queue on the lock instead of failing. ``BEGIN IMMEDIATE`` takes the write lock before the drift
  check reads earlier verdicts, so a writer never has to upgrade a stale read snapshot (which SQLite
  refuses with SQLITE_BUSY_SNAPSHOT regardless of the timeout).
* **``PRAGMA user_version`` + forward migrations**: the schema is the sum of the migration steps,
  so a fresh ledger and an upgraded one are built by the same code.
* **Everything the run judged.** A claim or finding the editor's report leaves out (an inline
  disable, the baseline, ``--changed-lines``) is recorded all the same, with ``suppressed_by``
  saying why, so ``check --baseline F`` and ``baseline check -b F`` write the same rows and the
  history has no holes where a waiver was.

sqlite-utils is the library (``Database``, ``enable_wal``, ``enable_fts`` with its sync triggers,
``executescript`` inside a transaction, introspection), imported inside functions so ``claimledger
--version`` stays fast. Row writes are parameterised ``executemany`` through the same connection:
the upserts need a ``WHERE`` on the conflict (keep the *latest* position of a claim even when an
older run commits later), and for the plain inserts ``Table.insert_all`` spent ~5x longer in
Python (per-value JSON checks) than SQLite did writing, i.e. a longer write lock for everyone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import LedgerError
from .model import SUPPRESSED_BY, VERDICTS, Claim, Document, Finding, RunResult, Source, SuppressedBy

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqlite_utils import Database

#: The schema this code writes. Bump it with a new entry in ``_MIGRATIONS``; never edit an old step.
SCHEMA_VERSION = 4
DEFAULT_BUSY_TIMEOUT = 30.0

_VERDICT_CHECK = ", ".join(f"'{v}'" for v in VERDICTS)
_SUPPRESSED_CHECK = ", ".join(f"'{v}'" for v in SUPPRESSED_BY)

# --- v1: the core tables --------------------------------------------------------------------------
# Frozen: a ledger at user_version 1 has exactly these tables. Tests build a v1 file from this text.
SCHEMA_V1 = f"""
CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    tool_version TEXT NOT NULL,
    mode TEXT NOT NULL DEFAULT 'check',
    options TEXT NOT NULL DEFAULT '{{}}',
    status TEXT NOT NULL DEFAULT 'interrupted' CHECK (status IN ('complete', 'interrupted')),
    n_documents INTEGER, n_claims INTEGER, n_verified INTEGER, n_approximate INTEGER,
    n_misquote INTEGER, n_not_found INTEGER, n_unavailable INTEGER, n_uncited INTEGER,
    n_findings INTEGER
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    title TEXT,
    format TEXT,
    first_seen_run TEXT REFERENCES runs(id),
    first_seen_at TEXT,
    UNIQUE (path, sha256)
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    document TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id),
    line INTEGER NOT NULL, "column" INTEGER NOT NULL,
    end_line INTEGER, end_column INTEGER,
    sentence TEXT NOT NULL,
    figure TEXT NOT NULL,
    kind TEXT, low REAL, high REAL, unit TEXT, approx INTEGER NOT NULL DEFAULT 0,
    first_seen_run TEXT REFERENCES runs(id), first_seen_at TEXT,
    last_seen_run TEXT REFERENCES runs(id), last_seen_at TEXT
);
CREATE TABLE citations (
    document_id TEXT NOT NULL REFERENCES documents(id),
    claim_id TEXT NOT NULL REFERENCES claims(id),
    key TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('sentence', 'paragraph', 'block')),
    line INTEGER, "column" INTEGER,
    PRIMARY KEY (document_id, claim_id, key, scope)
);
CREATE TABLE refs (
    document_id TEXT NOT NULL REFERENCES documents(id),
    key TEXT NOT NULL,
    line INTEGER,
    title TEXT,
    locator TEXT,
    PRIMARY KEY (document_id, key)
);
CREATE TABLE sources (
    locator TEXT PRIMARY KEY,
    final_url TEXT,
    title TEXT,
    first_seen_at TEXT,
    last_seen_at TEXT
);
CREATE TABLE snapshots (
    source TEXT NOT NULL REFERENCES sources(locator),
    sha256 TEXT NOT NULL,
    fetched_at TEXT,
    content_type TEXT,
    size INTEGER,
    status TEXT,
    http_status INTEGER,
    first_seen_run TEXT REFERENCES runs(id),
    last_seen_at TEXT,
    PRIMARY KEY (source, sha256)
);
CREATE TABLE verdicts (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    claim_id TEXT NOT NULL REFERENCES claims(id),
    line INTEGER NOT NULL, "column" INTEGER NOT NULL,
    verdict TEXT CHECK (verdict IS NULL OR verdict IN ({_VERDICT_CHECK})),
    confidence REAL,
    evidence_key TEXT,
    source TEXT REFERENCES sources(locator),
    snapshot TEXT,
    excerpt TEXT,
    source_figure TEXT,
    score REAL,
    suggestion TEXT,
    message TEXT,
    FOREIGN KEY (source, snapshot) REFERENCES snapshots(source, sha256),
    UNIQUE (run_id, document_id, claim_id, line, "column")
);
"""

# --- v2: what the drift check, the CLI and Datasette need ------------------------------------------
_V2_TABLES = """
CREATE TABLE fetches (
    run_id TEXT NOT NULL REFERENCES runs(id),
    source TEXT NOT NULL REFERENCES sources(locator),
    status TEXT,
    http_status INTEGER,
    from_cache INTEGER,
    snapshot TEXT,
    error TEXT,
    PRIMARY KEY (run_id, source),
    FOREIGN KEY (source, snapshot) REFERENCES snapshots(source, sha256)
);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    kind TEXT NOT NULL,
    key TEXT,
    line INTEGER NOT NULL, "column" INTEGER NOT NULL,
    message TEXT NOT NULL
);
-- NULL keys would make a plain UNIQUE useless for merge de-duplication; index the expression.
CREATE UNIQUE INDEX findings_natural ON findings (run_id, document_id, kind, ifnull(key, ''), line, "column", message);
CREATE INDEX runs_started ON runs (started_at);
CREATE INDEX documents_path ON documents (path);
CREATE INDEX claims_document ON claims (document, line);
CREATE INDEX claims_document_id ON claims (document_id);
CREATE INDEX citations_claim ON citations (claim_id);
CREATE INDEX refs_locator ON refs (locator);
CREATE INDEX verdicts_claim ON verdicts (claim_id, run_id);
CREATE INDEX verdicts_run ON verdicts (run_id);
CREATE INDEX verdicts_verdict ON verdicts (verdict);
CREATE INDEX verdicts_snapshot ON verdicts (source, snapshot);
CREATE INDEX verdicts_document ON verdicts (document_id);
CREATE INDEX fetches_snapshot ON fetches (source, snapshot);
CREATE INDEX findings_run ON findings (run_id, kind);
"""

# Views are recreated by every migration that touches them (DROP + CREATE). Frozen: the views as v2
# made them (v3 recreates them with suppressed_by; a v1 ledger passes through both steps).
_VIEWS_V2 = """
DROP VIEW IF EXISTS latest_verdicts;
CREATE VIEW latest_verdicts AS
SELECT claim_id, document, line, "column", sentence, figure, kind, verdict, confidence,
       evidence_key, source, snapshot, excerpt, source_figure, suggestion, message,
       run_id, judged_at
FROM (
    SELECT v.claim_id, d.path AS document, v.line, v."column", c.sentence, c.figure, c.kind,
           v.verdict, v.confidence, v.evidence_key, v.source, v.snapshot, v.excerpt,
           v.source_figure, v.suggestion, v.message, v.run_id, r.started_at AS judged_at,
           row_number() OVER (PARTITION BY d.path, v.claim_id
                              ORDER BY r.started_at DESC, r.id DESC, v.id DESC) AS rn
    FROM verdicts v
    JOIN runs r ON r.id = v.run_id AND r.status = 'complete'
    JOIN documents d ON d.id = v.document_id
    JOIN claims c ON c.id = v.claim_id
)
WHERE rn = 1;

DROP VIEW IF EXISTS claim_history;
CREATE VIEW claim_history AS
SELECT v.claim_id, d.path AS document, r.started_at AS judged_at, v.run_id, v.line, v."column",
       v.verdict,
       lag(v.verdict) OVER w AS previous_verdict,
       CASE WHEN lag(v.run_id) OVER w IS NULL THEN 0
            WHEN lag(v.verdict) OVER w IS v.verdict THEN 0 ELSE 1 END AS verdict_changed,
       v.source, v.snapshot, sn.fetched_at AS snapshot_fetched_at,
       lag(v.snapshot) OVER w AS previous_snapshot,
       v.confidence, v.source_figure, v.suggestion, v.excerpt, v.message, d.sha256 AS document_sha256
FROM verdicts v
JOIN runs r ON r.id = v.run_id AND r.status = 'complete'
JOIN documents d ON d.id = v.document_id
LEFT JOIN snapshots sn ON sn.source = v.source AND sn.sha256 = v.snapshot
WINDOW w AS (PARTITION BY d.path, v.claim_id ORDER BY r.started_at, r.id, v.id);
"""


# --- v3: suppression and failure kinds ---------------------------------------------------------------
_V3_COLUMNS = f"""
ALTER TABLE verdicts ADD COLUMN suppressed_by TEXT
    CHECK (suppressed_by IS NULL OR suppressed_by IN ({_SUPPRESSED_CHECK}));
ALTER TABLE findings ADD COLUMN suppressed_by TEXT
    CHECK (suppressed_by IS NULL OR suppressed_by IN ({_SUPPRESSED_CHECK}));
ALTER TABLE fetches ADD COLUMN error_kind TEXT;
ALTER TABLE runs ADD COLUMN n_suppressed INTEGER;
ALTER TABLE runs ADD COLUMN baseline TEXT;
ALTER TABLE runs ADD COLUMN n_baseline_stale INTEGER;
ALTER TABLE runs ADD COLUMN n_baseline_expired INTEGER;
CREATE INDEX fetches_error_kind ON fetches (error_kind);
"""

_VIEWS_V3 = """
DROP VIEW IF EXISTS latest_verdicts;
CREATE VIEW latest_verdicts AS
SELECT claim_id, document, line, "column", sentence, figure, kind, verdict, confidence,
       evidence_key, source, snapshot, excerpt, source_figure, suggestion, message,
       run_id, judged_at, suppressed_by
FROM (
    SELECT v.claim_id, d.path AS document, v.line, v."column", c.sentence, c.figure, c.kind,
           v.verdict, v.confidence, v.evidence_key, v.source, v.snapshot, v.excerpt,
           v.source_figure, v.suggestion, v.message, v.run_id, r.started_at AS judged_at, v.suppressed_by,
           row_number() OVER (PARTITION BY d.path, v.claim_id
                              ORDER BY r.started_at DESC, r.id DESC, v.id DESC) AS rn
    FROM verdicts v
    JOIN runs r ON r.id = v.run_id AND r.status = 'complete'
    JOIN documents d ON d.id = v.document_id
    JOIN claims c ON c.id = v.claim_id
)
WHERE rn = 1;

DROP VIEW IF EXISTS claim_history;
CREATE VIEW claim_history AS
SELECT v.claim_id, d.path AS document, r.started_at AS judged_at, v.run_id, v.line, v."column",
       v.verdict,
       lag(v.verdict) OVER w AS previous_verdict,
       CASE WHEN lag(v.run_id) OVER w IS NULL THEN 0
            WHEN lag(v.verdict) OVER w IS v.verdict THEN 0 ELSE 1 END AS verdict_changed,
       v.source, v.snapshot, sn.fetched_at AS snapshot_fetched_at,
       lag(v.snapshot) OVER w AS previous_snapshot,
       v.confidence, v.source_figure, v.suggestion, v.excerpt, v.message, d.sha256 AS document_sha256,
       v.suppressed_by
FROM verdicts v
JOIN runs r ON r.id = v.run_id AND r.status = 'complete'
JOIN documents d ON d.id = v.document_id
LEFT JOIN snapshots sn ON sn.source = v.source AND sn.sha256 = v.snapshot
WINDOW w AS (PARTITION BY d.path, v.claim_id ORDER BY r.started_at, r.id, v.id);
"""


# --- v4: derived figures -------------------------------------------------------------------------------
#: how a figure computed from the source was checked (the JSON report's ``derivation``, as JSON)
_V4_COLUMNS = """
ALTER TABLE verdicts ADD COLUMN derivation TEXT;
"""

_VIEWS = """
DROP VIEW IF EXISTS latest_verdicts;
CREATE VIEW latest_verdicts AS
SELECT claim_id, document, line, "column", sentence, figure, kind, verdict, confidence,
       evidence_key, source, snapshot, excerpt, source_figure, suggestion, message,
       run_id, judged_at, suppressed_by, derivation
FROM (
    SELECT v.claim_id, d.path AS document, v.line, v."column", c.sentence, c.figure, c.kind,
           v.verdict, v.confidence, v.evidence_key, v.source, v.snapshot, v.excerpt,
           v.source_figure, v.suggestion, v.message, v.run_id, r.started_at AS judged_at, v.suppressed_by,
           v.derivation,
           row_number() OVER (PARTITION BY d.path, v.claim_id
                              ORDER BY r.started_at DESC, r.id DESC, v.id DESC) AS rn
    FROM verdicts v
    JOIN runs r ON r.id = v.run_id AND r.status = 'complete'
    JOIN documents d ON d.id = v.document_id
    JOIN claims c ON c.id = v.claim_id
)
WHERE rn = 1;

DROP VIEW IF EXISTS claim_history;
CREATE VIEW claim_history AS
SELECT v.claim_id, d.path AS document, r.started_at AS judged_at, v.run_id, v.line, v."column",
       v.verdict,
       lag(v.verdict) OVER w AS previous_verdict,
       CASE WHEN lag(v.run_id) OVER w IS NULL THEN 0
            WHEN lag(v.verdict) OVER w IS v.verdict THEN 0 ELSE 1 END AS verdict_changed,
       v.source, v.snapshot, sn.fetched_at AS snapshot_fetched_at,
       lag(v.snapshot) OVER w AS previous_snapshot,
       v.confidence, v.source_figure, v.suggestion, v.excerpt, v.message, d.sha256 AS document_sha256,
       v.suppressed_by, v.derivation
FROM verdicts v
JOIN runs r ON r.id = v.run_id AND r.status = 'complete'
JOIN documents d ON d.id = v.document_id
LEFT JOIN snapshots sn ON sn.source = v.source AND sn.sha256 = v.snapshot
WINDOW w AS (PARTITION BY d.path, v.claim_id ORDER BY r.started_at, r.id, v.id);
"""


def _migrate_to_1(db: Database) -> None:
    """The core tables."""
    db.executescript(SCHEMA_V1)


def _migrate_to_2(db: Database) -> None:
    """Per-run fetch record (what drift is computed against), findings, indexes, FTS5, views.

    Older runs get their fetch record back-filled from the snapshots their verdicts name, so the
    drift check also works against history written by a v1 ledger.
    """
    db.executescript(_V2_TABLES)
    db.execute(
        "INSERT OR IGNORE INTO fetches (run_id, source, status, snapshot) "
        "SELECT DISTINCT run_id, source, 'ok', snapshot FROM verdicts WHERE snapshot IS NOT NULL"
    )
    db.table("claims").enable_fts(["sentence"], fts_version="FTS5", create_triggers=True)
    db.table("verdicts").enable_fts(["excerpt"], fts_version="FTS5", create_triggers=True)
    db.executescript(_VIEWS_V2)


def _migrate_to_3(db: Database) -> None:
    """``suppressed_by`` on verdicts and findings (the run records what its report leaves out),
    ``error_kind`` on fetches, the run's suppression and baseline bookkeeping as columns (v2 kept
    them in ``options``); the views gain ``suppressed_by``. Rows of older runs keep NULL: nothing was
    recorded as suppressed then (suppressed rows were simply not written)."""
    db.executescript(_V3_COLUMNS)
    db.executescript(_VIEWS_V3)


def _migrate_to_4(db: Database) -> None:
    """``derivation`` on verdicts (a figure checked by a computation from the source: its
    operation, operands with their offsets, result and formula, as JSON); the views gain it."""
    db.executescript(_V4_COLUMNS)
    db.executescript(_VIEWS)


_MIGRATIONS = [(1, _migrate_to_1), (2, _migrate_to_2), (3, _migrate_to_3), (4, _migrate_to_4)]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def document_id(path: str, sha256: str) -> str:
    """A document version's stable id: the same draft content at the same path, in any shard."""
    return hashlib.sha256(f"{path}\0{sha256}".encode()).hexdigest()[:16]


def _is_busy(exc: BaseException) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith("SQLITE_BUSY") or "locked" in str(exc)


def _uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


# Authorizer action codes that change something; a read-only ledger refuses them with our message
# rather than SQLite's "attempt to write a readonly database" (mode=ro still backs this up).
_WRITE_ACTIONS = {
    getattr(sqlite3, name)
    for name in (
        "SQLITE_INSERT", "SQLITE_UPDATE", "SQLITE_DELETE", "SQLITE_CREATE_INDEX", "SQLITE_CREATE_TABLE",
        "SQLITE_CREATE_TEMP_INDEX", "SQLITE_CREATE_TEMP_TABLE", "SQLITE_CREATE_TEMP_TRIGGER",
        "SQLITE_CREATE_TEMP_VIEW", "SQLITE_CREATE_TRIGGER", "SQLITE_CREATE_VIEW", "SQLITE_DROP_INDEX",
        "SQLITE_DROP_TABLE", "SQLITE_DROP_TEMP_INDEX", "SQLITE_DROP_TEMP_TABLE", "SQLITE_DROP_TEMP_TRIGGER",
        "SQLITE_DROP_TEMP_VIEW", "SQLITE_DROP_TRIGGER", "SQLITE_DROP_VIEW", "SQLITE_ALTER_TABLE",
        "SQLITE_REINDEX", "SQLITE_ANALYZE", "SQLITE_ATTACH", "SQLITE_DETACH", "SQLITE_CREATE_VTABLE",
        "SQLITE_DROP_VTABLE",
    )
    if hasattr(sqlite3, name)
}
#: PRAGMAs that only read, whatever their argument (it names a table, an index or a count)
_READ_PRAGMAS = {
    "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list",
    "integrity_check", "quick_check", "foreign_key_check", "table_list",
}
# Settings (journal_mode, user_version, page_size...) read without an argument and change with
# one: `journal_mode=DELETE` rewrites the file header, and on a read-only ledger SQLite's answer
# was "disk I/O error". With an argument they are refused like any write.
READONLY_MESSAGE = "the ledger is opened read-only: only SELECT queries (and read-only PRAGMAs) are allowed"


class Ledger:
    """One open ledger file. Create with :meth:`Ledger.open`; close with :meth:`close`."""

    def __init__(self, db: Database, path: Path, readonly: bool) -> None:
        self.db = db
        self.path = path
        self.readonly = readonly
        self._refused: str | None = None

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | Path, *, readonly: bool = False, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
    ) -> Ledger:
        """Open (and for writing: create or migrate) the ledger at ``path``.

        Raises :class:`LedgerError` with one line for everything the user can fix: a missing file
        (read-only), a file that is not a SQLite database or not a ledger, a newer schema, a lock that
        outlasts ``busy_timeout`` seconds, a location that cannot be written.
        """
        from sqlite_utils import Database

        path = Path(path)
        if path.is_dir():
            raise LedgerError(f"ledger {path} is a directory, not a file")
        if readonly and not path.is_file():
            raise LedgerError(f"no ledger at {path} (run `claimledger check` first, or pass --db)")
        if not readonly:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise LedgerError(f"cannot create the ledger's folder {path.parent}: {e.strerror or e}") from None
        try:
            conn = sqlite3.connect(_uri(path, "ro" if readonly else "rwc"), uri=True, timeout=busy_timeout)
        except sqlite3.Error as e:
            raise LedgerError(f"cannot open ledger {path}: {e}") from None
        try:
            db = Database(conn, execute_plugins=False)
            ledger = cls(db, path, readonly)
            ledger._prepare_retrying(busy_timeout)
        except LedgerError:
            conn.close()
            raise
        except sqlite3.DatabaseError as e:
            conn.close()
            err = _translate(e, path, busy_timeout)
            if readonly and "cannot write" in str(err):
                err = LedgerError(f"cannot read ledger {path}: {e}")
            raise err from None
        return ledger

    def _prepare_retrying(self, busy_timeout: float) -> None:
        """:meth:`_prepare`, again while the busy timeout lasts when SQLite answers "locked" at
        once: switching a fresh file to WAL while another process migrates it is refused without
        the busy handler being asked (SQLite's deadlock avoidance), which the busy timeout alone
        does not cover. Seen once in CI as "two processes open one fresh ledger"."""
        import time

        deadline = time.monotonic() + busy_timeout
        while True:
            try:
                self._prepare(busy_timeout)
                return
            except sqlite3.OperationalError as e:
                if not _is_busy(e) or time.monotonic() >= deadline:
                    raise
                with contextlib.suppress(sqlite3.Error):
                    self.db.conn.rollback()
                time.sleep(0.05)

    def _prepare(self, busy_timeout: float) -> None:
        db, path = self.db, self.path
        db.execute("PRAGMA foreign_keys = ON")
        version = self._check_version()
        if self.readonly:
            if version < SCHEMA_VERSION:
                raise LedgerError(
                    f"ledger {path} uses schema v{version}; this claimledger reads v{SCHEMA_VERSION}: "
                    "run `claimledger check` once (it upgrades the ledger in place)"
                )
            db.execute("PRAGMA query_only = ON")
            db.conn.set_authorizer(self._authorize)
            return
        if db.journal_mode != "wal":
            db.enable_wal()
        if version < SCHEMA_VERSION:
            with self._immediate():
                self._migrate()

    def _check_version(self) -> int:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise LedgerError(
                f"ledger {self.path} was written by a newer claimledger (schema v{version}; this version "
                f"knows up to v{SCHEMA_VERSION}): upgrade claimledger"
            )
        if version == 0:
            tables = [t for t in self.db.table_names() if not t.startswith("sqlite_")]
            if tables:
                raise LedgerError(f"{self.path} is a SQLite database but not a claims ledger")
            if self.readonly:
                raise LedgerError(f"{self.path} is an empty database, not a claims ledger")
        return version

    def _migrate(self) -> None:
        """Run every missing step inside the caller's write transaction; the version is re-read
        there, so two processes opening a fresh ledger at once migrate it exactly once."""
        version = self._check_version()
        for target, step in _MIGRATIONS:
            if target > version:
                step(self.db)
                self.db.execute(f"PRAGMA user_version = {int(target)}")

    def _authorize(self, action: int, arg1: str | None, arg2: str | None, dbname: str | None,
                   source: str | None) -> int:
        # FTS5's constructor "updates" sqlite_master while declaring its vtable; that is not the
        # user's write (and mode=ro plus query_only would stop a real one).
        if action in _WRITE_ACTIONS and arg1 not in ("sqlite_master", "sqlite_schema"):
            self._refused = READONLY_MESSAGE
            return sqlite3.SQLITE_DENY
        # Without an argument a PRAGMA reads; with one only the table-reading ones stay reads.
        if action == sqlite3.SQLITE_PRAGMA and arg2 is not None and (arg1 or "").lower() not in _READ_PRAGMAS:
            self._refused = READONLY_MESSAGE
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    @contextlib.contextmanager
    def _immediate(self) -> Iterator[None]:
        """A write transaction that takes the lock up front (waiting up to the busy timeout).

        sqlite-utils' ``atomic()`` issues a deferred ``BEGIN``; a deferred transaction that reads
        and then writes can fail with SQLITE_BUSY_SNAPSHOT when another writer committed in between,
        and that error ignores the busy timeout. Inside this block sqlite-utils calls join the
        transaction (its ``atomic()`` becomes a savepoint), so it is still one commit.
        """
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection; the last writer's close also checkpoints the WAL."""
        with contextlib.suppress(sqlite3.Error):
            self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    # -- writing a run ---------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.readonly:
            raise LedgerError(READONLY_MESSAGE)

    def begin_run(self, run_id: str, started_at: str, tool_version: str, options: dict[str, Any]) -> None:
        """Record the run as ``interrupted`` and commit at once, so a run killed before its end is
        still visible as a run that did not finish (and never as a complete one)."""
        self._writable()
        try:
            with self._immediate():
                self.db.conn.execute(
                    "INSERT INTO runs (id, started_at, tool_version, options, status) "
                    "VALUES (?, ?, ?, ?, 'interrupted')",
                    (run_id, started_at, tool_version, json.dumps(options, default=str, sort_keys=True)),
                )
        except sqlite3.IntegrityError:
            raise LedgerError(f"run {run_id} is already in ledger {self.path}") from None
        except sqlite3.DatabaseError as e:
            raise _translate(e, self.path) from None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, the lock taken up front: what :meth:`source_changes` reads and
        :meth:`write_run` writes are then one consistent step (no writer commits in between).
        SQLite's errors leave as one-line :class:`LedgerError`s."""
        self._writable()
        try:
            with self._immediate():
                yield
        except sqlite3.DatabaseError as e:
            raise _translate(e, self.path) from None

    def finish_run(self, result: RunResult) -> None:
        """Write everything the run saw and mark it complete, in one transaction (see :meth:`write_run`)."""
        with self.transaction():
            self.write_run(result)

    def write_run(self, result: RunResult) -> None:
        """Every row of the run, shown and suppressed alike, and the run marked complete. Call it
        inside :meth:`transaction`; it adds nothing to ``result`` (drift findings come from
        :meth:`source_changes`, which the caller puts in the documents first)."""
        self._writable()
        self._ensure_run_row(result)
        self._write(result)

    def _ensure_run_row(self, result: RunResult) -> None:
        """A caller that skipped begin_run still gets its run recorded."""
        self.db.conn.execute(
            "INSERT OR IGNORE INTO runs (id, started_at, tool_version, options, status) "
            "VALUES (?, ?, ?, ?, 'interrupted')",
            (result.run_id, result.started_at, result.tool_version,
             json.dumps(result.options, default=str, sort_keys=True)),
        )

    def source_changes(self, result: RunResult) -> list[tuple[Document, Finding]]:
        """``source_changed`` findings: claims whose verdict changed while a source they were judged on
        changed content. Only reads; the caller adds them to their documents (before suppression, so
        an inline disable or the baseline applies to them as to any finding).

        Compared with the claim's last verdict in an earlier complete run of the same draft path:
        the snapshot that verdict's evidence came from (or, without evidence, the snapshot of each
        cited source in that run's fetch record) against this run's content hash of that source.
        Both must differ (content and verdict) to report: a changed page with the same verdict is
        noise, and a changed verdict on an unchanged page is the draft's doing.
        """
        conn = self.db.conn
        by_locator = {s.locator: s for s in result.sources}
        out: list[tuple[Document, Finding]] = []
        for doc in result.documents:
            for claim in doc.claims:
                if claim.verdict is None:
                    continue
                prev = conn.execute(
                    "SELECT v.verdict, v.source, v.snapshot, v.evidence_key, v.run_id, r.started_at "
                    "FROM verdicts v JOIN runs r ON r.id = v.run_id JOIN documents d ON d.id = v.document_id "
                    "WHERE v.claim_id = ? AND d.path = ? AND r.status = 'complete' AND r.id != ? "
                    "AND r.started_at <= ? ORDER BY r.started_at DESC, r.id DESC, v.id DESC LIMIT 1",
                    (claim.id, doc.path, result.run_id, result.started_at),
                ).fetchone()
                if prev is None or prev[0] is None or prev[0] == claim.verdict:
                    continue
                finding = self._drift_finding(doc, claim, prev, by_locator, result)
                if finding is not None:
                    out.append((doc, finding))
        return out

    def _drift_finding(self, doc: Document, claim: Claim, prev: Sequence[Any],
                       by_locator: dict[str, Source], result: RunResult) -> Finding | None:
        conn = self.db.conn
        prev_verdict, prev_source, prev_snapshot, prev_key, prev_run, prev_started = prev
        keys_by_locator: dict[str, str] = {}
        for cit in claim.citations:
            ref = doc.reference(cit.key)
            if ref is not None and ref.locator:
                keys_by_locator.setdefault(ref.locator, cit.key)
        candidates = [prev_source] if prev_source else []
        candidates += [loc for loc in keys_by_locator if loc != prev_source]
        for loc in candidates:
            if loc == prev_source:
                old = prev_snapshot
            else:
                row = conn.execute("SELECT snapshot FROM fetches WHERE run_id = ? AND source = ?",
                                   (prev_run, loc)).fetchone()
                old = row[0] if row else None
            src = by_locator.get(loc)
            new = src.sha256 if src else None
            if not old or not new or old == new:
                continue
            row = conn.execute("SELECT fetched_at FROM snapshots WHERE source = ? AND sha256 = ?",
                               (loc, old)).fetchone()
            old_date = ((row[0] if row else None) or prev_started or "")[:10]
            new_date = ((src.fetched_at if src else None) or result.started_at or _now())[:10]
            key = keys_by_locator.get(loc) or (prev_key if loc == prev_source else None) or loc
            label = f"source {key}" if key == loc else f"source [{key}]"
            return Finding(
                kind="source_changed", key=key, line=claim.line, column=claim.column,
                message=(f"{label} changed since {old_date} (now {new_date}) and the verdict went from "
                         f"{prev_verdict} to {claim.verdict}"),
            )
        return None

    def _insert_ignore(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        """INSERT OR IGNORE rows (all with the same keys): natural keys make repeats no-ops."""
        rows = list(rows)
        if not rows:
            return
        cols = list(rows[0])
        names = ", ".join(f'"{c}"' for c in cols)
        sql = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in cols)})'
        self.db.conn.executemany(sql, [tuple(r[c] for c in cols) for r in rows])

    def _write(self, result: RunResult) -> None:
        """All rows of one run; the caller holds the write transaction."""
        conn = self.db.conn
        run_id, at = result.run_id, result.started_at
        by_locator = {s.locator: s for s in result.sources}
        claims: list[tuple[Document, Claim, SuppressedBy | None]] = [(d, c, None) for d, c in result.claims()]
        findings: list[tuple[Document, Finding, SuppressedBy | None]] = [
            (d, f, None) for d in result.documents for f in d.findings]
        for s in result.suppressed:
            if isinstance(s.item, Claim):
                claims.append((s.document, s.item, s.by))
            else:
                findings.append((s.document, s.item, s.by))

        # sources and snapshots (also any evidence locator the sources list lacks: FKs need a row)
        locators = dict.fromkeys([s.locator for s in result.sources] + [
            c.evidence.locator for _, c, _ in claims if c.evidence is not None])
        conn.executemany(
            "INSERT INTO sources (locator, final_url, title, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (locator) DO UPDATE SET "
            "final_url = coalesce(excluded.final_url, final_url), title = coalesce(excluded.title, title), "
            "last_seen_at = excluded.last_seen_at WHERE excluded.last_seen_at >= ifnull(last_seen_at, '')",
            [(loc, getattr(by_locator.get(loc), "final_url", None), getattr(by_locator.get(loc), "title", None),
              at, at) for loc in locators],
        )
        snaps = [s for s in result.sources if s.sha256]
        self._insert_ignore(
            "snapshots",
            ({"source": s.locator, "sha256": s.sha256, "fetched_at": s.fetched_at or at,
              "content_type": s.content_type, "size": s.size, "status": s.status, "http_status": s.http_status,
              "first_seen_run": run_id, "last_seen_at": at} for s in snaps),
        )
        conn.executemany(
            "UPDATE snapshots SET last_seen_at = ? WHERE source = ? AND sha256 = ? AND ifnull(last_seen_at, '') < ?",
            [(at, s.locator, s.sha256, at) for s in snaps],
        )
        self._insert_ignore(
            "fetches",
            ({"run_id": run_id, "source": s.locator, "status": s.status, "http_status": s.http_status,
              "from_cache": int(bool(s.from_cache)), "snapshot": s.sha256, "error": s.error,
              "error_kind": s.error_kind}
             for s in result.sources),
        )

        # documents, their references, claims (latest position wins), citations
        doc_ids = {id(d): document_id(d.path, d.sha256) for d in result.documents}
        self._insert_ignore(
            "documents",
            ({"id": doc_ids[id(d)], "path": d.path, "sha256": d.sha256, "title": d.title, "format": d.format,
              "first_seen_run": run_id, "first_seen_at": at} for d in result.documents),
        )
        self._insert_ignore(
            "refs",
            ({"document_id": doc_ids[id(d)], "key": r.key, "line": r.line, "title": r.title, "locator": r.locator}
             for d in result.documents for r in d.references),
        )
        conn.executemany(
            'INSERT INTO claims (id, document, document_id, line, "column", end_line, end_column, sentence, '
            "figure, kind, low, high, unit, approx, first_seen_run, first_seen_at, last_seen_run, last_seen_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET document = excluded.document, document_id = excluded.document_id, "
            'line = excluded.line, "column" = excluded."column", end_line = excluded.end_line, '
            "end_column = excluded.end_column, sentence = excluded.sentence, figure = excluded.figure, "
            "kind = excluded.kind, low = excluded.low, high = excluded.high, unit = excluded.unit, "
            "approx = excluded.approx, last_seen_run = excluded.last_seen_run, last_seen_at = excluded.last_seen_at "
            "WHERE excluded.last_seen_at >= ifnull(claims.last_seen_at, '')",
            [(c.id, d.path, doc_ids[id(d)], c.line, c.column, c.end_line, c.end_column, c.sentence,
              c.quantity.text, c.quantity.kind, c.quantity.low, c.quantity.high, c.quantity.unit,
              int(bool(c.quantity.approx)), run_id, at, run_id, at) for d, c, _ in claims],
        )
        self._insert_ignore(
            "citations",
            ({"document_id": doc_ids[id(d)], "claim_id": c.id, "key": cit.key, "scope": cit.scope,
              "line": cit.line, "column": cit.column} for d, c, _ in claims for cit in c.citations),
        )

        # the run's judgements and findings
        def verdict_row(d: Document, c: Claim, by: SuppressedBy | None) -> dict[str, Any]:
            ev = c.evidence
            src = by_locator.get(ev.locator) if ev else None
            return {"run_id": run_id, "document_id": doc_ids[id(d)], "claim_id": c.id, "line": c.line,
                    "column": c.column, "verdict": c.verdict, "confidence": c.confidence,
                    "evidence_key": ev.key if ev else None, "source": ev.locator if ev else None,
                    "snapshot": src.sha256 if src else None, "excerpt": ev.excerpt if ev else None,
                    "source_figure": ev.value_text if ev else None, "score": ev.score if ev else None,
                    "suggestion": c.suggestion, "message": c.message, "suppressed_by": by,
                    "derivation": json.dumps(c.derivation, sort_keys=True) if c.derivation else None}

        self._insert_ignore("verdicts", (verdict_row(d, c, by) for d, c, by in claims))
        self._insert_ignore(
            "findings",
            ({"run_id": run_id, "document_id": doc_ids[id(d)], "kind": f.kind, "key": f.key, "line": f.line,
              "column": f.column, "message": f.message, "suppressed_by": by} for d, f, by in findings),
        )

        # totals count everything the run judged (as many as its verdict rows); n_suppressed says how
        # many claims and findings of them the report left out
        base = result.baseline
        conn.execute(
            "UPDATE runs SET status = 'complete', finished_at = ?, tool_version = ?, mode = ?, options = ?, "
            "n_documents = ?, n_claims = ?, n_verified = ?, n_approximate = ?, n_misquote = ?, "
            "n_not_found = ?, n_unavailable = ?, n_uncited = ?, n_findings = ?, n_suppressed = ?, "
            "baseline = ?, n_baseline_stale = ?, n_baseline_expired = ? WHERE id = ?",
            (result.finished_at or _now(), result.tool_version, result.mode,
             json.dumps(result.options, default=str, sort_keys=True), len(result.documents), len(claims),
             *(sum(1 for _, c, _ in claims if c.verdict == v) for v in VERDICTS), len(findings),
             len(result.suppressed), base.path if base else None, len(base.stale) if base else None,
             len(base.expired) if base else None, run_id),
        )

    # -- queries (the `ledger` commands) ------------------------------------------------------------

    def runs(self) -> list[dict[str, Any]]:
        """Every run, newest first, with its totals."""
        return self._rows(
            "SELECT id, started_at, finished_at, status, mode, tool_version, n_documents AS documents, "
            "n_claims AS claims, n_verified AS verified, n_approximate AS approximate, n_misquote AS misquote, "
            "n_not_found AS not_found, n_unavailable AS unavailable, n_uncited AS uncited, "
            "n_findings AS findings, n_suppressed AS suppressed, baseline FROM runs ORDER BY started_at DESC, id DESC"
        )

    def claims(self, verdict: str | None = None, document: str | None = None,
               search: str | None = None) -> list[dict[str, Any]]:
        """Each claim's latest verdict (from complete runs), filtered.

        ``document`` matches a path exactly, or as a glob when it contains ``*``/``?``. ``search`` is
        full-text over the claim's sentence and its latest evidence excerpt; words are quoted (as
        Datasette does) so figures like ``62%`` need no FTS5 syntax.
        """
        where, params = [], []
        if verdict:
            verdict = verdict.replace("-", "_")
            if verdict not in VERDICTS:
                raise LedgerError(f"unknown verdict {verdict!r} (use {', '.join(VERDICTS)})")
            where.append("lv.verdict = ?")
            params.append(verdict)
        if document:
            where.append("lv.document GLOB ?" if any(ch in document for ch in "*?[") else "lv.document = ?")
            params.append(document)
        if search:
            q = fts_query(search)
            if not q:
                raise LedgerError("--search needs at least one word")
            where.append(
                "(c.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?) OR lv.excerpt IS NOT NULL AND "
                "EXISTS (SELECT 1 FROM verdicts_fts vf JOIN verdicts v2 ON v2.id = vf.rowid WHERE verdicts_fts MATCH ? "
                "AND v2.claim_id = lv.claim_id AND v2.run_id = lv.run_id))"
            )
            params += [q, q]
        sql = ("SELECT lv.claim_id AS id, lv.document, lv.line, lv.\"column\", lv.verdict, lv.figure, "
               "lv.source_figure, lv.suggestion, lv.evidence_key AS key, lv.sentence, lv.judged_at, lv.run_id, "
               "lv.suppressed_by "
               "FROM latest_verdicts lv JOIN claims c ON c.id = lv.claim_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        return self._rows(sql + ' ORDER BY lv.document, lv.line, lv."column"', params)

    def history(self, claim_id: str) -> list[dict[str, Any]]:
        """Every verdict one claim received, oldest first; a unique id prefix is enough."""
        rows = self._rows("SELECT id FROM claims WHERE id = ?", [claim_id])
        if not rows:
            like = claim_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self._rows("SELECT id FROM claims WHERE id LIKE ? ESCAPE '\\' LIMIT 2", [like])
            if not rows:
                raise LedgerError(f"no claim {claim_id} in ledger {self.path}")
            if len(rows) > 1:
                raise LedgerError(f"claim id prefix {claim_id} is ambiguous; give more characters")
        return self._rows(
            "SELECT claim_id, document, judged_at, run_id, line, \"column\", verdict, previous_verdict, "
            "verdict_changed, source, snapshot, snapshot_fetched_at, source_figure, suggestion, message, "
            "suppressed_by FROM claim_history WHERE claim_id = ? ORDER BY judged_at, run_id",
            [rows[0]["id"]],
        )

    def sql(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None
            ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one statement; returns (column names, rows). On a read-only ledger writes are refused."""
        self._refused = None
        try:
            cur = self.db.conn.execute(query, params or ())
            columns = [d[0] for d in cur.description or ()]
            rows = cur.fetchall() if cur.description else []
        except (sqlite3.Error, ValueError) as e:
            if self.db.conn.in_transaction and self.readonly:
                self.db.conn.rollback()
            if self._refused or "readonly" in str(e) or "query_only" in str(e).replace(" ", "_"):
                raise LedgerError(READONLY_MESSAGE) from None
            raise LedgerError(f"SQL error: {e}") from None
        return columns, rows

    def counts(self) -> dict[str, int]:
        """Rows per table: what merge reports, and a cheap sanity check."""
        return {t: self.db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _MERGE_ORDER}

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            cur = self.db.conn.execute(sql, list(params))
        except sqlite3.DatabaseError as e:
            raise _translate(e, self.path) from None
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def fts_query(text: str) -> str:
    """Every word as a quoted FTS5 phrase (all must match): user text is never FTS syntax."""
    words = [w for w in text.split() if w.strip()]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _translate(e: BaseException, path: Path, busy_timeout: float | None = None) -> LedgerError:
    """One line the user can act on, for the SQLite errors that are about the file, not a bug."""
    text = str(e)
    if _is_busy(e):
        waited = f" (waited {busy_timeout:g} s)" if busy_timeout is not None else ""
        return LedgerError(f"ledger {path} is locked by another process{waited}; try again")
    if "file is not a database" in text or "malformed" in text:
        return LedgerError(f"{path} is not a SQLite database (or it is damaged)")
    if "readonly" in text or "unable to open" in text or "read-only" in text:
        return LedgerError(f"cannot write ledger {path}: the location is read-only or not accessible")
    return LedgerError(f"ledger {path}: {text}")


# -- merging shards --------------------------------------------------------------------------------

#: Parents before children, so foreign keys hold at every step.
_MERGE_ORDER = ("runs", "documents", "claims", "refs", "citations", "sources", "snapshots", "fetches",
                "verdicts", "findings")
_SURROGATE = {"verdicts": "id", "findings": "id"}  # local rowids: never copied, natural keys dedupe


def merge(into: str | Path, shards: Sequence[str | Path]) -> dict[str, int]:
    """Merge shard ledgers (parallel CI jobs) into ``into``; returns rows added per table.

    Rows are matched on stable ids and natural keys, so a row already present is never duplicated
    and merging the same shard twice adds nothing. A run that ``into`` has as ``interrupted`` but a
    shard has ``complete`` is completed (its rows only ever exist in the complete copy). A claim
    keeps the position from its latest sighting; a source its latest final URL.
    """
    into = Path(into)
    shard_paths = [Path(s) for s in shards]
    for s in shard_paths:
        if not s.is_file():
            raise LedgerError(f"no ledger at {s}")
        if into.exists() and s.resolve() == into.resolve():
            raise LedgerError(f"cannot merge {s} into itself")
    for s in shard_paths:  # check every shard before writing anything
        Ledger.open(s, readonly=True).close()
    ledger = Ledger.open(into)
    try:
        before = ledger.counts()
        completed = 0
        for s in shard_paths:
            completed += _merge_one(ledger, s)
        after = ledger.counts()
    finally:
        ledger.close()
    out = {t: after[t] - before[t] for t in _MERGE_ORDER}
    out["runs_completed"] = completed
    out["shards"] = len(shard_paths)
    return out


def _merge_one(ledger: Ledger, shard: Path) -> int:
    conn = ledger.db.conn
    conn.execute("ATTACH DATABASE ? AS shard", (_uri(shard, "ro"),))
    try:
        with ledger._immediate():
            completed = conn.execute(
                "SELECT count(*) FROM main.runs m JOIN shard.runs s ON s.id = m.id "
                "WHERE m.status = 'interrupted' AND s.status = 'complete'"
            ).fetchone()[0]
            for table in _MERGE_ORDER:
                cols = [c[1] for c in conn.execute(f'PRAGMA main.table_info("{table}")')
                        if c[1] != _SURROGATE.get(table)]
                shard_cols = {c[1] for c in conn.execute(f'PRAGMA shard.table_info("{table}")')}
                cols = [c for c in cols if c in shard_cols]
                col_sql = ", ".join(f'"{c}"' for c in cols)
                base = f'INSERT INTO main."{table}" ({col_sql}) SELECT {col_sql} FROM shard."{table}" WHERE true '
                if table == "runs":
                    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != "id")
                    conn.execute(base + f"ON CONFLICT (id) DO UPDATE SET {sets} "
                                 "WHERE runs.status = 'interrupted' AND excluded.status = 'complete'")
                elif table == "claims":
                    keep = ("id", "first_seen_run", "first_seen_at")
                    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c not in keep)
                    conn.execute(base + f"ON CONFLICT (id) DO UPDATE SET {sets} "
                                 "WHERE excluded.last_seen_at > ifnull(claims.last_seen_at, '')")
                elif table == "sources":
                    conn.execute(base + "ON CONFLICT (locator) DO UPDATE SET final_url = excluded.final_url, "
                                 "title = excluded.title, last_seen_at = excluded.last_seen_at "
                                 "WHERE excluded.last_seen_at > ifnull(sources.last_seen_at, '')")
                else:
                    conn.execute(base.replace("INSERT INTO", "INSERT OR IGNORE INTO", 1))
    finally:
        conn.execute("DETACH DATABASE shard")
    return int(completed)
