"""Benchmark of ``classify-batch`` against a bare csv pass, polars and DuckDB.

One generated CSV of --rows rows (default one million): an id, the seven
``ondersteuners`` criteria (D, C, B; mostly one level per row with neighbours,
1% empty cells) and a remark. Each contender runs in its own process, reads the
file and writes a CSV to a temporary file; the runs are interleaved, --repeat
times, and reported as medians with their spread (min..max of the ratios):

- ``csv pass``: ``csv.reader`` -> ``csv.writer``, appending five empty cells:
  the floor for any CSV-to-CSV tool in Python (the baseline);
- ``classify-batch``: the command, as a user runs it;
- ``polars`` / ``duckdb``: read the CSV, look up the ranks, take the lower
  median, write the CSV (level column only: a lower bound for the same query).

Target: classify-batch <= 3x the csv pass (goal 2x). Then the peak RSS of
classify-batch on 10,000 rows and on --rows rows (flat when streaming).

Usage: uv run python bench/bench_batch.py [--rows 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
CRITERIA = [
    "kennis",
    "documenten",
    "praktische_organisatie",
    "procedures",
    "verbetering",
    "vragen_of_klachten",
    "contacten",
]
TARGET, GOAL = 3.0, 2.0

CSV_PASS = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f, open(sys.argv[2], "w", newline="", encoding="utf-8") as o:
    w = csv.writer(o, lineterminator="\\n")
    extra = ["", "", "", "", ""]
    for row in csv.reader(f):
        w.writerow(row + extra)
"""

POLARS = """
import sys, polars as pl
lut = {"D": 0, "C": 1, "B": 2}
crit = sys.argv[3].split(",")
df = pl.read_csv(sys.argv[1], infer_schema=False)
ranks = pl.concat_list([pl.col(c).replace_strict(lut, default=None, return_dtype=pl.Int8) for c in crit])
med = ranks.list.drop_nulls().list.sort()
level = med.list.get((med.list.len() - 1) // 2, null_on_oob=True)
df.with_columns(level=level.replace_strict([0, 1, 2], ["D", "C", "B"], default=None)).write_csv(sys.argv[2])
"""

DUCKDB = """
import sys, duckdb
crit = sys.argv[3].split(",")
case = lambda c: f"CASE {c} WHEN 'D' THEN 0 WHEN 'C' THEN 1 WHEN 'B' THEN 2 END"
ranks = "list_filter([" + ", ".join(case(c) for c in crit) + "], lambda x: x IS NOT NULL)"
sql = (
    f"COPY (SELECT *, ['D', 'C', 'B'][list_sort({ranks})[(len({ranks}) + 1) // 2] + 1] AS level "
    f"FROM read_csv('{sys.argv[1]}', all_varchar = true)) TO '{sys.argv[2]}' (HEADER, DELIMITER ',')"
)
duckdb.sql(sql)
"""


def _write(path: Path, rows: int) -> None:
    rng = random.Random(7)
    levels = "DCB"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("id," + ",".join(CRITERIA) + ",opmerking\n")
        for i in range(rows):
            base = rng.randrange(3)
            cells = []
            for _ in CRITERIA:
                if rng.random() < 0.01:
                    cells.append("")
                else:
                    cells.append(levels[min(2, max(0, base + rng.choice((-1, 0, 0, 0, 1))))])
            f.write(f"{i},{','.join(cells)},{'zie nota' if i % 7 == 0 else ''}\n")


def _run(argv: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KiB) of one process (exit codes *ok* accepted)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"{argv[:4]} exited {code}")
    return elapsed, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    script = Path(PY).with_name("jobarchitecture")
    cli = [str(script)] if script.is_file() else [PY, "-m", "jobarchitecture"]
    with tempfile.TemporaryDirectory(prefix="ja-bench-") as tmp:
        d = Path(tmp)
        source = d / "in.csv"
        _write(source, args.rows)
        small = d / "small.csv"
        _write(small, 10_000)
        out = str(d / "out.csv")
        crit = ",".join(CRITERIA)
        jobs = {
            "csv pass (baseline)": [PY, "-c", CSV_PASS, str(source), out],
            "classify-batch": [*cli, "classify-batch", "ondersteuners", str(source), "-o", out],
            "polars": [PY, "-c", POLARS, str(source), out, crit],
            "duckdb": [PY, "-c", DUCKDB, str(source), out, crit],
        }
        # classify-batch exits 1: the generated rows include unrated ones.
        ok = {name: (0, 1) if name == "classify-batch" else (0,) for name in jobs}
        for name, argv in jobs.items():  # warm-up: disk cache, bytecode
            _run(argv, ok[name])
        times: dict[str, list[float]] = {name: [] for name in jobs}
        for _ in range(args.repeat):
            for name, argv in jobs.items():
                times[name].append(_run(argv, ok[name])[0])
        small_rss = _run([*cli, "classify-batch", "ondersteuners", str(small), "-o", out], (0, 1))[
            1
        ]
        big_rss = _run(jobs["classify-batch"], (0, 1))[1]
    print(
        f"classify-batch ondersteuners, {args.rows:,} rows x (id, 7 criteria, remark), "
        f"{args.repeat} interleaved repeats, Python {sys.version.split()[0]}"
    )
    width = max(map(len, jobs))
    for name, t in times.items():
        med = statistics.median(t)
        print(
            f"  {name:<{width}}  {med:7.2f} s  (spread {min(t):.2f}..{max(t):.2f})"
            f"  {args.rows / med:>11,.0f} rows/s"
        )

    def ratio(a: str, b: str) -> str:
        r = [x / y for x, y in zip(times[a], times[b], strict=True)]
        return f"{statistics.median(r):.2f}x (spread {min(r):.2f}..{max(r):.2f})"

    med = statistics.median(
        x / y for x, y in zip(times["classify-batch"], times["csv pass (baseline)"], strict=True)
    )
    verdict = "met" if med <= TARGET else "MISSED"
    goal = "met" if med <= GOAL else "not met"
    print(
        f"  classify-batch / csv pass: {ratio('classify-batch', 'csv pass (baseline)')}"
        f"  target <= {TARGET}x: {verdict}; goal <= {GOAL}x: {goal}"
    )
    print(f"  classify-batch / polars: {ratio('classify-batch', 'polars')}")
    print(f"  classify-batch / duckdb: {ratio('classify-batch', 'duckdb')}")
    print(
        f"  peak RSS: {10_000:,} rows {small_rss / 1024:.1f} MiB, {args.rows:,} rows "
        f"{big_rss / 1024:.1f} MiB ({big_rss / small_rss:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
