"""``jobarchitecture classify-batch FAMILY INPUT``: classify one function per row.

Streaming from end to end: rows are read, classified and written one at a
time, so memory stays flat however long the input. The output has exactly the
input's rows, in order, each with the input's cells untouched and five result
columns appended: ``level``, ``level_span``, ``spread``, ``warnings`` and
``error``. A row that cannot be classified (an unknown level, a malformed CSV
row, no ratings) gets its message in ``error``; every other row is still
classified, and the exit code is 1.

As in :func:`~jobarchitecture.classify_table`, the work that depends only on
the ratings (the rule, the spread and warnings text) is done once per distinct
combination of criterion cells and remembered; a row costs reading, one lookup
and writing. The output file (``-o``) is written beside its target and renamed
only when complete: on any failure or interruption the previous file is left as
it was (or none is created), and stderr says so.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import itertools
import operator
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .._errors import (
    JobArchitectureError,
    RatingError,
    UnknownCriterionError,
    WriteError,
    unreadable,
)
from .._io import atomic_output, atomic_path, format_mismatch, named_format
from ._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    isatty,
    load_family,
    one_line,
    print_error,
    print_warning,
)

if TYPE_CHECKING:
    from .._classify import Classification
    from .._model import Family

#: The columns appended to every row, in this order.
RESULT_COLUMNS: tuple[str, ...] = ("level", "level_span", "spread", "warnings", "error")
#: Field separators recognised in a CSV header when none is given.
DELIMITERS = (",", ";", "\t")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
#: A column whose name is at least this similar to a criterion's code or Dutch
#: name (difflib's ratio, after folding case and spaces) is taken to be meant as
#: that criterion: a typo, not a column to carry through.
MEANT_AS_CRITERION = 0.8
# Rows read, classified and written at a time: large enough that the per-row work
# runs in C (map, dict lookups, writerows), small enough that memory stays flat.
_CHUNK = 2048
# Distinct rating combinations remembered at most; beyond, the memory starts afresh.
_MEMO_LIMIT = 1 << 16
# Cells named at most in one message that lists them.
_NAMED = 10


class Table:
    """An input table: its header, its rows as ``(row number, cells)`` and how
    it was written (so the output can be written the same way).

    Row numbers count as a spreadsheet does: the header is row 1. A row that
    cannot be read comes as ``(row number, message)``.
    """

    def __init__(
        self,
        header: list[str],
        rows: Iterator[tuple[int, list[str] | str]],
        *,
        delimiter: str = ",",
        lineterminator: str = "\r\n",
        bom: bool = False,
        progress: Callable[[], float | None] = lambda: None,
        close: Callable[[], None] = lambda: None,
        chunks: Iterator[tuple[int, list[list[str] | str], bool]] | None = None,
        quoted: bool = False,
        separator_line: bool = False,
        whole: Iterator[tuple[int, list[str] | str]] | None = None,
    ) -> None:
        self.header = header
        #: The rows with every cell, even past the header (a worksheet's :attr:`rows`
        #: stop at its last named column), for hints on the way to an error.
        self.whole = rows if whole is None else whole
        #: Whether the input starts with Excel's ``sep=;`` line (the output does too).
        self.separator_line = separator_line
        #: Whether a cell can swallow the lines after it, by a quote never closed (CSV).
        self.quoted = quoted
        self.rows = rows
        #: The rows in runs, ``(first row number, rows, no unreadable row among
        #: them)``, when the reader can give them so (CSV); cheaper per row than
        #: :attr:`rows`. Use one or the other.
        self.chunks = chunks
        self.delimiter = delimiter
        self.lineterminator = lineterminator
        self.bom = bom
        #: The share of the input read so far (0..1), or None when unknown.
        self.progress = progress
        self.close = close


def _sniff(line: str) -> str:
    """The delimiter among , ; and tab that splits the header *line* the most."""
    best, most = ",", 1
    for d in DELIMITERS:
        fields = next(csv.reader([line], delimiter=d), [])
        if len(fields) > most:
            best, most = d, len(fields)
    return best


def read_csv(path: str, delimiter: str | None, encoding: str) -> Table:
    """Open a CSV file (``-`` for stdin) as a :class:`Table`.

    The encoding defaults to UTF-8 with or without a byte order mark; the
    delimiter is found in the header when not given (Belgian Excel writes ``;``).

    Raises:
        CommandError: the file cannot be opened, or the input is empty.
    """
    raw: io.BufferedReader
    if path == "-":
        raw = sys.stdin.buffer  # type: ignore[assignment]
        size = None
    else:
        try:
            raw = open(path, "rb")  # noqa: SIM115 - closed by the table
        except OSError as exc:
            raise _unreadable(path, exc) from None
        size = os.fstat(raw.fileno()).st_size or None
    peek = getattr(raw, "peek", None)
    start = peek(3)[:3] if peek is not None else b""
    bom = start == codecs.BOM_UTF8
    # UTF-8 tolerates the byte order mark either way.
    utf8 = codecs.lookup(encoding).name == "utf-8"
    if utf8 and start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        # Excel's "Unicode text" is UTF-16 with a byte order mark, which no UTF-8
        # text starts with: read it as it says. The output is UTF-8 with a byte
        # order mark, so that Excel reads it back right.
        encoding, utf8, bom = "utf-16", False, True
    elif not utf8:
        # Excel's plain "CSV" (cp1252, --encoding cp1252): the output is UTF-8,
        # which Excel reads in its code page, garbling every accent, unless a
        # byte order mark says what it is.
        bom = True
    text = io.TextIOWrapper(raw, encoding="utf-8-sig" if utf8 else encoding, newline="")

    def close() -> None:
        if path != "-":
            text.close()
        else:
            text.detach()  # sys.stdin stays usable

    try:
        first = text.readline()
        if not first:
            raise CommandError(f"{path}: no header row: the input is empty")
        if not first.strip():
            raise CommandError(
                f"{path}: the first line is blank: expected the header row (the column names)"
            )
        # Excel's own hint, "sep=;" alone on the first line, names the separator; Excel
        # does not show it as a row, so the header after it is still row 1.
        hint = first.rstrip("\r\n")
        hinted = hint[4:] if len(hint) == 5 and hint[:4].lower() == "sep=" else None
        if hinted is not None:
            first = text.readline()
            if not first.strip():
                raise CommandError(
                    f"{path}: no header row after the separator line {hint!r}: "
                    "expected the column names"
                )
        sep = delimiter or hinted or _sniff(first)
        reader = csv.reader(itertools.chain([first], text), delimiter=sep, strict=False)
        header = next(reader)
    except UnicodeDecodeError as exc:
        close()
        raise _not_decodable(path, encoding, exc) from None
    except BaseException:
        close()
        raise

    def progress() -> float | None:
        if size is None:
            return None
        try:
            return min(raw.tell() / size, 1.0)
        except (OSError, ValueError):
            return None

    def chunks() -> Iterator[tuple[int, list[list[str] | str], bool]]:
        number = 2  # the header is row 1
        while True:
            chunk: list[list[str] | str] = []
            try:
                chunk.extend(itertools.islice(reader, _CHUNK))
            except csv.Error as exc:
                # A field over csv's limit (128 KiB) or a NUL byte: this row is
                # lost to the parser; the rows before it are in the chunk (extend
                # keeps them) and the next one is read as usual.
                chunk.append(
                    f"row {number + len(chunk)} cannot be read as CSV ({exc}): not classified"
                )
                yield number, chunk, False
                number += len(chunk)
                continue
            if not chunk:
                return
            yield number, chunk, True
            number += len(chunk)

    def rows() -> Iterator[tuple[int, list[str] | str]]:
        for start, chunk, _ in chunks():
            yield from enumerate(chunk, start=start)

    return Table(
        header,
        rows(),
        delimiter=sep,
        lineterminator="\r\n" if first.endswith("\r\n") else "\n",
        bom=bom,
        progress=progress,
        close=close,
        chunks=chunks(),
        quoted=True,
        separator_line=hinted is not None,
    )


def _unreadable(path: str, exc: OSError) -> CommandError:
    # Worded as a family file that cannot be read is, by every command.
    return CommandError(str(unreadable(path, exc)))


def _not_decodable(path: str, encoding: str, exc: UnicodeDecodeError) -> CommandError:
    hint = (
        "; Excel's plain 'CSV' is cp1252: pass --encoding cp1252, or save as 'CSV UTF-8'"
        if codecs.lookup(encoding).name.startswith("utf")
        else ""
    )
    found = _undecodable_at(path, encoding)
    if found is None:
        return CommandError(f"{path} is not {encoding} text ({exc.reason}){hint}")
    line, byte, reason = found
    what = reason if byte is None else f"byte 0x{byte:02X}: {reason}"
    return CommandError(f"{path}: line {line} is not {encoding} text ({what}){hint}")


def _undecodable_at(path: str, encoding: str) -> tuple[int, int | None, str] | None:
    """The line of *path* holding the first byte *encoding* cannot decode, that
    byte (None when the file ends inside a character) and the decoder's reason;
    None when that cannot be told.

    Only on the way to an error: the file is read again from the start, line by
    line (stdin cannot be, nor can UTF-16 or UTF-32 be split into lines by
    bytes). The line is the file's, which is the row a spreadsheet shows unless
    a quoted cell before it spans lines.
    """
    name = codecs.lookup(encoding).name
    if path == "-" or name.startswith(("utf-16", "utf-32")):
        return None
    decoder = codecs.getincrementaldecoder("utf-8-sig" if name == "utf-8" else name)()
    number = 0
    try:
        with open(path, "rb") as f:
            for number, line in enumerate(f, start=1):
                try:
                    decoder.decode(line)
                except UnicodeDecodeError as exc:
                    return number, line[exc.start], exc.reason
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:  # a character cut short by the end of the file
        return number, None, exc.reason
    except OSError:
        pass
    return None


def _cell(value: Any) -> str:
    """A spreadsheet value as the text a person sees (``12.0`` shows as ``12``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


class _Typed(str):
    """A worksheet cell that is not text (a number, a date, a truth value): the
    text a person sees, which is what is classified and written to CSV or JSON,
    with the cell's own value and number format, which a workbook output keeps."""

    # No __slots__: a str subclass cannot have slots of its own.
    value: Any
    number_format: str


def _typed(value: Any, number_format: str) -> _Typed:
    cell = _Typed(_cell(value))
    cell.value, cell.number_format = value, number_format
    return cell


def read_xlsx(path: str, sheet: str | None, delimiter: str | None, typed: bool = False) -> Table:
    """Open a worksheet of an ``.xlsx`` file as a :class:`Table`, streaming
    (openpyxl's read-only mode; needs the ``xlsx`` extra).

    With *typed*, a cell that is not text comes as a :class:`_Typed` text that
    also holds its value and number format, for a workbook output.

    Raises:
        CommandError: openpyxl is missing, the file cannot be read, or the sheet
            does not exist.
    """
    try:
        import openpyxl  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise CommandError(
            "reading .xlsx needs openpyxl (the extra jobarchitecture[xlsx]): pip install openpyxl"
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    except Exception as exc:  # openpyxl raises zipfile/KeyError/... for a broken file
        raise CommandError(f"{path}: cannot read the workbook: {one_line(str(exc))}") from None
    if sheet is not None and sheet not in book.sheetnames:
        book.close()
        raise CommandError(f"{path}: no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})")
    ws = book[sheet] if sheet is not None else book.active
    values = ws.iter_rows(values_only=True) if not typed else _typed_rows(ws)
    first = next(values, None)
    if first is None:
        book.close()
        raise CommandError(f"{path}: no header row: the sheet is empty")
    header = [_cell(v) for v in first]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    total = ws.max_row if isinstance(ws.max_row, int) and ws.max_row > 1 else None
    read = [1]

    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, import-not-found, unused-ignore]

    # The cells right of the last named column: how many, and the first as A1 references.
    outside = [0]
    named: list[str] = []

    def rows() -> Iterator[tuple[int, list[str] | str]]:
        for number, row in enumerate(values, start=2):
            read[0] = number
            cells = [v if v.__class__ is str or v.__class__ is _Typed else _cell(v) for v in row]
            # Worksheets pad every row to the widest one: trailing empty cells
            # past the header are not extra fields.
            while len(cells) > width and not cells[-1]:
                cells.pop()
            if len(cells) > width:
                # Unlike a CSV field too many, a cell of a worksheet cannot shift
                # the others: the row is read as usual, and the cell, which has
                # no column to go in, is named at the end.
                for i in range(width, len(cells)):
                    if cells[i]:
                        outside[0] += 1
                        if len(named) < _NAMED:  # memory stays flat
                            named.append(f"{get_column_letter(i + 1)}{number}")
                del cells[width:]
            if not any(cells):
                cells = []
            yield number, cells
        if outside[0]:  # said once the rows are read, before the summary of errors
            shown = ", ".join(named)
            if outside[0] > len(named):
                shown += f" and {outside[0] - len(named):,} more"
            these = "cell {} is" if outside[0] == 1 else "cells {} are"
            print_warning(
                f"{path}: {these.format(shown)} right of the last named column "
                f"({get_column_letter(width)}, {header[-1]!r}) and not in the output: "
                "give the column a name in row 1 to keep them"
            )

    return Table(
        header,
        rows(),
        delimiter=delimiter or ",",
        lineterminator="\n",
        progress=lambda: None if total is None else min(read[0] / total, 1.0),
        close=book.close,
        whole=((n, [_cell(v) for v in row]) for n, row in enumerate(values, start=2)),
    )


def _typed_rows(ws: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of *ws*, text as text and every other value as a :class:`_Typed`."""
    for row in ws.iter_rows():
        yield tuple(
            c.value
            if c.value is None or c.value.__class__ is str
            else _typed(c.value, c.number_format)
            for c in row
        )


def map_columns(
    family: Family, header: Sequence[str], *, ignore_unknown: bool = False
) -> list[tuple[int, str]]:
    """The criterion columns of *header*: ``(index, criterion code)`` pairs.

    A column names a criterion by its code or its Dutch name, in any case. A
    column whose name comes close to one (``MEANT_AS_CRITERION``: ``kenis``,
    ``contact``, ``procedure``) is taken to be meant as that criterion and is an
    error, unless *ignore_unknown*, when it is carried through with a warning;
    any other column (``id``, ``naam``, ``opmerking``) is carried through
    untouched, with a warning when it is a distant near miss.

    Raises:
        CommandError: two columns name one criterion, a column is named like a
            result column, a column is meant as a criterion but matches none,
            or no column names a criterion.
    """
    import difflib

    from .._model import _norm

    taken = [h for h in header if h.strip().casefold() in RESULT_COLUMNS]
    if taken:
        raise CommandError(
            f"the input already has result column(s) {', '.join(map(repr, taken))}: "
            "rename or remove them, then run again"
        )
    columns: list[tuple[int, str]] = []
    seen: dict[str, str] = {}
    meant: list[str] = []
    for i, name in enumerate(header):
        if not name.strip():
            continue
        try:
            code = family.criterion(name.strip()).code
        except UnknownCriterionError as exc:
            if exc.closest is None:
                continue
            near = family.criterion(exc.closest)
            key = _norm(name)
            likeness = max(
                difflib.SequenceMatcher(None, key, _norm(spelling)).ratio()
                for spelling in (near.code, near.name.nl)
            )
            if likeness >= MEANT_AS_CRITERION and not ignore_unknown:
                meant.append(
                    f"column {name!r} matches no criterion of {family.code!r}; did you "
                    f"mean {near.code!r}? Rename it, or pass --ignore-unknown-columns to "
                    "carry it through"
                )
                continue
            print_warning(
                f"column {name!r} is not a criterion of {family.code!r} and is carried "
                f"through as is; did you mean {exc.closest!r}?"
            )
            continue
        if code in seen:
            raise CommandError(
                f"columns {seen[code]!r} and {name!r} both name the criterion {code!r}"
            )
        seen[code] = name
        columns.append((i, code))
    if meant:
        raise CommandError(*meant)
    if not columns:
        raise _NoCriterionColumnError(
            f"no column names a criterion of {family.code!r} "
            f"(criteria: {', '.join(c.code for c in family.criteria)})"
        )
    return columns


class _NoCriterionColumnError(CommandError):
    """The header names no criterion (perhaps a title row stands above it)."""


#: Rows looked at, after a header that names no criterion, for the real header.
_HEADER_SEARCH = 20


def _header_below(family: Family, table: Table) -> str | None:
    """Where a row after the header names criteria (a sheet with a title above its
    header), a hint saying which row and what to do; else None. Only on the way to
    an error: it reads rows the run will not classify."""
    for number, cells in itertools.islice(table.whole, _HEADER_SEARCH):
        if not isinstance(cells, list):
            continue
        named = []
        for cell in cells:
            try:
                family.criterion(cell.strip())
            except UnknownCriterionError:
                continue
            named.append(cell.strip())
        if named:
            above = number - 1
            shown = ", ".join(map(repr, named[:3])) + (", ..." if len(named) > 3 else "")
            return (
                f"row {number} names criteria ({shown}): if it is the header, delete the "
                f"{above} row{'s' if above > 1 else ''} above it so that it is row 1"
            )
    return None


class Progress:
    """A progress line on stderr, for people: only on a terminal, only once the
    run has lasted half a second, redrawn at most ten times a second."""

    def __init__(self, share: Callable[[], float | None], stream: IO[str]) -> None:
        self.share = share
        self.stream = stream
        self.enabled = isatty(stream)
        self.start = self.last = time.monotonic()
        self.shown = False

    def update(self, rows: int, errors: int) -> None:
        """Redraw when it is time (cheap to call on every row)."""
        if not self.enabled or rows % 256:
            return
        now = time.monotonic()
        if now - self.start < 0.5 or now - self.last < 0.1:
            return
        self.last = now
        self.draw(rows, errors, now)

    def draw(self, rows: int, errors: int, now: float) -> None:
        share = self.share()
        elapsed = int(now - self.start)
        clock = f"{elapsed // 60}:{elapsed % 60:02d}"
        tail = f"{rows:,} rows, {errors:,} with errors, {clock}"
        if share is None:
            line = f"classifying: {tail}"
        else:
            filled = int(share * 30)
            line = f"{share:4.0%} [{'#' * filled}{'.' * (30 - filled)}] {tail}"
        self.stream.write(f"\r{line}\033[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Erase the progress line (once: a second call writes nothing)."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


def _span(pair: Sequence[str] | None) -> str:
    if not pair:
        return ""
    low, high = pair[0], pair[-1]
    return low if low == high else f"{low}..{high}"


def result_cells(result: Classification, lang: str | None = None) -> list[str]:
    """The result columns of a classified row (``error`` empty); warnings in
    English unless *lang* says otherwise."""
    lazy = result._lazy
    if lazy is None:  # not from the engine: read its fields
        from .._classify._result import _Localiser, _warnings

        if lang is None:
            said = list(result.warnings)
        else:
            said = _warnings(result, lang, _Localiser(result, lang, None).name)
        spread = _span(result.spread)
    else:
        # Straight from the ranks, without building the evidence (ten times dearer).
        from .._classify._vector import _span_text, _warning_list

        plan, keys, lows, highs = lazy[:4]
        highs = lows if highs is None else highs
        index = plan.crit_index
        rated = sorted(zip([index[k] for k in keys], lows, highs, strict=True))
        lo, hi = min(lows), max(highs)
        # Named in the warnings' language where the family has the name, as explain() does.
        names = [c.name.get(lang) if lang else c.name.nl for c in plan.criteria]
        said = _warning_list(
            plan, names, lang or "en", rated, result.level, result.level_span, result.rule
        )
        spread = _span_text(plan.codes, lo, hi)
    return [
        result.level,
        _span(result.level_span),
        spread,
        "; ".join(one_line(w) for w in said),
        "",
    ]


class _Row:
    __slots__ = ("cells", "error", "number")

    def __init__(self, number: int, cells: list[str], error: str | None) -> None:
        self.number = number
        self.cells = cells
        self.error = error


#: How a writer turns one outcome (a result, or the error of the row) into what it writes.
Render = Callable[["Classification | JobArchitectureError"], Any]


def _process(
    family: Family,
    table: Table,
    columns: Sequence[tuple[int, str]],
    rule: Any,
    complete: bool,
    writer: _Writer,
    progress: Progress,
    bad: list[int] | None = None,
) -> tuple[int, int]:
    """Classify and write every input row, in input order; return (rows, rows with errors).

    The numbers of the first rows with an error (up to ``_NAMED``) are appended to *bad*.

    Rows with the same criterion cells have the same outcome: it is computed
    and rendered once and remembered (up to ``_MEMO_LIMIT`` combinations), so
    a row costs its reading, one lookup and its writing.
    """
    from .._classify._engine import _plan, _run
    from .._classify._rules import resolve_rule

    plan = _plan(family)
    resolved = plan.default_rule() if rule is None else resolve_rule(rule)
    width = len(table.header)
    where = [i for i, _ in columns]
    codes = [code for _, code in columns]
    pick = operator.itemgetter(*where)
    single = len(where) == 1  # itemgetter of one index gives the cell, not a tuple
    memo: dict[Any, tuple[Any, bool]] = {}
    render, emit, fast = writer.render, writer.emit, writer.writerow
    writerows = writer.writerows
    rows = errors = 0
    named = [] if bad is None else bad

    def outcome_of(key: Any) -> tuple[Any, bool]:
        raw = (key,) if single else key
        ratings = {
            c: v
            for c, v in zip(codes, [v.strip() for v in raw], strict=True)
            if v and not plan.not_applicable(v)  # n.v.t., - ...: not rated, as an empty cell
        }
        outcome: Classification | JobArchitectureError
        broken = None
        if table.quoted:
            broken = next((c for c, v in ratings.items() if "\n" in v or "\r" in v), None)
        if broken is not None:
            # No rating holds a line break: a quote opened in the cell and never
            # closed, and the lines after it (rows of their own) were read into it.
            outcome = RatingError(
                f'the rating of {broken!r} runs over several lines: a quote (") opened '
                "in it is not closed, so the lines after it were read into this cell",
                broken,
            )
        else:
            try:
                outcome = _run(plan, ratings, resolved, complete, None)
            except JobArchitectureError as exc:
                outcome = exc
        done: tuple[Any, bool] = render(outcome)
        memo[key] = done
        return done

    chunks = table.chunks
    if chunks is None:
        chunks = ((number, [cells], False) for number, cells in table.rows)
    last: tuple[int, Any] = (0, None)
    for start, chunk, readable in chunks:
        if chunk:
            last = (start + len(chunk) - 1, chunk[-1])
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()  # memory stays flat, whatever the input
        if readable and writerows is not None and set(map(len, chunk)) == {width}:
            # The common case, every row well formed: the loop runs in C.
            keys = list(map(pick, chunk))
            found = list(map(memo.get, keys))
            dones: list[Any] = found
            if None in found:
                dones = [
                    outcome_of(k) if d is None else d for k, d in zip(keys, found, strict=True)
                ]
            writerows(map(operator.add, chunk, map(_first, dones)))
            rows += len(chunk)
            failed = sum(map(_second, dones))
            if failed:
                errors += failed
                if len(named) < _NAMED:
                    named.extend(start + k for k, d in enumerate(dones) if d[1])
                    del named[_NAMED:]
            progress.update(rows, errors)
            continue
        for number, cells in enumerate(chunk, start=start):
            if cells.__class__ is list and len(cells) == width:
                key = pick(cells)
                done = memo.get(key)
                if done is None:
                    done = outcome_of(key)
                if fast is not None:
                    fast(cells + done[0])
                else:
                    emit(_Row(number, cells, None), done)
                rows += 1
                if done[1]:
                    errors += 1
                    if len(named) < _NAMED:
                        named.append(number)
            elif isinstance(cells, str):  # unreadable: the reader's message
                emit(_Row(number, [""] * width, cells), None)
                rows += 1
                errors += 1
                if len(named) < _NAMED:
                    named.append(number)
            elif not cells:  # a blank line stays a blank line
                emit(_Row(number, cells, None), None)
            else:
                error = (
                    f"row {number} has {len(cells)} fields but the header has {width}: "
                    "not classified"
                )
                broken = _swallowing(table, cells) if table.quoted else None
                if broken is not None:
                    # The count is a symptom; the cause is a quote never closed.
                    error = (
                        f"row {number} has {len(cells)} fields but the header has {width}, "
                        f'because a quote (") opened in column {broken!r} is not closed, so '
                        "the lines after it were read into that cell: not classified"
                    )
                emit(_Row(number, (cells + [""] * width)[:width], error), None)
                rows += 1
                errors += 1
                if len(named) < _NAMED:
                    named.append(number)
            if not rows & 255:
                progress.update(rows, errors)
    number, cells = last
    if table.quoted and cells.__class__ is list and len(cells) == width and width - 1 not in where:
        _warn_if_swallowed(number, cells, table)
    return rows, errors


def _warn_if_swallowed(number: int, cells: list[str], table: Table) -> None:
    """Warn when the last cell of the file's last row holds lines that read as rows.

    A quote opened in the last column and never closed takes every line after
    it into that cell, and the row is still well formed: without this, the rows
    swallowed would be missing from the output without a word. (In any other
    column the row comes out short, and its error says so.)
    """
    text = cells[-1]
    if "\n" not in text and "\r" not in text:
        return
    lines = text.splitlines()[1:]
    rowlike = sum(
        1 for line in lines if len(next(csv.reader([line], delimiter=table.delimiter), [])) > 1
    )
    if rowlike:
        column = table.header[-1] or f"#{len(cells)}"
        print_warning(
            f"row {number}: column {column!r} runs to the end of the input over {len(lines)} "
            f'more lines, {rowlike} of them like rows of this file: if a quote (") opened in '
            "it is not closed, those rows were read into this cell and are not in the output"
        )


def _swallowing(table: Table, cells: Sequence[str]) -> str | None:
    """The column of the first of *cells* that holds a line break, or None.

    In a row with the wrong number of fields, or in the last row of a file, such
    a cell is most likely a quote opened and never closed: the CSV reader
    (tolerant, as Excel is) took the lines after it as that cell's text.
    """
    for i, cell in enumerate(cells):
        if "\n" in cell or "\r" in cell:
            return table.header[i] if i < len(table.header) and table.header[i] else f"#{i + 1}"
    return None


_first = operator.itemgetter(0)
_second = operator.itemgetter(1)


#: The output formats, and the suffixes of -o that select each (any other: CSV).
OUTPUTS: dict[str, tuple[str, ...]] = {
    "csv": (".csv", ".tsv", ".txt"),
    "xlsx": (".xlsx",),
    "json": (".jsonl", ".ndjson", ".json"),
}


def _same_file(a: str, b: str) -> bool:
    try:
        return a != "-" and b != "-" and os.path.samefile(a, b)
    except OSError:
        return False


def run(args: argparse.Namespace) -> int:
    """Classify every row of the input; exit 1 when a row has an error."""
    family = load_family(args.family)
    rule: Any = None
    if args.rule is not None:
        from .._classify._rules import get_rule
        from ._cmd_rules import warn_shadowing

        rule = get_rule(args.rule)  # an unknown rule stops here, not on every row
        warn_shadowing(args.rule)
    if args.delimiter is not None and len(args.delimiter.replace("\\t", "\t")) != 1:
        raise CommandError(f"--delimiter must be one character (got {args.delimiter!r})")
    delimiter = None if args.delimiter is None else args.delimiter.replace("\\t", "\t")
    try:
        codecs.lookup(args.encoding)
    except LookupError:
        raise CommandError(f"unknown encoding {args.encoding!r}") from None
    if _same_file(args.input, args.output):
        raise CommandError(f"the output {args.output} would overwrite the input")
    named = None if args.output == "-" else named_format(args.output, OUTPUTS)
    if args.json and named not in (None, "json"):
        raise CommandError(
            format_mismatch(args.output, "JSON Lines (--json)", named, OUTPUTS["json"])
        )
    # The output's name picks its format, as for export and profile: out.jsonl
    # gets JSON Lines without --json.
    args.json = args.json or named == "json"
    xlsx_out = named == "xlsx"
    if xlsx_out:
        _openpyxl("writing .xlsx")  # missing, say so before reading anything
    if Path(args.input).suffix.lower() in XLSX_SUFFIXES:
        # A workbook written from a workbook keeps its numbers and dates as such.
        table = read_xlsx(args.input, args.sheet, delimiter, typed=xlsx_out)
    else:
        if args.sheet is not None:
            raise CommandError("--sheet is for .xlsx input only")
        table = read_csv(args.input, delimiter, args.encoding)
    try:
        return _run(args, family, table, rule, xlsx_out)
    finally:
        table.close()


def _openpyxl(doing: str) -> Any:
    try:
        import openpyxl  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise CommandError(f"{doing} needs openpyxl: pip install 'jobarchitecture[xlsx]'") from None
    return openpyxl


def _run(args: argparse.Namespace, family: Family, table: Table, rule: Any, xlsx_out: bool) -> int:
    try:
        columns = map_columns(
            family, table.header, ignore_unknown=getattr(args, "ignore_unknown_columns", False)
        )
    except _NoCriterionColumnError as exc:
        hint = _header_below(family, table)
        if hint is None:
            raise
        raise CommandError(f"{exc.lines[0]}; {hint}") from None
    complete = getattr(args, "complete", False)
    if complete:
        # Else every row would fail alike, after the whole input was read.
        mapped = {code for _, code in columns}
        missing = [c.code for c in family.criteria if c.code not in mapped]
        if missing:
            raise CommandError(
                f"--complete needs a column for every criterion of {family.code!r}; "
                f"no column names {', '.join(missing)}"
            )
    lang = getattr(args, "lang", None)
    # A CSV keeps the input's byte order mark (Excel needs it to read UTF-8); JSON never has one.
    encoding = "utf-8-sig" if table.bom and not args.json else "utf-8"
    progress = Progress(table.progress, sys.stderr)
    counts = [0, 0]  # rows, rows with errors
    bad: list[int] = []  # the first of them, by row number

    def write(out: IO[str] | None, book: Any) -> None:
        if book is not None:
            writer = _xlsx_writer(book, table.header, lang)
        elif args.json:
            assert out is not None
            writer = _json_writer(out, table.header, family, lang)
        else:
            assert out is not None
            # The input's delimiter (a Belgian Excel file keeps its ';'), but a
            # .tsv is tab-separated whatever was read.
            tsv = args.output != "-" and Path(args.output).suffix.lower() == ".tsv"
            writer = _csv_writer(out, table, lang, "\t" if tsv else table.delimiter)
        try:
            counts[:] = _process(family, table, columns, rule, complete, writer, progress, bad)
        except UnicodeDecodeError as exc:
            raise _not_decodable(args.input, args.encoding, exc) from None
        finally:
            # Erased before anything else is said on stderr ("... was not
            # written", "interrupted"), which would else end the progress line.
            progress.close()

    try:
        if args.output == "-":
            _to_stdout(write, encoding)
        else:
            _to_file(write, args.output, encoding, xlsx_out)
    finally:
        progress.close()
    rows, errors = counts
    if errors:
        # JSON Lines have no columns: each record has an "error".
        where = 'see the "error" of their records' if args.json else "see their error column"
        print_error(
            f"{errors:,} of {rows:,} rows could not be classified ({_rows_named(bad, errors)}); "
            f"{where}"
        )
        return EXIT_PROBLEMS
    return EXIT_OK


def _rows_named(numbers: Sequence[int], count: int) -> str:
    """``row 7``, ``rows 3 and 7``, ``rows 3, 7, 9 and 12``, ``rows 3, …, 40 and 96 more``."""
    if count == 1:
        return f"row {numbers[0]}"
    if count > len(numbers):
        return f"rows {', '.join(map(str, numbers))} and {count - len(numbers):,} more"
    return f"rows {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def _to_stdout(write: Callable[[IO[str] | None, Any], None], encoding: str) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout without bytes underneath
        write(sys.stdout, None)
        sys.stdout.flush()
        return
    out = io.TextIOWrapper(buffer, encoding=encoding, newline="")
    try:
        write(out, None)
    finally:
        out.flush()
        out.detach()  # sys.stdout stays open


def _to_file(
    write: Callable[[IO[str] | None, Any], None], path: str, encoding: str, xlsx: bool
) -> None:
    existed = os.path.exists(path)
    try:
        if xlsx:
            openpyxl = _openpyxl("writing .xlsx")
            with atomic_path(path) as tmp:
                book = openpyxl.Workbook(write_only=True)
                write(None, book)
                book.save(tmp)
        else:
            with atomic_output(path, encoding=encoding, newline="") as out:
                write(out, None)
    except BaseException as exc:
        # Whatever stopped the run (an error, Ctrl-C, SIGTERM), the target was
        # never touched: say so, then let the cause be reported as usual. A new
        # file that could not be written at all says so in its own one line.
        unwritten = isinstance(exc, WriteError) and not existed
        if not os.path.isdir(path) and not unwritten:  # a directory is not a file "left as it was"
            kept = "the previous file is left as it was" if existed else "no file was created"
            print_error(f"{path} was not written: {kept}")
        raise


Emit = Callable[[_Row, Any], None]


class _Writer:
    """How one output format writes rows.

    Attributes:
        render: An outcome to ``(what is written for it, is it an error)``.
        emit: Writes a row with its rendered outcome (None: blank or bad row).
        writerow: For tabular outputs, writes a row of cells directly: the
            fast path for a classified row, whose cells get the rendered
            result cells appended.
    """

    __slots__ = ("emit", "render", "writerow", "writerows")

    def __init__(
        self,
        render: Render,
        emit: Emit,
        writerow: Callable[[list[str]], Any] | None,
        writerows: Callable[[Iterable[list[str]]], Any] | None = None,
    ) -> None:
        self.render = render
        self.emit = emit
        self.writerow = writerow
        self.writerows = writerows


def _csv_writer(out: IO[str], table: Table, lang: str | None, delimiter: str) -> _Writer:
    writer = csv.writer(out, delimiter=delimiter, lineterminator=table.lineterminator)
    if table.separator_line:  # Excel opens the output as it opened the input
        out.write(f"sep={delimiter}{table.lineterminator}")
    writer.writerow([*table.header, *RESULT_COLUMNS])
    rows = _row_writer(writer.writerow, lang)
    rows.writerows = writer.writerows
    return rows


def _row_writer(writerow: Callable[[Sequence[str]], Any], lang: str | None) -> _Writer:
    no_result = ["", "", "", ""]

    def render(outcome: Classification | JobArchitectureError) -> tuple[list[str], bool]:
        if isinstance(outcome, JobArchitectureError):
            return [*no_result, one_line(str(outcome))], True
        return result_cells(outcome, lang), False

    def emit(row: _Row, done: tuple[list[str], bool] | None) -> None:
        if not row.cells:
            writerow(())
        elif row.error is not None:
            writerow([*row.cells, *no_result, row.error])
        elif done is not None:
            writerow(row.cells + done[0])

    return _Writer(render, emit, writerow)


def _xlsx_writer(book: Any, header: Sequence[str], lang: str | None) -> _Writer:
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped, import-not-found, unused-ignore]
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped, import-not-found, unused-ignore]

    sheet = book.create_sheet("classified")
    append = sheet.append
    search = ILLEGAL_CHARACTERS_RE.search

    def cell(value: str) -> Any:
        # A workbook cannot hold control characters; a cell starting with '='
        # stays text, as it was in the input, and never becomes a formula.
        c = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
        c.data_type = "s"
        return c

    def typed(value: _Typed) -> Any:
        c = WriteOnlyCell(sheet, value.value)
        c.number_format = value.number_format
        return c

    def writerow(row: Sequence[str]) -> None:
        append(
            [
                typed(v) if v.__class__ is _Typed else cell(v) if v[:1] == "=" or search(v) else v
                for v in row
            ]
        )

    writerow([*header, *RESULT_COLUMNS])
    return _row_writer(writerow, lang)


def _json_writer(out: IO[str], header: Sequence[str], family: Family, lang: str | None) -> _Writer:
    import json

    keys = _unique_keys(header)

    def render(outcome: Classification | JobArchitectureError) -> tuple[Any, bool]:
        if isinstance(outcome, JobArchitectureError):
            return one_line(str(outcome)), True
        return outcome.to_dict(lang, family), False

    def emit(row: _Row, done: tuple[Any, bool] | None) -> None:
        if not row.cells:
            return
        record: dict[str, Any] = {
            "row": row.number,
            "input": dict(zip(keys, row.cells, strict=False)),
            "result": None,
            "error": row.error,
        }
        if done is not None:
            if done[1]:
                record["error"] = done[0]
            else:
                record["result"] = done[0]
        out.write(json.dumps(record, ensure_ascii=False) + "\n")

    return _Writer(render, emit, None)


def _unique_keys(header: Sequence[str]) -> list[str]:
    """The header as JSON keys: a repeated name gets ``.1``, ``.2``… as pandas
    names them, skipping names the header already has, so no cell is dropped."""
    used = set(header)
    if len(used) == len(header):
        return list(header)
    seen: set[str] = set()
    last: dict[str, int] = {}
    keys = []
    for name in header:
        key = name
        if name in seen:
            k = last.get(name, 0)
            while key in seen or key in used:
                k += 1
                key = f"{name}.{k}"
            last[name] = k
        seen.add(key)
        keys.append(key)
    return keys
