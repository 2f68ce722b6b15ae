"""The rules each type of target is assessed by: one module per type, registered here.

Every target today is a level target (reach a value by a year), assessed by level.py. A new type
(cumulative, average_growth) is a module of its own beside level.py, with a `rules` function taking
the same aligned arrays and returning the same columns, added to RULES.
"""
from __future__ import annotations

from . import level

LEVEL = "level"
RULES = {LEVEL: level.rules}


def rules_for(target_type: str = LEVEL):
    """The rules function of a target type: (A, comparator, kind, T, Y, figures, bound) -> dict of arrays."""
    try:
        return RULES[target_type]
    except KeyError:
        raise ValueError(f"unknown target type '{target_type}'; expected one of {', '.join(RULES)}") from None
