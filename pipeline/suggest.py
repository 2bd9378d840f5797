"""The correction a misquote suggests: the source's figure, in the draft's own form (pure).

A suggestion is applied by an editor (or by `--diff | git apply`) in place of the draft's figure,
so it must read as the draft would have written it: "62%" for a draft that wrote "64%" against the
source's "62 percent"; "13 feet" for "53 feet" against "4 m"; "4.2 per 10,000" against "42 per
100,000"; "20,000" for a round "250,000" against 19,860. It is only ever the figure of the
claim's own slot (the judge chose it); this module decides its form, never its value.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from .compare import compare, in_draft_terms, is_decade, other_unit, rate_base, shifted_digits, swapped_digits
from .model import Quantity
from .quantities import decimals_written, format_like, parse_quantity

_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def suggestion(claim: Quantity, source: Quantity, relation: str) -> str:
    """The correction for `claim` from the source figure `source` that the judge found wrong.

    Where the slip is the unit, scale, currency or period itself ("2 hours" for "2 minutes",
    "$2 million" for "$2 billion"), the fix is the source's own words; otherwise the source's
    value in the draft's unit, base and style."""
    if relation == "per" and source.per:
        return f"{source.text} per {source.per}"  # the period is the correction
    if relation in ("scale", "unit", "per", "currency") or is_decade(source):
        return source.text  # "70s": a decade as the source writes it
    if claim.low == claim.high and source.low != source.high:
        source = _end_for(claim, source)
    if other_unit(claim, source):
        return _in_unit(claim, source)
    return _in_style(claim, source)


def _end_for(claim: Quantity, source: Quantity) -> Quantity:
    """One end of a source range that a single draft figure stands for ("up to 18 feet" against
    "2 to 4.8 m": 4.8 m), chosen in the draft's own terms."""
    t = in_draft_terms(claim, source)
    pick_high = abs(_log(t.high) - _log(claim.low)) < abs(_log(t.low) - _log(claim.low))
    end = source.high if pick_high else source.low
    return replace(source, text=format_like(end, end, source), low=end, high=end, approx=False, qualifier=None)


def _log(v: float) -> float:
    return math.log10(abs(v) or 1e-9)


def _in_style(claim: Quantity, source: Quantity) -> str:
    """The source's figure in the draft's surface form, no more precise than the source states
    it ("5%", not "5.0%", for a draft that wrote "0.5%"), over the draft's rate base."""
    source_dec = decimals_written(source.text)
    cb, sb = rate_base(claim.per), rate_base(source.per)
    if cb and sb and cb != sb:
        # a rate over another base: the source's figure over the draft's ("4.2" per 10,000 for
        # the source's 42 per 100,000), with the digits the division adds
        source = in_draft_terms(claim, source)
        if source_dec is not None:
            source_dec += max(0, round(-math.log10(cb / sb)))
    text = format_like(source.low, source.high, claim, source_dec)
    back = parse_quantity(text)
    if back is not None and back.low == back.high and source.low != source.high:
        back = parse_quantity("between " + text)  # "2.49% and 4.16%" reads as a range after "between"
    if back is None or not (_close(back.low, source.low) and _close(back.high, source.high)):
        return source.text
    # The draft writes round figures and the source 19,860: suggest "20,000", as the draft would.
    # The fix is the source's figure at the draft's precision, and only when the matcher itself
    # accepts that rendering as a correct rounding (the message still quotes the exact figure).
    if source.low == source.high and not shifted_digits(claim, source) and not swapped_digits(claim, source):
        alt = _rounded_like(source.low, claim)
        if alt is not None and alt != text:
            aq = parse_quantity(alt)
            if aq is not None and compare(aq, source).relation in ("equal", "rounded"):
                return alt
    return text


def _in_unit(claim: Quantity, source: Quantity) -> str:
    """The source's figure in the draft's unit ("13 feet" for a draft's "53 feet" against "4 m"),
    with the fewest digits that still read back as the source's figure rounded (a conversion adds
    digits: 4.8 m is 15.748 feet); otherwise the source's own words."""
    t = in_draft_terms(claim, source)
    if t.unit != claim.unit or (claim.low == claim.high) != (t.low == t.high):
        return source.text
    dec = decimals_written(claim.text) or 0
    for d in range(dec, dec + 3):
        text = format_like(round(t.low, d), round(t.high, d), claim)
        back = parse_quantity(text)
        if back is not None and back.low and compare(back, source).relation in ("equal", "rounded"):
            return text
    return source.text


def _rounded_like(value: float, claim: Quantity) -> str | None:
    """`value` at the draft's precision, in the draft's style (see :func:`round_to_draft`)."""
    r = round_to_draft(value, claim)
    return None if r is None else format_like(r, r, claim)


def round_to_draft(value: float, claim: Quantity) -> float | None:
    """`value` rounded as the draft rounds: whole percentages ("5 percent" for 5.9%), or as many
    significant digits as a visibly round count shows ("162,000": three). None where the draft
    writes exact figures (decimals, small numbers)."""
    m = _NUM.search(claim.text)
    if m is None or not value or not math.isfinite(value) or not math.isfinite(claim.low):
        return None
    raw = m.group(0).replace(",", "")
    if "." in raw:
        return None  # the draft writes decimals: it means the exact figure
    if claim.kind in ("percent", "proportion"):
        return float(round(value))  # whole percentages, as the draft writes them
    # only a visibly round figure ("162,000"; "$20 million" is not: its scale word is the unit)
    mult = abs(claim.low) / float(raw) if float(raw) else 1.0
    if mult != 1.0 or len(raw) < 4 or not raw.endswith("00"):
        return None
    sig = len(raw.rstrip("0"))
    digits = sig - 1 - math.floor(math.log10(abs(value)))
    return float(round(value, min(digits, 0)))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))
