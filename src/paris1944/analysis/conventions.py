"""The conventions (data/conventions.csv): how each kind of expression becomes
a range of days or of figures, under a strict, a default and a loose variant.

Nothing here chooses a number: every number comes from the table, and a
window is always a convention applied to what the source states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..evidence import package

VARIANTS = ("strict", "default", "loose")
DEFAULT = "default"


def parse_parameter(text: str) -> tuple[float, ...] | None:
    """'' -> None, '10' -> (10.0,), '2-5' -> (2.0, 5.0); anything else is an error."""
    text = (text or "").strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?", text)
    if not m:
        raise ValueError(f"expected a number or a range like 2-5, found {text!r}")
    low = float(m.group(1))
    if m.group(2) is None:
        return (low,)
    high = float(m.group(2))
    if high < low:
        raise ValueError(f"the range {text!r} runs backwards")
    return (low, high)


@dataclass(frozen=True)
class Convention:
    key: str
    applies_to: str
    rule: str
    parameter: str
    values: dict[str, tuple[float, ...] | None]  # variant -> parsed parameter

    def value(self, variant: str) -> tuple[float, ...] | None:
        return self.values[variant]

    def number(self, variant: str) -> float:
        """The single number of this convention under a variant."""
        v = self.values[variant]
        if v is None or len(v) != 1:
            raise ValueError(f"convention {self.key!r} has no single number under {variant!r}")
        return v[0]

    def varies(self) -> bool:
        """Whether the variants differ: a finding that rests on this convention depends on the choice."""
        return len({self.values[v] for v in VARIANTS}) > 1


class Conventions:
    """The conventions table, keyed by convention."""

    def __init__(self, rows):
        self.by_key = {
            r.convention: Convention(r.convention, r.applies_to, r.rule, r.parameter, {v: parse_parameter(getattr(r, v)) for v in VARIANTS})
            for r in rows
        }

    @classmethod
    def read(cls, data_dir: Path | None = None) -> Conventions:
        return cls(package.records("conventions", data_dir))

    def __getitem__(self, key: str) -> Convention:
        return self.by_key[key]

    def __contains__(self, key: str) -> bool:
        return key in self.by_key

    def number(self, key: str, variant: str) -> float:
        return self.by_key[key].number(variant)

    def value(self, key: str, variant: str) -> tuple[float, ...] | None:
        return self.by_key[key].value(variant)
