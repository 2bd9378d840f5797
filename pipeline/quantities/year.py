"""Years: "2014", "FY2024", "Fiscal 2022", "2012-13", "2010-2020", "the 1990s", "the 1900s",
"500 BC", "AD 800", "800 CE".

A year is ``kind="year"``. "500 BC"/"500 BCE" has a negative value; "1990s" is 1990..1999 and
"1900s" (a century) 1900..1999. A four-digit number from 1800 to 2100 is a year unless a hedge or
a word for people makes it a count ("about 2000 people", "2000 employees"); from 1000 to 1799
only after a word that introduces a date ("in 1066").
"""

from __future__ import annotations

import re

from pipeline.model import Qualifier, Quantity

from .count import noun
from .figure import Num, quantity
from .hedges import hedge
from .patterns import MONTHS_RX, WS
from .percent import after as percent_after

#: the fiscal-year atom: "FY2024", "FY 24", "Fiscal 2022"
ATOM_FY = re.compile(r"(?P<fy>(?:FY|Fiscal |fiscal )[ ]?'?(?P<fyn>[0-9]{4}|[0-9]{2})(?![\w]))")
_YEAR_PREP = re.compile(
    r"(?<![\w])(?:in|by|since|until|till|from|through|before|after|during|of|year|years|early|late|mid"
    r"|end|start|beginning|circa|c\.|ca\.|to|and|between|fiscal|FY|the|spring|summer|autumn|fall|winter"
    r"|Q[1-4]|H[12]|" + MONTHS_RX + r"),?\s+\Z",
    re.I,
)
_ERA_AFTER = re.compile(rf"{WS}?(?P<e>BCE|BC|B\.C\.|CE|AD|A\.D\.)(?![\w])")
_ERA_BEFORE = re.compile(r"(?:AD|A\.D\.)\s\Z")
#: nouns after which a number from 1800 to 2100 counts people or firms, not a year
_PEOPLE_AFTER = re.compile(r"\s+(?:people|persons|employees|workers|users|"
                           r"patients|respondents|participants|companies|firms)\b")


def read_fy(text: str, m: re.Match[str]) -> tuple[Quantity | None, int]:
    """A fiscal year atom (``ATOM_FY``): "FY24" is 2024."""
    y = m.group("fyn")
    year = float(y) if len(y) == 4 else 2000.0 + float(y)
    if not 1000 <= year <= 2100:
        return None, m.end()
    q, _ = hedge(text, m.start())
    return quantity(text, "year", m.start(), m.end(), year, year, None, q), m.end()


def read_year(text: str, n1: Num, start: int, qual: Qualifier | None) -> Quantity | None:
    """``n1`` (no unit, no range) as a year, a decade ("1990s") or an era year ("500 BC"), or
    None when it is none of them."""
    if n1.spelled or not n1.integer or n1.comma or n1.scale is not None:
        return None
    v = n1.value
    end = n1.end
    digits = text[n1.start:n1.end]
    # decades "1990s"
    if (len(digits) == 4 and end < len(text) and text[end] == "s"
            and (end + 1 == len(text) or not text[end + 1].isalnum())
            and 1000 <= v <= 2100 and v % 10 == 0):
        hi = v + (99 if v % 100 == 0 else 9)
        return quantity(text, "year", start, end + 1, v, hi, None, qual)
    em = _ERA_AFTER.match(text, end)
    if em and 1 <= v <= 9999 and len(digits) <= 4:
        e = em.group("e").replace(".", "")
        val = -v if e.startswith("B") else v
        return quantity(text, "year", start, em.end(), val, val, None, qual)
    if _ERA_BEFORE.search(text, max(0, start - 6), start) and len(digits) <= 4:
        return quantity(text, "year", start, end, v, v, None, qual)
    if len(digits) != 4 or not 1000 <= v <= 2100:
        return None
    word = noun(text, end)[0]
    prep = _YEAR_PREP.search(text, max(0, start - 14), start)
    if 1800 <= v <= 2100:
        if qual is not None and word is not None:
            return None
        if word is not None and not prep and _PEOPLE_AFTER.match(text[end:end + 20]):
            return None
        return quantity(text, "year", start, end, v, v, None, qual)
    if prep and word is None:
        return quantity(text, "year", start, end, v, v, None, qual)
    return None


def range_of_years(text: str, n1: Num, n2: Num, dash: bool, sep_to: str | None, currency: str | None,
                   first_pct: bool) -> bool:
    """Whether "n1-n2" is a span of years ("2012-13", "2012–2013", "2010 to 2020"); for a
    two-digit end, ``n2.value`` becomes the full year. ``dash``/``sep_to``: how the two are
    joined."""
    if not (n1.four_digit and 1000 <= n1.value <= 2100 and n1.scale is None and currency is None
            and not first_pct and n2.integer and not n2.comma and n2.scale is None and not n2.spelled):
        return False
    digits = text[n2.start:n2.end]
    if len(digits) == 2 and (dash or sep_to in ("to", "through")):
        full = n1.value // 100 * 100 + n2.value
        if full > n1.value and not percent_after(text, n2.end):
            n2.value = full
            return True
    return len(digits) == 4 and 1000 <= n2.value <= 2100 and n2.value > n1.value \
        and not percent_after(text, n2.end)
