"""``mode`` with spans of two adjacent levels, one pair (K1, K2): steepest descent.

For one count K1 of lower ends and K2 of upper ends at the target *t*, the
least key of :func:`._reach_mode.mode_span_change` is the minimum of an
L-natural-convex function (Murota's discrete convex analysis), found by
steepest descent, each step a dynamic programme over the scale with four states.

The variables. On the scale with half-way points (position 2r is level r,
2r + 1 the spans r..r+1), let d_p be what is at position p after the change
(singles at an even p, spans left as they are at an odd p) and u the unrated
criteria rated at *t*. The potentials are the running totals
``P_p = d_0 + ... + d_p`` (``P_-1 = P_-2 = 0``) and u.

The function, every term convex in one potential or in the difference of two:

- the doubled steps: the points crossing each edge of the finer scale,
  ``|S_p - P_p|`` before position 2t and ``|S_p - (P_p - u)|`` from it on, S_p
  the running total of the ratings as they are (the unrated join at 2t);
- a level's and a half-way point's own part of the key, a convex function of
  ``d_p = P_p - P_{p-1}`` (claim 4 of :mod:`._reach_mode`: criteria leaving, the
  earliest first, then arrivals at a fixed price each); at 2t only the
  arrivals' levels;
- the caps, each a difference: the lower ends at level r are
  ``d_2r + d_2r+1 = P_2r+1 - P_2r-1`` and the upper ends
  ``d_2r-1 + d_2r = P_2r - P_2r-2``; below *t* at most K - 1, above it at most
  K, at *t* exactly K1 and K2;
- ``0 <= d_p``, ``d_2r+1 <= b_r``, ``0 <= u <= free`` and
  ``P_last - u = S_last`` (no criterion is lost);
- the unrated rated at *t*: convex in u (claim 4).

Each hard condition is a penalty of ``big`` per unit of violation, ``big``
beyond the key of any point that meets them all, so that a minimum below
``big`` meets them all and a pair that cannot be met has none.

Why this is exact. A sum of convex functions of single variables and of
differences of two is L-natural convex on the integers, and x minimises such a
function exactly when no ``x + chi_S`` and no ``x - chi_S`` (S any set of
variables) is smaller. Steepest descent takes the smallest of those, so it stops
only at a minimum. Along a direction chi_S the function is convex in the step
length (discrete midpoint convexity), so each direction is followed as far as
it keeps falling (a doubling then a bisection), and the result is still
checked by the next step. Finding the best S: every term links a potential
only with the one or two before it or with u, so for each bit of u a
programme over the positions whose state is the two last bits finds it.

Why the model is the change. A single at *t* never leaves (claim 7 of
:mod:`._reach_mode`: a condition on ``d_2t = P_2t - P_2t-1``); an unrated
criterion is rated at *t* or not at all (claim 1); which criteria of a kind
move does not matter but to the bits, the earliest do (claim 2). So every
change that leaves K1 and K2 at *t* is a point meeting the conditions, with
its key (the key of claim 4, with the caveat of the module's "What is not
proven"), and every such point is a change: the line transport moves the
points leaving to the levels receiving at those steps. The model leaves out
one thing the key has: an unrated criterion rated at *t* counts once, whether
it then stays or, in effect, leaves again (when ``d_2t < c_t + u``). No least
point does that: some of *t*'s points then cross towards another level, along
edges all carrying flow that way up to a level that receives; taking one of
them back, and rating one unrated criterion fewer, keeps every count at *t* and
every cap and is smaller by at least a step. So the least of the model is the
least key of the pair's changes (``tests/test_reach_mode.py`` checks it
against every change, pair by pair).

Cost: per step, four programmes over the ``2 x levels - 1`` positions with
four states each, and a few evaluations of the function along the direction.
With unit steps, steepest descent on an L-natural-convex function takes about
as many steps as the largest distance from the start to a least point (Murota
and Shioura), which grows with the criteria; following each direction to its
end, from a neighbouring pair's least, takes about three per pair in
``bench/bench_reach.py`` at 50 to 400 criteria (observed, not a proven bound).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # _reach_mode imports this module
    from ._reach_mode import _Weights

Term = Callable[[int], int] | None


def span_solver(
    c: list[int],
    b: list[int],
    single_bits: list[list[int]],
    span_bits: list[list[int]],
    unrated_bits: list[int],
    t: int,
    w: _Weights,
) -> Callable[[int, int, list[int] | None], tuple[int, list[int]]]:
    """A function of (K1, K2, a starting point or None) giving the least of the model
    and the potentials where it is least; a least from ``big(...)`` up means no change
    leaves K1 lower and K2 upper ends at *t*.

    Args:
        c: The singles per level.
        b: The spans r..r+1 per level r (the last is 0).
        single_bits: Per level, the bits of its first k singles for each k.
        span_bits: Per level r, the bits of its first k spans r..r+1 for each k.
        unrated_bits: The bits of the first k unrated criteria for each k.
        t: The target rank.
        w: What each part of the key weighs.
    """
    n = len(c)
    q = 2 * n - 1
    supply = [c[p // 2] if p % 2 == 0 else b[p // 2] for p in range(q)]
    prefix = list(itertools.accumulate(supply))
    big = penalty(c, b, len(unrated_bits) - 1, w)

    def solve(k1: int, k2: int, start: list[int] | None) -> tuple[int, list[int]]:
        terms = _terms(c, b, single_bits, span_bits, unrated_bits, t, k1, k2, w, big, prefix)
        x = [*prefix, 0] if start is None else list(start)  # default: nothing moves
        value = _value(terms, x)
        while True:
            direction, there = _best_step(terms, x)
            if there >= value:
                return value, x  # no x +- chi_S is smaller: the least (L-natural convex)
            x, value = _follow(terms, x, direction, there)

    return solve


def penalty(c: list[int], b: list[int], free: int, w: _Weights) -> int:
    """What one unit of a broken condition costs: beyond the key of any point meeting all.

    At such a point at most ``size`` points cross each of the finer scale's
    ``2 x levels - 2`` edges, rating the unrated costs two steps each, and the
    parts of the key after the steps weigh less than one step in all.
    """
    size = sum(c) + sum(b) + free
    return w.per_step * (2 * (2 * len(c) - 1) * (size + 1) + 4)


def span_counts(x: list[int], n: int) -> tuple[tuple[int, ...], tuple[int, ...], int]:
    """The final singles per level, spans staying per level and u behind potentials *x*."""
    q = 2 * n - 1
    d = [x[p] - (x[p - 1] if p else 0) for p in range(q)]
    return tuple(d[0::2]), (*d[1::2], 0), x[q]


class _Terms(NamedTuple):
    """The function's terms per position p: of P_p, of P_p - P_p-1, of P_p - P_p-2 and
    of P_p - u (None: no such term); and of u. ``last`` is the number of positions."""

    alone: list[Term]
    one: list[Term]
    two: list[Term]
    by_u: list[Term]
    unrated: Callable[[int], int]
    last: int


def _terms(
    c: list[int],
    b: list[int],
    single_bits: list[list[int]],
    span_bits: list[list[int]],
    unrated_bits: list[int],
    t: int,
    k1: int,
    k2: int,
    w: _Weights,
    big: int,
    prefix: list[int],
) -> _Terms:
    """The terms for K1 lower and K2 upper ends at *t* (the module's list, in order)."""
    n = len(c)
    q = 2 * n - 1
    free = len(unrated_bits) - 1
    step = w.per_step
    alone: list[Term] = [None] * q
    one: list[Term] = [None] * q
    two: list[Term] = [None] * q
    by_u: list[Term] = [None] * q

    def moved(total: int) -> Callable[[int], int]:
        """Steps across the edge after a position: the points still to cross it."""
        return lambda v: step * abs(total - v)

    def cap(k: int, r: int) -> Callable[[int], int]:
        if r == t:
            return lambda v: big * abs(v - k)
        top = k - 1 if r < t else k
        return lambda v: big * max(0, v - top)

    for p in range(q - 1):
        if p < 2 * t:
            alone[p] = moved(prefix[p])
        else:
            by_u[p] = moved(prefix[p])
    total = prefix[-1]
    by_u[q - 1] = lambda v: big * abs(v - total)  # no criterion is lost
    for p in range(q):
        r = p // 2
        if p % 2:
            one[p] = _staying(b[r], span_bits[r], w, big)
            two[p] = cap(k1, r)  # lower ends at r: d_2r + d_2r+1
        else:
            if r == t:
                one[p] = _at_target(c[t], t, w, big)
            else:
                arrival = w.per_distance * abs(r - t) + w.per_level * r
                one[p] = _single(c[r], single_bits[r], arrival, w, big)
            two[p] = cap(k2, r)  # upper ends at r: d_2r-1 + d_2r
    # The last level has no spans above it: its lower ends are its singles alone.
    last_one, last_cap = one[q - 1], cap(k1, n - 1)
    assert last_one is not None
    one[q - 1] = lambda v: last_one(v) + last_cap(v)
    per = 2 * step + w.per_criterion

    def unrated(u: int) -> int:
        if u < 0 or u > free:
            inside = min(max(u, 0), free)
            return big * abs(u - inside) + unrated(inside)
        return per * u - w.per_bit * unrated_bits[u]

    return _Terms(alone, one, two, by_u, unrated, q)


def _single(
    have: int, bits: list[int], arrival: int, w: _Weights, big: int
) -> Callable[[int], int]:
    """A level's singles as a function of what stays there: the earliest leave first,
    then arrivals at a price each."""

    def cost(d: int) -> int:
        if d < 0:
            return big * -d + cost(0)
        if d < have:
            gone = have - d
            return w.per_criterion * gone - w.per_bit * bits[gone]
        return (d - have) * arrival

    return cost


def _staying(have: int, bits: list[int], w: _Weights, big: int) -> Callable[[int], int]:
    """A half-way point as a function of the spans that stay (nothing can arrive there)."""

    def cost(d: int) -> int:
        inside = min(max(d, 0), have)
        gone = have - inside
        return big * abs(d - inside) + w.per_criterion * gone - w.per_bit * bits[gone]

    return cost


def _at_target(have: int, t: int, w: _Weights, big: int) -> Callable[[int], int]:
    """The target's singles: none leaves; each beyond them arrives at level t."""
    per = w.per_level * t

    def cost(d: int) -> int:
        if d < have:  # a single at t never moves (claim 7)
            return big * (have - d)
        return per * (d - have)

    return cost


def _value(terms: _Terms, x: list[int]) -> int:
    """The function at potentials *x* (P_0 .. P_last, then u)."""
    q = terms.last
    u = x[q]
    total = terms.unrated(u)
    for p in range(q):
        here = x[p]
        before = x[p - 1] if p >= 1 else 0
        twice = x[p - 2] if p >= 2 else 0
        f = terms.alone[p]
        if f is not None:
            total += f(here)
        f = terms.one[p]
        if f is not None:
            total += f(here - before)
        f = terms.two[p]
        if f is not None:
            total += f(here - twice)
        f = terms.by_u[p]
        if f is not None:
            total += f(here - u)
    return total


def _best_step(terms: _Terms, x: list[int]) -> tuple[list[int], int]:
    """The least ``x + s * chi_S`` over both signs s and every set S, as (s * chi_S, value).

    A programme over the positions for each sign and each bit of u, whose state is
    the bits of the last two positions (the root's bits are 0).
    """
    q = terms.last
    u = x[q]
    # Each term one unit either side of where it is: a move by sign s reads them from
    # the left (s = 1) or from the right (s = -1).
    near: list[tuple[_Three | None, ...]] = []
    for p in range(q):
        here = x[p]
        before = x[p - 1] if p >= 1 else 0
        twice = x[p - 2] if p >= 2 else 0
        near.append(
            tuple(
                None if f is None else (f(v - 1), f(v), f(v + 1))
                for f, v in (
                    (terms.alone[p], here),
                    (terms.one[p], here - before),
                    (terms.two[p], here - twice),
                    (terms.by_u[p], here - u),
                )
            )
        )
    best: tuple[list[int], int] | None = None
    for sign in (1, -1):
        table: list[_Row] = []
        for row in near:
            if sign < 0:
                row = tuple(None if g is None else (g[2], g[1], g[0]) for g in row)
            a, o, w, y = row
            table.append(((a[1], a[2]) if a is not None else (0, 0), o, w, y))
        for bit_u in (0, 1):
            bits, value = _programme(table, q, bit_u)
            value += terms.unrated(u + sign * bit_u)
            if best is None or value < best[1]:
                best = ([sign * v for v in (*bits, bit_u)], value)
    assert best is not None
    return best


_NONE = (0, 0, 0)

#: A term's values one unit below, at and one above where it is.
_Three = tuple[int, int, int]
#: Per position, what a move can do to its terms: of P_p alone (not moved, moved),
#: of P_p - P_p-1, of P_p - P_p-2 and of P_p - u (a difference of bits -1, 0, 1).
_Row = tuple[tuple[int, int], _Three | None, _Three | None, _Three | None]


def _programme(
    table: list[_Row],
    q: int,
    bit_u: int,
) -> tuple[list[int], int]:
    """The least sum over the bits of every position, given u's bit; with the bits."""
    # The state is (bit two back, bit one back); the root's bits are 0, so at first
    # only (0, 0) is reached. Written out: this loop is most of to_reach's time.
    v00: int | None = 0
    v01: int | None = None
    v10: int | None = None
    v11: int | None = None
    back: list[tuple[int, int, int, int]] = []  # per position and new state: bit two back
    for a, o, w, y in table:
        o = o or _NONE
        w = w or _NONE
        y = y or _NONE
        here0 = a[0] + y[1 - bit_u]
        here1 = a[1] + y[2 - bit_u]
        # New state (j, k) from (i, j): v_ij + w[k - i + 1] + a[k] + o[k - j + 1] + y.
        n00, b00 = _least(v00, w[1], v10, w[0])
        n01, b01 = _least(v00, w[2], v10, w[1])
        n10, b10 = _least(v01, w[1], v11, w[0])
        n11, b11 = _least(v01, w[2], v11, w[1])
        v00 = None if n00 is None else n00 + here0 + o[1]
        v01 = None if n01 is None else n01 + here1 + o[2]
        v10 = None if n10 is None else n10 + here0 + o[0]
        v11 = None if n11 is None else n11 + here1 + o[1]
        back.append((b00, b01, b10, b11))
    values = (v00, v01, v10, v11)
    state, value = -1, 0
    for s, v in enumerate(values):
        if v is not None and (state < 0 or v < value):
            state, value = s, v
    bits = [0] * q
    for p in range(q - 1, -1, -1):
        bits[p] = state & 1
        state = 2 * back[p][state] + (state >> 1)
    return bits, value


def _least(zero: int | None, add0: int, one: int | None, add1: int) -> tuple[int | None, int]:
    """The smaller of ``zero + add0`` and ``one + add1`` (None: not reached), and which."""
    if zero is None:
        return (None, 0) if one is None else (one + add1, 1)
    if one is None or zero + add0 <= one + add1:
        return zero + add0, 0
    return one + add1, 1


def _follow(terms: _Terms, x: list[int], direction: list[int], there: int) -> tuple[list[int], int]:
    """Go along *direction* from *x* as far as the function keeps falling (it is convex
    along it); *there* is its value one step along."""
    cache = {1: there}

    def at(k: int) -> list[int]:
        return [v + k * e for v, e in zip(x, direction, strict=True)]

    def value(k: int) -> int:
        if k not in cache:
            cache[k] = _value(terms, at(k))
        return cache[k]

    def falls(k: int) -> bool:
        return value(k + 1) < value(k)

    # Convex along the line: it falls up to the least, then no more. Gallop, then bisect.
    low, high = 0, 1  # falls(low); the first k that does not fall is in (low, high]
    while falls(high):
        low, high = high, 2 * high
    while high - low > 1:
        mid = (low + high) // 2
        if falls(mid):
            low = mid
        else:
            high = mid
    return at(high), value(high)
