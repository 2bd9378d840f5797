"""Markers, reference entries and locators: the citation styles writers actually mix."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.citations import (
    MAX_RANGE,
    expand_numbers,
    find_locator,
    find_markers,
    is_references_heading,
    parse_entry,
    parse_source_line,
    split_entries,
)


def keys_of(text: str, raw: str | None = None, defs: tuple[str, ...] = ()) -> list[list[str]]:
    return [m.keys for m in find_markers(text, raw, defs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("never reach deployment [4].", [["4"]]),
        ("gains [6][7][11].", [["6"], ["7"], ["11"]]),
        ("as shown [3, 5].", [["3", "5"]]),
        ("as shown [3-5].", [["3", "4", "5"]]),
        ("as shown [3–5].", [["3", "4", "5"]]),
        ("as shown [3; 7-8]", [["3", "7", "8"]]),
        ("a footnote[^4] here", [["4"]]),
        ("named footnote[^bcg] here", [["bcg"]]),
        ("- [x] done task", []),
        ("- [ ] open task", []),
        ("[link text] with no definition", []),
        ("spaces [  12  ] inside", [["12"]]),
        ("", []),
    ],
)
def test_bracket_markers(text: str, expected: list[list[str]]) -> None:
    assert keys_of(text) == expected


def test_marker_offsets_cover_the_brackets() -> None:
    text = "x [6][7][11]."
    spans = [(m.start, m.end) for m in find_markers(text)]
    assert [text[s:e] for s, e in spans] == ["[6]", "[7]", "[11]"]


def test_range_expansion_is_capped() -> None:
    assert len(expand_numbers("1-10000")) == MAX_RANGE
    assert expand_numbers("5-3") == ["3", "4", "5"]
    assert expand_numbers("2, 2, 3") == ["2", "3"]


def test_inline_link_needs_the_raw_text_and_an_http_destination() -> None:
    raw = "BCG finds [26% of firms](https://bcg.com/x) scale."
    # the mask blanks the destination, exactly as the draft reader does
    dest = raw.index("(https")
    masked = raw[:dest] + " " * (raw.index(")") + 1 - dest) + raw[raw.index(")") + 1:]
    (m,) = find_markers(masked, raw)
    assert m.keys == ["https://bcg.com/x"]
    assert m.kind == "link"
    assert raw[m.start:m.end] == "[26% of firms](https://bcg.com/x)"
    assert m.title == "26% of firms"
    assert find_markers(masked) == []  # without the raw text a link is not readable
    anchor = "see [above](#section)"
    assert find_markers(anchor, anchor) == []


def test_link_destination_with_parentheses() -> None:
    raw = "see [wiki](https://en.wikipedia.org/wiki/A_(b)) now"
    (m,) = find_markers(raw, raw)
    assert m.keys == ["https://en.wikipedia.org/wiki/A_(b)"]


@pytest.mark.parametrize(
    ("text", "defs", "expected"),
    [
        ("BCG [report][bcg] says", ("bcg",), [["bcg"]]),
        ("BCG [report][BCG] says", ("bcg",), [["bcg"]]),
        ("the [bcg][] report", ("bcg",), [["bcg"]]),
        ("the [bcg] report", ("bcg",), [["bcg"]]),
        ("the [bcg] report", (), []),
        ("the [report][nope] says", (), []),
        ("a numeric ref link [text][4]", (), [["4"]]),
    ],
)
def test_reference_style_links(text: str, defs: tuple[str, ...], expected: list[list[str]]) -> None:
    assert keys_of(text, text, defs) == expected


def test_definitions_are_not_markers() -> None:
    assert keys_of("[1]: https://a.org\n[^2]: note") == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("References", True),
        ("## References", True),
        ("Sources:", True),
        ("**Notes**", True),
        ("Works Cited", True),
        ("bibliography", True),
        ("Citations", True),
        ("Referenced works and more", False),
        ("Research", False),
    ],
)
def test_references_heading(line: str, expected: bool) -> None:
    assert is_references_heading(line) is expected


@pytest.mark.parametrize(
    ("entry", "key", "title", "locator"),
    [
        ("[1] BCG AI adoption 2024. https://bcg.com/ai.", "1", "BCG AI adoption 2024", "https://bcg.com/ai"),
        ("1. Gartner CEO survey, https://gartner.com/s?id=1", "1", "Gartner CEO survey",
         "https://gartner.com/s?id=1"),
        ("- [7] McKinsey, State of AI https://mck.com/a", "7", "McKinsey, State of AI", "https://mck.com/a"),
        ("* Stanford AI Index https://aiindex.stanford.edu/report/", None, "Stanford AI Index",
         "https://aiindex.stanford.edu/report/"),
        ("[^3]: Smith et al. doi:10.1000/xyz123", "3", "Smith et al", "doi:10.1000/xyz123"),
        ("[2] Paper https://doi.org/10.5555/abc.1", "2", "Paper", "doi:10.5555/abc.1"),
        ("[4] Some paper 10.1145/3456.7890.", "4", "Some paper", "doi:10.1145/3456.7890"),
        ("[5] GPT report arXiv:2303.08774", "5", "GPT report", "https://arxiv.org/abs/2303.08774"),
        ("[6] Chapter two, books/economics/ch02.md", "6", "Chapter two", "books/economics/ch02.md"),
        ("[8] Data file `data/survey.csv`.", "8", "Data file", "data/survey.csv"),
        ("[9] Internal memo, not published", "9", "Internal memo, not published", None),
        ("[10] [The report](https://r.org/x)", "10", "The report", "https://r.org/x"),
        ("[11] Survey (https://s.org/a_(b)).", "11", "Survey", "https://s.org/a_(b)"),
        ("[12] Yes and/or no", "12", "Yes and/or no", None),
        ("[13] ARK on revenue (stand-in). sources/ark.md", "13", "ARK on revenue (stand-in)", "sources/ark.md"),
        ("[14] (Draft notes", "14", "Draft notes", None),
        ("[01] Zero-padded https://z.org", "1", "Zero-padded", "https://z.org"),
    ],
)
def test_parse_entry(entry: str, key: str | None, title: str | None, locator: str | None) -> None:
    e = parse_entry(entry)
    assert (e.key, e.title, e.locator) == (key, title, locator)


def test_find_locator_prefers_url_then_doi_then_path() -> None:
    assert find_locator("see a/b/c.md or https://x.org")[0] == "https://x.org"
    assert find_locator("doi:10.1234/abc and a/b.md")[0] == "doi:10.1234/abc"
    assert find_locator("first a/one.md then b/two.md")[0] == "b/two.md"
    assert find_locator("nothing at all") == (None, None)


def test_split_entries_joins_continuation_lines() -> None:
    text = "[1] First title\n    https://a.org\n[2] Second https://b.org"
    parts = split_entries(text)
    assert [off for off, _ in parts] == [0, text.index("[2]")]
    assert parse_entry(parts[0][1]).locator == "https://a.org"
    plain = "Title one https://a.org\nTitle two https://b.org"
    assert len(split_entries(plain)) == 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Source: books/a/ch02.md", ("books/a/ch02.md", "books/a/ch02.md")),
        ("Source: https://x.org/p", ("https://x.org/p", "https://x.org/p")),
        ("**Source:** https://x.org/p", ("https://x.org/p", "https://x.org/p")),
        ("Sources: data.xlsx", ("data.xlsx", "data.xlsx")),
        ("Source: Gartner", ("Gartner", None)),
        ("Sourcing matters: a lot", None),
        ("The source: none", None),
    ],
)
def test_parse_source_line(line: str, expected: tuple[str, str | None] | None) -> None:
    assert parse_source_line(line) == expected


@given(st.text(max_size=300))
def test_markers_never_overlap_and_stay_in_bounds(text: str) -> None:
    markers = find_markers(text, text, ("a", "b"))
    prev_end = -1
    for m in markers:
        assert 0 <= m.start < m.end <= len(text)
        assert m.keys
        assert m.start >= prev_end or m.kind != "numeric"
        prev_end = max(prev_end, m.end)
