"""Inline ignores, fingerprints and the baseline (with expiry), plus the `baseline` commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from test_report_ci import claim_at, make_doc, make_result

from pipeline.errors import ConfigError, UserError
from pipeline.ignores import (
    apply_baseline,
    apply_ignores,
    create_baseline,
    failing,
    fingerprint,
    load_baseline,
)
from pipeline.model import Finding

FAIL_ON = ("misquote", "not_found")
TODAY = dt.date(2025, 6, 15)


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


def test_apply_ignores_drops_only_disabled_verdicts() -> None:
    doc = make_doc()
    by_id = {c.id: c for c in doc.claims}
    by_id["id-uncited"].disabled = ("uncited",)
    by_id["id-misquote"].disabled = ("uncited",)  # disabling another verdict hides nothing
    by_id["id-notfound"].disabled = ("*",)
    result = make_result(doc)
    assert apply_ignores(result) == 2
    ids = {c.id for c in result.documents[0].claims}
    assert "id-uncited" not in ids and "id-notfound" not in ids and "id-misquote" in ids
    assert result.options["suppressed"]["inline"] == 2
    assert failing(result, FAIL_ON) == 1


# --------------------------------------------------------------------------- baseline


def test_create_baseline_lists_problems_only(tmp_path: Path) -> None:
    path = tmp_path / ".claimledger-baseline.json"
    n = create_baseline(make_result(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == "claimledger.baseline/1"
    kinds = sorted(e["kind"] for e in data["entries"])
    assert n == len(kinds) == 8  # 4 problem verdicts + 4 findings; verified/approximate never
    assert "verified" not in kinds and "approximate" not in kinds
    assert all(e["expires"] is None for e in data["entries"])


def test_baseline_suppresses_known_and_keeps_new(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    create_baseline(make_result(), path)
    doc = make_doc(shift=3)  # the same draft, edited above: every line moved
    doc.claims.append(claim_at(doc.text, 6 + 3, "12%", "misquote", cid="new-one", suggestion="11%"))
    result = make_result(doc)
    suppressed, expired = apply_baseline(result, path, today=TODAY)
    assert suppressed == 8 and expired == []
    left = [(c.id, c.verdict) for c in result.documents[0].claims]
    assert ("new-one", "misquote") in left
    assert {v for _i, v in left} == {"verified", "approximate", "misquote"}
    assert result.documents[0].findings == []
    assert failing(result, FAIL_ON) == 1
    assert result.options["suppressed"]["baseline"] == 8


def test_baseline_expiry_fails_again(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    create_baseline(make_result(), path, expires="2025-06-14")
    result = make_result()
    suppressed, expired = apply_baseline(result, path, today=TODAY)
    assert suppressed == 0 and len(expired) == 8
    assert failing(result, FAIL_ON) == 2
    mis = next(c for c in result.documents[0].claims if c.id == "id-misquote")
    assert "expired on 2025-06-14" in mis.message
    assert "2025-06-14" in str(expired[0])
    # the expiry date itself is still covered
    result = make_result()
    suppressed, expired = apply_baseline(result, path, today=dt.date(2025, 6, 14))
    assert suppressed == 8 and expired == [] and failing(result, FAIL_ON) == 0


def test_recreating_keeps_each_entrys_expiry(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    create_baseline(make_result(), path, expires="2025-01-01")
    doc = make_doc()
    doc.claims.append(claim_at(doc.text, 6, "12%", "misquote", cid="later"))
    create_baseline(make_result(doc), path)
    entries = load_baseline(path)
    assert len(entries) == 9
    expiries = sorted(str(e.expires) for e in entries.values())
    assert expiries.count("2025-01-01") == 8 and expiries.count("None") == 1


def test_stale_entries_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    create_baseline(make_result(), path)
    doc = make_doc()
    doc.claims = [c for c in doc.claims if c.id != "id-misquote"]  # fixed
    result = make_result(doc)
    apply_baseline(result, path, today=TODAY)
    assert len(result.options["baseline_stale"]) == 1


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
        apply_baseline(make_result(), path)
    assert isinstance(info.value, UserError)


def test_bad_expires_argument(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ISO date"):
        create_baseline(make_result(), tmp_path / "b.json", expires="31/12/2025")


# --------------------------------------------------------------------------- the commands


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """`claimledger baseline ...` with the pipeline replaced by a hand-built result."""
    from typer.testing import CliRunner

    import pipeline.run
    from pipeline.cli_baseline import baseline_app

    monkeypatch.chdir(tmp_path)
    state: dict = {"doc": make_doc, "seen_options": []}

    def fake_check(paths, options):
        state["seen_options"].append(options)
        return make_result(state["doc"]())

    monkeypatch.setattr(pipeline.run, "check", fake_check)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(baseline_app, list(args))

    invoke.state = state  # type: ignore[attr-defined]
    return invoke


def test_baseline_commands_round_trip(cli, tmp_path: Path) -> None:
    res = cli("create", "drafts", "--offline")
    assert res.exit_code == 0, res.output
    assert (tmp_path / ".claimledger-baseline.json").is_file()
    # create must not hide anything through an existing default baseline
    assert cli.state["seen_options"][0].baseline == ""
    assert cli.state["seen_options"][0].offline is True
    res = cli("check", "drafts", "--format", "github")
    assert res.exit_code == 0, res.output
    assert "::error" not in res.stdout

    def with_new_misquote():
        doc = make_doc()
        doc.claims.append(claim_at(doc.text, 6, "12%", "misquote", cid="new", suggestion="11%"))
        return doc

    cli.state["doc"] = with_new_misquote
    res = cli("check", "drafts", "--format", "github")
    assert res.exit_code == 1
    assert sum(ln.startswith("::error") for ln in res.stdout.splitlines()) == 1


def test_baseline_check_expired_and_missing(cli, tmp_path: Path) -> None:
    assert cli("create", "drafts", "--expires", "2000-01-01").exit_code == 0
    assert cli("check", "drafts").exit_code == 1  # every waiver ran out
    res = cli("check", "drafts", "--baseline", "nope.json")
    assert res.exit_code == 2
    assert "baseline file not found" in res.output
    assert cli("create", "drafts", "--expires", "tomorrow").exit_code == 2
