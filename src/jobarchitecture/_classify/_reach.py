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
from collections.abc import Callable, Mapping, Sequence

from .._errors import (
    JobArchitectureError,
    RuleError,
    UnknownLevelError,
)
from .._model import Level, _norm
from ._rules import Rule, _Builtin, call, laws_of

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
    import difflib  # only on the error path: 2 ms of a cold start

    match = difflib.get_close_matches(_norm(str(name)), list(folded), n=1, cutoff=0.5)
    raise UnknownLevelError(str(name), tuple(scale), scale[folded[match[0]]] if match else None)


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
        return bool(call(rule, lows, ws) == t and (lows == highs or call(rule, highs, ws) == t))
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
    and, without span ratings, for ``mode``; every other case is searched
    exhaustively within ``SEARCH_BUDGET`` candidates.

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
    if builtin and rule.name == "mode" and single:
        return _mode(current, t, n)
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


# mode ----------------------------------------------------------------------

_State = tuple[tuple[int, int, int, int, int], tuple[int, ...]]


def _mode(current: Current, t: int, n: int) -> dict[int, int] | None:
    """Exact smallest change for the ``mode`` rule with single ratings (no spans).

    The mode gives *t* exactly when, in the final counts per level, *t* holds K
    ratings (K >= 1), every lower level fewer than K and every higher level at
    most K. A change can move a rating to *t*, or away from a crowded level to
    a level with room (cheaper than *t* when nearer), or rate an unrated
    criterion at *t*. Which criteria of one level move does not matter to the
    mode, so the earliest do. For each K (ascending, stopping once K alone costs
    more than the best found) and each number of unrated criteria used, a
    dynamic programme over the levels from low to high chooses each level's
    final count; its state is how many ratings cross to the next level (steps
    are the crossings, as ratings move along the scale). The order of
    "smallest" is kept exactly by adding up, per level, the steps, the criteria
    moved, a bit per moved criterion (earlier criteria weigh more: comparing the
    sums compares the sets in the family's order) and the arrivals' distance to
    *t*; ties are settled on the full :func:`change_key` of the rebuilt changes.
    Cost: levels x crossing states x final counts, for each K searched; bounded
    by a greedy solution's steps.
    """
    size = len(current)
    groups: list[list[int]] = [[] for _ in range(n)]
    unrated: list[int] = []
    for i, cur in enumerate(current):
        if cur is None:
            unrated.append(i)
        else:
            groups[cur[0]].append(i)
    c = [len(g) for g in groups]
    m, free = sum(c), len(unrated)

    def bits(items: list[int]) -> list[int]:
        out = [0]
        for i in items:
            out.append(out[-1] + (1 << (size - i)))
        return out

    level_bits = [bits(g) for g in groups]
    unrated_bits = bits(unrated)
    greedy = _mode_greedy(c, free, t, n)
    best: tuple[int, int, int] | None = None
    ties: list[tuple[tuple[int, ...], int]] = []
    for k in range(max(c[t], 1), m + free + 1):
        if best is not None and 2 * (k - c[t]) > best[0]:
            break  # each rating into t costs at least one step
        for u in range(min(free, k - c[t]) + 1):
            bound = (greedy if best is None else best[0]) - 2 * u
            states: dict[int, _State] = {0: ((0, 0, 0, 0, 0), ())}
            for r in range(n):
                extra = u if r == t else 0
                cap = k if r == t else (k - 1 if r < t else k)
                floor = k if r == t else 0
                last = r == n - 1
                new: dict[int, _State] = {}
                for flow, (key, xs) in states.items():
                    supply = flow + c[r] + extra
                    slack = (bound - key[0]) // 2  # the most ratings that may still cross
                    if slack < 0:
                        continue
                    if last:
                        options = range(supply, supply + 1) if floor <= supply <= cap else range(0)
                    else:
                        options = range(max(floor, supply - slack), min(cap, supply + slack) + 1)
                    for x in options:
                        out = supply - x
                        lose = c[r] - x if r != t and x < c[r] else 0
                        gain = max(0, x - c[r] - extra)
                        step = (
                            key[0] + 2 * abs(out),
                            key[1] + lose,
                            key[2] - level_bits[r][lose],
                            key[3] + gain * abs(r - t),
                            key[4] + gain * r,
                        )
                        old = new.get(out)
                        if old is None or step < old[0]:
                            new[out] = (step, (*xs, x))
                states = new
            final = states.get(0)
            if final is None:
                continue
            key, xs = final
            total = (key[0] + 2 * u, key[1] + u, key[2] - unrated_bits[u])
            if best is None or total < best:
                best, ties = total, []
            if total == best:
                ties.append((xs, u))
    if not ties:
        return None  # nothing is rated or could be
    options_ = [_mode_rebuild(xs, u, groups, unrated, t) for xs, u in ties]
    return min(options_, key=lambda changed: change_key(current, changed, t))


def _mode_rebuild(
    xs: tuple[int, ...], u: int, groups: list[list[int]], unrated: list[int], t: int
) -> dict[int, int]:
    """The changes behind final counts *xs*: the earliest criteria of each level that shrinks."""
    c = [len(g) for g in groups]
    leaving = [
        (r, i) for r, g in enumerate(groups) if r != t and xs[r] < c[r] for i in g[: c[r] - xs[r]]
    ]
    arrivals = [v for v, x in enumerate(xs) for _ in range(max(0, x - c[v] - (u if v == t else 0)))]
    changed = _mode_destinations(leaving, arrivals, t)
    changed.update(dict.fromkeys(unrated[:u], t))
    return changed


def _line_cost(a: Sequence[int], b: Sequence[int]) -> int:
    # Moving points onto points along a line costs least when both are paired in order.
    return sum(abs(x - y) for x, y in zip(sorted(a), sorted(b), strict=True))


def _mode_destinations(
    leaving: list[tuple[int, int]], arrivals: list[int], t: int
) -> dict[int, int]:
    """Pair moved criteria with arrival levels at the least total distance; in criterion
    order, each takes the level closest to *t* (then the lower) that keeps that least total."""
    moved = sorted(leaving, key=lambda p: p[1])
    left = _line_cost([r for r, _ in moved], arrivals)
    remaining = sorted(arrivals)
    out: dict[int, int] = {}
    for pos, (r, i) in enumerate(moved):
        rest = [q for q, _ in moved[pos + 1 :]]
        for v in sorted(set(remaining), key=lambda v: (abs(v - t), v)):
            others = [*remaining]
            others.remove(v)
            if abs(r - v) + _line_cost(rest, others) == left:
                out[i] = v
                left -= abs(r - v)
                remaining = others
                break
    return out


def _mode_greedy(c: Sequence[int], free: int, t: int, n: int) -> int:
    """Twice the steps of one change the mode accepts (nearest ratings to *t* first): a bound."""
    counts = [*c]

    def done() -> bool:
        return counts[t] >= 1 and all(
            counts[r] < counts[t] if r < t else counts[r] <= counts[t] for r in range(n) if r != t
        )

    pool = sorted(
        [*((abs(r - t), r) for r in range(n) if r != t for _ in range(c[r])), *[(1, -1)] * free]
    )
    steps = 0
    for distance, r in pool:
        if done():
            break
        if r >= 0:
            counts[r] -= 1
        counts[t] += 1
        steps += 2 * distance
    return steps
