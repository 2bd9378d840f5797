"""The exclusion zones as records: every record's examples go through its own regex and its own
gate (a gate that does not let its regex's matches through would silently drop a zone), and no
figure starts inside what it excludes."""

from __future__ import annotations

import pytest

from pipeline.quantities import find_quantities
from pipeline.quantities.exclusions import EXCLUSIONS, Exclusion, excluded, exclusions

CASES = [(e, ex) for e in EXCLUSIONS for ex in e.examples]


def _spans(e: Exclusion, text: str) -> list[tuple[int, int]]:
    """The spans the record excludes in ``text`` (its group, or groups from it on)."""
    out = []
    for m in e.regex.finditer(text):
        for g in range(e.group, (e.regex.groups if e.group else 0) + 1):
            s, end = m.span(g)
            if s >= 0 and end > s:
                out.append((s, end))
    return out


def test_records_are_named_once_and_have_examples() -> None:
    names = [e.name for e in EXCLUSIONS]
    assert len(names) == len(set(names))
    assert all(e.examples and e.protects for e in EXCLUSIONS)


@pytest.mark.parametrize(("e", "example"), CASES, ids=[f"{e.name}:{x[:30]}" for e, x in CASES])
def test_an_example_passes_its_own_gate(e: Exclusion, example: str) -> None:
    assert _spans(e, example), "the regex excludes nothing in its own example"
    if e.substrings is not None:
        window = example.lower() if e.lower else example
        assert any(sub in window for sub in e.substrings), "no gate substring in the example"
    if e.prefilter is not None:
        assert e.prefilter.search(example), "the prefilter does not match the example"


@pytest.mark.parametrize(("e", "example"), CASES, ids=[f"{e.name}:{x[:30]}" for e, x in CASES])
def test_no_figure_starts_in_an_excluded_span(e: Exclusion, example: str) -> None:
    starts, ends = exclusions(example)
    for s, end in _spans(e, example):
        assert all(excluded(starts, ends, pos) >= 0 for pos in range(s, end))
    figures = find_quantities(example)
    for s, end in _spans(e, example):
        assert not [q.text for q in figures if s <= q.start < end]


def test_a_letter_that_folds_under_re_i_disables_the_gates(monkeypatch: pytest.MonkeyPatch) -> None:
    # "ſ" (long s) matches "s" under re.I: the regex finds "iſbn ..." while the lower-cased gate
    # substring "isbn" is not in the text, so with such a letter present every record must run
    text = "See i\u017fbn 9780131103627 for it."
    assert find_quantities(text) == []
    monkeypatch.setattr("pipeline.quantities.exclusions._FOLD_SPECIAL", ())
    assert find_quantities(text) != []  # the case needs the rule: the gate alone would miss it


def test_a_long_url_is_seen_whole() -> None:
    # the digits are far from the start of the token: the window must reach back to it
    url = "https://example.org/" + "a" * 300 + "/2021/12"
    assert find_quantities(f"Read {url} for details.") == []
    assert [q.text for q in find_quantities(f"Read {url} for 40% of it.")] == ["40%"]
