"""Benchmark of ``classify_table`` against hand-written numpy, polars and DuckDB.

On --rows generated rows (default one million) of the seven ``ondersteuners``
criteria (levels D, C, B as strings, a share of empty cells), measured in one
run, interleaved, --repeat times, and reported as medians with their spread
(min..max over the repeats):

- ``numpy median``: the hand-written baseline, a lower median
  (``np.sort(ranks, axis=1)[:, 3]``) over ranks computed in advance;
- ``strings -> ranks``: turning the string columns into those ranks by hand
  (pandas: ``factorize`` and a lookup table; polars: ``replace_strict``);
- ``classify_table``: the whole call on a pandas and on a polars DataFrame,
  result columns included (level, level_span, spread, warnings, error);
- ``polars query`` / ``duckdb query``: the same rank lookup and lower median
  written as a polars expression (sorted lists, and counting per level) and as
  SQL (level column only).

Target: ``classify_table`` <= 2x (numpy median + strings -> ranks). Also the
pickled size of a Family and the time to pickle and unpickle it.

Usage: uv run python bench/bench_table.py [--rows 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

import jobarchitecture as ja

TARGET = 2.0


def _data(rows: int) -> dict[str, Any]:
    rng = np.random.default_rng(7)
    family = ja.get_family("ondersteuners")
    codes = [c.code for c in family.criteria]
    # Mostly one level per function with a neighbour here and there, as real
    # ratings are; 1% empty cells.
    base = rng.integers(0, 3, rows)
    out: dict[str, Any] = {}
    for code in codes:
        shift = rng.choice([-1, 0, 0, 0, 1], rows)
        level = np.clip(base + shift, 0, 2)
        col = np.array(["D", "C", "B"], dtype=object)[level]
        col[rng.random(rows) < 0.01] = None
        out[code] = col
    return out


def _complete(data: dict[str, Any]) -> dict[str, Any]:
    # The numpy baseline and the queries need every cell rated; fill the gaps with C.
    return {k: np.where(pd.isna(v), "C", v).astype(object) for k, v in data.items()}


def _time(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    family = ja.get_family("ondersteuners")
    data = _data(args.rows)
    full = _complete(data)
    frame = pd.DataFrame(data)
    pframe = pl.DataFrame(
        {k: list(v) for k, v in data.items()}, schema=dict.fromkeys(data, pl.String)
    )
    full_frame = pd.DataFrame(full)
    full_pframe = pl.DataFrame({k: list(v) for k, v in full.items()})
    lut = {"D": 0, "C": 1, "B": 2}

    def strings_to_ranks_pandas() -> Any:
        cols = []
        for k in full:
            codes, uniques = pd.factorize(full_frame[k])
            cols.append(np.array([lut[u] for u in uniques], dtype=np.int8)[codes])
        return np.stack(cols, axis=1)

    def strings_to_ranks_polars() -> Any:
        return full_pframe.select(
            pl.col(k).replace_strict(lut, return_dtype=pl.Int8) for k in full
        ).to_numpy()

    ranks = strings_to_ranks_pandas()

    def numpy_median() -> Any:
        return np.sort(ranks, axis=1)[:, (ranks.shape[1] - 1) // 2]

    def polars_query() -> Any:
        lists = pl.concat_list([pl.col(k).replace_strict(lut, return_dtype=pl.Int8) for k in full])
        return full_pframe.select(lists.list.sort().list.get(3).alias("level"))

    def polars_counts() -> Any:
        # The lower median of seven ranks 0..2 by counting: what a tuned hand query does.
        r = [pl.col(k).replace_strict(lut, return_dtype=pl.Int8) for k in full]
        low = pl.sum_horizontal([(x == 0).cast(pl.Int8) for x in r])
        mid = pl.sum_horizontal([(x <= 1).cast(pl.Int8) for x in r])
        level = pl.when(low >= 4).then(0).when(mid >= 4).then(1).otherwise(2)
        return full_pframe.select(level.alias("level"))

    import duckdb

    con = duckdb.connect()
    con.register("t", full_pframe.to_arrow())
    case = lambda k: f"CASE {k} WHEN 'D' THEN 0 WHEN 'C' THEN 1 ELSE 2 END"  # noqa: E731
    sql = "SELECT list_sort([" + ", ".join(case(k) for k in full) + "])[4] AS level FROM t"

    def duckdb_query() -> Any:
        return con.execute(sql).fetchnumpy()

    jobs: dict[str, Callable[[], Any]] = {
        "numpy median (precomputed ranks)": numpy_median,
        "strings -> ranks, pandas": strings_to_ranks_pandas,
        "strings -> ranks, polars": strings_to_ranks_polars,
        "classify_table, pandas": lambda: ja.classify_table(family, frame),
        "classify_table, polars": lambda: ja.classify_table(family, pframe),
        "polars query": polars_query,
        "polars query, counting": polars_counts,
        "duckdb query": duckdb_query,
    }
    for job in jobs.values():  # warm-up: imports, family index, caches
        job()
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(args.repeat):
        for name, job in jobs.items():
            times[name].append(_time(job))

    def ratios(a: str, *b: str) -> list[float]:
        return [x / sum(times[k][i] for k in b) for i, x in enumerate(times[a])]

    def show(label: str, values: list[float]) -> str:
        return (
            f"{label}: {statistics.median(values):.2f}x "
            f"(spread {min(values):.2f}..{max(values):.2f})"
        )

    print(
        f"{args.rows:,} rows x 7 criteria (ondersteuners), {args.repeat} interleaved repeats, "
        f"Python {sys.version.split()[0]}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"polars {pl.__version__}, duckdb {duckdb.__version__}"
    )
    width = max(map(len, jobs))
    for name, t in times.items():
        med = statistics.median(t)
        print(
            f"  {name:<{width}}  {med * 1000:8.1f} ms  (spread {min(t) * 1000:.1f}..{max(t) * 1000:.1f})"
            f"  {args.rows / med:>13,.0f} rows/s"
        )
    for lib in ("pandas", "polars"):
        both = ratios(
            f"classify_table, {lib}", "numpy median (precomputed ranks)", f"strings -> ranks, {lib}"
        )
        mark = "met" if statistics.median(both) <= TARGET else "MISSED"
        print(
            "  "
            + show(f"classify_table {lib} / (numpy median + strings->ranks {lib})", both)
            + f"  target <= {TARGET}x: {mark}"
        )
        print(
            "  "
            + show(
                f"classify_table {lib} / numpy median alone",
                ratios(f"classify_table, {lib}", "numpy median (precomputed ranks)"),
            )
        )
        print(
            "  "
            + show(
                f"classify_table {lib} / polars query",
                ratios(f"classify_table, {lib}", "polars query"),
            )
        )
        print(
            "  "
            + show(
                f"classify_table {lib} / polars query, counting",
                ratios(f"classify_table, {lib}", "polars query, counting"),
            )
        )
        print(
            "  "
            + show(
                f"classify_table {lib} / duckdb query",
                ratios(f"classify_table, {lib}", "duckdb query"),
            )
        )

    blob = pickle.dumps(family)
    dump = [_time(lambda: pickle.dumps(family)) for _ in range(50)]
    load = [_time(lambda: pickle.loads(blob)) for _ in range(50)]
    data_blob = pickle.dumps(ja.family_to_data(family))
    print(
        f"  Family pickle: {len(blob):,} bytes (its plain data pickled: {len(data_blob):,} bytes, "
        f"{len(blob) / len(data_blob):.2f}x); dumps {statistics.median(dump) * 1e3:.2f} ms, "
        f"loads {statistics.median(load) * 1e3:.2f} ms (median of 50)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
