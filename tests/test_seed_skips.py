"""Without the seed documents, the fidelity tests skip with one summary line, not one each."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT


def test_missing_seeds_give_one_skip_line() -> None:
    """`pytest -ra` without seeds reports all fidelity skips on a single folded line."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["JOBARCHITECTURE_SEEDS"] = str(ROOT / "no-such-seeds")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-ra",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            "plugins",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    skips = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skips) == 1, skips
    assert "seed documents not found" in skips[0]
    count = int(skips[0].split("[", 1)[1].split("]", 1)[0])
    assert count > 1  # every fidelity test, folded
