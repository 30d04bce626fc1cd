"""The family file format: structure and unstructure through one cattrs converter.

Files are TOML (authoring) or JSON (exchange) with the same structure: English
snake_case keys, ``Text`` as a plain string when only Dutch is given, a clause as
a plain string when it has no ``(RG)``. Every error carries its path.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, is_sequence
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from . import _model as m
from ._errors import (
    SHOWN,
    ExportError,
    FamilyError,
    FormatVersionError,
    MissingExtraError,
    Problem,
    capped,
    closest,
    listed,
    shown,
)
from ._limits import Limits, check_depth, read_file, too_big

if TYPE_CHECKING:
    from ._lines import Given

T = TypeVar("T")

#: File suffixes this module reads.
SUFFIXES: tuple[str, ...] = (".toml", ".json")


def _one_item(text: str) -> bool:
    """Whether *text* reads as the one item of an array (no list in it, nothing
    that would need escaping), so that ``["text"]`` is what was meant."""
    return 0 < len(text) <= 40 and not any(c in text for c in ',;"\\') and text.isprintable()


def _describe(value: object) -> str:
    return shown(value, 60)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)

    # Hooks are registered before the class hooks are generated, which capture
    # the hooks of their fields at generation time.
    def strict(kind: type[T], name: str) -> Callable[[Any, type], T]:
        # cattrs' own int/str hooks coerce ("3" -> 3, 3 -> "3"); a family file
        # that says "3" where a number belongs is a mistake worth reporting.
        def hook(value: Any, _: type) -> T:
            if isinstance(value, bool) or not isinstance(value, kind):
                raise ValueError(f"expected {name}, got {_describe(value)}{_unquoted(value, kind)}")
            return value

        return hook

    conv.register_structure_hook(str, strict(str, "a string"))
    conv.register_structure_hook(int, strict(int, "an integer"))
    conv.register_structure_hook(bool, lambda v, _: _bool(v))
    conv.register_structure_hook(float, lambda v, _: _float(v))

    def array_factory(type_: Any, conv_: cattrs.BaseConverter) -> Callable[[Any, type], Any]:
        inner = homogenous_tuple_structure_factory(type_, conv_)

        # A string is iterable: without this check levels = "CB" would become ("C", "B").
        item = (getattr(type_, "__args__", None) or (None,))[0]
        of_tables = isinstance(item, type) and attrs.has(item) and item not in (m.Text, m.Clause)

        def hook(value: Any, t: type) -> Any:
            if not isinstance(value, list | tuple):
                if of_tables and isinstance(value, Mapping):
                    # [criteria] for [[criteria]], the TOML author's usual slip;
                    # the TOML reader adds the header to write (_lines.locate).
                    raise ValueError(
                        f"expected an array of tables, got one table {_describe(value)}"
                    )
                if item in (str, m.Text, m.Clause) and isinstance(value, str):
                    # levels = "B" for levels = ["B"]: say the one edit to make.
                    write = f'["{value}"]' if _one_item(value) else 'it in [ ]: ["..."]'
                    raise ValueError(f"expected an array, got {_describe(value)} (write {write})")
                raise ValueError(f"expected an array, got {_describe(value)}")
            return inner(value, t)

        return hook

    conv.register_structure_hook_factory(is_sequence, array_factory)

    def table_factory(cls: type, conv_: cattrs.BaseConverter) -> Callable[[Any, type], Any]:
        # A level's rank is its position in the scale, so it is never read or written.
        inner: Callable[[Any, type], Any]
        if cls is m.Level:
            inner = make_dict_structure_fn(
                cls, conv_, _cattrs_forbid_extra_keys=True, rank=override(omit=True)
            )
        else:
            inner = make_dict_structure_fn(cls, conv_, _cattrs_forbid_extra_keys=True)

        def hook(value: Any, t: type) -> Any:
            if not isinstance(value, Mapping):
                if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
                    raise ValueError(
                        f"expected a table ({cls.__name__}), got an array of tables "
                        f"{_describe(value)}"
                    )
                raise ValueError(f"expected a table ({cls.__name__}), got {_describe(value)}")
            return inner(value, t)

        return hook

    conv.register_structure_hook_factory(attrs.has, table_factory)
    conv.register_unstructure_hook(
        m.Level,
        make_dict_unstructure_fn(
            m.Level, conv, _cattrs_omit_if_default=True, rank=override(omit=True)
        ),
    )

    text_from_dict = make_dict_structure_fn(m.Text, conv, _cattrs_forbid_extra_keys=True)

    def structure_text(value: Any, _: type) -> m.Text:
        if isinstance(value, str):
            return m.Text(value)
        if isinstance(value, Mapping):
            return text_from_dict(value, m.Text)
        raise ValueError(
            "expected a string or a table with 'nl' (and optional 'fr', 'en'), "
            f"got {_describe(value)}"
        )

    def unstructure_text(text: m.Text) -> str | dict[str, str]:
        if text.fr is None and text.en is None:
            return text.nl
        return {k: v for k in m.LANGUAGES if (v := getattr(text, k)) is not None}

    conv.register_structure_hook(m.Text, structure_text)
    conv.register_unstructure_hook(m.Text, unstructure_text)

    clause_from_dict = make_dict_structure_fn(m.Clause, conv, _cattrs_forbid_extra_keys=True)

    def structure_clause(value: Any, _: type) -> m.Clause:
        if isinstance(value, str):
            return m.Clause(m.Text(value))
        if isinstance(value, Mapping):
            return clause_from_dict(value, m.Clause)
        raise ValueError(
            f"expected a string or a table with 'text' (and optional 'result_area'), "
            f"got {_describe(value)}"
        )

    clause_to_dict = make_dict_unstructure_fn(m.Clause, conv, _cattrs_omit_if_default=True)

    def unstructure_clause(clause: m.Clause) -> Any:
        # Only a Dutch-only clause without (RG) is written as a plain string: a
        # translated one must be a {text = ...} table, since a bare {nl, fr}
        # table would read as a clause table without 'text'.
        text = clause.text
        if not clause.result_area and text.fr is None and text.en is None:
            return text.nl
        return clause_to_dict(clause)

    conv.register_structure_hook(m.Clause, structure_clause)
    conv.register_unstructure_hook(m.Clause, unstructure_clause)

    def structure_join(value: Any, _: type) -> m.Join:
        try:
            return m.Join(value)
        except ValueError:
            meant = m.JOINS.get(value.strip().casefold()) if isinstance(value, str) else None
            hint = f"; {value.strip()} is join = {meant!r}" if meant else ""
            raise ValueError(
                f"expected 'and' (EN) or 'or' (OF), got {_describe(value)}{hint}"
            ) from None

    conv.register_structure_hook(m.Join, structure_join)

    def structure_reference_source(value: Any, _: type) -> m.ReferenceSource:
        try:
            return m.ReferenceSource(value)
        except ValueError:
            raise ValueError(
                f"expected 'document' or 'editorial', got {_describe(value)}"
            ) from None

    conv.register_structure_hook(m.ReferenceSource, structure_reference_source)
    return conv


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        # core = "true" for core = true: the quotes make it text.
        meant = value.strip().lower() if isinstance(value, str) else None
        write = f" (write {meant}, without quotes)" if meant in ("true", "false") else ""
        raise ValueError(f"expected true or false, got {_describe(value)}{write}")
    return value


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(
            f"expected a finite number, got {_describe(value)}{_unquoted(value, float)}"
        )
    return float(value)


def _unquoted(value: object, kind: type) -> str:
    """`` (write 2, without quotes)`` when *value* is a number of *kind* written
    as a string (weight = "2"), `` (write "12", in quotes)`` when a string was
    meant and a number written (a level's code = 12); else nothing."""
    if kind is str and not isinstance(value, bool):
        # A hostile 80,000-bit integer is neither shown nor turned into a float.
        small = isinstance(value, int) and value.bit_length() <= 64
        if small or (isinstance(value, float) and math.isfinite(value)):
            return f' (write "{value}", in quotes)'
        return ""
    if not isinstance(value, str) or kind not in (int, float) or len(value) > 20:
        return ""
    text = value.strip()
    try:
        number = int(text) if kind is int else float(text)
    except ValueError:
        return ""
    if kind is float and not math.isfinite(number):
        return ""
    return f" (write {text}, without quotes)"


converter: cattrs.Converter = _make_converter()
"""The converter behind every load and save; configured once at import."""


def _message(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return _unknown_keys(exc)
    if isinstance(exc, KeyError):
        return "required key missing"
    if isinstance(exc, ValueError | TypeError) and str(exc).startswith("expected"):
        return str(exc)
    name = getattr(type_, "__name__", None) or str(type_)
    if isinstance(exc, TypeError | ValueError | AttributeError):
        if "tuple" in str(type_) or "Tuple" in str(type_):
            return f"expected an array, got {type(exc).__name__}: {exc}"
        return f"expected {name}: {exc}"
    return f"{type(exc).__name__}: {exc}"


def _unknown_keys(exc: cattrs.ForbiddenExtraKeysError) -> str:
    """``unknown key(s) 'x'``, with the closest known key of the table for each."""
    known = [
        f.alias or f.name
        for f in attrs.fields(exc.cl)
        if f.init and not f.name.startswith("_") and not (exc.cl is m.Level and f.name == "rank")
    ]
    parts: list[str] = []
    for key in sorted(exc.extra_fields, key=str):
        # closest() refuses a hostile 40 KB key; and not for more keys than a table
        # can mistype.
        match = closest(key, known, cutoff=0.6) if len(parts) < 20 else None
        parts.append(f"{shown(key)} (did you mean {match!r}?)" if match else shown(key))
    return f"unknown key(s) {listed(parts)} (keys: {', '.join(known)})"


#: The longest message a structural problem has; longer ones are cut.
_LONGEST = 300


def _problems(exc: BaseException, source: str) -> list[Problem]:
    problems = []
    for line in cattrs.transform_error(exc, path="$", format_exception=_message):
        message, _, path = line.rpartition(" @ ")
        # Messages from attrs or the model may quote a value at any length.
        message = message or line
        if len(message) > _LONGEST:
            message = message[: _LONGEST - 3] + "..."
        problems.append(Problem(source, path or "$", message))
    return _merge_misspelt(problems)


def _merge_misspelt(problems: list[Problem]) -> list[Problem]:
    """One problem, not two, for a required key written misspelt: the unknown key's
    "did you mean" says the key is required, and its "required key missing" goes."""
    at = {p.path: i for i, p in enumerate(problems)}
    dropped: set[int] = set()
    for i, p in enumerate(problems):
        if p.message != "required key missing":
            continue
        table, dot, key = p.path.rpartition(".")
        j = at.get(table) if dot else None
        meant = f"(did you mean {key!r}?)"
        if j is not None and meant in problems[j].message:
            message = problems[j].message.replace(meant, f"(did you mean {key!r}? it is required)")
            problems[j] = attrs.evolve(problems[j], message=message)
            dropped.add(i)
    return [p for i, p in enumerate(problems) if i not in dropped]


def structure(
    data: Any, cls: type[T], source: str = "<data>", *, max_problems: int | None = None
) -> T:
    """Build a *cls* (a model class) from plain data.

    Args:
        data: Plain data, as parsed.
        cls: The model class.
        source: Named in every problem.
        max_problems: Report this many problems and count the rest (default: all).

    Raises:
        FamilyError: every problem at once, each with its path.
    """
    try:
        return converter.structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        problems = _problems(exc, source)
        if max_problems is not None:
            problems = capped(problems, max_problems, source)
        raise FamilyError(problems) from None
    except RecursionError:
        # Data built in code can nest deeper than a parsed file is allowed to.
        raise FamilyError([Problem(source, "$", "data nested too deeply to read")]) from None


def unstructure(obj: Any) -> Any:
    """Turn a model object into plain data (dicts, lists, strings, numbers)."""
    return converter.unstructure(obj)


def family_from_data(
    data: Any, source: str = "<data>", *, check: bool = True, limits: Limits | None = None
) -> m.Family:
    """Build a :class:`Family` from plain data (as read from TOML or JSON).

    Args:
        data: The parsed file.
        source: Named in every problem (a path, a plugin).
        check: Also run :func:`validate` and fail on its problems.
        limits: How many problems to report (default: :meth:`Limits.from_env`).

    Raises:
        FormatVersionError: the data needs a newer library.
        FamilyError: every structural problem, or (with *check*) every validation problem.
    """
    from ._validate import validate

    limits = _limits(limits)
    if not isinstance(data, Mapping):
        raise FamilyError([Problem(source, "$", f"expected a table, got {_describe(data)}")])
    version = data.get("format_version", m.FORMAT_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > m.FORMAT_VERSION:
        from . import __version__

        raise FormatVersionError(source, version, m.FORMAT_VERSION, __version__)
    family = structure(data, m.Family, source, max_problems=limits.max_problems)
    if check:
        problems = validate(family, source, max_problems=limits.max_problems)
        if problems:
            raise FamilyError(problems)
    return family


def _limits(limits: Limits | None) -> Limits:
    """*limits*, or those of the environment when None."""
    if limits is None:
        return Limits.from_env()
    if not isinstance(limits, Limits):
        # A wrong type is the caller's mistake, as Python reports one, in one line.
        raise TypeError(f"'limits' must be a Limits or None (got {type(limits).__name__})")
    return limits


def parse(text: str | bytes, source: str, suffix: str, *, limits: Limits | None = None) -> Any:
    """Parse TOML or JSON text into plain data.

    The nesting depth is checked before parsing (see :class:`Limits`); a JSON
    object with a key twice is refused, as TOML refuses it.

    Raises:
        FamilyError: the text is not valid TOML / JSON, nests too deeply, has a
            duplicate key, or the suffix is unknown.
    """
    limits = _limits(limits)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FamilyError(
                [Problem(source, "$", f"not UTF-8 text (byte {exc.start}): save the file as UTF-8")]
            ) from None
    # Editors on Windows start UTF-8 files with a byte-order mark; it is not content.
    text = text.removeprefix("\ufeff")
    if suffix not in SUFFIXES:
        raise FamilyError(
            [
                Problem(
                    source,
                    "$",
                    f"unknown file type {shown(suffix)} (expected {', '.join(SUFFIXES)})",
                )
            ]
        )
    too_deep = check_depth(text, source, suffix, limits)
    if too_deep is not None:
        raise FamilyError([too_deep])
    kind = suffix[1:].upper()
    # Rather than five lines of "required key missing" (or JSON's "Expecting
    # value"): an empty file, an editor's new file or a failed export, is one problem.
    if not text.strip():
        what = "text" if source.startswith("<") else "file"  # loads_family's <string>
        raise FamilyError([Problem(source, "$", f"the {what} is empty: {_EMPTY}")])
    try:
        data = _parse_toml(text, source) if suffix == ".toml" else _parse_json(text, source, limits)
    except RecursionError:
        # Only when the depth limit was raised beyond what the parser can recurse.
        raise FamilyError(
            [Problem(source, "$", f"invalid {kind}: nested too deeply for the parser")]
        ) from None
    except ValueError as exc:
        if isinstance(exc, FamilyError):
            raise
        # Integers over 4,300 digits (sys.get_int_max_str_digits()) and the like.
        raise FamilyError([Problem(source, "$", f"invalid {kind}: {exc}")]) from None
    if data == {}:
        raise FamilyError([Problem(source, "$", f"no keys at all: {_EMPTY}")])
    return data


#: What an empty family file lacks, in the words of its problem.
_EMPTY = "a family needs at least code, name, government, scale and purpose"


def _parse_toml(text: str, source: str) -> Any:
    import tomllib  # JSON-only users never need it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line = _toml_error(str(exc), text)
        raise FamilyError([Problem(source, "$", f"invalid TOML: {message}", line)]) from None


_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)$")
_TOML_END = " (at end of document)"
_TOML_TWICE = re.compile(r"^Cannot declare \((.*)\) twice")
# What tomllib says when a table header opens a name already given.
_TOML_OVER = ("Cannot overwrite a value", "Cannot declare (", "Cannot mutate immutable namespace")


def _toml_error(message: str, text: str) -> tuple[str, int | None]:
    """tomllib's *message* about *text* in the words of the one who wrote the file,
    and its line.

    tomllib names the line only in its message (before Python 3.14), and not at
    all at the end of the document, where the problem is on the last line
    written. Its words for the commonest slips name no key ("Cannot overwrite a
    value") or the end of a line ("Illegal character '\\n'") rather than what is
    wrong: those are said again, naming the key, the table or the quote.
    """
    rows = text.splitlines()
    at = _TOML_LINE.search(message)
    line: int | None = None
    column = 0
    if at is not None:
        line, said = int(at.group(1)), message[: at.start()].rstrip()
        column = int(at.group(2))
    elif message.endswith(_TOML_END):
        line = next((i for i in range(len(rows), 0, -1) if rows[i - 1].strip()), None)
        said = message.removesuffix(_TOML_END)
        message = f"{said} (at the end of the file)"
    else:
        said = message
    from ._lines import DOTTED_KEY, given_before  # only on the error path

    row = rows[line - 1] if line is not None and line <= len(rows) else ""
    key = DOTTED_KEY.match(row)
    twice = _TOML_TWICE.match(said)
    given = given_before(text, line) if line is not None and said.startswith(_TOML_OVER) else None
    if given is not None:
        message = _written_over(row, given)
    elif said == "Cannot overwrite a value" and key is not None:
        message = f"key {shown(key.group(1))} is given twice in one table"
    elif twice is not None:
        parts = [p.strip().strip("'\"") for p in twice.group(1).split(",") if p.strip()]
        message = f"table [{_cut('.'.join(parts))}] is declared twice"
    elif said == "Illegal character '\\n'" and row.count('"') % 2:
        message = 'unterminated string: the closing " is missing on this line'
    elif said == "Invalid value" and key is not None:
        message = _invalid_value(key.group(1).strip(), row[key.end() :])
    elif said == "Expected newline or end of document after a statement" and key is not None:
        rest = row[column - 1 :].split("#", 1)[0].strip() if column else ""
        message = f"the line goes on after the value of {shown(key.group(1).strip())}"
        message += f" ({shown(rest)}): write one key = value per line" if rest else ""
        if re.match(r"\s*[-+]?\d+,\d", row[key.end() :]):
            message += " (a decimal number is written with a point: 2.5, not 2,5)"
    elif said == "Unclosed array" and line is not None:
        opened = _array_opened(rows, line)
        if opened is not None:
            message = (
                f"the array {opened[1]} = [ is not closed: the ] is missing before line {line}"
            )
            line = opened[0]
    elif said == 'Expected "\'"' and at is None:
        # tomllib looks for the closing ' up to the end of the file.
        quoted = next(
            (i for i, r in enumerate(rows, 1) if re.search(r"=\s*'[^']*$", r.split("#")[0])),
            None,
        )
        if quoted is not None:
            line, message = quoted, "unterminated string: the closing ' is missing on this line"
    return message, line


def _invalid_value(key: str, value: str) -> str:
    """The words for a value TOML cannot read, *value* as written after ``key =``."""
    value = value.split("#", 1)[0].strip()
    if value.lower() in ("true", "false"):
        return f"the value of {shown(key)} is written {value}: write {value.lower()}, in lower case"
    if value[:1].isalpha() and _one_item(value) and len(key) <= 40:
        return f'the value of {shown(key)} is text without quotes: write {key} = "{value}"'
    return f"the value of {shown(key)} is not a TOML value ({shown(value)})"


def _array_opened(rows: list[str], line: int) -> tuple[int, str] | None:
    """The line and key of the array left open before *line*: the nearest
    ``key = [`` above it with more ``[`` than ``]`` from there to *line*."""
    from ._lines import DOTTED_KEY

    for i in range(line - 1, 0, -1):
        key = DOTTED_KEY.match(rows[i - 1])
        if key is not None and rows[i - 1][key.end() :].lstrip().startswith("["):
            chunk = "\n".join(rows[i - 1 : line - 1])
            return (i, key.group(1).strip()) if chunk.count("[") > chunk.count("]") else None
    return None


def _cut(name: str) -> str:
    """*name* as a header shows it, cut short when it is long."""
    return name if len(name) <= SHOWN else name[: SHOWN - 3] + "..."


def _written_over(row: str, given: Given) -> str:
    """The words for a table header or key (*row*) that gives a name already
    *given* before it."""
    from ._lines import DOTTED_KEY

    key = DOTTED_KEY.match(row)
    if key is not None:
        what = f"key {shown(key.group(1).strip())}"
        header = ""
    else:
        header = row.split("#", 1)[0].strip()
        if '"' not in header and "'" not in header:
            header = re.sub(r"\s+", "", header)
        header = _cut(header)  # a hostile 40 KB header is not said again whole
        what = f"{'array of tables' if header.startswith('[[') else 'table'} {header}"
    either = "a key is either a value or a table, not both"
    if given.kind == "value":
        if key is not None and given.again:
            return f"{what} is given twice in one table (first at line {given.line})"
        return (
            f"{what} writes over {shown(given.name)}, given a value at line {given.line}: {either}"
        )
    if key is not None:
        table = {
            "dotted": f"the table {shown(given.name)} made by the dotted key",
            "table": f"the table [{_cut(given.name)}] declared",
            "array": f"the array of tables [[{_cut(given.name)}]] declared",
        }[given.kind]
        return f"{what} writes over {table} at line {given.line}: {either}"
    if given.kind == "dotted":
        return (
            f"{what} is declared twice: the dotted key at line {given.line} already "
            f"declares {shown(given.name)} (write its keys under {header} instead)"
        )
    name = _cut(given.name)
    # What to write follows the format: criteria are [[criteria]], purpose is [purpose].
    array = _array_of_tables(given.name)
    if array is None:  # not in the format: as the first declaration has it
        array = given.kind == "array"
    write = f"write each one as [[{name}]]" if array else f"write it as one [{name}] table"
    if given.kind == "array":
        said = f"line {given.line} declares [[{name}]], an array of tables"
        return f"{what} is declared twice: {said} ({write})"
    if header.startswith("[["):
        said = f"line {given.line} declares [{name}], one table"
        return f"{what} is declared twice: {said} ({write})"
    if array:
        return f"{what} is declared twice (first at line {given.line}; {write})"
    return f"{what} is declared twice (first at line {given.line})"


def _array_of_tables(name: str) -> bool | None:
    """Whether the header name ``criteria.descriptors`` is an array of tables in
    the family format (False for one table), or None when the format lacks it."""
    import typing

    cls: Any = m.Family
    array = False
    for part in name.split("."):
        if not attrs.has(cls):
            return None
        field = next((f for f in attrs.fields(cls) if f.init and (f.alias or f.name) == part), None)
        if field is None:
            return None
        kind = typing.get_type_hints(cls)[field.name]
        args = typing.get_args(kind)
        array = typing.get_origin(kind) is tuple and bool(args) and attrs.has(args[0])
        cls = args[0] if array else kind
    return array


class _Pairs(dict[str, Any]):
    """A JSON object that had a key more than once; the keys are kept for the message."""

    __slots__ = ("repeated",)

    repeated: list[str]


def _object_hook(found: list[int]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        seen: set[str] = set()
        repeated = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        marked = _Pairs(obj)
        marked.repeated = repeated
        found.append(len(repeated))
        return marked

    return hook


def _parse_json(text: str, source: str, limits: Limits) -> Any:
    found: list[int] = []
    try:
        data = json.loads(text, object_pairs_hook=_object_hook(found))
    except json.JSONDecodeError as exc:
        message, line = f"{exc.msg} (line {exc.lineno}, column {exc.colno})", exc.lineno
        # [1, 2,] and {"a": 1,}: JSON's words name the closing bracket, not the comma.
        before = text[: exc.pos].rstrip()
        if before.endswith(",") and text[exc.pos : exc.pos + 1] in ("]", "}"):
            line = before.count("\n") + 1
            message = f"a comma before {text[exc.pos]!r} ends no item: remove it (JSON allows none)"
        raise FamilyError([Problem(source, "$", f"invalid JSON: {message}", line)]) from None
    if found:  # the tree is walked for paths only when a key was repeated
        problems = list(_repeated_keys(data, "$", source))
        raise FamilyError(capped(problems, limits.max_problems, source))
    return data


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,79}")


def _key_path(path: str, key: str) -> str:
    # A key that is not a plain name is quoted, as cattrs quotes mapping keys.
    return f"{path}.{key}" if _NAME.fullmatch(key) else f"{path}[{shown(key)}]"


def _repeated_keys(data: Any, path: str, source: str) -> Iterator[Problem]:
    # Depth is bounded by the limit checked before parsing.
    if isinstance(data, dict):
        for key in getattr(data, "repeated", ()):
            yield Problem(
                source,
                _key_path(path, key),
                f"key {shown(key)} appears more than once (JSON would keep the last silently)",
            )
        for key, value in data.items():
            if isinstance(value, dict | list):
                yield from _repeated_keys(value, _key_path(path, key), source)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if isinstance(value, dict | list):
                yield from _repeated_keys(value, f"{path}[{i}]", source)


def _as_path(path: object) -> Path:
    """*path* as a Path; a TypeError naming the argument for anything but a str or path."""
    if not isinstance(path, str | os.PathLike):
        raise TypeError(
            f"'path' must be a file path, str or os.PathLike (got {type(path).__name__})"
        )
    return Path(path)


def load_family(path: str | Path, *, check: bool = True, limits: Limits | None = None) -> m.Family:
    """Load a family from a ``.toml`` or ``.json`` file.

    Args:
        path: The file.
        check: Also validate it (see :func:`validate`).
        limits: File size, nesting depth and problems reported (default:
            :meth:`Limits.from_env`, which reads ``JOBARCHITECTURE_MAX_*``).

    Raises:
        FamilyError: the file cannot be read or parsed, is not a regular file,
            is over a limit, or has problems; all of them are listed, each as
            ``file: path: message`` (``file:line: ...`` for a syntax error,
            naming its line, and in a TOML file, naming the line where the
            problem's table starts).
        LimitsError: a ``JOBARCHITECTURE_MAX_*`` variable is not a positive number.
        TypeError: *path* is not a ``str`` or ``os.PathLike``.
    """
    path = _as_path(path)
    source = str(path)
    limits = _limits(limits)
    raw = read_file(path, source, limits)
    if isinstance(raw, Problem):
        raise FamilyError([raw])
    return _from_text(raw, source, path.suffix.lower(), check, limits)


def loads_family(
    text: str | bytes,
    *,
    format: str = "json",
    source: str = "<string>",
    check: bool = True,
    limits: Limits | None = None,
) -> m.Family:
    """Build a family from JSON or TOML text: the inverse of :func:`dumps_family`.

    For a family kept as text elsewhere (a database column, a request body);
    the text is read exactly as :func:`load_family` reads a file.

    Args:
        text: The family as text (bytes must be UTF-8).
        format: ``"json"`` (what :func:`dumps_family` writes) or ``"toml"``.
        source: Named in every problem, as a file's path is.
        check: Also validate it (see :func:`validate`).
        limits: Size, nesting depth and problems reported (default:
            :meth:`Limits.from_env`).

    Raises:
        FamilyError: the text is over the size limit, cannot be parsed, or has
            problems; all of them are listed, as ``source: path: message``
            (``source:line: ...`` for TOML), or *format* is neither json nor toml.
    """
    if not isinstance(text, str | bytes):
        raise TypeError(f"'text' must be str or bytes (got {type(text).__name__})")
    limits = _limits(limits)
    kind = format.lower().lstrip(".") if isinstance(format, str) else format
    if kind not in ("json", "toml"):
        raise FamilyError(
            [Problem(source, "$", f"unknown format {shown(kind)} (expected 'json' or 'toml')")]
        )
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if len(raw) > limits.max_file_size:
        raise FamilyError([too_big(source, len(raw), limits, "text")])
    return _from_text(raw, source, f".{kind}", check, limits)


def _from_text(raw: bytes, source: str, suffix: str, check: bool, limits: Limits) -> m.Family:
    """The family in the bytes *raw* of a *suffix* file: parsed, built, checked."""
    data = parse(raw, source, suffix, limits=limits)
    try:
        return family_from_data(data, source, check=check, limits=limits)
    except FormatVersionError:
        raise
    except FamilyError as exc:
        if suffix != ".toml":
            raise
        from ._lines import locate  # only on the error path

        raise FamilyError(locate(exc.problems, raw.decode("utf-8", "replace"))) from None


def family_to_data(family: m.Family | str) -> dict[str, Any]:
    """Return the family as plain data, ready for ``json.dumps``; defaults are omitted.

    *family* is a Family, an installed family's code, or a family file's path.
    """
    if not isinstance(family, m.Family):
        from ._resolve import as_family

        family = as_family(family)
    data: dict[str, Any] = converter.unstructure(family)
    # Always written, so a reader knows which format it holds.
    data["format_version"] = family.format_version
    return data


def dumps_family(family: m.Family | str, *, indent: int | None = 2, format: str = "json") -> str:
    """Return the family as JSON text (UTF-8, non-ASCII kept as is), or as TOML.

    *family* is a Family, a code or a file, as for :func:`family_to_data`.
    *format* ``"toml"`` writes the authoring format (``[[criteria]]`` tables,
    multi-line strings kept on their lines; *indent* is then ignored), through
    tomli-w (``pip install 'jobarchitecture[toml]'``); :func:`loads_family` with
    ``format="toml"`` reads it back equal. Comments of a hand-written file are
    not kept: they are not part of the data.

    Raises:
        ExportError: *format* is neither ``"json"`` nor ``"toml"``.
        MissingExtraError: TOML without the ``toml`` extra.
    """
    kind = format.lower().lstrip(".") if isinstance(format, str) else format
    if kind == "json":
        return json.dumps(family_to_data(family), ensure_ascii=False, indent=indent) + "\n"
    if kind == "toml":
        return _toml(family_to_data(family))
    raise ExportError(str(format), f"'format' must be 'json' or 'toml' (got {shown(format)})")


def _toml(data: dict[str, Any]) -> str:
    try:
        import tomli_w
    except ImportError:
        raise MissingExtraError("toml", "tomli_w", "writing TOML") from None
    return str(tomli_w.dumps(data, multiline_strings=True))


def save_family(family: m.Family | str, path: str | Path) -> None:
    """Write *family* (a Family, or an installed family's code) to *path*.

    As JSON for a ``.json`` path and as TOML for a ``.toml`` one (see
    :func:`dumps_family`).

    Raises:
        ExportError: *path* ends in neither ``.json`` nor ``.toml`` (a ``ValueError`` too).
        MissingExtraError: a ``.toml`` path without the ``toml`` extra.
        WriteError: *path* cannot be written.
        TypeError: *path* is not a ``str`` or ``os.PathLike``.
    """
    path = _as_path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("json", "toml"):
        raise ExportError(
            kind or "json", f"'path' must end in .json or .toml (got {shown(path.name)})"
        )
    from ._io import atomic_output

    text = dumps_family(family, format=kind)
    with atomic_output(path) as stream:
        stream.write(text)
