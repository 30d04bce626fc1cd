"""Benchmark of ``Classification.to_reach`` for the built-in rules on large synthetic families.

Run from the repository root::

    uv run python bench/bench_reach.py [--repeat N] [--spans P] [--growth RULE]

For 10, 50, 200 and 400 criteria x 7, 10 and 20 levels, random ratings (seeded)
and a target two levels above the result: the time of ``to_reach`` per rule,
against a baseline measured in the same run and interleaved with it: sorting
the ranks of the ratings (``sorted`` of the m ranks), the least any exact
answer needs for an order statistic. It prints absolute milliseconds (best of N
interleaved runs), the ratio to the baseline, and the spread (worst / best)
of the repeats; the target is under 50 ms for 50 criteria x 10 levels, growing
about linearly beyond (``mode`` too, without spans). A rule that is searched exhaustively is
reported as "search" when it exceeds the search budget.

Then ``weighted`` on its own at 50, 200 and 400 criteria x 10 levels, with
equal, 1-2-3 and random float weights (uniform in [0.5, 3]), without and with
span ratings (a third of the criteria over two adjacent levels) and with half
the criteria not rated ("half"), and the growth
per criterion against 50 criteria (about 1.0 is linear); ``--weighted-only``
prints only these rows.

With ``--spans P`` each rating is instead a span of two adjacent levels with
probability P (``--width W``: of W levels, 2 unless told; ``mode`` with spans
over three or more levels is searched, and reported as "search" beyond the
budget; its rows beyond ``--span-criteria`` criteria, 400 unless told, are
printed as "skipped"). After
the table, the growth per criterion: for each rule and number of levels, the
milliseconds per criterion at 200 and 400 criteria divided by those at 50 (1.0
is linear growth). ``--growth RULE`` then times that rule's 50, 200 and 400
criteria again, one of each per round, so that a spell of load on a shared
machine falls on every size alike.

It prints figures and asserts nothing: timings belong here, not in the tests.
"""

from __future__ import annotations

import argparse
import functools
import random
import statistics
import time
from collections.abc import Callable

import jobarchitecture as ja

RULES = ("lower_median", "upper_median", "minimum", "maximum", "weighted", "weighted 1-2-3", "mode")


def family(criteria: int, levels: int, weights: list[float] | None = None) -> ja.Family:
    """A synthetic family: *criteria* criteria with one descriptor per level."""
    codes = [f"L{i:02d}" for i in range(levels)]
    return ja.Family(
        code="bench",
        name="Bench",
        government="Bench",
        scale=ja.Scale("Niveau", [ja.Level(c, f"Niveau {c}") for c in codes]),
        purpose=ja.Purpose("doen", "iets te bereiken"),
        criteria=[
            ja.Criterion(
                f"c{i}",
                f"Criterium {i}",
                [ja.Descriptor([c], [f"c{i} op {c}"]) for c in codes],
                weight=1.0 if weights is None else weights[i],
            )
            for i in range(criteria)
        ],
    )


def best_of(
    fn: Callable[[], object], repeat: int, baseline: Callable[[], object]
) -> tuple[float, float, float]:
    """Best seconds of *fn* and of *baseline*, interleaved, and *fn*'s spread (worst/best)."""
    times: list[float] = []
    base: list[float] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        baseline()
        t1 = time.perf_counter()
        fn()
        t2 = time.perf_counter()
        base.append(t1 - t0)
        times.append(t2 - t1)
    return min(times), min(base), max(times) / min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="interleaved runs (best is kept)")
    parser.add_argument(
        "--spans", type=float, default=0.0, help="probability of a span rating (default 0)"
    )
    parser.add_argument(
        "--span-criteria",
        type=int,
        default=400,
        help="with --spans, time mode only up to this many criteria (default 400)",
    )
    parser.add_argument(
        "--width",
        type=int,
        default=2,
        help="with --spans, the levels a span rating covers (default 2: adjacent levels)",
    )
    parser.add_argument(
        "--growth",
        metavar="RULE",
        help="then time RULE at 50, 200 and 400 criteria again, the sizes interleaved "
        "round by round (--repeat rounds), for a growth figure less exposed to load",
    )
    parser.add_argument(
        "--weighted-only", action="store_true", help="only the weighted rows at 50-400 criteria"
    )
    parser.add_argument(
        "--instances",
        type=int,
        default=0,
        metavar="K",
        help="only the growth of --growth RULE (default mode) over K seeded rating sets per "
        "size (with --spans, --width), the median of their times",
    )
    args = parser.parse_args()
    if args.weighted_only:
        weighted_rows(args.repeat)
        return
    if args.instances:
        instances_growth(args.growth or "mode", args.instances, args.repeat, args.spans, args.width)
        return
    calls: dict[tuple[str, int, int], Callable[[], object]] = {}
    spans = random.Random(10)  # its own stream: the ratings without spans stay as they were
    timed: dict[tuple[str, int, int], float] = {}
    rng = random.Random(9)
    print(f"{'criteria':>8} {'levels':>6} {'rule':<15} {'ms':>9} {'x sort':>9} {'spread':>7}")
    for m in (10, 50, 200, 400):
        for n in (7, 10, 20):
            f = family(m, n)
            codes = f.scale.codes
            # Ratings around the middle, so that the target needs many changes.
            ratings: dict[str, str | tuple[str, str]] = {
                c.code: codes[min(n - 1, max(0, int(rng.gauss(n / 3, 1))))] for c in f.criteria
            }
            if args.spans:
                for code, level in list(ratings.items()):
                    r = f.scale.rank(str(level))
                    if r < n - 1 and spans.random() < args.spans:
                        ratings[code] = (codes[r], codes[min(n - 1, r + args.width - 1)])
            ranks = [f.scale.rank(r if isinstance(r, str) else r[0]) for r in ratings.values()]
            # The baseline is far faster than one timer tick: repeat it enough to measure.
            loops = 1000

            def baseline(ranks: list[int] = ranks, loops: int = loops) -> None:
                for _ in range(loops):
                    sorted(ranks)

            for rule in RULES:
                if rule == "weighted 1-2-3":  # unequal weights: a different algorithm
                    weights = {c.code: float(1 + i % 3) for i, c in enumerate(f.criteria)}
                    result = ja.classify(f, ratings, "weighted", weights=weights)
                else:
                    result = ja.classify(f, ratings, rule)
                target = codes[min(n - 1, f.scale.rank(result.level) + 2)]
                if args.spans and rule == "mode" and m > args.span_criteria:
                    print(f"{m:>8} {n:>6} {rule:<15} {'skipped':>9} {'-':>9} {'-':>7}")
                    continue
                try:
                    result.to_reach(target)
                except ja.RuleError:
                    print(f"{m:>8} {n:>6} {rule:<15} {'search':>9} {'-':>9} {'-':>7}")
                    continue
                best, base, spread = best_of(
                    functools.partial(result.to_reach, target), args.repeat, baseline
                )
                ratio = best / (base / loops)
                print(f"{m:>8} {n:>6} {rule:<15} {best * 1e3:>9.2f} {ratio:>9.0f} {spread:>7.2f}")
                timed[rule, m, n] = best
                calls[rule, m, n] = functools.partial(result.to_reach, target)
    growth(timed)
    if args.growth:
        interleaved(calls, args.growth, args.repeat)

    weighted_rows(args.repeat)


#: The weighted rows: weights per criterion position, by name.
WEIGHTINGS: dict[str, Callable[[int, random.Random], float]] = {
    "equal": lambda i, rng: 1.0,
    "1-2-3": lambda i, rng: float(1 + i % 3),
    "random": lambda i, rng: rng.uniform(0.5, 3.0),
}


def weighted_rows(repeat: int) -> None:
    """``weighted`` with equal, 1-2-3 and random float weights: single ratings, spans, half unrated.

    Per row the time of ``to_reach`` at 50, 200 and 400 criteria x 10 levels
    and the growth per criterion against 50 criteria (time / criteria, divided
    by the same at 50): about 1.0 is linear growth. The three sizes of a row
    are timed once per round, each after its baseline, so that a spell of load
    on a shared machine falls on every size alike.
    """
    n = 10
    print()
    print(f"weighted, {n} levels; growth = (ms / criteria) / (ms / criteria at 50)")
    print(
        f"{'criteria':>8} {'weights':<8} {'spans':<5} {'ms':>9} {'x sort':>9} {'spread':>7} {'growth':>7}"
    )
    loops = 1000
    for name, weight in WEIGHTINGS.items():
        for spans in (False, True, "unrated"):
            sizes: list[tuple[int, str, Callable[[], object], Callable[[], object]]] = []
            for m in (50, 200, 400):
                rng = random.Random(f"{name}-{spans}-{m}")
                f = family(m, n, [weight(i, rng) for i in range(m)])
                codes = f.scale.codes
                ratings: dict[str, object] = {}
                for c in f.criteria:
                    r = min(n - 2, max(0, int(rng.gauss(n / 3, 1))))
                    if spans == "unrated" and rng.random() < 1 / 2:
                        continue  # half the criteria not rated: they can move either condition
                    # A third of the criteria rated over two adjacent levels.
                    ratings[c.code] = (
                        (codes[r], codes[r + 1])
                        if spans is True and rng.random() < 1 / 3
                        else codes[r]
                    )
                ranks = [f.scale.rank(r if isinstance(r, str) else r[0]) for r in ratings.values()]

                def baseline(ranks: list[int] = ranks) -> None:
                    for _ in range(loops):
                        sorted(ranks)

                result = ja.classify(f, ratings, "weighted")
                target = codes[min(n - 1, f.scale.rank(result.level) + 2)]
                form = "half" if spans == "unrated" else "yes" if spans else "no"
                label = f"{m:>8} {name:<8} {form:<5}"
                try:
                    result.to_reach(target)
                except ja.RuleError:
                    print(f"{label} {'search':>9} {'-':>9} {'-':>7} {'-':>7}")
                    continue
                sizes.append((m, label, functools.partial(result.to_reach, target), baseline))
            times: dict[int, list[float]] = {m: [] for m, *_ in sizes}
            bases: dict[int, list[float]] = {m: [] for m, *_ in sizes}
            for _ in range(repeat):
                for m, _, call, baseline in sizes:
                    best, base, _ = best_of(call, 1, baseline)
                    times[m].append(best)
                    bases[m].append(base)
            per_criterion: float | None = None
            for m, label, _, _ in sizes:
                best = min(times[m])
                ratio = best / (min(bases[m]) / loops)
                if per_criterion is None:
                    per_criterion = best / m
                growth = best / m / per_criterion
                spread = max(times[m]) / best
                print(f"{label} {best * 1e3:>9.2f} {ratio:>9.0f} {spread:>7.2f} {growth:>7.2f}")


def interleaved(
    calls: dict[tuple[str, int, int], Callable[[], object]], rule: str, rounds: int
) -> None:
    """Growth per criterion of *rule*, every size timed once per round, best of the rounds."""
    sizes = [(m, n) for n in (7, 10, 20) for m in (50, 200, 400) if (rule, m, n) in calls]
    best: dict[tuple[int, int], float] = {}
    for _ in range(rounds):
        for m, n in sizes:
            t0 = time.perf_counter()
            calls[rule, m, n]()
            elapsed = time.perf_counter() - t0
            best[m, n] = min(best.get((m, n), elapsed), elapsed)
    print()
    print(f"{rule}, sizes interleaved, best of {rounds} rounds: ms (per criterion vs 50)")
    for n in (7, 10, 20):
        if (50, n) not in best:
            continue
        base = best[50, n] / 50
        cells = [
            f"{m}: {best[m, n] * 1e3:.2f} ({best[m, n] / m / base:.2f})"
            for m in (50, 200, 400)
            if (m, n) in best
        ]
        print(f"  {n:>2} levels  " + "   ".join(cells))


def instances_growth(rule: str, k: int, rounds: int, spans: float, width: int) -> None:
    """Growth per criterion of *rule* over *k* rating sets per size: the median of their times.

    One rating set per size says as much about that set as about the size: at 50
    criteria x 10 levels with adjacent spans, five seeds took 4 to 22 pairs of
    counts (8 to 27 ms) under ``mode``. Every set of every size is timed once
    per round (interleaved), each keeps its best round, and the growth compares
    the median set of each size.
    """
    sizes = [(m, n) for n in (7, 10, 20) for m in (50, 200, 400)]
    calls: dict[tuple[int, int, int], Callable[[], object]] = {}
    for m, n in sizes:
        f = family(m, n)
        codes = f.scale.codes
        for seed in range(k):
            rng = random.Random(f"{rule}-{m}-{n}-{seed}")
            # As in the main table: ratings around the middle, a target two levels up.
            ratings: dict[str, str | tuple[str, str]] = {
                c.code: codes[min(n - 1, max(0, int(rng.gauss(n / 3, 1))))] for c in f.criteria
            }
            for code, level in list(ratings.items()):
                r = f.scale.rank(str(level))
                if spans and r < n - 1 and rng.random() < spans:
                    ratings[code] = (codes[r], codes[min(n - 1, r + width - 1)])
            result = ja.classify(f, ratings, rule)
            target = codes[min(n - 1, f.scale.rank(result.level) + 2)]
            calls[m, n, seed] = functools.partial(result.to_reach, target)
    best: dict[tuple[int, int, int], float] = {}
    for _ in range(rounds):
        for key, call in calls.items():
            t0 = time.perf_counter()
            try:
                call()
            except ja.RuleError:  # beyond the search budget: left out
                best[key] = float("nan")
                continue
            elapsed = time.perf_counter() - t0
            best[key] = min(best.get(key, elapsed), elapsed)
    print(
        f"{rule}, {k} rating sets per size (spans {spans:g}, width {width}), best of {rounds} "
        "rounds each: median ms [fastest-slowest] (median per criterion vs 50)"
    )
    for n in (7, 10, 20):
        medians = {m: statistics.median(best[m, n, s] for s in range(k)) for m in (50, 200, 400)}
        cells = []
        for m in (50, 200, 400):
            times = sorted(best[m, n, s] for s in range(k))
            ratio = medians[m] / m / (medians[50] / 50)
            cells.append(
                f"{m}: {medians[m] * 1e3:.1f} [{times[0] * 1e3:.1f}-{times[-1] * 1e3:.1f}] ({ratio:.2f})"
            )
        print(f"  {n:>2} levels  " + "   ".join(cells))


def growth(timed: dict[tuple[str, int, int], float]) -> None:
    """Per rule and number of levels: ms per criterion at 200 and 400 over that at 50."""
    print()
    print(
        f"{'levels':>6} {'rule':<15} {'200 vs 50':>10} {'400 vs 50':>10}   (per criterion; 1.0 = linear)"
    )
    for n in (7, 10, 20):
        for rule in RULES:
            base = timed.get((rule, 50, n))
            if base is None:
                continue
            cells = [
                f"{timed[rule, m, n] / m / (base / 50):>10.2f}"
                if (rule, m, n) in timed
                else f"{'-':>10}"
                for m in (200, 400)
            ]
            print(f"{n:>6} {rule:<15} {cells[0]} {cells[1]}")


if __name__ == "__main__":
    main()
