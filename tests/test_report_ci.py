"""The CI formatters (sarif, github, junit, markdown, diff) and the pre-commit hook definition.

Results are built by hand (``make_result``) so every verdict and finding kind is present and the
formatters are tested without the network or the matcher.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pipeline.config import Options
from pipeline.model import FINDING_KINDS, VERDICTS, Claim, Document, Evidence, Finding, Quantity, RunResult

REPO = Path(__file__).resolve().parents[1]

DRAFT = """\
# Issue 12

Two-thirds of CEOs, 64% in fact, expect AI budgets to grow [7].
Revenue reached $5-$10 million last year [3].
About 60% of readers agree [2].
Costs rose 12% according to nobody.
The sector employs 260,000 people [4] and grew 3x [9].

## References

[2] Survey. https://example.org/survey
[3] Report. https://example.org/report
[7] CEO poll | 2024. https://example.org/ceo
[8] Unused. https://example.org/unused
[9] No locator
"""


# --------------------------------------------------------------------------- factory


def claim_at(text: str, line: int, figure: str, verdict: str | None, *, cid: str | None = None,
             suggestion: str | None = None, message: str | None = None, evidence: Evidence | None = None,
             disabled: tuple[str, ...] = (), occurrence: int = 0) -> Claim:
    """A claim for ``figure`` as it stands on ``line`` of ``text`` (columns computed, 1-based)."""
    src = text.split("\n")[line - 1]
    start = -1
    for _ in range(occurrence + 1):
        start = src.index(figure, start + 1)
    return Claim(
        id=cid or f"c-{figure}-{line}", line=line, column=start + 1, end_line=line,
        end_column=start + len(figure), sentence=src.strip(),
        quantity=Quantity(text=figure, kind="percent", low=1.0, high=1.0, unit="%"),
        verdict=verdict, confidence=0.9, evidence=evidence, suggestion=suggestion,
        message=message or (f"{figure}: {verdict}" if verdict else None), disabled=disabled)


def make_doc(path: str = "drafts/issue-12.md", text: str = DRAFT, shift: int = 0) -> Document:
    """The sample draft with one claim of every verdict and one finding of every kind.

    ``shift`` prepends that many blank lines: same claims, same ids, other line numbers.
    """
    text = "\n" * shift + text
    L = lambda n: n + shift  # noqa: E731
    ev = Evidence(key="7", locator="https://example.org/ceo", excerpt="62% of CEOs | expect growth",
                  value_text="62%", score=91.5)
    claims = [
        claim_at(text, L(3), "Two-thirds", "verified", cid="id-verified"),
        claim_at(text, L(3), "64%", "misquote", cid="id-misquote", suggestion="62%", evidence=ev,
                 message="source [7] says 62%, the draft says 64%"),
        claim_at(text, L(4), "$5-$10 million", "not_found", cid="id-notfound",
                 message="no cited source states $5-$10 million"),
        claim_at(text, L(5), "60%", "approximate", cid="id-approx"),
        claim_at(text, L(6), "12%", "uncited", cid="id-uncited", message="12% has no citation"),
        claim_at(text, L(7), "260,000", "unavailable", cid="id-unavail",
                 message="source [4]: HTTP 503"),
    ]
    findings = [
        Finding("dangling_citation", "4", L(7), 35, "[4] has no reference entry"),
        Finding("unused_reference", "8", L(14), 1, "[8] is never cited"),
        Finding("bad_reference", "9", L(15), 1, "[9] has no URL, DOI or path"),
        Finding("source_changed", "2", L(11), 1, "source [2] changed since 2024-05-01"),
        Finding("inconsistent_figures", None, L(6), 1, "300 ft is 91.4 m, not 120 m (300 ft at 6:1; 120 m at 6:9)"),
    ]
    return Document(path=path, sha256="0" * 64, text=text, claims=claims, findings=findings)


def make_result(*docs: Document) -> RunResult:
    return RunResult(run_id="run-1", started_at="2024-06-01T10:00:00Z", finished_at="2024-06-01T10:00:05Z",
                     tool_version="0.1.0", documents=list(docs) or [make_doc()])


def opts(**kw: object) -> Options:
    return Options(**kw)  # type: ignore[arg-type]


def test_factory_covers_every_verdict_and_finding_kind() -> None:
    doc = make_doc()
    assert {c.verdict for c in doc.claims} == set(VERDICTS)
    assert {f.kind for f in doc.findings} == set(FINDING_KINDS)
    for c in doc.claims:  # the computed span really is the figure
        assert doc.text.split("\n")[c.line - 1][c.column - 1:c.end_column] == c.quantity.text


# --------------------------------------------------------------------------- SARIF


def _schema_path() -> Path | None:
    env = os.environ.get("CLAIMLEDGER_SARIF_SCHEMA")
    for cand in ([Path(env)] if env else []) + [REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"]:
        if cand.is_file():
            return cand
    return None


@pytest.fixture
def in_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake repository root (a .git dir is enough for root detection) as cwd."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "issue-12.md").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif_of(result: RunResult, **kw: object) -> dict:
    from pipeline.report import sarif

    return json.loads(sarif.render(result, opts(**kw)))


def test_sarif_validates_against_the_oasis_schema(in_repo: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = _schema_path()
    if schema is None:
        pytest.skip("SARIF 2.1.0 schema not found at ../shared/schemas/sarif-schema-2.1.0.json "
                    "(set CLAIMLEDGER_SARIF_SCHEMA to its path)")
    log = sarif_of(make_result(make_doc(), make_doc("drafts/other.md")))
    jsonschema.validate(log, json.loads(schema.read_text(encoding="utf-8")))
    # and something actually got validated
    assert len(log["runs"][0]["results"]) >= 16


def test_sarif_rules_cover_every_kind_with_help(in_repo: Path) -> None:
    log = sarif_of(make_result())
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == set(VERDICTS) | set(FINDING_KINDS)
    for r in rules:
        assert r["help"]["text"] and r["shortDescription"]["text"]
        assert r["helpUri"].startswith("https://")
    for res in log["runs"][0]["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_levels_follow_fail_on_and_verified_is_left_out(in_repo: Path) -> None:
    by_rule = {r["ruleId"]: r["level"] for r in sarif_of(make_result())["runs"][0]["results"]}
    assert by_rule == {
        "misquote": "error", "not_found": "error", "unavailable": "warning", "uncited": "note",
        "approximate": "note", "dangling_citation": "warning", "bad_reference": "warning",
        "source_changed": "warning", "unused_reference": "note", "inconsistent_figures": "warning",
    }
    by_rule = {r["ruleId"]: r["level"] for r in
               sarif_of(make_result(), fail_on=("unavailable", "uncited"))["runs"][0]["results"]}
    assert by_rule["misquote"] == "warning" and by_rule["not_found"] == "warning"
    assert by_rule["unavailable"] == "error" and by_rule["uncited"] == "error"


def test_sarif_locations_are_repo_relative_with_regions(in_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Run from a subdirectory, draft given relative to it: the URI is still repo-relative.
    monkeypatch.chdir(in_repo / "drafts")
    log = sarif_of(make_result(make_doc(path="issue-12.md")))
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    res = next(r for r in run["results"] if r["ruleId"] == "misquote")
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "drafts/issue-12.md", "uriBaseId": "%SRCROOT%"}
    line3 = DRAFT.split("\n")[2]
    col = line3.index("64%") + 1
    assert loc["region"]["startLine"] == 3 and loc["region"]["endLine"] == 3
    assert loc["region"]["startColumn"] == col
    assert loc["region"]["endColumn"] == col + 3  # exclusive end in SARIF
    fix = res["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"] == "62%"
    assert "62% of CEOs" in res["message"]["text"]  # the source passage travels with the alert


def test_sarif_fingerprints_stable_when_lines_move(in_repo: Path) -> None:
    def fps(shift: int) -> dict[str, str]:
        results = sarif_of(make_result(make_doc(shift=shift)))["runs"][0]["results"]
        return {r["ruleId"]: r["partialFingerprints"]["claimledger/v1"] for r in results}

    before, after = fps(0), fps(7)
    assert before == after
    assert len(set(before.values())) == len(before)  # and they tell results apart


# --------------------------------------------------------------------------- GitHub annotations


def test_github_escaping() -> None:
    from pipeline.report.github import escape_data, escape_property

    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_data("a:b,c") == "a:b,c"
    assert escape_property("dir,x/a:b.md%\n") == "dir%2Cx/a%3Ab.md%25%0A"


def test_github_annotation_escapes_file_title_and_message(in_repo: Path) -> None:
    from pipeline.report import github

    doc = make_doc(path="drafts/a,b:c.md")
    doc.claims[1].message = "100% wrong: see\nsource, line 2"
    out = github.render(make_result(doc), opts())
    line = next(ln for ln in out.splitlines() if ln.startswith("::error") and "64%25" in ln)
    props, msg = line[len("::error "):].split("::", 1)
    assert "file=drafts/a%2Cb%3Ac.md" in props.split(",")
    assert "title=claimledger misquote%3A 64%25" in props.split(",")
    col = DRAFT.split("\n")[2].index("64%") + 1
    assert f"line=3,col={col},endColumn={col + 2}" in props
    assert msg.startswith("100%25 wrong: see%0Asource, line 2")
    assert "\n" not in line


def test_github_passing_claims_are_not_annotated(in_repo: Path) -> None:
    from pipeline.report import github

    out = github.render(make_result(), opts())
    annotations = [ln for ln in out.splitlines() if re.match(r"::(error|warning|notice) ", ln)]
    assert not any("verified" in a or "approximate" in a for a in annotations)
    assert len(annotations) == 9  # 6 claims - 2 passing + 5 findings


def _bulk_doc() -> Document:
    lines = [f"Line {i} says 1{i}% [1]." for i in range(1, 31)]
    text = "\n".join(lines) + "\n"
    claims = []
    for i in range(1, 31):
        verdict = "misquote" if i <= 8 else "not_found" if i <= 15 else "unavailable" if i <= 27 else "uncited"
        claims.append(claim_at(text, i, f"1{i}%", verdict, cid=f"b{i}"))
    return Document(path="drafts/bulk.md", sha256="1" * 64, text=text, claims=claims)


def test_github_ten_per_level_most_severe_first(in_repo: Path) -> None:
    from pipeline.report import github

    # 15 errors (8 misquote then 7 not_found), 12 warnings, 3 notices.
    out = github.render(make_result(_bulk_doc()), opts())
    lines = out.splitlines()
    before_group = lines[: next(i for i, ln in enumerate(lines) if ln.startswith("::group::"))]
    errors = [ln for ln in before_group if ln.startswith("::error ")]
    warnings = [ln for ln in before_group if ln.startswith("::warning ")]
    notices = [ln for ln in before_group if ln.startswith("::notice ")]
    assert len(errors) == 10 and len(warnings) == 10
    assert len(notices) <= 10
    # the worst verdict wins the slots: all 8 misquotes, then 2 not_found
    assert sum("misquote" in e for e in errors) == 8
    assert [("misquote" in e) for e in errors] == [True] * 8 + [False] * 2
    # errors, then warnings, then notices; the last one counts what was left out
    kinds = [ln.split(" ", 1)[0] for ln in before_group]
    assert kinds == sorted(kinds, key=["::error", "::warning", "::notice"].index)
    assert before_group[-1].startswith("::notice title=claimledger::")
    shown = len(errors) + len(warnings) + len(notices) - 1
    assert f"{30 - shown} more finding(s)" in before_group[-1]
    # the full list is in the log, with command processing stopped around untrusted text
    stop = next(ln for ln in lines if ln.startswith("::stop-commands::"))
    token = stop.split("::")[2]
    inside = lines[lines.index(stop) + 1: lines.index(f"::{token}::")]
    assert len([ln for ln in inside if not ln.startswith("    ")]) == 30


def test_github_no_leftover_notice_when_everything_fits(in_repo: Path) -> None:
    from pipeline.report import github

    out = github.render(make_result(), opts())
    assert "more finding(s)" not in out


# --------------------------------------------------------------------------- JUnit


def test_junit_structure_and_outcomes(in_repo: Path) -> None:
    from pipeline.report import junit

    doc2 = make_doc("drafts/other.md")
    doc2.claims[1].message = "bad \x01 control | <chars> & more"
    root = ET.fromstring(junit.render(make_result(make_doc(), doc2), opts()).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["drafts/issue-12.md", "drafts/other.md"]
    s = suites[0]
    cases = s.findall("testcase")
    assert len(cases) == 11 and s.get("tests") == "11"
    failed = {c.find("failure").get("type") for c in cases if c.find("failure") is not None}
    assert failed == {"misquote", "not_found"}
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert len(skipped) == 1 and skipped[0].get("name").startswith("260,000")
    assert s.get("failures") == "2" and s.get("skipped") == "1"
    assert root.get("tests") == "22" and root.get("failures") == "4"
    # findings are test cases too; names carry no line numbers (test history survives edits)
    names = [c.get("name") for c in cases]
    assert "dangling_citation [4]" in names
    assert all(c.get("line") for c in cases)


def test_junit_fail_on_wins_over_skipped(in_repo: Path) -> None:
    from pipeline.report import junit

    root = ET.fromstring(junit.render(make_result(), opts(fail_on=("unavailable", "dangling_citation"))))
    cases = root.findall("testsuite/testcase")
    failed = sorted(c.find("failure").get("type") for c in cases if c.find("failure") is not None)
    assert failed == ["dangling_citation", "unavailable"]
    assert not any(c.find("skipped") is not None for c in cases)


# --------------------------------------------------------------------------- Markdown


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_markdown_table_escapes_pipes_and_newlines(in_repo: Path) -> None:
    from pipeline.report import markdown

    doc = make_doc()
    doc.claims[1].message = "a | b\nc <script>"
    doc.claims[1].quantity.text = "6|4%"
    out = markdown.render(make_result(doc), opts())
    rows = [ln for ln in out.splitlines() if ln.startswith("| ")]
    assert len(rows) == 1 + 9  # header + every item needing attention (not verified/approximate)
    for row in rows:
        assert len(_UNESCAPED_PIPE.findall(row)) == 7, row
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "62% of CEOs \\| expect growth" in out
    assert out.startswith("## claimledger: ❌ failed")


def test_markdown_truncates_with_a_note(in_repo: Path) -> None:
    from pipeline.report import markdown

    result = make_result(_bulk_doc())
    full = markdown.render(result, opts())
    cut = markdown.render(result, opts(), max_bytes=2500)
    assert len(cut.encode("utf-8")) <= 2500 < len(full.encode("utf-8"))
    assert "more row(s) truncated" in cut
    assert "more row(s) truncated" not in full


def test_append_step_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.report import markdown

    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    markdown.append_step_summary("nothing happens")  # unset: a no-op, no error
    target = tmp_path / "summary.md"
    target.write_text("x" * (markdown.MAX_BYTES - 300), encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    markdown.append_step_summary("".join(f"row {i}\n" for i in range(200)))
    data = target.read_bytes()
    assert len(data) <= markdown.MAX_BYTES
    assert data.rstrip().endswith(b"see the SARIF or JSON report._")
    assert b"row 0\n" in data


# --------------------------------------------------------------------------- --diff


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    assert _git(tmp_path, "init", "-q").returncode == 0
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _commit_draft(repo: Path, rel: str, data: bytes) -> None:
    p = repo / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    assert _git(repo, "add", rel).returncode == 0
    assert _git(repo, "commit", "-qm", "draft").returncode == 0


@pytest.mark.parametrize("eol,trailing", [("\n", True), ("\r\n", True), ("\n", False)])
def test_diff_applies_with_git_apply(git_repo: Path, eol: str, trailing: bool) -> None:
    from pipeline.report.diff import make_diff

    text = DRAFT if trailing else DRAFT.rstrip("\n")
    _commit_draft(git_repo, "drafts/issue-12.md", text.replace("\n", eol).encode("utf-8"))
    doc = make_doc(text=text)
    # a second misquote on the same line as the first, and one on the last line
    doc.claims.append(claim_at(text, 3, "Two-thirds", "misquote", cid="x1", suggestion="Three-fifths"))
    doc.claims = [c for c in doc.claims if c.id != "id-verified"]
    doc.claims.append(claim_at(text, 15, "9", "misquote", cid="x2", suggestion="10"))
    before = (git_repo / "drafts/issue-12.md").read_bytes()
    patch = make_diff(make_result(doc))
    assert (git_repo / "drafts/issue-12.md").read_bytes() == before  # never writes the draft
    assert patch.startswith("diff --git a/drafts/issue-12.md b/drafts/issue-12.md\n--- a/drafts/issue-12.md\n")
    (git_repo / "fix.patch").write_bytes(patch.encode("utf-8"))
    check = _git(git_repo, "apply", "--check", "fix.patch")
    assert check.returncode == 0, check.stderr
    assert _git(git_repo, "apply", "fix.patch").returncode == 0
    after = (git_repo / "drafts/issue-12.md").read_bytes().decode("utf-8")
    lines = after.split(eol)
    assert lines[2] == "Three-fifths of CEOs, 62% in fact, expect AI budgets to grow [7]."
    assert lines[14] == "[10] No locator"
    # only misquotes change: the uncited 12% and the not_found figure stay
    assert "Costs rose 12%" in after and "$5-$10 million" in after
    assert after.count("\r\n") == before.decode("utf-8").count("\r\n")


def test_diff_is_empty_without_misquote_suggestions(git_repo: Path) -> None:
    from pipeline.report.diff import make_diff

    doc = make_doc()
    doc.claims = [c for c in doc.claims if c.verdict != "misquote"]
    assert make_diff(make_result(doc)) == ""


# --------------------------------------------------------------------------- pre-commit and action


def test_pre_commit_hooks_yaml() -> None:
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    hook = next(h for h in hooks if h["id"] == "claimledger")
    assert hook["language"] == "python"
    assert hook["types"] == ["markdown"]
    assert hook["entry"] == "claimledger check --offline"
    assert hook.get("pass_filenames", True) is True


def test_action_yml_is_a_composite_action_with_the_inputs() -> None:
    yaml = pytest.importorskip("yaml")
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert {"paths", "args", "fail-on", "format", "sarif", "cache"} <= set(action["inputs"])
    uses = [s.get("uses", "") for s in action["runs"]["steps"]]
    assert any(u.startswith("actions/cache") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    runs = "\n".join(s.get("run", "") for s in action["runs"]["steps"])
    assert "github.action_path" in runs and "--format" in runs
    for step in action["runs"]["steps"]:  # composite run steps must name their shell
        if "run" in step:
            assert step.get("shell") == "bash"


def _entry_draft(repo: Path) -> Path:
    (repo / "sources").mkdir()
    (repo / "sources" / "poll.txt").write_text("In 2024, 62% of CEOs expected budgets to grow.\n",
                                                encoding="utf-8")
    draft = repo / "post.md"
    draft.write_text("# Post\n\nAbout 64% of CEOs expect budgets to grow [1].\n\n## References\n\n"
                     "[1] CEO poll. sources/poll.txt\n", encoding="utf-8")
    return draft


def test_pre_commit_entry_runs(git_repo: Path) -> None:
    """The hook's entry, with a filename appended as pre-commit does, runs to a verdict (exit 0/1)."""
    yaml = pytest.importorskip("yaml")
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    draft = _entry_draft(git_repo)
    argv = hook["entry"].split()
    assert argv[0] == "claimledger"
    cmd = [sys.executable, "-c", "import sys; from pipeline.cli import main; main(sys.argv[1:])",
           *argv[1:], "--no-ledger", draft.name]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(cmd, cwd=git_repo, env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    assert "64%" in proc.stdout


@pytest.mark.slow
def test_pre_commit_try_repo(git_repo: Path) -> None:
    """``pre-commit try-repo`` installs claimledger from this tree and runs the hook on a draft."""
    exe = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    if not Path(exe).exists():
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    if os.environ.get("CLAIMLEDGER_SKIP_TRY_REPO"):
        pytest.skip("CLAIMLEDGER_SKIP_TRY_REPO is set")
    draft = _entry_draft(git_repo)
    _git(git_repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(git_repo.parent / "pre-commit-home")}
    proc = subprocess.run([exe, "try-repo", str(REPO), "claimledger", "--files", draft.name, "--verbose"],
                          cwd=git_repo, env=env, capture_output=True, text=True, timeout=900)
    out = proc.stdout + proc.stderr
    if "Could not find a version" in out or "Failed to establish a new connection" in out:
        pytest.skip("pre-commit could not install claimledger's dependencies (no package index)")
    assert "claimledger" in out
    # the hook ran to a verdict: exit 1 means the hook reported the misquote, never a crash (2)
    assert proc.returncode in (0, 1), out
    assert "internal error" not in out and "Traceback" not in out

