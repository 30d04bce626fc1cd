"""``to_reach``: the smallest change of ratings that makes a rule give another level.

"Smallest" is defined once, here, and the exact algorithms and the exhaustive
search both order candidates by it (see :func:`change_key`):

1. the fewest level steps in total: moving a rating from level *r* to level *v*
   is ``|r - v|`` steps; a span ``lo..hi`` narrowed to *v* is
   ``(|lo - v| + |hi - v|) / 2`` steps (each end moves, a span counts half per
   end); rating a criterion that was not rated is one step;
2. then the fewest criteria changed;
3. then the earliest criteria in the family's order (the sorted positions
   compared as a sequence), then levels closest to the target, then lower levels.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Callable, Mapping, Sequence

from .._errors import (
    JobArchitectureError,
    RuleError,
    UnknownLevelError,
    closest,
)
from .._model import Level, _norm
from ._reach_mode import mode_change, mode_span_change
from ._rules import Rule, _Builtin, call, laws_of, origin_of

#: Searching all rating changes for a third-party rule stops beyond this many candidates.
SEARCH_BUDGET = 200_000

Current = Sequence[tuple[int, int] | None]
Key = tuple[int, int, tuple[int, ...], tuple[int, ...], tuple[int, ...]]

#: The rank each order-statistic rule takes from the m sorted ratings.
_ORDER_STATISTICS: dict[str, Callable[[int], int]] = {
    "lower_median": lambda m: (m - 1) // 2,
    "upper_median": lambda m: m // 2,
    "minimum": lambda m: 0,
    "maximum": lambda m: m - 1,
}


def _target_rank(scale: Sequence[str], target: str | Level) -> int:
    name = target.code if isinstance(target, Level) else target
    for i, code in enumerate(scale):
        if code == name:
            return i
    folded = {_norm(code): i for i, code in enumerate(scale)}
    if isinstance(name, str) and _norm(name) in folded:
        return folded[_norm(name)]
    raise UnknownLevelError(str(name), tuple(scale), closest(str(name), scale, _norm))


def _half_steps(cur: tuple[int, int] | None, v: int) -> int:
    """Twice the level steps of setting a rating *cur* to *v*, so that spans stay integral."""
    if cur is None:
        return 2
    return abs(cur[0] - v) + abs(cur[1] - v)


def change_key(current: Current, changed: Mapping[int, int], t: int) -> Key:
    """What "smallest" compares, smaller first: steps (doubled), count, then a stable order."""
    order = sorted(changed)
    return (
        sum(_half_steps(current[i], changed[i]) for i in order),
        len(order),
        tuple(order),
        tuple(abs(changed[i] - t) for i in order),
        tuple(changed[i] for i in order),
    )


def _ranked(rule: Rule, value: object) -> int:
    """*value* as a rank, as classify checks a rule's answer: a float ``1.0`` or a
    bool is no rank, and must not count as reaching level 1 here either."""
    if not isinstance(value, bool):
        try:
            return operator.index(value)  # type: ignore[arg-type]
        except TypeError:
            pass
    raise RuleError(rule.name, f"returned {value!r}, expected a level rank", origin_of(rule))


def _reaches(
    current: Current,
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
        return bool(
            _ranked(rule, call(rule, lows, ws)) == t
            and (lows == highs or _ranked(rule, call(rule, highs, ws)) == t)
        )
    except RuleError:
        raise  # a broken rule is reported, not taken for "unreachable"
    except JobArchitectureError:
        return False  # a rule may refuse some rating sets; those do not reach


def smallest_change(
    current: Current, weights: Sequence[float], rule: Rule, t: int, n: int
) -> dict[int, int] | None:
    """The smallest change (criterion position to new rank) making *rule* give *t*, or None.

    Polynomial for the order-statistic rules (lower and upper median, minimum,
    maximum), for ``weighted`` with equal weights (then it is the lower median)
    and with any other weights, span ratings included (:mod:`._reach_weighted`),
    and for ``mode`` without span ratings (linear in the criteria) and with
    spans of two adjacent levels (about linear: :mod:`._reach_mode`, a steepest
    descent per pair of counts at the target in :mod:`._reach_descent`); every
    other case, ``mode`` with spans over three or more levels included, is
    searched exhaustively within ``SEARCH_BUDGET`` candidates.

    Raises:
        RuleError: the exhaustive search would exceed the budget.
    """
    if _reaches(current, weights, rule, t, {}):
        return {}  # no change is the smallest change
    builtin = isinstance(rule, _Builtin)
    index = _ORDER_STATISTICS.get(rule.name) if builtin else None
    # Equal weights (zero included: the rule then counts every criterion the same).
    equal = all(w == weights[0] for w in weights)
    if builtin and rule.name == "weighted" and equal:
        index = _ORDER_STATISTICS["lower_median"]
    single = all(cur is None or cur[0] == cur[1] for cur in current)
    if builtin and rule.name == "mode":

        def by_key(changed: dict[int, int]) -> Key:
            return change_key(current, changed, t)

        if single:
            return mode_change(current, t, n, by_key)
        if all(cur is None or cur[1] - cur[0] <= 1 for cur in current):
            return mode_span_change(current, t, n, by_key)
    if builtin and rule.name == "weighted" and not equal:
        from ._reach_weighted import weighted_change  # imports this module: not at the top

        # Floats: the rule sums in its own order. The smallest of every change it may
        # accept is the smallest it accepts, if it does accept it.
        found = weighted_change(current, weights, t, rounding=-1)
        if found is None or _reaches(current, weights, rule, t, found):
            return found
        # A tie within rounding: the search decides it when it fits in the budget, else
        # the smallest change whose margin the rounding cannot undo.
        try:
            return _search(current, weights, rule, t, n)
        except RuleError:
            found = weighted_change(current, weights, t, rounding=1)
            if found is not None and _reaches(current, weights, rule, t, found):
                return found
            raise
    if builtin and index is not None:
        found = _order_statistic(current, t, index)
        # The weighted rule sums floats: confirm rather than trust the equivalence.
        if found is None or _reaches(current, weights, rule, t, found):
            return found
    return _search(current, weights, rule, t, n)


def _order_statistic(current: Current, t: int, k_of: Callable[[int], int]) -> dict[int, int] | None:
    """Exact smallest change for a rule that takes the k-th of the m sorted ratings.

    Why this is exact: the rule gives *t* for the lower ends and for the upper
    ends exactly when at most k lower ends lie below *t* and at most m-1-k upper
    ends above it (the other two bounds follow, as a lower end never exceeds its
    upper end). Setting a criterion to *t* takes it out of both counts at the
    least cost of any level that takes it out of either, so every change goes to
    *t*, and rating an unrated criterion at *t* only adds to m. What remains is
    how many criteria to take from each group (lower end below, upper end above,
    both, unrated), cheapest and then earliest first within a group; each count
    of unrated and of straddling criteria fixes the rest.
    """
    below: list[tuple[int, int]] = []  # only the lower end is below t
    above: list[tuple[int, int]] = []  # only the upper end is above t
    both: list[tuple[int, int]] = []  # a span across t
    unrated: list[int] = []
    m = 0
    for i, cur in enumerate(current):
        if cur is None:
            unrated.append(i)
            continue
        m += 1
        lo, hi = cur
        cost = _half_steps(cur, t)
        if lo < t < hi:
            both.append((cost, i))
        elif lo < t:
            below.append((cost, i))
        elif hi > t:
            above.append((cost, i))
    for group in (below, above, both):
        group.sort()
    sums = [list(itertools.accumulate((c for c, _ in g), initial=0)) for g in (below, above, both)]
    n_below, n_above = len(below) + len(both), len(above) + len(both)
    best: tuple[int, int] | None = None
    ties: list[tuple[int, int, int, int]] = []
    for u in range(len(unrated) + 1):
        size = m + u
        if size == 0:
            continue
        k = k_of(size)
        need_low = max(0, n_below - k)
        need_high = max(0, n_above - (size - 1 - k))
        for nb in range(len(both) + 1):
            take_low = max(0, need_low - nb)
            take_high = max(0, need_high - nb)
            if take_low > len(below) or take_high > len(above):
                continue
            steps = sums[0][take_low] + sums[1][take_high] + sums[2][nb] + 2 * u
            key = (steps, take_low + take_high + nb + u)
            if best is None or key < best:
                best, ties = key, []
            if key == best:
                ties.append((u, nb, take_low, take_high))
    if best is None:
        return None
    picks = [
        sorted(
            [i for _, i in below[:lo]]
            + [i for _, i in above[:hi]]
            + [i for _, i in both[:nb]]
            + unrated[:u]
        )
        for u, nb, lo, hi in ties
    ]
    return dict.fromkeys(min(picks), t)


def _search(
    current: Current, weights: Sequence[float], rule: Rule, t: int, n: int
) -> dict[int, int] | None:
    """Every rating change, each criterion kept or set to any level; the smallest that reaches.

    For a rule that declares itself order-invariant (every built-in does),
    criteria with the same rating (and weight, when the rule reads weights) are
    interchangeable: only which levels a group's criteria go to matters, not
    which criterion goes where. Each multiset of levels is tried once, given to
    the group's earliest criteria, levels closest to the target first: the
    arrangement the order of "smallest" prefers.
    """
    reads_weights = not isinstance(rule, _Builtin) or rule.weighted
    if "order_invariant" in laws_of(rule):
        groups: dict[tuple[tuple[int, int] | None, float | None], list[int]] = {}
        for i, cur in enumerate(current):
            groups.setdefault((cur, weights[i] if reads_weights else None), []).append(i)
        members = list(groups.values())
    else:
        members = [[i] for i in range(len(current))]
    # Per group: the levels its criteria may move to (index 0 of each choice = keep).
    targets = [[v for v in range(n) if current[g[0]] != (v, v)] for g in members]
    size = math.prod(
        math.comb(len(g) + len(o), len(o)) for g, o in zip(members, targets, strict=True)
    )
    if size > SEARCH_BUDGET:
        raise RuleError(
            rule.name,
            f"to_reach searches all rating changes for this rule; {len(current)} criteria "
            f"x {n} levels give {size:,} candidates, beyond the budget of {SEARCH_BUDGET:,}",
            broken=False,
        )
    choices = [
        list(itertools.combinations_with_replacement([None, *o], len(g)))
        for g, o in zip(members, targets, strict=True)
    ]
    best: tuple[Key, dict[int, int]] | None = None
    for combo in itertools.product(*choices):
        changed: dict[int, int] = {}
        for group, picked in zip(members, combo, strict=True):
            moved = sorted((v for v in picked if v is not None), key=lambda v: (abs(v - t), v))
            changed.update(zip(group, moved, strict=False))
        key = change_key(current, changed, t)
        if best is not None and key >= best[0]:
            continue
        if _reaches(current, weights, rule, t, changed):
            best = (key, changed)
    return None if best is None else best[1]
