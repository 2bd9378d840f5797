"""`claimledger ledger ...` through typer's CliRunner, and the Datasette metadata's canned queries.

The ledger is populated by the same hand-built RunResults as tests/test_ledger.py: a verified claim
that turns into a misquote when its source changes, plus a stable claim, over two runs.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ledger import DAY1, DAY2, make_claim, make_result, make_source, record

from pipeline.cli.ledger import ledger_app
from pipeline.ledger import fts_query
from pipeline.model import Source

REPO = Path(__file__).resolve().parent.parent
METADATA = REPO / "claims" / "metadata.yml"
runner = CliRunner(env={"COLUMNS": "220", "NO_COLOR": "1"})


@pytest.fixture
def ledger_db(tmp_path: Path) -> Path:
    db = tmp_path / "claims" / "ledger.db"
    record(db, make_result("run-1", DAY1, [
        make_claim("claim-ceo", "verified", line=12, column=41,
                   sentence="Sixty-four percent of CEOs expect growth [7]."),
        make_claim("claim-tok", "verified", line=20, figure="10 billion", key="8", locator="https://example.org/other",
                   sentence="Usage reached 10 billion tokens a month [8].", value="10 billion"),
    ], [make_source(sha="sha-a", fetched_at=DAY1), make_source("https://example.org/other", sha="sha-o"),
        slow()]))
    record(db, make_result("run-2", DAY2, [
        make_claim("claim-ceo", "misquote", line=12, column=41,
                   sentence="Sixty-four percent of CEOs expect growth [7]."),
        make_claim("claim-tok", "verified", line=20, figure="10 billion", key="8", locator="https://example.org/other",
                   sentence="Usage reached 10 billion tokens a month [8].", value="10 billion"),
    ], [make_source(sha="sha-b", fetched_at=DAY2), make_source("https://example.org/other", sha="sha-o"),
        slow("timed out after 20 s")], doc_sha="doc-2"))
    return db


def slow(error: str = "read timeout (20 s limit)") -> Source:
    """A source that timed out (cited by no claim: only its fetch is recorded)."""
    src = make_source("https://example.org/slow", sha=None, status="error")
    src.error, src.error_kind = error, "timeout"
    return src


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(ledger_app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_runs_in_table_json_and_csv(ledger_db: Path) -> None:
    code, out, _ = invoke("runs", "--db", str(ledger_db))
    assert code == 0
    assert re.search(r"run-2 .* complete", out) and "run-1" in out and "2 rows" in out

    code, out, _ = invoke("runs", "--db", str(ledger_db), "--format", "json")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["run-2", "run-1"]
    assert rows[0]["misquote"] == 1 and rows[0]["findings"] == 1 and rows[0]["status"] == "complete"

    code, out, _ = invoke("runs", "--db", str(ledger_db), "--format", "csv")
    parsed = list(csv.DictReader(io.StringIO(out)))
    assert parsed[0]["id"] == "run-2" and parsed[1]["verified"] == "2"


def test_claims_filters(ledger_db: Path) -> None:
    code, out, _ = invoke("claims", "--db", str(ledger_db), "--verdict", "misquote", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["id"], r["verdict"], r["figure"], r["source_figure"]) for r in rows] == [
        ("claim-ceo", "misquote", "64%", "62%")]
    code, out, _ = invoke("claims", "--db", str(ledger_db), "--search", "tokens month", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == ["claim-tok"]
    code, out, _ = invoke("claims", "--db", str(ledger_db), "--document", "drafts/issue-12.md", "--format", "csv")
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["claim-ceo", "claim-tok"]
    code, out, _ = invoke("claims", "--db", str(ledger_db), "--document", "nope.md", "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, out, err = invoke("claims", "--db", str(ledger_db), "--verdict", "bogus")
    assert code == 2 and "unknown verdict" in err


def test_history_shows_the_change(ledger_db: Path) -> None:
    code, out, _ = invoke("history", "claim-ceo", "--db", str(ledger_db), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["run_id"], r["verdict"], r["previous_verdict"], r["snapshot"]) for r in rows] == [
        ("run-1", "verified", None, "sha-a"), ("run-2", "misquote", "verified", "sha-b")]
    code, out, _ = invoke("history", "claim-c", "--db", str(ledger_db))
    assert code == 0 and "misquote" in out and "history of claim-ceo" in out
    code, _, err = invoke("history", "claim-", "--db", str(ledger_db))
    assert code == 2 and "ambiguous" in err


def test_sql_select_formats_and_duplicate_columns(ledger_db: Path) -> None:
    code, out, _ = invoke("sql", "SELECT r.id, v.id, v.verdict FROM runs r JOIN verdicts v ON v.run_id = r.id "
                                 "WHERE v.claim_id = 'claim-ceo' ORDER BY v.id", "--db", str(ledger_db),
                          "--format", "json")
    assert code == 0
    assert json.loads(out) == [{"id": "run-1", "id_2": 1, "verdict": "verified"},
                               {"id": "run-2", "id_2": 3, "verdict": "misquote"}]
    code, out, _ = invoke("sql", "SELECT kind, key FROM findings", "--db", str(ledger_db), "--format", "csv")
    assert out == "kind,key\nsource_changed,7\n"
    code, out, _ = invoke("sql", "SELECT count(*) AS n FROM claims WHERE 0", "--db", str(ledger_db), "-f", "csv")
    assert out == "n\n0\n"


def test_sql_writes_are_refused_and_the_ledger_is_unchanged(ledger_db: Path) -> None:
    before = ledger_db.read_bytes()
    for statement in ("DELETE FROM runs", "UPDATE claims SET line = 0", "DROP VIEW latest_verdicts"):
        code, out, err = invoke("sql", statement, "--db", str(ledger_db))
        assert code == 2, statement
        assert err.strip().count("\n") == 0 and "read-only" in err, err
        assert out == ""
    conn = sqlite3.connect(ledger_db)
    assert conn.execute("SELECT count(*) FROM runs").fetchone() == (2,)
    assert conn.execute("SELECT min(line) FROM claims").fetchone() == (12,)
    conn.close()
    assert ledger_db.read_bytes() == before


def test_missing_ledger_is_one_line_and_exit_2(tmp_path: Path) -> None:
    for args in (["runs"], ["claims"], ["history", "x"], ["sql", "SELECT 1"]):
        code, out, err = invoke(*args, "--db", str(tmp_path / "none.db"))
        assert code == 2 and out == ""
        assert err.startswith("claimledger: no ledger at") and err.count("\n") == 1
    assert not (tmp_path / "none.db").exists()


def test_default_db_is_claims_ledger_db(ledger_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ledger_db.parent.parent)
    code, out, _ = invoke("runs", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 2


def test_merge_command_is_idempotent(ledger_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "shard-b.db"
    record(other, make_result("run-b", DAY2, [make_claim("claim-b")], [make_source()], path="drafts/b.md"))
    out_db = tmp_path / "merged.db"
    code, out, err = invoke("merge", str(ledger_db), str(other), "--into", str(out_db), "--format", "json")
    assert code == 0, err
    added = {r["table"]: r["added"] for r in json.loads(out)}
    assert added["runs"] == 3 and added["verdicts"] == 5
    code, out, _ = invoke("merge", str(ledger_db), str(other), "--into", str(out_db), "--format", "json")
    assert all(r["added"] == 0 for r in json.loads(out) if r["table"] != "shards")
    code, _, err = invoke("merge", str(tmp_path / "missing.db"), "--into", str(out_db))
    assert code == 2 and "no ledger at" in err


def test_module_import_stays_light() -> None:
    code = "import sys, pipeline.cli.ledger; print('sqlite_utils' in sys.modules, 'pipeline.ledger' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# -- Datasette metadata ----------------------------------------------------------------------------------

def _canned() -> dict[str, dict]:
    meta = yaml.safe_load(METADATA.read_text())
    return meta["databases"]["ledger"]["queries"]


def test_metadata_names_real_tables_and_columns(ledger_db: Path) -> None:
    meta = yaml.safe_load(METADATA.read_text())
    conn = sqlite3.connect(ledger_db)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    for table, conf in meta["databases"]["ledger"]["tables"].items():
        assert table in names, table
        cols = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        for facet in conf.get("facets", []):
            assert facet in cols, (table, facet)
        for col in conf.get("columns", {}):
            assert col in cols, (table, col)
    conn.close()
    assert {"misquotes_by_draft", "most_cited_sources", "verdict_changes", "search_claims",
            "sources_by_error_kind"} <= set(_canned())


def test_canned_queries_run_against_a_populated_ledger(ledger_db: Path) -> None:
    conn = sqlite3.connect(f"{ledger_db.resolve().as_uri()}?mode=ro", uri=True)
    conn.create_function("escape_fts", 1, fts_query)  # Datasette provides escape_fts
    results = {}
    for name, query in _canned().items():
        results[name] = conn.execute(query["sql"], {"q": "CEOs growth"}).fetchall()
    conn.close()
    assert results["misquotes_by_draft"] == [("drafts/issue-12.md", 1, "64% (source says 62%, line 12)")]
    assert [r[:3] for r in results["most_cited_sources"]] == [
        ("https://example.org/other", 1, 1), ("https://example.org/survey-2026", 1, 1)]
    assert results["most_cited_sources"][1][3] == 2  # two versions of the survey seen
    changes = results["verdict_changes"]
    assert [(r[3], r[5], r[6]) for r in changes] == [("claim-ceo", "verified", "misquote")]
    assert changes[0][7].startswith("source [7] changed since 2026-11-20 (now 2026-11-27)")
    assert [(r[0], r[3]) for r in results["search_claims"]] == [
        ("claim-ceo", "Sixty-four percent of [CEOs] expect [growth] [7].")]
    assert len(results["source_drift"]) == 1
    assert results["sources_by_error_kind"] == [
        ("timeout", "https://example.org/slow", 2, DAY2, "timed out after 20 s")]


def test_datasette_serves_the_canned_queries(ledger_db: Path) -> None:
    datasette_app = pytest.importorskip(
        "datasette.app", reason="datasette not installed (optional extra: pip install 'claimledger[datasette]')")
    from datasette.utils import parse_metadata

    metadata = parse_metadata(METADATA.read_text())

    async def fetch_all() -> dict[str, list]:
        ds = datasette_app.Datasette([str(ledger_db)], metadata=metadata)
        await ds.invoke_startup()
        out = {}
        for name in _canned():
            resp = await ds.client.get(f"/ledger/{name}.json?_shape=array&q=CEOs")
            assert resp.status_code == 200, (name, resp.text)
            out[name] = resp.json()
        resp = await ds.client.get("/ledger/claims.json?_search=tokens&_shape=array")
        assert resp.status_code == 200, resp.text
        out["table_search"] = resp.json()
        return out

    out = asyncio.run(fetch_all())
    assert out["misquotes_by_draft"][0]["misquotes"] == 1
    assert [r["claim_id"] for r in out["search_claims"]] == ["claim-ceo"]
    assert [r["id"] for r in out["table_search"]] == ["claim-tok"]
