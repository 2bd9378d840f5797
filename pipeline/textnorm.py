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
TEXTNORM_VERSION = "3"
_MIDDOT_DECIMAL = re.compile(r"(?<=\d)[\u00b7\u2219\u22c5](?=\d)")  # "1·7 billion" (Lancet style)
#: numeric character references left in text files ("aged &#8805;85 years" in exported abstracts)
_NUMERIC_ENTITY = re.compile(r"&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});")
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_SPACES = re.compile(r"[ \t\f\v]+")
_BLANKS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFKC, ligatures, odd spaces, soft hyphens, curly quotes; collapse runs of spaces.

    En and em dashes are kept (they separate clauses as well as ranges; the figure grammar reads
    them in ranges), everything else that only differs typographically is folded.
    """
    if "&#" in text:
        text = _NUMERIC_ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    text = _MIDDOT_DECIMAL.sub(".", text)
    text = _HYPHEN_BREAK.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()
