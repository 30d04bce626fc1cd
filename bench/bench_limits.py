"""Benchmark of the loader on hostile files: does the cost grow linearly?

For each kind of file the issue found costly (duplicate codes, unknown levels,
problems without end, a long unknown level code, many unknown keys), it loads a
file of size N and one of size 4N, interleaved, --repeat times each, and prints
the median CPU time of each and their ratio. Linear work gives a ratio near 4;
quadratic work would give 16. A baseline measured in the same
run, ``json.loads`` of the same 4N text, shows the machine's speed at the time.

Usage: uv run python bench/bench_limits.py [--n 10000] [--repeat 5]

It prints figures and asserts nothing: timings belong here, not in the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jobarchitecture as ja
from jobarchitecture import _format

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"
BASE = _format.parse(EXAMPLE.read_text(encoding="utf-8"), "x", ".toml")


def _with(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(BASE))
    data.update(changes)
    return data


def _levels(levels: list[str]) -> dict[str, Any]:
    data = _with()
    data["criteria"][0]["descriptors"][0]["levels"] = levels
    return data


KINDS: dict[str, Callable[[int], dict[str, Any]]] = {
    "duplicate note codes": lambda n: _with(notes=[{"code": "n", "text": "x"}] * n),
    "distinct unknown levels": lambda n: _levels([f"L{i}" for i in range(n)]),
    "one unknown level, n times": lambda n: _levels(["X"] * (10 * n)),
    "unknown level code of 100n chars": lambda n: _levels(["Q" * (100 * n)]),
    "unknown keys": lambda n: _with(**{f"k{i}": 1 for i in range(n)}),
    "levels in the scale, spans unknown": lambda n: _with(
        scale={"name": "N", "levels": [{"code": f"l{i}", "name": "n"} for i in range(n)]}
    ),
}


def _cost(path: Path) -> float:
    start = time.process_time()
    with contextlib.suppress(ja.FamilyError):
        ja.load_family(path)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'kind':38} {'N':>8} {'t(N) s':>8} {'t(4N) s':>8} {'ratio':>6}  spread")
        for name, make in KINDS.items():
            small, large = Path(tmp, "small.json"), Path(tmp, "large.json")
            small.write_text(json.dumps(make(args.n)), encoding="utf-8")
            text = json.dumps(make(4 * args.n))
            large.write_text(text, encoding="utf-8")
            a, b, base = [], [], []
            for _ in range(args.repeat):  # interleaved: both see the same machine
                a.append(_cost(small))
                b.append(_cost(large))
                start = time.process_time()
                json.loads(text)
                base.append(time.process_time() - start)
            ratios = [y / x for x, y in zip(a, b, strict=True) if x > 0]
            print(
                f"{name:38} {args.n:>8} {statistics.median(a):8.3f} {statistics.median(b):8.3f} "
                f"{statistics.median(ratios):6.1f}  {min(ratios):.1f}-{max(ratios):.1f}"
                f"  (json.loads 4N: {statistics.median(base):.3f} s)"
            )


if __name__ == "__main__":
    main()
