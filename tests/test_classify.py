"""classify(): reading ratings, the result's evidence and warnings, words, JSON, batches."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import jobarchitecture as ja
from jobarchitecture._classify import _engine

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"
SEEDS = ("ondersteuners", "managementondersteuning", "adviseurs", "organisatieondersteuning")


@pytest.fixture(scope="module")
def voorbeeld() -> ja.Family:
    """The example family: D < C < B (C also 'Waarde 2'), criteria kennis and contacten (weight 2)."""
    return ja.load_family(EXAMPLE)


@pytest.fixture(scope="module")
def flemish() -> ja.Family:
    """Functieklassen 12, 13/14, 15/16, 17/18 (alias Waarde 1..4) and four criteria."""
    codes = ["12", "13/14", "15/16", "17/18"]
    levels = [
        ja.Level(code, f"Functieklasse {code}", [f"Waarde {i + 1}"]) for i, code in enumerate(codes)
    ]
    return ja.Family(
        code="vlaams",
        name="Vlaams",
        government="Vlaamse overheid",
        scale=ja.Scale("Functieklasse", levels),
        purpose=ja.Purpose("adviseren", "klanten te helpen", "met als doel"),
        criteria=[
            ja.Criterion(
                code, code.capitalize(), [ja.Descriptor([c], [f"{code} op {c}"]) for c in codes]
            )
            for code in ("complexiteit", "relatie", "impact", "samenwerking")
        ],
    )


def _seed(code: str) -> ja.Family:
    """A seed family, or skip while its plugin does not load yet."""
    try:
        return ja.get_family(code)
    except ja.JobArchitectureError as exc:
        pytest.skip(f"seed family {code!r} does not load yet: {exc}")


# reading ratings -----------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["C", "c", "Niveau C", "niveau c", "waarde 2", "WAARDE-2", ja.Rating("C")]
)
def test_a_level_is_named_by_code_name_or_alias_in_any_case(
    voorbeeld: ja.Family, value: Any
) -> None:
    """A rating names its level by code, name or alias, in any case, or as a Rating."""
    result = ja.classify(voorbeeld, {"kennis": value})
    assert (result.level, result.evidence[0].low) == ("C", "C")


def test_a_level_object_of_the_scale_is_a_rating(voorbeeld: ja.Family) -> None:
    """A Level object rates at that level."""
    level = voorbeeld.scale.level("B")
    assert ja.classify(voorbeeld, {"kennis": level, "contacten": level}).level == "B"


def test_criteria_are_named_by_code_or_name_in_any_case(voorbeeld: ja.Family) -> None:
    """A criterion is named by its code or its name, in any case."""
    result = ja.classify(voorbeeld, {"KENNIS": "B", "Contacten": "B"})
    assert result.rated == ("kennis", "contacten")
    assert result.unrated == ()


def test_flemish_codes_and_values_are_read(flemish: ja.Family) -> None:
    """Codes like '13/14' and aliases like 'waarde 2' rate Flemish functieklassen."""
    result = ja.classify(
        flemish, {"complexiteit": "13/14", "relatie": "waarde 2", "impact": "Functieklasse 15/16"}
    )
    assert result.level == "13/14"
    assert result.spread == ("13/14", "15/16")


@pytest.mark.parametrize(
    "span",
    [("C", "B"), ["C", "B"], ["D", "C", "B"], "C..B", "waarde 2 .. niveau b", ja.Rating("C", "B")],
)
def test_a_span_is_a_pair_a_list_a_dotted_string_or_a_rating(
    voorbeeld: ja.Family, span: Any
) -> None:
    """A span of levels is a (low, high) pair, a list of adjacent levels, 'low..high' or a Rating."""
    result = ja.classify(voorbeeld, {"kennis": span})
    low = "D" if isinstance(span, list) and len(span) == 3 else "C"
    assert result.evidence[0].rating == ja.Rating(low, "B")
    assert result.level_span == (low, "B")


def test_not_rated_is_none_or_blank(voorbeeld: ja.Family) -> None:
    """None and a blank string leave a criterion unrated."""
    result = ja.classify(voorbeeld, {"kennis": "C", "contacten": None})
    assert result.unrated == ("contacten",)
    assert ja.classify(voorbeeld, {"kennis": "C", "contacten": "  "}) == result


def test_unknown_criterion_lists_the_codes_and_the_closest(voorbeeld: ja.Family) -> None:
    """An unknown criterion raises UnknownCriterionError with the codes and the closest match."""
    with pytest.raises(ja.UnknownCriterionError) as info:
        ja.classify(voorbeeld, {"kenis": "C"})
    assert (
        str(info.value) == "unknown criterion 'kenis' (kennis, contacten); did you mean 'kennis'?"
    )


def test_unknown_level_names_the_criterion_the_levels_and_the_closest(
    flemish: ja.Family,
) -> None:
    """An unknown level raises UnknownLevelError naming the criterion, every level and the closest."""
    with pytest.raises(ja.UnknownLevelError) as info:
        ja.classify(flemish, {"impact": "13/15"})
    assert str(info.value) == (
        "unknown level '13/15' for criterion 'impact' (12, 13/14, 15/16, 17/18); "
        "did you mean '13/14'?"
    )
    assert (info.value.criterion, info.value.closest) == ("impact", "13/14")


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ({}, "no criterion is rated (criteria: kennis, contacten)"),
        ({"kennis": None}, "no criterion is rated"),
        (
            {"kennis": ("B", "C")},
            "span B..C of criterion 'kennis' runs backwards (C is below B): write the lower level first, C..B",
        ),
        (
            {"kennis": "B..D"},
            "span B..D of criterion 'kennis' runs backwards (D is below B): write the lower level first, D..B",
        ),
        (
            {"kennis": ["B", "D"]},
            "span B..D of criterion 'kennis' runs backwards (D is below B): write the lower level first, D..B",
        ),
        ({"kennis": ["D", "B", "C"]}, "span (D, B, C) of criterion 'kennis' is not adjacent"),
        # Not "runs backwards ... write D..C": the listed levels are the mistake.
        ({"kennis": ("C", "B", "D")}, "span (C, B, D) of criterion 'kennis' is not adjacent"),
        ({"kennis": []}, "rating of criterion 'kennis' is an empty span"),
        (
            {"kennis": "..B"},
            "span '..B' of criterion 'kennis' has no lower level: write both ends, as in D..B",
        ),
        ({"kennis": "C .. "}, "span 'C .. ' of criterion 'kennis' has no upper level"),
        ({"kennis": 3}, "rating of criterion 'kennis' must be a level, a 'low..high' string"),
        (
            {"kennis": "C", "Kennis": "B"},
            "criterion 'kennis' is rated twice (as 'kennis' and 'Kennis')",
        ),
        ({1: "C"}, "criteria are named by strings (got int 1)"),
    ],
)
def test_bad_ratings_raise_rating_error(
    voorbeeld: ja.Family, ratings: dict[Any, Any], message: str
) -> None:
    """Empty, backwards, gapped, wrongly typed or doubled ratings raise RatingError (a ValueError)."""
    with pytest.raises(ja.RatingError) as info:
        ja.classify(voorbeeld, ratings)
    assert isinstance(info.value, ValueError)
    assert message in str(info.value)


def test_ratings_must_be_a_mapping(voorbeeld: ja.Family) -> None:
    """Ratings that are not a mapping raise RatingError naming what arrived."""
    with pytest.raises(ja.RatingError, match=r"'ratings' must map criteria to levels \(got list\)"):
        ja.classify(voorbeeld, ["kennis"])  # type: ignore[arg-type]


def test_complete_ratings_can_be_required(voorbeeld: ja.Family) -> None:
    """With complete=True a missing criterion is an error naming it; otherwise it is unrated."""
    with pytest.raises(ja.RatingError, match=r"incomplete \(complete=True\): not rated: contacten"):
        ja.classify(voorbeeld, {"kennis": "C"}, complete=True)
    assert ja.classify(voorbeeld, {"kennis": "C"}).unrated == ("contacten",)
    assert ja.classify(voorbeeld, {"kennis": "C", "contacten": "C"}, complete=True).level == "C"


# the result ----------------------------------------------------------------


def test_evidence_quotes_the_descriptor_at_the_rating(voorbeeld: ja.Family) -> None:
    """Evidence carries the criterion, its name, the rating and the descriptor text there."""
    result = ja.classify(voorbeeld, {"contacten": "B", "kennis": "D"})
    assert result.evidence == (
        ja.Evidence("kennis", "Kennis", "D", "D", "Basiskennis is vereist."),
        ja.Evidence("contacten", "Contacten", "B", "B", "Advies geven."),
    )


def test_a_span_over_two_descriptors_quotes_both(voorbeeld: ja.Family) -> None:
    """A span reaching another descriptor keeps the text at both ends."""
    (evidence,) = ja.classify(voorbeeld, {"contacten": "C..B"}).evidence
    assert (evidence.descriptor, evidence.high_descriptor) == (
        "Informatie doorgeven.",
        "Advies geven.",
    )


def test_rg_clauses_at_the_rated_level_add_result_areas(voorbeeld: ja.Family) -> None:
    """An (RG) clause of the descriptor at the rated level is an added result area, flagged as an OF option."""
    assert ja.classify(voorbeeld, {"kennis": "D"}).added_result_areas == ()
    result = ja.classify(voorbeeld, {"kennis": "B"})
    assert result.evidence[0].result_area
    assert result.added_result_areas == (
        ja.AddedResultArea(
            "kennis", "B", "Anderen begeleiden met als doel hen te ondersteunen", alternative=True
        ),
    )


def test_spread_and_agreement(flemish: ja.Family) -> None:
    """The spread is the lowest and highest rating; agreement the share of criteria at the result."""
    result = ja.classify(
        flemish,
        {"complexiteit": "12", "relatie": "13/14", "impact": "13/14", "samenwerking": "17/18"},
    )
    assert result.level == "13/14"
    assert result.spread == ("12", "17/18")
    assert result.agreement == 0.5


def test_weights_come_from_the_family_or_the_caller(voorbeeld: ja.Family) -> None:
    """The weighted rule uses the family's weights, which the caller may override."""
    ratings = {"kennis": "B", "contacten": "D"}
    assert ja.classify(voorbeeld, ratings, "weighted").level == "D"  # contacten weighs 2
    result = ja.classify(voorbeeld, ratings, "weighted", weights={"Contacten": 0.5})
    assert result.level == "B"
    assert result.weights == (("kennis", 1.0), ("contacten", 0.5))


def test_a_weight_for_a_criterion_not_named_by_a_string_is_refused(voorbeeld: ja.Family) -> None:
    """A weight keyed by anything but a criterion's name is a RatingError, not a traceback."""
    with pytest.raises(ja.RatingError, match="weights name criteria by strings"):
        ja.classify(voorbeeld, {"kennis": "C"}, "weighted", weights={1: 2.0})  # type: ignore[dict-item]


@pytest.mark.parametrize("weight", [-1, float("nan"), "2", True])
def test_a_bad_weight_is_refused(voorbeeld: ja.Family, weight: Any) -> None:
    """A negative, non-finite or non-numeric weight raises RatingError naming the criterion."""
    with pytest.raises(
        ja.RatingError, match="weight of criterion 'kennis' must be a finite number >= 0"
    ):
        ja.classify(voorbeeld, {"kennis": "C"}, "weighted", weights={"kennis": weight})


def test_criteria_far_apart_advise_committee_review(flemish: ja.Family) -> None:
    """Ratings more than one level apart warn, naming the criteria at both ends."""
    result = ja.classify(flemish, {"complexiteit": "12", "relatie": "13/14", "impact": "15/16"})
    assert result.warnings[0] == (
        "criteria are more than one level apart (Complexiteit at 12; Impact at 15/16): "
        "committee review advised"
    )
    assert "commissie-advies aangeraden" in result.explain("nl")
    adjacent = ja.classify(flemish, {"complexiteit": "12", "relatie": "13/14"})
    assert not any("apart" in w for w in adjacent.warnings)


def test_span_ratings_and_many_unrated_criteria_warn(flemish: ja.Family) -> None:
    """A span rating and half the criteria unrated each give a warning."""
    result = ja.classify(flemish, {"complexiteit": "12..13/14", "relatie": "13/14"})
    assert result.level_span == ("12", "13/14")
    assert result.warnings == (
        "ratings given as a span (Complexiteit 12..13/14): the result is the span 12..13/14; "
        "decide on one level",
        "2 of 4 criteria not rated (impact, samenwerking): the result rests on 2 criteria",
    )


def test_a_span_that_does_not_move_the_result_says_so(flemish: ja.Family) -> None:
    """When both ends of the spans give one level, the warning says the result holds either way."""
    ratings = {"complexiteit": "12..13/14", "relatie": "12", "impact": "12", "samenwerking": "12"}
    result = ja.classify(flemish, ratings)
    assert result.level_span == ("12", "12")
    assert "the result is 12 either way" in result.warnings[0]


def test_explain_names_the_unrated_criteria_in_its_language_as_the_rated_ones() -> None:
    """explain() lists the criteria not rated, in its own line and in the warning,
    by their names in *lang* (Dutch where a name has no translation), as it names
    the rated ones; a result without its family at hand keeps their codes."""
    family = ja.get_family("organisatieondersteuning")
    result = ja.classify(family, {"complexiteit_van_de_problematiek": "19"})
    en = result.explain("en", family)
    assert "Evidence per criterion:\n- Complexity of the issues: 19\n" in en
    assert "Not rated: Degree of supervision, Role in projects, Impact on budgets," in en
    assert "7 of 8 criteria not rated (Degree of supervision, Role in projects," in en
    assert "mate_van_opgevolgd_worden" not in en
    nl = result.explain("nl", family)
    assert "Niet beoordeeld: Mate van opgevolgd worden, Rol in projecten," in nl
    # The table's warnings (and --json's) keep the codes its rows show.
    assert (
        "(mate_van_opgevolgd_worden, rol_in_projecten,"
        in result.to_dict("en", family)["warnings"][0]
    )


@pytest.mark.parametrize(
    ("lang", "share"),
    [("nl", "1 (50%) op C."), ("fr", "1 (50 %) à C."), ("en", "1 (50%) at C.")],
)
def test_explain_says_which_level_the_agreement_counts_when_the_result_is_a_span(
    voorbeeld: ja.Family, lang: str, share: str
) -> None:
    """With a result C..B the agreement's criteria are those at C, and explain()
    says C rather than "at the result", which would leave the end to guess."""
    result = ja.classify(voorbeeld, {"kennis": "C..B", "contacten": "B"})
    assert result.level_span == ("C", "B")
    assert result.agreement == 0.5
    assert result.explain(lang).splitlines()[1].endswith(share)


def test_explain_names_the_criterion_that_added_a_result_area() -> None:
    """explain() says which criterion added a result area by its name in *lang*, as
    the evidence does, and a clause over two lines stays indented in its item."""
    family = ja.get_family("adviseurs")
    ratings = {"interpersoonlijke_relaties": "17/18", "organisatie_en_samenwerkingsvorm": "17/18"}
    en = ja.classify(family, ratings).explain("en", family)
    items = en.split("Result areas added by (RG) descriptors:\n")[1].split("\n\n")[0]
    assert "(Interpersonal relations, 17/18)" in items
    assert "(Form of organisation and cooperation, 17/18, one option of an OR descriptor)" in items
    assert "_" not in items
    assert all(line.startswith(("- ", "  ")) for line in items.splitlines())


def test_explain_in_dutch_and_english(voorbeeld: ja.Family) -> None:
    """explain() tells the level, the rule, the evidence and what is missing, in nl and en."""
    result = ja.classify(voorbeeld, {"kennis": "C"})
    nl, en = result.explain("nl"), result.explain("en")
    assert nl.startswith(
        "Functiefamilie Voorbeeldfamilie (voorbeeld): niveau C volgens regel 'lower_median' "
        "(de ondermediaan"
    )
    assert "1 van de 2 criteria beoordeeld, op C; 1 (100%) op het resultaat." in nl
    assert "- Kennis: C\n    Kennis van procedures is vereist.\n    OF\n" in nl
    assert "Niet beoordeeld: Contacten." in nl
    assert en.startswith(
        "Family Example family (voorbeeld): level C by rule 'lower_median' (the lower median"
    )
    assert "Not rated: Contacten." in en
    assert "Warnings:\n- 1 of 2 criteria not rated" in en
    with pytest.raises(ja.LanguageError, match=r"'lang' must be one of nl, fr, en \(got 'de'\)"):
        result.explain("de")


# serialisation -------------------------------------------------------------


def test_json_round_trip(voorbeeld: ja.Family) -> None:
    """from_dict(to_dict()) through JSON gives an equal classification that still explains itself."""
    result = ja.classify(voorbeeld, {"kennis": "C..B", "contacten": "D"}, "maximum")
    back = ja.Classification.from_dict(json.loads(json.dumps(result.to_dict())))
    assert back == result
    assert back.explain("en", voorbeeld) == result.explain("en")
    assert back.to_reach("D") == result.to_reach("D")


def test_to_dict_words_warnings_in_lang_and_keeps_codes(voorbeeld: ja.Family) -> None:
    """to_dict(lang) words the warnings as explain(lang) does; warning_codes are the
    same in every language, and the data reads back with from_dict."""
    result = ja.classify(voorbeeld, {"kennis": "D..B", "contacten": "C..B"})
    assert result.warning_codes == ("apart", "span")
    for lang in ("nl", "fr", "en"):
        data = result.to_dict(lang)
        assert data["warning_codes"] == ["apart", "span"]
        for warning in data["warnings"]:
            assert f"- {warning}" in result.explain(lang)
        back = ja.Classification.from_dict(json.loads(json.dumps(data)))
        assert back.warnings == tuple(data["warnings"])
        assert back.warning_codes == result.warning_codes
    assert result.to_dict()["warnings"] == list(result.warnings)
    with pytest.raises(ja.LanguageError):
        result.to_dict("de")


def test_pickle_round_trip(voorbeeld: ja.Family) -> None:
    """A classification pickles to an equal one."""
    result = ja.classify(voorbeeld, {"kennis": "C"})
    assert pickle.loads(pickle.dumps(result)) == result


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda d: d.pop("level"), "$.level", "required key missing"),
        (lambda d: d.update(extra=1), "$", "unknown key(s) 'extra'"),
        (lambda d: d.update(spread=["D"]), "$.spread", "expected 2 levels, got 1"),
        (lambda d: d["evidence"][0].update(low=3), "$.evidence[0].low", "expected str, got 3"),
        (lambda d: d.update(agreement="high"), "$.agreement", "expected a number"),
        (lambda d: d.update(weights=[]), "$.weights", "expected Mapping"),
        (lambda d: d.update(warning_codes=[1]), "$.warning_codes[0]", "expected str, got 1"),
    ],
)
def test_from_dict_names_the_path_of_a_problem(
    voorbeeld: ja.Family, change: Any, path: str, message: str
) -> None:
    """Reading malformed data raises ClassificationError naming the path and what was expected."""
    data = ja.classify(voorbeeld, {"kennis": "C"}).to_dict()
    change(data)
    with pytest.raises(ja.ClassificationError) as info:
        ja.Classification.from_dict(data)
    assert info.value.path == path
    assert message in str(info.value)


def test_from_dict_reports_every_problem_at_once(voorbeeld: ja.Family) -> None:
    """One ClassificationError lists every problem of the data, each at its path, and
    checks the valid parts around a bad one."""
    data = ja.classify(voorbeeld, {"kennis": "C", "contacten": "B"}).to_dict()
    data["evidence"][0]["low"] = 3
    data["evidence"][1]["name"] = None
    data["evidence"][1].pop("descriptor")
    data["agreement"] = "high"
    data.pop("rule")
    data["extra"] = 1
    with pytest.raises(ja.ClassificationError) as info:
        ja.Classification.from_dict(data)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("$", "unknown key(s) 'extra'"),
        ("$.rule", "required key missing"),
        ("$.evidence[0].low", "expected str, got 3"),
        ("$.evidence[1].name", "expected str, got None"),
        ("$.evidence[1].descriptor", "required key missing"),
        ("$.agreement", "expected a number, got 'high'"),
    ]
    assert str(info.value).splitlines()[2] == "$.evidence[0].low: expected str, got 3"
    assert info.value.path == "$"
    assert {p.source for p in info.value.problems} == {"<classification>"}


def test_from_dict_counts_problems_past_the_limit(
    voorbeeld: ja.Family, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past JOBARCHITECTURE_MAX_PROBLEMS problems, one more line counts the rest."""
    monkeypatch.setenv("JOBARCHITECTURE_MAX_PROBLEMS", "2")
    data = ja.classify(voorbeeld, {"kennis": "C"}).to_dict()
    data["scale"] = [1, 2, 3, 4]
    with pytest.raises(ja.ClassificationError) as info:
        ja.Classification.from_dict(data)
    assert [p.path for p in info.value.problems] == ["$.scale[0]", "$.scale[1]", "$"]
    assert "2 more problems not shown" in str(info.value)


# cost ----------------------------------------------------------------------


def test_evidence_is_computed_on_first_access(
    voorbeeld: ja.Family, monkeypatch: pytest.MonkeyPatch
) -> None:
    """classify itself computes only the level; the evidence waits until it is read."""
    filled: list[str] = []
    real = _engine._fill

    def spy(c: ja.Classification, lazy: Any) -> None:
        filled.append(c.level)
        real(c, lazy)

    monkeypatch.setattr(_engine, "_fill", spy)
    result = ja.classify(voorbeeld, {"kennis": "C", "contacten": "C"})
    assert (result.level, result.level_span, result.rule) == ("C", None, "lower_median")
    assert filled == []
    assert result.spread == ("C", "C")
    assert result.agreement == 1.0
    assert filled == ["C"]


def test_a_family_index_is_dropped_with_its_family() -> None:
    """The per-family index lives only as long as the family."""
    import gc

    family = ja.load_family(EXAMPLE)
    ja.classify(family, {"kennis": "C"})
    key = id(family)
    assert key in _engine._PLANS
    plan = _engine._PLANS[key]
    assert _engine._last is plan  # classify checks the last family first
    del family, plan
    gc.collect()
    assert key not in _engine._PLANS
    assert _engine._last is None  # nor kept as the last one used


# batches -------------------------------------------------------------------


def test_classify_many_streams_results_and_errors_in_order(voorbeeld: ja.Family) -> None:
    """classify_many yields one result or one error per row, in order, and never stops."""
    rows = [{"kennis": "C"}, {"kennis": "E"}, {"kenis": "C"}, {}, {"kennis": "B", "contacten": "B"}]
    out = list(ja.classify_many(voorbeeld, rows))
    assert [type(x).__name__ for x in out] == [
        "Classification",
        "UnknownLevelError",
        "UnknownCriterionError",
        "RatingError",
        "Classification",
    ]
    assert out[0] == ja.classify(voorbeeld, rows[0])
    assert isinstance(out[4], ja.Classification)
    assert out[4].level == "B"


def test_classify_many_checks_the_rule_at_the_call(voorbeeld: ja.Family) -> None:
    """An unknown rule fails classify_many at once, not row by row."""
    with pytest.raises(ja.UnknownRuleError):
        ja.classify_many(voorbeeld, iter([]), "nope")


def test_classify_many_names_rows_that_are_not_iterable_at_the_call(voorbeeld: ja.Family) -> None:
    with pytest.raises(
        TypeError, match=r"^'rows' must be an iterable of rating mappings \(got NoneType\)$"
    ):
        ja.classify_many(voorbeeld, None)  # type: ignore[arg-type]


def test_classify_many_reads_rows_lazily(voorbeeld: ja.Family) -> None:
    """classify_many reads a row only when its result is asked for."""

    def rows() -> Any:
        yield {"kennis": "C"}
        raise AssertionError("read too far")

    assert next(ja.classify_many(voorbeeld, rows())).level == "C"


# seed families -------------------------------------------------------------


@pytest.mark.parametrize("code", SEEDS)
def test_seed_family_unanimous_ratings_give_each_level(code: str) -> None:
    """In every seed family, rating every criterion at a level gives that level, with no warning."""
    family = _seed(code)
    for level in family.scale.codes:
        result = ja.classify(
            family, dict.fromkeys((c.code for c in family.criteria), level), complete=True
        )
        assert result.level == level
        assert result.agreement == 1.0
        assert result.warnings == ()
        assert all(e.descriptor for e in result.evidence)


@pytest.mark.parametrize("code", SEEDS)
def test_seed_family_explains_a_mixed_rating(code: str) -> None:
    """A seed family's mixed ratings classify to the lower median and explain themselves in nl and en."""
    family = _seed(code)
    codes = family.scale.codes
    ratings = {c.code: codes[i % len(codes)] for i, c in enumerate(family.criteria)}
    result = ja.classify(family, ratings)
    ranks = sorted(family.scale.rank(v) for v in ratings.values())
    assert result.level == codes[ranks[(len(ranks) - 1) // 2]]
    # The name people know the family by, then the code tools take.
    assert result.explain("nl").startswith(f"Functiefamilie {family.name.nl} ({code}): niveau ")
    assert result.explain("en").startswith(f"Family {family.name.get('en')} ({code}): level ")
    assert ja.Classification.from_dict(json.loads(json.dumps(result.to_dict()))) == result


@pytest.mark.parametrize("level", [3, 12, None, 3.5, b"C"])
def test_a_level_that_is_not_a_string_says_so(voorbeeld: ja.Family, level: Any) -> None:
    """A level given as a number, None or bytes is refused naming its type, wherever a level is taken."""
    result = ja.classify(voorbeeld, {"kennis": "C"})
    for call in (
        lambda: result.to_reach(level),
        lambda: ja.profile(voorbeeld, level),
        lambda: voorbeeld.scale.level(level),
        lambda: voorbeeld.criteria[0].at(level),
    ):
        with pytest.raises(
            ja.UnknownLevelError,
            match=rf"^levels are named by strings \(got {type(level).__name__} .+\) \(D, C, B\)$",
        ):
            call()


def test_a_weight_too_large_for_a_float_is_refused_in_one_short_line(voorbeeld: ja.Family) -> None:
    """An integer weight beyond a float's range is a RatingError, its value shown by size."""
    with pytest.raises(
        ja.RatingError, match=r"must be a finite number >= 0 \(got an integer of 1329 bits\)"
    ):
        ja.classify(voorbeeld, {"kennis": "C"}, "weighted", weights={"kennis": 10**400})


def test_a_rating_given_as_bytes_is_refused_as_bytes(voorbeeld: ja.Family) -> None:
    """Bytes are not a sequence of levels: the error names the bytes, not their first byte."""
    with pytest.raises(ja.RatingError, match=r"\(got bytes b'C'\)"):
        ja.classify(voorbeeld, {"kennis": b"C"})


@pytest.mark.parametrize(
    ("change", "problems"),
    [
        (
            lambda d: d["evidence"][0].update(low="Z"),
            [("$.evidence[0].low", "level 'Z' is not in $.scale ('D', 'C', 'B')")],
        ),
        (lambda d: d.update(scale=[]), [("$.scale", "expected at least one level")]),
        (
            lambda d: d["evidence"][0].update(low="B", high="D"),
            [("$.evidence[0]", "runs backwards: 'D' is below 'B'")],
        ),
        (lambda d: d.update(spread=["B", "C"]), [("$.spread", "runs backwards: 'C' is below 'B'")]),
        (
            lambda d: d.update(agreement=5),
            [("$.agreement", "expected a share from 0 to 1, got 5.0")],
        ),
        (
            lambda d: d.update(unrated=["kennis", *d["unrated"]]),
            [("$.unrated[0]", "'kennis' is also in $.evidence")],
        ),
        (
            lambda d: d["evidence"].append(dict(d["evidence"][0])),
            [("$.evidence[1].criterion", "'kennis' is rated twice")],
        ),
    ],
)
def test_from_dict_refuses_data_that_contradicts_itself(
    voorbeeld: ja.Family, change: Any, problems: list[tuple[str, str]]
) -> None:
    """Well-typed data whose parts disagree (a level outside the scale, an end below the
    other, a criterion both rated and unrated) is refused with the path of each
    problem, instead of failing with a KeyError on the first read of its warnings."""
    data = ja.classify(voorbeeld, {"kennis": "C"}).to_dict()
    change(data)
    with pytest.raises(ja.ClassificationError) as info:
        ja.Classification.from_dict(data)
    assert [(p.path, p.message) for p in info.value.problems] == problems


def test_a_wrong_kind_of_rating_is_said_short_and_once() -> None:
    """A rating of the wrong kind names its type once (a repr that names it already,
    as a pandas Timestamp's does, is not preceded by it again), and a huge value is
    cut, so that the message stays a line a person reads."""
    import datetime

    family = ja.get_family("ondersteuners")
    with pytest.raises(ja.RatingError) as info:
        ja.classify(family, {"kennis": datetime.date(2024, 1, 1)})
    assert str(info.value).endswith(" pair (got datetime.date(2024, 1, 1))")
    with pytest.raises(ja.RatingError, match=r"\(got float 3\.5\)$"):
        ja.classify(family, {"kennis": 3.5})
    with pytest.raises(ja.RatingError) as info:
        ja.classify(family, {"kennis": ["C"] * 100_000})
    assert len(str(info.value)) < 300
    assert "(99980 more)" in str(info.value)
    with pytest.raises(ja.RatingError) as info:
        ja.classify(family, {"kennis": frozenset(range(100_000))})
    assert len(str(info.value)) < 300
