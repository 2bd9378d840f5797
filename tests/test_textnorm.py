"""Normalisation both sides of a match share: what a figure looks like after it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.quantities import find_quantities
from pipeline.textnorm import normalise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("62\u00a0% of CEOs", "62 % of CEOs"),
        ("1\u2009000 people", "1 000 people"),
        ("\ufb01nancial results", "financial results"),  # ligature (PDF)
        ("trans\u00admission", "transmission"),  # soft hyphen
        ("CEO\u2019s \u201cgrowth\u201d", "CEO's \"growth\""),
        ("the odds were 1\u00b77 times", "the odds were 1.7 times"),  # Lancet decimal point
        ("0\u00b723 [95% CI 0\u00b711\u20130\u00b746]", "0.23 [95% CI 0.11\u20130.46]"),
        ("aged &#8805;85 years", "aged \u226585 years"),  # numeric entity left in a text file
        ("a &#x3E; b &amp; c", "a > b &amp; c"),  # only numeric references are decoded
        ("eco-\nnomic growth", "economic growth"),  # hyphenation across a line break
        ("a  \t b\n\n\n\nc", "a b\n\nc"),
        ("\u2212 3%", "- 3%"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_mojibake_is_repaired_before_figures_are_read() -> None:
    broken = "deaths, representing 122\u00e2\u0080\u00af300 excess deaths in the caf\u00c3\u00a9 sector"
    fixed = normalise_text(broken)
    assert fixed == "deaths, representing 122 300 excess deaths in the café sector"
    assert [q.low for q in find_quantities(fixed)] == [122300.0]


def test_text_without_mojibake_marks_is_left_to_the_usual_rules() -> None:
    assert normalise_text("Ça coûte 5 € — naïve café") == "Ça coûte 5 € — naïve café"


def test_middle_dot_between_words_is_kept() -> None:
    assert normalise_text("Home \u00b7 News") == "Home \u00b7 News"


def test_lancet_decimals_read_as_figures() -> None:
    qs = find_quantities(normalise_text("An estimated 1\u00b77 billion people (22%) were at risk."))
    assert [(q.text, q.low) for q in qs][:1] == [("1.7 billion", 1.7e9)]


@given(st.text())
def test_idempotent_and_never_raises(s: str) -> None:
    once = normalise_text(s)
    assert normalise_text(once) == once or "&#" in s


def test_idempotent_where_nfkc_makes_new_mojibake_marks() -> None:
    s = "\u00b8\u00c2\x9a"  # found by hypothesis: NFKC splits the cedilla, leaving "Âš" behind
    once = normalise_text(s)
    assert normalise_text(once) == once


def test_idempotent_where_deletions_leave_combining_marks_unordered() -> None:
    s = "\u00a8\u00ad\u0327"  # found by hypothesis: the soft hyphen went, the marks were left unordered
    once = normalise_text(s)
    assert normalise_text(once) == once


def test_idempotent_where_a_repair_depends_on_a_stripped_space() -> None:
    s = " \u00c2 \u00e2\u00b7"  # found by hypothesis: the repair read "Â " differently once stripped
    once = normalise_text(s)
    assert normalise_text(once) == once
