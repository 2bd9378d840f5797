"""Numbers that name something rather than state a figure: "Phase 2", "COVID-19", "Boeing 747",
"Fortune 500", "iPhone 15", "4K", "Feb. 23", "23 February".

These are decided where the number stands, from the word before it or the letters glued to it
(the text-wide exclusion zones are in ``exclusions.py``). A capitalised word before a bare number
makes it a name unless the word opens its sentence; a unit or a year wins over the name rule
("Boeing 747" is no figure, "Sales 2024" after a full stop is a year).
"""

from __future__ import annotations

import re

from .figure import Num
from .measure import POWER_AFTER, glued_measure, temperature
from .money import CENTS_AFTER
from .patterns import MONTHS_RX
from .tables import HYPHEN_PREFIX_OK, ID_WORDS, ID_WORDS_LOWER, MONTHS, PROPER_SKIP

_MONTH_SET = frozenset(MONTHS)
_PREV_ID = re.compile(r"(?<![\w])(?P<w>[A-Za-z]+)\.?[ \t]?#?\Z")
#: what an identifier may carry after its number ("Section 4.2", "Type 2b", "Chapters 3-5")
_ID_TAIL = re.compile(r"(?:\.[0-9]+)*[a-z]?(?:[ \t]?[\u2013-][ \t]?[0-9]+)?")
_DAY_TAIL = re.compile(r"(?:st|nd|rd|th)?(?:[ \t]*[\u2013-][ \t]*[0-9]{1,2}(?![0-9]))?")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?(?:[ \t]*[\u2013-][ \t]*[0-9]{{1,2}})?[ \t]+(?:of[ \t]+)?(?:{MONTHS_RX})\b")
#: letters glued to a number that leave it a figure ("3x", "5pp", "1990s", "24h", "500BC")
_GLUED_OK = re.compile(r"(?:x|X|×|pp|ppts?|pts?|bps?|pct|pc|fold|s|hrs?|h|mins?|yrs?|wks?|mos?|d|BCE?|AD|CE)(?![A-Za-z0-9])")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_HYPHENS = "-\u2010\u2011\u2212"
_WORD_BEFORE_HYPHEN = re.compile(r"([A-Za-z]+)\Z")


def hyphen_before(text: str, start: int) -> str:
    """What a hyphen or minus sign right before ``start`` makes of the digits after it: "name"
    ("COVID-19", "F-16", "SARS-CoV-2"; not "mid-2020s"), "minus" ("-3%", "(−12)"), "joined" (a
    digit before it: the second end of "10-20", read with the first), or "" (no sign, or none of
    these)."""
    if start <= 0 or text[start - 1] not in _HYPHENS:
        return ""
    before = text[start - 2] if start >= 2 else " "
    if before.isalpha():
        word = _WORD_BEFORE_HYPHEN.search(text[max(0, start - 12):start - 1])
        return "" if word and word.group(1).lower() in HYPHEN_PREFIX_OK else "name"
    if before in " \t\n(=:[" or start == 1:
        return "minus"
    if before.isdigit():
        return "joined"
    return ""


def skip_end(text: str, n: Num) -> int:
    """End of a name-like token glued to ``n`` ("H1N1", "COVID-19x"): where reading resumes."""
    i = n.end
    while i < len(text) and (text[i].isalnum() or text[i] in "-_") and i - n.end < 40:
        i += 1
    return i


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
    return word in ID_WORDS or word.lower() in ID_WORDS_LOWER or word in _MONTH_SET


def identifier_or_day(text: str, n1: Num) -> int:
    """End of the text to skip when ``n1`` names something ("Phase 2", "Table 3.1") or is a day
    of month ("Feb. 23", "23 February", "12-16 March"), or -1. A percent sign wins over the
    identifier word ("Level 3%" is a share)."""
    digits = text[n1.start:n1.end]
    short_int = n1.integer and len(digits) <= 2 and 1 <= n1.value <= 31
    w = _PREV_ID.search(text, max(0, n1.start - 24), n1.start) if _prev_id_candidate(text, n1.start) else None
    if w:
        word = w.group("w")
        if word in ID_WORDS or word.lower() in ID_WORDS_LOWER:
            if n1.end < len(text) and text[n1.end] == "%":
                return -1
            tail = _ID_TAIL.match(text, n1.end)  # every part optional: it always matches
            return tail.end() if tail else n1.end
        if word in _MONTH_SET and short_int and not re.match(r"[.,]?[0-9]", text[n1.end:n1.end + 2]):
            tail = _DAY_TAIL.match(text, n1.end)
            return tail.end() if tail else n1.end
    if short_int:
        m = _MONTH_AFTER.match(text, n1.end)
        if m:
            return m.end()
    return -1


def glued_name(text: str, start: int, n1: Num, currency: str | None) -> bool:
    """Whether letters glued to the digits of ``n1`` make it part of a name or a code ("4K",
    "5G", "3D", "MP3s"): a letter that is no known suffix (``_GLUED_OK``: "3x", "1990s") and no
    unit written against a number (a temperature, a measure or power symbol, pence)."""
    end = n1.end
    if n1.spelled or end >= len(text) or not text[end].isalpha():
        return False
    if _GLUED_OK.match(text, end) and not (text[end] == "s" and not n1.four_digit):
        return False
    if temperature(text, start, end) is not None:
        return False
    return not (n1.scale is None and (
        glued_measure(text, start, end) is not None or POWER_AFTER.match(text, end) is not None
        or (currency is None and n1.integer and n1.value < 100 and text.startswith("p", end)
            and CENTS_AFTER.match(text, end) is not None)))


def prev_word(text: str, start: int) -> tuple[str, int]:
    """The word right before ``start`` (separated by one space) and its start, or ("", -1)."""
    if start < 2 or text[start - 1] != " ":
        return "", -1
    i = start - 2
    lo = max(0, start - 40)
    while i >= lo and (text[i].isalnum() or text[i] in "'’"):
        i -= 1
    return text[i + 1:start - 1], i + 1


def sentence_initial(text: str, start: int) -> bool:
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


def compound_word(text: str, start: int, end: int, value: float) -> bool:
    """A hyphenated number word in lower case ("sixty-six writers"): nobody writes that except to
    state a count. Title Case ("Sixty-Six Books") is a name."""
    return 21 <= value <= 99 and value % 10 != 0 and "-" in text[start:end] and text[start].islower()


def is_name(text: str, start: int, n1: Num) -> bool:
    """Whether the word before a bare number makes it a name: a capitalised word not opening its
    sentence ("Boeing 747", "Fortune 500", "Python 3"), or a camel-case product ("iPhone 15")."""
    if n1.comma or n1.spelled or n1.scale is not None:
        return False
    word, ws = prev_word(text, start)
    if len(word) > 2 and word[0].islower() and any(ch.isupper() for ch in word[1:]):
        return True  # "iPhone 15", "iOS 17", "macOS 14": a product name in camel case
    if not word or ws < 0 or not word[0].isupper() or word in PROPER_SKIP:
        return False
    if re.fullmatch(MONTHS_RX, word):
        return False
    return not sentence_initial(text, ws)
