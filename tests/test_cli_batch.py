"""`jobarchitecture classify-batch`: every input row comes out once, in order, with
its result or its error; bad rows never stop the others."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import hypothesis
import pytest
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture._cli._cmd_batch import RESULT_COLUMNS, Progress

if TYPE_CHECKING:
    from conftest import Run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "voorbeeld.toml"
CLEARED = ("JOBARCHITECTURE_PATH", "JOBARCHITECTURE_STRICT", "NO_COLOR", "TERM")


def _sh(
    families: Path, *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env["JOBARCHITECTURE_PATH"] = str(families)
    return subprocess.run(
        [sys.executable, "-m", "jobarchitecture", *args],
        capture_output=True,
        env=env,
        input=stdin,
        timeout=120,
    )


def _write(path: Path, rows: list[list[str]], delimiter: str = ",", bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return path


def _read(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _scattered(n: int, seed: int) -> tuple[list[list[str]], dict[str, str]]:
    """*n* rows with an id column, bad rows scattered among good ones; the bad
    rows' ids map to a fragment of their expected error."""
    rng = random.Random(seed)
    rows = [["id", "naam", "kennis", "Contacten"]]
    bad: dict[str, str] = {}
    for i in range(n):
        ident = f"f{i:04d}"
        kind = rng.choice(["good"] * 6 + ["level", "empty", "long", "short", "span", "quoted"])
        good = [rng.choice("DCB"), rng.choice(["D", "c", "b", "Niveau C", "waarde 2"])]
        if kind == "level":
            rows.append([ident, f"functie {i}", "E", good[1]])
            bad[ident] = "unknown level 'E'"
        elif kind == "empty":
            rows.append([ident, f"functie {i}", "", " "])
            bad[ident] = "no criterion is rated"
        elif kind == "long":
            rows.append([ident, f"functie {i}", *good, "te veel"])
            bad[ident] = f"row {len(rows)} has 5 fields but the header has 4"
        elif kind == "short":
            rows.append([ident, f"functie {i}"])
            bad[ident] = f"row {len(rows)} has 2 fields but the header has 4"
        elif kind == "span":
            rows.append([ident, f"functie {i}", "B..D", good[1]])
            bad[ident] = (
                "span B..D of criterion 'kennis' runs backwards (D is below B): write the lower level first, D..B"
            )
        elif kind == "quoted":
            # A name with the delimiter, a quote and a line break: one field, not an error.
            rows.append([ident, f'functie "{i}",\nmet regel', *good])
        else:
            rows.append([ident, f"functie {i}", *good])
    return rows, bad


def _read_output(target: Path) -> list[list[str]]:
    """The rows of an output file, CSV or workbook, as text cells."""
    if target.suffix != ".xlsx":
        return _read(target.read_text(encoding="utf-8"))
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(target, read_only=True)
    (sheet,) = book.worksheets
    out = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return out


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_scattered_bad_rows_lose_and_reorder_nothing(
    cli: Callable[..., Run], tmp_path: Path, suffix: str
) -> None:
    """Every input row comes out once, in input order, cells untouched, each bad row
    with its own error and every good row classified, in a CSV or a workbook; exit 1."""
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl")
    rows, bad = _scattered(400, seed=5)
    assert 20 < len(bad) < 200
    source = _write(tmp_path / "in.csv", rows)
    target = tmp_path / f"out{suffix}"
    run = cli("classify-batch", "voorbeeld", str(source), "-o", str(target))
    assert run.code == 1
    numbers = [n for n, row in enumerate(rows[1:], start=2) if row[0] in bad]  # header: row 1
    assert run.err_lines == [
        f"jobarchitecture: error: {len(bad)} of 400 rows could not be classified "
        f"(rows {', '.join(map(str, numbers[:10]))} and {len(bad) - 10} more); "
        "see their error column"
    ]
    out = _read_output(target)
    assert out[0] == [*rows[0], *RESULT_COLUMNS]
    assert len(out) == len(rows)
    assert [r[0] for r in out[1:]] == [r[0] for r in rows[1:]]
    family = ja.load_family(EXAMPLE)
    for given, got in zip(rows[1:], out[1:], strict=True):
        assert len(got) == 4 + len(RESULT_COLUMNS)
        cells, (level, _span, spread, _warnings, error) = got[:4], got[4:]
        ident = given[0]
        if ident in bad:
            assert bad[ident] in error, (ident, error)
            assert level == spread == ""
            assert cells == ([*given, "", ""])[:4]
        else:
            assert cells == given
            assert error == ""
            expected = ja.classify(family, {"kennis": given[2], "contacten": given[3]})
            assert level == expected.level
            low, high = expected.spread
            assert spread == (low if low == high else f"{low}..{high}")


def test_semicolons_bom_and_dutch_names_are_kept(cli: Callable[..., Run], tmp_path: Path) -> None:
    """A Belgian Excel file (';', UTF-8 BOM, criterion names as headers in any case)
    comes back with ';', the BOM and its own columns."""
    source = _write(
        tmp_path / "excel.csv",
        [["Naam", "KENNIS", "contacten"], ["Jan", "c", "b"], ["An", "Waarde 2", "D"]],
        delimiter=";",
        bom=True,
    )
    target = tmp_path / "out.csv"
    run = cli("classify-batch", "voorbeeld", str(source), "-o", str(target))
    assert run.code == 0
    raw = target.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    out = _read(raw.decode("utf-8-sig"), delimiter=";")
    assert out[0] == ["Naam", "KENNIS", "contacten", *RESULT_COLUMNS]
    assert [r[:4] for r in out[1:]] == [["Jan", "c", "b", "C"], ["An", "Waarde 2", "D", "D"]]


def test_span_ratings_fill_level_span(cli: Callable[..., Run], tmp_path: Path) -> None:
    """A span rating gives the level from the lower ends and the span in level_span."""
    source = _write(tmp_path / "in.csv", [["kennis", "contacten"], ["D..B", "C..B"]])
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 0
    (row,) = _read(run.out)[1:]
    expected = ja.classify(ja.load_family(EXAMPLE), {"kennis": "D..B", "contacten": "C..B"})
    assert expected.level_span is not None
    assert row[2] == expected.level
    low, high = expected.level_span
    assert row[3] == (low if low == high else f"{low}..{high}")
    assert "beoordeling als bereik" in row[5]


def test_stdin_to_stdout_as_a_user_runs_it(families: Path) -> None:
    """`classify-batch FAMILY -` reads stdin and writes CSV on stdout, in a subprocess."""
    done = _sh(
        families,
        "classify-batch",
        "voorbeeld",
        "-",
        stdin=b"id,kennis,contacten\r\n7,C,C\r\n8,X,C\r\n",
    )
    assert done.returncode == 1
    out = done.stdout.decode()
    assert out.splitlines() == [
        "id,kennis,contacten,level,level_span,spread,warnings,error",
        "7,C,C,C,,C,,",
        "8,X,C,,,,,\"unknown level 'X' for criterion 'kennis' (D, C, B)\"",
    ]
    assert "\r\n" in out  # the input's line ends are kept
    assert len(done.stderr.decode().splitlines()) == 1


def test_json_lines_output(cli: Callable[..., Run], tmp_path: Path) -> None:
    """`--json` writes one JSON object per row with its number, input, result and error."""
    source = _write(tmp_path / "in.csv", [["id", "kennis"], ["1", "C"], ["2", "Q"]])
    run = cli("classify-batch", "voorbeeld", str(source), "--json")
    first, second = (json.loads(line) for line in run.out.splitlines())
    assert first["row"] == 2
    assert first["input"] == {"id": "1", "kennis": "C"}
    assert first["result"]["level"] == "C"
    assert first["error"] is None
    assert second["row"] == 3
    assert second["result"] is None
    assert "unknown level 'Q'" in second["error"]
    assert run.code == 1


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            ["id", "naam"],
            "no column names a criterion of 'voorbeeld' (criteria: kennis, contacten)",
        ),
        (["kennis", "Kennis"], "columns 'kennis' and 'Kennis' both name the criterion 'kennis'"),
        (["kennis", "Level"], "the input already has result column(s) 'Level'"),
    ],
)
def test_bad_header_is_an_input_error(
    cli: Callable[..., Run], tmp_path: Path, header: list[str], message: str
) -> None:
    """A header without criteria, with one criterion twice, or with a result column: exit 2."""
    source = _write(tmp_path / "in.csv", [header, ["C", "B"]])
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 2
    assert run.out == ""
    (line,) = run.err_lines
    assert message in line


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "in.csv: no header row: the input is empty"),
        (b"\xef\xbb\xbf", "in.csv: no header row: the input is empty"),
        (b"  \r\nkennis\nC\n", "in.csv: the first line is blank: expected the header row"),
        (b"\n\nkennis\nC\n", "in.csv: the first line is blank: expected the header row"),
    ],
)
def test_an_empty_input_and_a_blank_first_line_are_told_apart(
    cli: Callable[..., Run], tmp_path: Path, content: bytes, message: str
) -> None:
    """An input with nothing in it is called empty; one whose first line is blank is
    not, and the line says a header row was expected there. Exit 2 both."""
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 2
    (line,) = run.err_lines
    assert line.startswith(f"jobarchitecture: error: {tmp_path}/{message}")


def test_an_unclosed_quote_is_named_in_the_row_that_swallowed_the_rest(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A quote opened in a rating and never closed reads the lines after it into that
    cell; the row's error says so, naming the criterion, and the rows before it are
    classified as usual."""
    source = tmp_path / "in.csv"
    source.write_text('id,kennis\n1,C\n2,"B\n3,D\n4,C\n', encoding="utf-8")
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 1
    rows = _read(run.out)
    assert rows[1][:3] == ["1", "C", "C"]
    assert rows[2][:2] == ["2", "B\n3,D\n4,C\n"]
    assert rows[2][-1] == (
        "the rating of 'kennis' runs over several lines: a quote (\") opened in it is "
        "not closed, so the lines after it were read into this cell"
    )
    assert len(rows) == 3


def test_an_unclosed_quote_in_a_name_column_is_the_error_not_only_the_field_count(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A quote never closed in a column that is not a criterion makes its row short;
    the row's error names that column and the quote, not only the field count."""
    source = tmp_path / "in.csv"
    source.write_text('id,naam,kennis\n1,Jan,C\n2,"Piet,B\n3,An,D\n', encoding="utf-8")
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 1
    rows = _read(run.out)
    assert rows[1][:4] == ["1", "Jan", "C", "C"]
    assert rows[2][-1] == (
        'row 3 has 2 fields but the header has 3, because a quote (") opened in column '
        "'naam' is not closed, so the lines after it were read into that cell: not classified"
    )


def test_an_unclosed_quote_in_the_last_column_warns_of_the_rows_it_swallowed(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A quote never closed in the last column keeps its row well formed and takes
    the rows after it into the cell: a warning says so, instead of nothing at all."""
    source = tmp_path / "in.csv"
    source.write_text(
        'id,kennis,opmerking\n1,C,ok\n2,B,"zie nota\n3,D,x\n4,C,y\n', encoding="utf-8"
    )
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 0
    assert len(_read(run.out)) == 3  # the header and two rows: rows 4 and 5 are in a cell
    assert run.err_lines == [
        "jobarchitecture: warning: row 3: column 'opmerking' runs to the end of the input "
        'over 2 more lines, 2 of them like rows of this file: if a quote (") opened in it '
        "is not closed, those rows were read into this cell and are not in the output"
    ]
    source.write_text('id,kennis,opmerking\n1,C,"zie nota\nregel twee"\n', encoding="utf-8")
    quoted = cli("classify-batch", "voorbeeld", str(source))
    assert (quoted.code, quoted.err_lines) == (0, [])  # a cell of two lines is no row


def test_excels_separator_line_names_the_separator_and_is_kept(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A first line "sep=;" (which Excel writes and reads as the separator, not as a
    row) gives the separator; the header after it is row 1, and the output starts
    with the same line so that Excel opens it alike."""
    source = tmp_path / "in.csv"
    source.write_text("sep=;\nid;kennis\n1;C\n2;E\n", encoding="utf-8")
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0] == "sep=;"
    rows = _read("\n".join(lines[1:]), ";")
    assert rows[0] == ["id", "kennis", *RESULT_COLUMNS]
    assert rows[1][:3] == ["1", "C", "C"]
    assert rows[2][-1] == "unknown level 'E' for criterion 'kennis' (D, C, B)"
    data = [
        json.loads(line)
        for line in cli("classify-batch", "voorbeeld", str(source), "--json").out.splitlines()
    ]
    assert [(d["row"], d["input"]) for d in data] == [
        (2, {"id": "1", "kennis": "C"}),
        (3, {"id": "2", "kennis": "E"}),
    ]
    source.write_text("sep=;\n", encoding="utf-8")
    alone = cli("classify-batch", "voorbeeld", str(source))
    assert (alone.code, alone.out) == (2, "")
    assert alone.err_lines == [
        f"jobarchitecture: error: {source}: no header row after the separator line 'sep=;': "
        "expected the column names"
    ]


def test_column_meant_as_a_criterion_is_an_error_unless_ignored(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A column named almost like a criterion is an error naming the criterion and the
    option; with --ignore-unknown-columns it is carried through with a warning."""
    source = _write(tmp_path / "in.csv", [["kennis", "kontacten"], ["C", "B"]])
    refused = cli("classify-batch", "voorbeeld", str(source))
    assert (refused.code, refused.out) == (2, "")
    assert refused.err_lines == [
        "jobarchitecture: error: column 'kontacten' matches no criterion of 'voorbeeld'; "
        "did you mean 'contacten'? Rename it, or pass --ignore-unknown-columns to carry it through"
    ]
    run = cli("classify-batch", "voorbeeld", str(source), "--ignore-unknown-columns")
    assert run.code == 0
    assert _read(run.out)[1][:3] == ["C", "B", "C"]
    (line,) = run.err_lines
    assert "warning: column 'kontacten'" in line
    assert "did you mean 'contacten'?" in line


def test_id_and_remark_columns_are_carried_without_error(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Columns that are plainly not criteria (id, naam, opmerking) are carried through."""
    source = _write(
        tmp_path / "in.csv", [["id", "naam", "opmerking", "kennis"], ["1", "Jan", "zie nota", "C"]]
    )
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 0
    assert _read(run.out)[1][:5] == ["1", "Jan", "zie nota", "C", "C"]


def test_missing_input_unknown_rule_and_overwrite(cli: Callable[..., Run], tmp_path: Path) -> None:
    """A missing input file, an unknown rule or an output onto the input: one line, exit 2."""
    missing = cli("classify-batch", "voorbeeld", str(tmp_path / "nergens.csv"))
    assert missing.code == 2
    (line,) = missing.err_lines
    assert "No such file or directory" in line
    assert "nergens.csv" in line
    source = _write(tmp_path / "in.csv", [["kennis"], ["C"]])
    rule = cli("classify-batch", "voorbeeld", str(source), "--rule", "median")
    assert (rule.code, rule.out) == (2, "")
    assert "unknown rule 'median'" in rule.err_lines[0]
    same = cli("classify-batch", "voorbeeld", str(source), "-o", str(source))
    assert same.code == 2
    assert "would overwrite the input" in same.err_lines[0]
    assert source.read_text(encoding="utf-8") == "kennis\nC\n"


def test_not_utf8_input_names_the_encoding_option(cli: Callable[..., Run], tmp_path: Path) -> None:
    """A cp1252 file is refused with a hint, and read with --encoding cp1252."""
    source = tmp_path / "excel.csv"
    source.write_bytes("naam;kennis\nRené;C\n".encode("cp1252"))
    refused = cli("classify-batch", "voorbeeld", str(source))
    assert refused.code == 2
    assert "--encoding cp1252" in refused.err_lines[0]
    run = cli("classify-batch", "voorbeeld", str(source), "--encoding", "cp1252")
    assert run.code == 0
    assert _read(run.out, ";")[1][:3] == ["René", "C", "C"]


def test_a_cp1252_input_gives_an_output_excel_reads_back(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Excel's plain CSV (cp1252) read with --encoding cp1252 is written as UTF-8
    with a byte order mark, as a UTF-16 input is, so that Excel opens it with its
    accents whole (without the mark it read 'RenÃ©' for 'René')."""
    source = tmp_path / "excel.csv"
    source.write_bytes("sep=;\r\nnaam;kennis\r\nRené;C\r\nFrançoise;D\r\n".encode("cp1252"))
    target = tmp_path / "out.csv"
    run = cli("classify-batch", "voorbeeld", str(source), "--encoding", "cp1252", "-o", str(target))
    assert run.code == 0, run.err
    raw = target.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8 + b"sep=;\r\n")
    rows = _read(raw.decode("utf-8-sig").split("\r\n", 1)[1], ";")
    assert [r[:3] for r in rows[1:3]] == [["René", "C", "C"], ["Françoise", "D", "D"]]


@hypothesis.settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)
@hypothesis.given(
    st.lists(
        st.text(
            # What cp1252 and latin-1 both hold; no delimiter, quote or line end.
            alphabet=st.characters(codec="cp1252", exclude_characters='\r\n";,\x00').filter(
                lambda c: ord(c) < 256
            ),
            max_size=6,
        ),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["cp1252", "latin-1", "utf-16"]),
)
def test_every_cell_comes_out_as_it_was_read_in_any_encoding(
    cli: Callable[..., Run],
    tmp_path_factory: pytest.TempPathFactory,
    names: list[str],
    encoding: str,
) -> None:
    """Round trip: an input in any encoding Excel writes comes out as UTF-8 with a byte
    order mark holding every cell's text as it was."""
    tmp = tmp_path_factory.mktemp("encoding")
    rows = [["naam", "kennis"], *([n, "C"] for n in names)]
    source = tmp / "in.csv"
    source.write_bytes("".join(";".join(r) + "\r\n" for r in rows).encode(encoding))
    target = tmp / "out.csv"
    run = cli("classify-batch", "voorbeeld", str(source), "--encoding", encoding, "-o", str(target))
    assert run.code == 0, run.err
    raw = target.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    out = _read(raw.decode("utf-8-sig"), ";")
    assert [r[:2] for r in out] == rows


def test_a_byte_that_is_not_utf8_deep_in_the_file_is_named_by_its_line(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """One cp1252 byte after thousands of good rows is reported with its line and its
    value, so it can be found without a hex editor; nothing is written to -o."""
    source = tmp_path / "in.csv"
    good = "".join(f"{i};C\n" for i in range(5000))
    source.write_bytes(b"naam;kennis\n" + good.encode() + "René;B\n".encode("cp1252"))
    target = tmp_path / "out.csv"
    run = cli("classify-batch", "voorbeeld", str(source), "-o", str(target))
    assert run.code == 2
    assert not target.exists()
    assert run.err_lines[1] == (
        f"jobarchitecture: error: {source}: line 5002 is not utf-8 text (byte 0xE9: "
        "invalid continuation byte); Excel's plain 'CSV' is cp1252: pass --encoding "
        "cp1252, or save as 'CSV UTF-8'"
    )
    source.write_bytes(b"naam;kennis\nx;C\x81\n")  # 0x81 is no character in cp1252
    cp1252 = cli("classify-batch", "voorbeeld", str(source), "--encoding", "cp1252")
    assert cp1252.code == 2
    assert cp1252.err_lines[-1].endswith(
        ": line 2 is not cp1252 text (byte 0x81: character maps to <undefined>)"
    )


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read_as_it_says(
    cli: Callable[..., Run], tmp_path: Path, codec: str
) -> None:
    """Excel's "Unicode text" (UTF-16 with a BOM, tabs) is read without --encoding,
    and comes back as UTF-8 with a BOM, so that Excel reads it back."""
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    source = tmp_path / "unicode.txt"
    source.write_bytes(bom + "naam\tkennis\r\nRené\tC\r\n".encode(codec))
    target = tmp_path / "out.csv"
    run = cli("classify-batch", "voorbeeld", str(source), "-o", str(target))
    assert run.code == 0, run.err
    raw = target.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    out = _read(raw.decode("utf-8-sig"), "\t")
    assert out[0][:2] == ["naam", "kennis"]
    assert out[1][:3] == ["René", "C", "C"]


def test_xlsx_input_streams_through_openpyxl(cli: Callable[..., Run], tmp_path: Path) -> None:
    """An .xlsx worksheet is read like a CSV: numbers as people see them, rows in order."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Functies"
    for row in (["id", "Kennis", "contacten"], [1, "C", "B"], [2.0, "E", "B"], [3, "D", None]):
        sheet.append(row)
    book.create_sheet("Leeg")
    source = tmp_path / "in.xlsx"
    book.save(source)
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 1
    out = _read(run.out)
    assert [r[:4] for r in out] == [
        ["id", "Kennis", "contacten", "level"],
        ["1", "C", "B", "C"],
        ["2", "E", "B", ""],
        ["3", "D", "", "D"],
    ]
    assert "unknown level 'E'" in out[2][-1]
    other = cli("classify-batch", "voorbeeld", str(source), "--sheet", "Nergens")
    assert other.code == 2
    assert "no sheet 'Nergens' (sheets: Functies, Leeg)" in other.err_lines[0]


def test_xlsx_without_the_extra_says_what_to_install(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without openpyxl, an .xlsx input gives one line naming the xlsx extra, exit 2."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import fails as if not installed
    source = tmp_path / "in.xlsx"
    source.write_bytes(b"PK")
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 2
    assert run.err_lines == [
        "jobarchitecture: error: reading .xlsx needs openpyxl (the extra jobarchitecture[xlsx]): "
        "pip install openpyxl"
    ]


def test_progress_only_on_a_terminal() -> None:
    """The progress line is drawn on a terminal once the run is long, never elsewhere."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown, hidden = Terminal(), io.StringIO()
    for stream in (shown, hidden):
        bar = Progress(lambda: 0.5, stream)
        bar.start -= 1.0  # the run has lasted a second
        bar.last -= 1.0
        bar.update(256, 3)
        bar.close()
    assert " 50% [###############...............] 256 rows, 3 with errors" in shown.getvalue()
    assert shown.getvalue().endswith("\r\x1b[K")
    assert hidden.getvalue() == ""


def test_columns_named_in_english_are_criteria_as_in_classify(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A column named by a criterion's English name rates that criterion, as the same
    name does on the classify command line."""
    source = _write(tmp_path / "in.csv", [["id", "Knowledge", "documents"], ["1", "C", "B"]])
    run = cli("classify-batch", "ondersteuners", str(source))
    assert (run.code, run.err) == (0, "")
    assert _read(run.out)[1][:6] == ["1", "C", "B", "C", "", "C..B"]


#: Every "not applicable" marker of HR spreadsheets, in the cases people type them.
MARKERS = [
    "-",
    "\u2013",
    "\u2014",
    "n.v.t.",
    "N.V.T.",
    "nvt",
    "NVT",
    "n/a",
    "N/A",
    "n.a.",
    "s.o.",
    " S.O. ",
    # As hurried typists leave them: a dot less, a dot more, spaced.
    "N.V.T",
    "nvt.",
    "n. v. t.",
    "na",
    "so",
]


def test_not_applicable_cells_are_not_rated_in_csv(cli: Callable[..., Run], tmp_path: Path) -> None:
    """A CSV cell n.v.t., nvt, -, –, —, n/a, n.a. or s.o. (any case) is not rated, as an empty cell."""
    rows = [["id", "kennis", "contacten"], *[[str(i), m, "B"] for i, m in enumerate(MARKERS)]]
    rows.append(["empty", "", "B"])
    run = cli("classify-batch", "voorbeeld", str(_write(tmp_path / "in.csv", rows)))
    assert run.code == 0, run.out
    out = _read(run.out)
    header = out[0]
    level, error = header.index("level"), header.index("error")
    assert {(r[level], r[error]) for r in out[1:]} == {("B", "")}
    assert len({tuple(r[len(rows[0]) :]) for r in out[1:]}) == 1  # every marker gives what "" gives
    complete = cli("classify-batch", "voorbeeld", str(tmp_path / "in.csv"), "--complete")
    assert all("not rated: kennis" in r[error] for r in _read(complete.out)[1:])


def test_not_applicable_cells_are_not_rated_in_xlsx(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """An .xlsx cell n.v.t. or a dash is not rated, as an empty cell; another word stays an error."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (
        ["id", "kennis", "contacten"],
        [1, "n.v.t.", "B"],
        [2, "\u2013", "C"],
        [3, "nee", "C"],
    ):
        book.active.append(row)
    source = tmp_path / "in.xlsx"
    book.save(source)
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 1
    out = _read(run.out)
    assert [r[3] for r in out[1:]] == ["B", "C", ""]
    assert "unknown level 'nee'" in out[3][-1]


def test_a_level_named_like_a_marker_keeps_its_name(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """In a family whose level D is also called n.v.t., the cell n.v.t. is level D; - stays not rated."""
    family = ja.load_family(EXAMPLE)
    levels = list(family.scale.levels)
    levels[0] = attrs.evolve(levels[0], aliases=(*levels[0].aliases, "N.V.T."))
    evolved = attrs.evolve(family, scale=attrs.evolve(family.scale, levels=tuple(levels)))
    path = tmp_path / "nvt.json"
    ja.save_family(evolved, path)
    rows = [["id", "kennis", "contacten"], ["1", "n.v.t.", "D"], ["2", "-", "D"]]
    run = cli("classify-batch", str(path), str(_write(tmp_path / "in.csv", rows)))
    assert run.code == 0, run.out
    out = _read(run.out)
    warnings = out[0].index("warnings")
    assert [r[3] for r in out[1:]] == ["D", "D"]
    assert out[1][warnings] == ""  # kennis rated D: nothing unrated
    assert "kennis" in out[2][warnings]  # kennis not rated


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_a_note_beside_the_table_in_xlsx_loses_no_row(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A cell right of the last named column of a worksheet (a reviewer's note) leaves
    its row classified and is named by its cell reference; the row was an error
    ('has 5 fields but the header has 3') and the note vanished without a word."""
    source = _workbook(
        tmp_path / "in.xlsx",
        [
            ["id", "kennis", "contacten"],
            [1, "C", "B"],
            [2, "B", "B", None, "nakijken"],
            [3, "D", "D"],
        ],
    )
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 0, run.err
    out = _read(run.out)
    assert [r[:4] for r in out[1:]] == [
        ["1", "C", "B", "C"],
        ["2", "B", "B", "B"],
        ["3", "D", "D", "D"],
    ]
    assert run.err_lines == [
        f"jobarchitecture: warning: {source}: cell E3 is right of the last named column "
        "(C, 'contacten') and not in the output: give the column a name in row 1 to keep them"
    ]


_RATING = st.sampled_from(["C", "b", "D..C", "n.v.t.", "E", "", None, 7])


@hypothesis.settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)
@hypothesis.given(
    st.lists(
        st.tuples(_RATING, _RATING, st.lists(st.sampled_from([None, "", "nota", 3]), max_size=3)),
        min_size=1,
        max_size=8,
    )
)
def test_cells_beside_the_table_in_xlsx_change_no_row(
    cli: Callable[..., Run],
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[object, object, list[object]]],
) -> None:
    """Whatever stands right of a worksheet's last named column, every row comes out,
    in order, with the result it has without those cells, and each such cell is counted."""
    tmp = tmp_path_factory.mktemp("beside")
    header: list[object] = ["id", "kennis", "contacten"]
    plain = _workbook(
        tmp / "plain.xlsx", [header, *([i, a, b] for i, (a, b, _) in enumerate(rows))]
    )
    beside = _workbook(
        tmp / "beside.xlsx", [header, *([i, a, b, *extra] for i, (a, b, extra) in enumerate(rows))]
    )
    expected, got = (
        cli("classify-batch", "voorbeeld", str(plain)),
        cli("classify-batch", "voorbeeld", str(beside)),
    )
    assert (got.code, got.out) == (expected.code, expected.out)
    refs = [
        f"{'DEF'[j]}{i + 2}"
        for i, (_, _, extra) in enumerate(rows)
        for j, v in enumerate(extra)
        if v not in (None, "")
    ]
    said = [line for line in got.err_lines if "right of the last named column" in line]
    assert len(said) == (1 if refs else 0)
    if refs:
        more = f" and {len(refs) - 10} more" if len(refs) > 10 else ""
        these = "cell" if len(refs) == 1 else "cells"
        assert f": {these} {', '.join(refs[:10])}{more} " in said[0]


@hypothesis.settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)
@hypothesis.given(
    st.lists(
        st.lists(
            st.sampled_from(["C", "b", "n.v.t.", "E", "", "B..D", "x,y"]), min_size=2, max_size=2
        ),
        max_size=40,
    ),
    st.sampled_from([2048, 3]),
)
def test_the_rows_named_on_stderr_are_the_rows_with_an_error(
    cli: Callable[..., Run],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    cells: list[list[str]],
    chunk: int,
) -> None:
    """The summary names the first ten rows whose error column is filled, by their
    spreadsheet row number (the header is row 1), and counts the rest; no error, no summary."""
    from jobarchitecture._cli import _cmd_batch

    monkeypatch.setattr(_cmd_batch, "_CHUNK", chunk)
    tmp = tmp_path_factory.mktemp("named")
    source = _write(tmp / "in.csv", [["kennis", "contacten"], *cells])
    run = cli("classify-batch", "voorbeeld", str(source))
    out = _read(run.out)
    failed = [n for n, row in enumerate(out[1:], start=2) if row[-1]]
    assert run.code == (1 if failed else 0)
    if not failed:
        assert run.err_lines == []
        return
    (line,) = run.err_lines
    if len(failed) == 1:
        named = f"row {failed[0]}"
    elif len(failed) <= 10:
        named = f"rows {', '.join(map(str, failed[:-1]))} and {failed[-1]}"
    else:
        named = f"rows {', '.join(map(str, failed[:10]))} and {len(failed) - 10} more"
    assert line == (
        f"jobarchitecture: error: {len(failed)} of {len(cells)} rows could not be "
        f"classified ({named}); see their error column"
    )


def test_a_workbook_from_a_workbook_keeps_numbers_and_dates(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """An .xlsx output of an .xlsx input keeps each number, date and truth value as
    that, with its number format, where it wrote the text (an id 7 became the text
    '7', which Excel sorts after 10 and flags as a number stored as text); text
    stays text, and a CSV output of the same input is unchanged."""
    import datetime

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "kennis", "contacten", "sinds", "fte", "extern"])
    sheet.append([7, "C", "B", datetime.datetime(2026, 3, 1), 0.8, False])
    sheet.append([10, 3, "B", None, 1, True])  # a number where a level belongs: its row's error
    sheet["D2"].number_format = "dd/mm/yyyy"
    sheet["E2"].number_format = "0%"
    source = tmp_path / "in.xlsx"
    book.save(source)
    target = tmp_path / "out.xlsx"
    run = cli("classify-batch", "voorbeeld", str(source), "-o", str(target))
    assert run.code == 1
    out = openpyxl.load_workbook(target).active
    rows = [[c.value for c in row] for row in out.iter_rows(min_row=2, max_col=7)]
    assert rows == [
        [7, "C", "B", datetime.datetime(2026, 3, 1), 0.8, False, "C"],
        [10, 3, "B", None, 1, True, None],
    ]
    assert out["D2"].number_format == "dd/mm/yyyy"
    assert out["E2"].number_format == "0%"
    assert out["B2"].data_type == "s"
    assert "unknown level '3'" in out["K3"].value
    csv_out = cli("classify-batch", "voorbeeld", str(source))
    assert [r[:7] for r in _read(csv_out.out)[1:]] == [
        ["7", "C", "B", "2026-03-01T00:00:00", "0.8", "FALSE", "C"],
        ["10", "3", "B", "", "1", "TRUE", ""],
    ]


_SHEET_CELL = st.one_of(
    st.none(),
    st.sampled_from(["C", "b", "D..C", "n.v.t.", "E", "Niveau C"]),
    st.text(alphabet="abcXYZ019 .,;-'\"é", max_size=8),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.datetimes(
        min_value=__import__("datetime").datetime(1950, 1, 1),
        max_value=__import__("datetime").datetime(2100, 1, 1),
    ).map(lambda d: d.replace(microsecond=0)),
)


@hypothesis.settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)
@hypothesis.given(st.lists(st.lists(_SHEET_CELL, min_size=3, max_size=3), min_size=1, max_size=6))
def test_a_workbook_from_a_workbook_gives_back_every_cell(
    cli: Callable[..., Run],
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[list[object]],
) -> None:
    """Round trip: every input cell of an .xlsx comes back in the .xlsx output with its
    value and type, and the result columns are those of the CSV output, cell for cell."""
    openpyxl = pytest.importorskip("openpyxl")
    tmp = tmp_path_factory.mktemp("typed")
    source = _workbook(tmp / "in.xlsx", [["id", "kennis", "contacten"], *rows])
    target = tmp / "out.xlsx"
    typed = cli("classify-batch", "voorbeeld", str(source), "-o", str(target))
    text = cli("classify-batch", "voorbeeld", str(source))
    assert typed.code == text.code
    book = openpyxl.load_workbook(target)
    got = [list(r) for r in book.active.iter_rows(min_row=2, values_only=True)]
    expected = [r for r in _read(text.out)[1:] if r]
    # The input as the workbook holds it (no empty text, 16 digits), without its empty rows.
    given = openpyxl.load_workbook(source).active.iter_rows(min_row=2, values_only=True)
    kept = [list(r) for r in given if any(v is not None for v in r)]
    assert [r[:3] for r in got if any(v is not None for v in r)] == kept
    assert [
        ["" if v is None else v for v in r[3:]] for r in got if any(v is not None for v in r)
    ] == [r[3:] for r in expected]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_title_above_the_header_is_pointed_at(
    cli: Callable[..., Run], tmp_path: Path, suffix: str
) -> None:
    """A sheet whose header stands under a title row and a blank row is refused with
    the row that names criteria and what to do (the error named only the criteria)."""
    rows = [["Functies 2026", "", ""], ["", "", ""], ["nr", "Kennis", "Contacten"], ["1", "C", "B"]]
    if suffix == ".csv":
        source = _write(tmp_path / "in.csv", rows)
    else:
        source = _workbook(tmp_path / "in.xlsx", [[v or None for v in r] for r in rows])
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 2
    assert run.err_lines == [
        "jobarchitecture: error: no column names a criterion of 'voorbeeld' (criteria: kennis, "
        "contacten); row 3 names criteria ('Kennis', 'Contacten'): if it is the header, delete "
        "the 2 rows above it so that it is row 1"
    ]


@hypothesis.settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)
@hypothesis.given(
    st.lists(
        st.lists(
            st.sampled_from(["", "Functies", "versie 2", "id", "Kennis", "contacten"]),
            min_size=2,
            max_size=2,
        ),
        min_size=1,
        max_size=25,
    )
)
def test_the_row_pointed_at_is_the_first_that_names_a_criterion(
    cli: Callable[..., Run], tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]]
) -> None:
    """Under a header that names no criterion, the hint names the first of the next 20
    rows that names one, and how many rows stand above it; without one, no hint."""
    tmp = tmp_path_factory.mktemp("title")
    source = _write(tmp / "in.csv", [["Functies 2026", ""], *rows])
    run = cli("classify-batch", "voorbeeld", str(source))
    assert run.code == 2
    (line,) = run.err_lines
    found = next(
        (n for n, r in enumerate(rows[:20], start=2) if {"Kennis", "contacten"} & set(r)), None
    )
    if found is None:
        assert "names criteria" not in line
    else:
        above = found - 1
        assert f"; row {found} names criteria (" in line
        assert line.endswith(
            f"delete the {above} row{'s' if above > 1 else ''} above it so that it is row 1"
        )
