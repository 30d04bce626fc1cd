"""Benchmark of how costs grow: with levels, criteria, families and installed distributions.

Run from the repository root::

    uv run python bench/bench_scaling.py [--rounds 5]

Each line times the same work at a small and a large size in this run,
interleaved, and prints the cost per unit at both sizes and their ratio: about
1.0x means linear (flat per unit); a ratio that grows with the size ratio means
worse than linear.

1. The classification index of a family (built on its first classify), per
   level: 100 vs 1,000 levels (3 criteria); per criterion: 10 vs 1,000
   criteria (5 levels).
2. One ``classify(...).warnings`` on 7 criteria, per call: 10 vs 1,000 levels
   (flat: the warnings read ranks computed once per family, not per call).
3. One ``classify(...).level`` with every criterion rated, per criterion: 10 vs
   1,000 criteria.
4. Listing families (``Registry.codes`` and ``Registry.summary``, family cache
   filled), per family: 5 vs 50 family files.
5. Entry-point discovery, per call: 20 vs 300 fake ``.dist-info`` directories,
   and 300 with one ``.egg-info`` among them (no fallback to a whole
   ``importlib.metadata`` scan); then the whole cold ``family_codes()`` in a
   fresh process with each fake site first on ``sys.path`` (median of runs).

It prints figures and asserts nothing: timings belong here, not in the tests.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import jobarchitecture as ja
from jobarchitecture import _entrypoints, _format
from jobarchitecture._classify import _engine


def make_family(levels: int, criteria: int, code: str = "schaal") -> ja.Family:
    """A family with *levels* levels and *criteria* criteria, one descriptor per level."""
    scale = ja.Scale("Niveau", [ja.Level(f"L{i}", f"Niveau {i}") for i in range(levels)])
    crits = [
        ja.Criterion(
            f"c{j}",
            f"Criterium {j}",
            [ja.Descriptor([f"L{i}"], [f"Tekst {j}.{i}"]) for i in range(levels)],
        )
        for j in range(criteria)
    ]
    return ja.Family(
        code,
        "Schaal",
        "Overheid",
        scale,
        ja.Purpose("Iets doen", "iets bereiken"),
        criteria=crits,
    )


def best(fn: Callable[[], object], rounds: int) -> float:
    """The least disturbed of *rounds* timings of fn() (seconds).

    The cyclic garbage collector is off while timing, as timeit has it: its
    passes cost in proportion to every live object, the large families
    included, and would charge the large size for the objects' number, not the
    work timed.
    """
    out = float("inf")
    for _ in range(rounds):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            fn()
            out = min(out, time.perf_counter() - start)
        finally:
            gc.enable()
    return out


def compare(
    label: str,
    unit: str,
    small: tuple[int, Callable[[], object]],
    large: tuple[int, Callable[[], object]],
    rounds: int,
) -> None:
    """Time both sizes interleaved and print the cost per unit and the ratio."""
    (n_small, f_small), (n_large, f_large) = small, large
    # Each timing long enough (about 50 ms) for the clock and the scheduler not to matter.
    reps = [max(1, round(0.05 / max(best(f, 1), 1e-6))) for f in (f_small, f_large)]

    def repeated(f: Callable[[], object], k: int) -> Callable[[], object]:
        return lambda: [f() for _ in range(k)]

    t_small = t_large = float("inf")
    for _ in range(rounds):
        t_small = min(t_small, best(repeated(f_small, reps[0]), 1) / reps[0])
        t_large = min(t_large, best(repeated(f_large, reps[1]), 1) / reps[1])
    per_small, per_large = t_small / n_small, t_large / n_large
    print(
        f"  {label:<44} {n_small:>5} {unit}: {per_small * 1e6:9.2f} us each"
        f"   {n_large:>5}: {per_large * 1e6:9.2f}   ratio {per_large / per_small:5.2f}x"
    )


def bench_index(rounds: int) -> None:
    few_levels, many_levels = make_family(100, 3), make_family(1000, 3)
    compare(
        "classification index, per level",
        "levels",
        (100, lambda: _engine._Plan(few_levels)),
        (1000, lambda: _engine._Plan(many_levels)),
        rounds,
    )
    few_crit, many_crit = make_family(5, 10), make_family(5, 1000)
    compare(
        "classification index, per criterion",
        "criteria",
        (10, lambda: _engine._Plan(few_crit)),
        (1000, lambda: _engine._Plan(many_crit)),
        rounds,
    )


def bench_warnings(rounds: int) -> None:
    calls = 2000

    def runner(family: ja.Family) -> Callable[[], object]:
        codes = family.scale.codes
        # Criteria far apart and a span: every warning is worded.
        ratings = {f"c{j}": codes[(j * 7) % len(codes)] for j in range(6)}
        ratings["c6"] = f"{codes[0]}..{codes[1]}"
        ja.classify(family, ratings).warnings  # noqa: B018 (builds the index first)

        def run() -> None:
            for _ in range(calls):
                ja.classify(family, ratings).warnings  # noqa: B018

        return run

    compare(
        "classify(...).warnings on 7 criteria, per call",
        "calls",
        (calls, runner(make_family(10, 7))),
        (calls, runner(make_family(1000, 7))),
        rounds,
    )
    print("    (both sizes make the same number of calls: the ratio is 10 vs 1,000 levels)")


def bench_criteria(rounds: int) -> None:
    def runner(family: ja.Family, calls: int) -> Callable[[], object]:
        codes = family.scale.codes
        ratings = {c.code: codes[i % len(codes)] for i, c in enumerate(family.criteria)}
        ja.classify(family, ratings).level  # noqa: B018

        def run() -> None:
            for _ in range(calls):
                ja.classify(family, ratings).level  # noqa: B018

        return run

    compare(
        "classify(...).level, all rated, per criterion",
        "criteria",
        (10 * 1000, runner(make_family(5, 10), 1000)),
        (1000 * 10, runner(make_family(5, 1000), 10)),
        rounds,
    )


def bench_families(rounds: int, tmp: Path) -> None:
    def runner(count: int) -> Callable[[], object]:
        directory = tmp / f"families-{count}"
        directory.mkdir()
        for i in range(count):
            family = make_family(4, 3, code=f"familie{i}")
            (directory / f"familie{i}.json").write_text(
                _format.dumps_family(family), encoding="utf-8"
            )
            os.utime(directory / f"familie{i}.json", (time.time() - 60, time.time() - 60))

        def run() -> None:
            registry = ja.Registry(paths=[directory], use_entry_points=False)
            for code in registry.codes():
                getattr(registry, "summary", registry.get)(code)  # (before: no summary)

        run()  # fills the family cache
        return run

    compare(
        "listing families (cache filled), per family",
        "families",
        (5, runner(5)),
        (50, runner(50)),
        rounds,
    )


def _fake_site(directory: Path, count: int, *, egg_info: bool = False) -> Path:
    directory.mkdir()
    for i in range(count):
        info = directory / f"fake_dist_{i}-1.{i}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: fake-dist-{i}\nVersion: 1.{i}\n\n"
        )
        if i % 10 == 0:
            (info / "entry_points.txt").write_text("[console_scripts]\nfake = fake:main\n")
    # One family plugin among them, so the group is not empty.
    plugin = directory / "fake_family-1.0.dist-info"
    plugin.mkdir()
    (plugin / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-family\nVersion: 1.0\n\n")
    (plugin / "entry_points.txt").write_text("[jobarchitecture.families]\nfake = fake_family\n")
    if egg_info:
        egg = directory / "old_style-0.1-py3.11.egg-info"
        egg.mkdir()
        (egg / "PKG-INFO").write_text("Metadata-Version: 1.1\nName: old-style\nVersion: 0.1\n\n")
    return directory


def bench_discovery(rounds: int, tmp: Path) -> None:
    group = "jobarchitecture.families"
    few = str(_fake_site(tmp / "site-20", 20))
    many = str(_fake_site(tmp / "site-300", 300))
    eggs = str(_fake_site(tmp / "site-300-egg", 300, egg_info=True))
    calls = 20

    def runner(place: str) -> Callable[[], object]:
        def run() -> None:
            for _ in range(calls):
                _entrypoints.entry_points(group, [place])

        return run

    sites = {"20": few, "300": many, "300+egg": eggs}
    t = dict.fromkeys(sites, float("inf"))
    for _ in range(rounds):
        for name, place in sites.items():
            t[name] = min(t[name], best(runner(place), 1) / calls)
    print(
        f"  {'entry-point discovery, per call':<44}    20 dists: {t['20'] * 1e3:7.2f} ms"
        f"   300: {t['300'] * 1e3:7.2f} ms ({t['300'] / t['20']:.2f}x)"
        f"   300 + one .egg-info: {t['300+egg'] * 1e3:7.2f} ms ({t['300+egg'] / t['20']:.2f}x)"
    )
    # The whole cold `family_codes()`, with each fake site first on sys.path.
    code = "import jobarchitecture as ja; ja.family_codes()"
    wall: dict[str, list[float]] = {name: [] for name in sites}
    # As after an install: bytecode cached, no family path of the caller's shell.
    drop = {"JOBARCHITECTURE_PATH", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    for _ in range(rounds * 3):
        for name, place in sites.items():
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", code], env={**env, "PYTHONPATH": place}, check=True
            )
            wall[name].append(time.perf_counter() - start)
    med = {name: statistics.median(w) for name, w in wall.items()}
    print(
        f"  {'cold family_codes(), median of ' + str(rounds * 3):<44}    20 dists: {med['20'] * 1e3:7.1f} ms"
        f"   300: {med['300'] * 1e3:7.1f} ms ({med['300'] / med['20']:.2f}x)"
        f"   300 + one .egg-info: {med['300+egg'] * 1e3:7.1f} ms ({med['300+egg'] / med['20']:.2f}x)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"scaling, best of {args.rounds} interleaved rounds (Python {sys.version.split()[0]})")
    bench_index(args.rounds)
    bench_warnings(args.rounds)
    bench_criteria(args.rounds)
    with tempfile.TemporaryDirectory(prefix="ja-bench-") as name:
        os.environ["JOBARCHITECTURE_CACHE_DIR"] = str(Path(name) / "cache")
        bench_families(args.rounds, Path(name))
        bench_discovery(args.rounds, Path(name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
