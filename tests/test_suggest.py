"""The form of a correction (pure): the source's figure as the draft would have written it."""

from __future__ import annotations

import pytest

from pipeline.quantities import parse_quantity
from pipeline.suggest import round_to_draft, suggestion


def q(text: str):  # type: ignore[no-untyped-def]
    found = parse_quantity(text)
    assert found is not None, text
    return found


@pytest.mark.parametrize(("draft", "source", "relation", "expected"), [
    ("64%", "62 percent", "different", "62%"),
    ("sixty-four percent", "62 percent", "different", "62%"),  # spelled out: digits, the draft's unit
    ("$1.5 million", "$1,200,000", "different", "$1.2 million"),
    ("0.5%", "5%", "different", "5%"),  # no more precision than the source states
    ("53 feet", "4 m", "different", "13 feet"),  # in the draft's unit, at the draft's precision
    ("up to 18 feet", "2 to 4.8 m", "different", "16 feet"),  # the end it stands for, in feet (the hedge stays)
    ("140 minutes", "8 to 14 minutes", "different", "14 minutes"),
    ("4.2 per 10,000", "52 per 100,000", "different", "5.2"),  # over the draft's base (the base stays)
    ("250,000", "19,860", "different", "20,000"),  # as round as the draft writes
    ("2 hours", "2 minutes", "unit", "2 minutes"),  # the unit is the slip: the source's words
    ("$2 billion", "$2 million", "scale", "$2 million"),
    ("1 in 6", "25%", "different", "1 in 4"),
    ("Nine out of 10", "70%", "different", "7 out of 10"),
])
def test_suggestion(draft: str, source: str, relation: str, expected: str) -> None:
    assert suggestion(q(draft), q(source), relation) == expected


@pytest.mark.parametrize(("value", "draft", "expected"), [
    (5.9, "5 percent", 6.0),
    (122_300, "162,000", 122_000.0),
    (24_693, "250,000", 25_000.0),  # two significant digits, as "250,000" shows
    (4.16, "4.2", None),  # decimals: the draft means the exact figure
    (1_234, "$20 million", None),  # a scale word is a unit, not roundness
])
def test_round_to_draft(value: float, draft: str, expected: float | None) -> None:
    assert round_to_draft(value, q(draft)) == expected
