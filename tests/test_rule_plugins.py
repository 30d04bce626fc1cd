"""Rule plugins as users meet them: descriptions, laws, broken plugins and `jobarchitecture rules`."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pytest

import jobarchitecture as ja
from jobarchitecture._classify import _rules

if TYPE_CHECKING:
    from conftest import Run


class _Dist:
    name = "mijnregels"
    version = "2.1"


class _EntryPoint:
    def __init__(self, name: str, obj: Any, value: str = "mijnregels:rule") -> None:
        self.name = name
        self.value = value
        self.dist = _Dist()
        self._obj = obj

    def load(self) -> Any:
        if isinstance(self._obj, Exception):
            raise self._obj
        return self._obj


class SecondHighest:
    """The second highest rating."""

    name = "second_highest"
    monotone = True
    laws = ("monotone", "bounded", "unanimous", "order_invariant")

    def describe(self, lang: str) -> str | None:
        return {"nl": "de op één na hoogste beoordeling", "en": "the second highest rating"}.get(
            lang
        )

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        s = sorted(ranks)
        return s[-2] if len(s) > 1 else s[0]


class Crashing(SecondHighest):
    name = "crashing"

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        return {}[len(ranks)]  # type: ignore[no-any-return]


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Install fake entry points as the rule plugins for one test."""

    def install(*eps: _EntryPoint) -> None:
        monkeypatch.setattr(_rules, "_plugins", _rules._RuleSet(entry_points=eps))

    return install


def _family() -> ja.Family:
    return ja.get_family("ondersteuners")


RATINGS = {"kennis": "C", "documenten": "B", "contacten": "C"}


def test_explain_uses_the_plugin_rules_own_description(plugins: Any) -> None:
    """explain shows a plugin rule's describe(lang) in that language, and Dutch where it has none."""
    plugins(_EntryPoint("second_highest", SecondHighest))
    result = ja.classify(_family(), RATINGS, "second_highest")
    assert "'second_highest' (the second highest rating)" in result.explain("en")
    assert "'second_highest' (de op één na hoogste beoordeling)" in result.explain("nl")
    info = {i.name: i for i in ja.rule_infos("fr")}["second_highest"]
    assert info.description == "de op één na hoogste beoordeling"


def test_a_description_may_be_a_mapping_or_one_string(plugins: Any) -> None:
    """A plugin rule's `description` is a string, or a language-to-string mapping that falls back to Dutch."""
    as_map = type("R1", (SecondHighest,), {"name": "r1", "describe": None})
    as_map.description = {"nl": "tweede", "en": "second"}  # type: ignore[attr-defined]
    as_str = type("R2", (SecondHighest,), {"name": "r2", "describe": None})
    as_str.description = "second  highest\n rating"  # type: ignore[attr-defined]
    plugins(_EntryPoint("r1", as_map), _EntryPoint("r2", as_str))
    infos = {i.name: i for i in ja.rule_infos("fr")}
    assert infos["r1"].description == "tweede"
    assert {i.name: i for i in ja.rule_infos("en")}["r1"].description == "second"
    assert infos["r2"].description == "second highest rating"


def test_rule_laws_are_data_for_built_ins_and_plugins(plugins: Any) -> None:
    """Every rule's laws are listed as data; a plugin without `laws` declares monotone from its flag."""
    bare = type("Bare", (SecondHighest,), {"name": "bare", "laws": None})
    plugins(_EntryPoint("second_highest", SecondHighest), _EntryPoint("bare", bare))
    laws = {i.name: i.laws for i in ja.rule_infos()}
    assert laws["mode"] == ("unanimous", "bounded", "order_invariant")
    assert laws["lower_median"] == ja.LAWS
    assert laws["second_highest"] == ja.LAWS
    assert laws["bare"] == ("monotone",)


@pytest.mark.parametrize(
    ("laws", "reason"),
    [
        (("monotone", "commutative"), "unknown law 'commutative' in 'laws'"),
        (
            ("unanimous", "monotonic"),
            "unknown law 'monotonic' in 'laws' (laws: unanimous, bounded, monotone, "
            "order_invariant); did you mean 'monotone'?",
        ),
        ((), "'monotone' is True but 'laws' does not list 'monotone'"),
        ("monotone", "'laws' must be a collection of law names"),
    ],
)
def test_a_bad_law_declaration_makes_the_plugin_broken(
    plugins: Any, laws: Any, reason: str
) -> None:
    """A rule whose `laws` name an unknown law or contradict `monotone` is broken, not usable."""
    plugins(_EntryPoint("second_highest", type("R", (SecondHighest,), {"laws": laws})))
    assert "second_highest" not in ja.rule_names()
    info = {i.name: i for i in ja.rule_infos()}["second_highest"]
    assert not info.usable
    assert info.broken is not None
    assert reason in info.broken


def test_rule_names_leave_broken_plugins_out(plugins: Any) -> None:
    """rule_names lists only usable rules; rule_infos lists the broken one with its reason."""
    plugins(
        _EntryPoint("second_highest", SecondHighest),
        _EntryPoint("missing", ImportError("No module named 'weg'"), "weg:rule"),
    )
    assert ja.rule_names() == (*_rules.BUILTINS, "second_highest")
    broken = [i for i in ja.rule_infos() if not i.usable]
    assert [(i.name, i.broken) for i in broken] == [
        ("missing", "cannot load: ImportError: No module named 'weg'")
    ]
    assert broken[0].source == "mijnregels 2.1 (missing = weg:rule)"


def test_a_raising_plugin_rule_is_a_rule_error_naming_it_and_its_distribution(
    plugins: Any,
) -> None:
    """An exception inside a plugin rule becomes a RuleError naming the rule and its distribution."""
    plugins(_EntryPoint("crashing", Crashing))
    with pytest.raises(ja.RuleError) as info:
        ja.classify(_family(), RATINGS, "crashing")
    assert str(info.value) == (
        "rule 'crashing' from mijnregels 2.1 (crashing = mijnregels:rule) is broken: "
        "raised KeyError: 3"
    )
    assert (info.value.name, info.value.reason) == ("crashing", "raised KeyError: 3")


class Averaging(SecondHighest):
    name = "averaging"

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        return sum(ranks) / len(ranks)  # type: ignore[return-value]


def test_a_plugin_rule_returning_a_non_rank_is_a_rule_error_naming_its_distribution(
    plugins: Any,
) -> None:
    """A plugin rule returning a float rather than a rank is reported with its distribution,
    as one that raises is."""
    plugins(_EntryPoint("averaging", Averaging))
    with pytest.raises(ja.RuleError) as info:
        ja.classify(_family(), {"kennis": "C", "documenten": "B"}, "averaging")
    assert str(info.value) == (
        "rule 'averaging' from mijnregels 2.1 (averaging = mijnregels:rule) is broken: "
        "returned 1.5, expected a level rank from 0 to 2"
    )


def test_a_rule_object_is_named_by_the_distribution_whose_entry_point_points_to_it(
    plugins: Any,
) -> None:
    """classify(..., Averaging()) with the object, not the name, still names the distribution
    that registers that rule name in the object's module (as an editable install does)."""
    plugins(_EntryPoint("averaging", Averaging, f"{__name__}:Averaging"))
    with pytest.raises(ja.RuleError) as info:
        ja.classify(_family(), {"kennis": "C", "documenten": "B"}, Averaging())
    assert info.value.origin == f"mijnregels 2.1 (averaging = {__name__}:Averaging)"


def test_cli_reports_a_rule_returning_a_non_rank_with_its_distribution(
    cli: Callable[..., Run], plugins: Any
) -> None:
    """`classify --rule` with a rule returning a non-rank: one line naming the distribution, exit 2."""
    plugins(_EntryPoint("averaging", Averaging))
    run = cli("classify", "voorbeeld", "kennis=C", "contacten=B", "--rule", "averaging")
    assert run.code == 2
    assert run.err_lines == [
        "jobarchitecture: error: rule 'averaging' from mijnregels 2.1 "
        "(averaging = mijnregels:rule) is broken: returned 1.5, expected a level rank from 0 to 2"
    ]


def test_to_reach_reports_a_raising_rule_rather_than_no_way(plugins: Any) -> None:
    """to_reach reports a rule that raises while it searches, instead of calling the target unreachable."""

    class Picky(SecondHighest):
        name = "picky"

        def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
            if len(ranks) > 2:
                raise ValueError("at most two ratings")
            return super().__call__(ranks, weights)

    plugins(_EntryPoint("picky", Picky))
    result = ja.classify(_family(), {"kennis": "D", "contacten": "D"}, "picky")
    with pytest.raises(ja.RuleError, match=r"rule 'picky' from mijnregels 2.1 .*raised ValueError"):
        result.to_reach("B")


def test_to_reach_refuses_a_non_rank_as_classify_does(plugins: Any) -> None:
    """A rule that answers a float for some ratings is broken in to_reach's search as it
    is in classify: its 1.0 does not count as reaching level 1 (the change proposed
    would then fail in classify), it is reported naming the rule and its distribution."""

    class Floaty(SecondHighest):
        name = "floaty"

        def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
            rank = super().__call__(ranks, weights)
            return float(rank) if max(ranks) == 2 else rank  # type: ignore[return-value]

    plugins(_EntryPoint("floaty", Floaty))
    result = ja.classify(_family(), {"kennis": "D", "contacten": "D"}, "floaty")
    with pytest.raises(
        ja.RuleError,
        match=r"rule 'floaty' from mijnregels 2\.1 .*returned [0-2]\.0, expected a level rank",
    ):
        result.to_reach("B")


def test_a_plugin_taking_a_builtin_name_is_listed_as_broken(plugins: Any) -> None:
    """A plugin named like a built-in rule is listed by rule_infos as broken, the built-in kept."""
    plugins(_EntryPoint("minimum", SecondHighest))
    assert ja.get_rule("minimum") is _rules.BUILTINS["minimum"]
    shadows = [i for i in ja.rule_infos() if i.name == "minimum" and not i.usable]
    assert [(i.distribution, i.broken) for i in shadows] == [
        ("mijnregels", "takes the name of a built-in rule, so the built-in rule is used instead")
    ]


# ------------------------------------------------------------------ the command line


def test_cli_rules_lists_laws_source_and_description(cli: Callable[..., Run], plugins: Any) -> None:
    """`rules --json` lists every rule with laws, source and description, and exits 0."""
    plugins(_EntryPoint("second_highest", SecondHighest))
    run = cli("rules", "--json", "--lang", "en")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    names = [r["name"] for r in data["rules"]]
    assert names == [*_rules.BUILTINS, "second_highest"]
    plugin = data["rules"][-1]
    assert plugin["distribution"] == "mijnregels"
    assert plugin["version"] == "2.1"
    assert plugin["description"] == "the second highest rating"
    assert plugin["laws"] == list(ja.LAWS)
    assert data["problems"] == []


def test_cli_rules_reports_broken_and_shadowing_plugins(
    cli: Callable[..., Run], plugins: Any
) -> None:
    """`rules` shows broken and shadowing plugins on stderr, one line each, and exits 1."""
    plugins(
        _EntryPoint("minimum", SecondHighest, "mijnregels:minimum"),
        _EntryPoint("missing", ImportError("No module named 'weg'"), "weg:rule"),
    )
    run = cli("rules")
    assert run.code == 1
    assert "second_highest" not in run.out
    assert "lower_median" in run.out
    assert run.err_lines == [
        "jobarchitecture: warning: broken rule 'missing' from mijnregels 2.1 (missing = weg:rule): "
        "cannot load: ImportError: No module named 'weg'",
        "jobarchitecture: warning: broken rule 'minimum' from mijnregels 2.1 "
        "(minimum = mijnregels:minimum): takes the name of a built-in rule, so the built-in "
        "rule is used instead",
    ]


def test_cli_classify_warns_when_a_plugin_takes_the_named_builtin(
    cli: Callable[..., Run], plugins: Any
) -> None:
    """`classify --rule minimum` warns on stderr that a plugin tried to take that name."""
    plugins(_EntryPoint("minimum", SecondHighest, "mijnregels:minimum"))
    run = cli("classify", "voorbeeld", "kennis=C", "contacten=B", "--rule", "minimum", "--json")
    assert run.code == 0
    assert json.loads(run.out)["level"] == "C"
    assert run.err_lines == [
        "jobarchitecture: warning: rule 'minimum' from mijnregels 2.1 "
        "(minimum = mijnregels:minimum) takes the name of a built-in rule, so the built-in "
        "rule is used instead"
    ]


def test_cli_reports_a_raising_rule_as_its_fault_not_an_internal_error(
    cli: Callable[..., Run], plugins: Any
) -> None:
    """A plugin rule that raises ends the CLI with one line naming the rule and distribution, not exit 70."""
    plugins(_EntryPoint("crashing", Crashing))
    run = cli("classify", "voorbeeld", "kennis=C", "contacten=B", "--rule", "crashing")
    assert run.code == 2
    assert run.err_lines == [
        "jobarchitecture: error: rule 'crashing' from mijnregels 2.1 "
        "(crashing = mijnregels:rule) is broken: raised KeyError: 2"
    ]


def test_classify_table_reports_a_raising_plugin_rule_in_the_rows_error(plugins: Any) -> None:
    """A plugin rule that raises in classify_table fills that row's error with the RuleError
    naming the rule and its distribution, as classify-batch does, instead of escaping as a
    bare KeyError."""
    pd = pytest.importorskip("pandas")
    plugins(_EntryPoint("crashing", Crashing))
    table = pd.DataFrame({"kennis": ["C", "C"], "documenten": ["B", "B"], "contacten": ["C", None]})
    out = ja.classify_table(_family(), table, rule="crashing")
    assert out["error"].tolist() == [
        "rule 'crashing' from mijnregels 2.1 (crashing = mijnregels:rule) is broken: "
        "raised KeyError: 3",
        "rule 'crashing' from mijnregels 2.1 (crashing = mijnregels:rule) is broken: "
        "raised KeyError: 2",
    ]
    assert out["level"].isna().all()


class CrashingColumns(SecondHighest):
    name = "crashing_columns"

    def on_columns(self, ranks: Any, weights: Any, /) -> Any:
        raise ValueError("shapes do not match")


def test_classify_table_reports_a_raising_on_columns_as_the_rules_fault(plugins: Any) -> None:
    """A plugin rule whose on_columns raises makes classify_table raise a RuleError naming
    the rule and its distribution, not a bare ValueError."""
    pd = pytest.importorskip("pandas")
    plugins(_EntryPoint("crashing_columns", CrashingColumns))
    with pytest.raises(ja.RuleError) as info:
        ja.classify_table(_family(), pd.DataFrame({"kennis": ["C"]}), rule="crashing_columns")
    assert str(info.value) == (
        "rule 'crashing_columns' from mijnregels 2.1 (crashing_columns = mijnregels:rule) "
        "is broken: on_columns raised ValueError: shapes do not match"
    )
