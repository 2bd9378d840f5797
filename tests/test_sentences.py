"""The sentence splitter: where sentences end, and where they must not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


CASES: list[tuple[str, list[str]]] = [
    ("One. Two.", ["One.", "Two."]),
    ("Is it? Yes! Fine.", ["Is it?", "Yes!", "Fine."]),
    ("Sales in the U.S. rose 5%.", ["Sales in the U.S. rose 5%."]),
    ("The U.S. Army grew.", ["The U.S. Army grew."]),
    ("It grew in the U.S. The U.K. lagged.", ["It grew in the U.S.", "The U.K. lagged."]),
    ("Fruits, e.g. apples, sold well.", ["Fruits, e.g. apples, sold well."]),
    ("Fruits, e.g. Apples, sold well.", ["Fruits, e.g. Apples, sold well."]),
    ("That is, i.e. Most of them.", ["That is, i.e. Most of them."]),
    ("Apples, pears, etc. were sold. Then it rained.", ["Apples, pears, etc. were sold.", "Then it rained."]),
    ("Apples, pears, etc. The rest spoiled.", ["Apples, pears, etc.", "The rest spoiled."]),
    ("It cost approx. 5 dollars.", ["It cost approx. 5 dollars."]),
    ("Apples vs. Oranges is old.", ["Apples vs. Oranges is old."]),
    ("Dr. Smith agreed. Mr. Jones did not.", ["Dr. Smith agreed.", "Mr. Jones did not."]),
    ("He lives on Main St. Paul lives nearby.", ["He lives on Main St. Paul lives nearby."]),
    ("The No. 5 seed lost.", ["The No. 5 seed lost."]),
    ("It began on Feb. 23 last year.", ["It began on Feb. 23 last year."]),
    ("Acme Inc. The firm grew.", ["Acme Inc.", "The firm grew."]),
    ("Acme Inc. reported gains.", ["Acme Inc. reported gains."]),
    ("Acme Corp. Profits rose.", ["Acme Corp. Profits rose."]),
    ("Acme Ltd. has 40 staff.", ["Acme Ltd. has 40 staff."]),
    ("J. K. Rowling wrote it.", ["J. K. Rowling wrote it."]),
    ("The book by J. R. R. Tolkien sold.", ["The book by J. R. R. Tolkien sold."]),
    ("It raised $1.5 bn. The round closed.", ["It raised $1.5 bn.", "The round closed."]),
    ("It raised $1.5 bn. in total.", ["It raised $1.5 bn. in total."]),
    ("Pi is 3.14 roughly. E is 2.72.", ["Pi is 3.14 roughly.", "E is 2.72."]),
    ("Wait... Then it came.", ["Wait...", "Then it came."]),
    ("Wait... and then it came.", ["Wait... and then it came."]),
    ("Wait\u2026 Then it came.", ["Wait\u2026", "Then it came."]),
    ('He said "yes." Then he left.', ['He said "yes."', "Then he left."]),
    ("He left (quietly.) Then rain.", ["He left (quietly.)", "Then rain."]),
    ("Sales grew. [4] Next year fell.", ["Sales grew. [4]", "Next year fell."]),
    ("Sales grew [4]. Next year fell.", ["Sales grew [4].", "Next year fell."]),
    ("Sales grew.[4] Next year fell.", ["Sales grew.[4]", "Next year fell."]),
    ("Sales grew.[4][5] Next year fell.", ["Sales grew.[4][5]", "Next year fell."]),
    ("Sales grew.[^2] Next year fell.", ["Sales grew.[^2]", "Next year fell."]),
    ("Sales grew. [3, 5] Next year fell.", ["Sales grew. [3, 5]", "Next year fell."]),
    ("First paragraph\n\nSecond paragraph", ["First paragraph", "Second paragraph"]),
    ("A line that wraps\nonto the next line.", ["A line that wraps\nonto the next line."]),
    ("Intro line\n- item one\n- item two", ["Intro line", "- item one", "- item two"]),
    ("Intro line\n1. item one\n2. item two", ["Intro line", "1. item one", "2. item two"]),
    ("# Heading\nBody text here.", ["# Heading", "Body text here."]),
    ("Growth was 5%. 30 firms failed.", ["Growth was 5%.", "30 firms failed."]),
    ("See Fig. 3 for details.", ["See Fig. 3 for details."]),
    ("Read pp. 40-45 first.", ["Read pp. 40-45 first."]),
    ("Smith et al. Found it.", ["Smith et al. Found it."]),
    ("   Leading and trailing.   ", ["Leading and trailing."]),
    ("", []),
    ("No final period", ["No final period"]),
    ("Really?! Yes.", ["Really?!", "Yes."]),
    ("The file is example.com. The end.", ["The file is example.com.", "The end."]),
    ("She arrived at 3 p.m. The meeting began.", ["She arrived at 3 p.m.", "The meeting began."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_blank_line_ends_even_without_period() -> None:
    text = "Revenue rose 5%\n\n\nCosts fell"
    assert _split(text) == ["Revenue rose 5%", "Costs fell"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(
    ["Dr.", " ", "\n", "\n\n", ".", "...", "\u2026", "U.S.", "[4]", '"', ")", "A", "a", "3.14", "?", "!",
     "J.", "etc.", "- ", "# ", "\u200f", "\x00"]), max_size=60).map("".join)))
def test_properties(text: str) -> None:
    spans = split_sentences(text)
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev = e
    # nothing but whitespace is left out
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)
