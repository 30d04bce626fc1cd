"""Exceptions. One root, :class:`JobArchitectureError`; each subclass also
inherits the built-in it behaves like, and keeps its data as attributes."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

import attrs


@attrs.frozen
class Problem:
    """One problem found in a family: where it is and what was expected.

    Attributes:
        source: The file, plugin or object the family came from.
        path: JSON-path-like location inside the family, e.g. ``$.criteria[2].code``.
        message: What is wrong and what was expected.
    """

    source: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.path}: {self.message}"


def log_warning(message: str, *args: object) -> None:
    """Log a warning on the ``jobarchitecture`` logger, if the application uses logging.

    Importing :mod:`logging` costs start-up time, and an application that never
    imported it has configured no handler, so nothing would be lost. The
    NullHandler keeps an unconfigured application's stderr quiet, as a library should.
    """
    logging = sys.modules.get("logging")
    if logging is None:
        return
    logger = logging.getLogger("jobarchitecture")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    logger.warning(message, *args)


class JobArchitectureError(Exception):
    """Root of every error this library raises on purpose."""


class FamilyError(JobArchitectureError, ValueError):
    """A family file or object has problems; all of them are in :attr:`problems`.

    ``str()`` gives one line per problem: ``source: path: message``.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class FormatVersionError(FamilyError):
    """A family file needs a newer version of this library."""

    def __init__(self, source: str, found: int, supported: int, version: str) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            [
                Problem(
                    source,
                    "$.format_version",
                    f"format version {found} needs a newer jobarchitecture "
                    f"(this is {version}, which reads format versions up to {supported})",
                )
            ]
        )


def _options(options: Sequence[str], closest: str | None) -> str:
    hint = f"; did you mean {closest!r}?" if closest else ""
    return f"({', '.join(options)}){hint}"


class UnknownLevelError(JobArchitectureError, LookupError):
    """No level of the scale has the given name.

    Attributes:
        criterion: The criterion being rated, when the level came from a rating.
    """

    def __init__(
        self,
        name: str,
        options: Sequence[str],
        closest: str | None = None,
        *,
        criterion: str | None = None,
    ) -> None:
        self.name = name
        self.options = tuple(options)
        self.closest = closest
        self.criterion = criterion
        where = f" for criterion {criterion!r}" if criterion else ""
        super().__init__(f"unknown level {name!r}{where} {_options(self.options, closest)}")


class UnknownCriterionError(JobArchitectureError, LookupError):
    """No criterion of the family has the given code or name."""

    def __init__(self, name: str, options: Sequence[str], closest: str | None = None) -> None:
        self.name = name
        self.options = tuple(options)
        self.closest = closest
        super().__init__(f"unknown criterion {name!r} {_options(self.options, closest)}")


class UnknownRoleError(JobArchitectureError, LookupError):
    """No competency profile of the family has the given role."""

    def __init__(self, name: str, options: Sequence[str]) -> None:
        self.name = name
        self.options = tuple(options)
        super().__init__(f"unknown role {name!r} ({', '.join(self.options)})")


class UnknownFamilyError(JobArchitectureError, LookupError):
    """No installed or configured family has the given code."""

    def __init__(self, code: str, options: Sequence[str], closest: str | None = None) -> None:
        self.code = code
        self.options = tuple(options)
        self.closest = closest
        shown = _options(self.options, closest) if self.options else "(no families installed)"
        super().__init__(f"unknown family {code!r} {shown}")


class PluginError(JobArchitectureError, RuntimeError):
    """A family plugin is broken (cannot be imported, has no or invalid data).

    Attributes:
        code: The family code the plugin claims.
        origin: Where it comes from: ``distribution 1.0 (entry point name = value)``
            or a file path.
        reason: What went wrong, one line per problem.
    """

    def __init__(self, code: str, origin: str, reason: str) -> None:
        self.code = code
        self.origin = origin
        self.reason = reason
        super().__init__(f"family {code!r} from {origin} is broken: {reason}")


class DuplicateFamilyError(PluginError):
    """Two plugins or files claim the same family code.

    Attributes:
        origins: Every origin claiming the code.
    """

    def __init__(self, code: str, origins: Sequence[str]) -> None:
        self.origins = tuple(origins)
        super().__init__(
            code,
            " and ".join(self.origins),
            f"{len(self.origins)} sources claim family code {code!r}: " + "; ".join(self.origins),
        )


class RatingError(JobArchitectureError, ValueError):
    """Ratings cannot be classified: none given, incomplete when completeness was
    asked for, a criterion rated twice, a backwards span, or a value of the wrong type.

    Attributes:
        criterion: The criterion concerned, if one is.
    """

    def __init__(self, message: str, criterion: str | None = None) -> None:
        self.criterion = criterion
        super().__init__(message)


class UnknownRuleError(JobArchitectureError, LookupError):
    """No built-in or installed classification rule has the given name."""

    def __init__(self, name: str, options: Sequence[str], closest: str | None = None) -> None:
        self.name = name
        self.options = tuple(options)
        self.closest = closest
        super().__init__(f"unknown rule {name!r} {_options(self.options, closest)}")


class LanguageError(JobArchitectureError, ValueError):
    """A language other than the ones family text is written in (``nl``, ``fr``, ``en``).

    Attributes:
        lang: The language asked for.
        options: The languages there are.
    """

    def __init__(self, lang: object, options: Sequence[str]) -> None:
        self.lang = lang
        self.options = tuple(options)
        super().__init__(f"'lang' must be one of {', '.join(self.options)} (got {lang!r})")


class RuleError(JobArchitectureError, RuntimeError):
    """A classification rule is broken: its plugin cannot be loaded, it is not a
    rule, or it returned something that is not a level rank.

    Attributes:
        name: The rule's name.
        origin: Where it comes from (a distribution and entry point), if known.
        reason: What went wrong.
    """

    def __init__(self, name: str, reason: str, origin: str | None = None) -> None:
        self.name = name
        self.origin = origin
        self.reason = reason
        source = f" from {origin}" if origin else ""
        super().__init__(f"rule {name!r}{source} is broken: {reason}")


class ClassificationError(JobArchitectureError, ValueError):
    """A serialised classification cannot be read; the message names the path.

    Attributes:
        path: Where in the data the problem is, e.g. ``$.evidence[0].low``.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


class MissingDependencyError(JobArchitectureError, ImportError):
    """A feature needs an optional dependency that is not installed.

    Attributes:
        feature: What needs it, e.g. ``classify_table``.
        extra: The extra that installs it: ``pip install 'jobarchitecture[EXTRA]'``.
        module: The module that could not be imported.
    """

    def __init__(self, feature: str, extra: str, module: str) -> None:
        self.feature = feature
        self.extra = extra
        self.module = module
        super().__init__(
            f"{feature} needs {module}, which is not installed: "
            f"pip install 'jobarchitecture[{extra}]'"
        )
