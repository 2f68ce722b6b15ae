"""An edition's numbers worked out once per data set.

Building one edition asks the engine for the same numbers several times (the scorecards of both windows,
the yearly points, the status history, the changes since the year before: the bundle, the summary, the
overview and the target pages each ask), and the build asks for them once in the build process, which
hands the data set to the editions' notebooks with its numbers (editions/pipeline.py): each is worked
out once. The results are kept on the Dataset object itself, so another data set (a scenario's, an
import's, each a Dataset of its own) never sees them: a Dataset's tables are not changed once the engine
has read them (dataclasses.replace makes a changed copy, with no numbers). Each caller gets its own copy
of a result, free to change it.
"""
from __future__ import annotations

import copy
import functools

_ATTR = "_engine_numbers"


def per_dataset(fn):
    """Memoise fn(ds, *args) on ds (args hashable); the caller gets a deep copy. A call with keyword
    arguments (another data set to compare with, code versions) is worked out each time."""

    @functools.wraps(fn)
    def wrapper(ds, *args, **kwargs):
        if kwargs:
            return fn(ds, *args, **kwargs)
        store = ds.__dict__.setdefault(_ATTR, {})
        key = (fn.__module__, fn.__qualname__, args)
        if key not in store:
            store[key] = fn(ds, *args, **kwargs)
        return copy.deepcopy(store[key])

    return wrapper
