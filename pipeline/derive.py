"""Derived figures: the arithmetic a draft did on its sources, and on its own figures (pure).

Writers rarely copy a figure; they compute one. "Revenue doubled" from $30 million and $60
million, "up 40%" from 15% to 21%, "the remaining 45%" from 55%, "$4 per resident" from a budget
and a head count. Such a figure is stated nowhere in the source, so the direct matcher can only
say ``not_found``. This module supplies the three things a derived check needs, and nothing of
the verdict:

* the **operations**, each a small named function (:func:`ratio`, :func:`percent_change`, ...);
* the **signal** (:func:`signal`): a derived check runs only where the draft's own wording says
  that its figure is a computation ("doubled", "rose 35%", "the remaining", "per resident").
  Searching every pair of numbers in a source for one that gives the draft's figure would verify
  anything, so a figure with no such wording gets no derived check at all;
* the **candidates** (:func:`derive`): the computations the signalled operation allows from the
  figures of one source passage (or the passage and one adjacent sentence), each with its
  operands' offsets and a result in the draft's own form (:attr:`Derivation.quantity`), so that
  :func:`pipeline.compare.compare` judges it by the same rounding rule as a figure the source
  states. Which candidate speaks about the claim's subject (the words around each operand), and
  the verdict, are the judge's.

It also checks a draft's **own arithmetic** with no source at all (:func:`inconsistencies`): a
figure and the conversion written beside it ("12 ft (3.7 m)"), parts and their stated total.

The wording tables are data (module constants), so a new phrasing is one row, not a new branch.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

from .compare import compare, precision
from .dimensions import UNITS, dimension_of, family, unit_factor, unit_name
from .match import in_interval, is_change, stem
from .model import Kind, Quantity
from .quantities import format_like

Operation = Literal["ratio", "percent_change", "point_difference", "complement", "total", "share",
                    "per_unit", "conversion"]
Direction = Literal["up", "down"]

OPERATIONS: Final[tuple[Operation, ...]] = ("ratio", "percent_change", "point_difference", "complement",
                                              "total", "share", "per_unit", "conversion")

__all__ = [
    "OPERATIONS",
    "Derivation",
    "Inconsistency",
    "Operand",
    "Signal",
    "complement",
    "convert",
    "derive",
    "inconsistencies",
    "per_unit",
    "percent_change",
    "point_difference",
    "ratio",
    "share_of",
    "signal",
    "spread",
    "suggestion",
    "total",
]

# ---------------------------------------------------------------------------------------------
# Operations: each one line of arithmetic, named after what a writer does. They raise
# ZeroDivisionError / ValueError on impossible input; :func:`derive` never asks them to.


def ratio(a: float, b: float) -> float:
    """How many times ``b`` goes into ``a``: "twice", "3x", "half" (20 against 10 is 2.0)."""
    return a / b


def percent_change(old: float, new: float) -> float:
    """The change from ``old`` to ``new`` in percent of ``old``: "rose 35%", "fell by a third".

    Signed (a fall is negative). The base is ``abs(old)`` so that a loss that narrows reads as a
    rise, as accountants write it."""
    return (new - old) / abs(old) * 100.0


def point_difference(old: float, new: float) -> float:
    """The difference of two shares in percentage points, ``new`` minus ``old``: "up 3 points",
    "a gap of 4 points". Signed; a gap is the caller's ``abs``."""
    return new - old


def complement(share: float, whole: float = 100.0) -> float:
    """What remains of ``whole`` after ``share``: "the remaining 45%" (of 100%), "all but 9%";
    with another ``whole``, the rest of an amount ("the remaining $6 million" of $10 million)."""
    return whole - share


def total(parts: Iterable[float]) -> float:
    """The sum of listed parts ("a total of", "combined"), with ``math.fsum`` so that rounding
    errors do not pile up over many parts (ten parts of 0.1 are 1.0, not 0.9999999999999999)."""
    return math.fsum(parts)


def share_of(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole``: "13 of 23 residents, 57%"."""
    return part / whole * 100.0


def per_unit(amount: float, count: float) -> float:
    """A rate from a total and a count: "$4 per resident" from $192,000 and 48,000 residents."""
    return amount / count


#: the affine scales of temperature: (factor to kelvin-sized degrees, offset) per unit; a reading
#: converts with both, a difference with the factor only
_TEMPERATURE: Final[dict[str, tuple[float, float]]] = {"degC": (1.0, 0.0), "degF": (5.0 / 9.0, -32.0)}


def convert(value: float, frm: str, to: str, *, difference: bool = False) -> float:
    """``value`` in unit ``frm`` expressed in unit ``to`` (symbols of :data:`pipeline.dimensions.UNITS`).

    Temperatures are affine: a reading of 40 °C is 104 °F, but a rise of 2 °C is 3.6 °F; pass
    ``difference=True`` for the latter. (The matcher never converts temperatures between a draft
    and a source because it cannot tell a reading from a rise; :func:`inconsistencies` can, from the
    draft's own wording.) Raises ValueError when the two units do not convert."""
    if frm == to:
        return value
    if frm in _TEMPERATURE and to in _TEMPERATURE:
        (f_a, off_a), (f_b, off_b) = _TEMPERATURE[frm], _TEMPERATURE[to]
        if difference:
            return value * f_a / f_b
        return (value + off_a) * f_a / f_b - off_b
    k = unit_factor(frm, to)
    if k is None:
        raise ValueError(f"cannot convert {frm} to {to}")
    return value * k


# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True, slots=True)
class Signal:
    """What the draft's wording says its figure computes.

    ``cue`` is the wording as written and ``start``/``end`` its offsets in the sentence (for a
    report that underlines it). ``direction`` is the way a change or a difference goes ("fell" is
    down); ``comparison`` says that two things are compared ("3x more than", "20% lower than"),
    not one thing over time ("tripled", "rose 20%"), which decides the order of the operands.
    ``per`` is a rate's unit noun, singular ("resident", "hour"). ``companions`` are the draft's
    own figures that take part: the whole of a share ("of the 23 residents"), or the figure a
    conversion converts. ``difference`` marks a temperature conversion of a rise, not a reading.
    """

    operation: Operation
    cue: str
    start: int
    end: int
    direction: Direction | None = None
    comparison: bool = False
    per: str | None = None
    companions: tuple[Quantity, ...] = field(default=(), compare=False)
    difference: bool = False


@dataclass(frozen=True, slots=True)
class Operand:
    """One source figure a computation uses: its text as written, its value (normalised as a
    :class:`Quantity`'s, converted into the computation's unit where it needed converting), and
    its offsets in the passage, or in the neighbouring sentence when ``neighbour`` is set."""

    text: str
    value: float
    start: int
    end: int
    neighbour: bool = False

    def to_json(self, offset: int = 0, neighbour_offset: int = 0) -> dict[str, Any]:
        return {"value_text": self.text, "offset": self.start + (neighbour_offset if self.neighbour else offset)}


@dataclass(frozen=True, slots=True)
class Derivation:
    """One computation from a source passage, and its result in the draft's terms.

    ``result`` is the value to set against the claim's figure: a percentage for shares and
    changes, a multiple for ratios, the claim's unit (and currency) otherwise. A change the
    draft calls a fall is positive when the source's figures fell ("fell 25%" against 100 -> 75
    gives 25) and negative when they rose, so a wrong direction never passes for a right one.
    ``formula`` is the arithmetic as a report prints it ("(21 - 15) / 15 = +40%"); ``line`` adds
    the words around it. ``hedged`` says an operand was a hedged or bounded figure ("about 300"):
    the computation then holds only approximately.
    """

    operation: Operation
    operands: tuple[Operand, ...]
    result: float
    kind: Kind
    unit: str | None
    dimension: str
    scale: str | None = None
    per: str | None = None
    hedged: bool = False
    #: the direction of the source's own change ("up" when the figures rose), where it is a change
    direction: Direction | None = None
    #: rendering, done only when a report asks (a passage gives dozens of candidates, the judge
    #: keeps one): the formula's left-hand side, how its right-hand side shows (the value, "%",
    #: "x", "pp", "bp", "points" or "" for the draft's own form, and whether with its sign), and
    #: the draft's form the result is written in
    lhs: str = ""
    show: tuple[float, str, bool] = (0.0, "", False)
    form: Quantity | None = field(default=None, compare=False, repr=False)

    @property
    def formula(self) -> str:
        """The arithmetic as a report prints it: "20 / 10 = 2.0x", "(21 - 15) / 15 = +40%"."""
        value, kind, signed = self.show
        return f"{self.lhs} = {_show(value, kind, self._like(), signed)}"

    @property
    def text(self) -> str:
        """The result as a figure, carrying the digits the computation gives ("56.52%"): what
        :func:`pipeline.compare.precision` reads, so a draft's "57%" rounds it and "56.5%" too."""
        return _fine_text(self.result, self._like())

    def _like(self) -> Quantity:
        f = self.form
        if f is None:
            return Quantity("1", self.kind, self.result, self.result, self.unit, dimension=self.dimension)
        if f.approx or f.qualifier is not None:
            f = replace(f, approx=False, qualifier=None)
        if not _NUM.search(f.text):  # "doubled", "a third": a written form to render in
            f = replace(f, text={"percent": "1%", "multiplier": "1x"}.get(f.kind, "1"))
        return f

    @property
    def quantity(self) -> Quantity:
        """The result as a figure in the claim's form (kind, unit, dimension, scale), to hand to
        :func:`pipeline.compare.compare` as the source's figure."""
        return Quantity(self.text, self.kind, self.result, self.result, self.unit, scale=self.scale,
                        per=self.per, dimension=self.dimension)

    @property
    def line(self) -> str:
        """The text report's line: "computed from the source: 20 / 10 = 2.0x"."""
        return f"computed from the source: {self.formula}"

    def to_json(self, offset: int = 0, neighbour_offset: int = 0) -> dict[str, Any]:
        """The contract's ``derivation`` object; ``offset`` (``neighbour_offset``) is where the
        passage (the neighbouring sentence) starts in the source."""
        return {"operation": self.operation,
                "operands": [o.to_json(offset, neighbour_offset) for o in self.operands],
                "result": round(self.result, 6)}


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """A draft's own figures that do not add up (the ``inconsistent_figures`` finding).

    ``figures`` are the (start, end) offsets in the sentence of every figure involved, in text
    order; ``stated`` is the one the arithmetic contradicts (the conversion written beside a
    figure, the stated total), or None when the total is an implied 100%. ``expected`` is what the
    arithmetic gives, in the stated figure's units."""

    kind: Literal["conversion", "total", "share"]
    figures: tuple[tuple[int, int], ...]
    stated: tuple[int, int] | None
    expected: float
    message: str


# ---------------------------------------------------------------------------------------------
# Wording tables (data)

_WS = r"[\s\u00a0]"
#: hedges a writer puts between a cue and its figure ("the remaining roughly 45%")
_HEDGE = r"(?:(?:about|around|roughly|nearly|almost|some|approximately|just|only|over|under|more\s+than|less\s+than)\s+)?"

#: words that say which way a change goes; read in the figure's clause, the nearest one wins
UP_WORDS: Final = (
    r"rose|rise[sn]?|rising|grew|grow(?:s|n|ing)?|growth|increas(?:e[sd]?|ing)|jump(?:ed|s|ing)?"
    r"|climb(?:ed|s|ing)?|surg(?:e[sd]?|ing)|soar(?:ed|s|ing)?|gain(?:ed|s|ing)?|boost(?:ed|s|ing)?"
    r"|rais(?:e[sd]?|ing)|up|widen(?:ed|s|ing)?|expand(?:ed|s|ing)?|higher|more|greater|larger|bigger"
    r"|hike[sd]?|doubl(?:e[sd]?|ing)|tripl(?:e[sd]?|ing)|quadrupl(?:e[sd]?|ing)|warm(?:ed|ing|er)?|hotter"
)
DOWN_WORDS: Final = (
    r"fell|fall(?:s|en|ing)?|dropp?(?:ed|s|ing)?|declin(?:e[sd]?|ing)|decreas(?:e[sd]?|ing)"
    r"|plung(?:e[sd]?|ing)|slump(?:ed|s|ing)?|shr[aiu]nk(?:s|ing)?|cut(?:s|ting)?|reduc(?:e[sd]?|ing|tion)"
    r"|lower(?:ed|s|ing)?|down|narrow(?:ed|s|ing)?|less|fewer|smaller|loss|lost|dipp?(?:ed|s)?|slid|slipp?(?:ed|s)?"
    r"|cool(?:ed|ing|er)?|colder"
)
_UP = re.compile(rf"\b(?:{UP_WORDS})\b", re.I)
_DOWN = re.compile(rf"\b(?:{DOWN_WORDS})\b", re.I)
#: before a figure, a direction word followed by "than" or "to" is a hedge ("fell more than 20%",
#: "cut up to 20%") or ends at a level ("rose to 45%"): it says nothing of the way the change goes
_UP_BEFORE = re.compile(rf"\b(?:{UP_WORDS})\b(?!{_WS}+(?:than|to)\b)", re.I)
_DOWN_BEFORE = re.compile(rf"\b(?:{DOWN_WORDS})\b(?!{_WS}+(?:than|to)\b)", re.I)

#: a comparison right after a figure: "3x more than", "twice as many as", "20% lower than"
_COMPARISON_AFTER = re.compile(
    rf"{_WS}+(?:as{_WS}+(?:[a-z]+{_WS}+){{1,2}}as\b"
    rf"|(?:more|less|fewer|higher|lower|greater|larger|bigger|smaller|faster|slower|longer|shorter|cheaper"
    rf"|likelier|costlier|older|younger)(?:{_WS}+[a-z]+){{0,2}}?{_WS}+(?:than|as)\b"
    rf"|more{_WS}+[a-z]+{_WS}+than\b"
    rf"|(?:that|those)(?:{_WS}+(?:of|in|at|for|on))?\b"
    rf"|the{_WS}+(?:size|number|amount|rate|level|value|cost|price|population|total|figure|average|share|pace)\b)",
    re.I,
)
#: a multiple that counts occasions, not a ratio: "twice a week", "three times a day"
_FREQUENCY_AFTER = re.compile(
    rf"{_WS}+(?:(?:a|an|per|each|every){_WS}+(?:day|week|fortnight|month|year|hour|minute|night|season|term"
    rf"|semester|quarter|decade|game|match|visit|shift)\b|daily\b|weekly\b|monthly\b|yearly\b|annually\b"
    rf"|in{_WS}+(?:a|one|the{_WS}+same){_WS}+\w+|before\b|since\b|already\b|over{_WS}+the\b|in{_WS}+\d)",
    re.I,
)
#: multiples that are a count of occasions unless wording makes them a ratio ("elected twice")
_OCCASION = re.compile(r"(?:twice|thrice|(?:[0-9.]+|[a-z]+)[\s-]+times)\Z", re.I)
#: multiples that are a change of one thing by their own word ("doubled", "a threefold rise")
_CHANGE_WORD = re.compile(r"(?:doubl|tripl|quadrupl)(?:ed|es|ing)\Z|fold\Z", re.I)

#: "the remaining 45%", "all but 9%", "the other 55%", "the rest, 45%,"
_COMPLEMENT_BEFORE = re.compile(
    rf"\b(?:the{_WS}+(?:remaining|other)|all{_WS}+(?:but|except)|everyone{_WS}+(?:but|except|else,?)"
    rf"|(?:the{_WS}+)?(?:rest|remainder|others)(?:{_WS}+of{_WS}+(?:the|them|us|it))?{_WS}*[,:(\u2014\u2013-]?"
    rf"|leaving{_WS}+(?:just{_WS}+|only{_WS}+)?)"
    rf"{_WS}*{_HEDGE}\Z",
    re.I,
)

#: "a total of", "combined", "in all"... before the figure (within its clause) or after it
_TOTAL_CUE = (r"a\s+total\s+of|in\s+total|totall?(?:ing|ed|s)?|total|combined|altogether|all\s+told"
              r"|together(?!\s+with)|in\s+all(?=\s*[,.;:)!?])|sum\s+of|add(?:s|ed)?\s+up\s+to|between\s+them"
              r"|overall|in\s+aggregate|aggregate"
              # "were either not working or working fewer hours": two groups' shares added
              r"|either(?=[^.;]{1,80}?\bor\b)")
#: a cue before the figure in its clause ("In all, the three festivals drew ..."), or after it
_TOTAL_BEFORE = re.compile(rf"\b(?P<cue>{_TOTAL_CUE})\b,?[^.;,0-9]{{0,40}}\Z", re.I)
_TOTAL_AFTER = re.compile(rf"\A[^.;0-9]{{0,40}}?\b(?P<cue>{_TOTAL_CUE})\b", re.I)

#: "57% of the", "a quarter of all", "nine out of": a share of a definite whole. A share "of CEOs"
#: is a population's, which sources state as such; it signals no computation
_SHARE_AFTER = re.compile(rf"{_WS}+(?:out{_WS}+)?of\b", re.I)
_SHARE_DEFINITE = re.compile(
    rf"{_WS}+(?:out{_WS}+of\b|of{_WS}+(?:the|all|its|their|these|those|every|our)\b)", re.I)
_SHARE_BEFORE = re.compile(
    r"\b(?:share|proportion|percentage|fraction|portion)\s+of\b[^.;0-9]{0,60}\Z", re.I)
#: "A of B", "A out of B" in a draft, with the share after it ("13 of 23 residents, 57%")
_OF_BETWEEN = re.compile(rf"\A{_WS}+(?:out{_WS}+)?of{_WS}+(?:the{_WS}+|all{_WS}+)?\Z", re.I)
_SHARE_AFTER_PAIR = re.compile(rf"\A[a-z\s]{{0,30}}?(?:,|\(|,{_WS}*or|\u2014|-|:){_WS}*{_HEDGE}\Z", re.I)
#: "Of the 120 patients, ..." before a share: the whole the share is of
_OF_WHOLE_BEFORE = re.compile(rf"\b(?:of|among|out{_WS}+of){_WS}+(?:the{_WS}+|all{_WS}+|its{_WS}+|their{_WS}+)?\Z",
                              re.I)

#: "per resident", "for each student", "a head", "an hour", "apiece"
_PER_AFTER = re.compile(
    rf"\A(?:{_WS}+(?!(?:for|on|in|over|during|to|at|by|with|from|of|and|or|the|a|an)\b)[a-z]+){{0,2}}?{_WS}*(?:"
    rf"(?:per|for{_WS}+(?:each|every)|each|every){_WS}+(?P<noun>(?!cent\b)[a-z]+)"
    rf"|(?:a|an){_WS}+(?P<anoun>hour|day|week|month|year|head|person|night|gallon|litre|liter|mile|kilometre"
    rf"|kilometer|pound|kilo|ton|tonne|share|unit|student|resident|household|patient|visit|worker|employee"
    rf"|user|customer|seat|ticket|meal|dose|piece|pupil|child|family|home|bed|acre|hectare|barrel)(?![\w-])"
    rf"(?!{_WS}+(?:ago|earlier|later|before|after|old)\b)"
    rf"|(?P<each>apiece|each(?!{_WS}+[a-z])|a{_WS}+head|per{_WS}+(?:capita|head|person)))",
    re.I,
)
_PER_GENERIC = {"capita": "person", "head": "person", "person": "person", "apiece": "unit", "each": "unit"}

#: "points" after a bare number ("up 3 points"), and wordings that make points a gap
_POINTS_AFTER = re.compile(rf"{_WS}+(?:(?:percentage|percent|per{_WS}+cent){_WS}+)?(?:points?|pts?)\b", re.I)
_GAP_NOUN = re.compile(
    r"\b(?:gap|difference|lead|led|leads|leading|margin|ahead|behind|trail(?:s|ed|ing)?|edge|spread"
    r"|beat|outpaced|separat(?:e[sd]?|ing))\b", re.I)

#: between a figure and its conversion: "12 ft (3.7 m)", "5 km, or 3.1 miles", "12 ft/3.7 m"
_CONVERSION_BETWEEN = re.compile(
    rf"\A{_WS}*(?:\(|\[|,?{_WS}*or\b|/|,?{_WS}*(?:\u2014|--)|,?{_WS}*(?:i\.e\.|that{_WS}+is|equivalent{_WS}+to)){_WS}*"
    rf"(?:(?:about|around|roughly|nearly|almost|some|approximately|approx\.|c\.|~){_WS}*)?\Z",
    re.I,
)
#: words that make a temperature a rise rather than a reading: before the pair ("warming of 1.5 °C
#: (2.7 °F)", "beat the record by 2 °C (3.6 °F)"), or after it ("1.5 °C (2.7 °F) above
#: pre-industrial levels"). "By noon it hit 30 °C", "up to 40 °C", "below 0 °C" are readings.
_TEMPERATURE_CHANGE_BEFORE = re.compile(
    r"\b(?:rise|rises|rose|risen|rising|warming|warmed|warms|cooling|cooled|increase[sd]?|decrease[sd]?"
    r"|change[sd]?|anomal(?:y|ies)|difference|swing|drop(?:ped)?|fell|fall(?:en)?|heat(?:ed|ing))\b"
    r"|\bby\s*\Z", re.I)
_TEMPERATURE_CHANGE_AFTER = re.compile(
    r"[\s)\],]*(?:above|below|warmer|cooler|hotter|colder|higher|lower|more|less)\b", re.I)
#: a change that ends at a reading: "rose to 40 °C", "fell below 0 °C", "climbed past 30 °C"
_TEMPERATURE_READING_BEFORE = re.compile(
    r"\b(?:to|below|above|past|over|under|at|reach(?:ed|es|ing)?|hit|of\s+(?:a\s+)?(?:high|low|peak))\s*\Z", re.I)

#: levels whose years order them: "15% in 2010 ... 21% in 2020"
_YEAR_LINK = re.compile(r"\A[\s,]*(?:in|during|for|by|as\s+of|at\s+the\s+end\s+of|since|\()?\s*\Z", re.I)
#: between two levels, a cue that the second is the earlier one ("$1.2 billion, up from $1.07 billion")
_REVERSED_BETWEEN = re.compile(
    r"\b(?:up|down|rising|falling|increasing|decreasing|climbing|compared\s+(?:with|to)|against|versus|vs\.?"
    r"|from|than|over)\b", re.I)
#: "from X to Y" with X right after "from"
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?\Z", re.I)

#: how a passage marks the whole a part is of: "of the 23", "out of 1,200", "among 480"
_WHOLE_BEFORE = re.compile(
    rf"\b(?:of|out{_WS}+of|among|from|total{_WS}+of){_WS}+(?:the{_WS}+|all{_WS}+|its{_WS}+|their{_WS}+)?\Z", re.I)
_WHOLE_AFTER = re.compile(rf"\A(?:{_WS}+[a-z]+)?{_WS}+(?:surveyed|polled|asked|in{_WS}+total|in{_WS}+all|overall)\b",
                          re.I)

#: parts a draft lists as covering everything: "split", "divided", "made up of"; a part that is
#: "the rest" ("the remaining 30%") says so too (:data:`_COMPLEMENT_BEFORE`)
_EXHAUSTIVE = re.compile(
    r"\b(?:split|divided|broke\s+down|broken\s+down|breakdown|consisting\s+of|consists\s+of|comprising"
    r"|comprised\s+of|made\s+up\s+of)\b", re.I)
#: pairs of words that split a group in two: "45 were men and 65 women" covers the patients
COMPLEMENTARY: Final[tuple[frozenset[str], ...]] = tuple(frozenset(p) for p in (
    ("men", "women"), ("male", "female"), ("males", "females"), ("boys", "girls"), ("yes", "no"),
    ("for", "against"), ("public", "private"), ("urban", "rural"), ("domestic", "foreign"),
    ("domestic", "international"), ("full-time", "part-time"), ("online", "offline"),
    ("online", "in-person"), ("insured", "uninsured"), ("vaccinated", "unvaccinated"),
    ("employed", "unemployed"), ("adults", "children"), ("democrats", "republicans"),
))
_TOTAL_COLON_AFTER = re.compile(r"\A[^.;0-9]{0,40}?(?::|\u2014|--|,\s*(?:split|divided)\b|\s(?:split|divided)\b)")

#: at most this many figures of a passage take part in the pairs and runs of one derivation
_POOL_MAX: Final = 12
#: at most this many candidates from one passage
_CANDIDATES_MAX: Final = 48
#: at most this many listed parts in one total
_RUN_MAX: Final = 6


# ---------------------------------------------------------------------------------------------
# Signals


def signal(sentence: str, q: Quantity, figures: Sequence[Quantity]) -> Signal | None:
    """The computation the draft's wording says its figure ``q`` is, or None.

    ``figures`` are the figures of the claim's sentence (offsets into ``sentence``; ``q`` is one of
    them). Readers are tried from the most specific wording to the least: a conversion written
    beside another figure, a remainder, a difference in points, a rate, a multiple, a change in
    percent, a total, a share. A figure none of them reads gets no derived check.
    """
    others = [f for f in figures if (f.start, f.end) != (q.start, q.end)]
    if q.kind == "year" or q.low != q.high:
        return None  # a year is never computed; a range is judged end by end
    for reader in (_conversion_signal, _complement_signal, _points_signal, _per_unit_signal, _ratio_signal,
                   _change_signal, _total_signal, _share_signal):
        s = reader(sentence, q, others)
        if s is not None:
            return s
    return None


def _clause_before(sentence: str, q: Quantity, others: Sequence[Quantity], width: int = 64) -> tuple[int, str]:
    """The words before ``q`` back to the previous figure, a clause break or ``width`` characters."""
    lo = max(0, q.start - width)
    for o in others:
        if o.end <= q.start:
            lo = max(lo, o.end)
    text = sentence[lo:q.start]
    cut = max(text.rfind(";"), text.rfind(". "))
    if cut >= 0:
        lo, text = lo + cut + 1, text[cut + 1:]
    return lo, text


def _clause_after(sentence: str, q: Quantity, others: Sequence[Quantity], width: int = 48) -> str:
    hi = min(len(sentence), q.end + width)
    for o in others:
        if o.start >= q.end:
            hi = min(hi, o.start)
    text = sentence[q.end:hi]
    cut = min((i for i in (text.find(";"), text.find(". ")) if i >= 0), default=-1)
    return text[:cut] if cut >= 0 else text


def _direction(sentence: str, q: Quantity, others: Sequence[Quantity]) -> tuple[Direction | None, int, int]:
    """Which way the wording around ``q`` goes, and where that word stands: the word right after
    the figure ("a 30% drop", "20% more") first, else the nearest before it in its clause."""
    after = _clause_after(sentence, q, others, 24)
    m_up, m_down = _UP.match(after.lstrip(" -")), _DOWN.match(after.lstrip(" -"))
    pad = len(after) - len(after.lstrip(" -"))
    if m_up or m_down:
        m = m_up or m_down
        assert m is not None
        return ("up" if m_up else "down"), q.end + pad + m.start(), q.end + pad + m.end()
    lo, before = _clause_before(sentence, q, others)
    ups, downs = list(_UP_BEFORE.finditer(before)), list(_DOWN_BEFORE.finditer(before))
    up, down = (ups[-1] if ups else None), (downs[-1] if downs else None)
    if up is None and down is None:
        return None, q.start, q.start
    if down is None or (up is not None and up.start() > down.start()):
        assert up is not None
        return "up", lo + up.start(), lo + up.end()
    return "down", lo + down.start(), lo + down.end()


def _as_share(q: Quantity) -> Quantity:
    """``q`` asked as a share: the matcher's change wording (:func:`pipeline.match.is_change`)
    holds for any figure ("rose 3x" reads as "rose 3%" does)."""
    return replace(q, kind="percent", unit="%", dimension="percent")


def _conversion_signal(sentence: str, q: Quantity, others: Sequence[Quantity]) -> Signal | None:
    """"12 ft (3.7 m)": the second figure is the first in another unit of its dimension."""
    if q.unit not in UNITS and q.unit not in _TEMPERATURE:
        return None
    before = [o for o in others if o.end <= q.start]
    if not before:
        return None
    o = before[-1]
    between = sentence[o.end:q.start]
    if not _convertible(o, q) or not _CONVERSION_BETWEEN.match(between):
        return None
    return Signal("conversion", between.strip(), o.end, q.start, companions=(o,),
                  difference=_temperature_rise(sentence, o, q, others))


def _convertible(a: Quantity, b: Quantity) -> bool:
    if a.unit == b.unit or a.unit is None or b.unit is None or a.low != a.high:
        return False
    if a.unit in _TEMPERATURE and b.unit in _TEMPERATURE:
        return True
    return unit_factor(a.unit, b.unit) is not None


def _temperature_rise(sentence: str, a: Quantity, b: Quantity, others: Sequence[Quantity]) -> bool:
    """Is the temperature ``a`` written beside its conversion ``b`` a rise (converted by the scale
    alone) rather than a reading (affine)? The draft's wording around the pair says which; with no
    such word, a reading."""
    if a.unit not in _TEMPERATURE:
        return False
    _lo, before = _clause_before(sentence, a, others, 48)
    if a.text.lstrip().startswith("+") or _TEMPERATURE_CHANGE_AFTER.match(sentence, b.end):
        return True
    return bool(_TEMPERATURE_CHANGE_BEFORE.search(before)) and not _TEMPERATURE_READING_BEFORE.search(before)


def _complement_signal(sentence: str, q: Quantity, others: Sequence[Quantity]) -> Signal | None:
    """"the remaining 45%", "all but 9%", "the other 55%", "the rest, 45%,"."""
    if dimension_of(q) in ("ratio", "points", "year", "rating"):
        return None
    lo = max(0, q.start - 48)
    m = _COMPLEMENT_BEFORE.search(sentence, lo, q.start)
    if m is None or _is_change(sentence, q):
        return None
    return Signal("complement", m.group(0).strip(), m.start(), m.end())


def _points_signal(sentence: str, q: Quantity, others: Sequence[Quantity]) -> Signal | None:
    """A difference in points: "up 3 points", "a gap of 4 percentage points", "fell 25 basis points".
    A figure in percentage or basis points is a difference by its unit; a bare number before
    "points" only with a change or a gap around it ("scored 30 points" is a level)."""
    pm = None
    if q.unit not in ("pp", "bp"):
        if dimension_of(q) not in ("number", "count") or q.unit not in (None, "points", "point", "pts"):
            return None
        pm = _POINTS_AFTER.match(sentence, q.end)
        if pm is None:
            return None
    d, ds, de = _direction(sentence, q, others)
    lo, before = _clause_before(sentence, q, others)
    after = _clause_after(sentence, q, others)
    compared = _COMPARISON_AFTER.match(sentence[pm.end() if pm else q.end:q.end + 60])
    gap_before, gap_after = _GAP_NOUN.search(before), _GAP_NOUN.search(after)
    if gap_before is not None:  # "a gap of 4 points", "led by 4 points"
        return Signal("point_difference", gap_before.group(0), lo + gap_before.start(), lo + gap_before.end(),
                      direction=d, comparison=True)
    if gap_after is not None:  # "4 points ahead"
        return Signal("point_difference", gap_after.group(0), q.end + gap_after.start(), q.end + gap_after.end(),
                      direction=d, comparison=True)
    if compared is not None:  # "5 points higher than"
        return Signal("point_difference", compared.group(0).strip(), q.end, q.end + compared.end(), direction=d,
                      comparison=True)
    if d is not None:  # "up 3 points", "fell 5 percentage points"
        return Signal("point_difference", sentence[ds:de], ds, de, direction=d)
    if pm is None:  # "4 percentage points" with no verb: a difference by its unit
        return Signal("point_difference", q.text, q.start, q.end, comparison=True)
    return None


def _per_unit_signal(sentence: str, q: Quantity, others: Sequence[Quantity]) -> Signal | None:
    """A rate: "$4 per resident", "$18 an hour", "$1,200 a head", "$2 million a year"."""
    if dimension_of(q) in ("percent", "points", "ratio", "year", "rating") or q.unit == "%":
        return None
    after = _clause_after(sentence, q, others, 40)
    m = _PER_AFTER.match(after)
    if m is not None:
        noun = (m.group("noun") or m.group("anoun") or "").lower()
        if m.group("each"):
            noun = _PER_GENERIC.get(m.group("each").split()[-1].lower(), "person")
        noun = _PER_GENERIC.get(noun, noun)
        if noun and not noun.isdigit():
            return Signal("per_unit", m.group(0).strip(), q.end + m.start(), q.end + m.end(), per=_singular(noun))
    if q.per and not q.per[:1].isdigit():  # a period the grammar read ("per month", "a year", "daily")
        m = re.search(r"\S+(?:\s+\S+)?", sentence[q.end:q.end + 24])
        end = q.end + (m.end() if m else 0)
        return Signal("per_unit", sentence[q.end:end].strip(), q.end, end, per=q.per)
    return None


def _singular(noun: str) -> str:
    n = noun.lower()
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if n.endswith(suffix) and len(n) > len(suffix) + 2 and not n.endswith("ss"):
            return n[: -len(suffix)] + repl
    return n


def _ratio_signal(sentence: str, q: Quantity, others: Sequence[Quantity]) -> Signal | None:
    """A multiple: "doubled", "tripled", "a threefold rise" (one thing over time); "twice as many
    as", "3x more than", "2.5 times higher than" (two things compared). "twice a week" counts
    occasions, and a bare "twice" ("elected twice") is no ratio."""
    dim = dimension_of(q)
    comp = _COMPARISON_AFTER.match(_clause_after(sentence, q, others, 40))
    if dim == "percent" and q.unit == "%" and comp is not None and comp.group(0).strip().lower().startswith("as"):
        # "half as many", "a third as much": a ratio below one, written as a share
        return Signal("ratio", comp.group(0).strip(), q.end, q.end + comp.end(), comparison=True)
    if dim != "ratio":
        return None
    word = q.text.strip()
    way: Direction = "up" if q.low >= 1 else "down"
    if comp is not None:
        return Signal("ratio", comp.group(0).strip(), q.end, q.end + comp.end(), comparison=True, direction=way)
    if _CHANGE_WORD.search(word):
        return Signal("ratio", word, q.start, q.end, direction=way)  # "doubled", "a threefold rise"
    occasion = _OCCASION.search(word) is not None
    if occasion and (_FREQUENCY_AFTER.match(sentence, q.end) or q.per):
        return None  # "twice a week", "three times a day"
    if _is_change(sentence, q):
        return Signal("ratio", word, q.start, q.end, direction=way)  # "rose 3x", "grew 2.5 times"
    if occasion:
        return None  # "twice", "three times" with nothing compared: occasions ("elected twice")
    return Signal("ratio", word, q.start, q.end, comparison=True)  # "3x", "2.5-fold": a multiple as such


def _is_change(sentence: str, q: Quantity) -> bool:
    return is_change(sentence, _as_share(q))


def _change_signal(sentence: str, q: Quantity, others: Sequence[Quantity]) -> Signal | None:
    """A change in percent: "rose 35%", "fell by a third", "a 20% drop", "30% higher than". The
    matcher's :func:`pipeline.match.is_change` decides change against level ("rose to 45%" is a
    level); this adds which way it goes and whether two things are compared."""
    if dimension_of(q) != "percent" or q.unit not in ("%", None) or not is_change(sentence, q):
        return None
    d, ds, de = _direction(sentence, q, others)
    comp = _COMPARISON_AFTER.match(_clause_after(sentence, q, others, 40))
    if ds == de:
        ds, de = q.start, q.end
    return Signal("percent_change", sentence[ds:de], ds, de, direction=d, comparison=comp is not None)


def _total_signal(sentence: str, q: Quantity, others: Sequence[Quantity]) -> Signal | None:
    """A sum: "a total of $10 million", "combined", "in all", "together", "altogether"."""
    if dimension_of(q) in ("ratio", "points", "year", "rating"):
        return None
    lo, before = _clause_before(sentence, q, others, 48)
    m = _TOTAL_BEFORE.search(before)
    if m is not None:
        return Signal("total", m.group("cue"), lo + m.start("cue"), lo + m.end("cue"))
    m = _TOTAL_AFTER.search(_clause_after(sentence, q, others, 48))
    if m is not None:
        return Signal("total", m.group("cue"), q.end + m.start("cue"), q.end + m.end("cue"))
    return None


def _share_signal(sentence: str, q: Quantity, others: Sequence[Quantity]) -> Signal | None:
    """A share of a definite whole: "57% of the residents", "a quarter of all flats", "out of",
    "the share of ... was 57%"; with the draft's own whole where it gives one ("of the 23
    residents", "Of the 120 patients, 38% ...", "13 of 23 residents, 57%"). A share of a
    population ("64% of CEOs", "a third of respondents") is what surveys state; it is no sign of
    a computation."""
    if dimension_of(q) != "percent" or q.unit not in ("%", None) or _is_change(sentence, q):
        return None
    before = [o for o in others if o.end <= q.start]
    after = [o for o in others if o.start >= q.end]

    def share(start: int, end: int, *companions: Quantity) -> Signal:
        return Signal("share", sentence[start:end], start, end, companions=companions)

    # "13 of 23 residents, 57%": a part and a whole right before the share
    if len(before) >= 2:
        a, b = before[-2], before[-1]
        if _OF_BETWEEN.match(sentence[a.end:b.start]) and _SHARE_AFTER_PAIR.match(sentence[b.end:q.start]):
            return share(a.start, b.end, a, b)
    m_after = _SHARE_AFTER.match(sentence, q.end)
    if m_after is not None and after:
        w = after[0]
        gap = sentence[m_after.end():w.start]
        if re.fullmatch(rf"{_WS}*(?:the|all|its|their)?{_WS}*", gap, re.I) and family(dimension_of(w)) == "number":
            return share(m_after.start() + 1, w.end, w)  # "57% of the 23 residents"
    if before:
        w = before[-1]
        m = _OF_WHOLE_BEFORE.search(sentence, max(0, w.start - 16), w.start)
        if family(dimension_of(w)) == "number" and m and re.fullmatch(r"[^0-9.;]{0,60}", sentence[w.end:q.start]):
            return share(m.start(), w.end, w)  # "Of the 120 patients, 38% were men"
    m_def = _SHARE_DEFINITE.match(sentence, q.end)
    if m_def is not None:
        return share(m_def.start() + 1, m_def.end())  # "57% of the", "nine out of"
    lo, text = _clause_before(sentence, q, others, 80)
    m = _SHARE_BEFORE.search(text)
    if m is not None:  # "the share of renters was 21%"
        word = m.group(0).split()[0]
        return share(lo + m.start(), lo + m.start() + len(word))
    return None


# ---------------------------------------------------------------------------------------------
# Candidates


@dataclass(frozen=True, slots=True)
class _Fig:
    """A source figure in the pool, with what every pair and run asks of it computed once: where
    it stands (text order across the two sentences), its dimension, whether it states a level,
    the year beside it, and how a formula prints it."""

    q: Quantity
    text: str  # the sentence it is in
    neighbour: bool
    order: int
    dim: str
    level: bool
    op: Operand
    shown: str
    year: float | None = None

    @property
    def value(self) -> float:
        return self.q.low

    def operand(self, value: float | None = None) -> Operand:
        if value is None or value == self.q.low:
            return self.op
        return Operand(self.q.text, value, self.q.start, self.q.end, self.neighbour)


def derive(sig: Signal, q: Quantity, passage: str, quantities: Sequence[Quantity],
           neighbour: tuple[str, Sequence[Quantity]] | None = None, *,
           neighbour_before: bool = False) -> list[Derivation]:
    """The computations ``sig``'s operation allows from the figures of one passage.

    ``quantities`` are the passage's figures (offsets into ``passage``); ``neighbour`` is one
    adjacent sentence and its figures, after the passage unless ``neighbour_before``. Every
    candidate uses at least one figure of the passage itself (the neighbour's own computations are
    found when it is the passage). Operands are figures that can take part: no years, no bounds of
    a confidence interval, no reference markers, and for a computation on levels no figure that is
    itself a change. Candidates come in the order the passage's wording favours them (a "from X to
    Y", a whole marked "of the N", a counted noun that is the rate's noun) and then text order;
    which one speaks about the claim's subject is the judge's to decide from the operands' words.
    """
    pool = _pool(passage, quantities, neighbour, neighbour_before)
    if not any(not f.neighbour for f in pool):
        return []
    maker = _MAKERS[sig.operation]
    out = [d for d in maker(sig, q, pool) if any(not o.neighbour for o in d.operands)]
    seen: set[tuple[str, tuple[tuple[int, int, bool], ...], float]] = set()
    unique: list[Derivation] = []
    for d in out:
        key = (d.operation, tuple((o.start, o.end, o.neighbour) for o in d.operands), round(d.result, 9))
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique[:_CANDIDATES_MAX]


@dataclass(frozen=True, slots=True)
class _Year:
    """A year figure of the pool's sentences: it dates the levels beside it."""

    neighbour: bool
    start: int
    end: int
    value: float


def _pool(passage: str, quantities: Sequence[Quantity], neighbour: tuple[str, Sequence[Quantity]] | None,
          neighbour_before: bool) -> list[_Fig]:
    blocks: list[tuple[str, Sequence[Quantity], bool]] = [(passage, quantities, False)]
    if neighbour is not None:
        blocks.insert(0 if neighbour_before else 1, (neighbour[0], neighbour[1], True))
    years = [_Year(nb, f.start, f.end, f.low) for _t, qs, nb in blocks for f in qs
             if f.kind == "year" and f.low == f.high]
    kept = [(f, text, nb) for text, qs, nb in blocks for f in qs
            if f.kind != "year" and f.low == f.high and not in_interval(text, f) and not _is_marker(text, f)]
    starts = [(nb, f.start) for f, _t, nb in kept]
    pool: list[_Fig] = []
    for f, text, nb in kept:
        dim = dimension_of(f)
        level = dim not in ("points", "ratio") and not is_change(text, f)  # "rose 5%", "3 points": no level
        pool.append(_Fig(f, text, nb, len(pool), dim, level, Operand(f.text, f.low, f.start, f.end, nb),
                         _written(f, dim), _year_of(f, text, nb, starts, years)))
    return pool


def _is_marker(text: str, q: Quantity) -> bool:
    """A bare number alone in brackets, "(4)" or "[12]": a reference, not a figure."""
    return (q.kind == "number" and q.unit is None and q.start > 0 and q.end < len(text)
            and text[q.start - 1] in "([" and text[q.end] in ")]")


def _level(f: _Fig) -> bool:
    """A figure that states a level, not a change or a difference ("rose 5%", "3 points")."""
    return f.level


def _same_kind(a: Quantity, b: Quantity) -> bool:
    """Two levels that one computation may combine: one family of dimension, one currency, and
    units of measure that convert."""
    da, db = dimension_of(a), dimension_of(b)
    if family(da) != family(db) or da == "points" or db == "points":
        return False
    if da == "money" and a.unit != b.unit:
        return False
    if a.unit != b.unit and (a.unit in UNITS or b.unit in UNITS):
        return unit_factor(b.unit, a.unit) is not None
    return not (a.per != b.per and (a.per or b.per))


def _in_unit(f: _Fig, unit: str | None) -> float:
    """The figure's value in ``unit`` (another unit of its dimension), else as it is."""
    if unit and f.q.unit and f.q.unit != unit:
        k = unit_factor(f.q.unit, unit)
        if k is not None:
            return f.value * k
    return f.value


def _groups(pool: Sequence[_Fig], want: str | None = None) -> list[list[_Fig]]:
    """The pool's levels grouped by what they may be combined with, each in text order; only
    groups of the family ``want`` when given."""
    groups: list[list[_Fig]] = []
    for f in pool:
        if not _level(f) or (want is not None and family(f.dim) != want):
            continue
        for g in groups:
            if _same_kind(g[0].q, f.q):
                if len(g) < _POOL_MAX:
                    g.append(f)
                break
        else:
            groups.append([f])
    return groups


# -- time order


def _year_of(q: Quantity, text: str, nb: bool, starts: Sequence[tuple[bool, int]],
             years: Sequence[_Year]) -> float | None:
    """The year a level is given for: a year figure right beside it ("21% in 2020", "In 2020,
    21% ..."), with no other figure of the pool (``starts``) between them."""
    if not years:
        return None
    best: tuple[int, float] | None = None

    def between(lo: int, hi: int) -> bool:
        return any(n == nb and lo <= st < hi and st != q.start for n, st in starts)

    for y in years:
        if y.neighbour != nb:
            continue
        if y.start >= q.end:
            gap = text[q.end:y.start]
            if len(gap) <= 12 and _YEAR_LINK.match(gap) and not between(q.end, y.start):
                d = y.start - q.end
                best = (d, y.value) if best is None or d < best[0] else best
        elif y.end <= q.start:
            gap = text[y.end:q.start]
            if len(gap) <= 40 and re.fullmatch(r"[^0-9.;]*", gap) and not between(y.end, q.start):
                d = len(gap) + 8  # a year after the figure binds closer than one before it
                best = (d, y.value) if best is None or d < best[0] else best
    return None if best is None else best[1]


def _old_new(a: _Fig, b: _Fig) -> tuple[_Fig, _Fig, bool]:
    """Which of two levels (``a`` first in text order) is the earlier, and whether the passage's
    wording says so: their years where both have one; "up from", "compared with" between them
    (the second is the earlier); else text order, as in "from X to Y"."""
    ya, yb = a.year, b.year
    if ya is not None and yb is not None and ya != yb:
        return (a, b, True) if ya < yb else (b, a, True)
    if a.neighbour == b.neighbour:
        between = a.text[a.q.end:b.q.start]
        if _REVERSED_BETWEEN.search(between) and not re.search(r"\bto\b", between):
            return b, a, True
        if _FROM_BEFORE.search(a.text, max(0, a.q.start - 24), a.q.start) and re.search(r"\bto\b", between):
            return a, b, True
    return a, b, False


# -- result forms


def _percent_form(q: Quantity) -> Quantity:
    """The form of a computed share or change: a percentage with the draft's decimals. A
    proportion's rounding band ("two-thirds") is the draft's own hedge, not the computation's, so
    the computed figure is a plain percentage."""
    d = _decimals(q.text)
    return Quantity("1" + ("." + "0" * d if d else "") + "%", "percent", 0.0, 0.0, "%", dimension="percent")


def _clean(v: float) -> float:
    """Floating-point noise off a computed value: (21 - 15) / 15 * 100 is 40, not 40.00000000000001."""
    if v == 0 or not math.isfinite(v):
        return v
    return float(f"{v:.12g}")


_NUM = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")


def _decimals(text: str) -> int:
    nums = _NUM.findall(text)
    return max((len(n.split(".", 1)[1]) if "." in n else 0 for n in nums), default=0)


def _fine_text(value: float, like: Quantity) -> str:
    """``value`` in ``like``'s surface form, with two more decimals than ``like`` writes unless it
    is exact with fewer: the computed figure's own precision, finer than the draft's, so the
    comparison reads the draft's "57%" as a rounding of 56.52% (and "40%" as equal to 40)."""
    base = format_like(value, value, like)
    m = _NUM.search(base)
    if m is None:
        return base
    shown = abs(value) / _mult(like)
    dec0 = _decimals(like.text)
    for dec in range(dec0, dec0 + 3):
        if abs(round(shown, dec) - shown) < 1e-9 * max(1.0, shown):
            break
    else:
        dec = dec0 + 2
    num = f"{shown:,.{dec}f}" if "," in m.group(0) or shown >= 10000 else f"{shown:.{dec}f}"
    return base[: m.start()] + num + base[m.end():]


def _mult(q: Quantity) -> float:
    """What one unit of the number as written is worth (1e6 for "$4 million", 1 for "62%")."""
    m = _NUM.search(q.text)
    if m is None or q.kind in ("percent", "proportion", "multiplier") or not q.low:
        return 1.0
    written = float(m.group(0).replace(",", ""))
    return abs(q.low) / written if written else 1.0


def _num(v: float) -> str:
    """A number for a formula: as few decimals as it needs, at most four significant past the point."""
    v = _clean(v)
    if v == int(v) and abs(v) < 1e15:
        s = f"{int(v):,}" if abs(v) >= 10000 else str(int(v))
        return s
    for dec in range(1, 5):
        if abs(round(v, dec) - v) < 1e-9 * max(1.0, abs(v)):
            break
    return f"{v:,.{dec}f}" if abs(v) >= 10000 else f"{v:.{dec}f}"


def _show(value: float, kind: str, like: Quantity, signed: bool = False) -> str:
    """A result as the formula prints it: "2.0x", "+40%", "45%", "$4.17", "6 percentage points"."""
    v = _clean(value)
    if kind == "x":
        return (f"{v:.1f}" if round(v, 1) == v else _num(round(v, 2))) + "x"
    if kind == "%":
        s = _num(round(v, 2)) + "%"
        return ("+" + s) if signed and v > 0 else s
    if kind in ("pp", "bp", "points"):
        name = {"pp": "percentage points", "bp": "basis points", "points": "points"}[kind]
        s = _num(round(v, 2))
        return (("+" + s) if signed and v > 0 else s) + " " + name
    return format_like(v, v, like)


def _operand_text(f: _Fig, value: float | None = None) -> str:
    """An operand as the formula prints it (:func:`_written`); a value converted into another unit
    as its number."""
    if value is not None and abs(value - f.q.low) > 1e-9 * max(1.0, abs(f.q.low)):
        return _num(value)
    return f.shown


def _written(q: Quantity, dim: str) -> str:
    """A figure as a formula prints it: a share or a count as its number ("15", "48,000"), a
    duration with its unit ("38 hours"), money and measures as written ("$1.2 million")."""
    if dim == "duration" and q.unit:
        return f"{_num(q.low)} {q.unit}{'' if q.low == 1 else 's'}"
    if dim in ("percent", "points") or (dim in ("count", "number") and not q.scale):
        m = _NUM.search(q.text)  # the digits as the source writes them ("3,000", "4.25")
        return m.group(0) if m is not None and not q.text.lstrip().startswith("-") else _num(q.low)
    return q.text


def _make(op: Operation, operands: Sequence[Operand], result: float, lhs: str, show: tuple[float, str, bool],
          form: Quantity, figs: Sequence[_Fig], direction: Direction | None = None) -> Derivation:
    """A candidate; its formula and text are rendered only when read (:class:`Derivation`)."""
    hedged = any(f.q.approx or f.q.qualifier is not None for f in figs)
    return Derivation(op, tuple(operands), _clean(result), form.kind, form.unit, dimension_of(form), form.scale,
                      form.per, hedged, direction, lhs, show, form)


def _ratio_form(q: Quantity) -> Quantity:
    if dimension_of(q) == "ratio":
        return replace(q, kind="multiplier", unit="x", dimension="ratio")
    return _percent_form(q)


#: the form of a difference in points where the draft wrote a percentage ("rose 6%" for 15% -> 21%)
_POINTS_LIKE: Final = Quantity("1 percentage points", "percent", 0.0, 0.0, "pp", dimension="points")


def _points_form(q: Quantity) -> Quantity:
    """The form of a computed difference of shares: the draft's own ("3 points", "25 basis points")."""
    if dimension_of(q) == "points" or q.unit in ("pp", "bp"):
        return q
    if q.kind in ("number", "count"):
        return replace(q, kind="number", unit=None, dimension="number")
    return _POINTS_LIKE


def _pairs(group: Sequence[_Fig]) -> list[tuple[_Fig, _Fig]]:
    return list(itertools.combinations(group, 2))


# -- the operations' candidates


def _ratio_candidates(sig: Signal, q: Quantity, pool: Sequence[_Fig]) -> list[Derivation]:
    """Two levels of one kind: over time the later over the earlier ("doubled"); compared, the
    larger over the smaller (the smaller over the larger for "half as many")."""
    form = _ratio_form(q)
    pct = form.unit == "%"
    marked: list[Derivation] = []
    rest: list[Derivation] = []
    for g in _groups(pool):
        for a, b in _pairs(g):
            va, vb = a.value, _in_unit(b, a.q.unit)
            if sig.comparison:
                below = q.low < (100 if pct else 1)
                (num, vn), (den, vd) = sorted(((a, va), (b, vb)), key=lambda t: t[1], reverse=not below)
                explicit = False
            else:
                old, new, explicit = _old_new(a, b)
                (num, vn), (den, vd) = (new, va if new is a else vb), (old, va if old is a else vb)
            if vd == 0 or vn == 0:
                continue
            r = ratio(vn, vd) * (100 if pct else 1)
            lhs = f"{_operand_text(num, vn)} / {_operand_text(den, vd)}"
            d = _make("ratio", (num.operand(vn), den.operand(vd)), r, lhs, (r, "%" if pct else "x", False), form,
                      (num, den), None if sig.comparison else ("up" if vn > vd else "down"))
            (marked if explicit else rest).append(d)
    return marked + rest


def _change_candidates(sig: Signal, q: Quantity, pool: Sequence[_Fig]) -> list[Derivation]:
    """Two levels of one kind, earlier to later: (new - old) / old. Compared ("20% lower than"),
    the smaller against the larger in the draft's direction. For two shares, the difference in
    points is offered too where it has the claim's number: the "% vs percentage points" slip."""
    form = _percent_form(q)
    marked: list[Derivation] = []
    rest: list[Derivation] = []
    for g in _groups(pool):
        shares = g[0].dim == "percent"
        for a, b in _pairs(g):
            va, vb = a.value, _in_unit(b, a.q.unit)
            if sig.comparison:
                lo_f, hi_f = sorted(((a, va), (b, vb)), key=lambda t: t[1])
                (old, vo), (new, vn) = (lo_f, hi_f) if sig.direction != "down" else (hi_f, lo_f)
                explicit = False
            else:
                old, new, explicit = _old_new(a, b)
                vo, vn = (va if old is a else vb), (va if new is a else vb)
            if vo == 0:
                continue
            change = percent_change(vo, vn)
            result = -change if sig.direction == "down" else (abs(change) if sig.direction is None else change)
            lhs = f"({_operand_text(new, vn)} - {_operand_text(old, vo)}) / {_operand_text(old, vo)}"
            way: Direction = "up" if vn >= vo else "down"
            (marked if explicit else rest).append(_make("percent_change", (old.operand(vo), new.operand(vn)), result,
                                                        lhs, (change, "%", True), form, (old, new), way))
            if shares:
                diff = point_difference(vo, vn)
                pts = -diff if sig.direction == "down" else (abs(diff) if sig.direction is None else diff)
                if _states_number(q, pts):
                    (marked if explicit else rest).append(
                        _make("point_difference", (old.operand(vo), new.operand(vn)), pts, f"{_num(vn)} - {_num(vo)}",
                              (diff, "pp", True), _POINTS_LIKE, (old, new), way))
    return marked + rest


def _states_number(q: Quantity, v: float) -> bool:
    """Does the draft's figure have this value at its own precision (the same number, another unit)?"""
    return abs(_clean(v) - q.low) < precision(q, coarse=False) / 2 + 1e-9


def _points_candidates(sig: Signal, q: Quantity, pool: Sequence[_Fig]) -> list[Derivation]:
    """Two shares (or, for plain "points", two levels of an index or a score): the later minus the
    earlier, or the gap between them. The relative change is offered too where it has the claim's
    number, as :func:`_change_candidates` offers points."""
    form = _points_form(q)
    scale = 100.0 if q.unit == "bp" else 1.0
    marked: list[Derivation] = []
    rest: list[Derivation] = []
    plain = q.unit not in ("pp", "bp")
    for g in _groups(pool):
        dim = g[0].dim
        if dim != "percent" and not (plain and family(dim) == "number"):
            continue
        for a, b in _pairs(g):
            if sig.comparison:
                (old, vo), (new, vn) = sorted(((a, a.value), (b, b.value)), key=lambda t: t[1])
                explicit = False
            else:
                old, new, explicit = _old_new(a, b)
                vo, vn = old.value, new.value
            diff = point_difference(vo, vn) * scale
            result = abs(diff) if sig.comparison or sig.direction is None else (-diff if sig.direction == "down"
                                                                                 else diff)
            unit_kind = q.unit if q.unit in ("pp", "bp") else "points"
            times = " x 100" if scale != 1 else ""
            lhs = f"({_num(vn)} - {_num(vo)}){times}" if times else f"{_num(vn)} - {_num(vo)}"
            way: Direction = "up" if vn >= vo else "down"
            (marked if explicit else rest).append(
                _make("point_difference", (old.operand(), new.operand()), result, lhs,
                      (diff, unit_kind, not sig.comparison), form, (old, new), way))
            if dim == "percent" and vo != 0 and not sig.comparison:
                change = percent_change(vo, vn)
                rel = -change if sig.direction == "down" else change
                if _states_number(q, rel):
                    (marked if explicit else rest).append(
                        _make("percent_change", (old.operand(), new.operand()), rel,
                              f"({_num(vn)} - {_num(vo)}) / {_num(vo)}", (change, "%", True), _percent_form(q),
                              (old, new), way))
    return marked + rest


def _complement_candidates(sig: Signal, q: Quantity, pool: Sequence[_Fig]) -> list[Derivation]:
    """A share's remainder of 100% (one share each); for an amount or a count, a whole less a part
    of one kind ("the remaining $6 million" of $10 million once $4 million is spent)."""
    out: list[Derivation] = []
    if dimension_of(q) == "percent":
        form = _percent_form(q)
        for f in pool:
            if f.dim != "percent" or not _level(f) or not 0 <= f.value <= 100:
                continue
            r = complement(f.value)
            out.append(_make("complement", (f.operand(),), r, f"100 - {_num(f.value)}", (r, "%", False), form, (f,)))
        return out
    form = q
    for g in _groups(pool, family(dimension_of(q))):
        if not _same_kind(g[0].q, q) and dimension_of(q) not in ("count", "number"):
            continue
        for a, b in _pairs(g):
            va, vb = _in_unit(a, q.unit), _in_unit(b, q.unit)
            (whole, vw), (part, vp) = ((a, va), (b, vb)) if va >= vb else ((b, vb), (a, va))
            if vw == vp:
                continue
            r = complement(vp, vw)
            lhs = f"{_operand_text(whole, vw)} - {_operand_text(part, vp)}"
            out.append(_make("complement", (whole.operand(vw), part.operand(vp)), r, lhs, (r, "", False), form,
                             (whole, part)))
    return out


def _total_candidates(sig: Signal, q: Quantity, pool: Sequence[_Fig]) -> list[Derivation]:
    """Sums of two or more parts of the claim's kind that stand together in the text (runs in
    text order: "$4 million for roads and $5 million for parks"), never arbitrary subsets."""
    out: list[Derivation] = []
    form = _percent_form(q) if dimension_of(q) == "percent" else q
    for g in _groups(pool, family(dimension_of(q))):
        if dimension_of(q) == "money" and g[0].q.unit != q.unit:
            continue
        if dimension_of(q) == "percent" and g[0].dim != "percent":
            continue
        vals = [_in_unit(f, q.unit) for f in g]
        # a part too small to move the total at the draft's (round) precision is no part of it:
        # "two analysts" + "5,600 security analysts" is 5,600 as "9,600" would be written
        least = precision(form, coarse=True) / 2
        for size in range(2, min(len(g), _RUN_MAX) + 1):
            for i in range(len(g) - size + 1):
                run, vs = g[i:i + size], vals[i:i + size]
                if min(abs(v) for v in vs) < least:
                    continue
                r = total(vs)
                kind = "%" if form.unit == "%" else ""
                lhs = " + ".join(_operand_text(f, v) for f, v in zip(run, vs, strict=True))
                out.append(_make("total", tuple(f.operand(v) for f, v in zip(run, vs, strict=True)), r, lhs,
                                 (r, kind, False), form, run))
    return out  # the shortest lists first: a pair before a triple


def _marked_whole(f: _Fig) -> bool:
    return bool(_WHOLE_BEFORE.search(f.text, max(0, f.q.start - 16), f.q.start)
                or _WHOLE_AFTER.match(f.text[f.q.end:f.q.end + 30])
                or _TOTAL_BEFORE.search(f.text, max(0, f.q.start - 30), f.q.start))


def _share_candidates(sig: Signal, q: Quantity, pool: Sequence[_Fig]) -> list[Derivation]:
    """A part over a whole of one kind, in percent. The whole is a figure the passage marks as one
    ("of the 23", "out of 1,200", "a total of") where it marks any, else any larger figure; where
    the draft gives its own whole ("of the 23 residents") and the passage has that figure, only it.
    A part over the sum of the listed parts ("45 men and 65 women": 45 / 110) is offered too."""
    form = _percent_form(q)
    out: list[Derivation] = []
    draft_whole = sig.companions[-1].low if sig.companions else None
    draft_part = sig.companions[0].low if len(sig.companions) == 2 else None
    for g in _groups(pool):
        if g[0].dim == "percent":
            continue  # a share of shares is a share of the whole already
        wholes = [f for f in g if draft_whole is not None and _clean(f.value) == _clean(draft_whole)]
        if not wholes:
            wholes = [f for f in g if _marked_whole(f)] or list(g)
        for w in wholes:
            parts = [f for f in g if f is not w and 0 <= _in_unit(f, w.q.unit) < w.value]
            if draft_part is not None and any(_clean(f.value) == _clean(draft_part) for f in parts):
                parts = [f for f in parts if _clean(f.value) == _clean(draft_part)]
            for p in parts:
                vp = _in_unit(p, w.q.unit)
                if w.value == 0:
                    continue
                r = share_of(vp, w.value)
                out.append(_make("share", (p.operand(vp), w.operand()), r,
                                 f"{_operand_text(p, vp)} / {_operand_text(w)}", (r, "%", False), form, (p, w)))
        if 2 <= len(g) <= 4 and not any(_marked_whole(f) for f in g):
            vals = [_in_unit(f, g[0].q.unit) for f in g]
            whole = total(vals)
            if whole > 0:
                for f, v in zip(g, vals, strict=True):
                    r = share_of(v, whole)
                    lhs = f"{_operand_text(f, v)} / ({' + '.join(_operand_text(x, vx) for x, vx in zip(g, vals, strict=True))})"
                    ops = (f.operand(v), *(x.operand(vx) for x, vx in zip(g, vals, strict=True)))
                    out.append(_make("share", ops, r, lhs, (r, "%", False), form, g))
    return out


def _noun_of(f: _Fig) -> str | None:
    u = f.q.unit
    if f.dim == "count" and u:
        return stem(_singular(u.split()[-1]))
    return None


def _per_unit_candidates(sig: Signal, q: Quantity, pool: Sequence[_Fig]) -> list[Derivation]:
    """An amount of the claim's kind over a count: counts of the rate's noun where the passage has
    any ("48,000 residents" for "per resident"), else any count; for a rate per hour, day or year, a
    duration in that unit ("$720 for a 40-hour week": 40 hours)."""
    per = sig.per or ""
    time_unit = next((u.symbol for u in UNITS.values() if u.dimension == "duration" and (u.symbol == per)), None)
    # totals, not rates: the claim's "a year" is the computation's, not the amount's
    amounts = [f for f in pool if _level(f) and f.q.per is None and f.dim != "percent"
               and _same_kind(f.q, replace(q, per=None))]
    counts: list[tuple[_Fig, float]] = []
    for f in pool:
        dim = f.dim
        if time_unit and dim == "duration" and f.q.unit:
            k = unit_factor(f.q.unit, time_unit)
            if k is not None:
                counts.append((f, f.value * k))
        elif not time_unit and family(dim) == "number" and f.value > 0 and _level(f):
            # a rate over time divides by a time ("$720 for a 40-hour week"), never by a count
            counts.append((f, f.value))
    want = stem(per) if per else None
    named = [(f, v) for f, v in counts if want is not None and _noun_of(f) == want]
    if named:
        counts = named + [(f, v) for f, v in counts if f.dim == "duration"]
    out: list[Derivation] = []
    for a in amounts:
        for c, vc in counts:
            if c is a or vc == 0:
                continue
            va = _in_unit(a, q.unit)
            r = per_unit(va, vc)
            lhs = f"{_operand_text(a, va)} / {_operand_text(c, vc)}"
            out.append(_make("per_unit", (a.operand(va), c.operand(vc)), r, lhs, (r, "", False), q, (a, c)))
    return out


def _conversion_candidates(sig: Signal, q: Quantity, pool: Sequence[_Fig]) -> list[Derivation]:
    """A figure of the claim's dimension in another unit, in the claim's unit; temperatures as
    readings unless the draft's wording makes them a rise (:attr:`Signal.difference`)."""
    out: list[Derivation] = []
    if q.unit is None:
        return out
    for f in pool:
        if f.q.unit is None or f.q.unit == q.unit or not _convertible(f.q, q):
            continue
        r = convert(f.value, f.q.unit, q.unit, difference=sig.difference)
        out.append(_make("conversion", (f.operand(),), r, f.q.text, (r, "", False), q, (f,)))
    return out


_MAKERS: Final = {
    "ratio": _ratio_candidates,
    "percent_change": _change_candidates,
    "point_difference": _points_candidates,
    "complement": _complement_candidates,
    "total": _total_candidates,
    "share": _share_candidates,
    "per_unit": _per_unit_candidates,
    "conversion": _conversion_candidates,
}


# ---------------------------------------------------------------------------------------------
# Suggestions


def suggestion(claim: Quantity, d: Derivation) -> str:
    """The computed figure in the draft's form, for a misquote's suggestion: at the precision the
    draft writes ("42%" for 41.67% where the draft wrote "35%", "36 °C" for 36.11 °C, "2.2x" for a
    "doubled" that came out at 2.22), never repeating the draft's own figure; where the slip is the
    unit ("rose 6%" for six points), the computed figure in its own unit ("6 percentage points").
    This renders; whether there is a misquote at all is the judge's to say."""
    if compare(claim, d.quantity).relation == "unit":
        return d.text
    v = d.result
    if _NUM.search(claim.text):
        step = precision(claim, coarse=False)
    else:  # spelled out ("doubled", "a third"): a multiple to a tenth, a share to a whole percent
        step = 0.1 if dimension_of(claim) == "ratio" else 1.0
    for _ in range(3):
        r = _clean(round(v / step) * step)
        if abs(r - claim.low) > 1e-9 * max(1.0, abs(r)):
            break
        step /= 10
    if claim.kind == "proportion" or _NUM.search(claim.text):
        return format_like(r, r, claim)
    digits = _num(round(r, _decimals_of(step)))
    m = _SPELLED_TIMES.match(claim.text)
    if m is not None:  # "four times" -> "3 times", "threefold" -> "2.5-fold"
        return digits + ("-fold" if m.group("how").lower().startswith("fold") else m.group("sep") + m.group("how"))
    return digits + ("x" if dimension_of(claim) == "ratio" else "%")


_SPELLED_TIMES = re.compile(r"[A-Za-z]+?(?P<sep>[\s-]*)(?P<how>times|fold)\Z", re.I)


def _decimals_of(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 0


# ---------------------------------------------------------------------------------------------
# A draft's own arithmetic


def inconsistencies(sentence: str, figures: Sequence[Quantity]) -> list[Inconsistency]:
    """Where a draft's sentence contradicts itself, with no source needed:

    * a figure and the conversion written beside it ("12 ft (3.7 m)", "5 km, or 3.1 miles",
      "40 °C (104 °F)") that disagree beyond the rounding of the less precise of the two;
    * parts and their stated total ("a total of $10 million: $4 million ... and $5 million ...";
      "Of the 120 patients, 45 were men and 65 women"), and shares that the sentence says cover
      everything ("the rest", "split") but do not add up to 100%;
    * a share written beside its counts ("13 of 23 residents (57%)").
    """
    qs = sorted((f for f in figures if f.low == f.high and f.kind != "year"), key=lambda f: f.start)
    out: list[Inconsistency] = []
    out.extend(_conversion_slips(sentence, qs))
    out.extend(_total_slips(sentence, qs))
    out.extend(_share_slips(sentence, qs))
    return out


def _span(q: Quantity) -> tuple[int, int]:
    return q.start, q.end


def _conversion_slips(sentence: str, qs: Sequence[Quantity]) -> list[Inconsistency]:
    out: list[Inconsistency] = []
    for a, b in itertools.pairwise(qs):
        if not _convertible(a, b) or not _CONVERSION_BETWEEN.match(sentence[a.end:b.start]):
            continue
        assert a.unit is not None and b.unit is not None
        rise = _temperature_rise(sentence, a, b, [x for x in qs if x is not a])
        expected = convert(a.low, a.unit, b.unit, difference=rise)
        # each figure's rounding, in b's unit: the less precise one sets the tolerance
        step_a = abs(convert(precision(a), a.unit, b.unit, difference=True))
        tol = max(step_a, precision(b)) / 2
        if abs(expected - b.low) <= tol + 1e-9:
            continue
        shown = _num(round(expected, _decimals(b.text) + 1))
        nb = _NUM.search(b.text)
        unit_words = b.text[nb.end():] if nb is not None else f" {unit_name(b.unit)}"
        unit_words = unit_words.replace("-", " ") if unit_words.startswith("-") else unit_words
        msg = f"{a.text} is {shown}{unit_words}, not {b.text}"
        if rise:
            msg += " (as a difference of temperature)"
        out.append(Inconsistency("conversion", (_span(a), _span(b)), _span(b), expected, msg))
    return out


def _tolerance(parts: Sequence[Quantity], stated: Quantity | None) -> float:
    """How far parts may miss their total as written: shares are rounded one by one, so each part's
    rounding adds up ("33% + 33% + 33%" is a whole); other figures are read as the writer means
    them to add, to the rounding of the least precise one ("$4 million and $5 million" never make
    "$10 million")."""
    if all(dimension_of(p) == "percent" for p in parts):
        return sum(precision(p) for p in parts) / 2
    steps = [precision(p) for p in parts] + ([precision(stated)] if stated is not None else [])
    return max(steps) / 2


def _total_slips(sentence: str, qs: Sequence[Quantity]) -> list[Inconsistency]:
    out: list[Inconsistency] = []
    levels = [q for q in qs if dimension_of(q) not in ("ratio", "points", "rating") and not _is_change(sentence, q)]
    done = False
    for k, t in enumerate(levels):
        before_text = sentence[max(0, t.start - 40):t.start]
        after_t = [p for p in levels[k + 1:] if _adds_to(p, t)]
        before_t = [p for p in levels[:k] if _adds_to(p, t)]
        parts: list[Quantity] = []
        if _TOTAL_BEFORE.search(before_text) and (_TOTAL_COLON_AFTER.match(sentence[t.end:]) or
                                                  _EXHAUSTIVE.search(sentence[t.end:])) and len(after_t) >= 2:
            parts = after_t  # "a total of $10 million: $4 million for X and $5 million for Y"
        elif (_TOTAL_BEFORE.search(before_text) or _TOTAL_AFTER.match(sentence[t.end:t.end + 40])) \
                and len(before_t) >= 2 and not after_t:
            parts = before_t  # "$4 million for X and $5 million for Y, a total of $10 million"
        elif (_WHOLE_BEFORE.search(sentence, max(0, t.start - 16), t.start) and len(after_t) >= 2
              and (_EXHAUSTIVE.search(sentence[t.end:]) or _complementary(sentence, after_t))):
            parts = after_t  # "Of the 120 patients, 45 were men and 65 women"
        elif _TOTAL_COLON_AFTER.match(sentence[t.end:]) and _EXHAUSTIVE.search(sentence) and len(after_t) >= 2:
            parts = after_t  # "The budget of $10 million was split: ..."
        if not parts:
            continue
        s = total(p.low for p in parts)
        if abs(s - t.low) > _tolerance(parts, t) + 1e-9:
            msg = " + ".join(p.text for p in parts) + f" = {format_like(s, s, t)}, not {t.text}"
            out.append(Inconsistency("total", tuple(sorted(_span(x) for x in [t, *parts])), _span(t), s, msg))
        done = True
        break
    if done:
        return out
    shares = [q for q in levels if dimension_of(q) == "percent" and q.unit == "%"]
    if len(shares) >= 2 and _covers_everything(sentence, shares):
        s = total(q.low for q in shares)
        if abs(s - 100.0) > _tolerance(shares, None) + 1e-9:
            msg = " + ".join(q.text for q in shares) + f" = {_num(s)}%, not 100%"
            out.append(Inconsistency("total", tuple(_span(x) for x in shares), None, s, msg))
    return out


def _covers_everything(sentence: str, shares: Sequence[Quantity]) -> bool:
    """Does the sentence say its shares cover the whole: the last is "the rest" ("and the remaining
    30%"), or a split is announced before the first ("The vote split 52% for, ...")?"""
    last = shares[-1]
    if _COMPLEMENT_BEFORE.search(sentence, max(0, last.start - 48), last.start):
        return True
    return bool(_EXHAUSTIVE.search(sentence, 0, shares[0].start))


def _adds_to(p: Quantity, t: Quantity) -> bool:
    """Could ``p`` be a part of the total ``t``: one kind of figure, one currency, one unit."""
    dp, dt = dimension_of(p), dimension_of(t)
    if family(dp) != family(dt) or (dp == "money" and p.unit != t.unit):
        return False
    return not (p.unit != t.unit and dp not in ("count", "number"))


def _complementary(sentence: str, parts: Sequence[Quantity]) -> bool:
    """Do the parts' words split a group in two ("45 were men and 65 women")?"""
    if len(parts) != 2:
        return False
    a, b = parts
    wa = {w.lower() for w in re.findall(r"[A-Za-z-]+", sentence[a.end:b.start])[:3]} | {(a.unit or "").lower()}
    wb = {w.lower() for w in re.findall(r"[A-Za-z-]+", sentence[b.end:b.end + 30])[:3]} | {(b.unit or "").lower()}
    return any(any(x in wa for x in pair) and any(y in wb for y in pair if y not in wa) for pair in COMPLEMENTARY)


def _share_slips(sentence: str, qs: Sequence[Quantity]) -> list[Inconsistency]:
    out: list[Inconsistency] = []
    for s in qs:
        if dimension_of(s) != "percent" or s.kind == "proportion":
            continue
        sig = _share_signal(sentence, s, [x for x in qs if x is not s])
        if sig is None or len(sig.companions) != 2:
            continue
        part, whole = sig.companions
        if whole.low == 0:
            continue
        expected = share_of(part.low, whole.low)
        if abs(expected - s.low) <= precision(s) / 2 + 1e-9:
            continue
        msg = f"{_num(part.low)} of {_num(whole.low)} is {_num(round(expected, _decimals(s.text) + 1))}%, not {s.text}"
        out.append(Inconsistency("share", (_span(part), _span(whole), _span(s)), _span(s), expected, msg))
    return out


# ---------------------------------------------------------------------------------------------
# How exact a computed figure is


def spread(d: Derivation) -> tuple[float, float]:
    """The least and the greatest the result could be, given that each operand is itself rounded
    at its last written digit ("22.3%" is anything from 22.25 to 22.35): 22.3% + 45.2% is 67.4
    to 67.6, so a draft's "67%" rounds it although 67.5 does not. Temperatures, whose conversion is
    affine, are taken as exact."""
    if d.operation == "conversion" and d.dimension == "temperature":
        return d.result, d.result
    values = [o.value for o in d.operands]
    halves = [_half_step(o) for o in d.operands]
    base = _recompute(d, values)
    if base is None or not math.isfinite(base) or base == 0:
        return d.result, d.result
    k = d.result / base  # the scale and the sign the computation carried (x100, a fall)
    results = []
    for signs in itertools.product((-1.0, 1.0), repeat=len(values)):
        r = _recompute(d, [v + s * h for v, s, h in zip(values, signs, halves, strict=True)])
        if r is not None and math.isfinite(r):
            results.append(k * r)
    return (min(results), max(results)) if results else (d.result, d.result)


def _half_step(o: Operand) -> float:
    """Half the unit of the operand's last written digit, in the units of its value."""
    from .quantities import parse_quantity

    q = parse_quantity(o.text)
    if q is None or not q.low:
        return 0.0
    step = precision(q, coarse=False)
    return abs(step / q.low * o.value) / 2


def _recompute(d: Derivation, v: Sequence[float]) -> float | None:
    """The operation on operand values ``v``, in the operands' order (see each operation)."""
    try:
        op = d.operation
        if op == "ratio":
            return ratio(v[0], v[1])
        if op == "percent_change":
            return percent_change(v[0], v[1])
        if op == "point_difference":
            return point_difference(v[0], v[1])
        if op == "complement":
            return complement(v[0]) if len(v) == 1 else complement(v[1], v[0])
        if op == "total":
            return total(v)
        if op == "share":
            return share_of(v[0], v[1]) if len(v) == 2 else share_of(v[0], total(v[1:]))
        if op == "per_unit":
            return per_unit(v[0], v[1])
        return v[0]  # a conversion: the value itself, in the claim's unit
    except (ZeroDivisionError, ValueError):
        return None
