"""Reading drafts: encodings, line endings, binary and size guards, folders, blocks and masks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.draft import Draft, build_draft, collect_drafts, read_draft
from pipeline.errors import DraftError


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def visible(d: Draft, kind: str | None = None) -> list[str]:
    return [" ".join(b.text_mask.split()) for b in d.blocks if kind is None or b.kind == kind]


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"a\r\nb\r\n", "a\nb\n"),
        (b"a\rb\r", "a\nb\n"),
        (b"a\r\n\rb", "a\n\nb"),
        (b"\xef\xbb\xbfcaf\xc3\xa9 62%", "café 62%"),
        ("\ufeffline 62%\r\nnext".encode("utf-16-le"), "line 62%\nnext"),
        ("\ufeffline 62%\nnext".encode("utf-16-be"), "line 62%\nnext"),
        ("\ufeffwide 5%".encode("utf-32-le"), "wide 5%"),
        (b"", ""),
    ],
)
def test_decoding_and_line_endings(tmp_path: Path, data: bytes, text: str) -> None:
    d = read_draft(write(tmp_path, "d.txt", data), "d.txt")
    assert d.text == text
    assert d.warnings == []


def test_sha256_is_of_the_file_bytes(tmp_path: Path) -> None:
    import hashlib

    data = b"a\r\nb 5%\r\n"
    d = read_draft(write(tmp_path, "d.md", data), "d.md")
    assert d.sha256 == hashlib.sha256(data).hexdigest()
    assert d.format == "markdown"


def test_invalid_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    d = read_draft(write(tmp_path, "bad.txt", b"caf\xe9 costs 62%"), "drafts/bad.txt")
    assert d.text == "caf\ufffd costs 62%"
    assert d.warnings == ["drafts/bad.txt: invalid UTF-8, decoded with replacement characters"]


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n...",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"PK\x03\x04zipdata",
        b"\x7fELF\x02\x01",
        b"text with a \x00 NUL byte",
        bytes(range(1, 32)) * 20,
    ],
)
def test_binary_content_is_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DraftError) as e:
        read_draft(write(tmp_path, "x.md", data), "x.md")
    assert str(e.value) == "x.md: not a text file (binary content)"


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.md"
    with p.open("wb") as f:
        f.truncate(int(52.4 * 1024 * 1024))  # sparse: stat says 52.4 MB, nothing to read
    with pytest.raises(DraftError) as e:
        read_draft(p, "big.md")
    assert str(e.value) == "big.md: 52.4 MB is over the 10 MB draft size limit (--max-draft-bytes)"
    small = write(tmp_path, "ok.md", "x" * 100)
    with pytest.raises(DraftError, match="over the"):
        read_draft(small, "ok.md", max_bytes=99)
    assert read_draft(small, "ok.md", max_bytes=100).text == "x" * 100


def test_missing_and_unreadable(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match=r"^nope\.md: no such file or directory$"):
        read_draft(tmp_path / "nope.md", "nope.md")
    p = write(tmp_path, "secret.md", "x")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(DraftError, match=r"^secret\.md: cannot read: Permission denied$"):
            read_draft(p, "secret.md")
    finally:
        p.chmod(0o644)


def test_empty_draft_has_no_blocks(tmp_path: Path) -> None:
    d = read_draft(write(tmp_path, "e.md", b""), "e.md")
    assert d.blocks == [] and d.text == "" and d.position(0) == (1, 1)


def test_unknown_suffix_is_text_and_html_suffixes(tmp_path: Path) -> None:
    assert read_draft(write(tmp_path, "a.rst", "x"), "a.rst").format == "text"
    assert read_draft(write(tmp_path, "a.htm", "<p>x</p>"), "a.htm").format == "html"
    assert read_draft(write(tmp_path, "a.markdown", "x"), "a.markdown").format == "markdown"


# --------------------------------------------------------------------------- folders


def test_collect_drafts_walks_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "sub/c.html", "sub/d.htm", "sub/e.markdown", "x.pdf", ".hidden/f.md",
                 ".venv/g.md", "node_modules/h.md", "sub/.i.md"):
        write(tmp_path, name, "x")
    root = str(tmp_path)
    files, warnings = collect_drafts([root])
    assert [disp for _, disp in files] == [os.path.join(root, n) for n in
                                           ("a.txt", "b.md", "sub/c.html", "sub/d.htm", "sub/e.markdown")]
    assert warnings == []


def test_collect_drafts_display_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "drafts/one.md", "x")
    write(tmp_path, "single.rst", "x")
    monkeypatch.chdir(tmp_path)
    files, _ = collect_drafts(["drafts", "single.rst", "drafts/one.md"])
    assert [d for _, d in files] == ["drafts/one.md", "single.rst"]  # the repeat is read once


def test_collect_drafts_errors(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match=r"missing: no such file or directory"):
        collect_drafts([str(tmp_path / "missing")])
    (tmp_path / "empty").mkdir()
    write(tmp_path, "empty/notes.pdf", b"%PDF")
    with pytest.raises(DraftError, match="no drafts"):
        collect_drafts([str(tmp_path / "empty")])


def test_collect_drafts_survives_symlink_loops(tmp_path: Path) -> None:
    write(tmp_path, "d/a.md", "x")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    files, warnings = collect_drafts([str(tmp_path / "d")])
    assert [Path(disp).name for _, disp in files] == ["a.md"]
    assert any("loop" in w for w in warnings)


# --------------------------------------------------------------------------- structure


def test_position_is_one_based_in_characters() -> None:
    d = build_draft("ab\ncé 62%\n", "text")
    off = d.text.index("62%")
    assert d.position(off) == (2, 4)
    assert d.position(0) == (1, 1)
    assert d.line_text(2) == "cé 62%"


def test_plain_text_blocks() -> None:
    text = ("Title 2024\n\nFirst para 5%.\nstill para [1].\nSource: books/ch02.md\n\n"
            "Another 6%.\n\nSource: https://x.org/a\n\nReferences\n[1] A title https://a.org\n")
    d = build_draft(text, "text")
    kinds = [b.kind for b in d.blocks]
    assert kinds == ["heading", "paragraph", "source_line", "paragraph", "source_line", "heading", "references"]
    assert d.text[d.blocks[2].start:d.blocks[2].end] == "Source: books/ch02.md"
    assert all(len(b.text_mask) == b.end - b.start for b in d.blocks)


def test_plain_text_notes_section_ends_where_prose_resumes() -> None:
    d = build_draft("Notes\n\n1. A source https://a.org\n\nBack to prose with 5% here.\n", "text")
    assert [b.kind for b in d.blocks] == ["heading", "references", "paragraph"]


def test_markdown_blocks_and_references_section() -> None:
    text = ("---\ntitle: Issue 12 with 99 readers\n---\n# Issue 12\n\nBody 5% [1].\n\n> Quote 7%\n\n"
            "- item 8%\n- [ ] task 9%\n\n| a | b |\n|---|---|\n| 5% | 6 |\n\n```\ncode 10%\n```\n\n"
            "## References\n\n1. One https://a.org\n\n## After\n\nMore 11%.\n")
    d = build_draft(text, "markdown")
    assert [b.kind for b in d.blocks] == ["heading", "paragraph", "blockquote", "list_item", "list_item",
                                          "table_row", "table_row", "code", "heading", "references",
                                          "heading", "paragraph"]
    assert "99" not in d.masked  # front matter
    assert "10%" not in d.masked  # fenced code
    assert visible(d, "list_item") == ["item 8%", "task 9%"]
    assert visible(d, "blockquote") == ["Quote 7%"]


@pytest.mark.parametrize(
    ("line", "hidden", "kept"),
    [
        ("Use `arr[0] = 50%` here 6%.", ["50%", "arr[0]"], ["6%."]),
        ("See [BCG](https://bcg.com/2024/62pct) says 26%.", ["2024", "62pct"], ["[BCG]", "26%."]),
        ("Img ![chart 45%](img/45.png) then 3%.", ["45"], ["3%."]),
        ("Bare https://x.org/report-2023.pdf and 8%.", ["2023"], ["8%."]),
        ("Auto <https://x.org/99> and 9%.", ["99"], ["9%."]),
        ("Hidden <!-- 77% draft note --> 4%.", ["77%"], ["4%."]),
        ("Tag <span data-x=\"88\">12%</span>.", ["88", "span"], ["12%"]),
        ("doi:10.1000/182 and 2%.", ["182"], ["2%."]),
    ],
)
def test_markdown_masking(line: str, hidden: list[str], kept: list[str]) -> None:
    d = build_draft(line + "\n", "markdown")
    assert len(d.masked) == len(d.text)
    for h in hidden:
        assert h not in d.masked, h
    for k in kept:
        assert k in d.masked, k


def test_url_masking_keeps_the_sentence_period() -> None:
    d = build_draft("See https://x.org/a.\n", "markdown")
    assert d.masked.rstrip().endswith(".")


def test_disable_comments() -> None:
    text = ("a 1%\n<!-- claimledger-disable-next-line misquote -->\nb 2%\n"
            "c 3% <!-- claimledger-disable-line -->\n"
            "<!-- claimledger-disable not-found uncited -->\nd 4%\ne 5%\n<!-- claimledger-enable -->\nf 6%\n"
            "<!-- claimledger-disable-next-line bogus -->\ng 7%\n")
    d = build_draft(text, "markdown", display_path="x.md")
    assert d.disabled[3] == ("misquote",)
    assert d.disabled[4] == ("*",)
    assert d.disabled[6] == ("not_found", "uncited")
    assert d.disabled[7] == ("not_found", "uncited")
    assert 1 not in d.disabled and 10 not in d.disabled
    assert 11 not in d.disabled  # only an unknown name: nothing silenced, but a warning
    assert any("unknown verdict 'bogus'" in w for w in d.warnings)


# --------------------------------------------------------------------------- HTML


HTML = """<!doctype html>
<html><head><title>Issue 12</title><style>p { width: 50%; }</style>
<script>var x = 99;</script></head>
<body>
<h1>The valley: 95% of pilots</h1>
<p>Gartner finds &ldquo;62%&rdquo; of CEOs &amp; boards <!-- 77% --> agree [6].</p>
<p>Costs &#8364;5 million, <code>x = 40%</code>, and <a href="https://bcg.com/26">26% of firms</a>.</p>
<ul><li>First item 8%</li><li>Second 9%</li></ul>
<table><tr><td>Share</td><td>33%</td></tr></table>
<h2>References</h2>
<ol><li>Gartner survey <a href="https://gartner.com/s">link</a></li></ol>
</body></html>
"""


def test_html_visible_text_keeps_file_positions() -> None:
    d = build_draft(HTML, "html")
    assert len(d.masked) == len(d.text)
    for hidden in ("50%", "99", "77%", "40%", "Issue 12", "ldquo"):
        assert hidden not in d.masked, hidden
    for fig in ("95%", "62%", "26%", "8%", "33%"):
        off = d.masked.index(fig)
        assert d.text[off:off + len(fig)] == fig  # offsets are the file's
    assert "“" in d.masked and "&" in d.masked
    euro = d.masked.index("€")
    assert d.masked[euro:euro + 2] == "€5"  # a currency entity sits next to its figure
    assert d.title == "Issue 12"
    assert [b.kind for b in d.blocks] == ["heading", "paragraph", "paragraph", "list_item", "list_item",
                                          "table_row", "heading", "references"]
    assert any(href == "https://bcg.com/26" and d.text[s:e] == "26% of firms" for s, e, href in d.links)


def test_folder_skips_symlinks_that_leave_it(tmp_path: Path) -> None:
    from pipeline.draft import collect_drafts

    secret = tmp_path / "secret.txt"
    secret.write_text("the runner's key")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.md").write_text("Up 5% [1].\n")
    (drafts / "evil.md").symlink_to(secret)
    (drafts / "alias.md").symlink_to(drafts / "a.md")  # inside the folder: same draft, read once
    files, warnings = collect_drafts([str(drafts)])
    assert [Path(d).name for _p, d in files] == ["a.md"]
    assert any("evil.md" in w and "outside" in w for w in warnings)


def test_a_notes_title_is_not_an_endnotes_section() -> None:
    text = "# Notes\n\nGrowth hit 64% this year [1].\n\n## References\n\n[1] Survey. sources/s.txt\n"
    d = build_draft(text, "markdown")
    kinds = [(b.kind, text[b.start:b.end].strip()[:12]) for b in d.blocks]
    assert ("paragraph", "Growth hit 6") in kinds
    assert ("references", "[1] Survey. ") in kinds


def test_notes_after_the_title_is_an_endnotes_section() -> None:
    text = "# Weekly digest\n\nGrowth hit 64% [1].\n\n## Notes\n\n[1] Survey. sources/s.txt\n"
    d = build_draft(text, "markdown")
    assert any(b.kind == "references" and "Survey" in text[b.start:b.end] for b in d.blocks)


def test_an_html_notes_title_is_not_an_endnotes_section() -> None:
    text = "<h1>Notes</h1><p>Growth hit 64% this year [1].</p><h2>References</h2><p>[1] Survey. s.txt</p>"
    d = build_draft(text, "html")
    growth = next(b for b in d.blocks if "Growth" in d.masked[b.start:b.end])
    survey = next(b for b in d.blocks if "Survey" in d.masked[b.start:b.end])
    assert growth.kind != "references" and survey.kind == "references"
