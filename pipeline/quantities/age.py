"""Ages written as age groups: "the under-20s", "over-70s" (an age bound), and "in her 40s", "in
their late 60s" (an age from 40 up to 50).

Every age has the dimension "age": an age bound is its number with the bound as the qualifier
("under-20s": 20, "max"); an age in decades is the decade as a range with the unit ``DECADE``
(early/mid/late only narrow it within the decade, which no source states as a number). Ages
stated with words around the number ("aged 65 or over", "85 and older", "20 years of age") are
read by ``states_age`` once the figure is built.
"""

from __future__ import annotations

import re

from pipeline.model import Qualifier, Quantity

from .figure import Num, quantity

#: "under-20s", "over-70s": age groups (British usage); the number is an age bound
_AGE_GROUP_BEFORE = re.compile(r"\b(under|over)-\Z", re.I)
_AGE_DECADE_BEFORE = re.compile(r"\bin\s+(?:her|his|their|my|your|our)\s+(?:(?:early|mid|late)[\s-]*)?\Z", re.I)
_PLURAL_S = re.compile(r"s(?![A-Za-z0-9])")


def group_bound(text: str, start: int, n1: Num) -> Qualifier | None:
    """The qualifier of an age group's number ("under-20s": "max", "over-70s": "min"), or None
    when ``n1`` is no age group."""
    if start < 1 or text[start - 1] != "-":
        return None  # the regex ends with the hyphen: most numbers stop here, before a search
    m = _AGE_GROUP_BEFORE.search(text, max(0, start - 8), start)
    if m is None or not _PLURAL_S.match(text, n1.end):
        return None
    return "max" if m.group(1).lower() == "under" else "min"


def in_decade(text: str, start: int, n1: Num) -> Quantity | None:
    """An age in decades after a possessive ("in her 40s", "in their late 60s"): n..n+10."""
    if not (n1.integer and 10 <= n1.value <= 90 and n1.value % 10 == 0):
        return None
    if not _AGE_DECADE_BEFORE.search(text, max(0, start - 24), start) or not _PLURAL_S.match(text, n1.end):
        return None
    return quantity(text, "number", start, n1.end + 1, n1.value, n1.value + 10, DECADE, None, dimension="age")


#: the unit of an age given in decades ("in her 40s"): an explicit marker, so that no rule has to
#: recognise the shape of such a figure (a range ten wide, ending in "s")
DECADE = "decade"

_AGE_BEFORE = re.compile(
    r"(?:\b(?:aged?|ages|age\s+of|older\s+than|younger\s+than)\s+"
    r"(?:(?:of|under|over|below|above|between|from|at\s+least|less\s+than|more\s+than|up\s+to|just|about|around)\s+)*"
    r"(?:[<>≤≥]=?\s*)?"
    r"|\b(?:children|kids|people|adults|persons|individuals|patients|those|anyone|women|men)\s+"
    r"(?:under|over|below|above|younger\s+than|older\s+than)\s+"
    r"|\b(?:under|over)-"
    r"|\bin\s+(?:her|his|their|my|your|our)\s+(?:(?:early|mid|late)[\s-]*)?)\Z",
    re.I,
)
_AGE_AFTER = re.compile(
    r"(?:[\s-]*(?:years?|yrs?)\b)?(?:[\s-]*olds?\b|\s+of\s+age\b"
    r"|\s+(?:and|or)\s+(?:older|over|above|up|younger|under|below)\b)",
    re.I,
)


def states_age(text: str, q: Quantity) -> bool:
    """Does the figure state someone's age? Read from the words around it, not from its kind: "20"
    in "under age 20" and "20 years" in "20 years of age" are the same fact, and neither is a
    count of twenty or a duration."""
    if q.dimension == "age":
        return True
    if q.kind not in ("number", "count", "duration") or q.low < 0:
        return False
    if (q.kind == "duration" and q.unit != "year") or (q.kind == "number" and q.unit is not None):
        return False  # "aged 3 months", "patients over 50 kg"
    return bool(_AGE_BEFORE.search(text, max(0, q.start - 40), q.start) or _AGE_AFTER.match(text, q.end))
