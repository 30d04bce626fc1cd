"""``to_reach`` for the built-in ``mode`` rule: the exact smallest change, in polynomial time.

Single ratings: :func:`mode_change`, linear in the criteria; spans of two
adjacent levels: :func:`mode_span_change`, a steepest descent per pair of
counts at the target (:mod:`._reach_descent`), whose steps do not grow with the
criteria. Wider spans are left to the exhaustive search of ``_reach``.

Why not wider spans. A kept span r..r+1 counts at r among the lower ends and
at r + 1 among the upper ends: neighbours on the scale with half-way points,
so every cap is a difference of two running totals there, which makes one pair
of counts at the target a discrete convex problem. A kept span over three or
more levels counts at two levels with another level's singles between them,
and the caps are no longer such differences. The natural integer programme
(per kind of rating: kept, or moved to a level; per level a cap on the lower
and on the upper ends) is not totally unimodular, spans of two levels already:
the constraints of two kinds, the lower-end cap of level 1 and the upper-end
caps of levels 2 and 3, against moving kind one to levels 1 and 3, kind two to
2 and 3, and keeping a span 1..2, form an odd cycle (determinant 2). That says
nothing either way about wider spans; neither a polynomial method nor a proof
of hardness is known here.

"Smallest" is the order of :func:`._reach.change_key`. The mode gives *t*
exactly when, in the final counts per level, *t* holds K ratings (K >= 1),
every lower level fewer than K and every higher level at most K.

What the search relies on, each claim with its reason:

1. *An unrated criterion, when rated, is rated at t.* Rating it elsewhere
   costs the same one step and only adds to a level whose count is bounded
   above; leaving it unrated is then smaller and still reaches.
2. *Which criteria of one level move does not matter to the mode*, only how
   many; the earliest do, which the order of "smallest" prefers (a sum of
   bits, earlier criteria weighing more, compares two sets of equal size in
   the family's order).
3. *For a fixed K the steps are a transport along the scale*: with final
   counts x, the least steps are the ratings crossing each edge between two
   adjacent levels, ``sum |F_r|`` where F_r is the net flow from the levels up
   to r to the levels above. A dynamic programme over the levels, whose state is
   F_r, chooses each level's final count.
4. *That programme's value is a convex function of F_r*, for the key used
   throughout (steps, then count, then minus the bits, then the arrivals'
   distance to *t*, then their levels), read as one integer with each part
   weighted beyond the range of the parts after it: it starts as the
   indicator of F = 0, and each level adds ``2 |F|`` and takes an infimal
   convolution with the level's own cost of a final count x. That cost is
   convex in x: below the current count it pays per criterion leaving, less
   its bit, and the bits of a level's criteria fall as they come later (the
   latest leaves last); above it pays a fixed amount per arrival. Sums, affine
   substitutions and infimal convolutions of convex functions are convex.
   So for each F_{r+1} the best F_r moves only forward as F_{r+1} grows (the
   terms are Monge), and one pointer sweep per level computes the whole
   function: linear in the number of criteria per level.
5. *The best key is a convex function of K.* For a fixed K the problem is a
   minimum-cost flow on the scale (supplies: the ratings per level and the
   unrated at *t*; sinks: the levels with capacity K - 1 below *t* and K
   above it, exactly K at *t*; arc costs: the weighted key, linear per unit as
   in claim 4) whose right-hand side is affine in K. The value of a linear
   programme as a function of its right-hand side is convex, and at an
   integral K its optimum is integral because a network's matrix is totally
   unimodular. A search over K on the sign of V(K + 1) - V(K) therefore finds
   the least key, and an equal key at K + 1 means both are least (the flat
   bottom of a convex function); those ties are all collected. The search
   starts from the K whose simple change costs least (:func:`_mode_estimate`)
   and gallops towards the side where the key falls. Every K whose least change
   costs more steps than the starting K's counts as out of reach: those K lie
   on both ends (the least steps are convex in K too), so the search still sees
   a convex function on an interval holding the least K.
   (Steps and count alone decide the search, as small integers; the full key is
   computed only for the K that tie on them: claim 4 holds for both keys.)
6. *K lies in [max(c_t, 1), c_t + G / 2]*, where G is the doubled steps of a
   greedy change that reaches (:func:`_mode_greedy`): the K - c_t arrivals at
   *t* cost at least one step each and the smallest change costs at most G.

7. *A single rating at t never moves*: it would lower the count at *t* and
   raise another, and not moving it is smaller.

What is not proven: the key's last two parts add up the arrivals' distances
to *t* and their levels, where :func:`._reach.change_key` compares them
criterion by criterion in the family's order. The programme keeps one best per
state, so of two changes equal in steps, count and criteria moved but sending
them to different levels it keeps the one with the smaller sums; the levels
are then given to the criteria by :func:`_mode_destinations`, and the ties
found are settled on the full key. The brute-force tests
(``tests/test_reach_mode.py``) have found no case where this differs from the
definition.

Cost: about ``2 log2(d) + 4`` runs of the programme, d the distance from the
starting K to the least, each about ``levels x criteria`` small-integer
operations, then one run with the full key (integers of about ``criteria``
bits, claim 2) per tied K.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from ._reach_descent import penalty, span_counts, span_solver

Current = Sequence[tuple[int, int] | None]


def mode_change(
    current: Current, t: int, n: int, key: Callable[[dict[int, int]], Any]
) -> dict[int, int] | None:
    """The smallest change (criterion position to new rank) making ``mode`` give *t*, or None.

    Args:
        current: Each criterion's (low, high) ranks, low == high, or None when unrated.
        t: The target rank.
        n: The number of levels.
        key: The order of "smallest" for a change; settles the ties found.
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
    rated, free = sum(c), len(unrated)
    if rated + free == 0:
        return None  # nothing is rated or could be
    greedy, k_greedy = _mode_greedy(c, free, t, n)
    k_lo = max(c[t], 1)
    k_hi = min(rated + free, c[t] + greedy // 2)
    # The search over K needs only steps and count: small integers, fast. The full
    # key is then computed for the K that tie on them (claim 5 holds for both keys).
    weights = _Weights(size + 1, 1, 0, 0, 0)
    level_bits = [_bits(g, size) for g in groups]
    unrated_bits = _bits(unrated, size)
    values: dict[int, _Solution | None] = {}
    bound = greedy

    def value(k: int) -> _Solution | None:
        """The least key for K = k, or None when it costs more than the bound."""
        if k < k_lo or k > k_hi:
            return None
        if k not in values:
            found = _solve(c, level_bits, unrated_bits, t, k, weights, bound)
            values[k] = None if found is None or found[0] // weights.per_step > bound else found
        return values[k]

    # Start where a cheap change (per K: the ratings over the caps to t, then the
    # nearest) costs least; it is within the greedy bound, so that K has a change
    # within it. Its least change is a tighter bound, fixed from here on, so that
    # every K costlier than it is None consistently (claim 5 then holds on the rest).
    k_start, estimate = _mode_estimate(c, free, t, k_lo, k_hi)
    if estimate > greedy:
        k_start = k_greedy
    anchor = value(k_start)
    assert anchor is not None
    bound = anchor[0] // weights.per_step

    def rising(k: int) -> bool:
        """Whether the key does not fall from k to k + 1 (true from the least K on)."""
        here, there = value(k), value(k + 1)
        return there is None or (here is not None and here[0] <= there[0])

    def falling(k: int) -> bool:
        """Whether the key falls from k - 1 to k (true up to the least K)."""
        here, before = value(k), value(k - 1)
        return before is None or (here is not None and here[0] < before[0])

    # Claim 5: from the starting K, towards the side where the key falls.
    if not rising(k_start):
        best = _gallop(rising, k_start, k_hi)
    elif not falling(k_start):
        best = _gallop_down(falling, k_start, k_lo)
    else:
        best = k_start
    first = value(best)
    assert first is not None  # the least K costs no more than the starting one
    tied = [best]
    for k in range(best + 1, k_hi + 1):
        other = value(k)
        if other is None or other[0] != first[0]:
            break
        tied.append(k)
    full = _full_weights(size, n)
    solved = [_solve(c, level_bits, unrated_bits, t, k, full, bound) for k in tied]
    found = [s for s in solved if s is not None]
    least = min(s[0] for s in found)
    options = [_mode_rebuild(xs, u, groups, unrated, t) for v, xs, u in found if v == least]
    return min(options, key=key)


def _gallop(ok: Callable[[int], bool], start: int, top: int) -> int:
    """The first k in (start, top] with ok(k), given not ok(start), ok(top) and ok monotone."""
    low, step = start, 1
    high = min(start + step, top)
    while high < top and not ok(high):
        low, step = high, step * 2
        high = min(start + step, top)
    while high - low > 1:
        mid = (low + high) // 2
        if ok(mid):
            high = mid
        else:
            low = mid
    return high


def _gallop_down(ok: Callable[[int], bool], start: int, bottom: int) -> int:
    """The last k in [bottom, start) with ok(k), given not ok(start), ok(bottom), ok monotone."""
    return -_gallop(lambda k: ok(-k), -start, -bottom)  # the same search, mirrored


#: The least key for one K, the final count per level, and how many unrated are rated at t.
_Solution = tuple[int, tuple[int, ...], int]


class _Weights(NamedTuple):
    """What one doubled step, criterion, bit, step of distance to t and level weigh in a key."""

    per_step: int
    per_criterion: int
    per_bit: int
    per_distance: int
    per_level: int


def _full_weights(size: int, n: int) -> _Weights:
    """The weights of claim 4: each part of the key beyond the range of the parts after it."""
    span = size * n + 1  # beyond any sum of arrival distances or of arrival levels
    w_bits = span * span
    w_count = w_bits << (size + 1)  # beyond any sum of bits
    return _Weights(w_count * (size + 2), w_count, w_bits, span, 1)


def _bits(items: list[int], size: int) -> list[int]:
    """The bits of the first k of *items* for each k; earlier positions weigh more."""
    out = [0]
    for i in items:
        out.append(out[-1] + (1 << (size - i)))
    return out


def _solve(
    c: list[int],
    level_bits: list[list[int]],
    unrated_bits: list[int],
    t: int,
    k: int,
    weights: _Weights,
    bound: int,
) -> _Solution | None:
    """The dynamic programme of claims 3 and 4 for one K; None when no change gives K.

    Flows over one edge beyond *bound* / 2 are left out: they alone cost more than
    *bound* doubled steps.
    """
    w_step = weights.per_step
    n, free = len(c), len(unrated_bits) - 1
    total = sum(c) + free
    below = 0  # what lies at or below the current level: F can carry no more up
    lo, vals = 0, [0]  # the value function over F: its lowest F and the values from there
    choices: list[tuple[int, list[int]]] = []  # per level: lowest F out, best F in per F out
    for r in range(n):
        if r == t:
            d_lo, d_hi = c[t] - k, c[t] - k + free
            below += c[t] + free
            cost = _target_cost(c, unrated_bits, t, k, weights)
        else:
            cap = k - 1 if r < t else k
            d_lo, d_hi = c[r] - cap, c[r]
            below += c[r]
            arrival = weights.per_distance * abs(r - t) + weights.per_level * r
            cost = _level_cost(level_bits[r], weights.per_criterion, weights.per_bit, arrival)
        g_hi = lo + len(vals) - 1
        out_lo = max(lo + d_lo, below - total, -(bound // 2))
        out_hi = min(g_hi + d_hi, below, bound // 2)
        if r == n - 1:
            out_lo, out_hi = max(out_lo, 0), min(out_hi, 0)
        if out_lo > out_hi:
            return None
        edge = 2 * w_step if r < n - 1 else 0
        # The level's cost for every delta the sweep can meet, looked up rather than called.
        t_lo, t_hi = max(d_lo, out_lo - g_hi), min(d_hi, out_hi - lo)
        table = [cost(d) for d in range(t_lo, t_hi + 1)]
        new: list[int] = []
        best_in: list[int] = []
        i = lo
        for f in range(out_lo, out_hi + 1):
            i = max(i, f - d_hi)
            w_hi = min(g_hi, f - d_lo)
            here = vals[i - lo] + table[f - i - t_lo]
            # Convex in i (claim 4): walk while it falls; the next f starts here.
            while i < w_hi:
                nxt = vals[i + 1 - lo] + table[f - i - 1 - t_lo]
                if nxt >= here:
                    break
                i, here = i + 1, nxt
            new.append(here + edge * abs(f))
            best_in.append(i)
        # Steps only add up: states already beyond the bound cannot lead to a change
        # within it. What remains is a sublevel set of a convex function: an interval.
        limit = (bound + 1) * w_step
        head, tail = 0, len(new)
        while head < tail and new[head] >= limit:
            head += 1
        while tail > head and new[tail - 1] >= limit:
            tail -= 1
        if head == tail:
            return None
        choices.append((out_lo + head, best_in[head:tail]))
        lo, vals = out_lo + head, new[head:tail]
    # Back from F = 0 after the last level: each level's flow in gives its final count.
    xs = [0] * n
    u, f = 0, 0
    for r in range(n - 1, -1, -1):
        base, best_in = choices[r]
        f_in = best_in[f - base]
        if r == t:
            u = f - f_in - (c[t] - k)
            xs[r] = k
        else:
            xs[r] = c[r] - (f - f_in)
        f = f_in
    return vals[0], tuple(xs), u


def _level_cost(bits: list[int], w_count: int, w_bits: int, arrival: int) -> Callable[[int], int]:
    """A level's part of the key as a function of delta = c_r - x, x its final count."""

    def cost(delta: int) -> int:
        if delta > 0:  # criteria leave, the earliest first
            return w_count * delta - w_bits * bits[delta]
        return -delta * arrival

    return cost


def _target_cost(
    c: list[int], unrated_bits: list[int], t: int, k: int, weights: _Weights
) -> Callable[[int], int]:
    """The target's part of the key as a function of delta = c_t + u - K (u rated at t)."""
    base = c[t] - k
    per = 2 * weights.per_step + weights.per_criterion
    w_bits = weights.per_bit
    arrivals = (k - c[t]) * t * weights.per_level  # every arrival's level is t

    def cost(delta: int) -> int:
        u = delta - base
        return per * u - w_bits * unrated_bits[u] + arrivals

    return cost


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
    """The least cost of moving points with counts *a* per position onto counts *b*.

    Along a line it is the points crossing each edge: the difference of the two
    running totals there, summed.
    """
    cost = gap = 0
    for x, y in zip(a, b, strict=True):
        gap += x - y
        cost += abs(gap)
    return cost


def _mode_destinations(
    leaving: list[tuple[int, int]], arrivals: list[int], t: int
) -> dict[int, int]:
    """Pair moved criteria with arrival levels at the least total distance; in criterion
    order, each takes the level closest to *t* (then the lower) that keeps that least total."""
    width = max([t, *(r for r, _ in leaving), *arrivals]) + 1
    sources, sinks = [0] * width, [0] * width
    for r, _ in leaving:
        sources[r] += 1
    for v in arrivals:
        sinks[v] += 1
    left = _line_cost(sources, sinks)
    out: dict[int, int] = {}
    for r, i in sorted(leaving, key=lambda p: p[1]):
        sources[r] -= 1
        for v in sorted((v for v in range(width) if sinks[v]), key=lambda v: (abs(v - t), v)):
            sinks[v] -= 1
            rest = _line_cost(sources, sinks)
            if abs(r - v) + rest == left:
                out[i] = v
                left = rest
                break
            sinks[v] += 1
    return out


def _mode_estimate(c: Sequence[int], free: int, t: int, k_lo: int, k_hi: int) -> tuple[int, int]:
    """The K in [k_lo, k_hi] whose simple change costs least, and twice its steps.

    The simple change for K moves every rating over its level's cap to *t*, then
    the nearest others (or unrated ones) until *t* holds K: one change that
    reaches, so its cost bounds that K's least change.
    """
    n = len(c)
    best = (k_lo, math.inf)
    for k in range(k_lo, k_hi + 1):
        cost, need = 0, k - c[t]
        room: dict[int, int] = {1: free}  # by distance to t: ratings that may still move
        for r in range(n):
            if r == t:
                continue
            cap = k - 1 if r < t else k
            over = max(0, c[r] - cap)
            cost += 2 * abs(r - t) * over
            need -= over
            room[abs(r - t)] = room.get(abs(r - t), 0) + c[r] - over
        if need < 0:
            continue  # more than K would arrive at t: another K's change
        for distance in sorted(room):
            take = min(need, room[distance])
            cost += 2 * distance * take
            need -= take
        if need == 0 and cost < best[1]:
            best = (k, cost)
    return best[0], int(min(best[1], 1 << 62))


def _mode_greedy(c: Sequence[int], free: int, t: int, n: int) -> tuple[int, int]:
    """Twice the steps of one change the mode accepts (nearest ratings to *t* first): a
    bound; and the count it leaves at *t*."""
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
    return steps, counts[t]


# span ratings --------------------------------------------------------------


def mode_span_change(
    current: Current, t: int, n: int, key: Callable[[dict[int, int]], Any]
) -> dict[int, int] | None:
    """The smallest change making ``mode`` give *t* for the lower and the upper ends.

    For ratings that are single levels or spans of two adjacent levels. Why
    this is exact: a span ``r..r+1`` set to level v costs ``|r - v| + |r + 1 - v|``
    doubled steps, which is ``2 |r + 1/2 - v|``: a point half-way between the two
    levels, as a single rating at r is the point r. On the scale with those
    half-way points added, every change is a transport of points to levels, and
    its doubled steps are the points crossing each edge of that finer scale
    (claim 3 of the module). The lower ends count at level r the singles at r
    and the spans r..r+1 left as they are; the upper ends the singles at r and
    the spans r-1..r. Claims 1 and 2 hold as they are (an unrated criterion
    rated elsewhere than *t* only adds to a bounded count; the spans of one
    kind are interchangeable, the earliest move), and a single rating at *t*
    never moves (it only lowers both counts at *t*); a span t..t+1 that moves
    goes to *t* (to t+1 costs as much, is farther from *t* and only takes a
    lower end from *t*; anywhere else costs more and adds elsewhere), and
    likewise a span t-1..t, so K1 and K2 never fall below the ends already at
    *t*, and K1 - K2, the spans t..t+1 staying less those t-1..t staying, lies
    in ``[-b_t-1, b_t]``.

    One pair (K1, K2) of counts of lower and of upper ends at *t*: the least key
    is the least of an L-natural-convex function of the running totals of the
    final counts along the finer scale, found by steepest descent
    (:mod:`._reach_descent`, which proves it).

    The pairs. Written over the reals (each term its piecewise-linear
    interpolation, every breakpoint integral), that function is jointly convex
    in the running totals and in (K1, K2): K1 and K2 enter only as the right-hand
    sides of its capped and exact counts, each a penalty of a difference minus
    K or K - 1, convex in both. Minimising a jointly convex function over some of
    its variables leaves a convex function of the others, so the least over
    the totals is a convex function of (K1, K2); and at integral (K1, K2) that
    least is at integral totals (a convex tension problem with integral
    breakpoints, the dual of a minimum-cost flow, has integral optimal
    potentials), so it is the least key of the pair, penalties included. Along
    each line K1 - K2 = e, K1 stepping by one, the pairs' least keys are then a
    convex sequence: the least is where it stops falling (galloped to from the
    previous line's least), and the ties are the flat bottom beside it. Each
    line is searched; across lines nothing is claimed (over the integers the
    least of a convex function per line need not be convex in e), and a search
    across them would be wrong: for the ratings D, C..B, C..B, D, C of a scale
    D, C, B and the target C, the lines e = 0, 1, 2 need at least 2, 3 and 2
    doubled steps (in 3 of 1,390 random cases the least steps per line rose and
    fell again, in 7 of 1,416 the full key). Each pair is
    solved on the full key of claim 4, started from a neighbouring pair's
    least, and the changes of the pairs tying on it are compared by ``key``.

    Cost: per line, about ``2 log2(d) + 3`` pairs, d how far its least lies from
    the previous line's; per pair a few descent steps, each four programmes
    over the ``2 x levels - 1`` points of the finer scale with four states:
    independent of the criteria, but for the lines, at most the spans at *t*
    and just below it plus one.
    """
    size = len(current)
    singles: list[list[int]] = [[] for _ in range(n)]
    spans: list[list[int]] = [[] for _ in range(n)]  # spans r..r+1 at index r
    unrated: list[int] = []
    for i, cur in enumerate(current):
        if cur is None:
            unrated.append(i)
        elif cur[0] == cur[1]:
            singles[cur[0]].append(i)
        else:
            spans[cur[0]].append(i)
    c = [len(g) for g in singles]
    b = [len(g) for g in spans]
    free = len(unrated)
    if sum(c) + sum(b) + free == 0:
        return None
    greedy_pair = _span_greedy(current, t, n)
    single_bits = [_bits(g, size) for g in singles]
    span_bits = [_bits(g, size) for g in spans]
    unrated_bits = _bits(unrated, size)
    before = b[t - 1] if t > 0 else 0
    # What is at t already: a span t..t+1 that moves goes to t (anywhere else costs
    # more and adds elsewhere), so K1 never falls below it; likewise K2.
    low0, high0 = c[t] + b[t], c[t] + before
    # Every rated criterion counts once among the lower ends and once among the upper
    # ends, each level holding at most K (K - 1 below t): smaller K cannot hold them.
    rated = sum(c) + sum(b)
    k_min = max(1, -(-(rated + t) // n))
    full = _full_weights(size, n)
    # The full key from the start: steps and count alone tie on whole runs of pairs
    # (K2 often matters little), and each tie would be solved again.
    solve = span_solver(c, b, single_bits, span_bits, unrated_bits, t, full)
    big = penalty(c, b, free, full)
    solved: dict[tuple[int, int], tuple[int, list[int]]] = {}

    def value(k1: int, k2: int) -> int:
        """The least key of the pair (from ``big`` up: none), started from a neighbour's
        least (on its line first), or from nothing moved."""
        if (k1, k2) not in solved:
            steps = ((1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))
            near = [solved[k1 + i, k2 + j][1] for i, j in steps if (k1 + i, k2 + j) in solved]
            solved[k1, k2] = solve(k1, k2, near[0] if near else None)
        return solved[k1, k2][0]

    # Claim: on each line K1 - K2 = e the least key is a convex function of K1 (see
    # the docstring), so its least is where it stops falling, galloped to from the
    # neighbouring line's least; ties are the flat bottom next to it. The lines are
    # swept outwards from the greedy change's, up and then down.
    least = big
    pairs: list[tuple[int, int]] = []
    e_greedy = min(max(greedy_pair[0] - greedy_pair[1], -before), b[t])
    lines = [*range(e_greedy, b[t] + 1), *range(e_greedy - 1, -before - 1, -1)]
    start = greedy_start = greedy_pair[0]
    for e in lines:
        if e == e_greedy - 1:
            start = greedy_start  # the downward sweep starts beside the greedy line
        k_lo = max(low0, high0 + e, k_min, k_min + e)
        k_hi = min(size, size + e)
        if k_lo > k_hi:
            continue

        def stops(k: int, e: int = e) -> bool:
            return value(k + 1, k + 1 - e) >= value(k, k - e)

        k = min(max(start, k_lo), k_hi)
        if k < k_hi and not stops(k):
            k = _gallop(stops, k, k_hi)
        elif k > k_lo and stops(k - 1):
            k = _gallop_down(lambda j: not stops(j - 1), k, k_lo)
        if e == e_greedy:
            greedy_start = k
        start = k
        here = value(k, k - e)
        if here >= big or here > least:
            continue
        if here < least:
            least, pairs = here, []
        while True:
            pairs.append((k, k - e))
            if k == k_hi or value(k + 1, k + 1 - e) != here:
                break
            k += 1
    options = [
        _span_rebuild(*span_counts(solved[p][1], n), singles, spans, unrated, t) for p in pairs
    ]
    return min(options, key=key)


def _span_rebuild(
    xs: tuple[int, ...],
    zs: tuple[int, ...],
    u: int,
    singles: list[list[int]],
    spans: list[list[int]],
    unrated: list[int],
    t: int,
) -> dict[int, int]:
    """The changes behind final counts: the earliest of each kind that moves, on the
    scale with half-way points (doubled ranks), to the levels that receive."""
    leaving = [
        (2 * r, i)
        for r, g in enumerate(singles)
        if r != t and xs[r] < len(g)
        for i in g[: len(g) - xs[r]]
    ]
    leaving += [(2 * r + 1, i) for r, g in enumerate(spans) for i in g[: len(g) - zs[r]]]
    arrivals = [
        2 * v
        for v, x in enumerate(xs)
        for _ in range(max(0, x - len(singles[v]) - (u if v == t else 0)))
    ]
    changed = {i: v // 2 for i, v in _mode_destinations(leaving, arrivals, 2 * t).items()}
    changed.update(dict.fromkeys(unrated[:u], t))
    return changed


def _span_greedy(current: Current, t: int, n: int) -> tuple[int, int]:
    """The counts of lower and of upper ends at *t* after one change that reaches
    (cheapest moves to *t* first): where the search over pairs starts."""
    low, high = [0] * n, [0] * n
    for cur in current:
        if cur is not None:
            low[cur[0]] += 1
            high[cur[1]] += 1

    def done(counts: list[int]) -> bool:
        k = counts[t]
        return k >= 1 and all(
            counts[r] < k if r < t else counts[r] <= k for r in range(n) if r != t
        )

    moves = sorted(
        (2 if cur is None else abs(cur[0] - t) + abs(cur[1] - t), i)
        for i, cur in enumerate(current)
        if cur != (t, t)
    )
    for _, i in moves:
        if done(low) and done(high):
            break
        cur = current[i]
        if cur is not None:
            low[cur[0]] -= 1
            high[cur[1]] -= 1
        low[t] += 1
        high[t] += 1
    return low[t], high[t]
