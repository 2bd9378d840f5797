"""`claimledger check` end to end: a real HTTP server on 127.0.0.1, real files, the real CLI.

The page the draft cites carries the founding case: the article says 62% of CEOs chose growth, and
the same page has 64% in its navigation, footer and a script. Only the article may count.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

PAGE = """<!doctype html><html><head><title>CEO survey 2026</title>
<script>var stats = {share: "64% of CEOs chose growth"};</script></head>
<body>
<nav><a href="/">Home</a> <a href="/x">64% of CEOs chose growth - read more</a></nav>
<div id="cookie-banner">We use cookies. 64% of visitors accept them.</div>
<article>
<h1>What chief executives want this year</h1>
<p>Our annual survey asked 1,000 chief executives about their plans for the year ahead.</p>
<p>Gartner finds that 62% of CEOs chose growth as their top business priority this year, the highest
share since 2014.</p>
<p>Cost cutting came second, named by 21% of respondents, while 9% put digital transformation first.</p>
<table><tr><th>Priority</th><th>Share</th></tr><tr><td>Growth</td><td>62%</td></tr>
<tr><td>Cost</td><td>21%</td></tr></table>
</article>
<footer>64% of CEOs chose growth (old figure) - Copyright 2026</footer>
</body></html>"""

DRAFT = """# Issue 12

Gartner finds that 64% of CEOs chose growth as their top business priority [1].

Cost cutting came second, named by 21% of respondents [1].

A local note says the pilot cost $200,000 to build [2].

Nobody has counted the 400 drafts in the archive.

## References

[1] CEO survey. {url}
[2] Pilot notes. notes/pilot.md
"""


def _run(tmp_path: Path, draft: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", "from pipeline.cli import main; main()", "check", str(draft),
           "--root", str(tmp_path), "--cache-dir", str(tmp_path / "cache"), "--db", str(tmp_path / "l.db"), *args]
    cp = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert "Traceback" not in cp.stderr, cp.stderr
    return cp


@pytest.fixture()
def site(httpserver: HTTPServer, tmp_path: Path) -> Path:
    httpserver.expect_request("/survey").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "pilot.md").write_text("The pilot cost $200,000 to build and run for a quarter.\n")
    draft = tmp_path / "issue-12.md"
    draft.write_text(DRAFT.format(url=httpserver.url_for("/survey")), encoding="utf-8")
    return draft


def test_misquote_over_http_with_the_article_not_the_chrome(tmp_path: Path, site: Path) -> None:
    cp = _run(tmp_path, site, "--allow-private-hosts", "--format", "json")
    assert cp.returncode == 1, cp.stderr
    report = json.loads(cp.stdout)
    assert report["schema"] == "claimledger.report/1"
    claims = {c["quantity"]["text"]: c for c in report["documents"][0]["claims"]}
    ceo = claims["64%"]
    assert ceo["verdict"] == "misquote"
    assert ceo["suggestion"] == "62%"
    assert "62% of CEOs chose growth" in ceo["evidence"]["excerpt"]
    assert ceo["evidence"]["key"] == "1" and ceo["evidence"]["value_text"] == "62%"
    assert claims["21%"]["verdict"] == "verified"
    assert claims["$200,000"]["verdict"] == "verified"
    assert claims["400"]["verdict"] == "uncited"
    src = {s["locator"]: s for s in report["sources"]}
    web = next(s for loc, s in src.items() if loc.startswith("http"))
    assert web["status"] == "ok" and web["http_status"] == 200 and web["content_type"].startswith("text/html")
    assert web["from_cache"] is False and len(web["sha256"]) == 64
    # contract: every claim carries the documented keys
    for c in report["documents"][0]["claims"]:
        assert set(c) >= {"id", "line", "column", "end_line", "end_column", "sentence", "quantity", "citations",
                          "verdict", "confidence", "evidence", "suggestion", "message"}
        assert set(c["quantity"]) == {"text", "kind", "dimension", "low", "high", "unit", "approx"}


def test_second_run_comes_from_the_cache_and_offline_replays_it(tmp_path: Path, site: Path,
                                                                httpserver: HTTPServer) -> None:
    first = json.loads(_run(tmp_path, site, "--allow-private-hosts", "--format", "json").stdout)
    n = len(httpserver.log)
    second = json.loads(_run(tmp_path, site, "--allow-private-hosts", "--format", "json").stdout)
    assert len(httpserver.log) == n  # fresh in the cache: no request at all
    offline = json.loads(_run(tmp_path, site, "--offline", "--allow-private-hosts", "--format", "json").stdout)
    assert len(httpserver.log) == n
    # the guard also holds for what the cache serves: a page cached by a run that allowed loopback
    # does not reach the report of a run that does not
    guarded = json.loads(_run(tmp_path, site, "--offline", "--format", "json").stdout)
    ceo = next(c for c in guarded["documents"][0]["claims"] if c["quantity"]["text"] == "64%")
    assert ceo["verdict"] == "unavailable" and "blocked" in ceo["message"]

    def verdicts(r: dict) -> list[tuple[str, str | None]]:
        return [(c["id"], c["verdict"]) for c in r["documents"][0]["claims"]]

    assert verdicts(first) == verdicts(second) == verdicts(offline)
    assert all(s["from_cache"] for s in second["sources"] if s["locator"].startswith("http"))


def test_loopback_is_blocked_by_default(tmp_path: Path, site: Path, httpserver: HTTPServer) -> None:
    cp = _run(tmp_path, site, "--format", "json")
    report = json.loads(cp.stdout)
    claims = {c["quantity"]["text"]: c for c in report["documents"][0]["claims"]}
    assert claims["64%"]["verdict"] == "unavailable"
    assert "blocked" in claims["64%"]["message"]
    assert httpserver.log == []  # no connection was made
    assert cp.returncode == 0  # unavailable is not in the default --fail-on


def test_fail_on_and_exit_codes(tmp_path: Path, site: Path) -> None:
    assert _run(tmp_path, site, "--fail-on", "none", "--allow-private-hosts").returncode == 0
    assert _run(tmp_path, site, "--fail-on", "unavailable").returncode == 1  # blocked -> unavailable
    bad = _run(tmp_path, site, "--fail-on", "sometimes")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "sometimes" in bad.stderr
    missing = _run(tmp_path, tmp_path / "nope.md")
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_text_report_names_the_misquote_and_suggestion(tmp_path: Path, site: Path) -> None:
    cp = _run(tmp_path, site, "--allow-private-hosts", "--no-ledger")
    assert cp.returncode == 1
    out = cp.stdout
    assert "misquote" in out and "64% → 62%" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes
    assert not (tmp_path / "l.db").exists()  # --no-ledger


def test_ledger_records_the_run(tmp_path: Path, site: Path) -> None:
    _run(tmp_path, site, "--allow-private-hosts")
    cmd = [sys.executable, "-c", "from pipeline.cli import main; main()", "ledger", "sql",
           "SELECT verdict, count(*) AS n FROM latest_verdicts GROUP BY verdict ORDER BY verdict", "--db",
           str(tmp_path / "l.db"), "--format", "json"]
    rows = json.loads(subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout)
    assert {r["verdict"]: r["n"] for r in rows} == {"misquote": 1, "verified": 2, "uncited": 1}
