"""The claims ledger against real SQLite files: history, drift, crashes, concurrency, migration, merge.

RunResult objects are built by hand (`make_result`) so these tests pin the ledger's behaviour
without depending on extraction or judging. Crash and concurrency tests use real subprocesses,
because an in-process "kill" cannot show what SQLite leaves on disk.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipeline.errors import LedgerError
from pipeline.ignores import SuppressionPlan
from pipeline.ledger import SCHEMA_V1, SCHEMA_VERSION, Ledger, document_id, merge
from pipeline.model import (
    Citation,
    Claim,
    Document,
    Evidence,
    Finding,
    Quantity,
    Reference,
    RunResult,
    Source,
)
from pipeline.run import conclude

REPO = Path(__file__).resolve().parent.parent
LOC7 = "https://example.org/survey-2026"
LOC8 = "https://example.org/other"
DAY1 = "2026-11-20T09:00:00Z"
DAY2 = "2026-11-27T09:00:00Z"


# -- the factory ------------------------------------------------------------------------------------

def make_claim(cid: str, verdict: str | None = "verified", *, line: int = 3, column: int = 5,
               sentence: str | None = None, figure: str = "64%", key: str = "7", locator: str = LOC7,
               excerpt: str | None = "In 2026, 62% of CEOs expected growth.", value: str | None = "62%",
               evidence: bool = True, extra_keys: tuple[str, ...] = ()) -> Claim:
    """A claim citing [key] (and extra_keys) whose evidence, when present, comes from `locator`."""
    q = Quantity(figure, "percent", 64.0, 64.0, "%")
    ev = Evidence(key, locator, excerpt or "", value, 91.5) if evidence and verdict not in (None, "not_found",
                                                                                           "uncited") else None
    return Claim(
        id=cid, line=line, column=column, end_line=line, end_column=column + len(figure) - 1,
        sentence=sentence or f"Claim {cid}: {figure} of CEOs expect growth [{key}].", quantity=q,
        citations=[Citation(k, "sentence", line, column + 30) for k in (key, *extra_keys)],
        verdict=verdict, confidence=0.9 if verdict else None, evidence=ev,
        suggestion=value if verdict == "misquote" else None, message=f"{verdict} by source [{key}]",
    )


def make_source(locator: str = LOC7, sha: str | None = "sha-a", fetched_at: str = DAY1,
                status: str = "ok") -> Source:
    return Source(locator=locator, status=status, final_url=locator, http_status=200 if sha else 503,
                  content_type="text/html", sha256=sha, fetched_at=fetched_at, size=1234 if sha else None,
                  error=None if sha else "HTTP 503")


def make_result(run_id: str, started_at: str, claims: list[Claim], sources: list[Source], *,
                path: str = "drafts/issue-12.md", doc_sha: str = "doc-1",
                findings: list[Finding] | None = None) -> RunResult:
    refs = [Reference("7", 40, "CEO survey 2026", LOC7), Reference("8", 41, "Other", LOC8)]
    doc = Document(path=path, sha256=doc_sha, text="", title="Issue 12", claims=claims,
                   findings=list(findings or []), references=refs)
    return RunResult(run_id=run_id, started_at=started_at, finished_at=started_at.replace("09:00", "09:01"),
                     tool_version="0.1.0", documents=[doc], sources=sources, options={"offline": True})


def record(path: Path, result: RunResult, plan: SuppressionPlan | None = None) -> list[Finding]:
    """What `check` does at its end (run.conclude); returns the source_changed findings it added."""
    before = {id(f) for d in result.documents for f in d.findings}
    with Ledger.open(path) as ledger:
        ledger.begin_run(result.run_id, result.started_at, result.tool_version, result.options)
        conclude(result, plan or SuppressionPlan(), ledger)
    shown = [f for d in result.documents for f in d.findings]
    hidden = [s.item for s in result.suppressed if isinstance(s.item, Finding)]
    return [f for f in shown + hidden if id(f) not in before]


def q(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def integrity(path: Path) -> str:
    return q(path, "PRAGMA integrity_check")[0][0]


def run_child(code: str, tmp_path: Path, *args: str) -> subprocess.Popen:
    script = tmp_path / f"child_{time.monotonic_ns()}.py"
    script.write_text(textwrap.dedent(code))
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{REPO / 'tests'}"}
    return subprocess.Popen([sys.executable, str(script), *args], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# -- schema -----------------------------------------------------------------------------------------

def test_fresh_ledger_has_schema_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = tmp_path / "nested" / "claims" / "ledger.db"
    with Ledger.open(db) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION
        assert ledger.db.journal_mode == "wal"
        assert ledger.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        names = set(ledger.db.table_names()) | set(ledger.db.view_names())
    assert {"runs", "documents", "claims", "citations", "refs", "sources", "snapshots", "verdicts",
            "fetches", "findings", "claims_fts", "verdicts_fts", "latest_verdicts", "claim_history"} <= names
    assert integrity(db) == "ok"


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with Ledger.open(db) as ledger, pytest.raises(sqlite3.IntegrityError):
        ledger.db.execute("INSERT INTO verdicts (run_id, document_id, claim_id, line, \"column\") "
                          "VALUES ('nope', 'nope', 'nope', 1, 1)")


# -- runs and history ---------------------------------------------------------------------------------

def test_run_is_interrupted_until_finish_then_complete_with_totals(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    r = make_result("r1", DAY1, [make_claim("c1"), make_claim("c2", "misquote", line=4),
                                 make_claim("c3", "uncited", line=5)], [make_source()])
    ledger = Ledger.open(db)
    ledger.begin_run(r.run_id, r.started_at, r.tool_version, r.options)
    # another connection already sees the run, as interrupted, with nothing else
    assert q(db, "SELECT status, finished_at FROM runs") == [("interrupted", None)]
    assert q(db, "SELECT count(*) FROM verdicts") == [(0,)]
    ledger.finish_run(r)
    ledger.close()
    row = q(db, "SELECT status, finished_at, n_documents, n_claims, n_verified, n_misquote, n_uncited, options "
                "FROM runs")[0]
    assert row == ("complete", "2026-11-20T09:01:00Z", 1, 3, 1, 1, 1, '{"offline": true}')


def test_second_run_appends_history_and_latest_verdicts_follow(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    record(db, make_result("r1", DAY1, [make_claim("c1", "verified", line=3)], [make_source()]))
    record(db, make_result("r2", DAY2, [make_claim("c1", "misquote", line=9)], [make_source()], doc_sha="doc-2"))

    assert q(db, "SELECT run_id, verdict, line FROM verdicts ORDER BY id") == [("r1", "verified", 3),
                                                                               ("r2", "misquote", 9)]
    assert q(db, "SELECT id, line FROM claims") == [("c1", 9)]  # upserted: latest position
    assert q(db, "SELECT claim_id, verdict, run_id FROM latest_verdicts") == [("c1", "misquote", "r2")]
    assert q(db, "SELECT verdict, previous_verdict, verdict_changed FROM claim_history ORDER BY judged_at") == [
        ("verified", None, 0), ("misquote", "verified", 1)]
    assert q(db, "SELECT count(*) FROM documents") == [(2,)]  # one row per document version
    with Ledger.open(db, readonly=True) as ledger:
        hist = ledger.history("c1")
        assert [h["verdict"] for h in hist] == ["verified", "misquote"]
        assert ledger.history("c")[0]["claim_id"] == "c1"  # unique prefix
        with pytest.raises(LedgerError, match="no claim"):
            ledger.history("zzz")


def test_older_run_committing_late_does_not_move_claim_back(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    record(db, make_result("r2", DAY2, [make_claim("c1", line=9)], [make_source()]))
    record(db, make_result("r1", DAY1, [make_claim("c1", line=3)], [make_source()]))
    assert q(db, "SELECT line, last_seen_run FROM claims") == [(9, "r2")]
    assert q(db, "SELECT run_id FROM latest_verdicts") == [("r2",)]


def test_interrupted_run_is_not_in_latest_verdicts(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    record(db, make_result("r1", DAY1, [make_claim("c1")], [make_source()]))
    with Ledger.open(db) as ledger:
        ledger.begin_run("r2", DAY2, "0.1.0", {})
    assert q(db, "SELECT run_id FROM latest_verdicts") == [("r1",)]
    assert q(db, "SELECT id, status FROM runs ORDER BY started_at") == [("r1", "complete"), ("r2", "interrupted")]


def test_duplicate_run_id_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with Ledger.open(db) as ledger:
        ledger.begin_run("r1", DAY1, "0.1.0", {})
        with pytest.raises(LedgerError, match="already"):
            ledger.begin_run("r1", DAY1, "0.1.0", {})


def test_exception_mid_finish_rolls_back_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C inside finish_run: nothing of the run is written, and it stays interrupted."""
    db = tmp_path / "l.db"
    original = Ledger._insert_ignore

    def interrupt_after_verdicts(self: Ledger, table: str, rows) -> None:  # type: ignore[no-untyped-def]
        original(self, table, rows)
        if table == "verdicts":
            raise KeyboardInterrupt

    monkeypatch.setattr(Ledger, "_insert_ignore", interrupt_after_verdicts)
    r = make_result("r1", DAY1, [make_claim(f"c{i}", line=i + 1) for i in range(50)], [make_source()])
    ledger = Ledger.open(db)
    ledger.begin_run(r.run_id, r.started_at, r.tool_version, r.options)
    with pytest.raises(KeyboardInterrupt):
        ledger.finish_run(r)
    ledger.close()
    assert q(db, "SELECT status FROM runs") == [("interrupted",)]
    for table in ("verdicts", "claims", "documents", "sources", "snapshots"):
        assert q(db, f"SELECT count(*) FROM {table}") == [(0,)], table
    assert integrity(db) == "ok"


# -- source drift -------------------------------------------------------------------------------------

def test_source_changed_when_content_and_verdict_both_change(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    record(db, make_result("r1", DAY1, [make_claim("c1", "verified", line=12, column=41)],
                           [make_source(sha="sha-a", fetched_at=DAY1)]))
    r2 = make_result("r2", DAY2, [make_claim("c1", "misquote", line=12, column=41)],
                     [make_source(sha="sha-b", fetched_at=DAY2)])
    found = record(db, r2)
    expected = Finding("source_changed", "7", 12, 41,
                       "source [7] changed since 2026-11-20 (now 2026-11-27) and the verdict went from "
                       "verified to misquote")
    assert found == [expected]
    assert r2.documents[0].findings == [expected]  # appended before the report is printed
    assert q(db, "SELECT run_id, kind, key, line, \"column\", message FROM findings") == [
        ("r2", "source_changed", "7", 12, 41, expected.message)]
    assert q(db, "SELECT n_findings FROM runs WHERE id = 'r2'") == [(1,)]


@pytest.mark.parametrize(
    ("second_verdict", "second_sha"),
    [("misquote", "sha-a"),   # verdict changed, content did not: the draft's doing
     ("verified", "sha-b")],  # content changed, verdict did not: noise
)
def test_no_source_changed_when_only_one_changes(tmp_path: Path, second_verdict: str, second_sha: str) -> None:
    db = tmp_path / "l.db"
    record(db, make_result("r1", DAY1, [make_claim("c1", "verified")], [make_source(sha="sha-a")]))
    r2 = make_result("r2", DAY2, [make_claim("c1", second_verdict)], [make_source(sha=second_sha, fetched_at=DAY2)])
    assert record(db, r2) == []
    assert r2.documents[0].findings == []
    assert q(db, "SELECT count(*) FROM findings") == [(0,)]


def test_source_changed_without_new_evidence_uses_the_earlier_fetch(tmp_path: Path) -> None:
    """Now not_found (no evidence): the source the claim cites changed since the verified run."""
    db = tmp_path / "l.db"
    record(db, make_result("r1", DAY1, [make_claim("c1", "verified")], [make_source(sha="sha-a")]))
    found = record(db, make_result("r2", DAY2, [make_claim("c1", "not_found")],
                                   [make_source(sha="sha-b", fetched_at=DAY2)]))
    assert [f.message for f in found] == [
        "source [7] changed since 2026-11-20 (now 2026-11-27) and the verdict went from verified to not_found"]


def test_no_source_changed_when_source_unreadable_now(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    record(db, make_result("r1", DAY1, [make_claim("c1", "verified")], [make_source(sha="sha-a")]))
    found = record(db, make_result("r2", DAY2, [make_claim("c1", "unavailable", evidence=False)],
                                   [make_source(sha=None, status="error")]))
    assert found == []


def test_existing_findings_are_recorded(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    record(db, make_result("r1", DAY1, [make_claim("c1")], [make_source()],
                           findings=[Finding("dangling_citation", "4", 5, 10, "no reference [4]"),
                                     Finding("bad_reference", None, 41, 1, "no locator")]))
    assert q(db, "SELECT kind, key FROM findings ORDER BY id") == [("dangling_citation", "4"), ("bad_reference", None)]


# -- full-text search ---------------------------------------------------------------------------------

def test_fts_finds_sentences_and_excerpts(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    record(db, make_result("r1", DAY1, [
        make_claim("c1", sentence="Sixty-four percent of CEOs expect growth [7]."),
        make_claim("c2", line=8, sentence="Tokens per month rose to 10 billion [7].",
                   excerpt="Monthly usage reached 10 billion tokens in March."),
    ], [make_source()]))
    with Ledger.open(db, readonly=True) as ledger:
        assert [r["id"] for r in ledger.claims(search="CEOs growth")] == ["c1"]
        assert [r["id"] for r in ledger.claims(search="march")] == ["c2"]  # evidence excerpt
        assert [r["id"] for r in ledger.claims(search='"10 billion"')] == ["c2"]  # quotes are literal text
        assert ledger.claims(search="nonexistentword") == []
        assert [r["id"] for r in ledger.claims(verdict="verified", document="drafts/*.md")] == ["c1", "c2"]
        assert ledger.claims(document="other.md") == []
        with pytest.raises(LedgerError, match="unknown verdict"):
            ledger.claims(verdict="wrong")
    assert q(db, "SELECT c.id FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
                 "WHERE claims_fts MATCH 'tokens'") == [("c2",)]


# -- crashes and concurrency --------------------------------------------------------------------------

_CHILD = """
    import sys, time
    from pipeline.ledger import Ledger
    from test_ledger import make_claim, make_result, make_source

    db, mode = sys.argv[1], sys.argv[2]
    result = make_result("victim", "2026-11-27T09:00:00Z",
                         [make_claim(f"c{i}", line=i + 1) for i in range(5000)], [make_source()])
    if mode == "during":
        original = Ledger._insert_ignore
        def pause(self, table, rows):
            original(self, table, rows)
            if table == "verdicts":  # the largest insert is done; the transaction is still open
                print("IN-TRANSACTION", flush=True)
                time.sleep(60)
        Ledger._insert_ignore = pause
    ledger = Ledger.open(db)
    ledger.begin_run(result.run_id, result.started_at, result.tool_version, {})
    if mode == "between":
        print("BEGUN", flush=True)
        time.sleep(60)
    ledger.finish_run(result)
    print("FINISHED", flush=True)
"""


@pytest.mark.parametrize(("mode", "signal_line"), [("between", "BEGUN"), ("during", "IN-TRANSACTION")])
def test_kill_9_leaves_an_intact_ledger_with_the_run_interrupted(tmp_path: Path, mode: str,
                                                                 signal_line: str) -> None:
    db = tmp_path / "l.db"
    record(db, make_result("earlier", DAY1, [make_claim("c0")], [make_source()]))
    child = run_child(_CHILD, tmp_path, str(db), mode)
    try:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        assert line == signal_line, child.stderr.read() if child.stderr else ""
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(10)
        child.stdout.close()  # type: ignore[union-attr]
        child.stderr.close()  # type: ignore[union-attr]
    assert child.returncode == -signal.SIGKILL
    assert integrity(db) == "ok"
    assert q(db, "SELECT id, status FROM runs ORDER BY started_at") == [("earlier", "complete"),
                                                                        ("victim", "interrupted")]
    assert q(db, "SELECT count(*) FROM verdicts WHERE run_id = 'victim'") == [(0,)]
    assert q(db, "SELECT count(*) FROM claims") == [(1,)]
    # and the ledger keeps working
    record(db, make_result("after", DAY2, [make_claim("c0")], [make_source()]))
    assert q(db, "SELECT count(*) FROM runs WHERE status = 'complete'") == [(2,)]


_WRITER = """
    import sys, time
    from pathlib import Path
    from pipeline.ledger import Ledger
    from test_ledger import make_claim, make_result, make_source

    db, name, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    while not go.exists():
        time.sleep(0.005)
    for n in range(5):
        result = make_result(f"{name}-{n}", f"2026-11-27T09:00:0{n}Z",
                             [make_claim(f"{name}-c{i}", line=i + 1) for i in range(200)],
                             [make_source()], path=f"drafts/{name}.md")
        ledger = Ledger.open(db)
        ledger.begin_run(result.run_id, result.started_at, result.tool_version, {})
        time.sleep(0.01)
        ledger.finish_run(result)
        ledger.close()
    print("DONE", flush=True)
"""


def test_two_processes_write_one_ledger_at_once(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "ledger.db"  # both race to create it, too
    go = tmp_path / "go"
    children = [run_child(_WRITER, tmp_path, str(db), name, str(go)) for name in ("a", "b")]
    time.sleep(0.3)
    go.touch()
    outputs = [c.communicate(timeout=60) for c in children]
    for child, (out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
        assert out.strip() == "DONE"
    assert q(db, "SELECT status, count(*) FROM runs GROUP BY status") == [("complete", 10)]
    assert q(db, "SELECT count(*) FROM verdicts") == [(2000,)]
    assert q(db, "SELECT count(*) FROM claims") == [(400,)]
    assert integrity(db) == "ok"


def test_lock_outlasting_the_busy_timeout_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Ledger.open(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        ledger = Ledger.open(db, busy_timeout=0.2)
        with pytest.raises(LedgerError, match="locked by another process"):
            ledger.begin_run("r1", DAY1, "0.1.0", {})
        ledger.close()
    finally:
        holder.rollback()
        holder.close()


# -- opening: migration, newer schema, not a ledger ---------------------------------------------------

def test_v1_ledger_is_migrated_in_place(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA_V1)
    doc = document_id("drafts/old.md", "d0")
    conn.executescript(f"""
        INSERT INTO runs (id, started_at, finished_at, tool_version, status) VALUES
            ('old-run', '{DAY1}', '{DAY1}', '0.0.9', 'complete');
        INSERT INTO documents (id, path, sha256) VALUES ('{doc}', 'drafts/old.md', 'd0');
        INSERT INTO claims (id, document, document_id, line, "column", sentence, figure, last_seen_at)
            VALUES ('old-claim', 'drafts/old.md', '{doc}', 2, 1, 'Half of all librarians agree [7].', 'Half',
                    '{DAY1}');
        INSERT INTO sources (locator) VALUES ('{LOC7}');
        INSERT INTO snapshots (source, sha256, fetched_at) VALUES ('{LOC7}', 'sha-old', '{DAY1}');
        INSERT INTO verdicts (run_id, document_id, claim_id, line, "column", verdict, source, snapshot, excerpt)
            VALUES ('old-run', '{doc}', 'old-claim', 2, 1, 'verified', '{LOC7}', 'sha-old', 'Half agree.');
        PRAGMA user_version = 1;
    """)
    conn.close()

    with Ledger.open(db) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION
    assert integrity(db) == "ok"
    assert q(db, "SELECT claim_id, verdict FROM latest_verdicts") == [("old-claim", "verified")]
    # FTS was built over the rows that were already there
    assert q(db, "SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'librarians'") == [(1,)]
    # the fetch record was back-filled, so drift works against v1 history
    assert q(db, "SELECT run_id, source, snapshot FROM fetches") == [("old-run", LOC7, "sha-old")]
    claim = make_claim("old-claim", "not_found")
    r = make_result("new-run", DAY2, [claim], [make_source(sha="sha-new", fetched_at=DAY2)], path="drafts/old.md")
    assert [f.kind for f in record(db, r)] == ["source_changed"]


def test_v2_ledger_gains_suppression_and_failure_kinds(tmp_path: Path) -> None:
    """A ledger written by v2 code (built by its own frozen migration steps) is upgraded in place:
    its rows keep NULL (nothing was recorded as suppressed then) and new runs fill the columns."""
    from sqlite_utils import Database

    from pipeline.ledger import _MIGRATIONS

    db = tmp_path / "v2.db"
    v2 = Database(sqlite3.connect(db))
    for target, step in _MIGRATIONS:
        if target <= 2:
            step(v2)
            v2.execute(f"PRAGMA user_version = {target}")
    v2.conn.commit()
    v2.close()
    record_v2 = make_result("old-run", DAY1, [make_claim("c1", "verified")], [make_source()])
    conn = sqlite3.connect(db)
    doc = document_id(record_v2.documents[0].path, record_v2.documents[0].sha256)
    conn.executescript(f"""
        INSERT INTO runs (id, started_at, tool_version, status) VALUES ('old-run', '{DAY1}', '0.0.9', 'complete');
        INSERT INTO documents (id, path, sha256) VALUES ('{doc}', 'drafts/issue-12.md', 'doc-1');
        INSERT INTO claims (id, document, document_id, line, "column", sentence, figure)
            VALUES ('c1', 'drafts/issue-12.md', '{doc}', 3, 5, 'Claim c1.', '64%');
        INSERT INTO sources (locator) VALUES ('{LOC7}');
        INSERT INTO fetches (run_id, source, status, error) VALUES ('old-run', '{LOC7}', 'error', 'HTTP 503');
        INSERT INTO verdicts (run_id, document_id, claim_id, line, "column", verdict) VALUES
            ('old-run', '{doc}', 'c1', 3, 5, 'verified');
    """)
    conn.close()

    with Ledger.open(db) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION == 4
    assert integrity(db) == "ok"
    assert q(db, "SELECT error_kind FROM fetches") == [(None,)]
    assert q(db, "SELECT verdict, suppressed_by FROM latest_verdicts") == [("verified", None)]
    # a new run records what its report leaves out, and why
    claim = make_claim("c1", "misquote")
    claim.disabled = ("misquote",)
    r = make_result("new-run", DAY2, [claim], [make_source(sha=None, status="error")])
    r.sources[0].error_kind = "http_status"
    record(db, r)
    assert r.documents[0].claims == [] and [s.by for s in r.suppressed] == ["inline"]
    assert q(db, "SELECT verdict, suppressed_by FROM latest_verdicts") == [("misquote", "inline")]
    assert q(db, "SELECT verdict, suppressed_by FROM claim_history ORDER BY judged_at") == [
        ("verified", None), ("misquote", "inline")]
    assert q(db, "SELECT error_kind FROM fetches WHERE run_id = 'new-run'") == [("http_status",)]
    assert q(db, "SELECT n_claims, n_misquote, n_suppressed FROM runs WHERE id = 'new-run'") == [(1, 1, 1)]
    with pytest.raises(sqlite3.IntegrityError):  # the reasons are a closed set
        q(db, "INSERT INTO findings (run_id, document_id, kind, line, \"column\", message, suppressed_by) "
              f"VALUES ('new-run', '{doc}', 'x', 1, 1, 'm', 'because')")


def test_a_suppressed_drift_finding_is_recorded_with_its_reason(tmp_path: Path) -> None:
    """source_changed goes through the same suppression as any finding: a baseline that lists it
    keeps it out of the report, and the ledger still has it."""
    from pipeline.ignores import BaselineEntry, fingerprint

    db = tmp_path / "l.db"
    record(db, make_result("r1", DAY1, [make_claim("c1", "verified", line=12, column=41)],
                           [make_source(sha="sha-a", fetched_at=DAY1)]))
    r2 = make_result("r2", DAY2, [make_claim("c1", "verified", line=12, column=41)],
                     [make_source(sha="sha-b", fetched_at=DAY2)])
    r2.documents[0].claims[0].verdict = "misquote"
    drift = Finding("source_changed", "7", 12, 41, "x")
    fp = fingerprint(r2.documents[0], drift)  # a finding's fingerprint: kind, key and the line's text
    misquote_fp = fingerprint(r2.documents[0], r2.documents[0].claims[0])
    plan = SuppressionPlan(baseline_path="b.json", baseline={
        f: BaselineEntry(f, "drafts/issue-12.md", k, 12, "") for f, k in ((fp, "source_changed"),
                                                                          (misquote_fp, "misquote"))})
    found = record(db, r2, plan)
    assert [f.kind for f in found] == ["source_changed"]
    assert r2.documents[0].findings == [] and r2.documents[0].claims == []
    assert q(db, "SELECT kind, suppressed_by FROM findings WHERE run_id = 'r2'") == [("source_changed", "baseline")]
    assert q(db, "SELECT suppressed_by FROM verdicts WHERE run_id = 'r2'") == [("baseline",)]


def test_empty_file_becomes_a_ledger(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    with Ledger.open(db) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION


def test_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE runs (id TEXT)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    for readonly in (False, True):
        with pytest.raises(LedgerError, match=r"newer claimledger .*upgrade claimledger"):
            Ledger.open(db, readonly=readonly)
    assert q(db, "PRAGMA user_version") == [(SCHEMA_VERSION + 1,)]
    assert q(db, "PRAGMA journal_mode") == [("delete",)]


def test_read_only_open_of_an_older_ledger_asks_for_an_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA_V1 + "PRAGMA user_version = 1;")
    conn.close()
    with pytest.raises(LedgerError, match="schema v1"):
        Ledger.open(db, readonly=True)
    assert q(db, "PRAGMA user_version") == [(1,)]


def test_not_a_database_and_not_a_ledger(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("this is not sqlite, " * 100)
    for readonly in (False, True):
        with pytest.raises(LedgerError, match="not a SQLite database"):
            Ledger.open(text, readonly=readonly)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.close()
    with pytest.raises(LedgerError, match="not a claims ledger"):
        Ledger.open(other)
    with pytest.raises(LedgerError, match="is a directory"):
        Ledger.open(tmp_path)
    with pytest.raises(LedgerError, match="no ledger at"):
        Ledger.open(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_location_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(LedgerError, match=r"read-only|cannot"):
            Ledger.open(folder / "ledger.db")
    finally:
        folder.chmod(0o755)


# -- read-only enforcement ----------------------------------------------------------------------------

def test_read_only_ledger_refuses_every_kind_of_write(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    record(db, make_result("r1", DAY1, [make_claim("c1")], [make_source()]))
    with Ledger.open(db, readonly=True) as ledger:
        assert ledger.sql("SELECT count(*) AS n FROM runs") == (["n"], [(1,)])
        for statement in ("DELETE FROM runs", "UPDATE runs SET status = 'interrupted'", "DROP TABLE verdicts",
                          "CREATE TABLE x (a)", "PRAGMA user_version = 7", f"ATTACH '{tmp_path / 'x.db'}' AS x",
                          "INSERT INTO sources (locator) VALUES ('x')"):
            with pytest.raises(LedgerError, match="read-only"):
                ledger.sql(statement)
        with pytest.raises(LedgerError, match="read-only"):
            ledger.begin_run("r2", DAY2, "0.1.0", {})
        with pytest.raises(LedgerError, match="SQL error"):
            ledger.sql("SELECT * FROM nowhere")
        assert ledger.sql("PRAGMA integrity_check")[1] == [("ok",)]
    assert q(db, "SELECT count(*), min(status) FROM runs") == [(1, "complete")]
    assert not (tmp_path / "x.db").exists()


# -- merge -------------------------------------------------------------------------------------------

def test_merge_two_shards_and_remerge_adds_nothing(tmp_path: Path) -> None:
    a, b, out = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "out" / "merged.db"
    # the same source and claim text seen by both shards; distinct runs and drafts
    record(a, make_result("run-a", DAY1, [make_claim("c1"), make_claim("shared", line=7)], [make_source()]))
    record(b, make_result("run-b", DAY2, [make_claim("c2"), make_claim("shared", line=9, verdict="misquote")],
                          [make_source(sha="sha-b", fetched_at=DAY2)]))
    first = merge(out, [a, b])
    assert first["runs"] == 2 and first["verdicts"] == 4 and first["claims"] == 3 and first["sources"] == 1
    assert first["snapshots"] == 2 and first["shards"] == 2
    again = merge(out, [a, b, a])
    assert {k: v for k, v in again.items() if k != "shards"} == dict.fromkeys(again.keys() - {"shards"}, 0)
    assert q(out, "SELECT line FROM claims WHERE id = 'shared'") == [(9,)]  # latest sighting wins
    assert q(out, "SELECT claim_id, verdict FROM latest_verdicts ORDER BY claim_id") == [
        ("c1", "verified"), ("c2", "verified"), ("shared", "misquote")]
    assert integrity(out) == "ok"
    assert q(out, "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'CEOs'") == [(3,)]


def test_merge_completes_a_run_the_target_saw_interrupted(tmp_path: Path) -> None:
    shard, out = tmp_path / "shard.db", tmp_path / "out.db"
    record(shard, make_result("r1", DAY1, [make_claim("c1")], [make_source()]))
    with Ledger.open(out) as ledger:
        ledger.begin_run("r1", DAY1, "0.1.0", {})
    counts = merge(out, [shard])
    assert counts["runs_completed"] == 1 and counts["verdicts"] == 1
    assert q(out, "SELECT status FROM runs") == [("complete",)]


def test_merge_refuses_missing_shard_and_itself(tmp_path: Path) -> None:
    a = tmp_path / "a.db"
    record(a, make_result("r1", DAY1, [make_claim("c1")], [make_source()]))
    with pytest.raises(LedgerError, match="no ledger at"):
        merge(tmp_path / "out.db", [a, tmp_path / "missing.db"])
    assert not (tmp_path / "out.db").exists()  # nothing written before every shard checked out
    with pytest.raises(LedgerError, match="into itself"):
        merge(a, [a])


def test_a_derived_verdict_keeps_its_derivation(tmp_path: Path) -> None:
    """A figure checked by a computation keeps how (v4): researchers can ask the ledger which
    figures were computed, and from what."""
    db = tmp_path / "ledger.db"
    claim = make_claim("c1", "verified")
    claim.derivation = {"operation": "ratio", "operands": [{"value_text": "82,000", "offset": 40},
                                                          {"value_text": "41,000", "offset": 12}],
                        "result": 2.0, "formula": "82,000 / 41,000 = 2.0x"}
    record(db, make_result("run-d", DAY2, [claim], []))
    (raw,) = q(db, "SELECT derivation FROM latest_verdicts")[0]
    assert json.loads(raw)["operation"] == "ratio" and json.loads(raw)["result"] == 2.0
    assert q(db, "SELECT json_extract(derivation, '$.formula') FROM claim_history") == [("82,000 / 41,000 = 2.0x",)]
