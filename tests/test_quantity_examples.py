"""The figure grammar's example files, one per dimension (``tests/quantities/examples/``), run by
one test; the format is in that folder's README.md. A failure is named by file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.dimensions import infer_dimension
from pipeline.quantities import find_quantities

EXAMPLES = Path(__file__).parent / "quantities" / "examples"
#: the dimension modules of pipeline/quantities/, each of which must have its own examples
DIMENSIONS = ("percent", "money", "duration", "measure", "proportion", "multiplier", "year", "age",
              "rating", "count", "rates")


@dataclass(frozen=True)
class Figure:
    """One expected figure: what an ``->`` line says."""

    text: str
    kind: str
    low: float
    high: float
    unit: str | None
    qualifier: str | None
    scale: str | None = None
    per: str | None = None
    #: what the figure measures; absent: what its kind and unit imply (dimensions.infer_dimension)
    dimension: str | None = None


@dataclass(frozen=True)
class Example:
    path: Path
    line: int
    sentence: str
    figures: tuple[Figure, ...]
    none: bool  # the file says "-> none"


def _none_if_dash(s: str) -> str | None:
    return None if s == "-" else s


def _figure(spec: str, where: str) -> Figure:
    cols = [c.strip() for c in spec.split(" | ")]
    if len(cols) not in (5, 6):
        raise ValueError(f"{where}: expected 'text | kind | value | unit | qualifier [| extras]', got {spec!r}")
    text, kind, value, unit, qualifier = cols[:5]
    low_s, _, high_s = value.partition("..")
    extras: dict[str, str] = {}
    for item in (cols[5].split() if len(cols) == 6 else []):
        key, sep, val = item.partition("=")
        if not sep or key not in ("scale", "per", "dim"):
            raise ValueError(f"{where}: unknown extra {item!r} (scale=..., per=... or dim=...)")
        extras[key] = val
    return Figure(text, kind, float(low_s), float(high_s or low_s), _none_if_dash(unit),
                  _none_if_dash(qualifier), extras.get("scale"), extras.get("per"), extras.get("dim"))


def load(path: Path) -> list[Example]:
    """The examples of one file, in order; a malformed line raises ValueError naming it."""
    examples: list[Example] = []
    current: tuple[int, str] | None = None
    figures: list[Figure] = []
    none = False

    def close() -> None:
        if current is None:
            return
        if not figures and not none:
            raise ValueError(f"{path.name}:{current[0]}: a sentence without '->' lines (write '-> none')")
        examples.append(Example(path, current[0], current[1], tuple(figures), none))

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        stripped = line.strip()
        if stripped.startswith("->"):
            spec = stripped[2:].strip()
            if current is None:
                raise ValueError(f"{path.name}:{number}: '->' line before any sentence")
            if spec == "none":
                if figures:
                    raise ValueError(f"{path.name}:{number}: '-> none' after figures")
                none = True
            elif none:
                raise ValueError(f"{path.name}:{number}: a figure after '-> none'")
            else:
                figures.append(_figure(spec, f"{path.name}:{number}"))
            continue
        close()
        current, figures, none = (number, line), [], False
    close()
    return examples


def _all_examples() -> list[Example]:
    return [ex for path in sorted(EXAMPLES.glob("*.txt")) for ex in load(path)]


ALL = _all_examples()


@pytest.mark.parametrize("ex", ALL, ids=[f"{ex.path.stem}:{ex.line}" for ex in ALL])
def test_example(ex: Example) -> None:
    qs = find_quantities(ex.sentence)
    got = [(q.text, q.kind, q.unit, q.qualifier, q.scale, q.per, q.dimension) for q in qs]
    want = [(f.text, f.kind, f.unit, f.qualifier, f.scale, f.per, f.dimension or infer_dimension(f.kind, f.unit))
            for f in ex.figures]
    assert got == want, f"{ex.path.name}:{ex.line}: {ex.sentence!r}"
    for q, f in zip(qs, ex.figures, strict=True):
        assert (q.low, q.high) == (pytest.approx(f.low, rel=1e-9), pytest.approx(f.high, rel=1e-9)), q
        assert q.approx == (f.qualifier is not None)
        assert ex.sentence[q.start:q.end] == q.text


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_every_dimension_has_its_examples(dimension: str) -> None:
    """Ten sentences with a figure at least, and the module the file is named after exists."""
    assert (Path(__file__).parents[1] / "pipeline" / "quantities" / f"{dimension}.py").is_file()
    path = EXAMPLES / f"{dimension}.txt"
    assert path.is_file(), f"no examples for {dimension}"
    assert sum(1 for ex in load(path) if ex.figures) >= 10


def test_a_malformed_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("A sentence with no expectation.\nAnother.\n  -> none\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.txt:1"):
        load(bad)
    bad.write_text("It rose 5%.\n  -> 5% | percent | 5 | %\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.txt:2"):
        load(bad)
