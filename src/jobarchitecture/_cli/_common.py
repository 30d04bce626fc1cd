"""What every command shares: exit codes, error lines, terminal styling, tables,
JSON output and finding the family an argument names. Imports nothing heavy."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from .._errors import escape_controls

if TYPE_CHECKING:
    from .._model import Family

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 70

PROG = "jobarchitecture"


class CommandError(Exception):
    """An input error found by a command; each line is printed as one error line.

    Attributes:
        lines: The messages, one per problem.
        exit_code: The process exit code (2 unless said otherwise).
    """

    def __init__(self, *lines: str, exit_code: int = EXIT_INPUT) -> None:
        self.lines = lines
        self.exit_code = exit_code
        super().__init__("; ".join(lines))


def one_line(text: str) -> str:
    """*text* with every run of whitespace (newlines included) as one space, and
    every other control character escaped: one line, whatever it held."""
    return escape_controls(" ".join(text.split()))


# The styles Style writes, and every character that could move the cursor,
# retitle or clear a terminal; only line breaks and tabs pass through.
_STYLE = "\x1b\\[(?:0|1|2|9|31|32|33)m"
_TERMINAL = f"({_STYLE})|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


@functools.cache
def _pattern(pattern: str) -> re.Pattern[str]:
    # Compiled on first need: most output has nothing to escape (1 ms at start-up).
    return re.compile(pattern)


def for_terminal(text: str, styled: bool = False) -> str:
    """*text* with control characters escaped (``ESC`` as ``\\x1b``), keeping line
    breaks and tabs, and, when *styled*, the bold and colours :class:`Style` adds.

    Family text comes from files anyone can write; printed raw, an escape
    sequence in it could retitle or clear the terminal of whoever runs ``show``.
    """

    def escape(match: re.Match[str]) -> str:
        if styled and match.group(1):
            return match.group()
        return escape_controls(match.group())

    # Every character the pattern matches is one str.isprintable() refuses.
    if text.replace("\n", "").replace("\t", "").isprintable():
        return text
    return _pattern(_TERMINAL).sub(escape, text)


def error_lines(exc: BaseException) -> list[str]:
    """The one-line messages for *exc*: one per problem of a FamilyError,
    one per reason line of a broken plugin, one otherwise."""
    from .._errors import FamilyError, PluginError, WriteError

    # A plugin's broken data is both: named by its distribution, line by line.
    if isinstance(exc, FamilyError) and exc.problems and not isinstance(exc, PluginError):
        return [one_line(str(p)) for p in exc.problems]
    if isinstance(exc, PluginError):
        reasons = (
            [str(p) for p in exc.problems]
            if isinstance(exc, FamilyError)
            else exc.reason.splitlines()
        )
        # A file on the path is its origin: named once, as `families` names it.
        return [
            f"family {exc.code!r}"
            + ("" if line.startswith(f"{exc.origin}:") else f" from {exc.origin}")
            + f" is broken: {one_line(line)}"
            for line in reasons
            if line.strip()
        ] or [one_line(str(exc))]
    if isinstance(exc, OSError) and exc.strerror and not isinstance(exc, WriteError):
        where = f": {exc.filename}" if exc.filename else ""
        return [one_line(f"{exc.strerror}{where}")]
    return [one_line(str(exc)) or type(exc).__name__]


class Style:
    """Terminal styling for one stream: bold and colour only on a terminal, and
    never when ``NO_COLOR`` is set (https://no-color.org) or ``TERM=dumb``."""

    def __init__(self, stream: IO[str]) -> None:
        self.tty = isatty(stream)
        self.color = (
            self.tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        )

    def _sgr(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.color and text else text

    def bold(self, text: str) -> str:
        """*text* in bold."""
        return self._sgr("1", text)

    def dim(self, text: str) -> str:
        """*text* faint."""
        return self._sgr("2", text)

    def red(self, text: str) -> str:
        """*text* in red."""
        return self._sgr("31", text)

    def yellow(self, text: str) -> str:
        """*text* in yellow."""
        return self._sgr("33", text)

    def green(self, text: str) -> str:
        """*text* in green."""
        return self._sgr("32", text)

    def word_marks(self) -> tuple[tuple[str, str], tuple[str, str]] | None:
        """(opening, closing) for inserted words (bold green) and deleted ones (struck
        through, red) on a colour terminal; None elsewhere, where the text keeps its
        own marks (Markdown's ``**``/``~~``, the diff's ``{+ +}``/``[- -]``)."""
        if not self.color:
            return None
        return ("\033[1m\033[32m", "\033[0m"), ("\033[9m\033[31m", "\033[0m")


def isatty(stream: IO[str]) -> bool:
    """True when *stream* is a terminal (False for anything without ``isatty``)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def print_error(message: str) -> None:
    """Write ``jobarchitecture: error: message`` to stderr, as one line."""
    style = Style(sys.stderr)
    sys.stderr.write(f"{PROG}: {style.red('error')}: {_short(one_line(message))}\n")


def print_warning(message: str) -> None:
    """Write ``jobarchitecture: warning: message`` to stderr, as one line."""
    style = Style(sys.stderr)
    sys.stderr.write(f"{PROG}: {style.yellow('warning')}: {_short(one_line(message))}\n")


#: The longest error or warning line; a longer one is cut and says how long it was.
LONGEST_MESSAGE = 2000


def _short(message: str) -> str:
    if len(message) <= LONGEST_MESSAGE:
        return message
    return message[: LONGEST_MESSAGE - 40] + f"... ({len(message):,} characters)"


def terminal_width(stream: IO[str]) -> int:
    """The width of the terminal *stream* writes to (80 when unknown)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80


def table(
    rows: Sequence[Sequence[str]],
    headers: Sequence[str],
    style: Style,
    cut_first: Sequence[int] = (),
    droppable: Sequence[int] = (),
    whole_or_none: Sequence[int] = (),
) -> str:
    """*rows* as aligned columns under bold *headers* on a terminal, else as
    tab-separated lines without a header (for ``cut``, ``awk`` and friends).

    On a terminal the widest columns but the first are cut (ending in ``…``),
    each down to ten characters at the least, so that every row stays on one
    line of the terminal's width; the first column, the code a reader looks
    for, is never cut. The columns in *cut_first* (indexes, the least needed
    first) give up their width before any other does. The columns in
    *droppable* (indexes, the least needed first) are left out, one by one,
    while the others cannot fit even when cut: on a narrow terminal a row
    shows fewer columns rather than running over several lines. The columns in
    *whole_or_none* (droppable ones, whose start says nothing: a plugin's name
    and version) are never cut: each is left out, in *droppable*'s order,
    while the table with it could not fit unless other columns than *cut_first*
    were cut.
    """
    clean = [[one_line(cell) for cell in row] for row in rows]  # escapes controls too
    if not style.tty:
        return "".join("\t".join(row) + "\n" for row in clean)
    width = terminal_width(sys.stdout)
    widths = [len(h) for h in headers]
    for row in clean:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    least = [max(10, len(h)) for h in headers]
    keep = list(range(len(headers)))
    for i in whole_or_none:
        least[i] = widths[i]
    for drop in droppable:
        if drop in whole_or_none and drop in keep:
            cut = [least[i] if i in cut_first else widths[i] for i in keep]
            if sum(cut) + 2 * (len(keep) - 1) > width:
                keep.remove(drop)
                continue
        smallest = widths[0] + sum(min(widths[i], least[i]) + 2 for i in keep[1:])
        if smallest <= width or drop not in keep or drop == 0:
            continue
        keep.remove(drop)
    if len(keep) < len(headers):
        headers = [headers[i] for i in keep]
        clean = [[row[i] for i in keep] for row in clean]
        widths = [widths[i] for i in keep]
        least = [least[i] for i in keep]
        cut_first = [keep.index(i) for i in cut_first if i in keep]
    excess = sum(widths) + 2 * (len(widths) - 1) - width
    for i in cut_first:
        if i > 0 and excess > 0:
            given = min(excess, max(0, widths[i] - least[i]))
            widths[i] -= given
            excess -= given
    while excess > 0:
        # One character off the widest column at a time: wide columns end up
        # equally cut instead of one of them losing everything.
        shrinkable = [i for i in range(1, len(widths)) if widths[i] > least[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=widths.__getitem__)] -= 1
        excess -= 1
    for row in clean:
        for i, cell in enumerate(row):
            if len(cell) > widths[i]:
                row[i] = cell[: widths[i] - 1].rstrip() + "…"

    def line(cells: Sequence[str], fmt: Any = str) -> str:
        last = len(cells) - 1
        parts = [
            fmt(cell) + ("" if i == last else " " * (widths[i] - len(cell) + 2))
            for i, cell in enumerate(cells)
        ]
        return "".join(parts).rstrip() + "\n"

    return line(headers, style.bold) + "".join(line(row) for row in clean)


# A list item's mark ("- ", "* ", "12. ") or a short code before a run of spaces
# ("C..B  ", "D  "): a wrapped line goes on under the text after it.
_HANG = r"\s*(?:[-*] |\d{1,3}\. |\S{1,12} {2,})"


def wrap_lines(text: str, width: int) -> str:
    """*text* with every line wider than *width* broken between words, the rest of
    it indented under its own text (after its indentation and a list mark or a
    short code before two spaces), so that a narrow terminal does not break
    words and lose the layout. Styles (:class:`Style`) take no width; a word
    wider than the terminal is left whole, and lines with tabs as they are.
    """
    out: list[str] = []
    for line in text.split("\n"):
        plain = _pattern(_STYLE).sub("", line)
        if len(plain) <= width or "\t" in line:
            out.append(line)
            continue
        mark = _pattern(_HANG).match(plain)
        indent = mark.end() if mark else len(plain) - len(plain.lstrip(" "))
        out.extend(_wrap(line, width, " " * min(indent, width // 2)))
    return "\n".join(out)


def _wrap(line: str, width: int, hang: str) -> list[str]:
    # Words and the runs of spaces between them alternate; a style stays with
    # the word it is written against, and a terminal keeps it across the break.
    parts = _pattern("( +)").split(line)
    lines: list[str] = []
    current, size = parts[0], _visible(parts[0])
    for space, word in zip(parts[1::2], parts[2::2], strict=True):
        wide = _visible(word)
        if size + len(space) + wide > width and _pattern(_STYLE).sub("", current).strip():
            lines.append(current)
            current, size = hang + word, len(hang) + wide
        else:
            current, size = current + space + word, size + len(space) + wide
    lines.append(current)
    return lines


def _visible(text: str) -> int:
    return len(_pattern(_STYLE).sub("", text)) if "\x1b" in text else len(text)


def write(text: str) -> None:
    """Write *text* to stdout, control characters escaped (see :func:`for_terminal`)."""
    sys.stdout.write(for_terminal(text, Style(sys.stdout).color))


# JSON escapes C0 controls itself; with ensure_ascii=False it leaves DEL, the C1
# controls (0x9b starts an escape sequence on some terminals) and the bidi
# overrides raw. Written as \uXXXX they are the same JSON, and harmless.
_JSON_RAW = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069]"


def write_json(data: Any) -> None:
    """Write *data* to stdout as indented JSON, non-ASCII kept as is (controls escaped)."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(_pattern(_JSON_RAW).sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def load_family(arg: str, *, classifying: bool = False) -> Family:
    """The family a FAMILY argument names, as every library function reads one
    (:func:`jobarchitecture._resolve.as_family`): an installed family's code, or
    the path of a family file; *classifying* as there.

    Raises:
        UnknownFamilyError: no family has that code.
        PluginError, FamilyError: the family is broken.
    """
    from .._resolve import as_family

    return as_family(arg, classifying=classifying)


def with_other_families(family: Family, exc: BaseException) -> str:
    """The message of *exc*, and when it is an unknown level that other installed
    families have, that instead of a "did you mean" (a rater who took the wrong
    family; ``functieklasse 19`` is not a typo of ``12``): ``unknown level 'A1'
    (D, C, B); 'A1' is a level of managementondersteuning, not of ondersteuners``.

    Only on the way to an error: it reads every installed family's scale.
    """
    from .._errors import JobArchitectureError, UnknownLevelError, shown
    from .._registry import family_codes, family_for_classifying

    if not isinstance(exc, UnknownLevelError) or exc.span:
        return str(exc)
    name = exc.name
    if not isinstance(name, str) or not name.strip():
        return str(exc)
    holders: list[str] = []
    for code in family_codes():
        if code == family.code:
            continue
        try:
            other = family_for_classifying(code)
        except JobArchitectureError:
            continue  # a broken plugin is reported by `families`, not here
        if other.scale.find(name) is not None:
            holders.append(code)
    if not holders:
        return str(exc)
    plain = UnknownLevelError(name, exc.options, criterion=exc.criterion)
    return f"{plain}; {shown(name)} is a level of {', '.join(holders)}, not of {family.code}"


def load_families(args: Sequence[str]) -> list[Family]:
    """The families several FAMILY arguments name, as :func:`load_family` reads each.

    Every argument is read before any error is raised, so that one run reports
    the problems of all of them, not only of the first broken one.

    Raises:
        CommandError: an argument names no family or a broken one; one line
            per problem, of every such argument.
    """
    from .._errors import JobArchitectureError

    families: list[Family] = []
    lines: list[str] = []
    for arg in args:
        try:
            families.append(load_family(arg))
        except (JobArchitectureError, OSError) as exc:
            lines.extend(error_lines(exc))
    if lines:
        raise CommandError(*lines)
    return families
