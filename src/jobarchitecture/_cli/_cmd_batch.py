"""``jobarchitecture classify-batch FAMILY INPUT``: classify one function per row.

Streaming from end to end: rows are read, classified and written one at a
time, so memory stays flat however long the input. The output has exactly the
input's rows, in order, each with the input's cells untouched and five result
columns appended: ``level``, ``level_span``, ``spread``, ``warnings`` and
``error``. A row that cannot be classified (an unknown level, a malformed CSV
row, no ratings) gets its message in ``error``; every other row is still
classified, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import itertools
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .._errors import JobArchitectureError, UnknownCriterionError
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


class Table:
    """An input table: its header, its rows as ``(row number, cells)`` and how
    it was written (so the output can be written the same way).

    Row numbers count as a spreadsheet does: the header is row 1.
    """

    def __init__(
        self,
        header: list[str],
        rows: Iterator[tuple[int, list[str]]],
        *,
        delimiter: str = ",",
        lineterminator: str = "\r\n",
        bom: bool = False,
        progress: Callable[[], float | None] = lambda: None,
        close: Callable[[], None] = lambda: None,
    ) -> None:
        self.header = header
        self.rows = rows
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
        OSError: the file cannot be opened.
        CommandError: the input is empty.
    """
    raw: io.BufferedReader
    if path == "-":
        raw = sys.stdin.buffer  # type: ignore[assignment]
        size = None
    else:
        raw = open(path, "rb")  # noqa: SIM115 - closed by the table
        size = os.fstat(raw.fileno()).st_size or None
    peek = getattr(raw, "peek", None)
    bom = peek is not None and peek(3)[:3] == codecs.BOM_UTF8
    # UTF-8 tolerates the byte order mark either way.
    utf8 = codecs.lookup(encoding).name == "utf-8"
    text = io.TextIOWrapper(raw, encoding="utf-8-sig" if utf8 else encoding, newline="")

    def close() -> None:
        if path != "-":
            text.close()
        else:
            text.detach()  # sys.stdin stays usable

    try:
        first = text.readline()
        if not first.strip():
            raise CommandError(f"{path}: no header row: the input is empty")
        sep = delimiter or _sniff(first)
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

    return Table(
        header,
        enumerate(reader, start=2),
        delimiter=sep,
        lineterminator="\r\n" if first.endswith("\r\n") else "\n",
        bom=bom,
        progress=progress,
        close=close,
    )


def _not_decodable(path: str, encoding: str, exc: UnicodeDecodeError) -> CommandError:
    hint = (
        "; Excel's plain 'CSV' is cp1252: pass --encoding cp1252, or save as 'CSV UTF-8'"
        if codecs.lookup(encoding).name.startswith("utf")
        else ""
    )
    return CommandError(f"{path} is not {encoding} text ({exc.reason}){hint}")


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


def read_xlsx(path: str, sheet: str | None, delimiter: str | None) -> Table:
    """Open a worksheet of an ``.xlsx`` file as a :class:`Table`, streaming
    (openpyxl's read-only mode; needs the ``xlsx`` extra).

    Raises:
        CommandError: openpyxl is missing, or the sheet does not exist.
    """
    try:
        import openpyxl  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise CommandError(
            "reading .xlsx needs openpyxl (the extra jobarchitecture[xlsx]): pip install openpyxl"
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception as exc:  # openpyxl raises zipfile/KeyError/... for a broken file
        raise CommandError(f"{path}: cannot read the workbook: {one_line(str(exc))}") from None
    if sheet is not None and sheet not in book.sheetnames:
        book.close()
        raise CommandError(f"{path}: no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})")
    ws = book[sheet] if sheet is not None else book.active
    values = ws.iter_rows(values_only=True)
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

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, row in enumerate(values, start=2):
            read[0] = number
            cells = [_cell(v) for v in row]
            # Worksheets pad every row to the widest one: trailing empty cells
            # past the header are not extra fields.
            while len(cells) > width and not cells[-1]:
                cells.pop()
            if not any(cells):
                cells = []
            yield number, cells

    return Table(
        header,
        rows(),
        delimiter=delimiter or ",",
        lineterminator="\n",
        progress=lambda: None if total is None else min(read[0] / total, 1.0),
        close=book.close,
    )


def map_columns(family: Family, header: Sequence[str]) -> list[tuple[int, str]]:
    """The criterion columns of *header*: ``(index, criterion code)`` pairs.

    A column names a criterion by its code or its Dutch name, in any case; any
    other column is carried through untouched (a warning names a near miss).

    Raises:
        CommandError: two columns name one criterion, a column is named like a
            result column, or no column names a criterion.
    """
    taken = [h for h in header if h.strip().casefold() in RESULT_COLUMNS]
    if taken:
        raise CommandError(
            f"the input already has result column(s) {', '.join(map(repr, taken))}: "
            "rename or remove them, then run again"
        )
    columns: list[tuple[int, str]] = []
    seen: dict[str, str] = {}
    for i, name in enumerate(header):
        if not name.strip():
            continue
        try:
            code = family.criterion(name.strip()).code
        except UnknownCriterionError as exc:
            if exc.closest is not None:
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
    if not columns:
        raise CommandError(
            f"no column names a criterion of {family.code!r} "
            f"(criteria: {', '.join(c.code for c in family.criteria)})"
        )
    return columns


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
        """Erase the progress line."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _span(pair: Sequence[str] | None) -> str:
    if not pair:
        return ""
    low, high = pair[0], pair[-1]
    return low if low == high else f"{low}..{high}"


def result_cells(result: Classification) -> list[str]:
    """The result columns of a classified row (``error`` empty)."""
    return [
        result.level,
        _span(result.level_span),
        _span(result.spread),
        "; ".join(one_line(w) for w in result.warnings),
        "",
    ]


class _Row:
    __slots__ = ("cells", "error", "number")

    def __init__(self, number: int, cells: list[str], error: str | None) -> None:
        self.number = number
        self.cells = cells
        self.error = error


def _classified(
    family: Family,
    table: Table,
    columns: Sequence[tuple[int, str]],
    rule: Any,
) -> Iterator[tuple[_Row, Classification | JobArchitectureError | None]]:
    """Each input row with its result (None for a blank or malformed row), in order.

    Rows go through ``classify_many`` lazily; rows it never sees (malformed or
    blank) wait in a queue so that every row comes out in its input position,
    however far ahead ``classify_many`` reads.
    """
    from .._classify import classify_many

    width = len(table.header)
    pending: deque[_Row] = deque()

    def ratings() -> Iterator[dict[str, str]]:
        for number, cells in table.rows:
            if not cells:  # a blank line stays a blank line
                pending.append(_Row(number, cells, None))
                continue
            if len(cells) != width:
                error = (
                    f"row {number} has {len(cells)} fields but the header has {width}: "
                    "not classified"
                )
                cells = (cells + [""] * width)[:width]
                pending.append(_Row(number, cells, error))
                continue
            pending.append(_Row(number, cells, None))
            yield {code: cells[i].strip() for i, code in columns if cells[i].strip()}

    def unclassified() -> Iterator[tuple[_Row, None]]:
        while pending and (pending[0].error is not None or not pending[0].cells):
            yield pending.popleft(), None

    for result in classify_many(family, ratings(), rule):
        yield from unclassified()
        yield pending.popleft(), result
    yield from unclassified()


def _output(path: str, encoding: str) -> tuple[IO[str], Callable[[], None]]:
    if path == "-":
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a replaced stdout without bytes underneath
            return sys.stdout, sys.stdout.flush
        out = io.TextIOWrapper(buffer, encoding=encoding, newline="")

        def release() -> None:
            out.flush()
            out.detach()  # sys.stdout stays open

        return out, release
    out = open(path, "w", encoding=encoding, newline="")  # noqa: SIM115 - closed by release
    return out, out.close


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
    if Path(args.input).suffix.lower() in XLSX_SUFFIXES:
        table = read_xlsx(args.input, args.sheet, delimiter)
    else:
        if args.sheet is not None:
            raise CommandError("--sheet is for .xlsx input only")
        table = read_csv(args.input, delimiter, args.encoding)
    try:
        return _run(args, family, table, rule)
    finally:
        table.close()


def _run(args: argparse.Namespace, family: Family, table: Table, rule: Any) -> int:
    columns = map_columns(family, table.header)
    # A CSV keeps the input's byte order mark (Excel needs it to read UTF-8); JSON never has one.
    out, release = _output(args.output, "utf-8-sig" if table.bom and not args.json else "utf-8")
    progress = Progress(table.progress, sys.stderr)
    rows = errors = 0
    try:
        if args.json:
            emit = _json_writer(out, table.header)
        else:
            writer = csv.writer(out, delimiter=table.delimiter, lineterminator=table.lineterminator)
            writer.writerow([*table.header, *RESULT_COLUMNS])

            def emit(row: _Row, result: Classification | JobArchitectureError | None) -> None:
                if not row.cells:
                    writer.writerow([])
                elif row.error is not None:
                    writer.writerow([*row.cells, "", "", "", "", row.error])
                elif isinstance(result, JobArchitectureError):
                    writer.writerow([*row.cells, "", "", "", "", one_line(str(result))])
                elif result is not None:
                    writer.writerow([*row.cells, *result_cells(result)])

        try:
            for row, result in _classified(family, table, columns, rule):
                emit(row, result)
                if row.cells:
                    rows += 1
                    errors += row.error is not None or isinstance(result, JobArchitectureError)
                progress.update(rows, errors)
        except UnicodeDecodeError as exc:
            raise _not_decodable(args.input, args.encoding, exc) from None
    finally:
        progress.close()
        release()
    if errors:
        print_error(f"{errors:,} of {rows:,} rows could not be classified; see their error column")
        return EXIT_PROBLEMS
    return EXIT_OK


def _json_writer(
    out: IO[str], header: Sequence[str]
) -> Callable[[_Row, Classification | JobArchitectureError | None], None]:
    import json

    def emit(row: _Row, result: Classification | JobArchitectureError | None) -> None:
        if not row.cells:
            return
        record: dict[str, Any] = {
            "row": row.number,
            "input": dict(zip(header, row.cells, strict=False)),
            "result": None,
            "error": row.error,
        }
        if isinstance(result, JobArchitectureError):
            record["error"] = one_line(str(result))
        elif result is not None:
            record["result"] = result.to_dict()
        out.write(json.dumps(record, ensure_ascii=False) + "\n")

    return emit
