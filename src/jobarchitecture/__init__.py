"""jobarchitecture: public-sector job architectures as typed, testable software.

Job families (functiefamilies) with their levels, result areas, criteria and
competency profiles; loading and saving; a plugin registry.
"""

from ._errors import (
    DuplicateFamilyError,
    FamilyError,
    FormatVersionError,
    JobArchitectureError,
    PluginError,
    Problem,
    UnknownCriterionError,
    UnknownFamilyError,
    UnknownLevelError,
    UnknownRoleError,
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
from ._schema import family_schema
from ._validate import validate

__version__ = "0.1.0"

__all__ = [
    "FORMAT_VERSION",
    "BehaviouralLevel",
    "BrokenFamily",
    "Clause",
    "Competency",
    "CompetencyCluster",
    "CompetencyDictionary",
    "CompetencyProfile",
    "Criterion",
    "Descriptor",
    "DuplicateFamilyError",
    "Family",
    "FamilyError",
    "FamilyInfo",
    "FormatVersionError",
    "JobArchitectureError",
    "Join",
    "Level",
    "Note",
    "PluginError",
    "Problem",
    "ProfileEntry",
    "Purpose",
    "Registry",
    "Requirement",
    "ResultArea",
    "Scale",
    "Source",
    "Text",
    "Translation",
    "UnknownCriterionError",
    "UnknownFamilyError",
    "UnknownLevelError",
    "UnknownRoleError",
    "__version__",
    "default_registry",
    "dumps_family",
    "family_codes",
    "family_from_data",
    "family_schema",
    "family_to_data",
    "get_family",
    "load_family",
    "save_family",
    "validate",
]
