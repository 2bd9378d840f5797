"""INDEX_VERSION is bumped by hand, and this test says when (issue 17, "a cache trap").

It used to be a hash of five source files taken at import, so editing a comment invalidated every
saved index on every user's machine. Now it is a constant, and two fingerprints recorded next to it
(``match.INDEX_CHECKED``) catch the changes that must bump it:

* the saved form: the code that writes and reads an index (``SourceIndex.to_data`` /
  ``from_data``, ``_q_row`` / ``_q_from``, as syntax trees, so comments and docstrings do not
  count) and the fields of ``Quantity`` and ``Passage`` that rows are built from by position;
* what an index holds: the saved index of a reference text, so a change of the figure grammar,
  the sentence splitter or the normalisation that alters it shows up too.

When either differs, bump INDEX_VERSION and write the new tuple the failure message gives.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import inspect
import json
import textwrap

from pipeline import match
from pipeline.model import Quantity

#: figures of every kind, ranges, hedges, a dateline and a "respectively" list, over paragraphs
REFERENCE_TEXT = """Published 12 March 2024. The survey of 1,200 firms found that 62% of CEOs chose growth.

Revenue rose from $1.2 million to about $2.5 billion, roughly two-thirds of the target; one in four
firms doubled it. Costs fell 3-5 percent in 2023 and by 0.8 percentage points after three weeks.

Median incubation was 4.6 days (95% CI 3.1-6.2). The pilot cut 1,200 jobs, or 8% of staff, and
reached over 10 billion tokens per month by 2028. Rates were 12%, 18% and 25%, respectively.
"""


def _without_docstring(fn: ast.AST) -> ast.AST:
    body = getattr(fn, "body", None)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        fn.body = body[1:]  # type: ignore[attr-defined]
    return fn


def saved_form() -> str:
    """A canonical description of the saved index's shape (syntax, not text: comments don't count)."""
    parts = []
    for obj in (match.SourceIndex.to_data, match.SourceIndex.from_data, match._q_row, match._q_from):
        tree = ast.parse(textwrap.dedent(inspect.getsource(obj)))
        fn = _without_docstring(tree.body[0])
        fn.decorator_list = []  # type: ignore[attr-defined]
        parts.append(ast.unparse(fn))  # the code as Python reads it: no comments, one layout
    parts.append(repr([f.name for f in dataclasses.fields(Quantity)]))
    parts.append(repr([f.name for f in dataclasses.fields(match.Passage)][:4]))
    return "\n".join(parts)


def _fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def test_the_saved_index_changes_only_with_a_bump() -> None:
    schema = _fingerprint(saved_form())
    sample = _fingerprint(json.dumps(match.SourceIndex.build(REFERENCE_TEXT).to_data(), sort_keys=True))
    now = (match.INDEX_VERSION, schema, sample)
    recorded = match.INDEX_CHECKED
    assert recorded[0] == match.INDEX_VERSION, (
        f"INDEX_CHECKED records version {recorded[0]!r} but INDEX_VERSION is {match.INDEX_VERSION!r}: "
        f"after checking what changed, set INDEX_CHECKED = {now!r}")
    what = [name for name, old, new in (("the saved form (to_data/_q_row and friends)", recorded[1], schema),
                                        ("the index of the reference text (grammar, splitter, normalisation)",
                                         recorded[2], sample)) if old != new]
    bumped = str(int(match.INDEX_VERSION) + 1)
    assert not what, (
        f"{' and '.join(what)} changed: saved indexes of version {match.INDEX_VERSION} no longer fit. "
        f"In pipeline/match.py set INDEX_VERSION = {bumped!r} and INDEX_CHECKED = {(bumped, schema, sample)!r}")


def test_the_fingerprint_ignores_comments_and_sees_code() -> None:
    """What the test relies on: a docstring or a comment leaves the saved form as it was, a
    changed row does not."""
    source = textwrap.dedent(inspect.getsource(match._q_row))
    edited = source.replace(":\n", ':\n    """A docstring."""  # and a comment\n', 1)
    changed = source.replace("q.dimension]", "q.dimension, q.text]")
    assert changed != source
    dump = [ast.unparse(_without_docstring(ast.parse(s).body[0])) for s in (source, edited, changed)]
    assert dump[0] == dump[1] != dump[2]
