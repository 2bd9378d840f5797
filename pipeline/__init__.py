"""claimledger: check the figures in article drafts against the sources they cite.

The package is the pipeline, one module per stage (see ARCHITECTURE.md). The public API is
re-exported here, lazily, so that `claimledger --version` does not import the world:

    >>> from pipeline import check, Options
    >>> result = check(["drafts/issue-12.md"], Options(offline=True, no_ledger=True))
    >>> [(c.quantity.text, c.verdict, c.suggestion) for _doc, c in result.claims()]
"""

from __future__ import annotations

import importlib
from typing import Any

from .__about__ import __version__

_EXPORTS = {
    "check": "run", "extract": "run", "sources": "run",
    "Options": "config", "build_options": "config",
    "RunResult": "model", "Document": "model", "Claim": "model", "Quantity": "model", "Citation": "model",
    "Reference": "model", "Evidence": "model", "Finding": "model", "Source": "model", "Verdict": "model",
    "Suppressed": "model", "BaselineOutcome": "model",
    "ClaimledgerError": "errors", "UserError": "errors", "DraftError": "errors", "ConfigError": "errors",
    "LedgerError": "errors", "GitError": "errors", "SourceFailure": "errors", "ERROR_KINDS": "errors",
    "find_quantities": "quantities", "parse_quantity": "quantities",
    "compare": "compare", "render": "report", "Ledger": "ledger",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
