"""A hand-built RunResult for the HTML report's tests.

The report is a formatter over the result model, so its tests build that model directly rather
than run the pipeline: the tests then pin the report's behaviour, not the extractor's or judge's,
and they include hostile content (a source excerpt with ``<script>``, a draft with an ``onerror``
image) that no well-behaved pipeline stage would be asked to produce on purpose.
"""

from __future__ import annotations

from pipeline.model import (
    Citation,
    Claim,
    Document,
    Evidence,
    Quantity,
    Reference,
    RunResult,
    Source,
)

SOURCE_SCRIPT = "<script>window.__pwned=1</script>"
DRAFT_IMG = '<img src=x onerror="window.__pwned=2">'
DRAFT_SCRIPT = '<script>document.title="pwned"</script>'

MARKDOWN_DRAFT = f"""# Growth report

Most leaders are optimistic: 64% of CEOs chose growth [7]. Revenue rose to **$200,000** last year [3].

About 60% of firms hired more staff [3]. The market will reach $5 billion soon [5].

Nobody knows why 42% of interns quit.

Injected: {DRAFT_IMG} and {DRAFT_SCRIPT} sit beside 17 apples [8]. See [the survey](https://example.org/survey).

## References

[3] Annual survey. https://example.org/survey
[5] Market study. https://example.com/market
[7] CEO outlook 2024. https://example.net/ceo
[8] Evil page. https://evil.example/page
"""

TEXT_DRAFT = "Sales grew 12% in the year [1].\nThat was a record.\n\nCosts doubled, per the survey [1].\n"

HTML_DRAFT = (
    "<!doctype html><html><head><title>Costs</title><script>window.__pwned=3</script></head>"
    '<body><h1>Costs</h1>\n<p onclick="window.__pwned=4">Costs fell 8% last year [1].</p>\n'
    "<p>A second paragraph.</p></body></html>\n"
)


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int, int, int]:
    """(line, column, end_line, end_column), 1-based inclusive, of `needle` in `text`."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    end = start + len(needle) - 1

    def lc(offset: int) -> tuple[int, int]:
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    return (*lc(start), *lc(end))


def claim(
    text: str,
    figure: str,
    verdict: str | None,
    keys: tuple[str, ...] = (),
    *,
    n: int = 0,
    evidence: Evidence | None = None,
    suggestion: str | None = None,
    message: str | None = None,
    sentence: str | None = None,
) -> Claim:
    line, col, end_line, end_col = position(text, figure)
    return Claim(
        id=f"claim-{n}",
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        sentence=sentence or figure,
        quantity=Quantity(text=figure, kind="percent", low=1.0, high=1.0),
        citations=[Citation(key=k, scope="sentence") for k in keys],
        verdict=verdict,  # type: ignore[arg-type]
        confidence=0.9 if verdict else None,
        evidence=evidence,
        suggestion=suggestion,
        message=message,
    )


def markdown_document() -> Document:
    t = MARKDOWN_DRAFT
    claims = [
        claim(t, "64%", "misquote", ("7",), n=1, suggestion="62%",
              sentence="Most leaders are optimistic: 64% of CEOs chose growth [7].",
              message="source [7] says 62%, the draft says 64%",
              evidence=Evidence("7", "https://example.net/ceo", "In 2024, 62% of CEOs chose growth over cost.",
                                "62%", 91.5)),
        claim(t, "$200,000", "verified", ("3",), n=2, message="source [3] states $200,000",
              evidence=Evidence("3", "https://example.org/survey",
                                f"Revenue rose to $200,000 {SOURCE_SCRIPT} in the year.", "$200,000", 99.0)),
        claim(t, "About 60%", "approximate", ("3",), n=3, message="source [3] says 61.7%",
              evidence=Evidence("3", "https://example.org/survey", "Some 61.7% of firms hired.", "61.7%", 80.0)),
        claim(t, "$5 billion", "unavailable", ("5",), n=4,
              message="no cited source could be read: [5] HTTP 503"),
        claim(t, "42%", "uncited", (), n=5, message="no citation"),
        claim(t, "17 apples", "not_found", ("8",), n=6, message="the cited source does not state 17 apples"),
    ]
    refs = [
        Reference("3", 13, "Annual survey.", "https://example.org/survey", "ok"),
        Reference("5", 14, "Market study.", "https://example.com/market", "error"),
        Reference("7", 15, "CEO outlook 2024.", "https://example.net/ceo", "ok"),
        Reference("8", 16, "Evil page.", "https://evil.example/page", "ok"),
    ]
    return Document(path="drafts/issue-12.md", sha256="a" * 64, text=t, format="markdown",
                    claims=claims, references=refs)


def text_document() -> Document:
    t = TEXT_DRAFT
    return Document(
        path="drafts/plain.txt", sha256="b" * 64, text=t, format="text",
        claims=[claim(t, "12%", "verified", ("1",), n=7, message="ok"),
                claim(t, "doubled", "not_found", ("1",), n=8, message="not stated")],
        references=[Reference("1", 9, "Survey", "https://example.org/survey", "ok")],
    )


def html_document() -> Document:
    t = HTML_DRAFT
    return Document(
        path="drafts/costs.html", sha256="c" * 64, text=t, format="html",
        claims=[claim(t, "8%", "approximate", ("1",), n=9, message="source says 8.2%")],
        references=[Reference("1", 1, "Costs data", "data/costs.csv", "ok")],
    )


def sources() -> list[Source]:
    return [
        Source("https://example.org/survey", "ok", final_url="https://example.org/survey", from_cache=True,
               http_status=200, content_type="text/html", sha256="1" * 64, text="..."),
        Source("https://example.com/market", "error", http_status=503, from_cache=False,
               error="HTTP 503 Service Unavailable"),
        Source("https://example.net/ceo", "ok", from_cache=False, http_status=200, content_type="text/html",
               sha256="2" * 64, text="..."),
        Source("https://evil.example/page", "ok", from_cache=False, http_status=200, content_type="text/html",
               sha256="3" * 64, title=SOURCE_SCRIPT, text="..."),
        Source("data/costs.csv", "ok", from_cache=False, sha256="4" * 64, text="..."),
    ]


def make_result(*, multi: bool = True) -> RunResult:
    """The report under test: the hostile Markdown draft, plus a text and an HTML draft if `multi`."""
    docs = [markdown_document()]
    if multi:
        docs += [text_document(), html_document()]
    return RunResult(run_id="run-1", started_at="2025-03-01T10:00:00+00:00",
                     finished_at="2025-03-01T10:00:05+00:00", tool_version="0.1.0",
                     documents=docs, sources=sources())
