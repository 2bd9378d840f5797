"""The edges a new user met (issue 18): bare-URL references, a job summary that cannot be written,
sources next to the draft, the read-only ledger, SARIF URIs, terminals of width 0, and the small
things of the text report, progress bar and error messages.

Real console script, real files, real pseudo-terminals, real SQLite.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

CLAIMLEDGER = str(Path(sys.executable).with_name("claimledger"))
REPO = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CLAIMLEDGER_DEBUG", "COLUMNS", "LINES", "FORCE_COLOR")}
    env["GITHUB_STEP_SUMMARY"] = ""
    env.update(extra)
    return env


def run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    cp = subprocess.run([CLAIMLEDGER, *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=_env(**env))
    assert "Traceback" not in cp.stderr, cp.stderr
    return cp


def run_in_pty(cwd: Path, args: list[str], *, columns: int, stream: str) -> tuple[int, str, str]:
    """Run with `stream` ("stdout" or "stderr") on a real pseudo-terminal `columns` wide; returns
    the exit code, what the terminal received (escape codes removed) and the other stream."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    kw = {"stdout": slave, "stderr": subprocess.PIPE} if stream == "stdout" else \
        {"stdout": subprocess.PIPE, "stderr": slave}
    proc = subprocess.Popen([CLAIMLEDGER, *args], cwd=cwd, stdin=subprocess.DEVNULL, env=_env(TERM="xterm", NO_COLOR="1"),
                            **kw)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            proc.kill()
            raise AssertionError("no output from the pseudo-terminal for 60 s")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    other = (proc.stderr if stream == "stdout" else proc.stdout).read().decode()  # type: ignore[union-attr]
    code = proc.wait(timeout=60)
    return code, ANSI.sub("", seen.decode("utf-8", "replace")), other


@pytest.fixture
def checked(tmp_path: Path) -> Path:
    """A draft with a misquote of a local source, a dangling citation and inline code."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "ceo.md").write_text("Gartner finds that 62% of CEOs chose growth as their top priority.\n")
    (tmp_path / "draft.md").write_text(
        "# Notes\n\n"
        "Gartner finds that 64% of CEOs chose growth as their top priority [1].\n\n"
        "Running `make test` takes 45% of the build time, the team says [9].\n\n"
        "## References\n\n"
        "1. CEO survey, sources/ceo.md\n")
    return tmp_path


# --------------------------------------------------------------------------- 3. bare-URL references

@pytest.mark.parametrize(("entry", "locator"), [
    ("1. https://example.org/report.pdf", "https://example.org/report.pdf"),
    ("1. <https://example.org/r>", "https://example.org/r"),
    ("1. https://doi.org/10.1000/x", "doi:10.1000/x"),
    ("1. www.example.org/r", "https://www.example.org/r"),
    ("1) https://example.org/report.pdf", "https://example.org/report.pdf"),
    ("- https://example.org/report.pdf", "https://example.org/report.pdf"),
])
def test_a_numbered_reference_that_is_only_a_url_resolves(tmp_path: Path, entry: str, locator: str) -> None:
    (tmp_path / "d.md").write_text(f"# D\n\nGrowth was 62% this year [1].\n\n## References\n\n{entry}\n")
    cp = run(tmp_path, "extract", "d.md", "--format", "json")
    assert cp.returncode == 0, cp.stderr
    doc = json.loads(cp.stdout)["documents"][0]
    assert doc["findings"] == []
    assert [(r["key"], r["locator"]) for r in doc["references"]] == [("1", locator)]


# --------------------------------------------------------------------------- 4. job summary

def test_a_job_summary_in_a_missing_folder_warns_and_the_check_goes_on(checked: Path) -> None:
    summary = checked / "no" / "such" / "folder" / "summary.md"
    cp = run(checked, "check", "draft.md", "--no-ledger", "--cache-dir", "c", GITHUB_STEP_SUMMARY=str(summary))
    assert cp.returncode == 1, cp.stderr  # the misquote, as without a summary
    assert "misquote" in cp.stdout
    assert cp.stderr.strip().splitlines() == [
        f"claimledger: warning: cannot write the job summary to $GITHUB_STEP_SUMMARY ({summary}): "
        "No such file or directory"]
    assert not summary.parent.exists()


# --------------------------------------------------------------------------- 5. paths next to the draft

def test_relative_source_paths_resolve_next_to_the_draft_first(tmp_path: Path) -> None:
    (tmp_path / "sub" / "sources").mkdir(parents=True)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sub" / "sources" / "x.md").write_text("The pilot cost $200,000 to build.\n")
    (tmp_path / "sources" / "x.md").write_text("The pilot cost $900,000 to build.\n")  # under --root: loses
    (tmp_path / "sources" / "only-root.md").write_text("Staff grew by 12% last year.\n")
    (tmp_path / "sub" / "draft.md").write_text(
        "# D\n\nThe pilot cost $200,000 [1]. Staff grew by 12% [2].\n\n## References\n\n"
        "1. sources/x.md\n2. sources/only-root.md\n")
    cp = run(tmp_path, "check", "sub/draft.md", "--root", ".", "--no-ledger", "--cache-dir", "c", "--format", "json")
    assert cp.returncode == 0, cp.stderr
    doc = json.loads(cp.stdout)["documents"][0]
    assert [c["verdict"] for c in doc["claims"]] == ["verified", "verified"]
    assert [r["locator"] for r in doc["references"]] == ["sub/sources/x.md", "sources/only-root.md"]


def test_a_path_next_to_the_draft_is_still_confined_to_root(tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("The pilot cost $200,000 to build.\n")  # outside --root
    (tmp_path / "root" / "sub").mkdir(parents=True)
    (tmp_path / "root" / "sub" / "draft.md").write_text(
        "# D\n\nThe pilot cost $200,000 [1].\n\n## References\n\n1. ../../secret.md\n")
    cp = run(tmp_path, "check", "root/sub/draft.md", "--root", "root", "--no-ledger", "--cache-dir", "c",
             "--format", "json")
    report = json.loads(cp.stdout)
    assert report["sources"][0]["status"] == "blocked"
    assert report["documents"][0]["claims"][0]["verdict"] == "unavailable"


# --------------------------------------------------------------------------- 7. read-only ledger

@pytest.mark.parametrize("statement", ["PRAGMA journal_mode=DELETE", "PRAGMA user_version = 7",
                                       "PRAGMA page_size = 1024"])
def test_ledger_sql_refuses_setting_pragmas_with_the_read_only_message(checked: Path, statement: str) -> None:
    run(checked, "check", "draft.md", "--db", "l.db", "--cache-dir", "c")
    before = (checked / "l.db").read_bytes()
    cp = run(checked, "ledger", "sql", statement, "--db", "l.db")
    assert cp.returncode == 2
    assert cp.stderr.strip() == ("claimledger: the ledger is opened read-only: only SELECT queries "
                                 "(and read-only PRAGMAs) are allowed")
    assert (checked / "l.db").read_bytes() == before
    ok = run(checked, "ledger", "sql", "PRAGMA journal_mode", "--db", "l.db", "--format", "csv")
    assert ok.returncode == 0 and ok.stdout == "journal_mode\nwal\n"


# --------------------------------------------------------------------------- 8. SARIF URIs

@pytest.mark.parametrize(("name", "uri"), [("my draft#1.md", "drafts/my%20draft%231.md"),
                                           ("a,b:c%d.md", "drafts/a%2Cb%3Ac%25d.md")])
def test_sarif_uris_are_percent_encoded_and_valid(tmp_path: Path, name: str, uri: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("rfc3986_validator")  # what makes jsonschema check "uri-reference"
    schema = REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
    if not schema.is_file():
        pytest.skip(f"SARIF schema not found at {schema}")
    (tmp_path / ".git").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / name).write_text("# D\n\nAbout 40% of readers skim headlines.\n")
    cp = run(tmp_path, "check", f"drafts/{name}", "--no-ledger", "--offline", "--format", "sarif", "--fail-on", "uncited")
    assert cp.returncode == 1, cp.stderr
    log = json.loads(cp.stdout)
    jsonschema.validate(log, json.loads(schema.read_text()), format_checker=jsonschema.FormatChecker())
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": uri, "uriBaseId": "%SRCROOT%"}


# --------------------------------------------------------------------------- 9. width 0

def test_a_terminal_of_width_0_still_gets_the_text_report(checked: Path) -> None:
    code, shown, err = run_in_pty(checked, ["check", "draft.md", "--no-ledger", "--cache-dir", "c"],
                                  columns=0, stream="stdout")
    assert code == 1, err
    assert "misquote" in shown and "64%" in shown and "2 claims in 1 document" in shown


# --------------------------------------------------------------------------- small things

def test_the_text_report_keeps_its_columns_with_long_kind_names(checked: Path) -> None:
    cp = run(checked, "check", "draft.md", "--no-ledger", "--cache-dir", "c")
    rows = [ln for ln in cp.stdout.splitlines() if re.match(r"\s+\d+:\d+\s", ln)]
    claim = next(ln for ln in rows if "misquote" in ln)
    finding = next(ln for ln in rows if "dangling_citation" in ln)
    # the figure of a claim and the message of a finding start in the same column
    assert claim.index("64%") == finding.index("[9] has no entry"), f"\n{claim}\n{finding}"
    assert claim.index("misquote") == finding.index("dangling_citation")


def test_progress_starts_with_the_number_of_sources(checked: Path) -> None:
    code, shown, _ = run_in_pty(checked, ["check", "draft.md", "--no-ledger", "--cache-dir", "c"],
                                columns=100, stream="stderr")
    assert code == 1
    assert "fetching sources" in shown and "0/1" in shown and "/?" not in shown


def test_a_missing_draft_fails_before_any_progress_bar(tmp_path: Path) -> None:
    code, shown, _ = run_in_pty(tmp_path, ["check", "missing.md", "--no-ledger"], columns=100, stream="stderr")
    assert code == 2
    assert shown.strip() == "claimledger: missing.md: no such file or directory"


def test_output_into_a_file_used_as_a_folder_says_so(checked: Path) -> None:
    (checked / "report").write_text("a file, not a folder\n")
    cp = run(checked, "check", "draft.md", "--no-ledger", "--cache-dir", "c", "-o", "report/out.txt")
    assert cp.returncode == 2
    assert cp.stderr.strip() == "claimledger: cannot write report/out.txt: report is a file, not a folder"


def test_a_tiny_draft_limit_reads_in_bytes(checked: Path) -> None:
    (checked / "claimledger.toml").write_text("max-draft-bytes = 10\n")
    cp = run(checked, "check", "draft.md", "--no-ledger")
    size = (checked / "draft.md").stat().st_size
    assert cp.returncode == 2
    assert cp.stderr.strip() == (f"claimledger: draft.md: {size} bytes is over the 10 byte draft size limit "
                                 "(--max-draft-bytes)")


def test_junit_and_sarif_keep_inline_code_in_sentences(checked: Path) -> None:
    (checked / ".git").mkdir()
    junit = run(checked, "check", "draft.md", "--no-ledger", "--cache-dir", "c", "--format", "junit").stdout
    assert 'name="45%: Running `make test` takes 45% of the build time, the team says."' in junit
    sarif = json.loads(run(checked, "check", "draft.md", "--no-ledger", "--cache-dir", "c", "--format", "sarif",
                           "--fail-on", "uncited").stdout)
    snippets = [r["locations"][0]["physicalLocation"]["region"].get("snippet", {}).get("text")
                for r in sarif["runs"][0]["results"]]
    assert "Running `make test` takes 45% of the build time, the team says." in snippets
    # the claim's sentence itself (what ids and the matcher use) is unchanged
    extracted = json.loads(run(checked, "extract", "draft.md", "--format", "json").stdout)
    assert extracted["documents"][0]["claims"][1]["sentence"] == "Running takes 45% of the build time, the team says."
