"""Derived figures through the judge, end to end (issue 16): every row of the case table
(tests/derived_cases.py) as a claim against its cited passage, with the verdict, the suggestion
and the derivation an editor would get."""

from __future__ import annotations

import pytest

from tests.derived_cases import CASES, DerivedCase
from tests.test_judge import _doc, judge


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_derived_case(case: DerivedCase) -> None:
    doc, sources = _doc(case.draft, case.figure, case.source)
    judge(doc, sources)
    claim = doc.claims[0]
    assert claim.verdict == case.verdict, f"{case.id}: {claim.message} (suggestion {claim.suggestion!r})"
    if case.verdict == "misquote":
        assert claim.suggestion == case.suggestion, claim.message
    if case.operands and case.verdict != "not_found":
        d = claim.derivation
        if case.operation == "conversion" and d is None:
            # the source states the figure in another unit: the comparison converts it directly
            assert claim.message and claim.message.startswith("source [7]"), claim.message
            return
        assert d is not None, f"{case.id}: {claim.message}"
        assert d["operation"] == case.operation
        assert sorted(o["value_text"] for o in d["operands"]) == sorted(case.operands)
        text = sources["src.txt"].text
        assert text is not None
        for o in d["operands"]:  # each operand's offset points at it in the source
            assert text[o["offset"]:o["offset"] + len(o["value_text"])] == o["value_text"]
        assert d["formula"] and "=" in d["formula"]
