"""One "did you mean" for every name a user types: the start of a long code finds it.

Users type the start of a long criterion code (``complexiteit`` for
``complexiteit_van_het_advies_of_de_begeleiding``), and no similarity ratio
finds it; nine places each had their own fuzzy match, with their own limits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture._errors import FUZZY_LENGTH, FUZZY_OPTIONS, PREFIX_LENGTH, closest

_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@given(_names, st.lists(_names, max_size=8), st.sampled_from([None, str.casefold]))
def test_closest_is_total_and_answers_with_an_option(
    name: str, options: list[str], key: Callable[[str], str] | None
) -> None:
    """Whatever the name and options: None or one of the options, never an error."""
    found = closest(name, options, key)
    assert found is None or found in options


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=8, unique=True), st.data())
def test_a_name_that_is_an_option_finds_itself(options: list[str], data: st.DataObject) -> None:
    """An option, typed exactly, is its own closest."""
    option = data.draw(st.sampled_from(options))
    assert closest(option, options) == option


@given(
    st.lists(st.text("abcdefgh_", min_size=PREFIX_LENGTH, max_size=30), min_size=1, max_size=8),
    st.data(),
)
def test_the_start_of_exactly_one_option_finds_it(options: list[str], data: st.DataObject) -> None:
    """A prefix of at least PREFIX_LENGTH characters that begins one option only finds it."""
    option = data.draw(st.sampled_from(options))
    prefix = option[: data.draw(st.integers(PREFIX_LENGTH, len(option)))]
    beginning = {o for o in options if o.startswith(prefix)}
    if prefix not in options and beginning == {option}:
        assert closest(prefix, options) == option


def test_several_names_of_one_answer_count_once() -> None:
    """A criterion's code and name both beginning with the text still make one answer."""
    names = {"kennis_en_kunde": "kennis", "Kennis en kunde": "kennis", "contacten": "contacten"}
    assert closest("kennis", names, str.casefold, answer=names) == "kennis"


@pytest.mark.parametrize(
    ("name", "options"),
    [
        (3, ["a"]),
        (None, ["a"]),
        ("x" * (FUZZY_LENGTH + 1), ["x" * (FUZZY_LENGTH + 1)]),
        ("abc", [f"abc{i}" for i in range(FUZZY_OPTIONS + 1)]),
    ],
)
def test_no_suggestion_for_what_is_not_a_name_or_too_large(name: Any, options: list[str]) -> None:
    """Not a string, longer than FUZZY_LENGTH, or more than FUZZY_OPTIONS options: None."""
    assert closest(name, options) is None


def test_the_start_of_a_long_criterion_code_is_suggested(cli: Callable[..., Any]) -> None:
    """`classify adviseurs complexiteit=13/14` says which criterion that is."""
    family = ja.get_family("adviseurs")
    code = "complexiteit_van_het_advies_of_de_begeleiding"
    assert code in [c.code for c in family.criteria]
    with pytest.raises(ja.UnknownCriterionError) as info:
        ja.classify(family, {"complexiteit": "13/14"})
    assert info.value.closest == code
    with pytest.raises(ja.UnknownCriterionError) as again:
        family.criterion("Complexiteit")
    assert again.value.closest == code
    run = cli("classify", "adviseurs", "complexiteit=13/14")
    assert run.code == 2
    assert run.err_lines[-1].endswith(f"did you mean {code!r}?")


def test_every_name_a_user_types_gets_the_same_suggestions() -> None:
    """Families, rules, levels and targets: the start of the name finds it too."""
    with pytest.raises(ja.UnknownFamilyError) as family:
        ja.get_family("organisatie")
    assert family.value.closest == "organisatieondersteuning"
    with pytest.raises(ja.UnknownRuleError) as rule:
        ja.get_rule("lower")
    assert rule.value.closest == "lower_median"
    managers = ja.get_family("managementondersteuning")
    with pytest.raises(ja.UnknownLevelError) as level:
        managers.scale.level("Klasse A4 (coördinator)")
    assert level.value.closest == "A4"
    result = ja.classify(managers, {c.code: "A1" for c in managers.criteria})
    with pytest.raises(ja.UnknownLevelError) as target:
        result.to_reach("Klasse A4x")
    assert target.value.closest == "A4"


def test_a_tie_goes_to_the_option_listed_first(cli: Callable[..., Any]) -> None:
    """A name equally close to two options suggests the one listed first: "median"
    is the default lower_median, not upper_median."""
    with pytest.raises(ja.UnknownRuleError) as rule:
        ja.get_rule("median")
    assert rule.value.closest == "lower_median"
    run = cli("classify", "voorbeeld", "kennis=C", "--rule", "median")
    assert run.err_lines[-1].endswith("did you mean 'lower_median'?")


@given(st.text("abcde", max_size=8), st.lists(st.text("abcde", min_size=1, max_size=8), max_size=8))
def test_the_suggestion_is_as_close_as_difflib_finds(name: str, options: list[str]) -> None:
    """Outside the prefix rule, the suggestion is one of the closest options by
    difflib's ratio (the first listed of them), and None exactly when difflib finds none."""
    import difflib

    starts = {o for o in options if o.startswith(name)}
    if name in options or (len(name) >= PREFIX_LENGTH and len(starts) == 1):
        return
    found = closest(name, options)
    best = difflib.get_close_matches(name, options, n=1, cutoff=0.5)
    assert (found is None) == (not best)
    if found is not None:
        ratio = difflib.SequenceMatcher(None, found, name).ratio()
        assert ratio == difflib.SequenceMatcher(None, best[0], name).ratio()
        tied = [o for o in options if difflib.SequenceMatcher(None, o, name).ratio() == ratio]
        assert found == tied[0]


def test_a_mistyped_option_gets_a_did_you_mean_from_its_command(cli: Callable[..., Any]) -> None:
    """An option typed wrong gets the command's closest option, as a mistyped command
    gets the closest command; one line, exit 2."""
    run = cli("classify", "voorbeeld", "kennis=C", "--explian")
    assert run.code == 2
    assert run.err_lines == [
        "jobarchitecture: error: unrecognized arguments: --explian; did you mean "
        "'--explain'? (see 'jobarchitecture classify --help')"
    ]
    batch = cli("classify-batch", "voorbeeld", "in.csv", "--ignore-unknown-column")
    assert "did you mean '--ignore-unknown-columns'?" in batch.err_lines[0]
    nothing_near = cli("show", "voorbeeld", "--zzz")
    assert "did you mean" not in nothing_near.err_lines[0]
