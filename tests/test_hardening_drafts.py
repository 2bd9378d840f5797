"""Hostile drafts through the real CLI, in a subprocess: what an editor pastes or a PR commits.

Every case checks the contract's promise for a failed run (exit 2, exactly one line on stderr, no
traceback) or, for a draft that is odd but readable, that the run goes on with a warning and the
positions still point at the figure in the file as the user sees it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLI = Path(sys.executable).with_name("claimledger")


def cli(tmp_path: Path, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """`claimledger check ARGS --offline --no-ledger` with a private cache; cwd is tmp_path."""
    cmd = [str(CLI), "check", *args, "--offline", "--no-ledger", "--cache-dir", str(tmp_path / "cache")]
    env = {k: v for k, v in os.environ.items() if k != "CLAIMLEDGER_DEBUG"}
    return subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=timeout, env=env)


def assert_failed_cleanly(res: subprocess.CompletedProcess[str], *fragments: str) -> str:
    assert res.returncode == 2, (res.returncode, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("claimledger: ")
    assert "internal error" not in lines[0], lines[0]
    for f in fragments:
        assert f in lines[0], lines[0]
    return lines[0]


def assert_ran(res: subprocess.CompletedProcess[str]) -> dict:
    assert res.returncode in (0, 1), (res.returncode, res.stderr)
    assert "Traceback" not in res.stderr and "internal error" not in res.stderr, res.stderr
    return json.loads(res.stdout)


def claims(report: dict) -> list[dict]:
    return [c for d in report["documents"] for c in d["claims"]]


def figure_at(data: str, claim: dict) -> str:
    """The text at a claim's reported (line, column..end_column), read the way an editor sees it."""
    line = data.splitlines()[claim["line"] - 1]
    return line[claim["column"] - 1:claim["end_column"]]


# --------------------------------------------------------------------------- refused drafts


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("chart.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        ("tool.md", b"\x7fELF\x02\x01\x01" + b"\x00" * 64),
        ("archive.md", b"PK\x03\x04" + os.urandom(200)),
        ("nul.md", b"62% of CEOs\x00\x00\x00 agree [1]\n"),
        ("noise.txt", bytes(range(1, 9)) * 100),
    ],
)
def test_binary_draft_is_refused_in_one_line(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    assert_failed_cleanly(cli(tmp_path, name), f"{name}: not a text file (binary content)")


def test_50_mb_draft_is_refused_by_the_documented_limit(tmp_path: Path) -> None:
    big = tmp_path / "huge.md"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: costs no disk and no time
    t = time.monotonic()
    line = assert_failed_cleanly(cli(tmp_path, "huge.md"), "huge.md: 50 MB is over the 10 MB draft size limit",
                                 "--max-draft-bytes")
    assert time.monotonic() - t < 15, "the size is checked before reading"
    assert line.endswith("(--max-draft-bytes)")


def test_draft_size_limit_is_an_option(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("Some 62% of CEOs agree.\n" * 10)
    assert_failed_cleanly(cli(tmp_path, "d.md", "--max-draft-bytes", "100"), "d.md:", "draft size limit")
    assert_ran(cli(tmp_path, "d.md", "--max-draft-bytes", "1000", "--format", "json"))


def test_oversized_draft_among_others_is_skipped_with_a_warning(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "ok.md").write_text("Some 62% of CEOs agree.\n")
    with (drafts / "huge.md").open("wb") as f:
        f.truncate(11 * 1024 * 1024)
    res = cli(tmp_path, "drafts", "--format", "json")
    report = assert_ran(res)
    assert [d["path"] for d in report["documents"]] == ["drafts/ok.md"]
    assert "huge.md" in res.stderr and "draft size limit" in res.stderr and "(skipped)" in res.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["missing.md"], "missing.md: no such file or directory"),
        (["emptydir"], "emptydir: no drafts"),
        (["d.md", "--format", "yaml"], "--format must be one of"),
        (["d.md", "--root", "d.md"], "--root d.md: not a directory"),
    ],
)
def test_user_errors_are_one_line(tmp_path: Path, args: list[str], fragment: str) -> None:
    (tmp_path / "emptydir").mkdir()
    (tmp_path / "d.md").write_text("Some 62% of CEOs agree.\n")
    assert_failed_cleanly(cli(tmp_path, *args), fragment)


def test_draft_that_is_a_symlink_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    """A PR can commit `x.md -> /dev/zero`: reading it must not hang or eat memory."""
    os.symlink("/dev/zero", tmp_path / "zero.md")
    try:
        res = cli(tmp_path, "zero.md", timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("claimledger hung reading a draft that is a symlink to /dev/zero")
    assert_failed_cleanly(res, "zero.md:")


def test_draft_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    try:
        res = cli(tmp_path, "pipe.md", timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("claimledger hung reading a draft that is a FIFO")
    assert_failed_cleanly(res, "pipe.md:")


# --------------------------------------------------------------------------- odd but readable drafts


def test_invalid_utf8_is_decoded_with_replacement_and_a_warning(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_bytes(b"Caf\xe9 owners: 62% of them agree.\n\xff\xfe\xfd Also 5% more.\n")
    res = cli(tmp_path, "d.md", "--format", "json")
    report = assert_ran(res)
    assert "d.md: invalid UTF-8, decoded with replacement characters" in res.stderr
    data = (tmp_path / "d.md").read_bytes().decode("utf-8", "replace")
    found = {c["quantity"]["text"]: c for c in claims(report)}
    assert set(found) == {"62%", "5%"}
    for c in found.values():
        assert figure_at(data, c) == c["quantity"]["text"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8-sig"])
def test_bom_encodings_keep_positions(tmp_path: Path, encoding: str) -> None:
    text = "# Title\n\nThe café board: 62% of CEOs agree.\nThey spent $1-2 million on it.\n"
    raw = text.encode(encoding)
    if encoding.startswith("utf-16"):
        raw = ("\ufeff" + text).encode(encoding)
    (tmp_path / "d.md").write_bytes(raw)
    report = assert_ran(cli(tmp_path, "d.md", "--format", "json"))
    got = {c["quantity"]["text"]: (c["line"], c["column"], c["end_column"]) for c in claims(report)}
    assert got == {"62%": (3, 17, 19), "$1-2 million": (4, 12, 23)}


@pytest.mark.parametrize("eol", ["\r\n", "\r", "mixed"])
def test_crlf_and_cr_line_endings_keep_positions(tmp_path: Path, eol: str) -> None:
    lines = ["# Title", "", "Intro line.", "", "A survey found that 62% of CEOs agree [1].", "",
             "Spending reached $5-$10 million by 2028 [1].", "", "## References", "",
             "1. Survey, https://a.org/s"]
    if eol == "mixed":
        data = "".join(ln + ("\r\n" if i % 2 else "\n") for i, ln in enumerate(lines))
    else:
        data = eol.join(lines) + eol
    (tmp_path / "d.md").write_bytes(data.encode())
    report = assert_ran(cli(tmp_path, "d.md", "--format", "json"))
    got = {c["quantity"]["text"]: (c["line"], c["column"], c["end_column"]) for c in claims(report)}
    assert got == {"62%": (5, 21, 23), "$5-$10 million": (7, 18, 31), "2028": (7, 36, 39)}
    assert report["documents"][0]["references"][0]["line"] == 11


def test_symlink_loop_in_a_folder_argument(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    (drafts / "sub").mkdir(parents=True)
    (drafts / "a.md").write_text("Some 62% of CEOs agree.\n")
    (drafts / "sub" / "b.md").write_text("Some 5% disagree.\n")
    os.symlink(drafts, drafts / "sub" / "up")  # sub/up -> drafts: a loop
    os.symlink(drafts / "sub", drafts / "sub" / "self")
    res = cli(tmp_path, "drafts", "--format", "json", timeout=20)
    report = assert_ran(res)
    assert [d["path"] for d in report["documents"]] == ["drafts/a.md", "drafts/sub/b.md"]
    assert "symlink loop" in res.stderr


def test_hostile_unicode_draft_runs(tmp_path: Path) -> None:
    text = ("# \u202eelttiT\u202c\n\n"
            "\u200fمرحبا: 62% of CEOs \u200bagree\u200d [1].\n\n"
            "שלום — spending rose 5%\u2060 [1] \ufeff.\n\n"
            "Zero\u200b-width 7\u200b0% and \x1b[31m9%\x1b[0m colours.\n\n"
            "[1]: https://a.org/s\n")
    (tmp_path / "d.md").write_text(text, encoding="utf-8")
    report = assert_ran(cli(tmp_path, "d.md", "--format", "json"))
    for c in claims(report):
        assert figure_at(text, c) == c["quantity"]["text"]
    assert {"62%", "5%"} <= {c["quantity"]["text"] for c in claims(report)}


def test_html_draft_with_unknown_marked_section(tmp_path: Path) -> None:
    """Word-exported HTML is full of `<![if ...]>`; an unknown keyword made html.parser assert."""
    (tmp_path / "d.html").write_text("<p>Share 62% of CEOs [1].</p><![foo]>\n<p>Also 5%.</p>\n")
    report = assert_ran(cli(tmp_path, "d.html", "--format", "json"))
    assert {c["quantity"]["text"] for c in claims(report)} == {"62%", "5%"}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("digits.md", "9" * 300_000 + "\n"),
        ("brackets.md", "[" * 30_000 + "62%" + "]" * 30_000 + "\n"),
        ("quotes.md", "> " * 20_000 + "Some 62% agree.\n"),
        ("nested.html", "<div>" * 20_000 + "Some 62% agree." + "</div>" * 20_000),
        ("markers.md", "Some 62% agree [1]. " * 1_000 + "\n\n[1]: https://a.org\n"),
        ("longline.txt", "Some 62% agree. " * 1_000 + "\n"),
        # were quadratic (46 s and ~60 s before the fixes): hostile drafts that stalled CI
        ("closing-markers.md", "Some 62% agree " + "[1]" * 20_000 + ".\n\n[1]: https://a.org\n"),
        ("one-paragraph.md", "Some 62% agree [1]. " * 16_000 + "\n\n[1]: https://a.org\n"),
    ],
)
def test_pathological_drafts_finish_quickly(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text)
    t = time.monotonic()
    try:
        res = cli(tmp_path, name, "--format", "json", timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: no answer within 60 s")
    assert_ran(res)
    assert time.monotonic() - t < 30, name


