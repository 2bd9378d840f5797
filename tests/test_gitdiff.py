"""`--changed-lines`: changed line numbers from a real git repository, and the filter over a result."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_report_ci import make_doc, make_result

from pipeline.errors import UserError
from pipeline.gitdiff import GitError, changed_lines, parse_diff
from pipeline.ignores import SuppressionPlan, suppress

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TEN = "".join(f"line {i}\n" for i in range(1, 11))


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    r = tmp_path / "repo"
    r.mkdir()
    git(r, "init", "-q")
    (r / "drafts").mkdir()
    (r / "drafts" / "a.md").write_text(TEN, encoding="utf-8")
    (r / "drafts" / "same.md").write_text(TEN, encoding="utf-8")
    (r / "drafts" / "old name.md").write_text(TEN.replace("line", "entry"), encoding="utf-8")
    git(r, "add", ".")
    git(r, "commit", "-qm", "base")
    git(r, "tag", "base")
    return r


def edit(path: Path, changes: dict[int, str], append: list[str] = ()) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, text in changes.items():
        lines[n - 1] = text
    lines.extend(append)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_edited_committed_staged_and_unstaged_lines(repo: Path) -> None:
    a = repo / "drafts" / "a.md"
    edit(a, {3: "line three, edited"})
    git(repo, "commit", "-qam", "edit 3")
    edit(a, {5: "line five, staged"})
    git(repo, "add", "drafts/a.md")
    edit(a, {7: "line seven, unstaged"}, append=["line 11"])
    got = changed_lines(["drafts/a.md", "drafts/same.md"], "base", repo)
    assert got == {"drafts/a.md": {3, 5, 7, 11}, "drafts/same.md": set()}


def test_deleted_lines_mark_nothing(repo: Path) -> None:
    a = repo / "drafts" / "a.md"
    a.write_text("".join(f"line {i}\n" for i in range(1, 11) if i != 4), encoding="utf-8")
    assert changed_lines(["drafts/a.md"], "base", repo) == {"drafts/a.md": set()}


def test_new_files_count_every_line(repo: Path) -> None:
    (repo / "drafts" / "untracked.md").write_text("one\ntwo\nthree", encoding="utf-8")
    (repo / "drafts" / "staged.md").write_text("one\ntwo\n", encoding="utf-8")
    git(repo, "add", "drafts/staged.md")
    got = changed_lines(["drafts/untracked.md", "drafts/staged.md"], "base", repo)
    assert got == {"drafts/untracked.md": {1, 2, 3}, "drafts/staged.md": {1, 2}}


def test_rename_reports_only_edited_lines(repo: Path) -> None:
    git(repo, "config", "diff.renames", "false")  # a user's config must not turn renames into new files
    git(repo, "mv", "drafts/old name.md", "drafts/new näme.md")
    edit(repo / "drafts" / "new näme.md", {2: "entry two, edited"})
    git(repo, "commit", "-qam", "rename and edit")
    git(repo, "mv", "drafts/a.md", "drafts/b.md")  # a pure rename, staged
    got = changed_lines(["drafts/new näme.md", "drafts/b.md"], "base", repo)
    assert got == {"drafts/new näme.md": {2}, "drafts/b.md": set()}


def test_paths_relative_to_a_subdirectory_and_directories(repo: Path) -> None:
    edit(repo / "drafts" / "a.md", {9: "nine"})
    (repo / "drafts" / "fresh.md").write_text("x\n", encoding="utf-8")
    sub = repo / "drafts"
    assert changed_lines(["a.md"], "base", sub) == {"a.md": {9}}
    got = changed_lines(["."], "base", sub)
    assert {os.path.normpath(k): v for k, v in got.items()} == {"a.md": {9}, "fresh.md": {1}}


def test_not_a_repository(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("x\n", encoding="utf-8")
    with pytest.raises(GitError, match="not inside a git repository") as info:
        changed_lines(["x.md"], "HEAD", tmp_path)
    assert isinstance(info.value, UserError)  # exit 2, one line


def test_unknown_revision(repo: Path) -> None:
    with pytest.raises(GitError, match=r"unknown revision 'no-such-branch'.*fetch-depth"):
        changed_lines(["drafts/a.md"], "no-such-branch", repo)


def test_parse_diff_hunks() -> None:
    text = (
        "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n"
        "@@ -3 +3 @@\n-a\n+b\n"
        "@@ -8,2 +8,0 @@\n-c\n-d\n"
        "@@ -20,0 +19,3 @@\n+e\n+f\n+g\n"
        "diff --git a/gone.md b/gone.md\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
        'diff --git "a/q\\303\\244.md" "b/q\\303\\244.md"\n--- "a/q\\303\\244.md"\n+++ "b/q\\303\\244.md"\n'
        "@@ -1 +1 @@\n-x\n+y\n"
    )
    assert parse_diff(text) == {"x.md": {3, 19, 20, 21}, "qä.md": {1}}


def test_changed_lines_keep_claims_and_findings_on_changed_lines() -> None:
    doc = make_doc()
    spanning = doc.claims[0]
    spanning.end_line = 4  # a figure wrapped over two lines: line 4 changed, so it stays
    result = make_result(doc)
    suppress(result, SuppressionPlan(changed={doc.path: {4, 7}}))
    kept = {c.id for c in result.documents[0].claims}
    assert kept == {"id-verified", "id-notfound", "id-unavail"}
    assert [f.kind for f in result.documents[0].findings] == ["dangling_citation"]
    assert result.suppressed_counts() == {"changed_lines": 3 + 4}


def test_changed_lines_leave_out_everything_in_unlisted_documents(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = make_result(make_doc("drafts/a.md"), make_doc("drafts/b.md"))
    suppress(result, SuppressionPlan(changed={"./drafts/a.md": {3}}))  # another spelling of the same path
    assert [len(d.claims) for d in result.documents] == [2, 0]
    assert len(result.documents) == 2  # the draft still counts as checked
