"""`classify-batch` writes, byte for byte, what the row-by-row implementation wrote
for the same input and options (goldens in tests/golden/batch, made before the
vectorised engine replaced it). One message has been reworded since, the
backwards span ("span B..D of criterion 'kennis' runs backwards ..."): its cells
were rewritten by a script that checked that no other line changed. Since the
default --lang became Dutch (as for every other command), the CSV goldens hold
Dutch warnings: they were remade with make_batch.py after checking that only the
warnings column changed and that --lang en still writes the old files byte for
byte."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import Run

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "batch"
CASES: list[dict[str, Any]] = json.loads((GOLDEN / "cases.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def family_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JOBARCHITECTURE_PATH holding the example family."""
    directory = tmp_path_factory.mktemp("families")
    shutil.copy(ROOT / "examples" / "voorbeeld.toml", directory / "voorbeeld.toml")
    return directory


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_output_is_byte_for_byte_the_golden(
    case: dict[str, Any], family_path: Path, tmp_path: Path
) -> None:
    """The output file, the exit code and stderr are those the golden run recorded."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBARCHITECTURE")}
    env["JOBARCHITECTURE_PATH"] = str(family_path)
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "jobarchitecture",
            "classify-batch",
            case["family"],
            str(GOLDEN / case["input"]),
            "-o",
            str(out),
            *case["args"],
        ],
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == case["exit"]
    assert done.stderr.decode() == case["stderr"]
    assert out.read_bytes() == (GOLDEN / f"{case['name']}.out").read_bytes()


@pytest.mark.parametrize("case", CASES[:2] + CASES[6:8], ids=lambda c: c["name"])
def test_small_chunks_and_memo_write_the_same_bytes(
    case: dict[str, Any],
    cli: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Chunks of 7 rows and a memo of 3 combinations (cleared again and again) write
    the golden bytes: neither the chunking nor the memo changes any row."""
    from jobarchitecture._cli import _cmd_batch

    monkeypatch.setattr(_cmd_batch, "_CHUNK", 7)
    monkeypatch.setattr(_cmd_batch, "_MEMO_LIMIT", 3)
    out = tmp_path / "out"
    run = cli(
        "classify-batch", case["family"], str(GOLDEN / case["input"]), "-o", str(out), *case["args"]
    )
    assert run.code == case["exit"]
    assert out.read_bytes() == (GOLDEN / f"{case['name']}.out").read_bytes()
