"""`classify-batch` output that never lies: a file is complete or untouched, a
killed run says so, huge fields and repeated names lose no cell."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import jobarchitecture as ja

if TYPE_CHECKING:
    from conftest import Run

ROOT = Path(__file__).resolve().parent.parent
CLEARED = ("JOBARCHITECTURE_PATH", "JOBARCHITECTURE_STRICT", "NO_COLOR", "TERM")


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path


def _leftovers(directory: Path) -> list[str]:
    """Temporary files an atomic writer left behind."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".part"))


def test_failure_midway_leaves_the_previous_output(cli: Callable[..., Run], tmp_path: Path) -> None:
    """A run that fails after writing rows leaves the existing output as it was, no
    temporary file, and says on stderr that the file was not written."""
    source = tmp_path / "in.csv"
    good = "".join(f"{i},C\n" for i in range(5000))
    source.write_bytes(b"id,kennis\n" + good.encode() + b"9,\xe9\n")  # not UTF-8 at the end
    target = tmp_path / "out.csv"
    target.write_text("vorige uitvoer\n", encoding="utf-8")
    run = cli("classify-batch", "voorbeeld", str(source), "-o", str(target))
    assert run.code == 2
    assert target.read_text(encoding="utf-8") == "vorige uitvoer\n"
    assert _leftovers(tmp_path) == []
    assert f"{target} was not written: the previous file is left as it was" in run.err_lines[0]
    assert "is not utf-8 text" in run.err_lines[1]


def test_a_failure_on_a_terminal_erases_the_progress_line_before_saying_so(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a run that showed its progress line fails, the line is erased before the
    error lines, so each of them starts a line of its own."""
    from jobarchitecture._cli import _cmd_batch

    class Shown(_cmd_batch.Progress):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            self.enabled = True  # stderr as a terminal
            self.start -= 10.0  # a long run: drawn at once
            self.last -= 10.0

    monkeypatch.setattr(_cmd_batch, "Progress", Shown)
    source = tmp_path / "in.csv"
    good = "".join(f"{i},C\n" for i in range(5000))
    source.write_bytes(b"id,kennis\n" + good.encode() + b"9,\xe9\n")  # not UTF-8 at the end
    run = cli("classify-batch", "voorbeeld", str(source), "-o", str(tmp_path / "out.csv"))
    assert run.code == 2
    assert "rows, 0 with errors" in run.err  # the line was drawn
    drawn, after = run.err.rsplit("\r\x1b[K", 1)
    assert "jobarchitecture: error" not in drawn
    assert after.startswith("jobarchitecture: error: ")
    assert "was not written: no file was created" in after.splitlines()[0]


def test_failure_without_a_previous_output_creates_none(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Without a previous output file, a failed run creates none and says so."""
    source = tmp_path / "in.csv"
    source.write_bytes(b"kennis\n" + b"C\n" * 20_000 + b"\xff\n")
    target = tmp_path / "out.csv"
    run = cli("classify-batch", "voorbeeld", str(source), "-o", str(target))
    assert run.code == 2
    assert not target.exists()
    assert _leftovers(tmp_path) == []
    assert "no file was created" in run.err_lines[0]


@pytest.mark.parametrize("suffix", ["", ".csv", ".xlsx"])
def test_an_output_that_is_a_directory_is_one_line_naming_it(
    cli: Callable[..., Run], tmp_path: Path, suffix: str
) -> None:
    """-o naming a directory is one error line naming that directory (not a temporary
    file beside it, nor a "previous file"), exit 2, and nothing is written."""
    source = _write(tmp_path / "in.csv", [["id", "kennis"], ["1", "C"]])
    target = tmp_path / f"uit{suffix}"
    target.mkdir()
    run = cli("classify-batch", "voorbeeld", str(source), "-o", str(target))
    assert run.code == 2
    (line,) = run.err_lines
    assert line == f"jobarchitecture: error: {target}: $: cannot write file: Is a directory"
    assert os.listdir(target) == []
    assert _leftovers(tmp_path) == []


def test_success_replaces_the_output_and_keeps_its_mode(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A successful run replaces the previous output whole, keeping its permissions."""
    source = _write(tmp_path / "in.csv", [["kennis"], ["C"]])
    target = tmp_path / "out.csv"
    target.write_text("oud\n" * 1000, encoding="utf-8")
    target.chmod(0o640)
    run = cli("classify-batch", "voorbeeld", str(source), "-o", str(target))
    assert run.code == 0
    assert (
        target.read_text(encoding="utf-8").splitlines()[1]
        == "C,C,,C,1 van de 2 criteria niet beoordeeld (contacten): "
        "het resultaat steunt op 1 criterium,"
    )
    assert target.stat().st_mode & 0o777 == 0o640


def test_field_over_the_csv_limit_is_a_row_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    """A field over 128 KiB gives that row an error; the rows around it are classified, exit 1."""
    source = tmp_path / "in.csv"
    source.write_text(
        "id,kennis,opmerking\n1,C,kort\n2,B," + "x" * 200_000 + "\n3,D,kort\n", encoding="utf-8"
    )
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 1
    out = list(csv.reader(io.StringIO(run.out)))
    assert [r[0] for r in out] == ["id", "1", "", "3"]
    assert [r[3] for r in out[1:]] == ["C", "", "D"]
    assert "row 3 cannot be read as CSV (field larger than field limit" in out[2][-1]
    assert run.err_lines == [
        "jobarchitecture: error: 1 of 3 rows could not be classified (row 3); see their error column"
    ]


def test_json_keeps_cells_of_repeated_column_names(cli: Callable[..., Run], tmp_path: Path) -> None:
    """Repeated carried-through column names become name, name.1, … in --json: no cell is lost."""
    source = _write(
        tmp_path / "in.csv",
        [["naam", "kennis", "naam", "naam.1", "naam"], ["a", "C", "b", "c", "d"]],
    )
    run = cli("classify-batch", "voorbeeld", str(source), "--json")
    assert run.code == 0
    (record,) = (json.loads(line) for line in run.out.splitlines())
    assert record["input"] == {
        "naam": "a",
        "kennis": "C",
        "naam.2": "b",
        "naam.1": "c",
        "naam.3": "d",
    }


def test_complete_and_lang(cli: Callable[..., Run], tmp_path: Path) -> None:
    """--complete makes a partly rated row an error; --lang nl writes the warnings in Dutch."""
    source = _write(tmp_path / "in.csv", [["kennis", "contacten"], ["D", "B"], ["C", ""]])
    family = ja.load_family(ROOT / "examples" / "voorbeeld.toml")
    run = cli("classify-batch", "voorbeeld", str(source), "--complete", "--lang", "nl")
    assert run.code == 1
    out = list(csv.reader(io.StringIO(run.out)))
    result = ja.classify(family, {"kennis": "D", "contacten": "B"})
    assert out[1][2] == result.level
    assert out[1][5].startswith("de criteria liggen meer dan één niveau uit elkaar")
    assert "ratings are incomplete (complete=True): not rated: contacten" in out[2][-1]
    english = cli("classify-batch", "voorbeeld", str(source), "--lang", "en")
    assert list(csv.reader(io.StringIO(english.out)))[1][5] == "; ".join(result.warnings)


def test_complete_without_a_column_for_a_criterion_is_an_input_error(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """--complete with no column for some criterion refuses the input at once (exit 2,
    nothing written), naming the criteria, instead of failing every row alike."""
    source = _write(tmp_path / "in.csv", [["id", "kennis"], ["1", "C"], ["2", "B"]])
    target = tmp_path / "out.csv"
    run = cli("classify-batch", "voorbeeld", str(source), "--complete", "-o", str(target))
    assert (run.code, run.out) == (2, "")
    assert run.err_lines == [
        "jobarchitecture: error: --complete needs a column for every criterion of "
        "'voorbeeld'; no column names contacten"
    ]
    assert not target.exists()


def test_warnings_are_dutch_by_default(cli: Callable[..., Run], tmp_path: Path) -> None:
    """Without --lang the warnings column is Dutch, the default of every other command."""
    source = _write(tmp_path / "in.csv", [["kennis", "contacten"], ["D", "B"]])
    default = cli("classify-batch", "voorbeeld", str(source))
    dutch = cli("classify-batch", "voorbeeld", str(source), "--lang", "nl")
    assert default.code == dutch.code == 0
    assert default.out == dutch.out
    assert "de criteria liggen meer dan één niveau uit elkaar" in default.out


def test_batch_needs_no_table_library(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """classify-batch runs on the core alone: without numpy or narwhals it classifies as ever."""
    for name in ("numpy", "narwhals", "pandas", "polars", "pyarrow"):
        monkeypatch.setitem(sys.modules, name, None)  # import fails as if not installed
    source = _write(tmp_path / "in.csv", [["kennis", "contacten"], ["D", "B"], ["C", "C..B"]])
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 0
    rows = list(csv.reader(io.StringIO(run.out)))
    family = ja.load_family(ROOT / "examples" / "voorbeeld.toml")
    for row in rows[1:]:
        expected = ja.classify(family, {"kennis": row[0], "contacten": row[1]})
        assert row[2] == expected.level
        assert row[4] == "..".join(dict.fromkeys(expected.spread))


def test_xlsx_output_is_a_workbook(cli: Callable[..., Run], tmp_path: Path) -> None:
    """An output path ending in .xlsx gets a workbook whose text cells stay text (no formulas)."""
    openpyxl = pytest.importorskip("openpyxl")
    source = _write(tmp_path / "in.csv", [["id", "kennis"], ["=1+1", "C"], ["x", "Q"]])
    target = tmp_path / "uit.xlsx"
    run = cli("classify-batch", "voorbeeld", str(source), "-o", str(target))
    assert run.code == 1
    book = openpyxl.load_workbook(target)
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert rows[0] == ["id", "kennis", "level", "level_span", "spread", "warnings", "error"]
    assert rows[1][:3] == ["=1+1", "C", "C"]
    assert book.active["A2"].data_type == "s"
    assert "unknown level 'Q'" in rows[2][-1]
    refused = cli("classify-batch", "voorbeeld", str(source), "-o", str(target), "--json")
    assert refused.code == 2
    assert "cannot write JSON Lines (--json) to 'uit.xlsx'" in refused.err_lines[0]


@pytest.mark.parametrize(
    ("signum", "code", "word"),
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
)
def test_killed_batch_keeps_the_previous_output(
    families: Path, tmp_path: Path, signum: int, code: int, word: str
) -> None:
    """A batch killed midway by SIGTERM or SIGINT exits 143 or 130, leaves the previous
    output intact and no temporary file, and says so on stderr."""
    source = tmp_path / "big.csv"
    with source.open("w", encoding="utf-8", newline="") as f:
        f.write("id,kennis,contacten\n")
        f.writelines(f"{i},{'DCB'[i % 3]},{'CB'[i % 2]}\n" for i in range(2_000_000))
    target = tmp_path / "out.csv"
    target.write_text("vorige uitvoer\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env["JOBARCHITECTURE_PATH"] = str(families)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jobarchitecture",
            "classify-batch",
            "voorbeeld",
            str(source),
            "-o",
            str(target),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    # Midway: once the temporary file beside the target has rows in it.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        parts = [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
        if parts and parts[0].stat().st_size > 100_000:
            break
        time.sleep(0.02)
    else:
        proc.kill()
        pytest.fail("the batch never started writing")
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert target.read_text(encoding="utf-8") == "vorige uitvoer\n"
    assert _leftovers(tmp_path) == []
    lines = err.decode().splitlines()
    assert lines == [
        f"jobarchitecture: error: {target} was not written: the previous file is left as it was",
        f"jobarchitecture: error: {word}",
    ]


def test_output_name_picks_json_lines_and_refuses_a_contradiction(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """`-o out.jsonl` writes JSON Lines without --json; --json with -o out.csv or
    out.xlsx is one line, exit 2, and nothing written."""
    source = _write(tmp_path / "in.csv", [["kennis", "contacten"], ["C", "B"]])
    lines = tmp_path / "out.jsonl"
    assert cli("classify-batch", "voorbeeld", str(source), "-o", str(lines)).code == 0
    (record,) = [json.loads(line) for line in lines.read_text("utf-8").splitlines()]
    assert record["result"]["level"] == "C"
    for name in ("out.csv", "out.xlsx"):
        run = cli("classify-batch", "voorbeeld", str(source), "--json", "-o", str(tmp_path / name))
        assert run.code == 2
        assert run.err_lines == [
            f"jobarchitecture: error: cannot write JSON Lines (--json) to {name!r}: the suffix "
            f"{name[3:]} is for {name[4:]} (expected a name ending in .jsonl, .ndjson or .json)"
        ]
        assert not (tmp_path / name).exists()


def test_warnings_name_the_criteria_in_the_language_asked(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """--lang en names the criteria by their English names where the family has them,
    as explain("en") and classify --json do ("Knowledge at D", not "Kennis at D")."""
    header = [c.code for c in ja.get_family("ondersteuners").criteria]
    source = _write(tmp_path / "in.csv", [header, ["D", "C", "B", "C", "C", "B", "C"]])
    english = list(
        csv.reader(
            io.StringIO(cli("classify-batch", "ondersteuners", str(source), "--lang", "en").out)
        )
    )
    warnings = english[1][len(header) + 3]
    assert "(Knowledge at D; Practical organisation, Questions or complaints at B)" in warnings
    single = cli(
        "classify",
        "ondersteuners",
        *(f"{h}={v}" for h, v in zip(header, english[1], strict=False)),
        "--json",
        "--lang",
        "en",
    )
    assert json.loads(single.out)["warnings"] == [warnings]


def test_an_output_named_tsv_is_tab_separated(cli: Callable[..., Run], tmp_path: Path) -> None:
    """-o out.tsv writes tabs whatever the input's separator; -o out.csv keeps the input's."""
    source = tmp_path / "in.csv"
    source.write_text("kennis;contacten\nD;B\n", "utf-8")
    assert (
        cli("classify-batch", "voorbeeld", str(source), "-o", str(tmp_path / "out.tsv")).code == 0
    )
    assert (
        cli("classify-batch", "voorbeeld", str(source), "-o", str(tmp_path / "out.csv")).code == 0
    )
    tsv = (tmp_path / "out.tsv").read_text("utf-8").splitlines()
    assert tsv[0] == "\t".join(
        ["kennis", "contacten", "level", "level_span", "spread", "warnings", "error"]
    )
    assert (
        (tmp_path / "out.csv")
        .read_text("utf-8")
        .splitlines()[0]
        .startswith("kennis;contacten;level")
    )
