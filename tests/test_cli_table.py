"""Terminal tables: every row on one line of the terminal, the first column whole."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jobarchitecture._cli import _common

_cells = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=60)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _table(
    rows: list[list[str]], headers: list[str], width: int, cut_first: tuple[int, ...] = ()
) -> list[str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_common, "terminal_width", lambda _stream: width)
        mp.setenv("NO_COLOR", "1")
        style = _common.Style(_Terminal())
        return _common.table(rows, headers, style, cut_first).splitlines()


@st.composite
def _grids(draw: st.DrawFn, min_columns: int = 2) -> tuple[list[str], list[list[str]]]:
    """Headers ``H0``... and up to six rows of printable cells without spaces."""
    columns = draw(st.integers(min_columns, 5))
    row = st.lists(_cells, min_size=columns, max_size=columns)
    return [f"H{i}" for i in range(columns)], draw(st.lists(row, max_size=6))


def _fits(rows: list[list[str]], width: int) -> bool:
    """Whether every column but the first can shrink enough for the terminal."""
    first = max([len(r[0]) for r in rows] + [2])
    return first + 12 * (len(rows[0]) - 1 if rows else 0) <= width


@given(_grids(), st.integers(40, 200))
def test_rows_fit_the_terminal_and_keep_the_first_column(
    grid: tuple[list[str], list[list[str]]], width: int
) -> None:
    """Where the columns can shrink to ten characters, no line is wider than the terminal,
    and each row's first cell and every cell that fits are shown whole."""
    headers, rows = grid
    lines = _table(rows, headers, width)
    assert len(lines) == len(rows) + 1
    if _fits(rows, width):
        assert all(len(line) <= width for line in lines)
    for row, line in zip(rows, lines[1:], strict=True):
        assert line.startswith(row[0])
        for cell in row:
            if len(cell) <= 10:
                assert cell in line


def test_a_wide_table_cuts_its_widest_columns_evenly() -> None:
    """The widest columns lose characters first, so two wide columns are cut alike."""
    rows = [["code", "n" * 50, "g" * 50, "short"]]
    (_header, line) = _table(rows, ["CODE", "NAME", "GOV", "LEVELS"], 80)
    assert len(line) <= 80
    name, gov = line.split()[1:3]
    assert name.endswith("…")
    assert gov.endswith("…")
    assert abs(len(name) - len(gov)) <= 1
    assert line.split()[3] == "short"


@given(_grids(min_columns=3), st.integers(40, 200), st.data())
def test_the_columns_cut_first_give_way_before_the_others(
    grid: tuple[list[str], list[list[str]]], width: int, data: st.DataObject
) -> None:
    """With cut_first, no other column loses a character while one of those can still
    shrink (to ten characters, or its header); the rows still fit as before."""
    headers, rows = grid
    assume(rows)
    columns = len(headers)
    first = data.draw(st.sampled_from(range(1, columns)))
    lines = _table(rows, headers, width, (first,))
    if _fits(rows, width):
        assert all(len(line) <= width for line in lines)
    natural = max(len(headers[first]), *(len(r[first]) for r in rows))
    shown = [line.split() for line in lines[1:]]
    others_cut = any(
        cells[i].endswith("…") and not row[i].endswith("…")
        for row, cells in zip(rows, shown, strict=True)
        for i in range(1, columns)
        if i != first
    )
    if others_cut and natural > 10:
        # the column cut first is down to its least
        assert all(len(cells[first]) <= max(10, len(headers[first])) for cells in shown)


def test_families_keep_name_and_levels_whole_on_a_wide_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """At 120 columns `families` cuts the source and the government, not a family's
    name or its levels (each of the four bundled families)."""
    import sys

    import jobarchitecture as ja
    from jobarchitecture._cli import main

    monkeypatch.setattr(_common, "terminal_width", lambda _stream: 120)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["families"]) == 0
    out = capsys.readouterr().out
    assert all(len(line) <= 120 for line in out.splitlines())
    for code in (
        "adviseurs",
        "managementondersteuning",
        "ondersteuners",
        "organisatieondersteuning",
    ):
        family = ja.get_family(code)
        line = next(x for x in out.splitlines() if x.startswith(code + " "))
        assert family.name.nl in line
        assert " < ".join(family.scale.codes) in line


@pytest.mark.parametrize("width", [80, 100, 120, 170])
def test_families_show_the_source_whole_or_not_at_all(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], width: int
) -> None:
    """`families` leaves the source column out rather than cut it to "jobarchit…",
    which names nothing, and gives its width to the name, government and levels:
    at 120 columns all three are whole."""
    import sys

    from jobarchitecture._cli import main

    monkeypatch.setattr(_common, "terminal_width", lambda _stream: width)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["families"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= width for line in lines)
    assert "jobarchit…" not in "\n".join(lines)
    if width < 170:
        assert lines[0].split()[-1] == "NIVEAUS"
    else:
        assert "jobarchitecture-organisatieondersteuning 1.0.0" in lines[-1]
    if width >= 120:
        assert "Federale overheid (FOD BOSA)" in lines[2]
    if width == 80:  # the levels keep more than "12 < 13/14 <…"
        assert "12 < 13/14 < 15/16" in lines[1]


def test_classify_on_80_columns_breaks_a_long_head_and_unrated_list_at_their_parts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On an 80-column terminal the span note of a head too wide goes to a line of
    its own, and so does a long list of unrated criteria, each indented: no line
    of classify's output starts with the broken-off end of a sentence."""
    import sys

    from jobarchitecture._cli import main

    monkeypatch.setattr(_common, "terminal_width", lambda _stream: 80)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    args = [
        "classify",
        "adviseurs",
        "complexiteit_van_het_advies_of_de_begeleiding=15/16",
        "aard_van_de_relatie_met_de_klant=13/14..15/16",
        "interpersoonlijke_relaties=12",
        "--lang",
        "fr",
    ]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[:2] == [
        "adviseurs : 13/14  Functieklasse 13/14",
        "  (étendue 13/14..15/16 : une évaluation couvre plusieurs niveaux)",
    ]
    at = lines.index("non évalués :")
    assert lines[at + 1] == (
        "  optimalisatie_van_de_werking_beleidsadvies, organisatie_en_samenwerkingsvorm"
    )
    # A head that fits keeps its note on its line.
    assert main(["classify", "ondersteuners", "kennis=C..B", "contacten=B", "--lang", "en"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert head == "ondersteuners: C  Level C  (span C..B: a rating spans levels)"


@given(_grids(min_columns=3), st.integers(20, 200), st.data())
def test_droppable_columns_go_only_when_the_rest_cannot_fit(
    grid: tuple[list[str], list[list[str]]], width: int, data: st.DataObject
) -> None:
    """With every column but the first droppable, each line fits the terminal when the
    first column and one more can; a column is left out only while the others could
    not fit even cut, and the least needed goes first."""
    headers, rows = grid
    assume(rows)
    order = data.draw(st.permutations(range(1, len(headers))))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_common, "terminal_width", lambda _stream: width)
        mp.setenv("NO_COLOR", "1")
        text = _common.table(rows, headers, _common.Style(_Terminal()), droppable=order)
    lines = text.splitlines()
    shown = lines[0].split()
    assert shown[0] == "H0"
    dropped = [h for h in headers if h not in shown]
    assert set(dropped) == {f"H{i}" for i in order[: len(dropped)]}  # least needed first

    def smallest(columns: list[int]) -> int:
        """The width of the table of these columns, each cut to its least."""
        natural = [max(len(r[i]) for r in [headers, *rows]) for i in columns]
        return natural[0] + sum(min(n, max(10, 2)) + 2 for n in natural[1:])

    kept = [0, *(int(h[1:]) for h in shown[1:])]
    if _fits([[r[i] for i in kept] for r in rows], width):
        assert all(len(line) <= width for line in lines)
    if dropped:  # the last one left out could not stay: with it, nothing fitted
        assert smallest([*kept, order[len(dropped) - 1]]) > width


def test_families_on_a_40_column_terminal_keep_each_row_on_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """At 40 columns `families` shows the code and the name of each bundled family,
    one line each, leaving out the columns that cannot fit."""
    import sys

    from jobarchitecture._cli import main

    monkeypatch.setattr(_common, "terminal_width", lambda _stream: 40)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["families"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert lines[0].split() == ["CODE", "NAAM"]
    assert [line.split()[0] for line in lines[1:]] == [
        "adviseurs",
        "managementondersteuning",
        "ondersteuners",
        "organisatieondersteuning",
    ]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_rules_on_a_40_column_terminal_keep_each_row_on_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """At 40 columns `rules` shows each rule on one line, with its description, the
    source left out first."""
    import sys

    import jobarchitecture as ja
    from jobarchitecture._cli import main

    monkeypatch.setattr(_common, "terminal_width", lambda _stream: 40)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["rules", "--lang", lang]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert len(lines[0].split()) == 3  # RULE, LAWS, DESCRIPTION
    assert [line.split()[0] for line in lines[1:]] == list(ja.rule_names())


_SGR = re.compile("\x1b\\[[0-9;]*m")


@pytest.mark.parametrize(
    ("argv", "cut"),
    [
        (["show", "voorbeeld", "--lang", "en"], False),
        (["show", "ondersteuners"], False),
        (["classify", "voorbeeld", "kennis=C", "--explain", "--target", "B"], False),
        # the table's descriptors are cut to fit (with "…"), as before
        (["classify", "ondersteuners", "kennis=C", "documenten=C..B", "contacten=D"], True),
    ],
)
@pytest.mark.parametrize("color", [False, True])
def test_text_on_a_narrow_terminal_breaks_between_words(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    families: Path,
    argv: list[str],
    cut: bool,
    color: bool,
) -> None:
    """On a 40-column terminal `show` and `classify` break their long lines between
    words, each line within the width unless one word is wider, and say the same
    words as on a wide terminal."""
    import sys

    from jobarchitecture._cli import main

    monkeypatch.delenv("NO_COLOR", raising=False)
    if not color:
        monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)

    def at(width: int) -> tuple[list[str], list[str]]:
        monkeypatch.setattr(_common, "terminal_width", lambda _stream: width)
        assert main(argv) == 0
        lines = _SGR.sub("", capsys.readouterr().out).splitlines()
        return lines, " ".join(lines).split()

    narrow, said = at(40)
    _, wide = at(10_000)
    assert all(len(line) <= 40 or " " not in line.strip() for line in narrow)
    if not cut:
        assert said == wide
