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

from .dimensions import UNITS, comparable_dimensions, dimension_of, unit_factor, unit_name
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
    "consistent",  # the source's bound admits the draft's figure ("over 70%" for 90%): no verdict either way
    "incomparable",  # different kinds of thing (a year against a percentage)
]

#: what else the relation rests on, for the message and for the judge's rules
Basis = Literal[
    "",
    "range_end",  # the draft's single figure is one end of the source's range
    "within",  # the source's single figure lies inside the draft's round range
    "source_bound",  # the source gives a bound ("more than 250 million"), the draft a plain figure
    "converted",  # judged after converting the source's figure into the draft's unit
    "ranges",  # both are ranges and each end rounds
]

_EPS = 1e-9


def comparable(claim: Quantity, source: Quantity) -> bool:
    """Could these two figures be the same fact? Their dimensions must compare (the table in
    :mod:`pipeline.dimensions`); a mark on a scale ("6.1/10") only ever meets a mark on the same
    scale."""
    dc, ds = dimension_of(claim), dimension_of(source)
    if dc == "rating" or ds == "rating":
        return dc == ds and claim.unit == source.unit
    return comparable_dimensions(dc, ds)


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
    """How a draft figure relates to a source figure: the relation, what it rests on, and the
    two figures' own words (for the message). Rules read the fields; only :meth:`detail` makes
    prose of them."""

    relation: Relation
    basis: Basis = ""
    #: the source figure's text as written (for "the source says more than 250 million")
    source_text: str = ""
    #: the draft figure's text (for "4.8 m is about 16 feet")
    claim_text: str = ""
    #: (source's, draft's) unit, period or currency where the relation is about them
    units: tuple[str | None, str | None] | None = None
    #: the source's bound where basis == "source_bound": "min" (more than) or "max" (at most)
    bound: Literal["min", "max"] | None = None

    @property
    def supports(self) -> bool:
        return self.relation in ("equal", "bound")

    @property
    def close(self) -> bool:
        return self.relation in ("rounded", "approx")

    @property
    def wrong(self) -> bool:
        return self.relation in ("scale", "unit", "per", "currency", "different")

    @property
    def detail(self) -> str:
        """The relation in an editor's words ("percentage points vs per cent")."""
        src, mine = self.units or (None, None)
        if self.relation == "unit":
            if src in POINTS or mine in POINTS:
                return f"{unit_name(src if src in POINTS else mine)} vs per cent"
            if src == "x" or mine == "x":
                return "a multiple vs a percentage"
            return f"{unit_name(src)} in the source, {unit_name(mine)} in the draft"
        if self.relation == "currency":
            return f"the source gives {src}, the draft {mine}"
        if self.relation == "per":
            return f"per {src} in the source, per {mine} in the draft"
        if self.relation == "scale":
            return f"the source says {self.source_text}"
        if self.basis == "source_bound":
            return f"the source says {'more than' if self.bound == 'min' else 'at most'} {self.source_text}"
        if self.basis == "within":
            return f"{self.source_text} lies within {self.claim_text}"
        if self.basis == "range_end":
            return f"an end of {self.source_text}" + (", rounded" if self.relation == "rounded" else "")
        if self.basis == "converted" and self.relation == "rounded":
            return f"{self.source_text} is about {self.claim_text}"
        if self.relation == "rounded":
            return f"{self.source_text} rounded"
        return ""


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


def scale_mismatch(c: Quantity, s: Quantity) -> bool:
    """The same digits a thousand, a million... times apart (million vs billion)."""
    if not c.low or not s.low:
        return False
    ratio = c.low / s.low
    if ratio <= 0:
        return False
    k = math.log10(ratio)
    return abs(k - round(k)) < 1e-6 and round(k) != 0 and round(k) % 3 == 0


POINTS = ("pp", "bp")


def other_unit(c: Quantity, s: Quantity) -> bool:
    """Both figures carry units of measure of their own dimension, and not the same one ("2
    hours" / "120 minutes"; an age in decades is no duration in decades)."""
    if c.unit == s.unit or c.kind == "currency" or s.kind == "currency":
        return False
    uc, us = UNITS.get(c.unit or ""), UNITS.get(s.unit or "")
    return (uc is not None and us is not None and uc.dimension == dimension_of(c)
            and us.dimension == dimension_of(s))


def rate_base(per: str | None) -> int:
    """The denominator of a rate ("100,000" in "12.5 per 100,000"), or 0 for a period ("year")."""
    digits = (per or "").replace(",", "")
    return int(digits) if digits.isdigit() else 0


def is_decade(q: Quantity) -> bool:
    """An age given as a decade ("in her 40s": 40 up to 50), as the grammar marks it."""
    return dimension_of(q) == "age" and q.unit == "decade"


#: how far apart two bounds of an age group may be and still be one group by two conventions
#: ("under 18" / "19 or younger" / "under 20")
AGE_CONVENTION = 2.0

#: the rounding band of a share written as a proportion ("two-thirds", "one in four", "9 out of
#: 10"): nobody writes "two-thirds" for 66.67% exactly, so it stands for anything within it
PROPORTION_BAND = 2.5


def _band(q: Quantity) -> float:
    """Half the width of the values a figure's own wording admits beyond its digits."""
    return PROPORTION_BAND if q.kind == "proportion" else 0.0


def _scale_or_different(c: Quantity, s: Quantity) -> Comparison:
    if scale_mismatch(c, s):
        return Comparison("scale", source_text=s.text, claim_text=c.text)
    return Comparison("different")


def compare(c: Quantity, s: Quantity) -> Comparison:
    """Relation of the draft's figure `c` to the source's figure `s`."""
    r = _compare(c, s)
    if r.relation in ("unit", "currency", "per", "scale", "rounded", "approx", "equal") and not r.claim_text:
        r = replace(r, source_text=r.source_text or s.text, claim_text=c.text)
    return r


def _compare(c: Quantity, s: Quantity) -> Comparison:
    if not comparable(c, s):
        return Comparison("incomparable")
    if c.low == c.high and is_decade(s):
        return Comparison("incomparable")  # "in their 60s" neither states nor corrects "aged 64"
    if other_unit(c, s):
        k = unit_factor(s.unit, c.unit)
        if k is None:
            return Comparison("incomparable")  # a length is never a weight or a time
        if _values_equal(c, s):
            return Comparison("unit", units=(s.unit, c.unit))
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
                return Comparison("rounded", "converted", s.text, c.text)
        if r.relation == "bound":
            # "more than 300 feet" for 95 metres: the draft converted and hedged; the source
            # states neither its number nor its unit, so it is borne out only approximately
            return Comparison("approx", "converted", s.text, c.text)
        return replace(r, source_text=s.text) if r.source_text else r
    # Units within a comparable pair: % vs pp, x vs %, currencies, periods.
    if c.kind == "currency" and s.kind == "currency" and c.unit and s.unit and c.unit != s.unit:
        if _values_equal(c, s):
            return Comparison("currency", units=(s.unit, c.unit))
        return Comparison("different")
    dc, ds = dimension_of(c), dimension_of(s)
    if {dc, ds} == {"percent", "points"}:
        if _values_equal(c, s):
            return Comparison("unit", units=(s.unit, c.unit))
        return Comparison("different")
    if {dc, ds} == {"ratio", "percent"} and _values_equal(c, s):
        return Comparison("unit", units=(s.unit, c.unit))
    if c.per and s.per and c.per != s.per and rate_base(c.per) and rate_base(s.per):
        # "4.2 per 10,000" is "42 per 100,000"; the same number over another base is a slip
        if _values_equal(c, s):
            return Comparison("per", units=(s.per, c.per))
        k = rate_base(c.per) / rate_base(s.per)
        return compare(c, replace(s, low=s.low * k, high=s.high * k, per=c.per))
    if c.per and s.per and c.per != s.per:
        if _values_equal(c, s):
            return Comparison("per", units=(s.per, c.per))
        return Comparison("different")

    if _values_equal(c, s):
        if s.qualifier in ("min", "max") and c.qualifier is None:
            # the source gives a bound ("more than 250 million"), the draft a plain figure: right
            # number, but the draft claims more than the source does
            return Comparison("approx", "source_bound", s.text, c.text, bound=s.qualifier)
        return Comparison("equal")
    if c.low == c.high and s.low != s.high and (_same(c.low, s.low) or _same(c.low, s.high)):
        return Comparison("equal", "range_end", s.text, c.text)  # "14 minutes" stated in "8 to 14 min"
    if c.low == c.high and s.low != s.high and c.qualifier in (None, "max"):
        # one end, rounded at the draft's precision ("up to 16 feet" for "2 to 4.8 m": 15.7 ft)
        step = precision(c, coarse=False)
        high = c.qualifier == "max" or abs(c.low - s.high) < abs(c.low - s.low)
        end = s.high if high else s.low
        if precision(s, coarse=False, high=high) < step and abs(c.low - end) < step / 2 - _EPS:
            return Comparison("rounded", "range_end", s.text, c.text)
    if c.low != c.high or s.low != s.high:
        # Ranges: only the same range (each end rounded correctly) supports. A single value inside a
        # source's range is not support: sources give confidence intervals and inter-quartile
        # ranges ("95% CI 2.58-5.70"), and any wrong figure would fall inside one.
        if c.low != c.high and s.low != s.high and _ends_round(c, s):
            return Comparison("rounded", "ranges", s.text, c.text)
        # A round range ("10 to 20 percent", "$5-10 million") brackets an estimate: the source's
        # figure inside it bears it out, as a hedge does. A precise end ("10 to 17 percent")
        # claims precision and gets no such latitude.
        if c.low != c.high and s.low == s.high and _round_range(c) and c.low - _EPS <= s.low <= c.high + _EPS:
            return Comparison("approx", "within", s.text, c.text)
        return _scale_or_different(c, s)

    cv, sv = c.low if c.low == c.high else (c.low + c.high) / 2, s.low if s.low == s.high else (s.low + s.high) / 2
    step = precision(c)
    fine = precision(c, coarse=False)
    if (c.qualifier in ("min", "max") and s.qualifier in ("min", "max") and dimension_of(c) == "age"
            and dimension_of(s) == "age" and abs(cv - sv) <= AGE_CONVENTION + _EPS):
        # "children under 18" against "aged 19 or younger": one age group by two conventions of
        # where it ends, neither confirmed nor contradicted
        return Comparison("consistent", source_text=s.text, claim_text=c.text)
    if c.qualifier in ("min", "max") and s.qualifier == c.qualifier:
        # Both are bounds in the same direction ("more than 79%" against "over 80%"): the draft
        # quotes the source's bound, so it should quote its number; another number is a slip even
        # when it is logically implied.
        return _scale_or_different(c, s)
    if c.qualifier in ("min", "max") and s.qualifier in ("min", "max"):
        # opposite bounds ("older than 20" against "the under-20s") share only their cut-off
        return _scale_or_different(c, s)
    if c.qualifier not in ("min", "max") and c.low == c.high and s.low == s.high and (
            (s.qualifier == "min" and cv > sv) or (s.qualifier == "max" and cv < sv)):
        # the source gives only a bound, and the draft's figure lies beyond it: "90%" against
        # "over 70 percent" neither repeats nor contradicts the source
        return Comparison("consistent", source_text=s.text, claim_text=c.text)
    if c.qualifier == "min":
        if cv - _EPS <= sv <= cv + step + _EPS:
            return Comparison("bound")
        if cv - fine / 2 <= sv < cv:
            return Comparison("approx")
        if cv < sv < 10 * cv and s.qualifier is None:
            # "over 18 months" for the source's 30 months: true, but says much less than the
            # source (ten times beyond the bound, the digits say slip: "almost 250,000" for 24,693)
            return Comparison("consistent", source_text=s.text, claim_text=c.text)
    elif c.qualifier == "max":
        if cv - step - _EPS <= sv <= cv + _EPS:
            return Comparison("bound")
        if cv < sv <= cv + fine / 2:
            return Comparison("approx")
        if cv / 10 < sv < cv and s.qualifier is None:
            return Comparison("consistent", source_text=s.text, claim_text=c.text)
    elif c.qualifier == "about" or c.approx or c.kind == "proportion":
        tol = max(step / 2, _band(c), _band(s))
        if abs(sv - cv) <= tol + _EPS and abs(sv - cv) <= 0.125 * abs(cv) + _EPS:
            return Comparison("approx")
    if c.qualifier is None and c.low == c.high and s.low == s.high:
        d = abs(sv - cv)
        if d <= _band(s) + _EPS and d <= 0.125 * abs(cv) + _EPS:
            # the source's "three-quarters" is itself a rounding: a round "70%" lies within it and
            # rounds it too; a precise "74%" neither repeats it nor contradicts it
            if precision(c, coarse=True) > precision(c, coarse=False):
                return Comparison("approx")
            return Comparison("consistent", source_text=s.text, claim_text=c.text)
        # the source is more precise and the draft rounds it at its last digit ("62%" for 61.7%)
        if precision(s) < step and d < step / 2 - _EPS:
            return Comparison("rounded", source_text=s.text, claim_text=c.text)
        # a round number: "20,000" for 19,860, "80 percent" for 80.9% (a small relative error only)
        coarse = precision(c, coarse=True)
        if coarse > step and d <= coarse / 2 + _EPS and d < 0.05 * abs(cv) - _EPS:
            return Comparison("rounded", source_text=s.text, claim_text=c.text)
    return _scale_or_different(c, s)


# ---------------------------------------------------------------------------------------------
# The source's figure in the draft's terms, and what a slip looks like


def in_draft_terms(c: Quantity, s: Quantity) -> Quantity:
    """The source's figure converted into the draft's unit and rate base: "4.8 m" as 15.75 feet
    for a draft that writes feet, "42 per 100,000" as 4.2 for a draft's "per 10,000". Comparison,
    slips and suggestions all reason about this one figure, so they agree on what it is."""
    out = s
    if other_unit(c, s):
        k = unit_factor(s.unit, c.unit)
        if k is not None:
            out = replace(out, low=out.low * k, high=out.high * k, unit=c.unit)
    cb, sb = rate_base(c.per), rate_base(s.per)
    if cb and sb and cb != sb:
        k = cb / sb
        out = replace(out, low=out.low * k, high=out.high * k, per=c.per)
    return out


def digits_of(v: float) -> str:
    return f"{abs(v):.6f}".rstrip("0").rstrip(".").replace(".", "")


def shifted_digits(c: Quantity, s: Quantity) -> bool:
    """Same significant digits at another power of ten ("850" for 85, "1.7" for 17)."""
    if c.low != c.high or s.low != s.high or not c.low or not s.low or c.low == s.low:
        return False
    k = math.log10(abs(c.low / s.low))
    return abs(k - round(k)) < 1e-9


def swapped_digits(c: Quantity, s: Quantity) -> bool:
    """Two adjacent digits transposed ("67" for 76, "4.61" for 4.16): the other classic slip."""
    if c.low != c.high or s.low != s.high or c.low == s.low:
        return False
    a, b = digits_of(c.low), digits_of(s.low)
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _written(c: Quantity, high: bool) -> tuple[str, float] | None:
    """The digits the draft wrote for one end ("1.2" of "$1.2 million") and what one unit of
    them is worth in the figure's value (1e6 there); None for a figure written in words."""
    nums = _DIGITS.findall(c.text)
    value = c.high if high else c.low
    if not nums:  # spelled out ("triple", "sixty"): the digits of its value
        if not value or value != int(value) or c.scale:
            return None
        return str(int(abs(value))), 1.0
    raw = (nums[-1] if high else nums[0]).replace(",", "")
    try:
        written = float(raw)
    except ValueError:
        return None
    if not written or not value:
        return None
    return raw, abs(value) / written


def one_digit_off(c: Quantity, s: Quantity, high: bool = False) -> bool:
    """The draft's number differs from the source's figure, both rounded at one precision the
    draft's number shows, in exactly one digit: "36,000" for 37,000; "$4.2 million" for $4.5
    million; "18 feet" for the 15.7 feet that 4.8 m is; "162,000" for 122,300 (at thousands, the
    precision the draft's zeros show). One key mistyped or misread."""
    w = _written(c, high)
    if w is None:
        return False
    raw, unit = w
    sv = abs(s.high if high else s.low) / unit
    cv = float(raw)
    dec = len(raw.split(".", 1)[1]) if "." in raw else 0
    # from the last digit written up to the last non-zero digit ("162,000": units to thousands)
    top = -dec if dec else len(raw) - len(raw.rstrip("0"))
    for k in range(-dec, top + 1):
        step = 10.0 ** k
        a, b = round(cv / step), round(sv / step)
        if a == b:
            return False  # equal at this precision: a rounding question, not a slip
        da, db = str(a), str(b)
        if k > 0 and len(da) < 2:
            break  # "30" read at tens is one digit, which any other one-digit figure is one off
        if len(da) == len(db) and sum(x != y for x, y in zip(da, db, strict=True)) == 1:
            return True
    return False


#: how many percentage points a share may be off and still read as a slip of the same figure
#: ("64%" for 62%; "59%" for 61%, which differ in both digits)
SLIP_POINTS = 5.0


def is_slip(c: Quantity, s: Quantity) -> bool:
    """Could the draft's figure be the source's figure, miswritten? A misquote is a claim that the
    draft meant the source's figure and got it wrong, so the difference must look like a slip:
    the same digits at another scale or in another unit, a digit changed, two digits swapped, a
    decimal point or a zero shifted, or a share a few points off. Any other difference is another
    figure, about which the source is silent: "1,400 patients" is not a slip for "150 patients",
    "35 years" not for "4-7 years".

    A range is a slip of a source range when each end, in order, is the source's end as written
    (or rounded) or a slip of it. A single source figure is never a slip of a whole range: the
    judge weighs a range's ends one by one.
    """
    r = compare(c, s)
    if r.relation in ("scale", "unit", "per", "currency"):
        return True
    t = in_draft_terms(c, s)
    if c.low != c.high:
        if t.low == t.high:
            return False
        ends = [(c.low, t.low, False), (c.high, t.high, True)]
        return all(_rounds_to(cv, sv, c, high) or _end_slip(c, cv, sv, high) for cv, sv, high in ends) \
            and not all(_rounds_to(cv, sv, c, high) for cv, sv, high in ends)
    return any(_end_slip(c, c.low, sv, False) for sv in ((t.low,) if t.low == t.high else (t.low, t.high)))


def _rounds_to(cv: float, sv: float, c: Quantity, high: bool) -> bool:
    """The source's value, rounded at the draft's last written digit, is the draft's."""
    w = _written(c, high)
    if w is None:
        return _same(cv, sv)
    raw, unit = w
    dec = len(raw.split(".", 1)[1]) if "." in raw else 0
    return round(abs(sv) / unit, dec) == round(abs(cv) / unit, dec)


def _end_slip(c: Quantity, cv: float, sv: float, high: bool) -> bool:
    """One value of the draft against one value of the source (see :func:`is_slip`)."""
    sq = replace(c, low=sv, high=sv)
    if _digit_slip(c, cv, sv, high):
        return True
    if one_digit_off(c, sq, high=high) or _proportion_slip(c, sv):
        return True
    return dimension_of(c) in ("percent", "points") and abs(cv - sv) <= SLIP_POINTS + _EPS


def digit_slip(c: Quantity, s: Quantity) -> bool:
    """The draft's single figure is the source's with its digits shifted or two of them swapped,
    read as the source writes it or as the draft would (see :func:`_digit_slip`)."""
    if c.low != c.high or s.low != s.high:
        return False
    return _digit_slip(c, c.low, in_draft_terms(c, s).low, False)


def _digit_slip(c: Quantity, cv: float, sv: float, high: bool) -> bool:
    """Shifted or swapped digits against the source's figure as written, and as the draft would
    write it: at its last digit ("8.2" is 2.81 with two digits swapped, once 2.81 is read to one
    decimal), and as round as a round draft figure ("250,000" is 24,693 with a zero too many, once
    read as 25,000)."""
    cq = replace(c, low=cv, high=cv)
    forms = [sv, *(r for r in (_at_written(sv, c, high), _round_at(cv, sv, c, high)) if r is not None)]
    for v in forms:
        sv_q = replace(c, low=v, high=v)
        if shifted_digits(cq, sv_q) or swapped_digits(cq, sv_q):
            return True
    return False


def _at_written(sv: float, c: Quantity, high: bool) -> float | None:
    """``sv`` at the precision of the draft's last written digit."""
    w = _written(c, high)
    if w is None:
        return None
    raw, unit = w
    dec = len(raw.split(".", 1)[1]) if "." in raw else 0
    return round(sv / unit, dec) * unit


_ONE_IN = re.compile(r"(?P<a>\d+|[A-Za-z]+)\s+(?:in|out\s+of)\s+(?P<b>\d[\d,]*|[A-Za-z]+)\Z", re.I)


def _proportion_slip(c: Quantity, sv: float) -> bool:
    """A proportion written as counts ("1 in 6", "nine out of 10") is a slip of the source's share
    when the share, written the draft's way ("1 in 4"), differs from it in one number."""
    if c.kind != "proportion" or not sv or _ONE_IN.search(c.text) is None:
        return False
    from .quantities import format_like

    mine, theirs = _ONE_IN.search(c.text), _ONE_IN.search(format_like(sv, sv, c))
    if mine is None or theirs is None:
        return False
    pairs = [(str(mine.group(g)).lower(), str(theirs.group(g)).lower()) for g in ("a", "b")]
    return sum(x != y for x, y in pairs) == 1


def _round_at(cv: float, sv: float, c: Quantity, high: bool) -> float | None:
    """``sv`` rounded to as many significant digits as the draft's visibly round figure shows
    ("162,000": three); None where the draft's figure is not round."""
    w = _written(c, high)
    if w is None or not sv:
        return None
    raw, unit = w
    if "." in raw or unit != 1.0 or not raw.endswith("0") or not raw.rstrip("0"):
        return None
    sig = len(raw.rstrip("0"))
    digits = sig - 1 - math.floor(math.log10(abs(sv)))
    return float(round(sv, min(digits, 0)))
