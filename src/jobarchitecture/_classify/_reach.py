"""``to_reach``: the fewest rating changes that make a rule give another level."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence

from .._errors import (
    JobArchitectureError,
    RuleError,
    UnknownLevelError,
)
from .._model import Level, _norm
from ._rules import Rule

#: Searching all rating changes for a third-party rule stops beyond this many candidates.
SEARCH_BUDGET = 200_000


# to_reach ------------------------------------------------------------------


def _target_rank(scale: Sequence[str], target: str | Level) -> int:
    name = target.code if isinstance(target, Level) else target
    for i, code in enumerate(scale):
        if code == name:
            return i
    folded = {_norm(code): i for i, code in enumerate(scale)}
    if isinstance(name, str) and _norm(name) in folded:
        return folded[_norm(name)]
    import difflib  # only on the error path: 2 ms of a cold start

    match = difflib.get_close_matches(_norm(str(name)), list(folded), n=1, cutoff=0.5)
    raise UnknownLevelError(str(name), tuple(scale), scale[folded[match[0]]] if match else None)


def _reaches(
    current: Sequence[tuple[int, int] | None],
    weights: Sequence[float],
    rule: Rule,
    t: int,
    changed: Mapping[int, int],
) -> bool:
    lows: list[int] = []
    highs: list[int] = []
    ws: list[float] = []
    for i, cur in enumerate(current):
        if i in changed:
            lo = hi = changed[i]
        elif cur is None:
            continue
        else:
            lo, hi = cur
        lows.append(lo)
        highs.append(hi)
        ws.append(weights[i])
    if not lows:
        return False
    try:
        return bool(rule(lows, ws) == t and (lows == highs or rule(highs, ws) == t))
    except JobArchitectureError:
        return False  # a rule may refuse some rating sets; those do not reach


def _fewest_changes(
    current: Sequence[tuple[int, int] | None],
    weights: Sequence[float],
    rule: Rule,
    t: int,
) -> list[int] | None:
    """The fewest criteria to set to *t* so that *rule* gives *t*, for the built-in rules.

    Why this is exact for them: (1) if some changes reach *t*, setting each
    changed criterion to *t* instead also does (for the order-statistic rules a
    rating moved to *t* only helps "at least t" and "at most t"; for the mode it
    adds to t's count and takes from a rival's); so every change goes to *t*.
    (2) Criteria with the same current rating differ only in weight, and a
    heavier one helps at least as much, so within such a group the heaviest go
    first. What remains is how many to take from each group, tried in order of
    the total.
    """
    groups: dict[tuple[int, int] | None, list[int]] = {}
    for i, cur in enumerate(current):
        if cur != (t, t):
            groups.setdefault(cur, []).append(i)
    members = [sorted(g, key=lambda i: (-weights[i], i)) for g in groups.values()]
    sizes = [len(g) for g in members]
    for total in range(sum(sizes) + 1):
        for counts in _compositions(total, sizes):
            chosen = [i for g, n in zip(members, counts, strict=True) for i in g[:n]]
            if _reaches(current, weights, rule, t, dict.fromkeys(chosen, t)):
                return chosen
    return None


def _compositions(total: int, sizes: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Every tuple of counts with 0 <= counts[i] <= sizes[i] summing to *total*."""
    if not sizes:
        if total == 0:
            yield ()
        return
    rest = sum(sizes[1:])
    for first in range(max(0, total - rest), min(sizes[0], total) + 1):
        for tail in _compositions(total - first, sizes[1:]):
            yield (first, *tail)


def _search_changes(
    current: Sequence[tuple[int, int] | None],
    weights: Sequence[float],
    rule: Rule,
    t: int,
    n: int,
) -> list[int] | None:
    """Exhaustive search for a rule whose structure is unknown: every subset, every level."""
    m = len(current)
    if (n + 1) ** m > SEARCH_BUDGET:
        raise RuleError(
            rule.name,
            f"to_reach searches all rating changes for a third-party rule, and "
            f"{m} criteria x {n} levels exceed the budget of {SEARCH_BUDGET:,} candidates",
        )
    for k in range(m + 1):
        for subset in itertools.combinations(range(m), k):
            options = [[r for r in range(n) if current[i] != (r, r)] for i in subset]
            for levels in itertools.product(*options):
                changed = dict(zip(subset, levels, strict=True))
                if _reaches(current, weights, rule, t, changed):
                    return list(subset)
    return None
