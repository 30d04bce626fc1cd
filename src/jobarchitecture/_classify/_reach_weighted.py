"""``to_reach`` for the built-in ``weighted`` rule: exact for any weights, spans and unrated criteria.

What "smallest" means is defined in :mod:`._reach` (:func:`._reach.change_key`);
this module finds that change for ``weighted`` with unequal weights (equal
weights make it the lower median, handled in :mod:`._reach`).

The rule, in exact arithmetic. With W the total weight of the rated criteria
and W > 0, the rule gives the lowest level r at which twice the weight at or
below r reaches W. So it gives *t* for the lower ends and for the upper ends
exactly when

- (up) twice the weight of the criteria whose upper end lies above *t* is at
  most W, and
- (down) twice the weight of the criteria whose lower end lies below *t* is
  less than W.

(Each end also has its other bound, but that follows: a lower end never
exceeds its upper end, so the lower ends have no more weight above *t* than
the upper ends, and the upper ends no more below *t* than the lower ends.)
With W = 0 the rule takes the lower median of the ranks instead.

Every change goes to *t*. Setting a criterion to *t* takes it out of both sums
above, which no other level does better; among the levels that take it out of
the sum it is in, *t* costs least (for a span across *t*, every level within the
span costs the same, ``hi - lo`` half-steps, and *t* is closest to the target).
Rating an unrated criterion costs one step at any level, and at *t* it adds its
weight to W only, which helps both conditions; anywhere else it also adds to
one of the sums. A criterion at *t*, or of weight zero (while W > 0), changes
neither condition, so it is never worth a change. Hence for a change of a set
S of criteria, setting all of S to *t* is feasible whenever any setting of S
is, costs no more, and is closest to the target: the smallest change sets a
set of criteria to *t*, and only the set remains to find.

Groups. In units where twice a weight is an integer gain, with U the weight
above *t* (upper ends) and D the weight below *t* (lower ends):

- group A, criteria only above *t* (lower end at or above it): gain ``2 w``
  towards (up), which needs a total gain of at least ``2 U - W``;
- group B, criteria only below *t*: gain ``2 w`` towards (down), which needs
  a total gain above ``2 D - W``;
- group X, spans across *t* (gain ``2 w`` towards both) and unrated criteria
  (gain ``w`` towards both: they add to W).

Each change costs a small integer of half-steps (at most twice the number of
levels), so the problem is a knapsack with small integer costs and arbitrary
weights: for each group, the *frontier* lists, in the order of (half-steps,
criteria), every (half-steps, criteria) pair whose best gain beats every
smaller pair's (:func:`_extend` builds it criterion by criterion). A larger gain
never hurts either condition, so the smallest (half-steps, criteria) over the
whole problem is, over the frontier points x of X, x plus the first point of A
and the first point of B that meet the conditions left after x
(:func:`_least`); sums of pairs keep their order, so the best of each group
given x is the best in total. Gains are capped at what the conditions can
still use, so a frontier ends where its group alone would suffice.

Pruning. A frontier keeps only the points that may still be part of a change
no larger than a known one (:func:`_known`, whose key is at least the
smallest): a point is dropped when a lower bound on the key of whatever
completes it, added to its own, exceeds that key. Two lower bounds are used.
The half-steps bound of :func:`_suffixes` prices this group's earlier
criteria at one exchange rate and takes all of X's gain for free. The priced
bound (:func:`_priced`, when there is an X) is Lagrange's over both
conditions: with prices pa, pb >= 0 of gain towards (up) and (down), any
completion T of a point that leaves gains ga, gb >= 0 to find has
``key(T) >= pa ga + pb gb + sum over T of (key - gain worth)``, since T's
gains reach ga and gb, and the sum is at least minus the surplus (gain worth
less key, when positive) of every criterion outside the point's suffix. Any
prices give a valid bound (:func:`_prices` picks tight ones). Both bounds
grow with a point's key and shrink with its gain, and for the part of a
smallest change S in a suffix they are at most ``key(S)`` (the rest of S
completes it). So, backwards over the suffixes, every frontier holds a point
no worse (key no larger, gain no smaller, gains capped alike) than S's part
in its suffix: that part either leaves out the suffix's first criterion, and
the next frontier's point for it passes, or adds the criterion to its part
in the next suffix, and that point plus the criterion passes. The sums of
:func:`_least` and the greedy below need no more.

Positions. Among the changes with the smallest (half-steps, criteria), the
earliest positions come from a greedy pass in the family's order: a criterion
is kept when the criteria kept so far, it, and a completion from the criteria
after it (the frontiers of the suffixes, built backwards) still make a
smallest change. Let S be the earliest smallest change and i the first
position where the greedy and S disagree. If S holds i, S itself completes
what the greedy kept before i with i, so the greedy keeps i. If S does not,
the greedy keeps i only when some smallest change T holds the same criteria
before i and i as well; T and S have as many criteria, so T's positions come
first in the order, against the choice of S. So they never disagree.

Floats: the weights are made exact integers (every float is a binary fraction)
so that ties, a weight exactly half the total included, are decided as in exact
arithmetic. The rule itself sums floats, which can round a tie either way (a
tie in decimals is seldom one in binary): :func:`weighted_change` bounds that
rounding and finds the smallest change among all the rule may accept, which is
the answer when the rule accepts it; the caller confirms it and otherwise
searches, or beyond the search's budget takes the smallest change that holds
by more than the rounding (``rounding=1``).

Cost: the frontiers have O(steps) points, steps being the answer's half-steps
(at most twice the levels per criterion), and each criterion extends its
group's frontier once: O(criteria x steps), that is O(criteria^2 x levels) in
the worst case, with positions at O(log steps) per criterion when nothing is
unrated or spanned across the target (else times the points of X). The
bounds drop most points; what remains are the points near the best exchange
rate of weight for half-steps, whose number grows with the criteria when
many criteria have nearly the same rate (each smallest change then has many
near equals, trading a criterion for two cheaper ones or a heavier one for a
lighter one within the margin the integral half-steps leave): the cost
measured grows between criteria^1.5 and criteria^2 (``bench/bench_reach.py``).
With many criteria unrated the priced bound prunes X and what X completes,
which makes it several times faster, not linear.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import cmp_to_key

from ._reach import Current, _order_statistic, change_key

#: A frontier: keys (half-steps x scale + criteria, ascending) and their best gains (ascending).
_Front = tuple[list[int], list[int]]
#: A candidate change: (position, half-steps, gain).
_Item = tuple[int, int, int]
#: Prices of gain towards (up) and towards (down), over a common denominator: (pa, pb, den).
_Prices = tuple[int, int, int]
#: For :func:`_suffixes`: prices, needs, which conditions the group gains towards, room per suffix.
_Priced = tuple[int, int, int, int, int, bool, bool, list[int]]


def _exact(weights: Sequence[float]) -> list[int]:
    """The weights as integers in one common unit: exact, as floats are binary fractions."""
    ratios = [float(w).as_integer_ratio() for w in weights]
    unit = max((q for _, q in ratios), default=1)
    return [p * (unit // q) for p, q in ratios]


def _extend(
    front: _Front,
    step: int,
    gain: int,
    cap: int,
    keep: Callable[[int, int], bool] | None = None,
) -> _Front:
    """*front* with one more criterion that costs *step* (as a key) and gains *gain*.

    Merges the points without the criterion and with it in key order and keeps
    each point whose gain beats every earlier point's, and which *keep* (given
    key and gain) accepts; a gain reaching *cap* ends the frontier (no later
    point can beat it).
    """
    keys, gains = front
    n = len(keys)
    out_k: list[int] = []
    out_g: list[int] = []
    best = -1
    i = j = 0
    while j < n:
        if i < n and keys[i] <= keys[j] + step:
            k, g = keys[i], gains[i]
            i += 1
        else:
            k, g = keys[j] + step, gains[j] + gain
            if g > cap:
                g = cap
            j += 1
        if g > best and (keep is None or keep(k, g)):
            if out_k and out_k[-1] == k:
                out_g[-1] = g  # the same key with a larger gain replaces it
            else:
                out_k.append(k)
                out_g.append(g)
            best = g
            if g >= cap:
                break
    return out_k, out_g


def _by_ratio(items: Sequence[_Item]) -> list[_Item]:
    """*items*, the most gain per half-step first (exact: cross-multiplied integers)."""

    def better(a: _Item, b: _Item) -> int:
        return b[2] * a[1] - a[2] * b[1]

    return sorted(items, key=cmp_to_key(better))


def _lp_steps(ranked: Sequence[_Item], need: int) -> int | None:
    """The fewest half-steps (rounded up) that reach gain *need* when items may be taken in part.

    A lower bound on any choice of whole items, as the fractional knapsack's
    greedy (most gain per half-step first) is optimal; None when even all of
    them fall short.
    """
    steps = gained = 0
    if need <= 0:
        return 0
    for _, c, g in ranked:
        if gained + g >= need:
            return steps + -(-(need - gained) * c // g)
        steps += c
        gained += g
    return None


def _greedy(ranked: Sequence[_Item], need: int, scale: int) -> tuple[int, _Item | None] | None:
    """The key of whole items taken most gain per half-step first until *need*, and the last."""
    key = gained = 0
    last: _Item | None = None
    for item in ranked:
        if gained >= need:
            break
        key += item[1] * scale + 1
        gained += item[2]
        last = item
    return None if gained < need else (key, last)


def _suffixes(
    items: Sequence[_Item],
    scale: int,
    cap: int,
    bound: tuple[int, int, _Item] | None,
    priced: _Priced | None = None,
) -> list[_Front]:
    """The frontier of each suffix of *items* (``[j]``: the items from the j-th on).

    With *bound* ``(limit, need, (_, c, g))``, a point is dropped when no
    smallest change can contain it: when its key plus a lower bound on the key
    of the rest exceeds *limit* (at least the smallest key). The rest must
    still gain ``need - gain`` from this group's items before the suffix,
    which costs at least ``(c r - phi) / g`` half-steps for
    every ratio ``g / c`` (Lagrange: each item costs at least ``c / g`` times its
    gain minus what it beats that price by, phi summing the latter), or cannot be
    had at all when those items gain less than needed. A point that is part of a
    smallest change passes, whatever the ratio, so only speed depends on the
    ratio chosen: the greedy's last, where the exchange is tight. With
    *priced* (:func:`_priced`), a point is also dropped when the priced bound on
    every criterion outside the suffix exceeds the limit.
    """
    fronts: list[_Front] = [([0], [0])] * (len(items) + 1)
    limit, need, (_, c, g) = bound if bound is not None else (0, 0, (0, 1, 1))
    phi = [0]
    have = [0]
    for _, ci, gi in items:
        phi.append(phi[-1] + max(0, c * gi - g * ci))
        have.append(have[-1] + gi)
    pa, pb, den, need_a, need_b, to_a, to_b, room = priced or (0, 0, 1, 0, 0, False, False, [])
    # The priced bound of a condition the group does not gain towards stays as it is.
    fixed = (0 if to_a else pa * max(0, need_a)) + (0 if to_b else pb * max(0, need_b))
    for j in range(len(items) - 1, -1, -1):
        _, steps, gain = items[j]
        keep: Callable[[int, int], bool] | None = None
        if bound is not None:

            def keep(k: int, gk: int, have: int = have[j], phi: int = phi[j]) -> bool:
                r = need - gk
                if r <= 0:
                    return k <= limit
                if have < r:
                    return False
                return k + max(0, -(-(c * r - phi) // g)) * scale + 1 <= limit

        if priced is not None:

            def keep(
                k: int, gk: int, room: int = room[j], also: Callable[[int, int], bool] | None = keep
            ) -> bool:
                cost = fixed + den * k
                if to_a and need_a > gk:
                    cost += pa * (need_a - gk)
                if to_b and need_b > gk:
                    cost += pb * (need_b - gk)
                return cost <= room and (also is None or also(k, gk))

        fronts[j] = _extend(fronts[j + 1], steps * scale + 1, gain, cap, keep)
    return fronts


def _least(a: _Front, b: _Front, x: _Front, need_a: int, need_b: int) -> int | None:
    """The smallest key of points of *a*, *b*, *x* with ``a + x >= need_a`` and ``b + x >= need_b``."""
    best: int | None = None
    for kx, gx in zip(*x, strict=True):
        ia = bisect_left(a[1], need_a - gx)
        ib = bisect_left(b[1], need_b - gx)
        if ia < len(a[0]) and ib < len(b[0]):
            total = kx + a[0][ia] + b[0][ib]
            if best is None or total < best:
                best = total
    return best


def weighted_change(
    current: Current, weights: Sequence[float], t: int, *, rounding: int = 0
) -> dict[int, int] | None:
    """The smallest change (position to new rank) making ``weighted`` give *t*, or None.

    Exact for any weights >= 0, span ratings and unrated criteria (see the
    module's docstring for why), in exact arithmetic. The rule sums floats:
    it compares twice a running sum of at most m weights with their total;
    each of the m additions and the total round by at most half a unit in the
    last place of a number no larger than the largest possible total (doubling
    and comparing are exact), so ``(2 m + 1) * 2**-53`` of that total bounds
    the error, and nothing rounds at all when every weight is a whole multiple
    of a unit in which that total stays below 2**53 (whole numbers, halves,
    quarters...). *rounding* -1 asks for the smallest among the changes
    whose conditions hold within that error, a superset of those the rule
    accepts: when the rule accepts the answer, it is the smallest the rule
    accepts. *rounding* 1 asks for the smallest among those holding beyond the
    error, which the rule always accepts (rating everything at *t* holds by the
    whole total, so there is one).
    """
    w = _exact(weights)
    total = sum(w[i] for i, cur in enumerate(current) if cur is not None)
    if total == 0:
        return _unweighted(current, w, t)
    groups: tuple[list[_Item], list[_Item], list[_Item]] = ([], [], [])
    above = below = 0
    for i, cur in enumerate(current):
        if cur is None:
            if w[i] > 0:
                groups[2].append((i, 2, w[i]))
            continue
        lo, hi = cur
        above += w[i] if hi > t else 0
        below += w[i] if lo < t else 0
        if w[i] > 0 and (lo, hi) != (t, t):
            group = 2 if lo < t < hi else (0 if hi > t else 1)
            groups[group].append((i, abs(lo - t) + abs(hi - t), 2 * w[i]))
    need_a = 2 * above - total  # group A and X together must gain at least this
    need_b = 2 * below - total + 1  # and group B and X this (the condition is strict)
    largest = sum(w)
    if rounding and largest >= 1 << 53:
        # The error bound e in the weights' unit. A margin the rule may accept is above -e
        # (at least -floor(e), which for the strict condition replaces its +1); one it must
        # accept is at least e, or above e for the strict condition.
        error = (2 * len(current) + 1) * largest
        low, high = error >> 53, -(-error >> 53)
        need_a += high if rounding > 0 else -low
        need_b += low if rounding > 0 else -low - 1
    caps = (max(need_a, 0), max(need_b, 0), max(need_a, need_b, 0))
    scale = len(current) + 1  # a key is half-steps x scale + criteria: ordered as the pair
    needs = (need_a, need_b)
    prices = _prices(groups, needs, scale)
    known = _known(groups, needs, scale, prices)
    if known is None:
        return None  # not reached: taking every candidate always reaches t while W > 0
    # Without X, the half-steps bound prunes about as well as the priced one, for less.
    fronts = _fronts(groups, needs, caps, scale, known, prices if groups[2] else None)
    best = _least(fronts[0][0], fronts[1][0], fronts[2][0], need_a, need_b)
    if best is None:
        return None  # unreachable: the known change is among the points kept
    # The earliest positions, greedily: keep a criterion when a smallest change still completes.
    order = sorted((item[0], g, item) for g, items in enumerate(groups) for item in items)
    seen = [0, 0, 0]
    gained = [0, 0, 0]
    key = 0
    chosen: list[int] = []
    for i, g, (_, steps, gain) in order:
        if key == best:
            break
        seen[g] += 1
        trial = [*gained]
        trial[g] += gain
        rest = _least(
            fronts[0][seen[0]],
            fronts[1][seen[1]],
            fronts[2][seen[2]],
            need_a - trial[0] - trial[2],
            need_b - trial[1] - trial[2],
        )
        if rest is not None and key + steps * scale + 1 + rest <= best:
            chosen.append(i)
            gained = trial
            key += steps * scale + 1
    return dict.fromkeys(chosen, t)


def _fronts(
    groups: tuple[list[_Item], list[_Item], list[_Item]],
    needs: tuple[int, int],
    caps: tuple[int, int, int],
    scale: int,
    limit: int,
    prices: _Prices | None,
) -> list[list[_Front]]:
    """The suffix frontiers of groups A, B and X, pruned by *limit* (at least the smallest key).

    A point of A is dropped when, with all of X's gain, the rest of A and the
    least B can do with all of X (:func:`_lp_steps`) would exceed *limit*; the
    same for B. With *prices* (given when there is an X, whose gain that bound
    takes for free), a point of any group is also dropped when the priced
    bound (:func:`_priced`) on every other criterion exceeds *limit*.
    """
    x_gain = sum(g for _, _, g in groups[2])
    ranked = [_by_ratio(g) for g in groups[:2]]
    priced: list[_Priced | None] = [None, None, None]
    if prices is not None:
        phi_all = sum(_surplus(prices, gr, item, scale) for gr in range(3) for item in groups[gr])
        priced = [_priced(g, groups[g], prices, needs, limit, phi_all, scale) for g in range(3)]
    fronts = []
    for g in (0, 1):
        need = needs[g] - x_gain
        other = needs[1 - g] - x_gain
        steps = _lp_steps(ranked[1 - g], other)
        last = _greedy(ranked[g], need, scale)
        ratio = last[1] if last is not None and last[1] is not None else None
        ratio = ratio or (ranked[g][0] if ranked[g] else None)
        bound = None
        if steps is not None and ratio is not None:
            rest = steps * scale + (1 if other > 0 else 0)
            bound = (limit - rest, need, ratio)
        fronts.append(_suffixes(groups[g], scale, caps[g], bound, priced[g]))
    fronts.append(_suffixes(groups[2], scale, caps[2], None, priced[2]))
    return fronts


def _known(
    groups: tuple[list[_Item], list[_Item], list[_Item]],
    needs: tuple[int, int],
    scale: int,
    prices: _Prices,
) -> int | None:
    """The key of a change known to reach *t*, the smallest of three, or None if none reaches.

    The greedy (most gain per half-step first) in A and in B alone, when they
    suffice; every criterion of X with the greedy in A and B for what remains
    (always enough: it takes everything above and below *t* out); and the
    criteria taken by key less their gain's worth at *prices* (:func:`_worth`)
    until both conditions hold, less every one that is not needed (dearest
    first).
    """
    x_gain = sum(g for _, _, g in groups[2])
    x_key = sum(c * scale + 1 for _, c, _ in groups[2])
    ranked = [_by_ratio(g) for g in groups[:2]]
    limit: int | None = None
    for extra, key in ((0, 0), (x_gain, x_key)):
        ga = _greedy(ranked[0], needs[0] - extra, scale)
        gb = _greedy(ranked[1], needs[1] - extra, scale)
        if ga is not None and gb is not None and (limit is None or key + ga[0] + gb[0] < limit):
            limit = key + ga[0] + gb[0]
    den = prices[2]
    every = [(group, item) for group in range(3) for item in groups[group]]
    # Cheapest by price: the key less what the criterion's gains are worth at the prices.
    every.sort(key=lambda e: den * (e[1][1] * scale + 1) - _worth(prices, e[0], e[1][2]))
    gains = [0, 0]
    taken: list[tuple[int, _Item]] = []
    for group, item in every:
        if gains[0] >= needs[0] and gains[1] >= needs[1]:
            break
        taken.append((group, item))
        gains[0] += item[2] if group != 1 else 0
        gains[1] += item[2] if group != 0 else 0
    if gains[0] >= needs[0] and gains[1] >= needs[1]:
        key = 0
        for group, item in sorted(taken, key=lambda e: -e[1][1]):
            up = gains[0] - (item[2] if group != 1 else 0)
            down = gains[1] - (item[2] if group != 0 else 0)
            if up >= needs[0] and down >= needs[1]:
                gains = [up, down]
            else:
                key += item[1] * scale + 1
        if limit is None or key < limit:
            limit = key
    return limit


def _worth(prices: _Prices, group: int, gain: int) -> int:
    """What a criterion's gain is worth at *prices*, times their denominator."""
    pa, pb, _ = prices
    return (pa if group != 1 else 0) * gain + (pb if group != 0 else 0) * gain


def _surplus(prices: _Prices, group: int, item: _Item, scale: int) -> int:
    """How much more a criterion's gain is worth at *prices* than its key, or 0 (times the denominator)."""
    return max(0, _worth(prices, group, item[2]) - prices[2] * (item[1] * scale + 1))


def _prices(
    groups: tuple[list[_Item], list[_Item], list[_Item]], needs: tuple[int, int], scale: int
) -> _Prices:
    """Prices of gain towards (up) and (down) that make :func:`_priced` tight, as integers.

    Any prices >= 0 give a valid bound, so they are found in floats (a few
    rounds of maximising the bound in one price with the other fixed), on
    gains shifted into a float's range, and then taken exactly as the binary
    fractions the floats are.
    """
    top = max((item[2] for items in groups for item in items), default=1)
    shift = max(0, top.bit_length() - 64)
    every = [
        (group, item[1] * scale + 1, item[2] >> shift)
        for group in range(3)
        for item in groups[group]
        if item[2] >> shift
    ]
    need_a, need_b = needs[0] >> shift, needs[1] >> shift
    up = down = 0.0
    for _ in range(3):
        up = _price([(k - down * g * (gr != 0), g) for gr, k, g in every if gr != 1], need_a)
        down = _price([(k - up * g * (gr != 1), g) for gr, k, g in every if gr != 0], need_b)
    pa, qa = up.as_integer_ratio()
    pb, qb = down.as_integer_ratio()
    return pa * qb, pb * qa, (qa * qb) << shift


def _price(items: list[tuple[float, int]], need: int) -> float:
    """The price of gain at which the criteria worth taking (key below gain x price) first gain *need*."""
    if need <= 0:
        return 0.0
    got = 0
    for key, gain in sorted(items, key=lambda item: item[0] / item[1]):
        got += gain
        if got >= need:
            return max(0.0, key / gain)
    return 0.0


def _priced(
    group: int,
    items: Sequence[_Item],
    prices: _Prices,
    needs: tuple[int, int],
    limit: int,
    phi_all: int,
    scale: int,
) -> _Priced:
    """What :func:`_suffixes` needs to drop a point whose priced bound exceeds *limit*.

    Lagrange, with prices pa, pb >= 0 of gain towards (up) and (down): any
    change T that completes a point (gains ga, gb left to find, at least 0)
    has ``key(T) >= key(T) - pa (gain_a(T) - ga) - pb (gain_b(T) - gb)``,
    which is ``pa ga + pb gb`` plus, over T, each criterion's key less its
    gains' worth; that is at least ``pa ga + pb gb`` less the surplus of every
    criterion outside the suffix (:func:`_surplus`). A point is dropped when
    its key plus that exceeds *limit*: times the denominator, when
    ``pa ga + pb gb + den key`` exceeds ``room[j]``, which is
    ``den limit`` plus that surplus.
    """
    pa, pb, den = prices
    room = [0] * (len(items) + 1)
    tail = 0
    for j in range(len(items) - 1, -1, -1):
        tail += _surplus(prices, group, items[j], scale)
        room[j] = den * limit + phi_all - tail
    return pa, pb, den, needs[0], needs[1], group != 1, group != 0, room


def _unweighted(current: Current, w: Sequence[int], t: int) -> dict[int, int] | None:
    """The smallest change when no rated criterion carries weight (W = 0).

    The rule then takes the lower median, until a criterion with weight is
    rated: rating one such criterion at *t* alone gives *t* (its weight is the
    whole total, every other rated weight is zero), at one step, which any
    change that rates one costs at least. So the answer is the smaller of the
    earliest such criterion rated at *t* and the lower median's smallest change
    among the criteria that leave the total at zero.
    """
    keep = [i for i, cur in enumerate(current) if cur is not None or w[i] == 0]
    found = _order_statistic([current[i] for i in keep], t, lambda m: (m - 1) // 2)
    options = [] if found is None else [{keep[i]: v for i, v in found.items()}]
    weighty = [i for i, cur in enumerate(current) if cur is None and w[i] > 0]
    if weighty:
        options.append({weighty[0]: t})
    if not options:
        return None
    return min(options, key=lambda changed: change_key(current, changed, t))
