"""What the report leaves out, decided in one place: inline disables, fingerprints and the baseline
(with expiry), ``--changed-lines``; plus the `baseline` commands on real drafts and sources."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import Result
from test_report_ci import claim_at, make_doc, make_result
from typer.testing import CliRunner

from pipeline.cli import build_app
from pipeline.config import Options
from pipeline.errors import ConfigError, UserError
from pipeline.ignores import (
    Suppression,
    SuppressionPlan,
    create_baseline,
    failing,
    fingerprint,
    load_baseline,
    plan_suppression,
    suppress,
)
from pipeline.model import Finding, RunResult

FAIL_ON = ("misquote", "not_found")
TODAY = dt.date(2025, 6, 15)


def apply(result: RunResult, baseline: Path | None = None, *, today: dt.date = TODAY,
          changed: dict[str, set[int]] | None = None) -> Suppression:
    """The run's suppression step with a plan built from the arguments."""
    plan = SuppressionPlan(baseline_path=str(baseline) if baseline else None,
                           baseline=load_baseline(baseline) if baseline else {}, changed=changed, today=today)
    return suppress(result, plan)


# --------------------------------------------------------------------------- fingerprints


def test_fingerprint_ignores_line_numbers() -> None:
    a, b = make_doc(), make_doc(shift=12)
    for ca, cb in zip(a.claims, b.claims, strict=True):
        assert ca.line != cb.line
        assert fingerprint(a, ca) == fingerprint(b, cb)
    for fa, fb in zip(a.findings, b.findings, strict=True):
        assert fingerprint(a, fa) == fingerprint(b, fb)


def test_fingerprint_distinguishes_what_matters() -> None:
    doc = make_doc()
    fps = [fingerprint(doc, c) for c in doc.claims] + [fingerprint(doc, f) for f in doc.findings]
    assert len(set(fps)) == len(fps)
    c = doc.claims[1]
    before = fingerprint(doc, c)
    c.verdict = "not_found"  # a different problem with the same figure is new
    assert fingerprint(doc, c) != before
    assert fingerprint(make_doc(path="drafts/other.md"), make_doc().claims[1]) != fingerprint(
        make_doc(), make_doc().claims[1])
    # a finding whose line text changed is a new finding
    f = doc.findings[0]
    moved = Finding(f.kind, f.key, f.line - 1, f.column, f.message)
    assert fingerprint(doc, moved) != fingerprint(doc, f)


def test_fingerprint_path_spelling(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    c = make_doc().claims[1]
    spellings = ["drafts/issue-12.md", "./drafts/issue-12.md", "drafts//issue-12.md",
                 str(tmp_path / "drafts" / "issue-12.md")]
    assert len({fingerprint(make_doc(path=p), c) for p in spellings}) == 1


# --------------------------------------------------------------------------- inline ignores


def test_inline_disables_only_the_disabled_verdicts_and_keeps_them_for_the_ledger() -> None:
    doc = make_doc()
    by_id = {c.id: c for c in doc.claims}
    by_id["id-uncited"].disabled = ("uncited",)
    by_id["id-misquote"].disabled = ("uncited",)  # disabling another verdict hides nothing
    by_id["id-notfound"].disabled = ("*",)
    result = make_result(doc)
    apply(result)
    ids = {c.id for c in result.documents[0].claims}
    assert "id-uncited" not in ids and "id-notfound" not in ids and "id-misquote" in ids
    assert result.suppressed_counts() == {"inline": 2}
    assert {(s.item.id, s.by) for s in result.suppressed} == {("id-uncited", "inline"), ("id-notfound", "inline")}
    assert failing(result, FAIL_ON) == 1
    assert result.baseline is None


def test_inline_disables_a_finding_on_its_line() -> None:
    doc = make_doc()
    dangling = next(f for f in doc.findings if f.kind == "dangling_citation")
    changed = next(f for f in doc.findings if f.kind == "source_changed")
    doc.disabled = {dangling.line: ("misquote",), changed.line: ("source_changed",)}
    result = make_result(doc)
    apply(result)
    kinds = {f.kind for f in result.documents[0].findings}
    assert "dangling_citation" in kinds  # its line silences another kind only
    assert "source_changed" not in kinds
    assert [(s.item, s.by) for s in result.suppressed] == [(changed, "inline")]


# --------------------------------------------------------------------------- baseline


def test_create_baseline_lists_problems_only(tmp_path: Path) -> None:
    path = tmp_path / ".claimledger-baseline.json"
    n = create_baseline(make_result(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == "claimledger.baseline/1"
    kinds = sorted(e["kind"] for e in data["entries"])
    assert n == len(kinds) == 9  # 4 problem verdicts + 5 findings; verified/approximate never
    assert "verified" not in kinds and "approximate" not in kinds
    assert all(e["expires"] is None for e in data["entries"])


def test_baseline_suppresses_known_and_keeps_new(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    create_baseline(make_result(), path)
    doc = make_doc(shift=3)  # the same draft, edited above: every line moved
    doc.claims.append(claim_at(doc.text, 6 + 3, "12%", "misquote", cid="new-one", suggestion="11%"))
    result = make_result(doc)
    apply(result, path)
    assert result.baseline is not None
    assert result.baseline.accepted == 9 and result.baseline.expired == [] and result.baseline.stale == []
    left = [(c.id, c.verdict) for c in result.documents[0].claims]
    assert ("new-one", "misquote") in left
    assert {v for _i, v in left} == {"verified", "approximate", "misquote"}
    assert result.documents[0].findings == []
    assert failing(result, FAIL_ON) == 1
    assert result.suppressed_counts() == {"baseline": 9}


def test_baseline_expiry_fails_again(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    create_baseline(make_result(), path, expires="2025-06-14")
    result = make_result()
    apply(result, path)
    assert result.baseline is not None and result.baseline.accepted == 0 and len(result.baseline.expired) == 9
    assert failing(result, FAIL_ON) == 2
    mis = next(c for c in result.documents[0].claims if c.id == "id-misquote")
    assert "expired on 2025-06-14" in (mis.message or "")
    assert "2025-06-14" in result.baseline.expired[0]
    assert sum(w.startswith("baseline entry expired: ") for w in result.warnings) == 9
    # the expiry date itself is still covered
    result = make_result()
    apply(result, path, today=dt.date(2025, 6, 14))
    assert result.baseline is not None and result.baseline.accepted == 9 and result.baseline.expired == []
    assert failing(result, FAIL_ON) == 0


def test_recreating_keeps_each_entrys_expiry(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    create_baseline(make_result(), path, expires="2025-01-01")
    doc = make_doc()
    doc.claims.append(claim_at(doc.text, 6, "12%", "misquote", cid="later"))
    create_baseline(make_result(doc), path)
    entries = load_baseline(path)
    assert len(entries) == 10
    expiries = sorted(str(e.expires) for e in entries.values())
    assert expiries.count("2025-01-01") == 9 and expiries.count("None") == 1


def test_stale_entries_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    create_baseline(make_result(), path)
    doc = make_doc()
    doc.claims = [c for c in doc.claims if c.id != "id-misquote"]  # fixed
    result = make_result(doc)
    apply(result, path)
    assert result.baseline is not None and len(result.baseline.stale) == 1


def test_one_order_inline_then_baseline_then_changed_lines(tmp_path: Path) -> None:
    """Each item gets the first reason that applies: a baselined item on a changed line is still the
    baseline's, an inline-disabled one the comment's."""
    path = tmp_path / "b.json"
    create_baseline(make_result(), path)
    doc = make_doc()
    by_id = {c.id: c for c in doc.claims}
    by_id["id-misquote"].disabled = ("misquote",)  # inline and in the baseline: inline
    result = make_result(doc)
    apply(result, path, changed={doc.path: {by_id["id-notfound"].line}})
    by = {getattr(s.item, "id", None) or s.item.kind: s.by for s in result.suppressed}
    assert by["id-misquote"] == "inline"
    assert by["id-notfound"] == "baseline"  # on a changed line, but accepted
    assert by["id-verified"] == "changed_lines" and by["id-approx"] == "changed_lines"
    assert result.documents[0].claims == [] and result.documents[0].findings == []
    # the entry of the inline one is stale: the comment covers it now, as it did before this order was one
    assert result.baseline is not None and len(result.baseline.stale) == 1 and result.baseline.accepted == 8


@pytest.mark.parametrize("content,needle", [
    (None, "not found"),
    ("{not json", "cannot read"),
    ('{"schema": "other", "entries": []}', "not a claimledger baseline"),
    ('{"schema": "claimledger.baseline/1", "entries": [{"fingerprint": "x", "expires": "soon"}]}',
     "not an ISO date"),
])
def test_bad_baseline_files_are_user_errors(tmp_path: Path, content: str | None, needle: str) -> None:
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=needle) as info:
        plan_suppression(make_result().documents, Options(baseline=str(path)), tmp_path)
    assert isinstance(info.value, UserError)


def test_bad_expires_argument(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ISO date"):
        create_baseline(make_result(), tmp_path / "b.json", expires="31/12/2025")


# --------------------------------------------------------------------------- the commands


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real draft with a misquote of a local source and an uncited figure, as the cwd."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "ceo.md").write_text("Gartner finds that 62% of CEOs chose growth as their top priority.\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(
        "# Notes\n\n"
        "Gartner finds that 64% of CEOs chose growth as their top priority [1].\n\n"
        "About 30% of readers skip footnotes.\n\n"
        "## References\n\n"
        "1. CEO survey, sources/ceo.md\n")
    return tmp_path


def cli(*args: str) -> Result:
    common = ["--root", ".", "--cache-dir", "cache", "--db", "ledger.db", "--offline"]
    return CliRunner().invoke(build_app(), [*args, *common], catch_exceptions=False)


def test_baseline_commands_round_trip(drafts: Path) -> None:
    (drafts / ".claimledger-baseline.json").write_text("{}")  # a broken old file is replaced, not applied
    res = cli("baseline", "create", "drafts")
    assert res.exit_code == 0, res.output
    entries = load_baseline(drafts / ".claimledger-baseline.json")
    assert sorted(e.kind for e in entries.values()) == ["misquote", "uncited"]
    res = cli("baseline", "check", "drafts", "--format", "github")
    assert res.exit_code == 0, res.output
    assert "::error" not in res.stdout
    assert "2 finding(s) accepted by .claimledger-baseline.json" in res.stderr

    draft = drafts / "drafts" / "a.md"
    draft.write_text(draft.read_text().replace("skip footnotes.", "skip footnotes. Also 62% of CEOs chose "
                                                                  "growth, and 70% of CEOs chose growth [1]."))
    res = cli("baseline", "check", "drafts", "--format", "github")
    assert res.exit_code == 1
    assert sum(ln.startswith("::error") for ln in res.stdout.splitlines()) >= 1


def test_baseline_check_stale_expired_and_missing(drafts: Path) -> None:
    assert cli("baseline", "create", "drafts", "--expires", "2000-01-01").exit_code == 0
    res = cli("baseline", "check", "drafts")
    assert res.exit_code == 1  # every waiver ran out: the misquote fails again
    assert "0 finding(s) accepted by .claimledger-baseline.json, 2 expired" in res.stderr
    assert "baseline entry expired: drafts/a.md:3 misquote 64% (expires 2000-01-01)" in res.stderr
    res = cli("baseline", "check", "drafts", "--baseline", "nope.json")
    assert res.exit_code == 2
    assert "baseline file not found" in res.stderr
    assert cli("baseline", "create", "drafts", "--expires", "tomorrow").exit_code == 2

    (drafts / ".claimledger-baseline.json").unlink()  # re-creating would keep the expired dates
    assert cli("baseline", "create", "drafts").exit_code == 0
    draft = drafts / "drafts" / "a.md"
    draft.write_text(draft.read_text().replace("About 30% of readers skip footnotes.\n", ""))
    res = cli("baseline", "check", "drafts")
    assert res.exit_code == 0
    assert "1 baseline entry match nothing any more" in res.stderr


def test_baseline_check_without_a_baseline_file_fails_before_the_run(drafts: Path) -> None:
    res = cli("baseline", "check", "drafts")
    assert res.exit_code == 2
    assert res.stderr.strip() == (
        "claimledger: baseline file not found: .claimledger-baseline.json "
        "(create it with `claimledger baseline create`)")
    assert not (drafts / "ledger.db").exists()  # nothing was run, so nothing recorded
