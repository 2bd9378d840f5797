"""The sample newsletter (examples/): a golden extraction, and the demo's verdicts end to end.

The golden list was read line by line against examples/newsletter.md when it was written: every
figure the newsletter states, its kind, and the citations with their scope. A change to the grammar
or the citation rules that moves any of them shows up here first.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline import run
from pipeline.config import Options

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DRAFT = EXAMPLES / "newsletter.md"
CH02 = "books/enterprise-ai-economics/chapters/ch02-the-adoption-value-gap.md"

GOLDEN = [
    (3, 6, '95%', 'percent', ()),
    (7, 1, 'Six months', 'duration', ()),
    (7, 196, 'Two-thirds', 'proportion', (('4', 'sentence'),)),
    (7, 249, 'three to six months', 'duration', (('4', 'sentence'),)),
    (7, 288, '95%', 'percent', (('4', 'sentence'),)),
    (7, 455, '$200,000', 'currency', (('3', 'sentence'),)),
    (7, 494, '$1-2 million', 'currency', (('3', 'sentence'),)),
    (7, 801, '61%', 'percent', (('13', 'sentence'),)),
    (7, 846, '10 billion', 'count', (('13', 'sentence'),)),
    (7, 875, '2028', 'year', (('13', 'sentence'),)),
    (7, 1054, '26%', 'percent', (('10', 'sentence'),)),
    (7, 1097, '74%', 'percent', (('10', 'sentence'),)),
    (11, 143, '2024', 'year', (('10', 'sentence'),)),
    (11, 168, '26%', 'percent', (('10', 'sentence'),)),
    (11, 503, '1.5-2x', 'multiplier', (('3', 'sentence'),)),
    (11, 703, '2028', 'year', (('14', 'sentence'),)),
    (11, 726, 'double', 'multiplier', (('14', 'sentence'),)),
    (19, 1, 'Two-thirds', 'proportion', (('4', 'paragraph'), ('books/enterprise-ai-economics/chapters/ch02-the-adoption-value-gap.md', 'block'))),
    (19, 71, 'three to six months', 'duration', (('4', 'paragraph'), ('books/enterprise-ai-economics/chapters/ch02-the-adoption-value-gap.md', 'block'))),
    (19, 111, '95%', 'percent', (('4', 'paragraph'), ('books/enterprise-ai-economics/chapters/ch02-the-adoption-value-gap.md', 'block'))),
    (25, 19, '$200,000', 'currency', (('3', 'paragraph'), ('books/enterprise-ai-economics/chapters/ch05-true-cost-of-transformation.md', 'block'))),
    (25, 55, '$1-$2 million', 'currency', (('3', 'paragraph'), ('books/enterprise-ai-economics/chapters/ch05-true-cost-of-transformation.md', 'block'))),
    (25, 111, '$1 million', 'currency', (('3', 'paragraph'), ('books/enterprise-ai-economics/chapters/ch05-true-cost-of-transformation.md', 'block'))),
    (25, 134, '$5-$10 million', 'currency', (('3', 'paragraph'), ('books/enterprise-ai-economics/chapters/ch05-true-cost-of-transformation.md', 'block'))),
    # its sentence has its own marker; the paragraph's Source: line applies to it too
    (25, 495, '1.5-2x', 'multiplier', (('3', 'sentence'), ('books/enterprise-ai-economics/chapters/ch05-true-cost-of-transformation.md', 'block'))),
    # added to show a derived figure: a change computed from the chapter's two monthly costs
    (25, 591, '30%', 'percent', (('3', 'sentence'), ('books/enterprise-ai-economics/chapters/ch05-true-cost-of-transformation.md', 'block'))),
    (31, 200, 'six months', 'duration', (('5', 'paragraph'), ('books/before-you-buy-the-robot/chapters/ch15-change-management.md', 'block'))),
    (31, 248, '11%', 'percent', (('5', 'paragraph'), ('books/before-you-buy-the-robot/chapters/ch15-change-management.md', 'block'))),
    (41, 249, '64%', 'percent', (('6', 'paragraph'), ('7', 'paragraph'), ('11', 'paragraph'), ('articles/__published/article-2-first-90-days-ai-leader.md', 'block'))),
    (41, 374, '2014', 'year', (('6', 'paragraph'), ('7', 'paragraph'), ('11', 'paragraph'), ('articles/__published/article-2-first-90-days-ai-leader.md', 'block'))),
    (45, 5, '74%', 'percent', ()),
    (47, 15, '2024', 'year', (('10', 'paragraph'), ('articles/bcg-ai-adoption-2024.md', 'block'))),
    (47, 207, '26%', 'percent', (('10', 'paragraph'), ('articles/bcg-ai-adoption-2024.md', 'block'))),
    (57, 212, '2028', 'year', (('12', 'paragraph'), ('13', 'paragraph'), ('14', 'paragraph'), ('whitepapers/ai-adoption-curve/research.md', 'block'))),
    (57, 218, '61%', 'percent', (('12', 'paragraph'), ('13', 'paragraph'), ('14', 'paragraph'), ('whitepapers/ai-adoption-curve/research.md', 'block'))),
    (57, 265, '10 billion', 'count', (('12', 'paragraph'), ('13', 'paragraph'), ('14', 'paragraph'), ('whitepapers/ai-adoption-curve/research.md', 'block'))),
    (57, 313, 'doubling', 'multiplier', (('12', 'paragraph'), ('13', 'paragraph'), ('14', 'paragraph'), ('whitepapers/ai-adoption-curve/research.md', 'block'))),
    (67, 499, '70%', 'percent', (('1', 'sentence'), ('prototypes/augur/README.md', 'block'))),
    (67, 563, '2028', 'year', (('1', 'sentence'), ('prototypes/augur/README.md', 'block'))),
    (77, 56, '$20 billion', 'currency', (('1', 'paragraph'), ('frameworks/ai-value-dynamics/README.md', 'block'))),
    (77, 78, '$900 billion', 'currency', (('1', 'paragraph'), ('frameworks/ai-value-dynamics/README.md', 'block'))),
    (77, 94, '2030', 'year', (('1', 'paragraph'), ('frameworks/ai-value-dynamics/README.md', 'block'))),
    (85, 1, '70%', 'percent', (('1', 'paragraph'), ('studies/ai-monetization/compass_artifact_wf-42de19c5-6207-4a21-9276-771adb109f5d_text_markdown.md', 'block'))),
    (85, 57, '2028', 'year', (('1', 'paragraph'), ('studies/ai-monetization/compass_artifact_wf-42de19c5-6207-4a21-9276-771adb109f5d_text_markdown.md', 'block'))),
    (85, 196, '$20 billion', 'currency', (('1', 'paragraph'), ('studies/ai-monetization/compass_artifact_wf-42de19c5-6207-4a21-9276-771adb109f5d_text_markdown.md', 'block'))),
    (85, 218, '$900 billion', 'currency', (('1', 'paragraph'), ('studies/ai-monetization/compass_artifact_wf-42de19c5-6207-4a21-9276-771adb109f5d_text_markdown.md', 'block'))),
    (85, 234, '2030', 'year', (('1', 'paragraph'), ('studies/ai-monetization/compass_artifact_wf-42de19c5-6207-4a21-9276-771adb109f5d_text_markdown.md', 'block'))),
    (91, 240, '26%', 'percent', (('10', 'sentence'),)),
]


def test_golden_extraction() -> None:
    result = run.extract([str(DRAFT)], Options())
    doc = result.documents[0]
    got = [(c.line, c.column, c.quantity.text, c.quantity.kind, tuple((x.key, x.scope) for x in c.citations))
           for c in doc.claims]
    assert got == GOLDEN
    lines = DRAFT.read_text(encoding="utf-8").split("\n")
    for c in doc.claims:  # positions point at the figure in the file
        assert lines[c.line - 1][c.column - 1 : c.end_column] == c.quantity.text
    assert doc.findings == []
    assert {r.key for r in doc.references} >= {"1", "3", "4", "5", "6", "7", "10", "11", "12", "13", "14", CH02}


def _check_json(tmp_path: Path, *extra: str) -> tuple[int, dict]:
    cmd = [sys.executable, "-c", "from pipeline.cli import main; main()", "check", str(DRAFT), "--root",
           str(EXAMPLES), "--format", "json", "--cache-dir", str(tmp_path / "cache"), "--db",
           str(tmp_path / "ledger.db"), *extra]
    cp = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in cp.stderr, cp.stderr
    return cp.returncode, json.loads(cp.stdout)


def test_demo_shows_the_misquote_and_the_unavailable_source(tmp_path: Path) -> None:
    code, report = _check_json(tmp_path)
    assert code == 1  # a misquote is at or above the default --fail-on
    claims = report["documents"][0]["claims"]
    misquotes = [c for c in claims if c["verdict"] == "misquote"]
    assert [(c["line"], c["quantity"]["text"], c["suggestion"]) for c in misquotes] == [(41, "64%", "62%")]
    assert "62%" in misquotes[0]["evidence"]["excerpt"]
    unavailable = [c for c in claims if c["verdict"] == "unavailable"]
    assert unavailable and all("not found" in c["message"] for c in unavailable)
    assert not [c for c in claims if c["verdict"] == "not_found"]
    summary = report["summary"]
    assert summary["claims"] == len(GOLDEN) and summary["misquote"] == 1
    statuses = {s["locator"]: s["status"] for s in report["sources"]}
    assert statuses["sources/change-management-ch15.md"] == "error"
    assert all(s == "ok" for loc, s in statuses.items() if "ch15" not in loc)


def test_offline_replay_gives_identical_verdicts(tmp_path: Path) -> None:
    _, first = _check_json(tmp_path)
    _, second = _check_json(tmp_path, "--offline")
    verdicts = [[(c["id"], c["verdict"], c["suggestion"]) for c in d["claims"]] for d in first["documents"]]
    assert verdicts == [[(c["id"], c["verdict"], c["suggestion"]) for c in d["claims"]] for d in second["documents"]]
