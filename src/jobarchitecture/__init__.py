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
    ExportError,
    FamilyError,
    FormatVersionError,
    JobArchitectureError,
    LanguageError,
    LimitsError,
    MissingExtraError,
    OutputDirectoryError,
    PluginError,
    Problem,
    RatingError,
    RuleError,
    TemplateError,
    UnknownCriterionError,
    UnknownFamilyError,
    UnknownLevelError,
    UnknownRoleError,
    UnknownRuleError,
    WriteError,
)
from ._model import (
    EXTRA as _EXTRA,
)
from ._model import (
    FORMAT_VERSION,
    LANGUAGES,
    Clause,
    CompetencyDictionary,
    Criterion,
    Descriptor,
    Family,
    Join,
    Level,
    Purpose,
    ReferenceSource,
    ResultArea,
    Scale,
    Text,
)
from ._registry import (
    FamilyInfo,
    Registry,
    default_registry,
    family_codes,
    get_family,
)

if _TYPE_CHECKING:
    from ._broken import BrokenFamily
    from ._classify import (
        AddedResultArea,
        Classification,
        Evidence,
        Rating,
        classify,
        classify_many,
    )
    from ._classify._change import Change
    from ._classify._ruleinfo import RuleInfo
    from ._classify._rules import (
        DEFAULT_RULE,
        LAWS,
        Rule,
        get_rule,
        rule_infos,
        rule_names,
    )
    from ._diff import FamilyChange, FamilyDiff, diff
    from ._export import export, to_csv, to_jsonld, to_xlsx
    from ._extra import (
        BehaviouralLevel,
        Competency,
        CompetencyCluster,
        CompetencyProfile,
        Note,
        ProfileEntry,
        Reference,
        Requirement,
        Source,
        Translation,
    )
    from ._format import (
        dumps_family,
        family_from_data,
        family_to_data,
        load_family,
        loads_family,
        save_family,
    )
    from ._limits import Limits
    from ._profile import CompetencyAtLevel, DescriptorAtLevel, JobProfile, profile
    from ._schema import family_schema
    from ._validate import validate

# Comparison and the renderers (Jinja2 and python-docx only inside them, when called).
if _TYPE_CHECKING:
    from ._compare import (
        Comparison,
        CompetencyChange,
        DescriptorChange,
        ResultAreaChange,
        WordRun,
        compare,
        word_diff,
    )
    from ._render._docx import write_docx
    from ._render._html import render_html
    from ._render._markdown import render_markdown
    from ._render._site import build_site
    from ._table import classify_table

# Classification, profiles, rules and the schema are imported on first use, so
# that reading families (and `jobarchitecture families`) does not pay for them.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        [
            "AddedResultArea",
            "Classification",
            "Evidence",
            "ExportError",
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
    **dict.fromkeys(["LAWS", "rule_infos"], "._classify._rules"),
    "RuleInfo": "._classify._ruleinfo",
    "BrokenFamily": "._broken",
    # Read only where a file is parsed: a family served from the cache needs none of it.
    "Limits": "._limits",
    # The model classes a classification never needs: made in _extra on first use.
    **dict.fromkeys(_EXTRA, "._extra"),
    "Change": "._classify._change",
    "family_schema": "._schema",
    **dict.fromkeys(
        [
            "CompetencyChange",
            "Comparison",
            "DescriptorChange",
            "ResultAreaChange",
            "WordRun",
            "compare",
            "word_diff",
        ],
        "._compare",
    ),
    "build_site": "._render._site",
    "render_html": "._render._html",
    "render_markdown": "._render._markdown",
    "write_docx": "._render._docx",
    # The file format needs cattrs (about 15 ms): a family read from the cache does not.
    **dict.fromkeys(
        [
            "dumps_family",
            "family_from_data",
            "family_to_data",
            "load_family",
            "loads_family",
            "save_family",
        ],
        "._format",
    ),
    "validate": "._validate",
    **dict.fromkeys(["FamilyChange", "FamilyDiff", "diff"], "._diff"),
    **dict.fromkeys(["export", "to_csv", "to_jsonld", "to_xlsx"], "._export"),
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


#: The version of this distribution of the core library.
__version__ = "0.1.0"

__all__ = [
    "DEFAULT_RULE",
    "FORMAT_VERSION",
    "LANGUAGES",
    "LAWS",
    "AddedResultArea",
    "BehaviouralLevel",
    "BrokenFamily",
    "Change",
    "Classification",
    "ClassificationError",
    "Clause",
    "Comparison",
    "Competency",
    "CompetencyAtLevel",
    "CompetencyChange",
    "CompetencyCluster",
    "CompetencyDictionary",
    "CompetencyProfile",
    "Criterion",
    "Descriptor",
    "DescriptorAtLevel",
    "DescriptorChange",
    "DuplicateFamilyError",
    "Evidence",
    "ExportError",
    "Family",
    "FamilyChange",
    "FamilyDiff",
    "FamilyError",
    "FamilyInfo",
    "FormatVersionError",
    "JobArchitectureError",
    "JobProfile",
    "Join",
    "LanguageError",
    "Level",
    "Limits",
    "LimitsError",
    "MissingExtraError",
    "Note",
    "OutputDirectoryError",
    "PluginError",
    "Problem",
    "ProfileEntry",
    "Purpose",
    "Rating",
    "RatingError",
    "Reference",
    "ReferenceSource",
    "Registry",
    "Requirement",
    "ResultArea",
    "ResultAreaChange",
    "Rule",
    "RuleError",
    "RuleInfo",
    "Scale",
    "Source",
    "TemplateError",
    "Text",
    "Translation",
    "UnknownCriterionError",
    "UnknownFamilyError",
    "UnknownLevelError",
    "UnknownRoleError",
    "UnknownRuleError",
    "WordRun",
    "WriteError",
    "__version__",
    "build_site",
    "classify",
    "classify_many",
    "classify_table",
    "compare",
    "default_registry",
    "diff",
    "dumps_family",
    "export",
    "family_codes",
    "family_from_data",
    "family_schema",
    "family_to_data",
    "get_family",
    "get_rule",
    "load_family",
    "loads_family",
    "profile",
    "render_html",
    "render_markdown",
    "rule_infos",
    "rule_names",
    "save_family",
    "to_csv",
    "to_jsonld",
    "to_xlsx",
    "validate",
    "word_diff",
    "write_docx",
]
