"""Values kept in a DataFrame's `attrs` that pandas need not copy.

pandas deep-copies a frame's attrs into every frame derived from it (each filter, sort, column, merge).
The values this code keeps there (the indicators' names, the years a target has a figure) are set once
and only read, so every derived frame may share the one object: the deep copies were a tenth of the
bundle's time and of the charts'.
"""
from __future__ import annotations


class Shared(dict):
    """A dict that a deep copy returns as it is (never change one after putting it in `attrs`)."""

    def __deepcopy__(self, memo: dict) -> Shared:
        return self
