"""Benchmark of the command line: cold start and batch memory.

1. Cold start: the wall time of a fresh process running `jobarchitecture
   families` and `jobarchitecture classify ondersteuners ...`, against
   `python -c "import attrs, cattrs"` (the core's two dependencies) measured in
   the same run, interleaved, as the median of --runs runs each. Reported as
   ratios; the target is at most 1.3x. `import jobarchitecture` alone is shown
   too, to tell the core's share from the CLI's. The warm-up run fills the
   family cache, as the first run after an install does; both commands are
   also timed with the cache off (JOBARCHITECTURE_NO_CACHE=1), parsing every
   family. Each line gives the wall-time spread and the process's CPU time.
2. Batch memory: `classify-batch` over --rows generated rows (default one
   million) and over 1,000 rows, each in its own process; the peak resident
   memory of both shows whether memory stays flat (streaming).

Usage: uv run python bench/bench_cli.py [--runs 21] [--rows 1000000] [--skip-batch]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
RATINGS = [
    "kennis=C",
    "documenten=C",
    "praktische_organisatie=B",
    "procedures=C",
    "verbetering=C",
    "vragen_of_klachten=B",
    "contacten=C",
]
# The console script users run (beside the interpreter in a venv), else `python -m`.
_SCRIPT = Path(PY).with_name("jobarchitecture")
CLI = [str(_SCRIPT)] if _SCRIPT.is_file() else [PY, "-m", "jobarchitecture"]
# The same work as the two commands through the library, without the CLI: the
# difference is what the CLI itself costs.
_LIBRARY_FAMILIES = (
    "import jobarchitecture as ja; r = ja.default_registry(); r.families(); r.problems()"
)
_LIBRARY_CLASSIFY = (
    "import jobarchitecture as ja; "
    "ja.classify(ja.get_family('ondersteuners'), "
    f"dict(r.split('=') for r in {RATINGS!r})).warnings"
)
COMMANDS: dict[str, list[str]] = {
    "baseline: import attrs, cattrs": [PY, "-c", "import attrs, cattrs"],
    "import jobarchitecture": [PY, "-c", "import jobarchitecture"],
    "library: all families": [PY, "-c", _LIBRARY_FAMILIES],
    "library: get_family + classify": [PY, "-c", _LIBRARY_CLASSIFY],
    "jobarchitecture families": [*CLI, "families"],
    "jobarchitecture classify": [*CLI, "classify", "ondersteuners", *RATINGS],
    "jobarchitecture families (no cache)": [*CLI, "families"],
    "jobarchitecture classify (no cache)": [*CLI, "classify", "ondersteuners", *RATINGS],
}
#: Commands run with the family cache switched off: every family parsed.
NO_CACHE = {"jobarchitecture families (no cache)", "jobarchitecture classify (no cache)"}
#: Each CLI command and the library run doing the same work.
SHARES = {
    "jobarchitecture families": "library: all families",
    "jobarchitecture classify": "library: get_family + classify",
}
TARGETED = ("jobarchitecture families", "jobarchitecture classify")
TARGET = 1.3


def _env() -> dict[str, str]:
    # The bundled (installed) families only, whatever the caller's shell has; and
    # bytecode cached as after any install (attrs and cattrs have theirs), so the
    # warm-up run writes the .pyc files that every measured run then reads.
    drop = {
        "JOBARCHITECTURE_PATH",
        "JOBARCHITECTURE_STRICT",
        "PYTHONPROFILEIMPORTTIME",
        "PYTHONDONTWRITEBYTECODE",
    }
    return {k: v for k, v in os.environ.items() if k not in drop}


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of *argv*."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def cold_start(runs: int) -> dict[str, tuple[float, float, float]]:
    """Per command: median wall time, median CPU time (seconds) and the wall spread, interleaved.

    The spread is the interquartile range of the wall times over their median:
    how much the machine's other load moved the figures.
    """
    env = _env()
    envs = {
        name: {**env, "JOBARCHITECTURE_NO_CACHE": "1"} if name in NO_CACHE else env
        for name in COMMANDS
    }
    for name, argv in COMMANDS.items():  # warm the disk cache, write .pyc files, fill the cache
        _run(argv, envs[name])
    walls: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpus: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, argv in COMMANDS.items():
            wall, cpu = _run(argv, envs[name])
            walls[name].append(wall)
            cpus[name].append(cpu)
    out = {}
    for name in COMMANDS:
        q1, _, q3 = statistics.quantiles(walls[name], n=4)
        median = statistics.median(walls[name])
        out[name] = (median, statistics.median(cpus[name]), (q3 - q1) / median)
    return out


def _write_rows(path: Path, rows: int) -> None:
    rng = random.Random(1)
    names = [r.split("=")[0] for r in RATINGS]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", *names])
        for i in range(rows):
            writer.writerow([i, *(rng.choice("DCB") for _ in names)])


def batch(rows: int, directory: Path) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KiB) of classify-batch over *rows* generated rows."""
    source = directory / f"rows-{rows}.csv"
    _write_rows(source, rows)
    argv = [*CLI, "classify-batch", "ondersteuners", str(source)]
    start = time.perf_counter()
    proc = subprocess.Popen([*argv, "-o", os.devnull], env=_env())
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"classify-batch exited {proc.returncode} on {rows} rows")
    source.unlink()
    return elapsed, usage.ru_maxrss  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per command (median)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows for the batch")
    parser.add_argument("--skip-batch", action="store_true", help="cold start only")
    args = parser.parse_args()

    print(
        f"cold start, median of {args.runs} interleaved runs "
        f"(Python {sys.version.split()[0]}; CLI: {' '.join(CLI)})"
    )
    results = cold_start(args.runs)
    base, base_cpu, _ = results["baseline: import attrs, cattrs"]
    width = max(map(len, results))
    print(f"  {'':<{width}}  {'wall':>9}  {'ratio':>5}  {'spread':>6}  {'CPU':>9}  {'ratio':>5}")
    for name, (seconds, cpu, spread) in results.items():
        ratio = seconds / base
        mark = ""
        if name in TARGETED:
            mark = f"  target <= {TARGET}x: {'met' if ratio <= TARGET else 'MISSED'}"
        print(
            f"  {name:<{width}}  {seconds * 1000:6.1f} ms  {ratio:5.2f}x  {spread:6.0%}"
            f"  {cpu * 1000:6.1f} ms  {cpu / base_cpu:5.2f}x{mark}"
        )
    for command, library in SHARES.items():
        extra = results[command][0] - results[library][0]
        print(f"  the CLI's own share of {command!r}: {extra * 1000:+.1f} ms")
    print(
        "  (ratios against the baseline's median; spread: interquartile range of the "
        "wall times / median; CPU: user + system of the process, less moved by other load)"
    )

    if not args.skip_batch:
        with tempfile.TemporaryDirectory(prefix="ja-bench-") as tmp:
            small_time, small_rss = batch(1_000, Path(tmp))
            big_time, big_rss = batch(args.rows, Path(tmp))
        print("classify-batch (ondersteuners, 7 criteria, output to /dev/null)")
        print(f"  {1_000:>9,} rows  {small_time:7.2f} s  peak RSS {small_rss / 1024:6.1f} MiB")
        print(
            f"  {args.rows:>9,} rows  {big_time:7.2f} s  peak RSS {big_rss / 1024:6.1f} MiB"
            f"  ({args.rows / big_time:,.0f} rows/s; RSS ratio {big_rss / small_rss:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
