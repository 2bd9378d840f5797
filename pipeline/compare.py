"""How a figure in a draft relates to a figure in a source (pure).

The verdict rules need more than "equal or not": a draft may round ("62%" for 61.7%), hedge
("about 60%", "over 10 billion"), give a range the source covers, or state the right digits in the
wrong scale or unit ("$2 million" for $2 billion, "5%" for 5 percentage points). Each of those is a
different message for the editor, so :func:`compare` names the relation instead of returning a
score.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Literal

from .model import Quantity

Relation = Literal[
    "equal",  # the same figure (or the draft's range covered by the source's)
    "bound",  # a hedged bound that the source satisfies ("over 10 billion" for 12 billion)
    "rounded",  # the draft rounds the source correctly ("62%" for 61.7%)
    "approx",  # a hedged draft figure close enough to the source ("about 60%" for 61.7%)
    "scale",  # same digits, another magnitude (million vs billion)
    "unit",  # same number, another unit (% vs percentage points, x vs %)
    "per",  # same number, another period (per month vs per year)
    "currency",  # same amount, another currency
    "different",  # comparable figures that differ
    "incomparable",  # different kinds of thing (a year against a percentage)
]

#: which kinds can describe the same fact
_GROUP = {
    "percent": "share",
    "proportion": "share",
    "currency": "money",
    "multiplier": "ratio",
    "count": "number",
    "number": "number",
    "duration": "duration",
    "year": "year",
}

_EPS = 1e-9


def group(q: Quantity) -> str:
    return _GROUP.get(q.kind, "number")


def comparable(claim: Quantity, source: Quantity) -> bool:
    """Could these two figures be the same fact? Loosely: numbers and counts mix, a multiplier may be
    written as a plain number in a source ("odds ratio 18.7"), a share may be a bare number in a table."""
    if _rating(claim) or _rating(source):
        return claim.unit == source.unit  # "6.1/10" is only ever another mark out of ten
    gc, gs = group(claim), group(source)
    if gc == gs:
        return True
    pair = {gc, gs}
    return pair in ({"ratio", "number"}, {"share", "number"}, {"duration", "number"}, {"money", "number"})


def _rating(q: Quantity) -> bool:
    return bool(q.unit and q.unit.startswith("/"))


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= _EPS * max(1.0, abs(a), abs(b))


_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def precision(q: Quantity, coarse: bool | None = None, high: bool = False) -> float:
    """The unit of the last digit the draft wrote, in the quantity's own value units.

    "61.7%" -> 0.1; "62%" -> 1; "$1.2 million" -> 100,000; "10 billion" -> 1e9. Trailing zeros of an
    integer count as written (60 -> 1) unless `coarse` (default: the figure is hedged), where
    "about 60%" means tens and "20,000" means thousands. A range is read at its first number, or
    with `high` at its last ("2 to 4.8 m": 1 and 0.1).
    """
    if coarse is None:
        coarse = q.approx
    nums = _DIGITS.findall(q.text)
    value = abs(q.high) if high else (abs(q.low) if q.low else abs(q.high))
    if not nums or value == 0:
        return max(abs(value) * 0.01, _EPS)
    raw = (nums[-1] if high else nums[0]).replace(",", "")
    try:
        written = float(raw)
    except ValueError:
        return max(value * 0.01, _EPS)
    factor = value / written if written else 1.0
    if "." in raw:
        step = 10.0 ** -len(raw.split(".", 1)[1])
    else:
        step = 1.0
        if coarse:
            stripped = raw.rstrip("0")
            step = 10.0 ** (len(raw) - len(stripped)) if stripped else 1.0
    return step * factor


@dataclass(frozen=True, slots=True)
class Comparison:
    relation: Relation
    detail: str = ""

    @property
    def supports(self) -> bool:
        return self.relation in ("equal", "bound")

    @property
    def close(self) -> bool:
        return self.relation in ("rounded", "approx")

    @property
    def wrong(self) -> bool:
        return self.relation in ("scale", "unit", "per", "currency", "different")


def _values_equal(c: Quantity, s: Quantity) -> bool:
    return _same(c.low, s.low) and _same(c.high, s.high)


def _ends_round(c: Quantity, s: Quantity) -> bool:
    """Both ends of the draft's range are the source's ends, rounded at the draft's precision."""
    step = precision(c, coarse=False)
    return abs(c.low - s.low) < step / 2 + _EPS and abs(c.high - s.high) < step / 2 + _EPS


def _round_range(c: Quantity) -> bool:
    """Both ends are multiples of five in the draft's last written digit, and the range is narrow
    enough (at most four-fold) to say something."""
    step = precision(c, coarse=False)
    if c.low <= 0 or c.high > 4 * c.low or step <= 0 or not _DIGITS.search(c.text):
        return False
    lo, hi = c.low / step, c.high / step
    return all(abs(v - round(v)) < 1e-6 and round(v) % 5 == 0 for v in (lo, hi))


def _scale_mismatch(c: Quantity, s: Quantity) -> bool:
    if not c.low or not s.low:
        return False
    ratio = c.low / s.low
    if ratio <= 0:
        return False
    k = math.log10(ratio)
    return abs(k - round(k)) < 1e-6 and round(k) != 0 and round(k) % 3 == 0


#: unit -> (dimension, size in the dimension's base unit): what converts into what
UNITS: dict[str, tuple[str, float]] = {
    "second": ("time", 1.0), "minute": ("time", 60.0), "hour": ("time", 3600.0), "day": ("time", 86400.0),
    "week": ("time", 604800.0), "month": ("time", 2629800.0), "year": ("time", 31557600.0), "decade": ("time", 315576000.0),
    "m": ("length", 1.0), "km": ("length", 1000.0), "cm": ("length", 0.01), "mm": ("length", 0.001),
    "ft": ("length", 0.3048), "in": ("length", 0.0254), "yd": ("length", 0.9144), "mi": ("length", 1609.344),
    "kg": ("mass", 1.0), "g": ("mass", 0.001), "mg": ("mass", 1e-6), "lb": ("mass", 0.45359237),
    "oz": ("mass", 0.028349523125),
    "degC": ("celsius", 1.0), "degF": ("fahrenheit", 1.0),
    "pp": ("points", 1.0), "bp": ("points", 0.01),  # 25 basis points are 0.25 percentage points
    **{p + "W": ("power", f) for p, f in (("", 1.0), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12))},
    **{p + "Wh": ("energy", f) for p, f in (("", 1.0), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12))},
}


_UNIT_NAMES = {"pp": "percentage points", "bp": "basis points",
               "m": "metres", "km": "kilometres", "cm": "centimetres", "mm": "millimetres", "ft": "feet",
               "in": "inches", "yd": "yards", "mi": "miles", "kg": "kilograms", "g": "grams", "mg": "milligrams",
               "lb": "pounds", "oz": "ounces", "degC": "degrees Celsius", "degF": "degrees Fahrenheit"}


POINTS = ("pp", "bp")


_PREFIX_NAMES = {"": "", "k": "kilo", "M": "mega", "G": "giga", "T": "tera"}


def unit_name(unit: str | None) -> str:
    u = unit or ""
    if u.endswith("Wh") and u[:-2] in _PREFIX_NAMES:
        return f"{_PREFIX_NAMES[u[:-2]]}watt-hours"
    if u.endswith("W") and u[:-1] in _PREFIX_NAMES:
        return f"{_PREFIX_NAMES[u[:-1]]}watts"
    return _UNIT_NAMES.get(u, f"{unit}s")


def other_unit(c: Quantity, s: Quantity) -> bool:
    """Both figures carry units of measure, and not the same one ("2 hours" / "120 minutes")."""
    return c.unit != s.unit and c.unit in UNITS and s.unit in UNITS and c.kind != "currency" and s.kind != "currency"


def unit_factor(frm: str | None, to: str | None) -> float | None:
    """How many ``to`` units one ``frm`` unit is ("hour" -> "minute": 60), or None when the two
    are not units of one dimension."""
    a, b = UNITS.get(frm or ""), UNITS.get(to or "")
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] / b[1]


def rate_base(per: str | None) -> int:
    """The denominator of a rate ("100,000" in "12.5 per 100,000"), or 0 for a period ("year")."""
    digits = (per or "").replace(",", "")
    return int(digits) if digits.isdigit() else 0


def is_decade(q: Quantity) -> bool:
    """An age given as a decade ("in her 40s": 40 up to 50)."""
    return q.kind == "number" and q.unit is None and q.high - q.low == 10 and q.low % 10 == 0 \
        and q.text.endswith("s")


def compare(c: Quantity, s: Quantity) -> Comparison:
    """Relation of the draft's figure `c` to the source's figure `s`."""
    if not comparable(c, s):
        return Comparison("incomparable")
    if c.low == c.high and is_decade(s):
        return Comparison("incomparable")  # "in their 60s" neither states nor corrects "aged 64"
    if other_unit(c, s):
        k = unit_factor(s.unit, c.unit)
        if k is None:
            return Comparison("incomparable")  # a length is never a weight or a time
        if _values_equal(c, s):
            return Comparison("unit", f"{unit_name(s.unit)} in the source, {unit_name(c.unit)} in the draft")
        # the source's figure in the draft's unit ("4.8 m" is 15.7 ft), then the usual rules
        conv = replace(s, low=s.low * k, high=s.high * k, unit=c.unit)
        r = compare(c, conv)
        if (r.relation == "rounded" and c.low == c.high and conv.low == conv.high
                and abs(c.low - conv.low) > 0.1 * abs(conv.low)):
            # whole hours for 100 minutes is no rounding: a converted figure may drop digits,
            # not a fifth of its value
            return Comparison("different")
        if r.relation == "different" and c.low == c.high and s.low == s.high:
            # a conversion adds digits: "6 feet" is 1.83 m, which the source's "2 m" rounds
            step_s = precision(s, coarse=False)
            back = c.low / k  # the draft's figure in the source's unit
            if abs(back - s.low) < step_s / 2 - _EPS and abs(back - s.low) <= 0.1 * abs(s.low):
                return Comparison("rounded", f"{s.text} is about {c.text}")
        return r
    # Units within a comparable pair: % vs pp, x vs %, currencies, periods.
    if c.kind == "currency" and s.kind == "currency" and c.unit and s.unit and c.unit != s.unit:
        if _values_equal(c, s):
            return Comparison("currency", f"the source gives {s.unit}, the draft {c.unit}")
        return Comparison("different")
    unit_clash = (c.unit in POINTS) != (s.unit in POINTS) and group(c) == group(s) == "share"
    if unit_clash:
        if _values_equal(c, s):
            points = c.unit if c.unit in POINTS else s.unit
            return Comparison("unit", f"{unit_name(points)} vs per cent")
        return Comparison("different")
    if {group(c), group(s)} == {"ratio", "share"} and _values_equal(c, s):
        return Comparison("unit", "a multiple vs a percentage")
    if c.per and s.per and c.per != s.per and rate_base(c.per) and rate_base(s.per):
        # "4.2 per 10,000" is "42 per 100,000"; the same number over another base is a slip
        if _values_equal(c, s):
            return Comparison("per", f"per {s.per} in the source, per {c.per} in the draft")
        k = rate_base(c.per) / rate_base(s.per)
        return compare(c, replace(s, low=s.low * k, high=s.high * k, per=c.per))
    if c.per and s.per and c.per != s.per:
        if _values_equal(c, s):
            return Comparison("per", f"per {s.per} in the source, per {c.per} in the draft")
        return Comparison("different")

    if _values_equal(c, s):
        if s.qualifier in ("min", "max") and c.qualifier is None:
            # the source gives a bound ("more than 250 million"), the draft a plain figure: right
            # number, but the draft claims more than the source does
            bound = "more than" if s.qualifier == "min" else "at most"
            return Comparison("approx", f"the source says {bound} {s.text}")
        return Comparison("equal")
    if c.low == c.high and s.low != s.high and (_same(c.low, s.low) or _same(c.low, s.high)):
        return Comparison("equal", f"an end of {s.text}")  # "14 minutes" stated in "8 to 14 min"
    if c.low == c.high and s.low != s.high and c.qualifier in (None, "max"):
        # one end, rounded at the draft's precision ("up to 16 feet" for "2 to 4.8 m": 15.7 ft)
        step = precision(c, coarse=False)
        high = c.qualifier == "max" or abs(c.low - s.high) < abs(c.low - s.low)
        end = s.high if high else s.low
        if precision(s, coarse=False, high=high) < step and abs(c.low - end) < step / 2 - _EPS:
            return Comparison("rounded", f"an end of {s.text}, rounded")
    if c.low != c.high or s.low != s.high:
        # Ranges: only the same range (each end rounded correctly) supports. A single value inside a
        # source's range is not support: sources give confidence intervals and inter-quartile
        # ranges ("95% CI 2.58-5.70"), and any wrong figure would fall inside one.
        if c.low != c.high and s.low != s.high and _ends_round(c, s):
            return Comparison("rounded", f"{s.text} rounded")
        # A round range ("10 to 20 percent", "$5-10 million") brackets an estimate: the source's
        # figure inside it bears it out, as a hedge does. A precise end ("10 to 17 percent")
        # claims precision and gets no such latitude.
        if c.low != c.high and s.low == s.high and _round_range(c) and c.low - _EPS <= s.low <= c.high + _EPS:
            return Comparison("approx", f"{s.text} lies within {c.text}")
        return Comparison("scale", f"the source says {s.text}") if _scale_mismatch(c, s) else Comparison("different")

    cv, sv = c.low if c.low == c.high else (c.low + c.high) / 2, s.low if s.low == s.high else (s.low + s.high) / 2
    step = precision(c)
    fine = precision(c, coarse=False)
    if c.qualifier in ("min", "max") and s.qualifier == c.qualifier:
        # Both are bounds in the same direction ("more than 79%" against "over 80%"): the draft
        # quotes the source's bound, so it should quote its number; another number is a slip even
        # when it is logically implied.
        return Comparison("scale", f"the source says {s.text}") if _scale_mismatch(c, s) else Comparison("different")
    if c.qualifier in ("min", "max") and s.qualifier in ("min", "max"):
        # opposite bounds ("older than 20" against "the under-20s") share only their cut-off
        return Comparison("scale", f"the source says {s.text}") if _scale_mismatch(c, s) else Comparison("different")
    if c.qualifier == "min":
        if cv - _EPS <= sv <= cv + step + _EPS:
            return Comparison("bound")
        if cv - fine / 2 <= sv < cv:
            return Comparison("approx")
    elif c.qualifier == "max":
        if cv - step - _EPS <= sv <= cv + _EPS:
            return Comparison("bound")
        if cv < sv <= cv + fine / 2:
            return Comparison("approx")
    elif c.qualifier == "about" or c.approx or c.kind == "proportion":
        tol = step / 2 if c.kind != "proportion" else max(step / 2, 2.5)
        if abs(sv - cv) <= tol + _EPS and abs(sv - cv) <= 0.125 * abs(cv) + _EPS:
            return Comparison("approx")
    if c.qualifier is None and c.low == c.high and s.low == s.high:
        d = abs(sv - cv)
        # the source is more precise and the draft rounds it at its last digit ("62%" for 61.7%)
        if precision(s) < step and d < step / 2 - _EPS:
            return Comparison("rounded", f"{s.text} rounded")
        # a round number: "20,000" for 19,860, "80 percent" for 80.9% (a small relative error only)
        coarse = precision(c, coarse=True)
        if coarse > step and d <= coarse / 2 + _EPS and d < 0.05 * abs(cv) - _EPS:
            return Comparison("rounded", f"{s.text} rounded")
    if _scale_mismatch(c, s):
        return Comparison("scale", f"the source says {s.text}")
    return Comparison("different")
