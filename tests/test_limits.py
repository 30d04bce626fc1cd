"""Limits on what a family file may cost, and the shared escaping of what
messages and terminals show: each with its law as a property test."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture import _format
from jobarchitecture._errors import CONTROL, Problem, capped, escape_controls, shown
from jobarchitecture._limits import Limits, check_depth

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"


@given(st.text())
def test_escaped_text_has_no_control_characters(text: str) -> None:
    """escape_controls leaves no control character, whatever the text held."""
    assert not CONTROL.search(escape_controls(text))


@given(st.text().filter(lambda t: not CONTROL.search(t)))
def test_text_without_controls_is_unchanged(text: str) -> None:
    """Text without control characters passes escape_controls as it is."""
    assert escape_controls(text) == text


@given(st.text(), st.integers(10, 200))
def test_shown_is_bounded_and_says_the_length(text: str, limit: int) -> None:
    """shown() is at most the limit plus its length note, and a cut value says how long it was."""
    out = shown(text, limit)
    whole = escape_controls(repr(text))
    # One character's repr can be 12 long ('\U0010ffff'): the only overshoot.
    assert len(out) <= max(limit, 12) + len(f"... ({len(text)} characters)")
    assert not CONTROL.search(out)
    if len(whole) <= limit:
        assert out == whole
    else:
        quoted, _, rest = out.rpartition("... (")
        assert rest == f"{len(text)} characters)"
        assert quoted[0] == quoted[-1]  # a whole repr: its quotes paired
        assert text.startswith(ast.literal_eval(quoted))


@given(st.integers(0, 300), st.integers(1, 100))
def test_capped_keeps_the_first_and_counts_the_rest(count: int, limit: int) -> None:
    """capped() keeps min(count, limit) problems in order, plus one counting the rest when over."""
    problems = [Problem("f", f"$[{i}]", "m") for i in range(count)]
    kept = capped(problems, limit, "f")
    assert kept[: min(count, limit)] == problems[:limit]
    if count > limit:
        assert len(kept) == limit + 1
        assert f"{count - limit} more" in kept[-1].message
    else:
        assert kept == problems


@given(st.integers(0, 150), st.integers(1, 100), st.sampled_from(["[", "{", "x = ["]))
def test_depth_check_refuses_exactly_above_the_limit(depth: int, limit: int, kind: str) -> None:
    """Nesting is refused if and only if it is deeper than the limit (monotone in depth)."""
    if kind == "{":
        text, suffix = '{"a":' * depth + "1" + "}" * depth, ".json"
    elif kind == "[":
        text, suffix = "[" * depth + "]" * depth, ".json"
    else:
        text, suffix = "x = " + "[" * depth + "]" * depth, ".toml"
    problem = check_depth(text, "f", suffix, Limits(max_depth=limit))
    assert (problem is not None) == (depth > limit)


@given(st.integers(1, 150), st.integers(1, 100))
def test_dotted_key_check_refuses_exactly_above_the_limit(parts: int, limit: int) -> None:
    """A TOML dotted key is refused if and only if it has more parts than the limit."""
    text = ".".join(["k"] * parts) + " = 1\n"
    problem = check_depth(text, "f", ".toml", Limits(max_depth=limit))
    assert (problem is not None) == (parts > limit)


@given(st.text(alphabet='[]{}"\\ab\n', max_size=40))
def test_brackets_inside_strings_do_not_count(inner: str) -> None:
    """Brackets inside a JSON string are text: a string of them never trips the depth check."""
    import json

    text = json.dumps({"code": "[" * 200 + inner})
    assert check_depth(text, "f", ".json", Limits(max_depth=3)) is None


@given(
    st.integers(1, 10**9),
    st.sampled_from(["MAX_FILE_SIZE", "MAX_DEPTH", "MAX_PROBLEMS"]),
)
def test_limits_from_env_round_trip(value: int, name: str) -> None:
    """A positive whole number in JOBARCHITECTURE_MAX_* is the limit read back."""
    limits = Limits.from_env({f"JOBARCHITECTURE_{name}": f"{value:_}"})
    assert getattr(limits, name.lower()) == value


@pytest.mark.parametrize("value", ["0", "-1", "lots", "1.5", "1e6"])
def test_bad_limit_in_env_is_a_limits_error(value: str) -> None:
    """A limit that is not a positive whole number is a LimitsError naming the variable."""
    with pytest.raises(ja.LimitsError, match="JOBARCHITECTURE_MAX_DEPTH must be a positive"):
        Limits.from_env({"JOBARCHITECTURE_MAX_DEPTH": value})


def test_file_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    """A file over the size limit is refused with its size and how to raise the limit."""
    path = tmp_path / "f.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ja.FamilyError, match=r"more than the limit of 1,000 .*MAX_FILE_SIZE"):
        ja.load_family(path, limits=Limits(max_file_size=1_000))
    assert ja.load_family(path, limits=Limits(max_file_size=os.path.getsize(path))).code


def test_environment_raises_the_limit_of_load_family(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """JOBARCHITECTURE_MAX_DEPTH set low refuses the example; unset, it loads."""
    monkeypatch.setenv("JOBARCHITECTURE_MAX_DEPTH", "2")
    with pytest.raises(ja.FamilyError, match="nested more than 2 deep"):
        ja.load_family(EXAMPLE)
    monkeypatch.delenv("JOBARCHITECTURE_MAX_DEPTH")
    assert ja.load_family(EXAMPLE).code == "voorbeeld"


def test_problems_limit_counts_the_rest(tmp_path: Path) -> None:
    """With max_problems=3 a file with more problems reports three and counts the others."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'levels = ["D"]', 'levels = ["X", "Y", "Z", "W", "V"]'
    )
    path = tmp_path / "f.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ja.FamilyError) as info:
        ja.load_family(path, limits=Limits(max_problems=3))
    assert len(info.value.problems) == 4
    assert "more problems not shown" in info.value.problems[-1].message


def test_unknown_level_message_lists_at_most_twenty_levels() -> None:
    """An unknown level's message lists the first 20 level codes and how many more there are."""
    codes = [f"l{i}" for i in range(500)]
    message = str(ja.UnknownLevelError("x" * 10_000, codes))
    assert "l19" in message
    assert "l20," not in message
    assert "(480 more)" in message
    assert len(message) < 500


def test_duplicate_json_key_is_a_problem_with_its_path(tmp_path: Path) -> None:
    """A JSON object with a key twice is refused, naming the key's path, as TOML refuses it."""
    path = tmp_path / "f.json"
    path.write_text('{"scale": {"name": "a", "name": "b"}}', encoding="utf-8")
    with pytest.raises(ja.FamilyError, match=r"f\.json: \$\.scale\.name: key 'name' appears more"):
        ja.load_family(path)


def test_validate_flags_control_characters_in_family_text() -> None:
    """validate() reports a control character in any family text, with its path."""
    import attrs

    family = ja.load_family(EXAMPLE)
    bad = attrs.evolve(family, government=ja.Text("Org\x1b]0;x\x07"))
    problems = ja.validate(bad)
    assert [p.path for p in problems] == ["$.government.nl"]
    assert "U+001B" in problems[0].message


@given(st.text(), st.text(), st.text())
def test_a_problem_is_always_one_printable_line(source: str, path: str, message: str) -> None:
    """str(Problem) is one line without control characters, whatever its parts held."""
    line = str(Problem(source, path, message))
    assert "\n" not in line
    assert not CONTROL.search(line)


@given(st.text())
def test_terminal_text_keeps_only_line_breaks_and_tabs(text: str) -> None:
    """for_terminal leaves no control character but line breaks and tabs, and keeps those."""
    from jobarchitecture._cli._common import for_terminal

    out = for_terminal(text)
    assert not CONTROL.search(out.replace("\n", "").replace("\t", ""))
    assert out.count("\n") == text.count("\n")
    assert out.count("\t") == text.count("\t")


@given(
    st.dictionaries(st.text(max_size=5), st.integers(), min_size=1, max_size=6),
    st.data(),
)
def test_every_repeated_json_key_is_reported_once_with_its_path(
    obj: dict[str, int], data: st.DataObject
) -> None:
    """Repeating keys of a JSON object reports each repetition, at the key's path, and nothing else."""
    import json

    repeated = data.draw(st.lists(st.sampled_from(sorted(obj)), max_size=3))
    pairs = [json.dumps(k) + ": " + str(v) for k, v in obj.items()]
    pairs += [json.dumps(k) + ": 0" for k in repeated]
    text = '{"scale": {' + ", ".join(pairs) + "}}"
    if not repeated:
        assert _format.parse(text, "f", ".json") == {"scale": obj}
        return
    with pytest.raises(ja.FamilyError) as info:
        _format.parse(text, "f", ".json")
    assert len(info.value.problems) == len(repeated)
    for problem, key in zip(info.value.problems, repeated, strict=True):
        assert problem.path.startswith("$.scale")
        assert shown(key) in problem.message


@pytest.mark.parametrize("limits", [3, "16MiB", {"max_depth": 5}])
def test_limits_of_the_wrong_type_are_one_clear_type_error(limits: object) -> None:
    """load_family(limits=...) with something other than a Limits says what it wants."""
    with pytest.raises(TypeError, match=r"^'limits' must be a Limits or None \(got \w+\)$"):
        ja.load_family(EXAMPLE, limits=limits)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'limits' must be a Limits"):
        ja.family_from_data({}, limits=limits)  # type: ignore[arg-type]
