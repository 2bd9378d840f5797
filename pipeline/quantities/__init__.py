"""The figure grammar: every numeric claim in a text, with its value normalised.

This is the most accuracy-critical code of the product: a figure missed in a draft is a claim never
checked, a figure misread in a source is a false "misquote". It runs on drafts and on whole source
texts (several MB), so it works in one pass:

1. *Exclusion zones* (citation markers, URLs, e-mails, DOIs, times of day, phone numbers,
   p-values, "95% CI", versions, fractions, days of month, street numbers, list numbers,
   identifiers such as "Phase 2") are found first by a handful of linear regexes.
2. One master regex finds the *atoms* a figure can start with: digits, spelled-out numbers,
   fraction words ("two-thirds of"), multiplier words ("double"), "FY2024".
3. For each atom a small hand-written parser looks a bounded number of characters left (currency
   sign, hedge, minus) and right (range, scale, unit, counted noun, rate period) with anchored
   ``pattern.match(text, pos)`` calls, so there is no per-position backtracking.

Decisions worth knowing (each is tested):

* Hedges are outside the span. "about"-like words give ``qualifier="about"``; "over"-like give
  ``"min"``; "up to"-like give ``"max"``. "nearly"/"almost" mean *just below* the figure, so they
  give ``"max"``. Every hedge sets ``approx=True``; so does a trailing "+" ("100+", ``"min"``).
* "from X to Y" is a change, not a range: two figures. "X to Y", "X-Y", "between X and Y" are one.
* Scores: two integers <= 30 joined by a dash, the first larger ("5-4", "3–1 win"), are no figure.
* A capitalised word (not at a sentence start) right before a bare number makes it a name
  ("Boeing 747", "Fortune 500", "Python 3.11"), unless the number carries a unit or is a year.
* "500 BC"/"500 BCE" is a year with a negative value; "AD 800"/"800 CE" a plain year.
  "1990s" is 1990..1999; "1900s" (a century) is 1900..1999.
* Spelled-out numbers are figures only with a unit that makes them a claim (percent, multiplier,
  duration, currency, a scale word such as "two million", or a value of at least a hundred);
  "three clusters" is not a figure. Spelled "one"/"a" + duration ("one day she...") is not either;
  "a year and a half" and "a decade" / "the past decade" are (1.5 years, ten years).
* A glued "m" is million ("1.5m people", "reached 1.5m.") unless the next word measures ("300m
  tall", "the 100m sprint", "5m away"): then metres. "5km", "10kg", "25g of" are units.
* A rate's base belongs to its figure ("12.5 per 100,000" has ``per="100,000"``): the base is no
  figure of its own. "36 cents", "85p", "99 pence" are money in hundredths; "25 basis points" and
  "50bps" are percent with unit ``"bp"``.
* A unit on both ends ("between 3 hours and 5 hours", "1.5C to 2C") makes one range only when it
  is the same unit. Power and energy ("1.2 GW", "460 terawatt-hours", "100W") carry case-sensitive
  symbols. A decimal mark on a scale ("6.1/10", "3.5/5") is one figure with unit "/10";
  it compares only with marks on the same scale.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace

from pipeline.model import Kind, Quantity

__all__ = ["find_quantities", "format_like", "parse_quantity"]

# ---------------------------------------------------------------------------------------------
# Tables (data, not code)

_ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_WORD_SCALES: dict[str, float] = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

#: magnitude words/abbreviations after digits -> multiplier (keys lowercased except M/B/K/T)
_SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6,
    "b": 1e9, "B": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "T": 1e12, "tr": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
    "cents": 0.01, "pence": 0.01, "p": 0.01,
}

_DENOMS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}

_MULT_WORDS: dict[str, float] = {
    "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twice": 2,
    "triple": 3, "tripled": 3, "triples": 3, "tripling": 3, "thrice": 3,
    "quadruple": 4, "quadrupled": 4, "quadruples": 4, "quadrupling": 4,
}

_DURATION_UNITS: dict[str, str] = {
    "second": "second", "seconds": "second", "sec": "second", "secs": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour",
    "day": "day", "days": "day",
    "week": "week", "weeks": "week", "wk": "week", "wks": "week",
    "month": "month", "months": "month", "mo": "month", "mos": "month",
    "year": "year", "years": "year", "yr": "year", "yrs": "year",
    "decade": "decade", "decades": "decade",
}

#: units of length and mass after a number, by their canonical symbol. Values stay as written
#: ("16 feet" is 16, unit "ft"); compare.py converts between units of one dimension.
MEASURE_UNITS: dict[str, str] = {
    **dict.fromkeys(("m", "meter", "meters", "metre", "metres"), "m"),
    **dict.fromkeys(("km", "kilometer", "kilometers", "kilometre", "kilometres"), "km"),
    **dict.fromkeys(("cm", "centimeter", "centimeters", "centimetre", "centimetres"), "cm"),
    **dict.fromkeys(("mm", "millimeter", "millimeters", "millimetre", "millimetres"), "mm"),
    **dict.fromkeys(("ft", "foot", "feet"), "ft"),
    **dict.fromkeys(("inch", "inches"), "in"),
    **dict.fromkeys(("yd", "yard", "yards"), "yd"),
    **dict.fromkeys(("mi", "mile", "miles"), "mi"),
    **dict.fromkeys(("kg", "kilogram", "kilograms", "kilo", "kilos"), "kg"),
    **dict.fromkeys(("g", "gram", "grams"), "g"),
    **dict.fromkeys(("mg", "milligram", "milligrams"), "mg"),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), "lb"),
    **dict.fromkeys(("oz", "ounce", "ounces"), "oz"),
}
#: power and energy, by their symbol; the prefixes are case-sensitive ("MW", not "mW")
POWER_UNITS: dict[str, str] = {
    **{p + "W": p + "W" for p in ("", "k", "M", "G", "T")},
    **{p + "Wh": p + "Wh" for p in ("", "k", "M", "G", "T")},
    **{f"{name}watt{s}": sym + "W" for name, sym in (("", ""), ("kilo", "k"), ("mega", "M"), ("giga", "G"),
                                                    ("tera", "T")) for s in ("", "s")},
    **{f"{name}watt{sep}hour{s}": sym + "Wh" for name, sym in (("", ""), ("kilo", "k"), ("mega", "M"),
                                                              ("giga", "G"), ("tera", "T"))
       for sep in ("-", " ") for s in ("", "s")},
}
_MEASURE_SYMBOLS = frozenset(MEASURE_UNITS.values()) | frozenset(POWER_UNITS.values())
#: currency signs before a number (longest first in the regex)
_CUR_SIGNS: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD$": "USD", "C$": "CAD", "CA$": "CAD", "CAN$": "CAD",
    "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "MX$": "MXN",
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY",
    "₦": "NGN", "₱": "PHP", "Rs.": "INR", "Rs": "INR", "CHF": "CHF", "R": "ZAR",
}
_CUR_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "CAD", "AUD", "CHF", "SEK", "NOK",
              "DKK", "NZD", "HKD", "SGD", "BRL", "KRW", "ZAR", "MXN", "RUB")
_CODE_ISO = {"RMB": "CNY"}
_CUR_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "euro": "EUR", "euros": "EUR", "pound sterling": "GBP", "pounds sterling": "GBP",
    "pounds": "GBP", "pound": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupees": "INR", "rupee": "INR", "swiss francs": "CHF", "francs": "CHF",
    "canadian dollars": "CAD", "australian dollars": "AUD",
}

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
           "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")

#: words after which a number is an identifier, not a figure ("Phase 2", "Type 2 diabetes")
_ID_WORDS = (
    "No|Nos|Nr|Phase|Type|Part|Series|Chapter|Ch|Section|Sec|Article|Art|Title|Model|Version|Ver"
    "|Level|Stage|Grade|Class|Route|Highway|Interstate|Flight|Room|Suite|Unit|Volume|Vol|Issue"
    "|Figure|Fig|Figs|Table|Appendix|Annex|Exhibit|Box|Episode|Ep|Season|Act|Book|Step|Item|Rule"
    "|Gen|Generation|Tier|Category|Cat|Page|Paragraph|Para|Clause|Schedule|Amendment|Proposition"
    "|Prop|Lot|Batch|Patient|Participant|Subject|Case|Study|Experiment|Trial|Wave|Round|Game"
    "|Match|Lane|Gate|Platform|Terminal|Building|Block|Apt|Apartment|Bus|Line|Track|Row|Seat"
    "|Column|Col|Eq|Equation|Theorem|Lemma|Definition|Example|Exercise|Question|Problem|Task"
    "|Week|Day|Module|Lesson|Unit|Pillar|Principle|Recommendation|Goal|SDG|Objective|Verse|Psalm"
)

#: the identifier words that also mark an identifier when written in lower case
_ID_WORDS_LOWER = (
    "chapter|section|sec|table|figure|fig|figs|appendix|annex|exhibit|phase|type|version|article|page"
    "|step|stage|level|grade|class|tier|volume|vol|issue|episode|season|part|item|route|flight|room"
    "|equation|eq|column|col|paragraph|para|clause|schedule|amendment|generation|gen|category|no"
)

#: adjectives that may stand between a number and its counted noun ("3 new models")
_ADJ = frozenset("new additional other different major large small top leading separate distinct unique"
                 " active independent senior junior young older full-time part-time".split())

_STOP = frozenset("""
a an the of to in on at by for from with into onto over under between among and or nor but so yet
if then than that which who whom whose what when where while as is are was were be been being am
has have had having do does did will would shall should can could may might must not no it its
their his her our your my we they he she i you this these those there here all each every both
such also only just about around nearly almost roughly approximately more most less least fewer
per percent pct times fold respectively later earlier ago alone compared versus vs via including
up down out off back away again further once same other another new old own many much few several
some any none less lower higher greater larger smaller bigger above below before after since
during until till through throughout against toward towards within without across along behind
beyond despite except like near past plus minus annually monthly weekly daily yearly overall early late together total altogether
million billion trillion thousand hundred dozen percentage points point basis
in-person year-on-year year-over-year
""".split())

# ---------------------------------------------------------------------------------------------
# Regexes

_DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_NUMWORD = "|".join(sorted([*_ONES, *_TENS, "hundred", *_WORD_SCALES, "dozen"], key=len, reverse=True))
_NUMWORD_RUN = rf"(?:{_NUMWORD})(?:(?:[ \t\-]+|[ \t]+and[ \t]+)(?:{_NUMWORD})){{0,8}}"
_FRAC_NUM = "a|an|one|two|three|four|five|six|seven|eight|nine"
_DENOM = "|".join(sorted(_DENOMS, key=len, reverse=True))



def _cased(words: list[str] | dict[str, object] | str) -> str:
    """An alternation of ``words`` in lower case and Capitalised (case-sensitive regexes are ~8x
    faster than re.I ones on long texts, and figures are not written in other casings)."""
    items = words.split("|") if isinstance(words, str) else list(words)
    alts = {v for w in items for v in (w, w[:1].upper() + w[1:])}
    return "|".join(sorted(alts, key=len, reverse=True))


def _trie(words: list[str]) -> str:
    """A regex matching exactly ``words``, factored by common prefixes ("t(?:en|wo|hree)").

    Same matches as the plain alternation wherever at most one of the words can end the match
    (the atoms below require a non-letter after the word), and the engine tries a handful of
    branches per letter instead of one per word (4x faster on long texts)."""
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(c) + emit(node[c]) for c in sorted(node) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return (body if len(alts) > 1 else "(?:" + body + ")") + "?"
        return body

    return emit(tree)


_NUMWORD_CS = _cased([*_ONES, *_TENS, "hundred", *_WORD_SCALES, "dozen"])
# The atoms a figure starts with, as three regexes: each then starts with a literal or a character
# class, which lets the regex engine skip ahead fast (one alternation with "\b" in front was 10x
# slower). Word boundaries before word atoms are checked in code.
_ATOM_DIG = re.compile(rf"(?P<dig>{_DIGITS}|\.[0-9]+)")
_ATOM_FY = re.compile(r"(?P<fy>(?:FY|Fiscal |fiscal )[ ]?'?(?P<fyn>[0-9]{4}|[0-9]{2})(?![\w]))")
_ATOM_WORD = re.compile(
    rf"(?P<w>{_trie(_cased([*_ONES, *_TENS, 'hundred', *_WORD_SCALES, 'dozen', *_DENOMS, *_MULT_WORDS, 'decade']).split('|'))})"
    r"(?:(?![A-Za-z])|(?=fold\b))"
)
#: a fraction as a whole, matched where its first word stands
_FRAC_RX = re.compile(
    rf"(?P<frac>(?:(?P<fnum>{_FRAC_NUM})[ \t\-]+)?(?P<fden>{_DENOM})[ \t]+of\b)", re.I
)
_FRAC_A_BEFORE = re.compile(r"(?<![A-Za-z])(?:an?|An?)[ \t-]+\Z")
#: a fraction as the size of a change, without "of": "fell by a third", "cut by more than half"
_FRAC_BY_RX = re.compile(
    rf"(?P<frac>(?:(?P<fnum>{_FRAC_NUM})[ \t\-]+)?(?P<fden>{_DENOM}))(?![A-Za-z\-])"
    r"(?=[ \t]*(?:[.,;:!?)\]]|\Z|\n|(?:in|since|from|to|on|over|between|after|compared|versus|vs|year|last|this"
    r"|and|or|while|as|when|during|among|of|within|at|by|for)\b))", re.I)
_BY_BEFORE = re.compile(
    r"\bby[ \t]+(?:(?:about|almost|nearly|roughly|around|some|just|well|more[ \t]+than|over|up[ \t]+to|less[ \t]+than)"
    r"[ \t]+)*\Z", re.I)
_DIG_START = re.compile(r"[.0-9]")


def _search_dig(text: str, pos: int) -> re.Match[str] | None:
    """``_ATOM_DIG.search(text, pos)``, faster: the atom starts with a digit or "." + digit, and a
    one-class regex finds those positions by a fast scan (the atom's own regex, a group of
    alternatives, is tried at every position)."""
    search = _DIG_START.search
    while True:
        m = search(text, pos)
        if m is None:
            return None
        s = m.start()
        if text[s] != "." or text[s + 1:s + 2] in _DIGIT_CHARS:
            return _ATOM_DIG.match(text, s)
        pos = s + 1


_DIGIT_CHARS = frozenset("0123456789")
_ATOMS = (_ATOM_DIG, _ATOM_FY, _ATOM_WORD)
_ATOM_SEARCH = (_search_dig, _ATOM_FY.search, _ATOM_WORD.search)

# exclusion zones: (regex, group whose span is excluded; 0 = the whole match)
_EXCLUDE: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"')\]]+", re.I), 0),
    (re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), 0),
    (re.compile(r"\b(?:doi:\s*|DOI:\s*)?10\.[0-9]{3,9}/[^\s<>\"')\]]+"), 0),
    (re.compile(r"\b(?:doi|arxiv|pmid|pmcid|isbn|issn|hdl)\s*:?\s*[\w./-]*[0-9][\w./:-]*", re.I), 0),
    (re.compile(r"(?<![\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|io|ai|co|uk|de|fr|int|info)"
                r"(?:/[^\s<>\"')\]]*)?", re.I), 0),
    # citation markers [4] [^4] [3, 5] [3-5]
    (re.compile(r"\[\^?[0-9]+(?:\s*[,;\u2013-]\s*\^?[0-9]+)*\]"), 0),
    # times of day
    (re.compile(r"(?<![\w.])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s*(?:[ap]\.?\s?m\b\.?))?", re.I), 0),
    (re.compile(r"(?<![\w.,])[0-9]{1,2}(?:\.[0-9]{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)", re.I), 0),
    # phone numbers
    (re.compile(r"\+[0-9]{1,3}[ .-]?\(?[0-9]{1,4}\)?(?:[ .-][0-9]{2,4}){2,4}\b"), 0),
    (re.compile(r"\([0-9]{3}\)\s?[0-9]{3}[ .-][0-9]{4}\b"), 0),
    (re.compile(r"(?<![\w.,-])[0-9]{3}[.-][0-9]{3}[.-][0-9]{4}\b"), 0),
    # p-values and confidence levels
    (re.compile(r"\bp\s*(?:[<>=≤≥]|&lt;|&gt;)\s*0?\.[0-9]+", re.I), 0),
    (re.compile(r"\bp[- ]values?\s+(?:of\s+|was\s+|is\s+)?(?:[<>=≤≥]\s*)?0?\.[0-9]+", re.I), 0),
    (re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?\s?(?:%|percent|per cent)\s+(?:CI|CrI|PI|UI|confidence|credible"
                r"|prediction|uncertainty)\b", re.I), 0),
    # version strings
    (re.compile(r"(?<![\w.])(?:v|V|ver\.?\s?|version\s|Version\s|release\s|Release\s)[0-9]+(?:\.[0-9]+)*"
                r"(?:[a-z][0-9]*)?\b"), 0),
    (re.compile(r"(?<![\w.])[0-9]+\.[0-9]+\.[0-9]+(?:\.[0-9]+)*\b"), 0),
    # fractions and slash notation (not "2019/20" academic years, read by the parser)
    (re.compile(r"(?<![\w/.])(?:[0-9]+\s)?(?!(?:1[89]|20)[0-9]{2}/[0-9]{2}(?![0-9/]))[0-9]+(?:/[0-9]+)+"), 0),
    # ISO dates: keep the year, drop month and day
    (re.compile(r"\b[12][0-9]{3}(-[01][0-9]-[0-3][0-9])\b"), 1),
    # street addresses
    (re.compile(r"(?<![\w.,])([0-9]+[A-Z]?)\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard"
                r"|Blvd|Lane|Ln|Drive|Dr|Way|Place|Pl|Court|Ct|Square|Sq|Terrace|Parkway|Pkwy|Quay|Crescent"
                r"|Row|Gardens|Walk|Close|Mews|Embankment|Wharf|Highway|Hwy|Circle|Alley)\b"), 1),
    # list numbers and section numbers at the start of a line
    (re.compile(r"(?m)^[ \t>*#-]*([0-9]{1,3}[.)])(?=[ \t])"), 1),
    (re.compile(r"(?m)^[ \t>#]*([0-9]+(?:\.[0-9]+)+\.?)(?=[ \t]+[A-Z])"), 1),
    # ordinals
    (re.compile(r"(?<![\w.])[0-9]+(?:st|nd|rd|th)\b", re.I), 0),
    # identifiers after a word ("Phase 2") and days of month are checked by the parser
    (re.compile(r"(?<![\w&])#\s?([0-9]+)\b"), 1),
    (re.compile(r"\b(?:pp?)\.\s?([0-9]+(?:\s?[\u2013-]\s?[0-9]+)?)\b"), 1),
]

#: A cheap necessary condition for each regex of ``_EXCLUDE`` (same order), checked on a window
#: before the regex runs there: (substrings of which one must occur, whether they are compared with
#: the lower-cased window, a prefilter regex that must match in the window). Most exclusion regexes
#: start with a look-behind, so the engine tries them at every position; the substrings are found
#: by a fast scan, and each prefilter is its regex without look-arounds (so it matches wherever the
#: regex does) and starts with a literal or a character class, which the engine skips to directly.
#: Under re.I a few non-ASCII letters match ASCII ones ("ſ" matches "s", the Kelvin sign "k"); a
#: text holding one of them runs every regex (see ``_FOLD_SPECIAL``).
_Gate = tuple[tuple[str, ...] | None, bool, "re.Pattern[str] | None"]
_EXCLUDE_GATES: list[_Gate] = [
    (("://", "www."), True, None),
    (("@",), False, None),
    (None, False, re.compile(r"10\.[0-9]{3,9}/")),
    (("doi", "arxiv", "pmid", "pmcid", "isbn", "issn", "hdl"), True, None),
    ((".com", ".org", ".net", ".gov", ".edu", ".io", ".ai", ".co", ".uk", ".de", ".fr", ".int", ".info"), True, None),
    (("[",), False, None),
    ((":",), False, None),
    (None, False, re.compile(r"[0-9]\s?(?:a\.m\.|p\.m\.|am|pm)", re.I)),
    (("+",), False, None),
    (("(",), False, None),
    (None, False, re.compile(r"[0-9]{3}[.-][0-9]{3}[.-][0-9]{4}")),
    (("<", ">", "=", "\u2264", "\u2265", "&"), False, re.compile(r"[<>=\u2264\u2265;]\s*0?\.[0-9]")),
    (("value",), True, re.compile(r"[pP][- ][vV][aA][lL][uU][eE]")),  # (no folding letter in "p-value")
    (("%", "percent", "per cent"), True,
     re.compile(r"[0-9]\s?(?:%|percent|per cent)\s+(?:CI|CrI|PI|UI|confidence|credible|prediction|uncertainty)",
                re.I)),
    (None, False, re.compile(r"[vVrR](?:ersion\s|elease\s|er\.?\s?)?[0-9]")),
    (None, False, re.compile(r"[0-9]\.[0-9]+\.[0-9]")),
    (("/",), False, re.compile(r"[0-9]/[0-9]")),
    (None, False, re.compile(r"[12][0-9]{3}-[01][0-9]-[0-3][0-9]")),
    (None, False, re.compile(r"[0-9][A-Z]?\s+(?:[NSEW]\.?\s+)?[A-Z][a-z]+\s")),
    (None, False, None),
    (None, False, None),
    (None, False, re.compile(r"[0-9](?:st|nd|rd|th)", re.I)),
    (("#",), False, None),
    (None, False, re.compile(r"p\.\s?[0-9]")),
]
assert len(_EXCLUDE_GATES) == len(_EXCLUDE)
#: non-ASCII letters that re.I matches to ASCII letters (Python's documented four)
_FOLD_SPECIAL = ("\u0130", "\u0131", "\u017f", "\u212a")

_ID_CAP_SET = frozenset(_ID_WORDS.split("|"))
_ID_LOWER_SET = frozenset(_ID_WORDS_LOWER.split("|"))
_MONTH_SET = frozenset(_MONTHS.split("|"))
_PREV_ID = re.compile(r"(?<![\w])(?P<w>[A-Za-z]+)\.?[ \t]?#?\Z")
_ID_TAIL = re.compile(r"(?:\.[0-9]+)*[a-z]?(?:[ \t]?[\u2013-][ \t]?[0-9]+)?")
_DAY_TAIL = re.compile(r"(?:st|nd|rd|th)?(?:[ \t]*[\u2013-][ \t]*[0-9]{1,2}(?![0-9]))?")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?(?:[ \t]*[\u2013-][ \t]*[0-9]{{1,2}})?[ \t]+(?:of[ \t]+)?(?:{_MONTHS})\b")
_WS = r"[ \t\u00a0\u202f\u2009]"
_TEMP_AFTER = re.compile(
    rf"(?:{_WS}?[°º]{_WS}?(?P<a>[CF])|{_WS}+degrees?{_WS}+(?P<b>Celsius|Fahrenheit|centigrade|C|F)|(?P<g>[CF]))"
    r"(?![\w])")
_TEMP_CONTEXT = re.compile(r"warm|temperat|heat|degree|climat|hotter|cooler|colder|celsius|fahrenheit|pre-?industrial",
                           re.I)


def _temperature(text: str, start: int, end: int) -> tuple[str, int] | None:
    """A temperature after a number: "1.1°C", "2 degrees Celsius", or a glued "1.5C" where the
    sentence speaks of warming or temperature (a bare "5C" is more often a name). The unit is
    "degC"/"degF"; the two scales are not converted (a rise of 1 C is 1.8 F, a reading is not)."""
    m = _TEMP_AFTER.match(text, end)
    if m is None:
        return None
    if m.group("g") and not _TEMP_CONTEXT.search(text, max(0, start - 80), min(len(text), end + 40)):
        return None
    letter = (m.group("a") or m.group("b") or m.group("g"))[0].upper()
    return ("degF" if letter == "F" else "degC"), m.end()


_A_DECADE_BEFORE = re.compile(rf"(?<![\w])(?P<a>(?:a|one|the{_WS}+(?:past|last|previous)){_WS}+)\Z", re.I)
_UNIT_AND_A_HALF = re.compile(
    rf"(?<![\w])(?:an?|one){_WS}+(?P<u>second|minute|hour|day|week|month|year)"
    rf"{_WS}+and{_WS}+a{_WS}+\Z", re.I)
_AND_A_HALF = re.compile(rf"{_WS}+and{_WS}+a{_WS}+half(?![\w-])", re.I)


#: words after "m" that make it metres, not million ("300m tall", "the 100m sprint")
_METRE_WORDS = (r"away|apart|long|high|wide|tall|deep|thick|across|above|below|beneath|underground|underwater"
                r"|sprint|race|dash|hurdles|freestyle|backstroke|breaststroke|butterfly|medley|relay|final"
                r"|swim|walk|run|radius|diameter|wall|waves?|drop|descent|climb|rise|stretch|distance"
                r"|distancing|gap|buffer|zone|rule")
#: "m" and "g" alone are also "million" and a network generation: only as a unit before these
_MEASURE_AFTER = re.compile(
    rf"(?:{_WS}+|-)(?P<u>kilometers?|kilometres?|km|meters?|metres?|centimeters?|centimetres?|cm"
    r"|millimeters?|millimetres?|mm|feet|foot|ft|inch(?:es)?|yards?|yd|miles?|mi"
    r"|kilograms?|kilos?|kg|grams?|milligrams?|mg|pounds?|lbs?|ounces?|oz"
    rf"|(?:m|g)(?=[ \t]*(?:[().,;:]|$|(?:{_METRE_WORDS}|from|of|in|to|and|or)\b)))"
    r"(?![\w])",
    re.I,
)
#: a unit symbol written against the number ("5km", "10kg", "300m tall", "25g of sugar"); a bare
#: glued "m" is million unless the words after it measure something
_GLUED_MEASURE = re.compile(
    r"(?P<u>km|cm|mm|kg|mg|ft|lbs?|oz|mi"
    rf"|m(?=[ \t-]*(?:{_METRE_WORDS}|from)\b)|g(?=[ \t]*(?:of|per|a[ \t]+day|daily)\b))(?![A-Za-z0-9])"
)
#: a bare "W" only against the number ("100W"): "5 W 42nd St" is an address
_POWER_AFTER = re.compile(
    r"(?:(?:[ \t\u00a0]|-)?(?P<u>(?:kilo|mega|giga|tera)?watt[- ]hours?|(?:kilo|mega|giga|tera)?watts?"
    r"|[kMGT]Wh?|Wh)|(?P<w>W))(?![\w-])")
#: a glued "m" closing a clause is metres after these words ("at a depth of 30m.")
_METRE_BEFORE = re.compile(
    r"\b(?:depth|deep|height|high|tall|length|long|width|wide|distance|elevation|altitude|radius|diameter"
    r"|span|metres?|meters?)\b[^.,;\n]{0,24}\Z", re.I)
_GLUED_M = re.compile(r"(?P<u>m)(?=[ \t]*(?:[.,;:!?)]|\Z))")


def _measure_at(text: str, start: int, end: int) -> tuple[str, int] | None:
    """A unit of length, mass, power or energy right after a number ending at ``end``: its symbol
    and where it ends ("4.8 m", "16 feet", "5km", "1.2 GW", "460 terawatt-hours")."""
    mm = _MEASURE_AFTER.match(text, end) or _glued_measure(text, start, end)
    if mm:
        return MEASURE_UNITS[mm.group("u").lower()], mm.end()
    pm = _POWER_AFTER.match(text, end)
    if pm:
        return POWER_UNITS[pm.group("u") or pm.group("w")], pm.end()
    return None


def _glued_measure(text: str, start: int, end: int) -> re.Match[str] | None:
    """A unit symbol written against the number that ends at ``end`` (see ``_GLUED_MEASURE``)."""
    m = _GLUED_MEASURE.match(text, end)
    if m is None and text.startswith("m", end) and _METRE_BEFORE.search(text, max(0, start - 48), start):
        m = _GLUED_M.match(text, end)
    return m


_RATING_AFTER = re.compile(r"/(?P<d>5|10|100)(?![0-9/]|[.,][0-9])")
_CENTS_AFTER = re.compile(rf"{_WS}+(?P<w>(?:euro{_WS}+)?cents?|pence)\b|(?P<p>p)(?![\w])")
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;:!?)]|\Z)")
_SCALE_AFTER = re.compile(
    rf"(?:{_WS}*(?P<w>thousand|million|billion|trillion|lakhs?|crores?)\b"
    rf"|{_WS}?(?P<a>bn|mn|mln|bln|tn|mio)(?![\w])"
    rf"|(?P<g>[kKmMbBT]|tr)(?![\w]))"
)
_PERCENT_AFTER = re.compile(
    rf"(?:{_WS}?(?P<pp>percentage{_WS}+points?|pct\.?{_WS}pts?|ppts?|pp)(?![\w])"
    rf"|{_WS}?(?P<bp>basis{_WS}+points?|(?-i:bps?))(?![\w])"
    rf"|{_WS}?(?P<pc>%|per{_WS}?cent(?!age)|pct)(?![\w])|(?<=[0-9])(?P<pcg>(?-i:pc))(?![\w]))",
    re.I,
)
_PERCENT_WORD_AFTER = re.compile(rf"{_WS}?(?:%|per{_WS}?cent(?!age)\b|pct\b)", re.I)
_MULT_AFTER = re.compile(
    rf"(?:(?P<x>[xX×])(?![\w])|{_WS}(?P<x2>×)(?!{_WS}?[0-9])|{_WS}+(?P<t>times)\b|(?P<f>[ -]?fold)\b)"
)
_DUR_AFTER = re.compile(
    rf"(?:{_WS}+|-)(?P<u>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?|decades?)(?![\w])"
    rf"|(?P<g>hrs?|h|mins?|yrs?|wks?|mos?|d)(?![\w])",
)
_CUR_SIGN_BEFORE = re.compile(
    r"(?:US\$|U\.S\.\$|USD\$|CAN\$|CA\$|AU\$|NZ\$|HK\$|MX\$|C\$|A\$|S\$|R\$|Rs\.?|CHF|[$€£¥₹₩₽₺₦₱])"
    r"[ \u00a0]?\Z"
)
_CUR_CODE_BEFORE = re.compile(rf"(?<![\w])(?:{'|'.join(_CUR_CODES)})[ \u00a0]?\Z")
_CUR_WORD_AFTER = re.compile(
    rf"{_WS}+(?P<w>(?:US|U\.S\.|Canadian|Australian|Swiss)\s+(?:dollars|francs)|pounds?\s+sterling"
    r"|dollars?|euros?|pounds?|yen|yuan|renminbi|rupees?|francs)\b"
    rf"|{_WS}?(?P<c>{'|'.join(_CUR_CODES)})\b"
    rf"|{_WS}?(?P<s>[€£¥₹])"
)
_RANGE_SEP = re.compile(rf"(?:{_WS}*(?P<d>[-\u2013\u2014\u2011])|{_WS}+(?P<to>to|and|through|thru){_WS}+)(?P<cur>[$€£¥₹]|US\$)?{_WS}*")
_HEDGE_BEFORE = re.compile(
    r"(?:(?<![\w])(?P<about>about|approximately|approx\.|approx|roughly|around|circa|ca\.|c\.|some"
    r"|an\s+estimated|estimated|an\s+approximate|close\s+to|in\s+the\s+region\s+of|on\s+the\s+order\s+of"
    r"|on\s+average|an\s+average\s+of|averaging)"
    r"|(?<![\w])(?P<min>over|more\s+than|above|at\s+least|upwards\s+of|upward\s+of|exceeding|in\s+excess\s+of"
    r"|greater\s+than|just\s+over|well\s+over|as\s+few\s+as|as\s+little\s+as|a\s+minimum\s+of|north\s+of)"
    r"|(?<![\w])(?P<max>up\s+to|less\s+than|under|fewer\s+than|at\s+most|below|no\s+more\s+than|nearly"
    r"|almost|just\s+under|as\s+many\s+as|as\s+much\s+as|a\s+maximum\s+of|not\s+quite|shy\s+of)"
    r"|(?P<sym>[~≈∼]|&gt;|&lt;|[<>≤≥]=?))"
    r"\s*\Z",
    re.I,
)
_HEDGE_TABLE: dict[str, str] = {
    **dict.fromkeys(
        "about|approximately|approx.|approx|roughly|around|circa|ca.|c.|some|an estimated|estimated"
        "|an approximate|close to|in the region of|on the order of|on average|an average of|averaging"
        "|~|≈|∼".split("|"), "about"),
    **dict.fromkeys(
        "over|more than|above|at least|upwards of|upward of|exceeding|in excess of|greater than|just over"
        "|well over|as few as|as little as|a minimum of|north of|>|≥|>="
        "|older than|over age|above age|aged over|aged above|ages over".split("|"), "min"),
    **dict.fromkeys(
        "up to|less than|under|fewer than|at most|below|no more than|nearly|almost|just under|as many as"
        "|as much as|a maximum of|not quite|shy of|<|≤|<="
        "|younger than|under age|below age|aged under|aged below|ages under".split("|"), "max"),
}
_HEDGE_STRIP = "(\"'[*_"
#: the last word of every hedge in the table
_HEDGE_LAST = frozenset(h.split(" ")[-1] for h in _HEDGE_TABLE)
_HEDGE_AFTER = re.compile(r"(?P<plus>\+)(?![0-9])|\s+or\s+(?P<more>more|above|higher|greater|over|older)\b|\s+and\s+(?P<older>older|over|above)\b|\s+or\s+(?P<less>less|fewer|below|lower|under|younger)\b", re.I)
_PER_AFTER = re.compile(
    rf"{_WS}*(?:(?:per|a|an|each|every|/){_WS}*(?P<u>day|week|month|year|annum|yr|mo|wk|quarter)\b"
    rf"(?!{_WS}+(?:ago|earlier|later|before|after|old|on|in|of|from|or)\b)"
    rf"|{_WS}+(?P<adv>daily|weekly|monthly|annually|yearly|per{_WS}+annum)\b)",
    re.I,
)
_NOUN = re.compile(r"[ \t\u00a0]+(?P<w>[a-z][a-z'\u2019-]*[a-z]|[A-Z]{2,}s?|[a-z])(?![\w])")
_IN_ONE_OF = re.compile(
    rf"(?:{_WS}+(?:in|out{_WS}+of){_WS}+|-in-|-out-of-)(?:(?P<a>a|an){_WS}+)?(?P<n>{_NUMWORD_RUN}|[0-9]+)\b", re.I)
_YEAR_PREP = re.compile(
    r"(?<![\w])(?:in|by|since|until|till|from|through|before|after|during|of|year|years|early|late|mid"
    r"|end|start|beginning|circa|c\.|ca\.|to|and|between|fiscal|FY|the|spring|summer|autumn|fall|winter"
    r"|Q[1-4]|H[12]|" + _MONTHS + r"),?\s+\Z",
    re.I,
)
_ERA_AFTER = re.compile(rf"{_WS}?(?P<e>BCE|BC|B\.C\.|CE|AD|A\.D\.)(?![\w])")
_ERA_BEFORE = re.compile(r"(?:AD|A\.D\.)\s\Z")
_PROPER_SKIP = frozenset("US UK EU UN USA UAE In By On At For From Since Until And Or But Of The A An".split())
_HYPHEN_PREFIX_OK = frozenset("mid pre post early late end start circa over under about around".split())
_ORDINAL_BEFORE = re.compile(r"(?:first|second|third|fourth|last|latter|former|other|back|front|top|bottom|lower|upper|northern|southern|eastern|western)\s+\Z", re.I)
#: "under-20s", "over-70s": age groups (British usage); the number is an age bound
_AGE_GROUP_BEFORE = re.compile(r"\b(under|over)-\Z", re.I)
_AGE_DECADE_BEFORE = re.compile(r"\bin\s+(?:her|his|their|my|your|our)\s+(?:(?:early|mid|late)[\s-]*)?\Z", re.I)
_AGE_GROUP_S = re.compile(r"s(?![A-Za-z0-9])")
_GLUED_OK = re.compile(r"(?:x|X|×|pp|ppts?|pts?|bps?|pct|pc|fold|s|hrs?|h|mins?|yrs?|wks?|mos?|d|BCE?|AD|CE)(?![A-Za-z0-9])")
_MULT_WORD_AFTER_BAD = re.compile(r"[-\s](?:digit|digits|click|clicks|check|checked|edged|standard|standards|down|agent|agents|crown|decker|play|team|jump|A|dip|entry|bed|room|rooms|header)\b")


@dataclass(slots=True)
class _Num:
    """One number as read: its value, where it stands, and how it was written (for format_like)."""

    start: int
    end: int
    value: float
    spelled: bool = False
    scale: str | None = None
    scale_mult: float = 1.0
    comma: bool = False
    decimals: int = 0
    integer: bool = True
    four_digit: bool = False


# ---------------------------------------------------------------------------------------------
# Exclusion zones


_DIGIT_RUN = re.compile(r"[0-9]+")
_PAD = 48


#: digit runs with at most 2 * _PAD non-digits between them: their windows always merge
_DIGIT_CLUSTER = re.compile(rf"[0-9]+(?:[^0-9]{{0,{2 * _PAD}}}[0-9]+)*")


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """Merged windows of text around every digit run, each starting at a token start.

    Runs whose padded windows overlap are taken together as one cluster (one regex match), so
    the loop is per cluster, not per digit run."""
    windows: list[tuple[int, int]] = []
    n = len(text)
    for m in _DIGIT_CLUSTER.finditer(text):
        lo = max(0, m.start() - _PAD)
        hi = min(n, m.end() + _PAD)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
            continue
        # back to the start of the token (bounded), so URLs and e-mails are matched whole
        back = max(0, lo - 400)
        cut = max(text.rfind(" ", back, lo), text.rfind("\n", back, lo), text.rfind("\t", back, lo))
        lo = cut + 1 if cut >= 0 else back
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _exclusions(text: str) -> tuple[list[int], list[int]]:
    """Sorted, merged [start, end) intervals where no figure may start.

    Every exclusion holds a digit, so the regexes only run over windows around digit runs (widened
    to the start of the token, so a long URL is seen whole): on prose this halves the time.
    """
    spans: list[tuple[int, int]] = []
    windows = _digit_windows(text)
    if not windows:
        return [], []
    fold_safe = not any(c in text for c in _FOLD_SPECIAL)
    # the regexes whose substrings occur somewhere in the text (a window holds none of the others)
    lowered = text.lower() if fold_safe else text
    active: list[tuple[re.Pattern[str], int, tuple[str, ...] | None, bool, re.Pattern[str] | None]] = []
    for (rx, grp), (subs, lower, pre) in zip(_EXCLUDE, _EXCLUDE_GATES, strict=True):
        if subs is not None:
            if lower and not fold_safe:
                subs = None  # a folding letter may stand for one of the substring's
            elif not any(sub in (lowered if lower else text) for sub in subs):
                continue
        active.append((rx, grp, subs, lower, pre))
    for ws, we in windows:
        w = text[ws:we]
        wl: str | None = None
        for rx, grp, subs, lower, pre in active:
            if subs is not None:
                if lower:
                    if wl is None:
                        wl = w.lower()
                    for sub in subs:
                        if sub in wl:
                            break
                    else:
                        continue
                else:
                    for sub in subs:
                        if sub in w:
                            break
                    else:
                        continue
            if pre is not None and pre.search(text, ws, we) is None:
                continue
            for m in rx.finditer(text, ws, we):
                for g in range(grp, (rx.groups if grp else 0) + 1):
                    s, e = m.span(g)
                    if s >= 0 and e > s:
                        spans.append((s, e))
    spans.sort()
    starts: list[int] = []
    ends: list[int] = []
    for s, e in spans:
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _excluded(starts: list[int], ends: list[int], pos: int) -> int:
    """End of the exclusion zone containing ``pos``, or -1."""
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and ends[i] > pos:
        return ends[i]
    return -1


# ---------------------------------------------------------------------------------------------
# Number readers


def _unit_at(text: str, start: int, end: int) -> tuple[str, int] | None:
    """A unit of time, length, mass or temperature right after a number ending at ``end``: its
    canonical name and where it ends."""
    dm = _DUR_AFTER.match(text, end)
    if dm and dm.group("u"):
        unit = _DURATION_UNITS.get(dm.group("u").lower())
        return (unit, dm.end()) if unit else None
    temp = _temperature(text, start, end)
    if temp is not None:
        return temp
    return _measure_at(text, start, end)


def _read_digits(text: str, start: int, end: int) -> _Num | None:
    raw = text[start:end]
    clean = raw.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "")
    try:
        value = float(clean)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    decimals = len(clean.split(".", 1)[1]) if "." in clean else 0
    return _Num(start, end, value, comma=("," in raw or " " in raw), decimals=decimals,
                integer="." not in clean, four_digit=(len(clean) == 4 and "." not in clean))


def _read_words(text: str, start: int, end: int) -> _Num | None:
    """Value of a run of number words; truncates the run where it stops being one number."""
    total = 0.0
    cur = 0.0
    last_kind = ""
    scale: str | None = None
    valid_end = start
    for m in re.finditer(r"[A-Za-z]+", text[start:end]):
        w = m.group(0).lower()
        if w == "and":
            if last_kind != "hundred":
                break
            continue
        if w in _ONES:
            v = _ONES[w]
            if last_kind in ("ones", "teen") or (last_kind == "tens" and v >= 10):
                break
            cur += v
            last_kind = "teen" if v >= 10 else "ones"
        elif w in _TENS:
            if last_kind in ("ones", "teen", "tens"):
                break
            cur += _TENS[w]
            last_kind = "tens"
        elif w == "hundred":
            if last_kind == "hundred" or (cur % 100) >= 100:
                break
            cur = (cur if cur else 1) * 100
            last_kind = "hundred"
        elif w == "dozen":
            if last_kind in ("hundred", "dozen"):
                break
            cur = (cur if cur else 1) * 12
            last_kind = "dozen"
        elif w in _WORD_SCALES:
            if last_kind == "scale" and _WORD_SCALES[w] >= (_WORD_SCALES.get(scale or "", 0)):
                break
            total += (cur if cur else 1) * _WORD_SCALES[w]
            cur = 0
            scale = w
            last_kind = "scale"
        else:
            break
        valid_end = start + m.end()
    if valid_end == start:
        return None
    if scale is not None and last_kind == "scale":
        # "two million": keep the value before its scale, like digits ("2" + "million")
        mult = _WORD_SCALES[scale]
        return _Num(start, valid_end, (total + cur) / mult, spelled=True, scale=scale, scale_mult=mult)
    return _Num(start, valid_end, total + cur, spelled=True)


_DIG_ONLY = re.compile(rf"(?:{_DIGITS}|\.[0-9]+)")
_WORD_ONLY = re.compile(rf"{_NUMWORD_RUN}(?:\b|(?=fold\b))", re.I)


def _read_number_at(text: str, pos: int) -> _Num | None:
    """A number (digits or words) starting exactly at ``pos``."""
    m = _DIG_ONLY.match(text, pos)
    if m:
        if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "._"):
            return None
        return _read_digits(text, pos, m.end())
    if pos > 0 and text[pos - 1].isalnum():
        return None
    m = _WORD_ONLY.match(text, pos)
    if m:
        return _read_words(text, pos, m.end())
    return None


def _attach_scale(text: str, n: _Num, currency: bool) -> None:
    """Extend ``n`` over a magnitude word/abbreviation after it ("1.2 million", "3bn", "$5m")."""
    if n.spelled and n.scale:
        return
    m = _SCALE_AFTER.match(text, n.end)
    if not m:
        return
    word = m.group("w") or m.group("a") or m.group("g")
    if word == "m" and not currency and _glued_measure(text, n.start, n.end):
        return  # "300m tall", "the 100m sprint": metres
    # single glued letters: only with a currency sign, or k/m/M/B with a counted noun after, or
    # "m"/"M" closing a clause ("the population reached 1.5m.")
    if m.group("g") and not currency and not (
        (word in ("k", "m", "M", "B") and _NOUN.match(text, m.end())) or word == "k"
        or (word in ("m", "M") and _CLAUSE_END.match(text, m.end()))
    ):
        return
    if n.spelled and not m.group("w"):
        return
    n.scale = word
    n.scale_mult = _SCALES[word]
    n.end = m.end()


# ---------------------------------------------------------------------------------------------
# The parser


def _hedge(text: str, start: int) -> tuple[str | None, int]:
    """Qualifier from a hedge ending right before ``start``; and where the hedge begins.

    Looks the last one to four words up in a table (a regex search over the window was the
    slowest part of reading a long source).
    """
    window = text[max(0, start - 40):start]
    if not window:
        return None, start
    last = window[-1]
    if last in "~≈∼":
        return "about", start - 1
    if last in "<>≤≥=;":
        m = _HEDGE_BEFORE.search(window)
        if not m:
            return None, start
    elif not last.isspace():
        return None, start
    else:
        toks = window.split()
        if not toks:
            return None, start
        # a hedge ends with one of few words: most figures stop here
        last_tok = toks[-1].lower()
        if last_tok not in _HEDGE_LAST and last_tok.lstrip(_HEDGE_STRIP) not in _HEDGE_LAST:
            return None, start
        for k in (4, 3, 2, 1):
            if len(toks) >= k:
                phrase = " ".join(toks[-k:]).lower().lstrip(_HEDGE_STRIP)
                q = _HEDGE_TABLE.get(phrase)
                if q is not None:
                    return q, start
        return None, start
    m = _HEDGE_BEFORE.search(window)
    if not m:
        return None, start
    hs = start - len(window) + m.start()
    if m.group("about"):
        return "about", hs
    if m.group("min"):
        return "min", hs
    if m.group("max"):
        return "max", hs
    sym = m.group("sym")
    if sym in ("~", "≈", "∼"):
        return "about", hs
    if sym in (">", ">=", "≥", "&gt;"):
        return "min", hs
    return "max", hs


def _prev_word(text: str, start: int) -> tuple[str, int]:
    """The word right before ``start`` (separated by one space) and its start, or ("", -1)."""
    if start < 2 or text[start - 1] != " ":
        return "", -1
    i = start - 2
    lo = max(0, start - 40)
    while i >= lo and (text[i].isalnum() or text[i] in "'’"):
        i -= 1
    return text[i + 1:start - 1], i + 1


def _make(text: str, kind: Kind, start: int, end: int, low: float, high: float, unit: str | None,
          qualifier: str | None, scale: str | None = None, per: str | None = None) -> Quantity:
    if low > high:
        low, high = high, low
    if kind in ("percent", "proportion"):
        low, high = round(low, 2), round(high, 2)
    return Quantity(text=text[start:end], kind=kind, low=float(low), high=float(high), unit=unit,
                    approx=qualifier is not None, start=start, end=end,
                    qualifier=qualifier, per=per, scale=scale)  # type: ignore[arg-type]


def _per(text: str, pos: int) -> str | None:
    m = _PER_AFTER.match(text, pos)
    if not m:
        return None
    u = (m.group("u") or m.group("adv") or "").lower()
    u = re.sub(r"\s+", " ", u)
    return {"day": "day", "daily": "day", "week": "week", "wk": "week", "weekly": "week",
            "month": "month", "mo": "month", "monthly": "month", "quarter": "quarter",
            "year": "year", "yr": "year", "annum": "year", "annually": "year", "yearly": "year",
            "per annum": "year", "a year": "year"}.get(u)


_RATE_AFTER = re.compile(
    rf"{_WS}*(?:(?:per|for{_WS}+every|in{_WS}+every|every){_WS}+|/{_WS}*)"
    rf"(?P<n>[0-9]{{1,3}}(?:(?:,|{_WS})?000)+|100|(?:a|one|1){_WS}+million|million|thousand|hundred)(?![0-9]|[.,][0-9])"
)
_RATE_WORDS = {"million": 1_000_000, "thousand": 1000, "hundred": 100}


def _rate(text: str, pos: int) -> tuple[str, int] | None:
    """A rate's denominator after a figure ("per 100,000", "for every 1,000", "/100 000"): a power
    of ten from 100 up, written with thousands separators ("100,000"), and where it ends."""
    m = _RATE_AFTER.match(text, pos)
    if not m:
        return None
    raw = m.group("n").lower()
    word = raw.split()[-1]
    den = _RATE_WORDS.get(word) or int(re.sub(r"[^0-9]", "", raw))
    if den < 100 or 10 ** round(math.log10(den)) != den:
        return None
    return f"{den:,}", m.end()


def _sentence_initial(text: str, start: int) -> bool:
    """Does the capitalised word at ``start`` open its sentence? A spelled-out number there is a
    figure ("Fifty-three women were ...": style guides spell it out), and a capitalised word
    there names nothing ("Boeing 747" is a name, "Sales 2024" after a full stop is not read as
    one). Quotes, brackets, emphasis and list marks before it are read past."""
    if start >= len(text) or not text[start].isupper():
        return False
    i = start - 1
    lo = max(0, start - 20)
    while i >= lo and text[i] in " \t\u00a0\"'“‘(*_>#-":
        i -= 1
    return i < 0 or i < lo or text[i] in ".!?:;\n"


def _compound_word(text: str, start: int, end: int, value: float) -> bool:
    """A hyphenated number word in lower case ("sixty-six writers"): nobody writes that except to
    state a count. Title Case ("Sixty-Six Books") is a name."""
    return 21 <= value <= 99 and value % 10 != 0 and "-" in text[start:end] and text[start].islower()


def _noun(text: str, pos: int) -> tuple[str | None, int]:
    """The counted noun right after ``pos`` (lowercased; one or two words), and its end."""
    m = _NOUN.match(text, pos)
    if not m:
        return None, pos
    w1 = m.group("w")
    if w1.lower() in _ADJ:
        m2 = _NOUN.match(text, m.end())
        if m2 and m2.group("w").lower() not in _STOP and m2.group("w").lower() not in _ADJ:
            return f"{w1.lower()} {m2.group('w').lower()}", m2.end()
        return None, pos
    if w1.lower() in _STOP or w1.lower() in _DURATION_UNITS or len(w1) < 2:
        return None, pos
    end = m.end()
    unit = w1.lower()
    if not w1.lower().endswith("s") or w1.lower().endswith("ss") or unit in _ADJ:
        m2 = _NOUN.match(text, end)
        if m2:
            w2 = m2.group("w").lower()
            if (w2.endswith("s") and not w2.endswith(("ss", "us", "is", "as")) and w2 not in _STOP
                    and len(w2) > 3):
                return f"{unit} {w2}", m2.end()
    return unit, end


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _prev_id_candidate(text: str, start: int) -> bool:
    """Whether ``_PREV_ID`` may match before ``start`` with a word that matters (an identifier
    word or a month): its word is the letters right before an optional ".", " " and "#", and
    reading that word here is cheaper than the regex's search over the window (which only has
    to run when the word is one of them)."""
    j = start
    if j > 0 and text[j - 1] == "#":
        j -= 1
    if j > 0 and text[j - 1] in " \t":
        j -= 1
    if j > 0 and text[j - 1] == ".":
        j -= 1
    i = j
    lo = max(0, start - 24)
    while i > lo and text[i - 1] in _ASCII_LETTERS:
        i -= 1
    if i == j:
        return False
    word = text[i:j]
    return word in _ID_CAP_SET or word.lower() in _ID_LOWER_SET or word in _MONTH_SET


class _Parser:
    """Reads figures one atom at a time; holds the text and its exclusion zones."""

    def __init__(self, text: str, bare_words: bool = False) -> None:
        self.text = text
        self.bare_words = bare_words
        self.ex_starts: list[int] = []
        self.ex_ends: list[int] = []

    def excluded(self, pos: int) -> int:
        return _excluded(self.ex_starts, self.ex_ends, pos)

    # -- entry --------------------------------------------------------------------------------
    def run(self) -> list[Quantity]:
        text = self.text
        out: list[Quantity] = []
        pos = 0
        n = len(text)
        nexts: list[re.Match[str] | None] = [search(text, 0) for search in _ATOM_SEARCH]
        if nexts == [None, None, None]:
            return out  # no atom at all (most headings and many paragraphs): skip the exclusions
        self.ex_starts, self.ex_ends = _exclusions(text)
        while pos < n:
            m = None
            for i, search in enumerate(_ATOM_SEARCH):
                c = nexts[i]
                if c is not None and c.start() < pos:
                    c = nexts[i] = search(text, pos)
                if c is not None and (m is None or c.start() < m.start()):
                    m = c
            if m is None:
                break
            s = m.start()
            if m.re is _ATOM_WORD and s > 0 and text[s - 1].isalnum():
                pos = s + 1  # inside a word ("someone", "often")
                continue
            if m.lastgroup == "dig" and s > 0 and (text[s - 1].isalnum() or text[s - 1] in "._,"):
                # inside a token ("H1N1", "3,5", "v2"): no figure starts here
                pos = m.end()
                if text[s - 1] in ".," and s >= 2 and text[s - 2].isdigit():
                    continue
                while pos < n and (text[pos].isalnum() or text[pos] in "._-") and pos - s < 60:
                    pos += 1
                continue
            ex = self.excluded(s)
            if ex >= 0:
                pos = max(ex, s + 1)
                continue
            q, nxt = self.parse_atom(m)
            if q is not None and (not out or q.start >= out[-1].end):
                out.append(q)
                pos = max(q.end, nxt, s + 1)
            else:
                pos = max(nxt, s + 1)
        return out

    def parse_atom(self, m: re.Match[str]) -> tuple[Quantity | None, int]:
        kind = m.lastgroup
        if kind == "w":
            return self.parse_word_atom(m)
        if kind == "fy":
            return self.parse_fy(m)
        if kind == "frac":
            return self.parse_fraction(m)
        if kind == "mult":
            return self.parse_mult_word(m)
        if kind == "word":
            num = _read_words(self.text, m.start(), m.end())
            if num is None:
                return None, m.end()
            return self.parse_number(num)
        num = _read_digits(self.text, m.start(), m.end())
        if num is None:
            return None, m.end()
        return self.parse_number(num)

    # -- special atoms ------------------------------------------------------------------------
    def parse_word_atom(self, m: re.Match[str]) -> tuple[Quantity | None, int]:
        """A number word, a fraction word or a multiplier word: dispatch on the word."""
        text = self.text
        w = m.group(0).lower()
        s = m.start()
        if w in _MULT_WORDS:
            return self.parse_mult_word(m)
        if w == "decade":
            return self.parse_decade(m)
        if w == "half":
            um = _UNIT_AND_A_HALF.search(text, max(0, s - 32), s)
            if um is not None and not re.match(r"[\w-]", text[m.end():m.end() + 1]):
                # "a year and a half", "an hour and a half": one and a half of the unit
                unit = _DURATION_UNITS[um.group("u").lower()]
                qual, _ = _hedge(text, um.start())
                return _make(text, "duration", um.start(), m.end(), 1.5, 1.5, unit, qual), m.end()
        if w in _DENOMS:
            a = _FRAC_A_BEFORE.search(text, max(0, s - 6), s)
            at = a.start() if a else s
            fm = _FRAC_RX.match(text, at) or self.fraction_by(at)
            if fm is None:
                return None, m.end()
            return self.parse_fraction(fm)
        fm = _FRAC_RX.match(text, s) or self.fraction_by(s)
        if fm is not None and fm.group("fnum"):
            return self.parse_fraction(fm)
        wm = _WORD_ONLY.match(text, s)
        if wm is None:
            return None, m.end()
        num = _read_words(text, s, wm.end())
        if num is None:
            return None, m.end()
        return self.parse_number(num)

    def parse_decade(self, m: re.Match[str]) -> tuple[Quantity | None, int]:
        """"a decade", "the past decade" (and "a decade and a half"): ten years, as a duration."""
        text = self.text
        before = _A_DECADE_BEFORE.search(text, max(0, m.start() - 24), m.start())
        if before is None:
            return None, m.end()
        end, value = m.end(), 1.0
        ah = _AND_A_HALF.match(text, end)
        if ah is not None:
            end, value = ah.end(), 1.5
        start = before.start("a")
        # "over the past decade" is a period, not a bound: no hedge before "the"
        qual = None if text[start:start + 3].lower() == "the" else _hedge(text, start)[0]
        return _make(text, "duration", start, end, value, value, "decade", qual), end

    def parse_fy(self, m: re.Match[str]) -> tuple[Quantity | None, int]:
        y = m.group("fyn")
        year = float(y) if len(y) == 4 else 2000.0 + float(y)
        if not 1000 <= year <= 2100:
            return None, m.end()
        q, _ = _hedge(self.text, m.start())
        return _make(self.text, "year", m.start(), m.end(), year, year, None, q), m.end()

    def fraction_by(self, at: int) -> re.Match[str] | None:
        """A fraction right after "by" ("deaths fell by a third"): the size of a change."""
        if not _BY_BEFORE.search(self.text, max(0, at - 40), at):
            return None
        return _FRAC_BY_RX.match(self.text, at)

    def parse_fraction(self, m: re.Match[str]) -> tuple[Quantity | None, int]:
        text = self.text
        den_word = m.group("fden").lower()
        num_word = (m.group("fnum") or "").lower()
        den = _DENOMS[den_word]
        if num_word in ("a", "an", ""):
            if num_word == "" and den != 2:
                return None, m.end()
            num = 1
        else:
            num = _ONES[num_word]
        if den_word.endswith("s") and den_word != "halves" and num < 2:
            return None, m.end()
        if num >= den:
            return None, m.end()
        start = m.start()
        if _ORDINAL_BEFORE.search(text, max(0, start - 12), start):
            return None, m.end()
        if start > 0 and text[start - 1] == "-":
            return None, m.end()
        end = m.start("fden") + len(m.group("fden"))
        qual, _ = _hedge(text, start)
        value = num / den * 100
        return _make(text, "proportion", start, end, value, value, "%", qual), end

    def parse_mult_word(self, m: re.Match[str]) -> tuple[Quantity | None, int]:
        text = self.text
        w = m.group(0).lower()
        if _MULT_WORD_AFTER_BAD.match(text, m.end()):
            return None, m.end()
        if m.end() < len(text) and text[m.end()] == "-":
            return None, m.end()
        qual, _ = _hedge(text, m.start())
        v = _MULT_WORDS[w]
        return _make(text, "multiplier", m.start(), m.end(), v, v, "x", qual), m.end()

    # -- the general case ---------------------------------------------------------------------
    def parse_number(self, n1: _Num) -> tuple[Quantity | None, int]:
        text = self.text
        start = n1.start
        # left context: currency sign or code, minus sign
        currency: str | None = None
        left = text[max(0, start - 8):start]
        cm = _CUR_SIGN_BEFORE.search(left)
        if cm:
            sign = cm.group(0).strip()
            if sign == "Rs" and cm.group(0) == "Rs" and start > 0 and text[start - 1] != " ":
                pass
            cs = start - len(left) + cm.start()
            if cs == 0 or not text[cs - 1].isalnum() or sign in ("$", "€", "£", "¥", "₹"):
                currency = _CUR_SIGNS.get(sign, "USD")
                start = cs
        else:
            cm = _CUR_CODE_BEFORE.search(left)
            if cm:
                code = cm.group(0).strip()
                currency = _CODE_ISO.get(code, code)
                start = start - len(left) + cm.start()
        negative = False
        if not n1.spelled and start > 0 and text[start - 1] in "-\u2010\u2011\u2212":
            before = text[start - 2] if start >= 2 else " "
            if before.isalpha():
                word = re.search(r"([A-Za-z]+)\Z", text[max(0, start - 12):start - 1])
                if not (word and word.group(1).lower() in _HYPHEN_PREFIX_OK):
                    # "COVID-19", "F-16", "SARS-CoV-2": part of a name
                    return None, self._skip_end(n1)
            elif before in " \t\n(=:[" or start == 1:
                negative = True
                start -= 1
            elif before.isdigit():
                return None, n1.end
        if not n1.spelled:
            skip = self.identifier_or_day(n1)
            if skip >= 0:
                return None, skip
        if n1.spelled:
            pass
        elif start == n1.start and n1.start > 0 and text[n1.start - 1].isalpha():
            return None, self._skip_end(n1)

        _attach_scale(text, n1, currency is not None)
        temp = _temperature(text, start, n1.end) if not n1.spelled else None
        age_group = _AGE_GROUP_BEFORE.search(text, max(0, start - 8), start) if not n1.spelled else None
        if age_group is not None and not _AGE_GROUP_S.match(text, n1.end):
            age_group = None
        decade = _AGE_DECADE_BEFORE.search(text, max(0, start - 24), start) if not n1.spelled else None
        if (decade is not None and n1.integer and 10 <= n1.value <= 90 and n1.value % 10 == 0
                and _AGE_GROUP_S.match(text, n1.end)):
            # "in her 40s", "in their late 60s": an age from 40 up to 50 (early/mid/late only narrow
            # it within the decade, which no source states as a number)
            return _make(text, "number", start, n1.end + 1, n1.value, n1.value + 10, None, None), n1.end + 1
        rating = _RATING_AFTER.match(text, n1.end) if currency is None and n1.scale is None else None
        if rating is not None and n1.value <= float(rating.group("d")) and not n1.integer:
            # "an average rating of 6.1/10", "3.5/5": one figure on its scale ("6/10" may be a
            # date or a fraction: those stay in the exclusion zones)
            qual, _ = _hedge(text, start)
            return _make(text, "number", start, rating.end(), n1.value, n1.value, "/" + rating.group("d"),
                         qual), rating.end()
        # a unit symbol against the number ("5km", "300m tall") or pence ("50p", not "1080p")
        glued_unit = not n1.spelled and n1.scale is None and (
            _glued_measure(text, start, n1.end) is not None or _POWER_AFTER.match(text, n1.end) is not None
            or (currency is None and n1.integer and n1.value < 100 and text.startswith("p", n1.end)
                and _CENTS_AFTER.match(text, n1.end) is not None))
        if (not n1.spelled and n1.end < len(text) and text[n1.end].isalpha() and age_group is None and temp is None
                and not glued_unit
                and (not _GLUED_OK.match(text, n1.end) or (text[n1.end] == "s" and not n1.four_digit))):
            # "4K", "5G", "3D", "10am": the number is part of a name or a code
            return None, self._skip_end(n1)
        if negative:
            n1.value = -n1.value

        # the glued-letter rule: a number followed by a letter that is no known suffix is a name
        qual, hedge_start = _hedge(text, start)
        if age_group is not None:  # "the under-20s", "over-70s": an age bound, read as its number
            qual = "max" if age_group.group(1).lower() == "under" else "min"

        # proportions "one in four", "9 out of 10"
        if not negative and currency is None and n1.scale is None and n1.integer:
            prop = self.try_one_in(n1, start, qual)
            if prop is not None:
                return prop, prop.end

        # "two and a half years": the half belongs to the number
        ah = _AND_A_HALF.match(text, n1.end) if n1.integer and n1.scale is None and currency is None else None
        if ah is not None and _DUR_AFTER.match(text, ah.end()):
            n1.value += 0.5
            n1.integer = False
            n1.end = ah.end()

        # ranges
        n2, cur2, sep_kind = self.try_range(n1, start, currency)
        if n2 is not None and sep_kind == "year":
            lo, hi = n1.value, n2.value
            return _make(text, "year", start, n2.end, lo, hi, None, qual), n2.end
        if n2 is not None and sep_kind == "score":
            return None, n2.end

        last = n2 if n2 is not None else n1
        end = last.end
        if n2 is not None and cur2 and currency is None:
            currency = cur2

        unit: str | None = None
        kind: Kind | None = None
        scale_word = last.scale or n1.scale

        pm = _PERCENT_AFTER.match(text, end)
        if pm and not (last.scale and last.scale not in ("k",)) and currency is None:
            kind = "percent"
            unit = "pp" if pm.group("pp") else "bp" if pm.group("bp") else "%"
            end = pm.end()
        if kind is None and currency is None:
            mm = _MULT_AFTER.match(text, end)
            if mm and not (mm.group("x") and last.scale):
                kind = "multiplier"
                unit = "x"
                end = mm.end()
        if kind is None and currency is None and n1.scale is None and not n1.spelled:
            cm = _CENTS_AFTER.match(text, end)
            if cm is not None and (cm.group("w") or (n1.integer and n1.value < 100 and n2 is None)):
                # "36 cents", "50p": hundredths of the currency, written as such in suggestions
                word = (cm.group("w") or "p").lower()
                currency = "GBP" if word in ("p", "pence") else "EUR" if word.startswith("euro") else "USD"
                kind, unit, end = "currency", currency, cm.end()
                scale_word = "p" if word == "p" else "pence" if word == "pence" else "cents"
                n1.scale_mult = 0.01
                if n2 is not None:
                    n2.scale_mult = 0.01
        if kind is None:
            wm = _CUR_WORD_AFTER.match(text, end)
            if wm and currency is None:
                w = wm.group("w")
                if w:
                    lw = re.sub(r"\s+", " ", w.lower())
                    if lw.startswith("pound") and "sterling" not in lw and scale_word is None:
                        wm = None
                    else:
                        currency = _CUR_WORDS.get(lw, "USD")
                        if lw.endswith("francs"):
                            currency = "CHF"
                elif wm.group("c"):
                    code = wm.group("c")
                    currency = _CODE_ISO.get(code, code)
                else:
                    currency = {"€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}[wm.group("s")]
                if wm is not None:
                    end = wm.end()
            if currency is not None:
                kind = "currency"
                unit = currency
        if kind is None and not (last.scale and last.scale_mult >= 1e6):
            dm = _DUR_AFTER.match(text, end)
            if dm:
                u = dm.group("u") or dm.group("g")
                if dm.group("g") and n1.spelled:
                    dm = None
                if dm is not None:
                    unit = _DURATION_UNITS.get(u.lower()) if u.lower() != "d" else "day"
                    if unit is not None and not (n1.spelled and n1.value == 1 and n2 is None):
                        kind = "duration"
                        end = dm.end()
                    else:
                        unit = None

        if kind is None and not last.scale:
            tm = temp if temp is not None and n2 is None else _temperature(text, start, end)
            mu = _measure_at(text, start, end) if tm is None else None
            if tm is not None:
                kind, unit, end = "number", tm[0], tm[1]
            elif mu is not None:
                kind, unit, end = "number", mu[0], mu[1]

        mult_low = n1.value * (n1.scale_mult if kind != "percent" else 1.0)
        mult_high = (n2.value * (n2.scale_mult if kind != "percent" else 1.0)) if n2 else mult_low

        # hedges after: "100+", "or more"
        hm = _HEDGE_AFTER.match(text, end)
        plus_end = end
        if hm:
            if hm.group("plus"):
                qual = "min"
                plus_end = hm.end()
            elif hm.group("more") or hm.group("older"):
                qual = qual or "min"
            else:
                qual = qual or "max"

        if kind is None:
            # years
            year = self.try_year(n1, n2, start, qual)
            if year is not None:
                return year, year.end
            # names: "Boeing 747", "Fortune 500"
            if self.is_name(start, n1, n2):
                return None, end
        if kind is None:
            noun, nend = _noun(text, plus_end)
            whole = abs(mult_low - round(mult_low)) < 1e-9 and abs(mult_high - round(mult_high)) < 1e-9
            initial = n1.spelled and n1.value >= 10 and (_sentence_initial(text, start)
                                                         or _compound_word(text, start, n1.end, n1.value))
            if noun is not None and whole and (not n1.spelled or n1.value * n1.scale_mult >= 100 or initial):
                kind = "count"
                unit = noun
                hm2 = _HEDGE_AFTER.match(text, nend)
                if hm2 and not hm2.group("plus") and qual is None:
                    qual = "min" if hm2.group("more") or hm2.group("older") else "max"
            elif noun is None and re.match(r"[ \t]+(?:more|additional|other|new|extra)\s+[a-z]", text[plus_end:plus_end + 20]):
                kind = "count"
                unit = None
        if kind is None:
            kind = "number"
        # spelled numbers only count with a unit that makes them a claim
        if n1.spelled and not self.bare_words:
            ok = kind in ("percent", "multiplier", "duration", "currency") or n1.scale is not None \
                or n1.value >= 100 or unit in _MEASURE_SYMBOLS \
                or (kind == "count" and n1.value >= 10 and (_sentence_initial(text, start)
                                                            or _compound_word(text, start, n1.end, n1.value)))
            if not ok:
                return None, n1.end
        if (kind == "number" and n1.spelled and n1.scale is None and n1.value < 100 and not self.bare_words
                and unit not in _MEASURE_SYMBOLS):
            return None, n1.end
        after = end if kind != "count" else _noun(text, plus_end)[1]
        per = _per(text, after) if kind != "year" else None
        if kind == "duration" and per == unit:
            per = None
        skip = 0
        if per is None and kind in ("number", "count") and n2 is None:
            rate = _rate(text, after)
            if rate is None and kind == "number":
                rate = _rate(text, _noun(text, plus_end)[1])  # "12.5 deaths per 100,000"
            if rate is not None:
                per, skip = rate  # "12.5 per 100,000": the denominator is part of the figure
        q = _make(text, kind, start, max(end, plus_end) if hm and hm.group("plus") else end,
                  mult_low, mult_high, unit, qual, scale=scale_word, per=per)
        _ = hedge_start
        return q, max(q.end, skip)

    def identifier_or_day(self, n1: _Num) -> int:
        """End of the text to skip when ``n1`` names something ("Phase 2") or is a day of month."""
        text = self.text
        digits = text[n1.start:n1.end]
        short_int = n1.integer and len(digits) <= 2 and 1 <= n1.value <= 31
        w = _PREV_ID.search(text, max(0, n1.start - 24), n1.start) if _prev_id_candidate(text, n1.start) else None
        if w:
            word = w.group("w")
            if word in _ID_CAP_SET or word.lower() in _ID_LOWER_SET:
                if n1.end < len(text) and text[n1.end] == "%":
                    return -1
                return _ID_TAIL.match(text, n1.end).end()
            if word in _MONTH_SET and short_int and not re.match(r"[.,]?[0-9]", text[n1.end:n1.end + 2]):
                return _DAY_TAIL.match(text, n1.end).end()
        if short_int:
            m = _MONTH_AFTER.match(text, n1.end)
            if m:
                return m.end()
        return -1

    def _skip_end(self, n: _Num) -> int:
        """End of a name-like token glued to ``n`` ("H1N1", "COVID-19x")."""
        i = n.end
        while i < len(self.text) and (self.text[i].isalnum() or self.text[i] in "-_") and i - n.end < 40:
            i += 1
        return i

    def try_one_in(self, n1: _Num, start: int, qual: str | None) -> Quantity | None:
        text = self.text
        m = _IN_ONE_OF.match(text, n1.end)
        if not m:
            return None
        den_start = m.start("n")
        d = _read_number_at(text, den_start)
        if d is None:
            return None
        if d.spelled and d.end != m.end("n"):
            pass
        if not (2 <= d.value <= 1000) or not (0 < n1.value < d.value) or (not d.integer and not d.spelled):
            return None
        if d.four_digit:
            return None
        after = text[d.end:d.end + 12]
        if re.match(r"\s*(?:%|percent|per cent|[-\s](?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b)", after):
            return None
        value = n1.value / d.value * 100
        return _make(text, "proportion", start, d.end, value, value, "%", qual)

    def try_range(self, n1: _Num, start: int, currency: str | None) -> tuple[_Num | None, str | None, str]:
        """The second number of a range, its own currency sign, and what kind of pair it is."""
        text = self.text
        # a unit already attached to n1 ("10%-20%", "$1 million to $2 million") is allowed
        pos = n1.end
        pm = _PERCENT_AFTER.match(text, pos)
        first_pct = bool(pm)
        if pm:
            pos = pm.end()
        mm = _MULT_AFTER.match(text, pos) if not pm else None
        if mm and (mm.group("x") or mm.group("x2")):
            pos = mm.end()
        # a unit written on both ends ("between 3 hours and 5 hours", "1.5C to 2C"): the same unit
        # must follow the second number
        first_unit = None if pm or mm else _unit_at(text, start, pos)
        if first_unit is not None:
            pos = first_unit[1]
        sm = _RANGE_SEP.match(text, pos)
        if not sm:
            return None, None, ""
        sep_to = sm.group("to")
        if sep_to:
            sep_to = sep_to.lower()
            window = text[max(0, start - 12):start].lower()
            if sep_to == "and":
                if not re.search(r"between\s+\Z", window):
                    return None, None, ""
            elif re.search(r"(?:from|between)\s+\Z", window):
                return None, None, ""
        cur2 = sm.group("cur")
        if cur2 and currency is None:
            return None, None, ""
        if not cur2 and sm.end() < len(text) and text[sm.end():sm.end() + 1] in "€£$":
            return None, None, ""
        if self.excluded(sm.end()) >= 0:
            return None, None, ""
        n2 = _read_number_at(text, sm.end())
        if n2 is None or (n2.spelled != n1.spelled):
            return None, None, ""
        _attach_scale(text, n2, currency is not None)
        # year ranges: "2012-13", "2012–2013", "2019/20" is handled by the slash rule
        if (n1.four_digit and 1000 <= n1.value <= 2100 and n1.scale is None and currency is None
                and not first_pct and n2.integer and not n2.comma and n2.scale is None and not n2.spelled):
            digits = text[n2.start:n2.end]
            if len(digits) == 2 and (sm.group("d") or sep_to in ("to", "through")):
                full = n1.value // 100 * 100 + n2.value
                if full > n1.value and not _PERCENT_AFTER.match(text, n2.end):
                    n2.value = full
                    return n2, None, "year"
            if len(digits) == 4 and 1000 <= n2.value <= 2100 and n2.value > n1.value \
                    and not _PERCENT_AFTER.match(text, n2.end):
                return n2, None, "year"
        if sm.group("d") and n1.integer and n2.integer and not n1.spelled and n1.scale is None \
                and n2.scale is None and n1.value <= 30 and n2.value <= 30 and n1.value > n2.value \
                and currency is None and not first_pct and not _PERCENT_AFTER.match(text, n2.end):
            return n2, None, "score"
        if n1.scale is None and n2.scale is not None:
            if n1.value <= n2.value:
                # the scale is shared: "$1-2 million", "1 to 2 billion"
                n1.scale_mult = n2.scale_mult
            elif n1.value > n2.value * n2.scale_mult:
                return None, None, ""
        elif n2.value * n2.scale_mult < n1.value * n1.scale_mult:
            return None, None, ""
        if first_pct and not _PERCENT_AFTER.match(text, n2.end) and sep_to:
            # "10% to 20 people": not a range
            return None, None, ""
        pm2 = _PERCENT_AFTER.match(text, n2.end)
        if pm and pm2 and bool(pm.group("pp") or pm.group("bp")) != bool(pm2.group("pp") or pm2.group("bp")):
            # "rose 2 percentage points to 45%": a change and a level, not a range
            return None, None, ""
        if first_unit is not None:
            second = _unit_at(text, n2.start, n2.end)
            if second is None or second[0] != first_unit[0]:
                return None, None, ""
        return n2, cur2, "range"

    def try_year(self, n1: _Num, n2: _Num | None, start: int, qual: str | None) -> Quantity | None:
        text = self.text
        if n2 is not None or n1.spelled or not n1.integer or n1.comma or n1.scale is not None:
            return None
        v = n1.value
        end = n1.end
        digits = text[n1.start:n1.end]
        # decades "1990s"
        if (len(digits) == 4 and end < len(text) and text[end] == "s"
                and (end + 1 == len(text) or not text[end + 1].isalnum())
                and 1000 <= v <= 2100 and v % 10 == 0):
            hi = v + (99 if v % 100 == 0 else 9)
            return _make(text, "year", start, end + 1, v, hi, None, qual)
        em = _ERA_AFTER.match(text, end)
        if em and 1 <= v <= 9999 and len(digits) <= 4:
            e = em.group("e").replace(".", "")
            val = -v if e.startswith("B") else v
            return _make(text, "year", start, em.end(), val, val, None, qual)
        if _ERA_BEFORE.search(text, max(0, start - 6), start) and len(digits) <= 4:
            return _make(text, "year", start, end, v, v, None, qual)
        if len(digits) != 4 or not 1000 <= v <= 2100:
            return None
        noun = _noun(text, end)[0]
        prep = _YEAR_PREP.search(text, max(0, start - 14), start)
        if 1800 <= v <= 2100:
            if qual is not None and noun is not None:
                return None
            if noun is not None and not prep and re.match(r"\s+(?:people|persons|employees|workers|users|"
                                                          r"patients|respondents|participants|companies|firms)\b",
                                                          text[end:end + 20]):
                return None
            return _make(text, "year", start, end, v, v, None, qual)
        if prep and noun is None:
            return _make(text, "year", start, end, v, v, None, qual)
        return None

    def is_name(self, start: int, n1: _Num, n2: _Num | None) -> bool:
        if n1.comma or n1.spelled or n1.scale is not None:
            return False
        word, ws = _prev_word(self.text, start)
        if len(word) > 2 and word[0].islower() and any(ch.isupper() for ch in word[1:]):
            return True  # "iPhone 15", "iOS 17", "macOS 14": a product name in camel case
        if not word or ws < 0 or not word[0].isupper() or word in _PROPER_SKIP:
            return False
        if re.fullmatch(_MONTHS, word):
            return False
        return not _sentence_initial(self.text, ws)


# ---------------------------------------------------------------------------------------------
# Public API


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in ``text``, non-overlapping, sorted by start; offsets index ``text``."""
    if not text:
        return []
    return _Parser(text).run()


def parse_quantity(s: str) -> Quantity | None:
    """Parse one figure string as a whole ("$1-2 million", "62%", "about 60 percent", "two").

    Hedges around the figure are read (they set ``approx``/``qualifier``); spelled-out numbers
    without a unit are accepted here, since the caller says the string *is* a figure. Returns the
    figure covering most of ``s``; offsets index ``s``.
    """
    if not s or not s.strip():
        return None
    found = _Parser(s, bare_words=True).run()
    if _FRACTION_ONLY.fullmatch(s.strip()):
        # "two-thirds" on its own: read it as the proportion it names
        padded = s + " of it"
        found = [q for q in _Parser(padded, bare_words=True).run() if q.end <= len(s)] or found
    if not found:
        # "1.2 GW" at the start of a text looks like a section number ("1.2 Methods"): read it
        # where no line starts
        found = [replace(q, start=q.start - 3, end=q.end - 3)
                 for q in _Parser("of " + s, bare_words=True).run() if q.start >= 3]
    if not found:
        return None
    return max(found, key=lambda q: (q.end - q.start, -q.start))


_FRACTION_ONLY = re.compile(
    rf"(?:(?:about|nearly|almost|over|more than|roughly|around)\s+)?(?:(?:{_FRAC_NUM})[ \t\-]+)?(?:{_DENOM})",
    re.I,
)
_ONE_IN = re.compile(r"(?P<a>[0-9]+|[A-Za-z]+)(?P<sep>\s+(?:in|out\s+of)\s+)(?P<b>[0-9][0-9,]*)\Z", re.I)


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


_NUM_IN_TEXT = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+")


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
    mult = _SCALES.get(like.scale or "", 1.0) if like.kind not in ("percent", "proportion") else 1.0
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
            sep_m = re.search(r"\s*(?:[-\u2013\u2014]|to|and)\s*[$€£¥₹]?", between)
            if sep_m:
                sep = between[sep_m.start():]
                if between[:sep_m.start()].strip():
                    sep = between  # "2.49% to 4.16%", "$1 million to $2 million": the unit repeats
    else:
        prefix = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}.get(like.unit or "", "")
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
        sm = re.match(r"(\s*-?)([A-Za-z]+)(.*)\Z", suffix, re.S)
        if sm and sm.group(2).lower() in _DURATION_UNITS:
            w = sm.group(2)
            singular = _DURATION_UNITS[w.lower()]
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
