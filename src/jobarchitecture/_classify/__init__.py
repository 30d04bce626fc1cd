"""``classify()``: ratings of a family's criteria to a level, with the evidence.

A rating names a level per criterion (by code, name or alias, any case), or a
span of adjacent levels when a rater cannot decide. A rule (``_rules``) combines
the ranks into one level; for span ratings it is applied to the lower ends and to
the upper ends. The result keeps everything a committee needs to check it: the
descriptor text per criterion, the spread, the agreement, what was not rated,
the result areas that (RG) descriptors add, and warnings.

Cost: each family is indexed once (kept while the family lives). ``classify``
itself only resolves the ratings and applies the rule; the evidence, spread,
agreement and warnings of a result are computed the first time one of them is
read, so a caller who only wants the level pays for the level.
"""

from typing import TYPE_CHECKING, Any

from ._engine import classify, classify_many
from ._result import (
    SPAN_SEPARATOR,
    AddedResultArea,
    Classification,
    Evidence,
    Rating,
)

__all__ = [
    "SEARCH_BUDGET",
    "SPAN_SEPARATOR",
    "AddedResultArea",
    "Change",
    "Classification",
    "Evidence",
    "Rating",
    "classify",
    "classify_many",
]

if TYPE_CHECKING:
    from ._change import Change
    from ._reach import SEARCH_BUDGET


def __getattr__(name: str) -> Any:
    # What-if callers need these; a cold classify does not import them.
    if name == "Change":
        from ._change import Change

        return Change
    if name == "SEARCH_BUDGET":
        from ._reach import SEARCH_BUDGET

        return SEARCH_BUDGET
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
