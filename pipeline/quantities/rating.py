"""Ratings: a decimal mark on a scale ("an average rating of 6.1/10", "3.5/5", "72.5/100").

A rating is one figure, ``kind="number"`` with the scale as its unit ("/10"), so it compares only
with marks on the same scale. Only a decimal mark is read: a whole "6/10" may be a date or a
fraction, and stays in the slash exclusion zone (``exclusions.py``).
"""

from __future__ import annotations

import re

from pipeline.model import Quantity

from .figure import Num, quantity
from .hedges import hedge

_RATING_AFTER = re.compile(r"/(?P<d>5|10|100)(?![0-9/]|[.,][0-9])")


def read_rating(text: str, start: int, n1: Num, currency: str | None) -> Quantity | None:
    """``n1`` as a mark on a scale of 5, 10 or 100 written right after it; None otherwise."""
    if currency is not None or n1.scale is not None or n1.integer:
        return None
    m = _RATING_AFTER.match(text, n1.end)
    if m is None or n1.value > float(m.group("d")):
        return None
    qual, _ = hedge(text, start)
    return quantity(text, "number", start, m.end(), n1.value, n1.value, "/" + m.group("d"), qual)
