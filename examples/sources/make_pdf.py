"""Generate ``pilot-to-production-costs.pdf``, the demo's one PDF source (reference [3]).

The PDF is committed, so the demo runs without reportlab; this script documents how it was made
and lets anyone regenerate it. It is deliberately small but shaped like a real report, because PDF
text extraction is where figures get mangled:

- two pages, with the cited figures on both, so a reader that stops at page one fails visibly;
- lines broken by hand, including one word hyphenated across a line break ("develop-/ment") in the
  sentence that carries the 1.5-2x figure, so the reader must undo end-of-line hyphenation;
- "fi" written as the U+FB01 ligature glyph ("ﬁgures", "ﬁnance") when a Unicode TrueType font is
  available, as typeset PDFs do, so the reader must fold ligatures (NFKC) before matching.

``invariant=1`` keeps the bytes reproducible (no timestamp or random document id).

Run: ``.venv/bin/python examples/sources/make_pdf.py``
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

OUT = Path(__file__).with_name("pilot-to-production-costs.pdf")
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
)
FI = "\ufb01"

TITLE = "From Pilot to Production: What Deployment Really Costs"
PAGE_ONE = [
    "Demo stand-in: this report restates the figures as the Production Valley",
    "newsletter reports them. It is not the original publication, and its",
    "wording is ours.",
    "",
    "Budgets for artificial intelligence are usually set at the pilot stage, and",
    "that is where the trouble starts. A pilot that cost $200,000 to develop can",
    "easily require $1-2 million to bring to production. A pilot that cost",
    "$1 million can require $5-$10 million for production deployment.",
    "",
    f"These {FI}gures are not scope creep. They are the actual cost of building",
    "production-grade systems, and they are predictable to anyone who has done",
    "it before.",
]
PAGE_TWO = [
    "Operations, not development, dominate the bill",
    "",
    "Production requires model performance monitoring, drift detection,",
    "alerting, incident response and on-call engineering. This operational",
    "overhead drives operations costs 1.5-2x higher than develop-",
    "ment, and it rarely appears in the business case of a pilot.",
    "",
    f"{FI.capitalize()}nance teams that plan for the whole lifecycle approve fewer pilots but",
    "see more of them reach production.",
]


def _font() -> tuple[str, bool]:
    """Return a font name and whether it can draw the ligature glyph.

    The standard Helvetica of reportlab cannot encode U+FB01, so without a TrueType font the
    script falls back to plain "fi": the PDF then still tests hyphenation, just not ligatures.
    """
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            pdfmetrics.registerFont(TTFont("DemoSans", candidate))
            return "DemoSans", True
    return "Helvetica", False


def _draw_page(pdf: canvas.Canvas, font: str, heading: str, lines: list[str], page: int) -> None:
    """Draw one page: a heading, the body lines as given, and a page number at the foot."""
    pdf.setFont(font, 15)
    pdf.drawString(60, 780, heading)
    pdf.setFont(font, 11)
    y = 750.0
    for line in lines:
        pdf.drawString(60, y, line)
        y -= 16
    pdf.setFont(font, 9)
    pdf.drawString(290, 40, f"page {page}")
    pdf.showPage()


def main() -> None:
    """Write the PDF next to this script."""
    font, has_ligature = _font()

    def fold(lines: list[str]) -> list[str]:
        return lines if has_ligature else [line.replace(FI, "fi") for line in lines]

    pdf = canvas.Canvas(str(OUT), pagesize=A4, invariant=1)
    pdf.setTitle(TITLE)
    pdf.setAuthor("claimledger demo (stand-in)")
    _draw_page(pdf, font, TITLE, fold(PAGE_ONE), 1)
    _draw_page(pdf, font, fold(PAGE_TWO)[0], fold(PAGE_TWO)[2:], 2)
    pdf.save()
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, ligatures: {has_ligature})")


if __name__ == "__main__":
    main()
