"""Benchmark of classify(): per-call cost against a hand-written lower median, and batch rate.

Run from the repository root::

    uv run python bench/bench_classify.py [--family CODE] [--rows N]

1. Per call, on a seed family and the same rating sets, all timed in this run:

   - the bare baseline: the lower median over ranks computed in advance;
   - the fair baseline: what any correct code must do with a rating set, a
     dict lookup of each rated level's rank, a sort and the lower median's code;
   - ``classify(family, ratings).level``: target at most 1.5x the fair baseline;
   - ``classify(family, ratings).warnings`` (what batch output reads): target at
     most 3x the fair baseline;
   - both again with the remembered results and warnings cleared before each
     rating set (each pattern at first sight): the 1,000 rating sets repeat
     patterns, as a batch does, and ``classify`` remembers results per pattern;
     same targets;
   - both at first sight with remembering off as well ("not remembering"), the
     state a stream of patterns that seldom repeat reaches: no lookup, no store;
   - ``classify(family, ratings).to_dict()`` (the whole result), for scale.

   Interleaved best-of runs; the spread over the runs is printed too.
2. Batch: ``classify_many`` over N rating sets (default 100,000) in one call,
   consuming the results as they stream: rate and peak memory (tracemalloc).

It prints figures and asserts nothing: timings belong here, not in the tests.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import timeit
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import jobarchitecture as ja
from jobarchitecture._classify import _engine

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"


def lower_median(ranks: Sequence[int]) -> int:
    """The bare baseline: the lower median of ranks computed in advance."""
    s = sorted(ranks)
    return s[(len(s) - 1) // 2]


def fair_lower_median(rank: dict[str, int], codes: Sequence[str], ratings: dict[str, str]) -> str:
    """The fair baseline: look each rated level's rank up, sort, pick the lower median's code."""
    s = sorted([rank[v] for v in ratings.values()])
    return codes[s[(len(s) - 1) // 2]]


def load(code: str) -> ja.Family:
    try:
        return ja.get_family(code)
    except ja.JobArchitectureError as exc:
        print(f"seed family {code!r} unavailable ({exc}); using {EXAMPLE.name}", file=sys.stderr)
        return ja.load_family(EXAMPLE)


def rating_sets(family: ja.Family, n: int, seed: int = 4) -> list[dict[str, str]]:
    rng = random.Random(seed)
    codes = family.scale.codes
    return [{c.code: rng.choice(codes) for c in family.criteria} for _ in range(n)]


def per_call(fn: Callable[[], object], number: int, repeat: int = 7) -> float:
    """Best-of-*repeat* seconds per call: the least disturbed measurement."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def bench_per_call(family: ja.Family, rounds: int = 9) -> None:
    rows = rating_sets(family, 1000)
    rank = {lvl.code: lvl.rank for lvl in family.scale}
    codes = family.scale.codes
    ranks = [[rank[v] for v in row.values()] for row in rows]
    # All sides agree, or the comparison means nothing.
    expected = [ja.classify(family, r).level for r in rows]
    assert expected == [codes[lower_median(r)] for r in ranks]
    assert expected == [fair_lower_median(rank, codes, r) for r in rows]
    classify = ja.classify

    def run_bare() -> None:
        for r in ranks:
            lower_median(r)

    def run_fair() -> None:
        for r in rows:
            fair_lower_median(rank, codes, r)

    def run_level() -> None:
        for r in rows:
            classify(family, r).level  # noqa: B018 (the attribute read is part of the cost)

    def run_warnings() -> None:
        for r in rows:
            classify(family, r).warnings  # noqa: B018

    plan = _engine._plan(family)

    # Every rating pattern as if seen for the first time: the remembered warnings
    # and results cleared before each call (the clearing is in the figure).
    memos = [
        m for m in (getattr(plan, "warned", None), getattr(plan, "results", None)) if m is not None
    ]

    def run_level_first() -> None:
        for r in rows:
            for memo in memos:
                memo.clear()
            classify(family, r).level  # noqa: B018

    def run_warnings_first() -> None:
        for r in rows:
            for memo in memos:
                memo.clear()
            classify(family, r).warnings  # noqa: B018

    # First sight again with remembering off, the state classify reaches after a
    # round of 4,096 patterns that seldom repeat: no memo lookup, no store.
    def forgetting(run: Callable[[], None]) -> Callable[[], None]:
        def run_off() -> None:
            before = plan.remember
            plan.remember = False
            try:
                run()
            finally:
                plan.remember = before

        return run_off

    def run_full() -> None:
        for r in rows:
            classify(family, r).to_dict()

    n = len(rows)
    sides = {
        "bare baseline: lower median of ranks": (run_bare, 10),
        "fair baseline: rank lookup, sort, pick": (run_fair, 10),
        "classify(...).level": (run_level, 10),
        "classify(...).warnings": (run_warnings, 5),
        "classify(...).level, first sight": (run_level_first, 5),
        "classify(...).warnings, first sight": (run_warnings_first, 2),
        "classify(...).level, first sight, not remembering": (forgetting(run_level_first), 5),
        "classify(...).warnings, first sight, not remembering": (
            forgetting(run_warnings_first),
            2,
        ),
        "classify(...).to_dict() (all)": (run_full, 2),
    }
    times: dict[str, list[float]] = {name: [] for name in sides}
    # Interleaved: every side sees the same machine state, round after round.
    for _ in range(rounds):
        for name, (fn, number) in sides.items():
            times[name].append(per_call(fn, number, repeat=1) / n)
    best = {name: min(t) for name, t in times.items()}
    fair_name = "fair baseline: rank lookup, sort, pick"
    fair = best[fair_name]
    # Paired: each round's time over the fair baseline's in the same round, the
    # median over rounds. On a shared machine whose speed changes from second to
    # second, two best-of figures may come from different phases; a round's pair
    # shares one.
    paired = {
        name: statistics.median(a / b for a, b in zip(t, times[fair_name], strict=True))
        for name, t in times.items()
    }
    targets = {
        name: 1.5 if ".level" in name else 3.0
        for name in sides
        if name.startswith(("classify(...).level", "classify(...).warnings"))
    }
    print(f"family {family.code!r}: {len(family.criteria)} criteria, {len(family.scale)} levels")
    print(
        f"  best of {rounds} interleaved rounds; spread = worst/best round of each side;"
        " paired = median over rounds of the round's ratio to the fair baseline's"
    )
    for name, seconds in best.items():
        spread = max(times[name]) / seconds
        line = f"  {name:<52} {seconds * 1e9:8.0f} ns/call  {seconds / fair:6.2f}x fair"
        line += f"  (spread {spread:.2f}, paired {paired[name]:.2f}x)"
        if name in targets:
            # Met only when both readings say so.
            ok = max(seconds / fair, paired[name]) <= targets[name]
            line += f"  target <= {targets[name]}x: {'met' if ok else 'MISSED'}"
        print(line)


def bench_batch(family: ja.Family, n: int) -> None:
    pool = rating_sets(family, 1000, seed=5)

    def rows() -> Iterator[dict[str, str]]:
        # Generated on the fly, so memory reflects classify_many, not the input.
        for i in range(n):
            yield pool[i % len(pool)]

    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    levels: Counter[str] = Counter()
    errors = 0
    for result in ja.classify_many(family, rows()):
        if isinstance(result, ja.Classification):
            levels[result.level] += 1
        else:
            errors += 1
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"batch: {n:,} rating sets in one classify_many call")
    print(f"  {elapsed:.2f} s, {n / elapsed:,.0f} rating sets/s (under tracemalloc)")
    print(
        f"  peak traced memory {peak / 1024:,.0f} KiB; levels {dict(sorted(levels.items()))}, errors {errors}"
    )
    start = time.perf_counter()
    for _ in ja.classify_many(family, rows()):
        pass
    elapsed = time.perf_counter() - start
    print(f"  {n / elapsed:,.0f} rating sets/s without tracemalloc")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--family", default="ondersteuners")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=9, help="interleaved rounds per side")
    args = parser.parse_args()
    family = load(args.family)
    bench_per_call(family, args.rounds)
    bench_batch(family, args.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
