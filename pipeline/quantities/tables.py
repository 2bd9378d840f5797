"""The grammar's vocabularies: the words and symbols a figure is written with, and what each stands
for. Data only, so that a reader finds every unit of a dimension together.

The units of measure and time come from the one dimension table (``pipeline/dimensions.py``).
Some regexes of the dimension modules spell their forms out again (``duration._DUR_AFTER`` lists
"hrs?|h|mins?..."): they are written by hand, with their alternatives ordered and grouped for
speed on long texts and for which form wins, so the two are kept in step by hand: a new form goes
in both, and in the dimension's example file (``tests/quantities/examples/``).
"""

from __future__ import annotations

from pipeline.dimensions import UNITS
from pipeline.model import Qualifier


def _written(*dimensions: str, lower: bool = True) -> dict[str, str]:
    """Written form -> unit symbol, for the units of ``dimensions`` in the one dimension table
    (``pipeline/dimensions.py``): a unit added there is read by the grammar, converted by the
    comparison and named in messages, with no second list to keep in step."""
    return {(w.lower() if lower else w): u.symbol for u in UNITS.values() if u.dimension in dimensions
            for w in u.written}


ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
WORD_SCALES: dict[str, float] = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

#: magnitude words/abbreviations after digits -> multiplier (keys lowercased except M/B/K/T)
SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6,
    "b": 1e9, "B": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "T": 1e12, "tr": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
    "cents": 0.01, "pence": 0.01, "p": 0.01,
}

#: the denominator a fraction word names ("two-thirds": 3)
DENOMS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}

MULT_WORDS: dict[str, float] = {
    "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twice": 2,
    "triple": 3, "tripled": 3, "triples": 3, "tripling": 3, "thrice": 3,
    "quadruple": 4, "quadrupled": 4, "quadruples": 4, "quadrupling": 4,
}

#: a unit of time as written -> its canonical (singular) name
DURATION_UNITS: dict[str, str] = _written("duration")

#: units of length and mass after a number, by their canonical symbol. Values stay as written
#: ("16 feet" is 16, unit "ft"); compare.py converts between units of one dimension.
MEASURE_UNITS: dict[str, str] = _written("length", "mass")
#: power and energy, by their symbol; the prefixes are case-sensitive ("MW", not "mW")
POWER_UNITS: dict[str, str] = _written("power", "energy", lower=False)
#: every symbol a measure may carry: a spelled-out number with one of them is a claim ("six feet")
MEASURE_SYMBOLS = frozenset(MEASURE_UNITS.values()) | frozenset(POWER_UNITS.values())

#: currency signs before a number (longest first in the regex)
CUR_SIGNS: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD$": "USD", "C$": "CAD", "CA$": "CAD", "CAN$": "CAD",
    "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "MX$": "MXN",
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY",
    "₦": "NGN", "₱": "PHP", "Rs.": "INR", "Rs": "INR", "CHF": "CHF", "R": "ZAR",
}
#: the signs that name a currency written after the number too ("5€")
CUR_SIGNS_AFTER: dict[str, str] = {"€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
#: the sign a suggestion writes before an amount of the currency, when the draft wrote no number
CUR_PREFIX: dict[str, str] = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
CUR_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "CAD", "AUD", "CHF", "SEK", "NOK",
             "DKK", "NZD", "HKD", "SGD", "BRL", "KRW", "ZAR", "MXN", "RUB")
#: codes written in the press that are not the ISO code
CODE_ISO = {"RMB": "CNY"}
CUR_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "euro": "EUR", "euros": "EUR", "pound sterling": "GBP", "pounds sterling": "GBP",
    "pounds": "GBP", "pound": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupees": "INR", "rupee": "INR", "swiss francs": "CHF", "francs": "CHF",
    "canadian dollars": "CAD", "australian dollars": "AUD",
}

#: a rate's period as written -> its canonical name ("10 billion tokens per month")
PERIODS: dict[str, str] = {
    "day": "day", "daily": "day", "week": "week", "wk": "week", "weekly": "week",
    "month": "month", "mo": "month", "monthly": "month", "quarter": "quarter",
    "year": "year", "yr": "year", "annum": "year", "annually": "year", "yearly": "year",
    "per annum": "year", "a year": "year",
}
#: a rate's base written as a word ("per million")
RATE_WORDS = {"million": 1_000_000, "thousand": 1000, "hundred": 100}

#: hedge phrases before (and a few after) a figure -> the qualifier they give. "nearly"/"almost"
#: mean just below the figure, so they bound it from above ("max").
HEDGES: dict[str, Qualifier] = {
    **dict.fromkeys(
        "about|approximately|approx.|approx|roughly|around|circa|ca.|c.|some|an estimated|estimated"
        "|an approximate|close to|in the region of|on the order of"
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

#: month names and abbreviations, in the order the regexes list them
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
          "Sept", "Oct", "Nov", "Dec")

#: words after which a number is an identifier, not a figure ("Phase 2", "Type 2 diabetes")
ID_WORDS = frozenset(
    "No|Nos|Nr|Phase|Type|Part|Series|Chapter|Ch|Section|Sec|Article|Art|Title|Model|Version|Ver"
    "|Level|Stage|Grade|Class|Route|Highway|Interstate|Flight|Room|Suite|Unit|Volume|Vol|Issue"
    "|Figure|Fig|Figs|Table|Appendix|Annex|Exhibit|Box|Episode|Ep|Season|Act|Book|Step|Item|Rule"
    "|Gen|Generation|Tier|Category|Cat|Page|Paragraph|Para|Clause|Schedule|Amendment|Proposition"
    "|Prop|Lot|Batch|Patient|Participant|Subject|Case|Study|Experiment|Trial|Wave|Round|Game"
    "|Match|Lane|Gate|Platform|Terminal|Building|Block|Apt|Apartment|Bus|Line|Track|Row|Seat"
    "|Column|Col|Eq|Equation|Theorem|Lemma|Definition|Example|Exercise|Question|Problem|Task"
    "|Week|Day|Module|Lesson|Unit|Pillar|Principle|Recommendation|Goal|SDG|Objective|Verse|Psalm"
    .split("|")
)
#: the identifier words that also mark an identifier when written in lower case
ID_WORDS_LOWER = frozenset(
    "chapter|section|sec|table|figure|fig|figs|appendix|annex|exhibit|phase|type|version|article|page"
    "|step|stage|level|grade|class|tier|volume|vol|issue|episode|season|part|item|route|flight|room"
    "|equation|eq|column|col|paragraph|para|clause|schedule|amendment|generation|gen|category|no"
    .split("|")
)
#: capitalised words before a number that do not make it a name ("In 2014", "US 500")
PROPER_SKIP = frozenset("US UK EU UN USA UAE In By On At For From Since Until And Or But Of The A An".split())
#: words before a hyphen that leave the number after it a figure ("mid-2020s", "pre-2008")
HYPHEN_PREFIX_OK = frozenset("mid pre post early late end start circa over under about around".split())

#: adjectives that may stand between a number and its counted noun ("3 new models")
ADJ = frozenset("new additional other different major large small top leading separate distinct unique"
                " active independent senior junior young older full-time part-time".split())

#: words that are never the noun a number counts
STOP = frozenset("""
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
