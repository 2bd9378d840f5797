"""Text normalisation shared by the reader (sources) and the matcher.

Sources arrive as PDFs with ligatures and soft hyphens, web pages with non-breaking and thin spaces
between a number and its unit, and curly quotes. A figure must look the same on both sides before
the figure grammar reads it, so both sides go through :func:`normalise_text`. It keeps one output
character per meaningful input character where it can, but callers must not rely on offsets
surviving it: drafts are never normalised (their positions are the report's), only sources.
"""

from __future__ import annotations

import html
import re
import unicodedata

_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u2007": " ",  # figure space
        "\u2009": " ",  # thin space
        "\u202f": " ",  # narrow no-break space
        "\u200a": " ",  # hair space
        "\u2002": " ",
        "\u2003": " ",
        "\u3000": " ",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2212": "-",  # minus sign
        "\r": None,
    }
)
#: part of the reader's text-cache key: bump it whenever normalise_text's output changes
TEXTNORM_VERSION = "5"
_MIDDOT_DECIMAL = re.compile(r"(?<=\d)[\u00b7\u2219\u22c5](?=\d)")  # "1·7 billion" (Lancet style)
#: numeric character references left in text files ("aged &#8805;85 years" in exported abstracts)
_NUMERIC_ENTITY = re.compile(r"&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});")
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_SPACES = re.compile(r"[ \t\f\v]+")
_BLANKS = re.compile(r"\n{3,}")


#: the marks of UTF-8 read as Latin-1/cp1252 ("122â\x80¯300" for "122 300"): only then is ftfy run
_MOJIBAKE = re.compile("[\u00c2\u00c3\u00e2][\u0080-\u00bf\u20ac\u201a-\u203a\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]")


def fix_mojibake(text: str) -> str:
    """Repair text that went through a wrong decoding (abstracts exported through latin-1 turn a
    thin space between digits into "â\x80¯", and a figure into two). ftfy does this carefully; it
    is imported only when the marks are there."""
    if not _MOJIBAKE.search(text):
        return text
    import ftfy

    return ftfy.fix_text(text, normalization="NFC")


def normalise_text(text: str) -> str:
    """NFKC, ligatures, odd spaces, soft hyphens, curly quotes; collapse runs of spaces.

    En and em dashes are kept (they separate clauses as well as ranges; the figure grammar reads
    them in ranges), everything else that only differs typographically is folded. Normalising
    twice changes nothing: where mojibake was repaired, the repair can depend on what the other
    steps changed around it, so the steps repeat until the text stops changing.
    """
    out = _normalise_once(text)
    if _MOJIBAKE.search(text) or _MOJIBAKE.search(out):
        for _ in range(3):
            again = _normalise_once(out)
            if again == out:
                break
            out = again
    return out


def _normalise_once(text: str) -> str:
    text = fix_mojibake(text)
    if "&#" in text:
        text = _NUMERIC_ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    text = _MIDDOT_DECIMAL.sub(".", text)
    text = _HYPHEN_BREAK.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    # deleting soft hyphens and spaces can leave combining marks out of canonical order
    return unicodedata.normalize("NFC", _BLANKS.sub("\n\n", text).strip())
