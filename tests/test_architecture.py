"""ARCHITECTURE.md names only what exists (issue 17: it named `load_config`, `DraftTooLarge`,
`parse_references` and `Ledger.record`, none of which did).

Every backticked name in the table's *public API* column is imported from the module(s) of its
row (``model.py`` -> ``pipeline.model``, ``report/`` -> ``pipeline.report``; ``Cache.get`` is an
attribute of ``Cache``, ``app.exit_code`` a name in the submodule ``app``), and every
``pipeline.x.y`` written anywhere in the document resolves. Generic on purpose: a row added or
renamed is checked the same way.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
DOC = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
NAME = re.compile(r"[A-Za-z_][\w.]*")


def _rows() -> list[tuple[list[str], list[str]]]:
    """(modules, API names) per row of the module table."""
    rows = []
    for line in DOC.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("| `") else []
        if len(cells) < 3:
            continue
        modules = re.findall(r"`([\w/]+(?:\.py|/))`", cells[0])
        names = [m.group(0) for span in re.findall(r"`([^`]+)`", " | ".join(cells[2:]))
                 if (m := NAME.match(span)) is not None]
        rows.append((modules, names))
    return rows


def _module(name: str) -> ModuleType:
    return importlib.import_module("pipeline." + name.removesuffix(".py").removesuffix("/").replace("/", "."))


def _resolve(module: ModuleType, dotted: str) -> bool:
    obj: object = module
    for i, part in enumerate(dotted.split(".")):
        if not hasattr(obj, part) and isinstance(obj, ModuleType):
            try:  # a submodule not imported yet (`app.exit_code` in pipeline.cli)
                importlib.import_module(f"{obj.__name__}.{part}")
            except ModuleNotFoundError:
                return False
        if not hasattr(obj, part):
            # a dataclass field with a default_factory (slots) is still a member of the class
            fields = getattr(obj, "__dataclass_fields__", {})
            return part in fields and i == len(dotted.split(".")) - 1
        obj = getattr(obj, part)
    return True


ROWS = _rows()


def test_the_table_is_there() -> None:
    assert len(ROWS) >= 20
    assert all(mods for mods, _ in ROWS)


@pytest.mark.parametrize(("modules", "names"), ROWS, ids=[" ".join(m) for m, _ in ROWS])
def test_every_public_name_in_the_table_exists(modules: list[str], names: list[str]) -> None:
    loaded = [_module(m) for m in modules]
    missing = [n for n in names if not any(_resolve(m, n) for m in loaded)]
    assert not missing, f"ARCHITECTURE.md names what {', '.join(modules)} does not have: {missing}"


def test_every_dotted_pipeline_name_resolves() -> None:
    for dotted in set(re.findall(r"`(pipeline(?:\.\w+)+)`", DOC)):
        parts = dotted.split(".")
        for cut in range(len(parts), 1, -1):  # the longest importable module, then attributes
            try:
                module = importlib.import_module(".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            assert _resolve(module, ".".join(parts[cut:])) if parts[cut:] else True, dotted
            break
        else:
            raise AssertionError(f"{dotted}: no such module")


def test_the_names_the_issue_found_are_gone() -> None:
    """The drift that started this test (issue 17); each is also caught by the tests above."""
    for stale in ("load_config", "DraftTooLarge", "parse_references", "Ledger.record"):
        assert f"`{stale}" not in DOC, stale
