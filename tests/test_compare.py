"""How a draft figure relates to a source figure (pure): the relations, slips, and the source's
figure in the draft's terms. Every row is two figures as written and what an editor would say."""

from __future__ import annotations

import pytest

from pipeline.compare import compare, in_draft_terms, is_slip, one_digit_off
from pipeline.dimensions import comparable_dimensions, dimension_of, unit_factor
from pipeline.quantities import find_quantities, parse_quantity


def q(text: str):  # type: ignore[no-untyped-def]
    found = parse_quantity(text)
    assert found is not None, text
    return found


@pytest.mark.parametrize(("draft", "source", "relation", "basis"), [
    ("62%", "62 percent", "equal", ""),
    ("$1.2 million", "$1,200,000", "equal", ""),
    ("2 hours", "120 minutes", "equal", ""),
    ("14 minutes", "8 to 14 minutes", "equal", "range_end"),
    ("over 10 billion", "12 billion", "bound", ""),
    ("62%", "61.7%", "rounded", ""),
    ("20,000", "19,860", "rounded", ""),
    ("6 feet", "2 m", "rounded", "converted"),
    ("about 60%", "61.7%", "approx", ""),
    ("250 million", "more than 250 million", "approx", "source_bound"),
    ("10 to 20 percent", "12.4%", "approx", "within"),
    ("more than 300 feet", "95 metres", "approx", "converted"),  # hedged and converted
    ("about 74%", "three-quarters", "approx", ""),  # a fraction is a rounding itself
    ("75%", "three-quarters", "equal", ""),
    ("74%", "three-quarters", "consistent", ""),  # precise: neither repeats nor contradicts it
    ("90%", "over 70 percent", "consistent", ""),  # beyond the source's bound
    ("$2 million", "$2 billion", "scale", ""),
    ("2 hours", "2 minutes", "unit", ""),
    ("5%", "5 percentage points", "unit", ""),
    ("$3 billion", "€3 billion", "currency", ""),
    ("64%", "62%", "different", ""),
    ("more than 79%", "over 80%", "different", ""),  # bounds in one direction quote one number
    ("2024", "62%", "incomparable", ""),
    ("5 km", "5 kg", "incomparable", ""),  # a length is never a weight
    ("62%", "62 m", "incomparable", ""),  # a share is never a length
    ("6.1/10", "6.1", "incomparable", ""),  # a mark only meets a mark on its scale
])
def test_relation(draft: str, source: str, relation: str, basis: str) -> None:
    r = compare(q(draft), q(source))
    assert (r.relation, r.basis) == (relation, basis)


@pytest.mark.parametrize(("draft", "source", "detail"), [
    ("2 hours", "2 minutes", "minutes in the source, hours in the draft"),
    ("5%", "5 percentage points", "percentage points vs per cent"),
    ("$3 billion", "€3 billion", "the source gives EUR, the draft USD"),
    ("$2 million", "$2 billion", "the source says $2 billion"),
    ("250 million", "more than 250 million", "the source says more than 250 million"),
    ("62%", "61.7%", "61.7% rounded"),
])
def test_detail_is_made_from_fields(draft: str, source: str, detail: str) -> None:
    assert compare(q(draft), q(source)).detail == detail


@pytest.mark.parametrize(("draft", "source", "slip"), [
    ("64%", "62%", True),  # a share a few points off
    ("59%", "61%", True),  # both digits differ, two points apart
    ("90%", "70%", True),  # one digit mistyped
    ("90%", "67%", False),  # neither a digit nor a few points: another figure
    ("36,000", "37,000", True),  # one digit
    ("162,000", "122,300", True),  # one digit at the precision the draft's zeros show
    ("3,000", "3,330", True),  # at hundreds: 30 against 33
    ("67", "76", True),  # two digits swapped
    ("850", "85", True),  # a zero too many
    ("$2 million", "$2 billion", True),  # the scale
    ("18 feet", "4.8 m", True),  # 15.7 feet: 18 against 16
    ("triple", "double", True),  # spelled out: the digits of its value
    ("1,400", "150", False),  # neither a digit nor a zero
    ("30 years", "22 years", False),  # "30" read at tens is one digit: no evidence
    ("123.8", "128.66", False),  # read only at the draft's last digit
    ("3 to 9 days", "2 to 14 days", False),  # the high ends are no slip
    ("91 to 95%", "90 to 95%", True),  # one end a slip, the other as written
    ("10 to 20 percent", "24.1%", False),  # a single figure never corrects a range as a whole
])
def test_is_slip(draft: str, source: str, slip: bool) -> None:
    assert is_slip(q(draft), q(source)) is slip


def test_one_digit_off_needs_equal_length() -> None:
    assert not one_digit_off(q("98"), q("102"))
    assert one_digit_off(q("4.2"), q("4.5"))


@pytest.mark.parametrize(("draft", "source", "low", "unit", "per"), [
    ("16 feet", "4.8 m", 4.8 / 0.3048, "ft", None),
    ("4.2 per 10,000", "42 per 100,000", 4.2, None, "10,000"),
    ("62%", "61.7%", 61.7, "%", None),
])
def test_in_draft_terms(draft: str, source: str, low: float, unit: str | None, per: str | None) -> None:
    t = in_draft_terms(q(draft), q(source))
    assert abs(t.low - low) < 1e-9 and t.unit == (unit or t.unit) and t.per == (per or t.per)


def test_dimension_table() -> None:
    assert dimension_of(q("5 km")) == "length" and dimension_of(q("1.2 GW")) == "power"
    assert dimension_of(q("25 basis points")) == "points" and dimension_of(q("62%")) == "percent"
    assert dimension_of(q("$5")) == "money" and dimension_of(q("3x")) == "ratio"
    assert comparable_dimensions("count", "number") and not comparable_dimensions("length", "mass")
    assert unit_factor("hour", "minute") == 60 and unit_factor("degC", "degF") is None
    assert unit_factor("bp", "pp") == 0.01


@pytest.mark.parametrize(("draft", "source", "relation"), [
    ("more than 18 months", "30 months", "consistent"),  # true, but says less than the source
    ("up to 50%", "35%", "consistent"),
    ("almost 250,000", "24,693", "different"),  # ten times below: the digits say slip
    ("over 10 billion", "12 billion", "bound"),  # within the bound's own step: borne out
])
def test_a_bound_in_the_draft(draft: str, source: str, relation: str) -> None:
    assert compare(q(draft), q(source)).relation == relation


@pytest.mark.parametrize(("draft", "source", "relation"), [
    ("children under 18", "aged 19 or younger", "consistent"),  # one group, two conventions
    ("under age 50", "under-20s", "different"),  # another group
])
def test_age_group_conventions(draft: str, source: str, relation: str) -> None:
    c = find_quantities(draft)[0]
    s = find_quantities(source)[0]
    assert compare(c, s).relation == relation
