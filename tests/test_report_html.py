"""The HTML report's structure, read back with BeautifulSoup (no browser).

These pin what must hold whatever the styling: the page is self-contained under a strict CSP,
everything from drafts and sources is inert text, each figure is highlighted at its exact position
with its verdict and details, markers link to their references, and the sources table explains
every failure.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from html_helpers import (
    DRAFT_IMG,
    DRAFT_SCRIPT,
    SOURCE_SCRIPT,
    claim,
    make_result,
    markdown_document,
)

from pipeline.model import Document, Reference, RunResult
from pipeline.report.html import render


@pytest.fixture(scope="module")
def page() -> str:
    return render(make_result())


@pytest.fixture(scope="module")
def soup(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


def _render_doc(doc: Document) -> BeautifulSoup:
    result = RunResult("r", "2025-01-01T00:00:00+00:00", "2025-01-01T00:00:01+00:00", "0", documents=[doc])
    return BeautifulSoup(render(result), "html.parser")


def _csp(soup: BeautifulSoup) -> dict[str, str]:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None
    return {d.split()[0]: d.split(None, 1)[1] for d in meta["content"].split(";") if d.strip()}


# ---- self-contained, strict CSP -----------------------------------------------------------------


def test_csp_allows_exactly_our_inline_script_and_style(soup: BeautifulSoup) -> None:
    csp = _csp(soup)
    assert csp["default-src"] == "'none'"
    scripts = soup.find_all("script")
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].string.encode()).digest()).decode()
    assert csp["script-src"] == f"'sha256-{digest}'"
    style = soup.find("style").string
    assert csp["style-src"] == f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'"
    assert "unsafe" not in " ".join(csp.values())
    # the CSP must precede everything it governs
    head = [t.name for t in soup.head.find_all(True)]
    assert head.index("meta") < head.index("style")


def test_no_external_resources(page: str, soup: BeautifulSoup) -> None:
    assert not soup.find_all(["link", "img", "iframe", "object", "embed"])
    assert not soup.find_all(src=True)
    assert not soup.find_all(style=True)  # inline style attributes would be blocked by the CSP
    assert "@import" not in page and "url(" not in soup.find("style").string


def test_everything_from_drafts_and_sources_is_inert(page: str, soup: BeautifulSoup) -> None:
    assert SOURCE_SCRIPT not in page and DRAFT_IMG not in page and DRAFT_SCRIPT not in page
    assert len(soup.find_all("script")) == 1
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag.name
    text = soup.get_text()
    assert DRAFT_IMG in text and DRAFT_SCRIPT in text  # shown, as text
    # the evidence excerpt keeps the source's script as visible text
    excerpt = soup.select_one("#c-d1-2 blockquote.excerpt")
    assert SOURCE_SCRIPT in excerpt.get_text()
    # HTML drafts are reduced to visible text: neither their script nor their handlers survive
    assert "__pwned=3" not in page and "__pwned=4" not in page


def test_no_placeholder_characters_leak(page: str) -> None:
    assert not re.search("[\ue000-\uf8ff]", page)


# ---- the draft with its figures ------------------------------------------------------------------


def test_every_figure_is_highlighted_with_its_verdict(soup: BeautifulSoup) -> None:
    doc = markdown_document()
    marks = soup.select("#d1 section.draft mark.fig")
    got = {(m.get_text(), m["data-verdict"]) for m in marks}
    assert got == {(c.quantity.text, c.verdict) for c in doc.claims}
    for m in marks:
        assert m["tabindex"] == "0" and m["role"] == "button" and m["aria-expanded"] == "false"
        assert f"v-{m['data-verdict']}" in m["class"]
        assert soup.find(id=m["aria-describedby"]) is not None
        assert m["aria-label"].startswith(m.get_text())


def test_highlight_sits_inside_markdown_markup(soup: BeautifulSoup) -> None:
    mark = soup.select_one("#d1 mark.v-verified")
    assert mark.parent.name == "strong"  # "**$200,000**" still bold around the highlight
    assert soup.select_one("#d1 section.draft h3").get_text() == "Growth report"  # "#" under our h2


def test_citation_markers_link_to_their_reference_rows(soup: BeautifulSoup) -> None:
    links = soup.select("#d1 section.draft a.cite")
    assert {a["href"] for a in links} == {"#ref-d1-3", "#ref-d1-5", "#ref-d1-7", "#ref-d1-8"}
    for a in links:
        row = soup.find(id=a["href"][1:])
        assert row is not None and row.name == "tr"
    assert soup.select_one("#ref-d1-7 th").get_text() == "[7]"
    # an ordinary Markdown link stays a link to its URL
    assert soup.select_one('#d1 section.draft a[href="https://example.org/survey"]').get_text() == "the survey"


def test_plain_text_is_paragraphs_and_html_is_visible_text(soup: BeautifulSoup) -> None:
    paras = soup.select("#d2 section.draft p")
    assert len(paras) == 2
    assert "That was a record." in paras[0].get_text()
    assert paras[1].select_one("mark.fig").get_text() == "doubled"
    html_paras = [p.get_text() for p in soup.select("#d3 section.draft p")]
    assert html_paras == ["Costs", "Costs fell 8% last year [1].", "A second paragraph."]
    assert soup.select_one("#d3 mark.fig").get_text() == "8%"


def test_figure_in_unicode_line_uses_code_point_columns() -> None:
    text = "Émoji 🎉 café: 45% rise [1].\n"
    doc = Document("x.md", "0" * 64, text, "markdown",
                   claims=[claim(text, "45%", "verified", ("1",))],
                   references=[Reference("1", 3, "t", "https://e.org")])
    assert doc.claims[0].column == 15  # the emoji is one code point
    assert _render_doc(doc).select_one("mark.fig").get_text() == "45%"


def test_figures_that_cannot_be_placed_are_still_listed() -> None:
    text = "One 10% here.\n"
    good = claim(text, "10%", "verified")
    bad = claim(text, "10%", "uncited", n=2)
    bad.line, bad.end_line = 9, 9  # beyond the draft
    s = _render_doc(Document("x.md", "0" * 64, text, "markdown", claims=[good, bad]))
    assert len(s.select("mark.fig")) == 1
    items = s.select("li.detail")
    assert len(items) == 2
    assert "outside the draft" in items[1].get_text()
    assert items[1].select_one("a.jump") is None


def test_figure_inside_a_link_destination_does_not_break_the_url() -> None:
    text = "See [the 2024 data](https://e.org/2024/x) now.\n"
    inside_url = claim(text, "2024/x", "verified")  # a span the renderer puts in an attribute
    s = _render_doc(Document("x.md", "0" * 64, text, "markdown", claims=[inside_url]))
    assert s.select_one("section.draft a")["href"] == "https://e.org/2024/x"
    assert "not in the draft's visible text" in s.select_one("li.detail").get_text()


# ---- details -------------------------------------------------------------------------------------


def test_misquote_details_carry_the_suggestion_and_emphasised_evidence(soup: BeautifulSoup) -> None:
    body = soup.select_one("#c-d1-1-body")
    assert body.select_one(".suggest del").get_text() == "64%"
    assert body.select_one(".suggest ins").get_text() == "62%"
    assert body.select_one("blockquote.excerpt strong.hit").get_text() == "62%"
    assert body.select_one("a.loc")["href"] == "https://example.net/ceo"
    assert "source [7] says 62%" in body.get_text()


def test_uncited_and_unavailable_explain_why(soup: BeautifulSoup) -> None:
    uncited = soup.select_one('li.detail[data-verdict="uncited"]').get_text()
    assert "nothing to check the figure against" in uncited
    unavailable = soup.select_one('li.detail[data-verdict="unavailable"]')
    assert "HTTP 503 Service Unavailable" in unavailable.get_text()
    assert unavailable.select_one('a.cite[href="#ref-d1-5"]') is not None
    not_found = soup.select_one('#d1 li.detail[data-verdict="not_found"]').get_text()
    assert "none states this figure" in not_found


def test_only_misquotes_get_a_correction(soup: BeautifulSoup) -> None:
    with_suggestion = {li["data-verdict"] for li in soup.select("li.detail") if li.select_one(".suggest")}
    assert with_suggestion == {"misquote"}


# ---- header, sources, several drafts --------------------------------------------------------------


def test_chips_count_every_verdict_and_start_unpressed(soup: BeautifulSoup) -> None:
    chips = {b["data-verdict"]: b for b in soup.select("button.chip[data-verdict]")}
    counts = {v: int(b.select_one(".n").get_text()) for v, b in chips.items()}
    assert counts == {"verified": 2, "approximate": 2, "misquote": 1, "not_found": 2,
                      "unavailable": 1, "uncited": 1}
    assert all(b["aria-pressed"] == "false" for b in chips.values())
    assert soup.find("time")["datetime"] == "2025-03-01T10:00:05+00:00"


def test_sources_table_reports_status_origin_hash_and_reason(soup: BeautifulSoup) -> None:
    failed = soup.find(id="ref-d1-5").get_text(" ")
    assert "error" in failed and "HTTP 503 Service Unavailable" in failed and "fetched" in failed
    cached = soup.find(id="ref-d1-3")
    assert "from cache" in cached.get_text() and cached.code.get_text() == "1" * 12
    assert cached.code["title"] == "sha256 " + "1" * 64
    assert "fetched" in soup.find(id="ref-d1-7").get_text()
    # a local path is shown, not linked
    assert soup.select_one("#ref-d3-1 code.loc").get_text() == "data/costs.csv"


def test_several_drafts_get_a_table_of_contents(soup: BeautifulSoup) -> None:
    toc = [a["href"] for a in soup.select("nav.toc a")]
    assert toc == ["#d1", "#d2", "#d3"]
    assert all(soup.find(id=h[1:]).name == "article" for h in toc)
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_single_draft_has_no_toc() -> None:
    s = BeautifulSoup(render(make_result(multi=False)), "html.parser")
    assert s.select_one("nav.toc") is None
    assert "issue-12.md" in s.title.get_text()


def test_print_styles_reveal_details_and_hide_controls(soup: BeautifulSoup) -> None:
    css = soup.find("style").string
    print_css = css[css.index("@media print"):]
    assert ".controls" in print_css and "display:none" in print_css
    assert "ol.figlist>li[hidden]{display:block!important" in print_css
    assert ".fig::after{content:attr(data-n)" in print_css  # figure numbers match the list in print


def test_unsafe_locator_schemes_are_never_links() -> None:
    text = "A 5% rise [1].\n"
    doc = Document("x.md", "0" * 64, text, "markdown", claims=[claim(text, "5%", "verified", ("1",))],
                   references=[Reference("1", 2, "t", "javascript:alert(1)")])
    s = _render_doc(doc)
    assert not [a for a in s.find_all("a", href=True) if "javascript" in a["href"].lower()]
    assert s.select_one("#ref-d1-1 code.loc").get_text() == "javascript:alert(1)"


def test_extract_mode_claims_render_as_unchecked() -> None:
    text = "Up 3% [1].\n"
    c: Any = claim(text, "3%", None, ("1",))
    s = _render_doc(Document("x.md", "0" * 64, text, "markdown", claims=[c]))
    assert s.select_one("mark.fig")["data-verdict"] == "unchecked"
    assert s.select_one('button.chip[data-verdict="unchecked"]') is not None


def test_markdown_raw_html_is_text_and_comments_vanish() -> None:
    text = (
        "Growth hit 30% [1]. <!-- claimledger-disable uncited -->\n\n"
        "<script>\nwindow.__pwned = 5; // 12% here\n</script>\n\n"
        "<div onclick=\"x()\">Inline <b>bold</b> 7%</div>\n"
    )
    claims = [claim(text, "30%", "verified", ("1",)), claim(text, "12%", "uncited", n=2),
              claim(text, "7%", "uncited", n=3)]
    s = _render_doc(Document("x.md", "0" * 64, text, "markdown", claims=claims,
                             references=[Reference("1", 9, "t", "https://e.org")]))
    draft = s.select_one("section.draft")
    assert "claimledger-disable" not in draft.get_text()
    assert not draft.find_all(["script", "div", "b"])
    assert "window.__pwned = 5;" in draft.get_text() and '<div onclick="x()">' in draft.get_text()
    assert [m.get_text() for m in draft.select("mark.fig")] == ["30%", "12%", "7%"]
    assert len(s.find_all("script")) == 1


def test_a_position_that_disagrees_with_its_figure_is_not_highlighted() -> None:
    text = "Sales rose 12% and costs\u00a0fell 3 percent [1].\n"
    wrong = claim(text, "12%", "verified")
    wrong.column += 2  # now points at "% a"
    wrong.end_column += 2
    spaced = claim(text, "3 percent", "verified", n=2)
    spaced.quantity.text = "3\u00a0percent"  # the same figure written with a no-break space
    s = _render_doc(Document("x.md", "0" * 64, text, "markdown", claims=[wrong, spaced]))
    assert [m.get_text() for m in s.select("mark.fig")] == ["3 percent"]
    assert "reads '% a', not this figure" in s.select("li.detail")[0].get_text()


def test_reference_list_lines_keep_their_breaks_and_prose_reflows(soup: BeautifulSoup) -> None:
    refs_para = soup.select("#d1 section.draft p")[-1]
    assert len(refs_para.find_all("br")) == 3  # four "[n] Title. URL" lines
    text = "A long line that wraps\nonto a second line with 5% [1].\n\n[1] Source. https://e.org\n"
    s = _render_doc(Document("x.md", "0" * 64, text, "markdown", claims=[claim(text, "5%", "verified", ("1",))],
                             references=[Reference("1", 4, "Source.", "https://e.org")]))
    assert s.select_one("section.draft p").find("br") is None
