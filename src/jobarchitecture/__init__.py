"""jobarchitecture: public-sector job architectures as typed, testable software.

Job families (functiefamilies) with their levels, result areas, criteria and
competency profiles; loading and saving; a plugin registry; classification of
ratings into a level with pluggable rules; job profiles per level.
"""

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from ._errors import (
    ClassificationError,
    DuplicateFamilyError,
    FamilyError,
    FormatVersionError,
    JobArchitectureError,
    LanguageError,
    MissingDependencyError,
    PluginError,
    Problem,
    RatingError,
    RuleError,
    UnknownCriterionError,
    UnknownFamilyError,
    UnknownLevelError,
    UnknownRoleError,
    UnknownRuleError,
)
from ._format import (
    dumps_family,
    family_from_data,
    family_to_data,
    load_family,
    save_family,
)
from ._model import (
    FORMAT_VERSION,
    LANGUAGES,
    BehaviouralLevel,
    Clause,
    Competency,
    CompetencyCluster,
    CompetencyDictionary,
    CompetencyProfile,
    Criterion,
    Descriptor,
    Family,
    Join,
    Level,
    Note,
    ProfileEntry,
    Purpose,
    Requirement,
    ResultArea,
    Scale,
    Source,
    Text,
    Translation,
)
from ._registry import (
    BrokenFamily,
    FamilyInfo,
    Registry,
    default_registry,
    family_codes,
    get_family,
)
from ._validate import validate

if _TYPE_CHECKING:
    from ._classify import (
        AddedResultArea,
        Change,
        Classification,
        Evidence,
        Rating,
        classify,
        classify_many,
    )
    from ._classify._rules import DEFAULT_RULE, Rule, get_rule, rule_names
    from ._profile import CompetencyAtLevel, DescriptorAtLevel, JobProfile, profile
    from ._schema import family_schema
    from ._table import classify_table

# Classification, profiles, rules and the schema are imported on first use, so
# that reading families (and `jobarchitecture families`) does not pay for them.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        [
            "AddedResultArea",
            "Change",
            "Classification",
            "Evidence",
            "Rating",
            "classify",
            "classify_many",
        ],
        "._classify",
    ),
    **dict.fromkeys(
        ["CompetencyAtLevel", "DescriptorAtLevel", "JobProfile", "profile"], "._profile"
    ),
    **dict.fromkeys(["DEFAULT_RULE", "Rule", "get_rule", "rule_names"], "._classify._rules"),
    "family_schema": "._schema",
    "classify_table": "._table",
}


def __getattr__(name: str) -> _Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__version__ = "0.1.0"

__all__ = [
    "DEFAULT_RULE",
    "FORMAT_VERSION",
    "LANGUAGES",
    "AddedResultArea",
    "BehaviouralLevel",
    "BrokenFamily",
    "Change",
    "Classification",
    "ClassificationError",
    "Clause",
    "Competency",
    "CompetencyAtLevel",
    "CompetencyCluster",
    "CompetencyDictionary",
    "CompetencyProfile",
    "Criterion",
    "Descriptor",
    "DescriptorAtLevel",
    "DuplicateFamilyError",
    "Evidence",
    "Family",
    "FamilyError",
    "FamilyInfo",
    "FormatVersionError",
    "JobArchitectureError",
    "JobProfile",
    "Join",
    "LanguageError",
    "Level",
    "MissingDependencyError",
    "Note",
    "PluginError",
    "Problem",
    "ProfileEntry",
    "Purpose",
    "Rating",
    "RatingError",
    "Registry",
    "Requirement",
    "ResultArea",
    "Rule",
    "RuleError",
    "Scale",
    "Source",
    "Text",
    "Translation",
    "UnknownCriterionError",
    "UnknownFamilyError",
    "UnknownLevelError",
    "UnknownRoleError",
    "UnknownRuleError",
    "__version__",
    "classify",
    "classify_many",
    "classify_table",
    "default_registry",
    "dumps_family",
    "family_codes",
    "family_from_data",
    "family_schema",
    "family_to_data",
    "get_family",
    "get_rule",
    "load_family",
    "profile",
    "rule_names",
    "save_family",
    "validate",
]
