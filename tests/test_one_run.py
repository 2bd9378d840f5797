"""One run, one history (issue 17): `check --baseline F` and `baseline check -b F` are one run.

Both commands run on the same draft, the same baseline and copies of the same ledger, after a
source changed under a claim so that the ledger's history yields a `source_changed` finding, which
an inline comment then silences like any finding. The ledger rows they write must be identical,
row for row (run ids and clock times aside), and so must their reports and exit codes. Real
drafts, real files, real SQLite; the CLI in process.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from pipeline.cli import build_app

DRAFT = """# Notes

Gartner finds that 64% of CEOs chose growth as their top priority [1].

<!-- claimledger-disable-next-line -->
About 30% of readers skip footnotes.

<!-- claimledger-disable-next-line source_changed -->
The survey covered 48% of regions in its first year [2].

A further 12% of firms cite an entry that is not there [9].

## References

1. CEO survey, sources/ceo.md
2. Regions, sources/regions.md
"""

#: columns that differ between two runs of the same check: ids and clock times
VOLATILE = {"id", "run_id", "first_seen_run", "last_seen_run", "started_at", "finished_at", "first_seen_at",
            "last_seen_at", "fetched_at"}
TABLES = ("runs", "documents", "claims", "citations", "refs", "sources", "snapshots", "fetches", "verdicts",
          "findings")


def cli(*args: str) -> Result:
    return CliRunner().invoke(build_app(), [*args, "--root", ".", "--cache-dir", "cache", "--offline"],
                              catch_exceptions=False)


def rows(db: Path, run_id: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row the run wrote (or last touched), volatile columns masked, in a stable order."""
    out: dict[str, list[tuple[object, ...]]] = {}
    with sqlite3.connect(db) as conn:
        for table in TABLES:
            cols = [c[1] for c in conn.execute(f'PRAGMA table_info("{table}")')]
            where = {"runs": "id = ?", "claims": "last_seen_run = ?", "documents": "first_seen_run = ?",
                     "snapshots": "first_seen_run = ? OR 1", "sources": "? IS NOT NULL",
                     "citations": "document_id IN (SELECT document_id FROM verdicts WHERE run_id = ?)",
                     "refs": "document_id IN (SELECT document_id FROM verdicts WHERE run_id = ?)"}.get(
                table, "run_id = ?")
            data = conn.execute(f'SELECT * FROM "{table}" WHERE {where}', (run_id,)).fetchall()
            masked = [tuple("*" if c in VOLATILE else v for c, v in zip(cols, r, strict=True)) for r in data]
            out[table] = sorted(masked, key=repr)
    return out


def last_run(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("SELECT id FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1").fetchone()[0])


@pytest.fixture
def prepared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The draft, its sources, a baseline and a ledger holding one earlier run; then a source changes."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "ceo.md").write_text("Gartner finds that 62% of CEOs chose growth as their top priority.\n")
    (tmp_path / "sources" / "regions.md").write_text("The survey covered 48% of regions in its first year.\n")
    (tmp_path / "draft.md").write_text(DRAFT)
    res = cli("baseline", "create", "draft.md", "-b", "accepted.json", "--db", "ledger.db")
    assert res.exit_code == 0, res.output
    # the source changes under claim [2], and its verdict with it: verified -> misquote
    (tmp_path / "sources" / "regions.md").write_text("The survey covered 45% of regions in its first year.\n")
    shutil.copy(tmp_path / "ledger.db", tmp_path / "history.db")
    return tmp_path


def on_the_history(tmp: Path, *args: str) -> tuple[Result, Path]:
    """Run a command on a fresh copy of the prepared ledger (same --db path, so the run's options
    are the same too); returns its result and where its ledger was put."""
    shutil.copy(tmp / "history.db", tmp / "ledger.db")
    res = cli(*args, "--db", "ledger.db")
    kept = tmp / f"after-{args[0]}.db"
    (tmp / "ledger.db").replace(kept)
    return res, kept


def test_check_with_a_baseline_and_baseline_check_write_the_same_rows(prepared: Path) -> None:
    one, a_db = on_the_history(prepared, "check", "draft.md", "--baseline", "accepted.json", "--format", "json")
    two, b_db = on_the_history(prepared, "baseline", "check", "draft.md", "-b", "accepted.json", "--format", "json")
    assert one.exit_code == two.exit_code == 1  # the new misquote of [2] fails both
    assert rows(a_db, last_run(a_db)) == rows(b_db, last_run(b_db))

    # what the rows are: everything the run judged, each with why the report leaves it out
    with sqlite3.connect(a_db) as conn:
        run = last_run(a_db)
        verdicts = dict(conn.execute("SELECT c.figure || ' ' || v.verdict, v.suppressed_by FROM verdicts v "
                                     "JOIN claims c ON c.id = v.claim_id WHERE v.run_id = ?", (run,)).fetchall())
        findings = dict(conn.execute("SELECT kind, suppressed_by FROM findings WHERE run_id = ?", (run,)).fetchall())
        n_suppressed, baseline = conn.execute("SELECT n_suppressed, baseline FROM runs WHERE id = ?", (run,)).fetchone()
    assert verdicts == {"64% misquote": "baseline", "30% uncited": "inline", "48% misquote": None,
                        "12% unavailable": "baseline"}
    assert findings == {"dangling_citation": "baseline", "source_changed": "inline"}
    assert (n_suppressed, baseline) == (5, "accepted.json")

    # the reports agree too, and show only what is not suppressed
    def report(res: Result) -> dict[str, object]:
        return json.loads(re.sub(r'"(id|started_at|finished_at)": "[^"]*"', '"x": ""', res.stdout))

    assert report(one) == report(two)
    shown = json.loads(one.stdout)["documents"][0]
    assert [(c["quantity"]["text"], c["verdict"]) for c in shown["claims"]] == [("48%", "misquote")]
    assert shown["findings"] == []
    # only baseline check adds the baseline's bookkeeping
    assert "3 finding(s) accepted by accepted.json" in two.stderr and "accepted by" not in one.stderr


def test_baseline_check_has_check_s_diff_and_output_folder(prepared: Path) -> None:
    res, _ = on_the_history(prepared, "baseline", "check", "draft.md", "-b", "accepted.json", "--diff",
                            "-o", "out/nested/report.txt")
    assert res.exit_code == 1, res.output
    assert (prepared / "out" / "nested" / "report.txt").is_file()
    assert "-The survey covered 48% of regions" in res.stdout and "+The survey covered 45% of regions" in res.stdout


def test_the_api_prints_nothing_and_returns_its_warnings(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """`run.check` (the API) writes no stream: a skipped draft, a comment naming an unknown verdict
    and a cache that cannot be written come back as RunResult.warnings, for the CLI to print."""
    import pipeline
    from pipeline.config import Options

    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("<!-- claimledger-disable-next-line misquoted -->\n"
                                              "About 30% of readers skip footnotes.\n")
    (tmp_path / "drafts" / "b.md").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    result = pipeline.check([str(tmp_path / "drafts")], Options(cache_dir=str(tmp_path / "cache"), no_ledger=True,
                                                                root=str(tmp_path)))
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
    assert len(result.warnings) == 3, result.warnings
    for needle in ("(skipped)", "unknown verdict 'misquoted'", "not writable"):
        assert sum(needle in w for w in result.warnings) == 1, (needle, result.warnings)
    assert [c.verdict for _d, c in result.claims()] == ["uncited"]
