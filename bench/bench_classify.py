"""Benchmark of classify(): per-call cost against a hand-written lower median, and batch rate.

Run from the repository root::

    uv run python bench/bench_classify.py [--family CODE] [--rows N]

1. Per call: ``classify(family, ratings).level`` on a seed family, against a
   minimal function computing the same lower median over ranks computed in
   advance, both timed in this run on the same rating sets. The ratio is the
   price of everything classify does besides the median (checking criteria and
   levels, resolving the rule, building the result); the target is at most 3x.
   For scale, it also times reading the whole result (``to_dict()``).
2. Batch: ``classify_many`` over N rating sets (default 100,000) in one call,
   consuming the results as they stream: rate and peak memory (tracemalloc).

It prints figures and asserts nothing: timings belong here, not in the tests.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
import timeit
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import jobarchitecture as ja

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"


def lower_median(ranks: Sequence[int]) -> int:
    """The baseline: the lower median of ranks computed in advance."""
    s = sorted(ranks)
    return s[(len(s) - 1) // 2]


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


def bench_per_call(family: ja.Family) -> None:
    rows = rating_sets(family, 1000)
    rank = {lvl.code: lvl.rank for lvl in family.scale}
    ranks = [[rank[v] for v in row.values()] for row in rows]
    # Both sides agree, or the comparison means nothing.
    assert [ja.classify(family, r).level for r in rows] == [
        family.scale.codes[lower_median(r)] for r in ranks
    ]
    classify = ja.classify

    def run_baseline() -> None:
        for r in ranks:
            lower_median(r)

    def run_classify() -> None:
        for r in rows:
            classify(family, r).level  # noqa: B018 (the attribute read is part of the cost)

    def run_full() -> None:
        for r in rows:
            classify(family, r).to_dict()

    n = len(rows)
    # Interleaved and best-of: both sides see the same machine state.
    base = ours = float("inf")
    for _ in range(9):
        base = min(base, per_call(run_baseline, 10, repeat=1) / n)
        ours = min(ours, per_call(run_classify, 10, repeat=1) / n)
    full = per_call(run_full, 3) / n
    print(f"family {family.code!r}: {len(family.criteria)} criteria, {len(family.scale)} levels")
    print(f"  baseline lower median over ranks  {base * 1e9:8.0f} ns/call")
    print(
        f"  classify(...).level               {ours * 1e9:8.0f} ns/call   ratio {ours / base:.2f}x (target <= 3x)"
    )
    print(
        f"  classify(...).to_dict() (all)     {full * 1e9:8.0f} ns/call   ratio {full / base:.2f}x"
    )


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
    args = parser.parse_args()
    family = load(args.family)
    bench_per_call(family)
    bench_batch(family, args.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
