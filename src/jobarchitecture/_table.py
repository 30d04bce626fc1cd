"""``classify_table()``: classify every row of a pandas or polars DataFrame or an Arrow table.

The table is read and written through narwhals, so one code path serves every
library narwhals supports; the classification itself is the vectorised engine
(``_classify/_vector.py``). Both need the ``tables`` extra
(``pip install 'jobarchitecture[tables]'``); ``import jobarchitecture`` never
imports them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from ._errors import MissingExtraError, RatingError, UnknownCriterionError
from ._model import Family, check_lang

#: The columns ``classify_table`` appends, in order (all strings, empty as null).
RESULT_COLUMNS: tuple[str, ...] = ("level", "level_span", "spread", "warnings", "error")

TableT = TypeVar("TableT")
_MISSING = frozenset({"NAType", "NaTType"})
# pandas' inferred kinds of object columns that cannot hold a bool beside a number.
_NO_BOOLS = frozenset({"string", "empty", "integer", "floating", "mixed-integer-float", "decimal"})


def _modules() -> tuple[Any, Any]:
    try:
        import narwhals.stable.v2 as nw
        import numpy as np
    except ImportError as exc:
        module = (exc.name or "narwhals").split(".")[0]
        raise MissingExtraError("tables", module, "classify_table") from None
    return nw, np


def classify_table(
    family: Family | str | os.PathLike[str],
    table: TableT,
    *,
    rule: Any = None,
    complete: bool = False,
    columns: Mapping[str, str] | None = None,
    lang: str = "nl",
) -> TableT:
    """Classify one function (functie) per row of *table*; return it with five result columns.

    Args:
        family: The job family, an installed family's code, or a family file.
        table: A pandas or polars DataFrame or a pyarrow Table (anything narwhals
            reads eagerly). One row per function.
        rule: A rule name or :class:`Rule`; None for the family's rule.
        complete: Require a rating for every criterion of the family.
        columns: Column name to criterion (code or name) for the criterion
            columns; when given, only these columns are read as ratings. By
            default a column is a criterion column when its name is a
            criterion's code or Dutch name, in any case (as in :func:`classify`).
        lang: Language of the warnings (``nl``, ``fr``, ``en``).

    The family and the table may also come the other way round, as Dask's
    ``ddf.map_partitions(classify_table, family)`` passes them.

    Cells are read as :func:`classify` reads ratings: a level code, name or
    alias, a span ``"C..B"``; empty cells (None, NaN, ``""``) are not rated,
    and so are the "not applicable" markers of HR sheets (``n.v.t.``, ``nvt``,
    ``s.o.``, ``n/a``, ``n.a.``, dashes; any case) unless the family has a level
    of that name;
    numbers are accepted where they equal a level code (``12``, ``12.0``,
    ``Decimal("12")``).

    Returns:
        A table of the same kind, with the input's columns untouched and the
        string columns (pandas: ``object`` columns of str or None) ``level``, ``level_span``, ``spread``, ``warnings``
        (joined by ``"; "``) and ``error`` appended; a value is null where it
        does not apply (``level`` on a row with an ``error``, ``level_span``
        without span ratings). Each row is what :func:`classify` gives for it.

    Raises:
        MissingExtraError: the ``tables`` extra is not installed.
        TypeError: *table* is not a table narwhals can read.
        RatingError: the table already has a result column, repeats a column
            name, has two columns naming one criterion, or none naming one.
        UnknownCriterionError: *columns* names an unknown criterion.
        UnknownRuleError, RuleError, LanguageError: for *rule* and *lang*.
        UnknownFamilyError, FamilyError: *family* names no family that loads.
    """
    from ._classify import _rules
    from ._classify._engine import _plan
    from ._classify._vector import classify_columns
    from ._resolve import as_family

    if not isinstance(family, Family | str | os.PathLike) and isinstance(
        table, Family | str | os.PathLike
    ):
        # map_partitions(classify_table, family) passes the partition first.
        family, table = table, family
    check_lang(lang)
    nw, np = _modules()
    family = as_family(family)
    plan = _plan(family)
    resolved = plan.default_rule() if rule is None else _rules.resolve_rule(rule)
    from narwhals.exceptions import DuplicateError

    try:
        frame = nw.from_native(table, eager_only=True)
    except TypeError:
        lazy = callable(getattr(table, "collect", None))  # polars' LazyFrame, Dask, ...
        raise TypeError(
            "'table' must be a pandas or polars DataFrame or a pyarrow Table "
            f"(got {type(table).__name__}"
            f"{', which is lazy: pass table.collect()' if lazy else ''})"
        ) from None
    except DuplicateError:
        names = [str(n) for n in getattr(table, "columns", [])]
        repeated = sorted({n for n in names if names.count(n) > 1})
        raise RatingError(
            f"the table repeats column name(s) {', '.join(map(repr, repeated))}: "
            "classify_table needs unique column names"
        ) from None
    names = list(frame.columns)
    chosen = _criterion_columns(family, names, columns)
    rows = len(frame)
    factorised = [(ci, *_factorise(frame.get_column(name), nw, np)) for name, ci in chosen]
    results = classify_columns(plan, factorised, rows, resolved, complete=complete, lang=lang)
    backend = frame.implementation
    appended = []
    for name in RESULT_COLUMNS:
        texts, index = results[name]
        if backend.is_pandas():
            import pandas as pd  # type: ignore[import-untyped, unused-ignore]

            # numpy's take on an object array is many times pandas' take on strings.
            values = np.array(texts, dtype=object)[index]
            column = pd.Series(values, index=frame.to_native().index, name=name, dtype=object)
            appended.append(nw.from_native(column, series_only=True))
            continue
        distinct = nw.new_series(name, texts, nw.String(), backend=backend)
        appended.append(distinct[index] if rows else distinct.head(0))
    out = frame.with_columns(*appended)
    return nw.to_native(out)  # type: ignore[no-any-return]


def _criterion_columns(
    family: Family, names: Sequence[Any], given: Mapping[str, str] | None
) -> list[tuple[str, int]]:
    """The criterion columns as ``(column name, criterion index)``, in the table's order."""
    taken = [n for n in names if isinstance(n, str) and n.strip().casefold() in RESULT_COLUMNS]
    if taken:
        raise RatingError(
            f"the table already has result column(s) {', '.join(map(repr, taken))}: "
            "rename or drop them first"
        )
    index = {c.code: i for i, c in enumerate(family.criteria)}
    if given is not None:
        missing = [n for n in given if n not in names]
        if missing:
            raise RatingError(
                f"columns= names column(s) the table does not have: {', '.join(map(repr, missing))}"
            )
        wanted = {n: index[family.criterion(str(c)).code] for n, c in given.items()}
    else:
        wanted = {}
        for n in names:
            if not isinstance(n, str) or not n.strip():
                continue
            try:
                wanted[n] = index[family.criterion(n.strip()).code]
            except UnknownCriterionError:
                continue  # another column: carried through
    seen: dict[int, str] = {}
    out: list[tuple[str, int]] = []
    for n in names:
        if n not in wanted:
            continue
        ci = wanted[n]
        if ci in seen:
            code = family.criteria[ci].code
            raise RatingError(
                f"columns {seen[ci]!r} and {n!r} both name the criterion {code!r}", code
            )
        seen[ci] = n
        out.append((n, ci))
    if not out:
        raise RatingError(
            f"no column names a criterion of {family.code!r} "
            f"(criteria: {', '.join(c.code for c in family.criteria)}); pass columns= to map them"
        )
    return out


def _factorise(series: Any, nw: Any, np: Any) -> tuple[Any, list[Any]]:
    """Integer codes per row (-1 for null) and the distinct values, natively where possible."""
    native = series.to_native()
    impl = series.implementation
    if impl.is_pyarrow():
        return _factorise_arrow(native, np)
    if impl.is_polars():
        arrow = _as_arrow(native.to_arrow)
        if arrow is not None:  # dictionary_encode is five times replace_strict
            return _factorise_arrow(arrow, np)
        distinct = native.drop_nulls().unique(maintain_order=True)
        codes = native.replace_strict(
            distinct, np.arange(len(distinct), dtype=np.int64), default=-1
        )
        return codes.fill_null(-1).to_numpy(), distinct.to_list()
    if impl.is_pandas_like():
        if getattr(native.dtype, "storage", None) == "pyarrow":
            arrow = _as_arrow(lambda: native.array.__arrow_array__())
            if arrow is not None:
                return _factorise_arrow(arrow, np)
        from pandas.api.types import infer_dtype  # type: ignore[import-untyped, unused-ignore]

        # factorize merges True with 1 (they hash alike); a column that may hold
        # bools among other values takes the slower, exact path.
        if native.dtype != object or infer_dtype(native, skipna=True) in _NO_BOOLS:
            try:
                codes, uniques = native.factorize(use_na_sentinel=True)
            except TypeError:  # a value pandas cannot hash (Decimal("sNaN")): one by one
                return _factorise_values(native.tolist(), np)
            return np.asarray(codes), list(uniques)
        return _factorise_values(native.tolist(), np)
    return _factorise_values(series.to_list(), np)


def _as_arrow(convert: Any) -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped, unused-ignore]  # noqa: F401
    except ImportError:
        return None
    return convert()


def _factorise_arrow(array: Any, np: Any) -> tuple[Any, list[Any]]:
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    if hasattr(array, "combine_chunks"):
        array = array.combine_chunks()
    try:
        encoded = pc.dictionary_encode(array)
    except (NotImplementedError, TypeError):  # lists, structs: no kernel; read them one by one
        return _factorise_values(array.to_pylist(), np)
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    # A dictionary column arrives as it is, and its indices may be unsigned
    # (polars' Categorical and Enum: uint32), which cannot hold -1 for a null.
    indices = encoded.indices.cast(pa.int64())
    codes = indices.fill_null(-1).to_numpy(zero_copy_only=False)
    return codes, encoded.dictionary.to_pylist()


def _factorise_values(values: list[Any], np: Any) -> tuple[Any, list[Any]]:
    found: dict[tuple[bool, Any], int] = {}
    uniques: list[Any] = []
    codes = np.empty(len(values), dtype=np.int64)
    for i, v in enumerate(values):
        if v is None or (isinstance(v, float) and v != v) or type(v).__name__ in _MISSING:
            codes[i] = -1
            continue
        key: tuple[bool, Any] = (type(v) is bool, v)
        try:
            code = found.get(key)
        except TypeError:  # unhashable (a list): a value of its own
            key, code = (False, ("unhashable", i)), None
        if code is None:
            code = found[key] = len(uniques)
            uniques.append(v)
        codes[i] = code
    return codes, uniques
