"""Ages written as age groups: "the under-20s", "over-70s" (an age bound), and "in her 40s", "in
their late 60s" (an age from 40 up to 50).

Both are ``kind="number"`` without a unit: an age bound is its number with the bound as the
qualifier ("under-20s": 20, "max"); an age in decades is the decade as a range (early/mid/late
only narrow it within the decade, which no source states as a number). Ages stated with a verb
("aged 65 or over", "85 and older") are plain numbers with a hedge (``hedges.py``).
"""

from __future__ import annotations

import re

from pipeline.model import Quantity

from .figure import Num, quantity

#: "under-20s", "over-70s": age groups (British usage); the number is an age bound
_AGE_GROUP_BEFORE = re.compile(r"\b(under|over)-\Z", re.I)
_AGE_DECADE_BEFORE = re.compile(r"\bin\s+(?:her|his|their|my|your|our)\s+(?:(?:early|mid|late)[\s-]*)?\Z", re.I)
_PLURAL_S = re.compile(r"s(?![A-Za-z0-9])")


def group_bound(text: str, start: int, n1: Num) -> str | None:
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
    return quantity(text, "number", start, n1.end + 1, n1.value, n1.value + 10, None, None)
