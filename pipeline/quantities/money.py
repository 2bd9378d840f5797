"""Money: amounts with a currency sign, code or word ("$1-2 million", "EUR 3bn", "3 billion euros",
"₹1,200 crore", "5€"), and hundredths ("36 cents", "85p", "99 pence").

Values are in units of the currency (hundredths are divided by a hundred, the word kept as the
figure's scale so a suggestion writes "38 cents", not "$0.38"). A sign or code before the number
makes the figure money whatever follows it. A bare "pound(s)" after a number is a weight unless a
scale word makes it money ("3 million pounds").
"""

from __future__ import annotations

import re

from .figure import Num, UnitRead
from .patterns import WS
from .tables import CODE_ISO, CUR_CODES, CUR_SIGNS, CUR_SIGNS_AFTER, CUR_WORDS

_CUR_SIGN_BEFORE = re.compile(
    r"(?:US\$|U\.S\.\$|USD\$|CAN\$|CA\$|AU\$|NZ\$|HK\$|MX\$|C\$|A\$|S\$|R\$|Rs\.?|CHF|[$€£¥₹₩₽₺₦₱])"
    r"[ \u00a0]?\Z"
)
_CUR_CODE_BEFORE = re.compile(rf"(?<![\w])(?:{'|'.join(CUR_CODES)})[ \u00a0]?\Z")
#: the signs that are money even right after a letter or digit; a sign made of letters ("Rs",
#: "CHF") is money only where it is no word's end ("USD 5" is, "OURS 5" is no rupee)
_STRONG_SIGNS = ("$", "€", "£", "¥", "₹")
CENTS_AFTER = re.compile(rf"{WS}+(?P<w>(?:euro{WS}+)?cents?|pence)\b|(?P<p>p)(?![\w])")
_CUR_WORD_AFTER = re.compile(
    rf"{WS}+(?P<w>(?:US|U\.S\.|Canadian|Australian|Swiss)\s+(?:dollars|francs)|pounds?\s+sterling"
    r"|dollars?|euros?|pounds?|yen|yuan|renminbi|rupees?|francs)\b"
    rf"|{WS}?(?P<c>{'|'.join(CUR_CODES)})\b"
    rf"|{WS}?(?P<s>[€£¥₹])"
)


def currency_before(text: str, start: int) -> tuple[str | None, int]:
    """The currency of a sign or code right before the number at ``start`` ("$", "C$", "EUR "),
    and where the figure then starts; (None, start) when there is none."""
    left = text[max(0, start - 8):start]
    cm = _CUR_SIGN_BEFORE.search(left)
    if cm:
        sign = cm.group(0).strip()
        cs = start - len(left) + cm.start()
        if cs == 0 or not text[cs - 1].isalnum() or sign in _STRONG_SIGNS:
            return CUR_SIGNS.get(sign, "USD"), cs
        return None, start
    cm = _CUR_CODE_BEFORE.search(left)
    if cm:
        code = cm.group(0).strip()
        return CODE_ISO.get(code, code), start - len(left) + cm.start()
    return None, start


def read_cents(text: str, start: int, pos: int) -> UnitRead | None:
    """Unit reader: hundredths of a currency at ``pos`` ("36 cents", "50p", "99 pence"); "p" and
    "pence" are British, "euro cents" European, other cents American."""
    cm = CENTS_AFTER.match(text, pos)
    if cm is None:
        return None
    word = (cm.group("w") or "p").lower()
    currency = "GBP" if word in ("p", "pence") else "EUR" if word.startswith("euro") else "USD"
    scale = "p" if word == "p" else "pence" if word == "pence" else "cents"
    return UnitRead("cents", "currency", currency, cm.end(), "w" if cm.group("w") else "p", scale)


def fits_cents(u: UnitRead, n1: Num, n2: Num | None, last: Num) -> bool:
    """Hundredths are written in digits without a scale; a glued "p" only after a whole number
    below 100 and not at a range's end ("50p", but "1080p" is a video format)."""
    return n1.scale is None and not n1.spelled and (
        u.form == "w" or (n1.integer and n1.value < 100 and n2 is None))


def read_currency(text: str, start: int, pos: int) -> UnitRead | None:
    """Unit reader: a currency word, code or sign after the number at ``pos`` ("500 dollars",
    "40 GBP", "5€"). A bare "pound(s)" has the form "pound": money only with a scale word."""
    wm = _CUR_WORD_AFTER.match(text, pos)
    if wm is None:
        return None
    w = wm.group("w")
    form = "w"
    if w:
        lw = re.sub(r"\s+", " ", w.lower())
        if lw.startswith("pound") and "sterling" not in lw:
            form = "pound"
        currency = "CHF" if lw.endswith("francs") else CUR_WORDS.get(lw, "USD")
    elif wm.group("c"):
        form = "c"
        code = wm.group("c")
        currency = CODE_ISO.get(code, code)
    else:
        form = "s"
        currency = CUR_SIGNS_AFTER[wm.group("s")]
    return UnitRead("currency", "currency", currency, wm.end(), form)


def fits_currency(u: UnitRead, n1: Num, n2: Num | None, last: Num) -> bool:
    """A bare "pounds" is money only with a scale word ("3 million pounds"); "150 pounds" weighs."""
    return u.form != "pound" or (last.scale or n1.scale) is not None
