"""The command line as a user runs it: every command, its output, its one-line
errors and its exit codes (0 success, 1 problems found, 2 usage or input error)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import jobarchitecture as ja

if TYPE_CHECKING:
    from conftest import Run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "voorbeeld.toml"
README = ROOT / "README.md"
# Variables that change what the CLI finds or prints; every test starts without them.
CLEARED = ("JOBARCHITECTURE_PATH", "JOBARCHITECTURE_STRICT", "NO_COLOR", "TERM")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
BROKEN = 'code = "kapot"\nname = 3\n'


def _fake_tty(monkeypatch: pytest.MonkeyPatch, stream: str = "stdout") -> None:
    monkeypatch.setattr(getattr(sys, stream), "isatty", lambda: True)


# ------------------------------------------------------------------ families


def test_families_json_lists_the_family_with_stable_keys(cli: Callable[..., Run]) -> None:
    """`families --json` gives every family with code, name, government, levels and origin."""
    run = cli("families", "--json")
    data = json.loads(run.out)
    assert set(data) == {"families", "problems"}
    (example,) = [f for f in data["families"] if f["code"] == "voorbeeld"]
    assert example == {
        "code": "voorbeeld",
        "name": "Voorbeeldfamilie",
        "government": "Voorbeeldorganisatie",
        "levels": ["D", "C", "B"],
        "distribution": None,
        "version": None,
        "origin": str(Path(os.environ["JOBARCHITECTURE_PATH"]) / "voorbeeld.toml"),
    }
    for family in data["families"]:
        assert set(family) == set(example)


def test_families_lists_broken_plugins_separately(cli: Callable[..., Run], families: Path) -> None:
    """A broken family file is listed under problems with its reason, the others still
    listed, and the exit code is 1."""
    (families / "kapot.toml").write_text(BROKEN, encoding="utf-8")
    run = cli("families", "--json")
    assert run.code == 1
    data = json.loads(run.out)
    assert "voorbeeld" in [f["code"] for f in data["families"]]
    assert "kapot" not in [f["code"] for f in data["families"]]
    (problem,) = [p for p in data["problems"] if p["code"] == "kapot"]
    assert problem["origin"].endswith("kapot.toml")
    assert "$.name" in problem["reason"]


def test_families_json_gives_a_broken_files_problems_one_by_one(
    cli: Callable[..., Run], families: Path
) -> None:
    """A broken family file with several problems has them in "reasons", one item per
    problem and each the line stderr would give, beside "reason" as one text."""
    (families / "kapot.toml").write_text('code = "kapot"\n', encoding="utf-8")
    data = json.loads(cli("families", "--json").out)
    (problem,) = [p for p in data["problems"] if p["code"] == "kapot"]
    origin = problem["origin"]
    assert problem["reasons"] == [
        f"{origin}: $.{key}: required key missing"
        for key in ("name", "government", "scale", "purpose")
    ]
    assert problem["reason"] == "\n".join(problem["reasons"])


def test_strict_mode_makes_a_broken_plugin_an_error(
    cli: Callable[..., Run], families: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With JOBARCHITECTURE_STRICT=1 a broken family is an error (exit 2) on stderr,
    and the good families are still listed."""
    (families / "kapot.toml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.setenv("JOBARCHITECTURE_STRICT", "1")
    run = cli("families", "--json")
    assert run.code == 2
    assert "voorbeeld" in [f["code"] for f in json.loads(run.out)["families"]]
    assert run.err_lines
    # "kapot.toml:2: $.name: …" where the key is written, "kapot.toml: $.scale: …" where it is missing
    assert all(re.search(r"error: .*kapot\.toml(:\d+)?: \$\.", line) for line in run.err_lines)


def test_families_text_is_tab_separated_without_a_terminal(
    cli: Callable[..., Run], families: Path
) -> None:
    """Piped, `families` prints one tab-separated line per family and broken ones on stderr."""
    (families / "kapot.toml").write_text(BROKEN, encoding="utf-8")
    run = cli("families")
    line = next(x for x in run.out.splitlines() if x.startswith("voorbeeld\t"))
    assert line.split("\t")[:4] == [
        "voorbeeld",
        "Voorbeeldfamilie",
        "Voorbeeldorganisatie",
        "D < C < B",
    ]
    assert "CODE" not in run.out
    assert not ANSI.search(run.out)
    assert any("broken family 'kapot'" in x and "$.name" in x for x in run.err_lines)


def test_families_table_on_a_terminal_is_bold_unless_no_color(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal `families` prints an aligned table with a bold header; NO_COLOR removes the bold."""
    _fake_tty(monkeypatch)
    run = cli("families")
    assert "\x1b[1mCODE" in run.out
    assert "\t" not in run.out
    monkeypatch.setenv("NO_COLOR", "1")
    plain = cli("families")
    assert plain.out.startswith("CODE")
    assert not ANSI.search(plain.out)


# ------------------------------------------------------------------ show


def test_show_prints_every_part_of_the_family(cli: Callable[..., Run]) -> None:
    """`show` prints purpose, levels, result areas with tasks, criteria per span with
    OF and (RG), requirements, profiles, competencies and notes."""
    run = cli("show", "voorbeeld")
    assert run.code == 0
    out = run.out
    for expected in (
        "Voorbeeldfamilie  [voorbeeld]",
        "DOEL",
        "Taken verzorgen voor een klant teneinde bij te dragen tot de dienstverlening.",
        "Niveau: D < C < B",
        "- Brieven opstellen",
        "C..B  Kennis van procedures is vereist.",
        "OF",
        "Anderen begeleiden met als doel hen te ondersteunen  (RG)",
        "bereik afgeleid: Made-up example",
        "VEREISTEN",
        "COMPETENTIEPROFIELEN",
        "1 = Ziet de essentie",
        "* specialisatie: duidelijk afgebakende kennis van een domein.",
    ):
        assert expected in out, expected


def test_show_lang_falls_back_to_dutch_per_text(cli: Callable[..., Run]) -> None:
    """`show --lang en` uses English where the family has it and Dutch elsewhere."""
    out = cli("show", "voorbeeld", "--lang", "en").out
    assert out.startswith("Example family  [voorbeeld]")
    assert "PURPOSE" in out
    assert "Basiskennis is vereist." in out  # no English text: Dutch
    fr = cli("show", "voorbeeld", "--lang", "fr").out
    assert "Gestion de l'information" in fr
    assert fr.startswith("Voorbeeldfamilie")


def test_show_json_is_the_serialised_family_and_loads_again(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """`show --json` prints the family's serialised form, which loads back to an equal family."""
    run = cli("show", "voorbeeld", "--json")
    data = json.loads(run.out)
    assert data == ja.family_to_data(ja.load_family(EXAMPLE))
    saved = tmp_path / "voorbeeld.json"
    saved.write_text(run.out, encoding="utf-8")
    assert ja.load_family(saved) == ja.load_family(EXAMPLE)


def test_show_every_installed_family_in_every_language(cli: Callable[..., Run]) -> None:
    """Every installed family shows without error in Dutch, French and English."""
    codes = [f["code"] for f in json.loads(cli("families", "--json").out)["families"]]
    assert len(codes) >= 2
    for code in codes:
        for lang in ("nl", "fr", "en"):
            run = cli("show", code, "--lang", lang)
            assert run.code == 0, (code, lang, run.err)
            assert f"[{code}]" in run.out.splitlines()[0]


def test_show_headings_are_bold_on_a_terminal_only_without_no_color(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal `show` makes headings bold; piped or with NO_COLOR it prints no escapes."""
    assert not ANSI.search(cli("show", "voorbeeld").out)
    _fake_tty(monkeypatch)
    assert "\x1b[1mDOEL\x1b[0m" in cli("show", "voorbeeld").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(cli("show", "voorbeeld").out)


def test_show_reads_a_family_file_given_as_a_path(cli: Callable[..., Run]) -> None:
    """FAMILY may be a .toml file instead of a code."""
    run = cli("show", str(EXAMPLE))
    assert run.code == 0
    assert "[voorbeeld]" in run.out


def test_unknown_family_is_one_line_and_exit_2(sh: Callable[..., Run]) -> None:
    """An unknown family code gives one error line naming the closest code, exit 2."""
    run = sh("show", "voorbeeldd")
    assert run.code == 2
    assert run.out == ""
    (line,) = run.err_lines
    assert line.startswith("jobarchitecture: error: unknown family 'voorbeeldd'")
    assert "did you mean 'voorbeeld'?" in line


@pytest.mark.parametrize(
    "args",
    [
        ("show", "familie.yaml"),
        ("classify", "familie.yaml", "kennis=C"),
        ("classify-batch", "familie.yaml", "-"),
        ("diff", "familie.yaml", "voorbeeld"),
    ],
)
def test_a_family_file_of_another_type_is_named_as_such(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """FAMILY naming an existing file that is no family's code, but not .toml or .json,
    is one line saying the file's type is wrong, not "unknown family", exit 2."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLE, tmp_path / "familie.yaml")
    run = cli(*args)
    assert run.code == 2
    assert run.err_lines == [
        "jobarchitecture: error: familie.yaml: $: unknown file type '.yaml' (expected .toml, .json)"
    ]


@pytest.mark.parametrize("command", ["diff", "site"])
def test_every_broken_family_argument_is_reported_in_one_run(
    cli: Callable[..., Run], tmp_path: Path, command: str
) -> None:
    """`diff` and `site` read every FAMILY before failing: one line per problem of
    each broken argument, in order, not only the first one's; exit 2, nothing written."""
    (tmp_path / "kapot.toml").write_text('code = "x"\nname = \n', encoding="utf-8")
    families = [str(tmp_path / "kapot.toml"), "voorbeeldd", str(tmp_path / "weg.json")]
    args = families[:2] if command == "diff" else [str(tmp_path / "site"), *families]
    run = cli(command, *args)
    assert run.code == 2
    assert run.out == ""
    expected = [
        f"{tmp_path / 'kapot.toml'}:2: $: invalid TOML",
        "unknown family 'voorbeeldd'",
        f"{tmp_path / 'weg.json'}: $: cannot read file",
    ][: len(args) - (0 if command == "diff" else 1)]
    assert len(run.err_lines) == len(expected)
    for line, start in zip(run.err_lines, expected, strict=True):
        assert line.startswith(f"jobarchitecture: error: {start}")
    assert not (tmp_path / "site").exists()


def test_missing_family_file_is_one_line_and_exit_2(sh: Callable[..., Run]) -> None:
    """A family file that does not exist gives one error line, exit 2, no traceback."""
    run = sh("show", "nergens/familie.toml")
    assert run.code == 2
    (line,) = run.err_lines
    assert "nergens/familie.toml" in line
    assert "cannot read file" in line


def test_broken_family_file_gives_one_line_per_problem(
    sh: Callable[..., Run], families: Path
) -> None:
    """A broken family gives one error line per problem, each with file and path, exit 2."""
    (families / "kapot.toml").write_text(BROKEN, encoding="utf-8")
    run = sh("show", "kapot")
    assert run.code == 2
    assert len(run.err_lines) == 4
    head = f"jobarchitecture: error: {families / 'kapot.toml'}"
    assert (
        run.err_lines[0]
        == f"{head}:2: $.name: expected a string or a table with 'nl' (and optional 'fr', 'en'), got 3"
    )
    assert all(line.startswith(f"{head}: $.") for line in run.err_lines[1:])  # missing keys
    assert "Traceback" not in run.err


def test_a_family_file_with_another_code_is_named_once(
    cli: Callable[..., Run], families: Path
) -> None:
    """A file on JOBARCHITECTURE_PATH whose code is not its name is named by its path
    once, at the line of its code, as `families` names it, not once as the origin
    and again as the problem's file."""
    (families / "anders.toml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    file = families / "anders.toml"
    said = (
        f"{file}:3: $.code: its data has code 'voorbeeld', but it is registered as 'anders' "
        "by its file name: rename the file to voorbeeld.toml, or set its code to 'anders'"
    )
    run = cli("classify", "anders", "kennis=C")
    assert run.code == 2
    assert run.err_lines == [f"jobarchitecture: error: family 'anders' is broken: {said}"]
    assert [x for x in cli("families").err_lines if "anders" in x] == [
        f"jobarchitecture: warning: broken family 'anders': {said}"
    ]


# ------------------------------------------------------------------ classify and profile


def test_classify_prints_level_evidence_spread_and_result_areas(cli: Callable[..., Run]) -> None:
    """`classify` prints the level, the spread, one evidence line per rated criterion
    and the result areas added by (RG) descriptors."""
    run = cli("classify", "voorbeeld", "kennis=C", "Contacten=b", "--lang", "en")
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0] == "voorbeeld: C  Niveau C"  # no English name: Dutch, item by item
    assert lines[1].startswith("spread C..B · rule lower_median · agreement 50%")
    assert "kennis\tC\tKennis van procedures is vereist. OR Anderen begeleiden" in run.out
    assert "contacten\tB\tAdvies geven." in lines
    assert (
        "  - kennis at C: Anderen begeleiden met als doel hen te ondersteunen  (one of the alternatives: OR)"
        in lines
    )


def test_classify_json_has_level_and_level_span(cli: Callable[..., Run]) -> None:
    """`classify --json` gives the level code, and the span for span ratings."""
    plain = json.loads(cli("classify", "voorbeeld", "kennis=C", "contacten=C", "--json").out)
    assert plain["level"] == "C"
    assert plain["level_span"] is None
    span = cli("classify", "voorbeeld", "kennis=D..B", "contacten=C..B", "--json")
    data = json.loads(span.out)
    expected = ja.classify(ja.load_family(EXAMPLE), {"kennis": "D..B", "contacten": "C..B"})
    assert data["level"] == expected.level
    assert data["level_span"] == list(expected.level_span or ())
    assert data == json.loads(json.dumps(expected.to_dict("nl")))


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_classify_json_warnings_follow_lang_and_codes_do_not(
    cli: Callable[..., Run], lang: str
) -> None:
    """`classify --json --lang X` words the warnings as the text output does in X;
    the codes (level, criteria, warning_codes) are the same in every language."""
    args = ("classify", "voorbeeld", "kennis=D", "contacten=B", "--lang", lang)
    data = json.loads(cli(*args, "--json").out)
    text = cli(*args).out
    assert data["warning_codes"] == ["apart"]
    (warning,) = data["warnings"]
    assert f"  - {warning}" in text
    english = json.loads(cli(*args[:-2], "--lang", "en", "--json").out)
    assert {k: v for k, v in data.items() if k != "warnings"} == {
        k: v for k, v in english.items() if k != "warnings"
    }


@pytest.mark.parametrize(
    ("ratings", "span"),
    [
        (("kennis=C..B", "contacten=C"), None),  # C either way: no span of the result
        (("kennis=C..B", "contacten=B"), "C..B"),
    ],
)
@pytest.mark.parametrize(
    ("lang", "label"), [("nl", "(bereik {}:"), ("fr", "(étendue {} :"), ("en", "(span {}:")]
)
def test_classify_head_shows_a_span_only_when_the_result_is_one(
    cli: Callable[..., Run], ratings: tuple[str, ...], span: str | None, lang: str, label: str
) -> None:
    """The first line names a span of levels only when the span ratings give two
    results; a span that gives one level either way is not called a span there."""
    run = cli("classify", "voorbeeld", *ratings, "--lang", lang)
    assert run.code == 0, run.err
    head = run.out.splitlines()[0]
    if span is None:
        assert head.endswith(": C  Niveau C")
    else:
        assert label.format(span) in head


@pytest.mark.parametrize(
    ("lang", "facts"),
    [
        ("nl", "spreiding C..B · regel lower_median · overeenstemming 50% op C"),
        ("fr", "dispersion C..B · règle lower_median · concordance 50 % à C"),
        ("en", "spread C..B · rule lower_median · agreement 50%"),
    ],
)
def test_classify_table_says_which_end_of_a_span_result_the_agreement_counts(
    cli: Callable[..., Run], lang: str, facts: str
) -> None:
    """Under a head with the span C..B, the agreement names the level it counts
    (C); without a span result it stands alone, as before."""
    run = cli("classify", "voorbeeld", "kennis=C..B", "contacten=B", "--lang", lang)
    assert run.code == 0, run.err
    second = run.out.splitlines()[1]
    if lang == "en":
        assert second == facts + " at C"
        plain = cli("classify", "voorbeeld", "kennis=C", "contacten=B", "--lang", lang)
        assert plain.out.splitlines()[1] == facts
    else:
        assert second == facts


def test_classify_explain_target_and_rule(cli: Callable[..., Run]) -> None:
    """`--explain` explains in words, `--target` lists the changes, `--rule` picks the rule."""
    run = cli(
        "classify",
        "voorbeeld",
        "kennis=D",
        "contacten=C",
        "--explain",
        "--lang",
        "en",
        "--target",
        "B",
        "--rule",
        "maximum",
    )
    assert run.code == 0
    assert run.out.startswith("Family Example family (voorbeeld): level C by rule 'maximum'")
    assert run.out.endswith("\n\nTo reach B, change 1 rating:\n- Contacten: C -> B\n")
    data = json.loads(cli("classify", "voorbeeld", "kennis=D", "--target", "C", "--json").out)
    assert data["to_reach"]["target"] == "C"
    assert data["to_reach"]["changes"][0]["to"] == "C"


def test_classify_explain_target_names_the_changes_as_the_explanation_names_criteria(
    cli: Callable[..., Run],
) -> None:
    """Under --explain the changes --target lists go by the criteria's names in
    --lang, set out as the explanation's paragraphs are; under the table, by code."""
    args = ("classify", "organisatieondersteuning", "complexiteit_van_de_problematiek=17/18")
    run = cli(*args, "rol_in_projecten=15/16", "--target", "19", "--lang", "en", "--explain")
    assert run.code == 0, run.err
    assert run.out.endswith(
        "\n\nTo reach 19, change 2 ratings:\n"
        "- Complexity of the issues: 17/18 -> 19\n"
        "- Degree of supervision: not rated -> 19\n"
    )
    run = cli(*args, "rol_in_projecten=15/16", "--target", "19", "--lang", "en")
    assert run.out.endswith(
        "\n\nto reach 19, change 2 ratings:\n"
        "  - complexiteit_van_de_problematiek: 17/18 -> 19\n"
        "  - mate_van_opgevolgd_worden: - -> 19\n"
    )
    run = cli(*args, "--target", "17/18", "--lang", "fr", "--explain")
    assert run.out.endswith("\n\nPour atteindre 17/18 : aucun changement nécessaire\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("kenis=C",), "unknown criterion 'kenis' (kennis, contacten); did you mean 'kennis'?"),
        (("kennis=E",), "unknown level 'E' for criterion 'kennis' (D, C, B)"),
        (("kennis",), "expected CRITERION=LEVEL, got 'kennis'"),
        (("kennis=C", "Kennis=B"), "criterion 'kennis' is rated twice ('kennis=C' and 'Kennis=B')"),
        (("kennis=C", "--rule", "median"), "unknown rule 'median'"),
        (
            ("kennis=B..D",),
            "span B..D of criterion 'kennis' runs backwards (D is below B): write the lower level first, D..B",
        ),
        (("kennis=C", "--complete"), "ratings are incomplete (--complete): not rated: contacten"),
        (("kennis=C", "contacten=", "--complete"), "(--complete): not rated: contacten"),
    ],
)
def test_classify_bad_input_is_one_line_and_exit_2(
    sh: Callable[..., Run], args: tuple[str, ...], message: str
) -> None:
    """An unknown criterion, level or rule, a malformed or repeated rating: one line, exit 2."""
    run = sh("classify", "voorbeeld", *args)
    assert run.code == 2
    assert run.out == ""
    (line,) = run.err_lines
    assert line.startswith("jobarchitecture: error: ")
    assert message in line


def test_classify_names_every_bad_rating_at_once(cli: Callable[..., Run]) -> None:
    """Several mistyped ratings give one line each, in the order given, with the
    error that stopped the rest (an unknown rule) after them; exit 2, nothing on stdout."""
    run = cli(
        "classify",
        "voorbeeld",
        "kenis=C",
        "contacten=E",
        "kennis",
        "--rule",
        "lowermedian",
        "--json",
    )
    assert (run.code, run.out) == (2, "")
    assert run.err_lines == [
        "jobarchitecture: error: unknown criterion 'kenis' (kennis, contacten); did you mean 'kennis'?",
        "jobarchitecture: error: unknown level 'E' for criterion 'contacten' (D, C, B)",
        "jobarchitecture: error: expected CRITERION=LEVEL, got 'kennis'",
        "jobarchitecture: error: unknown rule 'lowermedian' (lower_median, upper_median, "
        "minimum, maximum, weighted, mode); did you mean 'lower_median'?",
    ]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ("Kennis=niveau", "c", "contacten=B"),
            "expected CRITERION=LEVEL, got 'Kennis=niveau' 'c'; quote a rating of several "
            "words as one argument: 'Kennis=niveau c'",
        ),
        (("kennis", "C"), "expected CRITERION=LEVEL, got 'kennis' 'C'; did you mean 'kennis=C'?"),
        (
            ("kennis", "=", "C"),
            "expected CRITERION=LEVEL, got 'kennis' '=' 'C'; did you mean 'kennis=C'?",
        ),
        (("kennis:C",), "expected CRITERION=LEVEL, got 'kennis:C'; did you mean 'kennis=C'?"),
        (
            ("kennis=C contacten=B",),
            "expected one CRITERION=LEVEL per argument, got 'kennis=C contacten=B'; "
            "write each as its own: kennis=C contacten=B",
        ),
        (
            ("kennis=C,contacten=waarde 2",),
            "expected one CRITERION=LEVEL per argument, got 'kennis=C,contacten=waarde 2'; "
            "write each as its own: kennis=C 'contacten=waarde 2'",
        ),
        (
            ("Kennis : niveau c",),
            "expected CRITERION=LEVEL, got 'Kennis : niveau c'; did you mean 'Kennis=niveau c'?",
        ),
        (
            ("contacten=B", "kennis", "waarde", "2"),
            "expected CRITERION=LEVEL, got 'kennis' 'waarde' '2'; quote a rating of several words as one "
            "argument: 'kennis=waarde 2'",
        ),
    ],
)
def test_classify_names_a_rating_the_shell_split_once_with_how_to_write_it(
    cli: Callable[..., Run], args: tuple[str, ...], line: str
) -> None:
    """A rating split at its spaces (unquoted) or without its '=' is one line that
    shows it as one argument, not an unknown level 'niveau' and a stray 'c'."""
    run = cli("classify", "voorbeeld", *args)
    assert (run.code, run.out) == (2, "")
    assert run.err_lines == [f"jobarchitecture: error: {line}"]


def test_classify_names_the_target_option_in_its_error_and_with_the_ratings(
    cli: Callable[..., Run],
) -> None:
    """A --target naming no level says it is --target, as argparse's lines do, and
    comes with the mistyped ratings rather than after they are fixed."""
    run = cli("classify", "voorbeeld", "kennis=C", "--target", "Z")
    assert (run.code, run.out) == (2, "")
    assert run.err_lines == [
        "jobarchitecture: error: argument --target: unknown level 'Z' (D, C, B)"
    ]
    run = cli("classify", "voorbeeld", "kennis=E", "--target", "E", "--json")
    assert (run.code, run.out) == (2, "")
    assert run.err_lines == [
        "jobarchitecture: error: unknown level 'E' for criterion 'kennis' (D, C, B)",
        "jobarchitecture: error: argument --target: unknown level 'E' (D, C, B)",
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [("C.B", "C..B"), ("C...B", "C..B"), ("C-B", "C..B"), ("C tot B", "C..B"), ("B/D", "D..B")],
)
def test_classify_answers_a_mistyped_span_with_the_span(
    cli: Callable[..., Run], written: str, meant: str
) -> None:
    """Two levels joined by something other than '..' get "did you mean 'C..B'?",
    lowest first, not the nearest single level ('B')."""
    run = cli("classify", "voorbeeld", f"kennis={written}")
    assert (run.code, run.out) == (2, "")
    assert run.err_lines == [
        f"jobarchitecture: error: unknown level {written!r} for criterion 'kennis' "
        f"(D, C, B); did you mean {meant!r}?"
    ]


def test_a_level_of_another_family_is_named_as_such(cli: Callable[..., Run]) -> None:
    """A level the family lacks but another installed family has says which, for a
    rating, --target and profile alike, instead of a far-fetched "did you mean"."""
    run = cli("classify", "voorbeeld", "kennis=A1", "--target", "functieklasse 19")
    assert (run.code, run.out) == (2, "")
    assert run.err_lines == [
        "jobarchitecture: error: unknown level 'A1' for criterion 'kennis' (D, C, B); "
        "'A1' is a level of managementondersteuning, not of voorbeeld",
        "jobarchitecture: error: argument --target: unknown level 'functieklasse 19' "
        "(D, C, B); 'functieklasse 19' is a level of organisatieondersteuning, not of voorbeeld",
    ]
    run = cli("profile", "adviseurs", "functieklasse 19")
    assert (run.code, run.out) == (2, "")
    assert run.err_lines == [
        "jobarchitecture: error: unknown level 'functieklasse 19' (12, 13/14, 15/16, 17/18); "
        "'functieklasse 19' is a level of organisatieondersteuning, not of adviseurs"
    ]
    # A level no family has keeps its message as it was.
    run = cli("profile", "voorbeeld", "E")
    assert run.err_lines == ["jobarchitecture: error: unknown level 'E' (D, C, B)"]


def test_classify_joins_no_words_that_make_no_rating(cli: Callable[..., Run]) -> None:
    """Words that are no rating even joined keep their own lines, as before."""
    run = cli("classify", "voorbeeld", "kennis=C", "contacten", "kenis=E")
    assert run.code == 2
    assert run.err_lines[0] == "jobarchitecture: error: expected CRITERION=LEVEL, got 'contacten'"
    assert run.err_lines[1].startswith("jobarchitecture: error: unknown criterion 'kenis'")


def test_profile_of_a_level_the_shell_split_says_to_quote_it(cli: Callable[..., Run]) -> None:
    """`profile voorbeeld niveau c`, unquoted, says to quote the level it makes;
    words that make no level keep the plain error."""
    run = cli("profile", "voorbeeld", "niveau", "c")
    assert (run.code, run.out) == (2, "")
    assert run.err_lines == [
        "jobarchitecture: error: unrecognized arguments: c; quote a level of several "
        "words: 'niveau c' (see 'jobarchitecture profile --help')"
    ]
    run = cli("profile", "voorbeeld", "C", "B")
    assert run.err_lines == [
        "jobarchitecture: error: unrecognized arguments: B (see 'jobarchitecture profile --help')"
    ]


def test_profile_markdown_and_json(cli: Callable[..., Run]) -> None:
    """`profile` prints the level's job profile as Markdown, or JSON with --format json / --json."""
    run = cli("profile", "voorbeeld", "c")
    assert run.code == 0
    assert run.out.startswith("# Voorbeeldfamilie")
    assert "Brieven opstellen" in run.out
    data = json.loads(cli("profile", "voorbeeld", "C", "--format", "json").out)
    assert data["level"] == "C"
    assert json.loads(cli("profile", "voorbeeld", "C", "--json").out) == data
    assert data == json.loads(json.dumps(ja.profile(ja.load_family(EXAMPLE), "C").to_dict()))


def test_profile_unknown_level_and_role(sh: Callable[..., Run]) -> None:
    """An unknown level or role in `profile` gives one line and exit 2."""
    level = sh("profile", "voorbeeld", "X")
    assert (level.code, level.err_lines) == (
        2,
        ["jobarchitecture: error: unknown level 'X' (D, C, B)"],
    )
    role = sh("profile", "voorbeeld", "C", "--role", "baas")
    assert (role.code, role.err_lines) == (
        2,
        ["jobarchitecture: error: unknown role 'baas' (expert)"],
    )


# ------------------------------------------------------------------ validate and schema


def test_validate_passes_a_good_file_and_a_directory(cli: Callable[..., Run]) -> None:
    """`validate` exits 0 and prints nothing for valid files and directories of them."""
    run = cli("validate", str(EXAMPLE), str(EXAMPLE.parent))
    assert (run.code, run.out, run.err) == (0, "", "")


def test_validate_lists_every_problem_with_file_and_path(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """`validate` prints one `file:line: path: message` line per problem and exits 1."""
    bad = tmp_path / "slecht.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace('levels = ["D"]', 'levels = ["E"]', 1)
    bad.write_text(text.replace('code = "kennis"', 'code = "Kennis"'), encoding="utf-8")
    run = cli("validate", str(bad), str(EXAMPLE))
    assert run.code == 1
    lines = run.out.splitlines()
    assert (
        f"{bad}:39: $.criteria[0]: criterion code 'Kennis' must be lower-case letters, digits, '_' or '-'"
        in lines
    )
    assert any(
        x.startswith(f"{bad}:43: $.criteria[0].descriptors[0].levels[0]: unknown level 'E'")
        for x in lines
    )
    assert all(x.startswith(f"{bad}:") for x in lines)


def test_validate_json_and_missing_path(cli: Callable[..., Run], tmp_path: Path) -> None:
    """`validate --json` reports files and problems; a missing path is an input error (exit 2)."""
    bad = tmp_path / "kapot.toml"
    bad.write_text(BROKEN, encoding="utf-8")
    run = cli("validate", "--json", str(bad), str(tmp_path / "nergens.toml"))
    assert run.code == 2
    data = json.loads(run.out)
    assert data["files"] == [{"file": str(bad), "ok": False, "problems": 4}]
    assert {p["path"] for p in data["problems"]} == {
        "$.name",
        "$.government",
        "$.scale",
        "$.purpose",
    }
    (line,) = run.err_lines
    assert "nergens.toml" in line


def test_validate_finds_plugin_family_files_in_directories(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """In a directory, `validate` checks its own .toml files and every family.toml
    below it, but not pyproject.toml."""
    pkg = tmp_path / "plugin" / "src" / "jobarchitecture_x"
    pkg.mkdir(parents=True)
    (pkg / "family.toml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "plugin" / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    run = cli("validate", str(tmp_path / "plugin"))
    assert run.code == 1
    assert all(line.startswith(str(pkg / "family.toml")) for line in run.out.splitlines())


def test_schema_prints_the_family_json_schema(cli: Callable[..., Run]) -> None:
    """`schema` prints the JSON Schema of the family format."""
    run = cli("schema")
    assert run.code == 0
    assert json.loads(run.out) == ja.family_schema()


# ------------------------------------------------------------------ conventions


def test_python_dash_m_and_version(sh: Callable[..., Run]) -> None:
    """`python -m jobarchitecture --version` prints the version and exits 0."""
    run = sh("--version")
    assert (run.code, run.out.strip()) == (0, f"jobarchitecture {ja.__version__}")


def test_usage_errors_are_one_line_and_exit_2(sh: Callable[..., Run]) -> None:
    """A missing command, an unknown command or a missing argument: one line, exit 2."""
    for args in ((), ("frobnicate",), ("show",), ("show", "voorbeeld", "--lang", "de")):
        run = sh(*args)
        assert run.code == 2, args
        (line,) = run.err_lines
        assert line.startswith("jobarchitecture: error: "), args
        assert "--help" in line


def test_help_lists_every_command(cli: Callable[..., Run]) -> None:
    """`--help` lists every command and exits 0."""
    run = cli("--help")
    assert run.code == 0
    for name in (
        "families",
        "show",
        "classify",
        "profile",
        "classify-batch",
        "validate",
        "schema",
        "new-plugin",
    ):
        assert name in run.out


def test_internal_error_is_one_line_unless_debug(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug gives one 'internal error' line and exit 70; --debug adds the traceback."""
    from jobarchitecture._cli import _cmd_schema

    def boom(*_: object) -> dict[str, object]:
        raise RuntimeError("kaboom\nsecond line")

    monkeypatch.setattr(_cmd_schema, "family_schema", boom)
    run = cli("schema")
    assert run.code == 70
    assert run.err_lines == [
        "jobarchitecture: error: internal error: RuntimeError: kaboom second line; "
        "rerun with --debug for the traceback"
    ]
    debug = cli("schema", "--debug")
    assert debug.code == 70
    assert "Traceback (most recent call last)" in debug.err
    assert "RuntimeError: kaboom" in debug.err


def test_debug_shows_the_traceback_of_an_input_error(cli: Callable[..., Run]) -> None:
    """With --debug an input error keeps its exit code and message and shows its traceback."""
    run = cli("--debug", "show", "onbekend")
    assert run.code == 2
    assert "Traceback" in run.err
    assert run.err_lines[-1].startswith("jobarchitecture: error: unknown family 'onbekend'")


def test_closed_stdout_pipe_is_quiet(families: Path, tmp_path: Path) -> None:
    """When the reader of stdout goes away (`| head`), the CLI exits quietly."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env["JOBARCHITECTURE_PATH"] = str(families)
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobarchitecture", "schema"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # before the CLI writes anything
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert err == ""


def test_families_does_not_import_what_it_does_not_use(families: Path) -> None:
    """`families` loads no other command's module and not openpyxl."""
    code = (
        "import sys, io, contextlib\n"
        "from jobarchitecture._cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['families', '--json'])\n"
        "heavy = ['openpyxl', 'jobarchitecture._cli._cmd_batch',\n"
        "         'jobarchitecture._cli._cmd_show', 'jobarchitecture._cli._cmd_classify',\n"
        "         'jobarchitecture._cli._cmd_new_plugin', 'jobarchitecture._cli._cmd_validate']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env["JOBARCHITECTURE_PATH"] = str(families)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == ""


def test_readme_first_command_runs() -> None:
    """The README's first set-up command (after installing uv) classifies on a bundled family."""
    text = README.read_text(encoding="utf-8")
    block = text.split("```console", 1)[1].split("```", 1)[0]
    first = next(line for line in block.splitlines() if "jobarchitecture" in line)
    command = first.split("uv run jobarchitecture", 1)[1]
    args = shlex.split(command)
    assert args[0] == "classify"
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    done = subprocess.run(
        [sys.executable, "-m", "jobarchitecture", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "OS – Ondersteuners (ondersteuners): niveau C volgens regel" in done.stdout
