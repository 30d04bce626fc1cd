"""Exceptions. One root, :class:`JobArchitectureError`; each subclass also
inherits the built-in it behaves like, and keeps its data as attributes."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs

#: Characters never written raw to a terminal or a message: C0 and C1 controls,
#: DEL, lone surrogates, and the bidirectional overrides that make text read
#: other than it is.
CONTROL_CHARACTERS = "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
#: How many characters of a value a message shows before cutting it short.
SHOWN = 80
#: How many options (level codes, criteria) a message lists before cutting the list short.
LISTED = 20


def _escape_one(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """*text* with every control character (newlines and tabs included) written as
    an escape (``\\n`` as ``\\x0a``, ESC as ``\\x1b``), so that it stays one line and
    cannot move the cursor, retitle or clear a terminal."""
    # Every such character is one str.isprintable() refuses (Cc, Cf, Cs), so
    # printable text needs no pattern: it is compiled on first need (0.5 ms).
    if text.isprintable():
        return text
    return _control().sub(_escape_one, text)


@functools.cache
def _control() -> re.Pattern[str]:
    return re.compile(CONTROL_CHARACTERS)


if TYPE_CHECKING:
    #: :data:`CONTROL_CHARACTERS`, compiled (on first use).
    CONTROL: re.Pattern[str]


def __getattr__(name: str) -> Any:
    if name == "CONTROL":
        return _control()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def typed(value: object) -> str:
    """*value* after its type, as a message about a wrong kind of value shows it:
    ``float 3.5``, ``list ['C']``; once only where the repr names the type already
    (``Timestamp('2024-01-01 00:00:00')``, ``datetime.date(2024, 1, 1)``), and cut as :func:`shown` cuts."""
    name = type(value).__name__
    text = shown(value)
    head = text.split("(", 1)[0]
    return text if head == name or head.endswith(f".{name}") else f"{name} {text}"


def shown(value: object, limit: int = SHOWN) -> str:
    """*value* as a message shows it: its ``repr`` (controls escaped), cut to
    *limit* characters and then followed by its length, so that a 5 MB code
    gives a short message that still says how long the code was."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4 * limit:
        # repr() of a huge integer is slow, and refused above 4,300 digits.
        return f"an integer of {value.bit_length()} bits"
    if isinstance(value, str):
        # Cut the value, not its repr, so that the quotes stay paired; before
        # repr(), so that a 5 MB string is not copied to show 80 characters.
        text = escape_controls(repr(value[:limit]))
        if len(value) <= limit and len(text) <= limit:
            return text
        size = limit
        while size > 1 and len(text) > limit:  # escapes made it longer: fewer characters
            size //= 2
            text = escape_controls(repr(value[:size]))
        return text + f"... ({len(value)} characters)"
    text = escape_controls(repr(value))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def listed(options: Sequence[str], limit: int = LISTED) -> str:
    """*options* joined by commas, each shown short; after *limit* of them, how many more."""
    head = ", ".join(
        o if len(o) <= SHOWN and (o.isprintable() or _control().search(o) is None) else shown(o)
        for o in options[:limit]
    )
    rest = len(options) - limit
    return head + (f", ... ({rest} more)" if rest > 0 else "")


#: Beyond these sizes no "did you mean" is looked for: fuzzy matching costs the
#: name's length times every option's, and no real name or list is that long.
FUZZY_LENGTH = 100
FUZZY_OPTIONS = 500
#: A name this long or longer may be the start of the one option it begins.
PREFIX_LENGTH = 3


def closest(
    name: object,
    options: Iterable[str],
    key: Callable[[str], str] | None = None,
    cutoff: float = 0.5,
    *,
    answer: Mapping[str, str] | None = None,
) -> str | None:
    """The option a mistyped *name* most likely meant, for a "did you mean", or None.

    First the one option that begins with *name* (users type the start of a long
    code: ``complexiteit`` for ``complexiteit_van_het_advies_of_de_begeleiding``,
    which no similarity ratio finds), then the closest by :mod:`difflib`'s ratio,
    at least *cutoff*. Both compare through *key* (for example case folding).
    With *answer*, each option stands for ``answer[option]`` (the code and the
    names of one criterion), which is returned; else the option as given. None
    for a name that is not a string, is longer than :data:`FUZZY_LENGTH`, or has
    more than :data:`FUZZY_OPTIONS` options.
    """
    if not isinstance(name, str) or len(name) > FUZZY_LENGTH:
        return None
    pairs = [(o, o if answer is None else answer[o]) for o in options]
    if len(pairs) > FUZZY_OPTIONS:
        return None
    fold = key or (lambda s: s)
    wanted = fold(name)
    folded: dict[str, str] = {}
    for text, meant in pairs:
        folded.setdefault(fold(text), meant)
    if wanted in folded:
        return folded[wanted]
    if len(wanted) >= PREFIX_LENGTH:
        starts = {meant for text, meant in folded.items() if text.startswith(wanted)}
        if len(starts) == 1:
            return starts.pop()
    import difflib  # only on the error path: 2 ms of a cold start

    # As difflib.get_close_matches(n=1), but a tie goes to the option listed
    # first (the default rule, the lowest level), not to the last in sort order:
    # "median" means lower_median, not upper_median.
    best, found = cutoff, None
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(wanted)
    for text in folded:
        matcher.set_seq1(text)
        if matcher.real_quick_ratio() >= best and matcher.quick_ratio() >= best:
            ratio = matcher.ratio()
            if ratio > best or (found is None and ratio >= best):
                best, found = ratio, text
    return None if found is None else folded[found]


@attrs.frozen
class Problem:
    """One problem found in a family: where it is and what was expected.

    Attributes:
        source: The file, plugin or object the family came from.
        path: JSON-path-like location inside the family, e.g. ``$.criteria[2].code``.
        message: What is wrong and what was expected.
        line: The line of a TOML or JSON syntax error; in a TOML file, the
            line where the table holding the problem starts (``[[criteria]]``);
            None for the top level and other sources.
    """

    source: str
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        # One line, whatever a file name, key or value held.
        return escape_controls(f"{where}: {self.path}: {self.message}")


def capped(problems: Sequence[Problem], limit: int, source: str) -> list[Problem]:
    """The first *limit* of *problems*, and one more that counts the rest.

    Args:
        problems: Every problem found.
        limit: How many to keep (``JOBARCHITECTURE_MAX_PROBLEMS``).
        source: Named in the counting problem.
    """
    if len(problems) <= limit:
        return list(problems)
    return [*problems[:limit], not_shown(source, len(problems) - limit, limit)]


def not_shown(source: str, rest: int, limit: int) -> Problem:
    """The last line of a list cut at *limit* problems: how many more there are."""
    more = "1 more problem" if rest == 1 else f"{rest} more problems"
    return Problem(
        source,
        "$",
        f"... and {more} not shown (the first {limit} are; "
        "raise JOBARCHITECTURE_MAX_PROBLEMS to see more)",
    )


def unreadable(source: str, exc: OSError) -> Problem:
    """The problem of a file that cannot be opened or read (missing, no permission).

    The one wording of it, whichever command or function reads the file (a
    family file, a directory, a CSV or ``.xlsx`` input): ``FILE: $: cannot read
    file: REASON``, *REASON* the operating system's (``No such file or directory``).
    """
    return Problem(source, "$", f"cannot read file: {exc.strerror or exc}")


def unwritable(target: str, exc: OSError, what: str = "file") -> Problem:
    """The problem of a file or directory that cannot be written (no such directory,
    no permission, a read-only or full disk).

    Worded as :func:`unreadable` words a file that cannot be read, the path
    first, whichever command or function writes it: ``FILE: $: cannot write
    file: REASON`` (*what* ``directory`` for a site or plugin scaffold).
    """
    return Problem(target, "$", f"cannot write {what}: {exc.strerror or exc}")


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
                    f"format version {shown(found)} needs a newer jobarchitecture "
                    f"(this is {version}, which reads format versions up to {supported})",
                )
            ]
        )


def _options(options: Sequence[str], closest: str | None) -> str:
    hint = f"; did you mean {shown(closest)}?" if closest else ""
    return f"({listed(options)}){hint}"


class UnknownLevelError(JobArchitectureError, LookupError):
    """No level of the scale has the given name.

    Attributes:
        criterion: The criterion being rated, when the level came from a rating.
        span: The name is a span of two levels (``"C..B"``) where one level is wanted.
    """

    def __init__(
        self,
        name: object,
        options: Sequence[str],
        closest: str | None = None,
        *,
        criterion: str | None = None,
        span: bool = False,
    ) -> None:
        self.name = name
        self.options = tuple(options)
        self.closest = closest
        self.criterion = criterion
        self.span = span
        where = f" for criterion {shown(criterion)}" if criterion else ""
        if span:
            # "C..B" where one level is wanted: say what it is, not "unknown level".
            super().__init__(
                f"{shown(name)} is a span of levels, and one level is wanted here{where} "
                f"(one of {', '.join(self.options)})"
            )
            return
        if not isinstance(name, str):
            # 12 for the code "12" would read as a level that is listed.
            super().__init__(
                f"levels are named by strings (got {type(name).__name__} {shown(name)}){where} "
                f"{_options(self.options, None)}"
            )
            return
        super().__init__(f"unknown level {shown(name)}{where} {_options(self.options, closest)}")


class UnknownCriterionError(JobArchitectureError, LookupError):
    """No criterion of the family has the given code or name."""

    def __init__(self, name: str, options: Sequence[str], closest: str | None = None) -> None:
        self.name = name
        self.options = tuple(options)
        self.closest = closest
        super().__init__(f"unknown criterion {shown(name)} {_options(self.options, closest)}")


class UnknownRoleError(JobArchitectureError, LookupError):
    """No competency profile of the family has the given role."""

    def __init__(self, name: str, options: Sequence[str], closest: str | None = None) -> None:
        self.name = name
        self.options = tuple(options)
        self.closest = closest
        super().__init__(f"unknown role {shown(name)} {_options(self.options, closest)}")


class UnknownFamilyError(JobArchitectureError, LookupError):
    """No installed or configured family has the given code."""

    def __init__(self, code: str, options: Sequence[str], closest: str | None = None) -> None:
        self.code = code
        self.options = tuple(options)
        self.closest = closest
        known = _options(self.options, closest) if self.options else "(no families installed)"
        super().__init__(f"unknown family {shown(code)} {known}")


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


class PluginDataError(PluginError, FamilyError):
    """An installed plugin's family data has problems.

    Both a :class:`PluginError`, naming the plugin's distribution, version and
    entry point (``origin``), and a :class:`FamilyError`, whose ``problems``
    each name the data file by its real path, as a file given by path is named.
    """

    def __init__(self, code: str, origin: str, problems: Iterable[Problem]) -> None:
        # Not through super(): PluginError's and FamilyError's __init__ take
        # different arguments.
        self.problems = tuple(problems)
        self.code = code
        self.origin = origin
        self.reason = "\n".join(str(p) for p in self.problems)
        JobArchitectureError.__init__(
            self, f"family {code!r} from {origin} is broken: {self.reason}"
        )


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
    """Ratings cannot be classified.

    None given, incomplete when completeness was asked for, a criterion rated
    twice, a backwards span, or a value of the wrong type.

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
        super().__init__(f"unknown rule {shown(name)} {_options(self.options, closest)}")


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


class LimitsError(JobArchitectureError, ValueError):
    """A limit set in the environment is not a positive whole number.

    Attributes:
        name: The environment variable.
        value: What it holds.
    """

    def __init__(self, name: str, value: str) -> None:
        self.name = name
        self.value = value
        super().__init__(f"{name} must be a positive whole number (got {shown(value)})")


class RuleError(JobArchitectureError, RuntimeError):
    """A classification rule is broken.

    Its plugin cannot be loaded, it is not a rule, or it returned something that
    is not a level rank.

    Attributes:
        name: The rule's name.
        origin: Where it comes from (a distribution and entry point), if known.
        reason: What went wrong.
    """

    def __init__(
        self, name: str, reason: str, origin: str | None = None, *, broken: bool = True
    ) -> None:
        self.name = name
        self.origin = origin
        self.reason = reason
        source = f" from {origin}" if origin else ""
        # A working rule can still fail a request (to_reach's search budget): not "broken".
        state = " is broken:" if broken else ":"
        super().__init__(f"rule {name!r}{source}{state} {reason}")


#: Named as the source of each problem of a serialised classification.
CLASSIFICATION_SOURCE = "<classification>"


class ClassificationError(JobArchitectureError, ValueError):
    """A serialised classification cannot be read; all its problems are in :attr:`problems`.

    Made as ``ClassificationError(path, message)`` for one problem, or
    ``ClassificationError(problems)`` for several, as :class:`FamilyError` is.
    ``str()`` gives one line per problem: ``path: message``
    (``$.evidence[2].low: expected str, got 3``).

    Attributes:
        problems: Every problem found, each a :class:`Problem` whose source is
            ``<classification>``, in the order :meth:`Classification.to_dict`
            writes the keys; past ``JOBARCHITECTURE_MAX_PROBLEMS``, one more counts the rest.
        path: Where in the data the first problem is, e.g. ``$.evidence[0].low``.
    """

    @overload
    def __init__(self, path: str, message: str) -> None: ...
    @overload
    def __init__(self, path: Iterable[Problem]) -> None: ...

    def __init__(self, path: str | Iterable[Problem], message: str | None = None) -> None:
        if isinstance(path, str):
            problems: tuple[Problem, ...] = (
                Problem(CLASSIFICATION_SOURCE, path, "" if message is None else message),
            )
        else:
            problems = tuple(path)
        self.problems = problems
        self.path = problems[0].path if problems else "$"
        # Without the source: the data has no file name, and one problem reads as it always did.
        super().__init__("\n".join(escape_controls(f"{p.path}: {p.message}") for p in problems))


class WriteError(JobArchitectureError, OSError):
    """A file or directory cannot be written; ``str()`` names it first.

    ``FILE: $: cannot write file: REASON``, as a file that cannot be read is
    reported. It is also the :class:`OSError` subclass the
    operating system's error was (:class:`FileNotFoundError` for a missing
    directory, :class:`PermissionError`, :class:`IsADirectoryError`,
    :class:`NotADirectoryError`), so ``except PermissionError`` still catches it.

    Attributes:
        path: The file or directory asked for (never a temporary name beside it).
        problem: The :class:`Problem` that ``str()`` gives.
        errno, strerror, filename: As for any :class:`OSError`; *filename* is *path*.
    """

    def __init__(self, errno: int | None, strerror: str, filename: str, what: str = "file") -> None:
        super().__init__(errno, strerror, filename)
        self.path = filename
        self.problem = unwritable(filename, self, what)

    def __str__(self) -> str:
        return str(self.problem)

    def __repr__(self) -> str:
        # The public name and the path: the OSError kind's private subclass below,
        # with errno and reason only, would hide both.
        return f"WriteError({self.errno!r}, {self.strerror!r}, {self.path!r})"


# One per OSError subclass a write commonly fails with, defined here (not made on
# the fly) so that each pickles, as an error crossing a process pool must.
class _WriteFileNotFoundError(WriteError, FileNotFoundError):
    pass


class _WritePermissionError(WriteError, PermissionError):
    pass


class _WriteIsADirectoryError(WriteError, IsADirectoryError):
    pass


class _WriteNotADirectoryError(WriteError, NotADirectoryError):
    pass


_WRITE_ERRORS: dict[type[OSError], type[WriteError]] = {
    FileNotFoundError: _WriteFileNotFoundError,
    PermissionError: _WritePermissionError,
    IsADirectoryError: _WriteIsADirectoryError,
    NotADirectoryError: _WriteNotADirectoryError,
}


def write_error(target: str, exc: OSError, what: str = "file") -> WriteError:
    """*exc*, raised writing *target*, as a :class:`WriteError` naming *target*
    (and of *exc*'s own OSError subclass, where it is a common one)."""
    if isinstance(exc, WriteError):
        return exc
    kind = next((w for t, w in _WRITE_ERRORS.items() if isinstance(exc, t)), WriteError)
    return kind(exc.errno, exc.strerror or str(exc), target, what)


class MissingExtraError(JobArchitectureError, ImportError):
    """An output needs an optional dependency that is not installed.

    Attributes:
        extra: The extra that installs it (``html``, ``docx``).
        module: The module that is missing.
        purpose: What it is needed for.
    """

    def __init__(self, extra: str, module: str, purpose: str) -> None:
        self.extra = extra
        self.module = module
        self.purpose = purpose
        super().__init__(
            f"{purpose} needs {module}, which is not installed "
            f"(pip install 'jobarchitecture[{extra}]')"
        )


class TemplateError(JobArchitectureError, ValueError):
    """A DOCX template cannot be used: missing, unreadable or not a Word document.

    Attributes:
        path: The template's path.
        reason: What is wrong with it.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: not a usable DOCX template: {reason} (expected a .docx file)")


class OutputDirectoryError(JobArchitectureError, FileExistsError):
    """An output directory holds files the command did not write; refused unless forced.

    Attributes:
        path: The directory.
        foreign: Some of the files it did not write (relative paths); empty when
            *path* is a file, not a directory.
    """

    def __init__(self, path: str, foreign: Sequence[str]) -> None:
        self.path = path
        self.foreign = tuple(foreign)
        if not self.foreign:
            super().__init__(
                f"{path}: is a file, not a directory; choose a directory, "
                "or pass --force to replace the file"
            )
            return
        shown = ", ".join(self.foreign[:3]) + (", …" if len(self.foreign) > 3 else "")
        super().__init__(
            f"{path}: holds files this command did not write ({shown}); "
            "choose an empty or new directory, or pass --force to replace it"
        )


class ExportError(JobArchitectureError, ValueError):
    """A family cannot be exported.

    The format is unknown, or the format's optional dependency is not installed.

    Attributes:
        format: The format asked for (``jsonld``, ``xlsx``, ``csv``, or what was given).
        reason: What went wrong and how to fix it.
    """

    def __init__(self, format: str, reason: str) -> None:
        self.format = format
        self.reason = reason
        super().__init__(reason)
