"""Claims with citations and positions, references and findings, from real draft files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.draft import read_draft
from pipeline.extract import claim_id, extract_document
from pipeline.model import Claim, Document

# shared/ sits beside the checkout (here and in CI); the seed is read, never copied into the repo
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "production-valley-newsletter.txt"


def extract(tmp_path: Path, text: str | bytes, name: str = "d.md") -> Document:
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return extract_document(read_draft(p, name))


def claim(doc: Document, figure: str) -> Claim:
    found = [c for c in doc.claims if c.quantity.text == figure]
    assert len(found) == 1, (figure, [c.quantity.text for c in doc.claims])
    return found[0]


def cites(c: Claim) -> list[tuple[str, str]]:
    return [(x.key, x.scope) for x in c.citations]


def at(doc: Document, c: Claim) -> str:
    """The file's text at the claim's reported position (lines and columns are 1-based, inclusive)."""
    lines = doc.text.split("\n")
    assert c.line == c.end_line
    return lines[c.line - 1][c.column - 1:c.end_column]


REFS = "\n\n## References\n\n" + "\n".join(f"{i}. Source {i} https://s{i}.org" for i in range(1, 13)) + "\n"


@pytest.mark.parametrize(
    ("para", "expected"),
    [
        # the sentence's own markers
        ("Costs rose 5% [1]. Prices fell 6% [2].", {"5%": [("1", "sentence")], "6%": [("2", "sentence")]}),
        # markers closing the paragraph cover the uncited sentences
        ("Costs rose 5% this year. Prices fell 6% [2].",
         {"5%": [("2", "paragraph")], "6%": [("2", "sentence")]}),
        ("Costs rose 5% this year. Prices fell 6% [6][7][11].",
         {"5%": [("6", "paragraph"), ("7", "paragraph"), ("11", "paragraph")],
          "6%": [("6", "sentence"), ("7", "sentence"), ("11", "sentence")]}),
        # a marker in mid-sentence does not close the paragraph
        ("Costs rose 5% this year. Prices [2] fell 6% later.", {"5%": [], "6%": [("2", "sentence")]}),
        # lists and ranges, deduplicated in order
        ("Costs rose 5% [3-5][4].", {"5%": [("3", "sentence"), ("4", "sentence"), ("5", "sentence")]}),
        ("Costs rose 5% [3, 5].", {"5%": [("3", "sentence"), ("5", "sentence")]}),
        ("No citation at all for 7%.", {"7%": []}),
    ],
)
def test_citation_scopes(tmp_path: Path, para: str, expected: dict[str, list[tuple[str, str]]]) -> None:
    doc = extract(tmp_path, "# T\n\n" + para + REFS)
    assert {c.quantity.text: cites(c) for c in doc.claims} == expected


def test_source_line_is_a_block_citation(tmp_path: Path) -> None:
    text = ("Costs rose 5% this year. Prices fell 6% [2].\n\nSource: books/ch02.md\n\n"
            "Other 7% here.\n\n\n\nSource: far/away.md\n" + REFS)
    doc = extract(tmp_path, text)
    assert cites(claim(doc, "5%")) == [("2", "paragraph"), ("books/ch02.md", "block")]
    # the Source: line names the paragraph's source: a sentence with its own markers keeps them and gets it too
    assert cites(claim(doc, "6%")) == [("2", "sentence"), ("books/ch02.md", "block")]
    assert cites(claim(doc, "7%")) == []  # two blank lines: not "right after"
    ref = doc.reference("books/ch02.md")
    assert ref is not None and ref.locator == "books/ch02.md" and ref.line == 3
    assert not [f for f in doc.findings if f.kind == "unused_reference" and f.key and "/" in f.key]


def test_consecutive_source_lines_all_attach(tmp_path: Path) -> None:
    doc = extract(tmp_path, "Costs rose 5%.\nSource: a/one.md\nSource: https://b.org/two\n", "d.txt")
    assert cites(claim(doc, "5%")) == [("a/one.md", "block"), ("https://b.org/two", "block")]


def test_source_line_directly_under_the_paragraph_in_plain_text(tmp_path: Path) -> None:
    doc = extract(tmp_path, "Title\n\nCosts rose 5% this year.\nSource: https://x.org/r\n", "d.txt")
    assert cites(claim(doc, "5%")) == [("https://x.org/r", "block")]


def test_markdown_link_cites_its_url_and_its_text_is_prose(tmp_path: Path) -> None:
    doc = extract(tmp_path, "BCG says [26% of firms](https://bcg.com/r-2024) scale AI.\n")
    c = claim(doc, "26%")
    assert cites(c) == [("https://bcg.com/r-2024", "sentence")]
    assert c.sentence == "BCG says 26% of firms scale AI."
    ref = doc.reference("https://bcg.com/r-2024")
    assert ref is not None and ref.locator == "https://bcg.com/r-2024" and ref.title == "26% of firms"
    assert doc.findings == []
    assert "2024" not in [q.quantity.text for q in doc.claims]


def test_reference_style_links_and_footnotes(tmp_path: Path) -> None:
    text = ("BCG finds 26% scale [per BCG][bcg]. Gartner finds 62% agree.[^g]\n\n"
            "[bcg]: https://bcg.com/a \"BCG 2024\"\n[^g]: Gartner CEO survey https://gartner.com/s\n")
    doc = extract(tmp_path, text)
    assert cites(claim(doc, "26%")) == [("bcg", "sentence")]
    assert cites(claim(doc, "62%")) == [("g", "sentence")]
    assert {r.key: (r.locator, r.title) for r in doc.references} == {
        "bcg": ("https://bcg.com/a", "BCG 2024"), "g": ("https://gartner.com/s", "Gartner CEO survey")}
    assert doc.findings == []


def test_document_findings(tmp_path: Path) -> None:
    text = ("# Costs\n\nCosts rose 5% [1]. Prices fell 6% [9].\n\n## Sources\n\n"
            "- [1] Used https://a.org\n- [2] Never cited https://b.org\n- [3] No locator here\n")
    doc = extract(tmp_path, text)
    got = {(f.kind, f.key, f.line, f.column) for f in doc.findings}
    assert got == {
        ("dangling_citation", "9", 3, 35),
        ("unused_reference", "2", 8, 1),
        ("unused_reference", "3", 9, 1),
        ("bad_reference", "3", 9, 1),
    }
    assert doc.text.split("\n")[2][34:37] == "[9]"
    assert [(r.key, r.line) for r in doc.references] == [("1", 7), ("2", 8), ("3", 9)]


def test_unnumbered_entries_are_numbered_by_position(tmp_path: Path) -> None:
    text = "Up 5% [2].\n\nReferences:\n\n* First https://a.org\n* Second https://b.org\n"
    doc = extract(tmp_path, text, "d.txt")
    assert [(r.key, r.locator) for r in doc.references] == [("1", "https://a.org"), ("2", "https://b.org")]
    assert [f.kind for f in doc.findings] == ["unused_reference"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Run `rate = 40%` then 6% more.\n", "40%"),
        ("Read https://x.org/2023/55-percent then 6% more.\n", "2023"),
        ("Hidden <!-- 77% --> then 6% more.\n", "77%"),
        ("```\nspeedup = 3x\n```\n\nThen 6% more.\n", "3x"),
        ("    indented 88% code\n\nThen 6% more.\n", "88%"),
        ("![chart of 45%](c.png) then 6% more.\n", "45%"),
    ],
)
def test_figures_in_code_urls_comments_are_ignored(tmp_path: Path, text: str, absent: str) -> None:
    doc = extract(tmp_path, text)
    assert [c.quantity.text for c in doc.claims] == ["6%"], absent


@pytest.mark.parametrize(
    ("data", "name", "line", "column"),
    [
        (b"Title\r\n\r\nUp by 62% [1].\r\n", "d.txt", 3, 7),
        (b"Title\r\rUp by 62% [1].\r", "d.txt", 3, 7),
        ("\ufeff# Title\n\nUp by 62% [1].\n".encode("utf-16-le"), "d.md", 3, 7),
        ("# Tïtlé\n\nÜp bÿ 62% [1].\n".encode(), "d.md", 3, 7),
        (b"# T\n\n> Quoted line\n> up by 62% [1].\n", "d.md", 4, 9),
        (b"# T\n\n1. Item with\n   62% [1] inside\n", "d.md", 4, 4),
    ],
)
def test_positions(tmp_path: Path, data: bytes, name: str, line: int, column: int) -> None:
    doc = extract(tmp_path, data, name)
    c = claim(doc, "62%")
    assert (c.line, c.column, c.end_line, c.end_column) == (line, column, line, column + 2)
    assert at(doc, c) == "62%"


def test_html_positions_point_at_the_figure_in_the_raw_file(tmp_path: Path) -> None:
    html = ("<html><head><title>T 1%</title></head><body>\n<h1>Issue</h1>\n"
            "<p>Gartner&nbsp;finds &ldquo;that&rdquo; &amp; <b>62%</b> of CEOs agree [6].</p>\n"
            "<p>See <a href=\"https://bcg.com/x\">26% of firms</a>.</p>\n"
            "<h2>References</h2><ol><li>[6] Gartner <a href=\"https://g.com/s\">survey</a></li></ol>\n"
            "</body></html>\n")
    doc = extract(tmp_path, html, "d.html")
    assert [c.quantity.text for c in doc.claims] == ["62%", "26%"]
    for c in doc.claims:
        assert at(doc, c) == c.quantity.text
    c = claim(doc, "62%")
    assert c.sentence == "Gartner finds “that” & 62% of CEOs agree."  # nbsp is whitespace: collapsed
    assert cites(c) == [("6", "sentence")]
    assert cites(claim(doc, "26%")) == [("https://bcg.com/x", "sentence")]
    assert doc.reference("6") is not None and doc.reference("6").locator == "https://g.com/s"  # type: ignore[union-attr]
    assert doc.findings == []
    assert doc.title == "Issue"


def test_disabled_claims(tmp_path: Path) -> None:
    text = ("Up 1% here.\n\n<!-- claimledger-disable-next-line misquote -->\nUp 2% here.\n\n"
            "Up 3% here. <!-- claimledger-disable-line -->\n")
    doc = extract(tmp_path, text)
    assert [(c.quantity.text, c.disabled) for c in doc.claims] == [
        ("1%", ()), ("2%", ("misquote",)), ("3%", ("*",))]


def test_claim_id_is_stable_when_the_sentence_moves(tmp_path: Path) -> None:
    a = extract(tmp_path, "# T\n\nUp 62% [1]. Then more.\n", "x.md")
    b = extract(tmp_path, "# T\n\nIntro first.\n\nA new paragraph.   Up   62%\n[1]. Then more.\n", "x.md")
    c = extract(tmp_path, "# T\n\nUp 64% [1]. Then more.\n", "x.md")
    d = extract(tmp_path, "# T\n\nUp 62% [1]. Then more.\n", "y.md")
    ida, idb, idc, idd = (claim(doc, f).id for doc, f in ((a, "62%"), (b, "62%"), (c, "64%"), (d, "62%")))
    assert ida == idb
    assert len({ida, idc, idd}) == 3
    assert len(ida) == 16 and int(ida, 16) >= 0
    assert claim_id("p", "s", 1, "5%") != claim_id("p", "s", 2, "5%")


def test_two_figures_one_sentence_and_headings(tmp_path: Path) -> None:
    doc = extract(tmp_path, "# Why 95% of pilots fail\n\nA $200,000 pilot needs $1-2 million [3].\n")
    assert [c.quantity.text for c in doc.claims] == ["95%", "$200,000", "$1-2 million"]
    assert cites(claim(doc, "95%")) == []
    assert claim(doc, "95%").sentence == "Why 95% of pilots fail"
    assert doc.title == "Why 95% of pilots fail"
    setext = extract(tmp_path, "Why 96% fail ##\n===\n\nBody.\n")
    assert claim(setext, "96%").sentence == "Why 96% fail ##"
    atx = extract(tmp_path, "## Why 97% fail ##\n")
    assert claim(atx, "97%").sentence == "Why 97% fail"
    assert claim(doc, "$200,000").sentence == claim(doc, "$1-2 million").sentence == \
        "A $200,000 pilot needs $1-2 million."


def test_empty_draft(tmp_path: Path) -> None:
    doc = extract(tmp_path, b"")
    assert (doc.claims, doc.findings, doc.references, doc.title) == ([], [], [], None)


def test_invalid_utf8_warning_reaches_the_document(tmp_path: Path) -> None:
    doc = extract(tmp_path, b"Caf\xe9 up 5%.\n", "d.txt")
    assert doc.warnings == ["d.txt: invalid UTF-8, decoded with replacement characters"]
    assert at(doc, claim(doc, "5%")) == "5%"


def test_duplicate_reference_key_warns(tmp_path: Path) -> None:
    doc = extract(tmp_path, "Up 5% [1].\n\n[1]: https://a.org\n[1]: https://b.org\n")
    assert [r.locator for r in doc.references] == ["https://a.org"]
    assert any("defined again" in w for w in doc.warnings)


@pytest.mark.skipif(not SEED.is_file(), reason=f"the seed newsletter is not beside this checkout ({SEED})")
def test_golden_seed_newsletter(tmp_path: Path) -> None:
    copy = tmp_path / "production-valley-newsletter.txt"
    shutil.copyfile(SEED, copy)
    doc = extract_document(read_draft(copy, "newsletter.txt"))
    assert doc.format == "text"
    assert doc.title == "§ ARTICLE / Newsletter"
    for c in doc.claims:
        assert at(doc, c) == c.quantity.text
    lines = doc.text.split("\n")
    # the summary paragraph: sentence-scope markers
    two_thirds = next(c for c in doc.claims if c.line == 9 and c.quantity.text == "Two-thirds")
    assert cites(two_thirds) == [("4", "sentence")]
    # "Source:" paths become block citations and references keyed by the path
    ch02 = "books/enterprise-ai-economics/chapters/ch02-the-adoption-value-gap.md"
    pilot = next(c for c in doc.claims if c.line == 21 and c.quantity.text == "95%")
    assert cites(pilot) == [("4", "paragraph"), (ch02, "block")]
    assert pilot.sentence == "MIT estimates that 95% of AI pilots fail to reach production."
    gartner = next(c for c in doc.claims if c.quantity.text == "62%")
    assert [k for k, _ in cites(gartner)] == ["6", "7", "11", "articles/__published/article-2-first-90-days-ai-leader.md"]
    assert lines[gartner.line - 1].startswith("Research brief")
    assert len([r for r in doc.references if r.locator and "/" in r.locator]) == 9
    assert all(r.locator == r.key for r in doc.references)
    # an empty References section: every numeric marker dangles, nothing is unused
    kinds = {f.kind for f in doc.findings}
    assert kinds == {"dangling_citation"}
    assert {f.key for f in doc.findings} == {"1", "3", "4", "5", "6", "7", "10", "11", "12", "13", "14"}
    # figures of the contract's examples are all found
    texts = [c.quantity.text for c in doc.claims]
    for fig in ("95%", "$200,000", "$1-2 million", "$5-$10 million", "10 billion", "2028", "26%", "74%",
                "11%", "64%", "62%", "70%", "$900 billion"):
        assert fig in texts, fig
    uncited_last = [c for c in doc.claims if c.line == 93]
    assert [c.quantity.text for c in uncited_last] == ["26%"] and uncited_last[0].citations == []


_ALPHABET = st.sampled_from([*"ab AB.,;:-#>*`[]()<>!/\n\r\t0123456789%$€xX^&",
                             "62%", "$1-2 million", "[4]", "[^1]", "[1]: https://a.org", "Source: a/b.md",
                             "https://x.org/9", "<!-- 5 -->", "```\n", "\n\n", "- ", "1. ", "References\n",
                             "é", "\u00a0", "two-thirds", "double", "2028", "\r\n"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(_ALPHABET, max_size=60), suffix=st.sampled_from([".md", ".txt"]))
def test_extract_never_raises_and_positions_hold(tmp_path: Path, parts: list[str], suffix: str) -> None:
    p = tmp_path / f"h{suffix}"
    p.write_bytes("".join(parts).encode("utf-8"))
    doc = extract_document(read_draft(p, p.name))
    lines = doc.text.split("\n")
    for c in doc.claims:
        assert 1 <= c.line <= c.end_line <= len(lines)
        if c.line == c.end_line:
            assert lines[c.line - 1][c.column - 1:c.end_column] == c.quantity.text
        assert doc.text[c.quantity.start:c.quantity.end] == c.quantity.text
        assert c.quantity.text.strip()
    for f in doc.findings:
        assert 1 <= f.line <= len(lines)


def test_no_figure_is_glued_across_hidden_text(tmp_path: Path) -> None:
    doc = extract(tmp_path, "Costs $2<a href='https://x.org'>-5 and 7% more.\n")
    assert [c.quantity.text for c in doc.claims] == ["7%"]
