"""``--format junit``: JUnit XML for CI systems that chart tests (GitLab, Jenkins, Azure, CircleCI).

One ``testsuite`` per document, one ``testcase`` per claim and per finding:

- a verdict or finding kind in ``--fail-on`` is a ``<failure>`` (so the test report and the exit
  code agree);
- otherwise ``unavailable`` is ``<skipped>`` (it could not be checked, which is not a pass);
- everything else passes, its message in ``<system-out>`` when there is one.

Test names leave out line numbers (figure + start of the sentence, or finding kind + key) because
CI systems track a test's history by name, and moving a paragraph should not make a new test.
The line is in the ``file``/``line`` attributes that GitLab and Jenkins read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..config import Options
from ..model import Claim, Document, Finding, RunResult
from .quote import display_sentence
from .sarif import claim_message, find_repo_root, repo_relative

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(s: str) -> str:
    """Strip characters XML 1.0 cannot carry at all (escaping does not help for these)."""
    return _XML_BAD.sub("", s)


def _short(s: str, n: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _claim_case(doc: Document, path: str, c: Claim, fail_on: tuple[str, ...]) -> tuple[ET.Element, str]:
    sentence = display_sentence(doc, c)  # inline code kept: "`make test` takes 45%", not "takes 45%"
    case = ET.Element("testcase", {
        "classname": _clean(path),
        "name": _clean(f"{c.quantity.text}: {_short(sentence)}"),
        "file": _clean(path), "line": str(c.line), "time": "0",
    })
    verdict = c.verdict or "unchecked"
    msg = _clean(claim_message(c))
    if verdict in fail_on:
        el = ET.SubElement(case, "failure", {"type": verdict, "message": _clean(_short(msg.split("\n")[0], 200))})
        el.text = _clean(f"{path}:{c.line}:{c.column}: {verdict}\n{msg}\nSentence: {sentence}")
        return case, "failure"
    if verdict == "unavailable":
        ET.SubElement(case, "skipped", {"message": _clean(_short(msg.split("\n")[0], 200))})
        return case, "skipped"
    out = ET.SubElement(case, "system-out")
    out.text = f"{verdict}: {msg}"
    return case, "pass"


def _finding_case(path: str, f: Finding, fail_on: tuple[str, ...]) -> tuple[ET.Element, str]:
    case = ET.Element("testcase", {
        "classname": _clean(path),
        "name": _clean(f"{f.kind}" + (f" [{f.key}]" if f.key else "")),
        "file": _clean(path), "line": str(f.line), "time": "0",
    })
    if f.kind in fail_on:
        el = ET.SubElement(case, "failure", {"type": f.kind, "message": _clean(_short(f.message, 200))})
        el.text = _clean(f"{path}:{f.line}:{f.column}: {f.kind}\n{f.message}")
        return case, "failure"
    out = ET.SubElement(case, "system-out")
    out.text = _clean(f.message)
    return case, "pass"


def render(result: RunResult, options: Options) -> str:
    """The JUnit XML document (``<testsuites>`` root)."""
    fail_on = tuple(options.fail_on)
    root_dir = find_repo_root()
    suites = ET.Element("testsuites", {"name": "claimledger"})
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for doc in result.documents:
        path = repo_relative(doc.path, root_dir) or doc.path
        suite = ET.SubElement(suites, "testsuite", {"name": _clean(path), "timestamp": result.started_at or ""})
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        cases = [_claim_case(doc, path, c, fail_on) for c in doc.claims]
        cases += [_finding_case(path, f, fail_on) for f in doc.findings]
        for case, outcome in cases:
            suite.append(case)
            counts["tests"] += 1
            if outcome == "failure":
                counts["failures"] += 1
            elif outcome == "skipped":
                counts["skipped"] += 1
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
        suite.set("errors", "0")
        suite.set("time", "0")
    for k, v in totals.items():
        suites.set(k, str(v))
    suites.set("errors", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
