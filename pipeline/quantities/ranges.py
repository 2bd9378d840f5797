"""Ranges: two numbers read as one figure ("10-20%", "$1-2 million", "between 5 and 10 sites",
"3 to 4.5 days", "2012-13"), and the pairs that look like one but are not.

"X to Y", "X-Y", "between X and Y" are one figure; "from X to Y" is a change, two figures. A unit
written on both ends makes one range only when it is the same unit ("3 hours and 5 minutes" is
two figures). A scale word on the second end is shared ("$1-2 million"). Scores, two integers of
at most 30 joined by a dash with the first larger ("5-4", "3–1 win"), are no figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import percent
from .figure import Num
from .numbers import attach_scale, read_number_at
from .patterns import WS
from .units import range_end_unit, range_start_unit
from .year import range_of_years

_RANGE_SEP = re.compile(rf"(?:{WS}*(?P<d>[-\u2013\u2014\u2011])|{WS}+(?P<to>to|and|through|thru){WS}+)(?P<cur>[$€£¥₹]|US\$)?{WS}*")
_BETWEEN_BEFORE = re.compile(r"between\s+\Z")
_FROM_BEFORE = re.compile(r"(?:from|between)\s+\Z")
_NONE: tuple[Num | None, str] = (None, "")


def read_range(text: str, n1: Num, start: int, currency: str | None,
               excluded: Callable[[int], int]) -> tuple[Num | None, str]:
    """The second number of a range starting with ``n1``, and what kind of pair it is: "range",
    "year" (``n2.value`` is then the full year) or "score" (no figure); ``(None, "")`` when no
    range starts here. May give ``n1`` the scale of the second end. A currency sign before the
    second number ("$1 million to $2 million") needs one before the first."""
    # a unit already attached to n1 ("10%-20%", "$1 million to $2 million") is allowed
    pos = n1.end
    first = range_start_unit(text, start, pos)
    first_pct_unit = first.unit if first is not None and first.dimension == "percent" else None
    first_pct = first_pct_unit is not None
    first_unit = None
    if first is not None:
        if first.dimension == "multiplier":
            if first.form in ("x", "x2"):  # "1.5x-2x"; "3 times to 5 times" is no range
                pos = first.end
        else:
            pos = first.end
            if not first_pct:
                # a unit written on both ends ("between 3 hours and 5 hours", "1.5C to 2C"): the
                # same unit must follow the second number
                first_unit = first
    sm = _RANGE_SEP.match(text, pos)
    if not sm:
        return _NONE
    sep_to = sm.group("to")
    if sep_to:
        sep_to = sep_to.lower()
        window = text[max(0, start - 12):start].lower()
        if sep_to == "and":
            if not _BETWEEN_BEFORE.search(window):
                return _NONE
        elif _FROM_BEFORE.search(window):
            return _NONE
    cur2 = sm.group("cur")
    if cur2 and currency is None:
        return _NONE
    if not cur2 and sm.end() < len(text) and text[sm.end():sm.end() + 1] in "€£$":
        return _NONE
    if excluded(sm.end()) >= 0:
        return _NONE
    n2 = read_number_at(text, sm.end())
    if n2 is None or (n2.spelled != n1.spelled):
        return _NONE
    attach_scale(text, n2, currency is not None)
    if range_of_years(text, n1, n2, bool(sm.group("d")), sep_to, currency, first_pct):
        return n2, "year"
    if sm.group("d") and n1.integer and n2.integer and not n1.spelled and n1.scale is None \
            and n2.scale is None and n1.value <= 30 and n2.value <= 30 and n1.value > n2.value \
            and currency is None and not first_pct and not percent.after(text, n2.end):
        return n2, "score"
    if n1.scale is None and n2.scale is not None:
        if n1.value <= n2.value:
            # the scale is shared: "$1-2 million", "1 to 2 billion"
            n1.scale_mult = n2.scale_mult
        elif n1.value > n2.value * n2.scale_mult:
            return _NONE
    elif n2.value * n2.scale_mult < n1.value * n1.scale_mult:
        return _NONE
    pct2 = percent.read_unit(text, n2.start, n2.end)
    if first_pct and pct2 is None and sep_to:
        # "10% to 20 people": not a range
        return _NONE
    if first_pct and pct2 is not None and (first_pct_unit == "%") != (pct2.unit == "%"):
        # "rose 2 percentage points to 45%": a change and a level, not a range
        return _NONE
    if first_unit is not None:
        second = range_end_unit(text, n2.start, n2.end)
        if second is None or second.unit != first_unit.unit:
            return _NONE
    return n2, "range"
