"""Writing a value back in the style of a figure as the draft wrote it, for suggestions ("64%" and
62 give "62%"; "$1.2 million" and 1.5e6 give "$1.5 million"; "1 in 6" and 25 give "1 in 4").

A suggestion an editor can paste must look like the draft's own figure: same currency sign, same
scale word, same separators, the same number of decimals (or fewer, where the source's value is
known to fewer digits).
"""

from __future__ import annotations

import re

from pipeline.model import Quantity

from .tables import CUR_PREFIX, DURATION_UNITS, SCALES

_ONE_IN = re.compile(r"(?P<a>[0-9]+|[A-Za-z]+)(?P<sep>\s+(?:in|out\s+of)\s+)(?P<b>[0-9][0-9,]*)\Z", re.I)
_NUM_IN_TEXT = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+")
_RANGE_JOIN = re.compile(r"\s*(?:[-\u2013\u2014]|to|and)\s*[$€£¥₹]?")
_DURATION_SUFFIX = re.compile(r"(\s*-?)([A-Za-z]+)(.*)\Z", re.S)


def _format_proportion(value: float, like: Quantity) -> str:
    """A share in the style of a proportion: "1 in 6" and 25 give "1 in 4"; "9 out of 10" and 70
    give "7 out of 10"; where no whole count fits (or the draft wrote "two-thirds"), a percentage."""
    m = _ONE_IN.match(like.text)
    if m and value > 0:
        n = 100 / value
        one = m.group("a").lower() in ("1", "one", "a")
        if one and abs(n - round(n)) < 0.05:
            return f"{m.group('a')}{m.group('sep')}{round(n)}"
        b = int(m.group("b").replace(",", ""))
        a = value * b / 100
        if abs(a - round(a)) < 0.05 and round(a) > 0:
            return f"{round(a)}{m.group('sep')}{m.group('b')}"
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _decimals(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


def decimals_written(text: str) -> int | None:
    """The most decimals any number in ``text`` is written with ("2.49% to 4.16%": 2), or None
    when it has no digits: how precisely a figure was stated."""
    nums = _NUM_IN_TEXT.findall(text)
    return max(_decimals(n) for n in nums) if nums else None


def _fmt_number(x: float, min_dec: int, commas: bool) -> str:
    """Shortest rendering of ``x`` with at least ``min_dec`` decimals (at most two more)."""
    for dec in range(min_dec, max(min_dec, 2) + 1):
        if abs(round(x, dec) - x) < 1e-9 * max(1.0, abs(x)):
            break
    else:
        dec = max(min_dec, 2)
    s = f"{x:,.{dec}f}" if commas else f"{x:.{dec}f}"
    return s


def format_like(value_low: float, value_high: float, like: Quantity, max_decimals: int | None = None) -> str:
    """Render a value (or range) in the surface style of ``like`` for a suggestion.

    ``like`` "64%" and 62 give "62%"; "$1.2 million" and 1.5e6 give "$1.5 million"; "1,000" and
    1200 give "1,200". Values are in the contract's units (money in units of the currency, counts
    as plain numbers), so the scale of ``like`` divides them back out. ``max_decimals`` caps the
    decimals taken from ``like`` (a value known to fewer digits is not shown with more).
    """
    src = like.text
    if like.kind == "proportion" and value_low == value_high:
        return _format_proportion(value_low, like)
    nums = list(_NUM_IN_TEXT.finditer(src))
    if like.unit and like.unit.startswith("/"):
        nums = nums[:1]  # a rating: "6.1/10" keeps its scale as written
    mult = SCALES.get(like.scale or "", 1.0) if like.kind not in ("percent", "proportion") else 1.0
    lo = value_low / mult
    hi = value_high / mult
    if nums:
        first = nums[0]
        prefix = src[:first.start()]
        if prefix.endswith(("-", "\u2212")) and like.low < 0:
            prefix = prefix[:-1]
        dec = max(_decimals(m.group(0)) for m in nums)
        if max_decimals is not None:
            dec = min(dec, max_decimals)
        commas = any("," in m.group(0) for m in nums) or (abs(hi) >= 10000 and like.kind != "year")
        if like.kind == "year":
            commas = False
            dec = 0
        last = nums[-1]
        if like.kind == "year":
            suffix = src[last.end():] if src[last.end():] in ("s",) else ""
        else:
            suffix = src[last.end():]
        # "$1 million to $2 million": the first number's own scale is in the separator text
        sep = "-"
        if len(nums) > 1:
            between = src[first.end():nums[1].start()]
            sep_m = _RANGE_JOIN.search(between)
            if sep_m:
                sep = between[sep_m.start():]
                if between[:sep_m.start()].strip():
                    sep = between  # "2.49% to 4.16%", "$1 million to $2 million": the unit repeats
    else:
        prefix = CUR_PREFIX.get(like.unit or "", "")
        dec = 0
        commas = abs(hi) >= 10000
        sep = "-"
        suffix = {"percent": "%", "proportion": "%", "multiplier": "x"}.get(like.kind, "")
        if like.kind == "duration" and like.unit:
            suffix = " " + like.unit + ("" if hi == 1 else "s")
        if like.kind == "currency" and not prefix:
            suffix = f" {like.unit}"
        if like.scale and like.kind in ("currency", "count", "number"):
            suffix = f" {like.scale}" + suffix
    if like.kind == "duration" and suffix:
        sm = _DURATION_SUFFIX.match(suffix)
        if sm and sm.group(2).lower() in DURATION_UNITS:
            w = sm.group(2)
            singular = DURATION_UNITS[w.lower()]
            if w.lower() in (singular, singular + "s") and "-" not in sm.group(1):
                # "24 hours" but "a 24-hour service": a hyphenated unit stays singular
                w = singular if hi == 1 and lo == hi else singular + "s"
            suffix = sm.group(1) + w + sm.group(3)
    a = _fmt_number(abs(lo), dec, commas)
    a = ("-" if lo < 0 else "") + a
    if lo == hi:
        return f"{prefix}{a}{suffix}"
    b = _fmt_number(abs(hi), dec, commas)
    b = ("-" if hi < 0 else "") + b
    return f"{prefix}{a}{sep}{b}{suffix}"
