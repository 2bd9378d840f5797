"""The source index: built once, saved as plain data, loaded by later runs with the same result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import run
from pipeline.config import Options
from pipeline.dimensions import dimension_of
from pipeline.match import INDEX_VERSION, SourceIndex, respective_pairs
from pipeline.model import RunResult
from pipeline.quantities import find_quantities

TEXT = """Annual survey of chief executives
Published Sep 10, 2018
Gartner finds that 62% of CEOs chose growth as their top priority, the highest share since 2014.
Cost cutting came second with 21% (95% CI 18-24%), and 9% named digital transformation.
The survey asked 1,000 chief executives in 12 countries; 260,000 responses were screened.
"""


def test_saved_index_equals_the_built_one() -> None:
    built = SourceIndex.build(TEXT)
    data = json.loads(json.dumps(built.to_data()))  # through JSON, as the cache stores it
    loaded = SourceIndex.from_data("", data)
    assert [(p.text, p.quantities, p.stems) for p in loaded.passages] == \
        [(p.text, p.quantities, p.stems) for p in built.passages]
    assert loaded.postings == built.postings and loaded.idf == built.idf
    assert loaded.values == built.values and loaded.dated == built.dated == {2018: (1, 0)}


def test_version_is_a_number_bumped_by_hand() -> None:
    """Not a hash of the source files any more (a comment edit invalidated every saved index):
    tests/test_index_version.py says when to bump it."""
    assert INDEX_VERSION.isdigit() and int(INDEX_VERSION) >= 2


def test_a_second_run_loads_indexes_from_the_cache_with_identical_verdicts(tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text(TEXT)
    (tmp_path / "d.md").write_text("Gartner finds 64% of CEOs chose growth [1]. Cost cutting came second "
                                   "with 21% [1].\n\n## References\n\n[1] Survey. src.txt\n")
    opts = Options(root=str(tmp_path), cache_dir=str(tmp_path / "cache"), no_ledger=True, quiet=True)
    first = run.check([str(tmp_path / "d.md")], opts)
    saved = list((tmp_path / "cache" / "index").glob("*/*.json"))
    assert len(saved) == 1
    second = run.check([str(tmp_path / "d.md")], opts)

    def verdicts(r: RunResult) -> list[tuple[str | None, str | None]]:
        return [(c.verdict, c.suggestion) for _d, c in r.claims()]

    assert verdicts(first) == verdicts(second) == [("misquote", "62%"), ("verified", None)]
    # a damaged file is a miss, not a crash: the index is built again and saved again
    saved[0].write_text("{not json")
    assert verdicts(run.check([str(tmp_path / "d.md")], opts)) == verdicts(first)
    assert json.loads(saved[0].read_text())["passages"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Had lockdowns begun one week, two weeks, or three weeks earlier, cases could have fallen by "
     "66%, 86%, and 95%, respectively.", {"86%": "two weeks", "95%": "three weeks"}),
    ("In 2019 and 2020 the rates were 12.4% (95% CI 9.8-15.4) and 17.1% (13.3-21.8), respectively.",
     {"12.4%": "2019", "17.1%": "2020"}),
    ("Sensitivity and specificity were 97% and 100%, respectively.", {}),
    ("Rates were 12%, 14% and 19% in the three regions.", {}),
])
def test_respectively_pairs(text: str, expected: dict[str, str]) -> None:
    qs = find_quantities(text)
    pairs = respective_pairs(text, qs)
    assert {qs[v].text: qs[i].text for v, i in pairs.items()} == expected


@pytest.mark.parametrize(("text", "age"), [
    ("Cases fell among the under-20s.", True),
    ("Adults aged 65 or over were offered it.", True),
    ("Those 85 and older were most at risk.", True),
    ("Individuals under 20 years of age were less susceptible.", True),
    ("The 31-year-old actress won.", True),
    ("Patients over 50 kg got a larger dose.", False),
    ("Infants aged 3 months were excluded.", False),
    ("The trial enrolled 50 patients.", False),
    ("Most who died were in their 60s.", True),
])
def test_ages_are_read_from_their_words(text: str, age: bool) -> None:
    """The grammar gives an age the dimension "age" from the words around it."""
    q = find_quantities(text)[0]
    assert (dimension_of(q) == "age") is age


def test_local_words_stop_at_the_next_clause() -> None:
    from pipeline.match import local_words

    text = "Sales in Asia rose 30%, and sales in America rose 8% in the year."
    qs = find_quantities(text)
    first, second = (local_words(text, q, [o for o in qs if o is not q]) for q in qs)
    assert "asia" in first.words and "america" not in first.words
    assert "america" in second.words and "asia" not in second.words
