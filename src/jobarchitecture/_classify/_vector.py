"""The vectorised engine behind :func:`~jobarchitecture.classify_table`.

A table is classified a column at a time, never a row at a time:

1. each criterion column arrives factorised (one integer code per row, and its
   distinct values); each distinct value is read once into a rank span, "not
   rated" or an error message;
2. the rows are grouped by their combination of ratings (an integer key per
   row), so everything that depends only on the ratings is done once per
   distinct combination: the rule, on whole columns when it has a vectorised
   form (:class:`~jobarchitecture._classify._rules.ColumnRule`), and the spread,
   span and warnings text;
3. the result columns are those per-combination texts gathered back to the rows.

The cost in Python is per distinct value and per distinct combination; per row
there is only numpy. Needs numpy (the ``tables`` extra).
"""

from __future__ import annotations

import decimal
import numbers
from collections.abc import Sequence
from typing import Any

from .._errors import JobArchitectureError, RuleError
from .._model import check_lang
from ._engine import _TRUSTED, _checked, _Plan
from ._result import SPAN_SEPARATOR, _warning_lines
from ._rules import Rule, call, columns_form, origin_of

#: The result columns, in order.
RESULT_COLUMNS: tuple[str, ...] = ("level", "level_span", "spread", "warnings", "error")
#: Joins the warnings of one row in the ``warnings`` column.
WARNING_SEPARATOR = "; "
# A combination key space up to this size is indexed by a lookup table, larger by sorting.
_TABLE_LIMIT = 1 << 22
# Beyond this many combinations the key would overflow int64: group the stacked states.
_KEY_LIMIT = 1 << 62

#: One result column: its distinct texts (None where empty), and per row an index into them.
Column = tuple[list[str | None], Any]


def cell_value(value: Any) -> Any:
    """A table cell as :func:`classify` reads it: None for empty, a string for a number.

    Spreadsheets and DataFrames hold level codes such as ``12`` as ``12``,
    ``np.int64(12)``, ``12.0`` or ``Decimal("12")`` (a decimal column); those
    become ``"12"``, which matches a level whose code is ``12``. NaN, None,
    ``pd.NA`` and ``NaT`` are not rated.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and value != value:  # NaN
        return None
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values
        return None
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return bool(value)  # classify refuses a bool with its own message
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, decimal.Decimal):
        # Arrow's and polars' decimal columns (Parquet, databases): not numbers.Real.
        if value.is_nan():
            return None
        if value.is_finite() and value == value.to_integral_value():
            return str(int(value))
        return str(value.normalize())
    if isinstance(value, numbers.Real):
        number = float(value)
        if number != number:
            return None
        return str(int(number)) if number.is_integer() else str(number)
    return value


def _state(plan: _Plan, ci: int, value: Any) -> tuple[int, int] | str | None:
    """The (low, high) ranks of one cell, None when not rated, or its error message."""
    value = cell_value(value)
    if isinstance(value, str) and plan.not_applicable(value):
        return None
    try:
        return plan.value(ci, value)
    except JobArchitectureError as exc:
        return str(exc)


def _span_text(codes: Sequence[str], low: int, high: int) -> str:
    return codes[low] if low == high else f"{codes[low]}{SPAN_SEPARATOR}{codes[high]}"


def classify_columns(
    plan: _Plan,
    columns: Sequence[tuple[int, Any, Sequence[Any]]],
    rows: int,
    rule: Rule,
    *,
    complete: bool = False,
    lang: str = "nl",
) -> dict[str, Column]:
    """Classify *rows* rating sets given as factorised criterion columns.

    Args:
        plan: The family's index.
        columns: Per criterion column, in the table's order: the criterion's
            index, an integer array of codes (one per row, -1 for an empty cell)
            and the distinct values the codes point to.
        rows: The number of rows.
        rule: The rule, resolved.
        complete: Require every criterion of the family to be rated.
        lang: The language of the warnings (``"en"``, else Dutch).

    Returns:
        Per result column (:data:`RESULT_COLUMNS`), its texts and the index of
        each row's text.
    """
    import numpy as np

    words = check_lang(lang)
    codes = plan.codes
    n = plan.n
    messages: dict[str, int] = {}
    # Per row: the first column's error (-1: none); per column and row, the
    # index of the cell's state among the distinct states of that column.
    first_error = np.full(rows, -1, dtype=np.int64)
    # Per column: the distinct states that occur, as (low, high); (-1, -1) not
    # rated, (-2, -2) an error.
    column_states: list[list[tuple[int, int]]] = []
    per_column: list[Any] = []
    for ci, col_codes, uniques in columns:
        states: dict[tuple[int, int], int] = {}
        compact = np.empty(len(uniques) + 1, dtype=np.int32)
        errors = np.full(len(uniques) + 1, -1, dtype=np.int64)
        for u, value in enumerate([*uniques, None]):
            found = _state(plan, ci, value)
            if found is None:
                pair = (-1, -1)
            elif isinstance(found, str):
                pair = (-2, -2)
                errors[u] = messages.setdefault(found, len(messages))
            else:
                pair = found
            compact[u] = states.setdefault(pair, len(states))
        column_states.append(list(states))
        # Code -1 (an empty cell) picks the last entry: the None appended above.
        index = np.asarray(col_codes)
        if index.dtype.kind != "i":
            index = index.astype(np.int64)
        if (errors >= 0).any():
            row_errors = errors[index]
            # The first bad column in the table's order names the row's error, as in classify.
            first_error = np.where((first_error < 0) & (row_errors >= 0), row_errors, first_error)
        per_column.append(compact[index])
    sizes = [len(s) for s in column_states]
    size = 1
    for t in sizes:
        size *= t
    if size >= _KEY_LIMIT:
        # A very wide table: the key would overflow, so group the stacked states.
        combos, first, inverse = np.unique(
            np.stack(per_column, axis=1), axis=0, return_index=True, return_inverse=True
        )
        inverse = inverse.reshape(-1)
    else:
        key = np.zeros(rows, dtype=np.int64)
        for t, states_j in zip(sizes, per_column, strict=True):
            key *= t
            key += states_j
        if size <= _TABLE_LIMIT:
            # Grouping through a lookup table is linear; sorting a million keys is not.
            seen = np.full(size, -1, dtype=np.int64)
            seen[key[::-1]] = np.arange(rows - 1, -1, -1)  # the first row of each key wins
            present = np.flatnonzero(seen >= 0)
            first = seen[present]
            lookup = np.empty(size, dtype=np.int64)
            lookup[present] = np.arange(len(present))
            inverse = lookup[key]
        else:
            present, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        combos = _decode(present, sizes, np)
    del per_column
    m = len(columns)
    groups = len(first)
    low = np.empty((groups, m), dtype=np.int16)
    high = np.empty((groups, m), dtype=np.int16)
    for j, states_j in enumerate(column_states):
        table = np.array(states_j, dtype=np.int16).reshape(-1, 2)
        low[:, j] = table[combos[:, j], 0]
        high[:, j] = table[combos[:, j], 1]
    bad = (low == -2).any(axis=1)
    rated = (low >= 0).sum(axis=1)
    cis = [ci for ci, _, _ in columns]
    group_error: list[str | None] = [None] * groups
    nothing = f"no criterion is rated (criteria: {', '.join(plan.crit_codes)})"
    for g in np.flatnonzero(~bad & (rated == 0)).tolist():
        group_error[g] = nothing
    ok = ~bad & (rated > 0)
    if complete:
        short = ok & (rated < plan.m)
        for g in np.flatnonzero(short).tolist():
            given = {cis[j] for j in range(m) if low[g, j] >= 0}
            missing = [c for i, c in enumerate(plan.crit_codes) if i not in given]
            group_error[g] = (
                f"ratings are incomplete (complete=True): not rated: {', '.join(missing)}"
            )
        ok &= ~short
    weights = np.array([plan.weights[ci] for ci in cis], dtype=np.float64)
    level = np.full(groups, -1, dtype=np.int64)
    level_high = np.full(groups, -1, dtype=np.int64)
    spans = ok & (low != high).any(axis=1)
    form = columns_form(rule)
    if form is not None:
        picked = np.flatnonzero(ok)
        if len(picked):
            level[picked] = _in_range(rule, _on_columns(rule, form, low[picked], weights), n, np)
        picked = np.flatnonzero(spans)
        if len(picked):
            level_high[picked] = _in_range(
                rule, _on_columns(rule, form, high[picked], weights), n, np
            )
    else:
        trusted = type(rule) in _TRUSTED
        for g in np.flatnonzero(ok).tolist():
            js = [j for j in range(m) if low[g, j] >= 0]
            w = [float(weights[j]) for j in js]
            try:
                # Through call(), as classify() does: an exception from a third-party
                # rule becomes that row's RuleError naming the rule, not a crash.
                r = (
                    rule([int(low[g, j]) for j in js], w)
                    if trusted
                    else _checked(rule, call(rule, [int(low[g, j]) for j in js], w), n)
                )
                level[g] = r
                if spans[g]:
                    hs = [int(high[g, j]) for j in js]
                    level_high[g] = rule(hs, w) if trusted else _checked(rule, call(rule, hs, w), n)
            except JobArchitectureError as exc:
                group_error[g] = str(exc)
                level[g] = -1
    texts: dict[str, list[str | None]] = {name: [None] * groups for name in RESULT_COLUMNS}
    texts["error"] = group_error
    # The criteria as the warnings' language names them (Dutch where it has no name).
    names = [c.name.get(words) for c in plan.criteria]
    order = sorted(range(m), key=lambda j: cis[j])  # evidence comes in the family's order
    low_rows, high_rows = low.tolist(), high.tolist()  # Python ints: indexing numpy is slow
    level_list, high_list, span_list = level.tolist(), level_high.tolist(), spans.tolist()
    for g in np.flatnonzero(level >= 0).tolist():
        lows, highs = low_rows[g], high_rows[g]
        rated_cols = [(cis[j], lows[j], highs[j]) for j in order if lows[j] >= 0]
        r = level_list[g]
        span: tuple[str, str] | None = None
        if span_list[g]:
            h = high_list[g]
            span = (codes[min(r, h)], codes[max(r, h)])
            texts["level_span"][g] = _span_text(codes, min(r, h), max(r, h))
        texts["level"][g] = codes[r]
        lo = min(x[1] for x in rated_cols)
        hi = max(x[2] for x in rated_cols)
        texts["spread"][g] = _span_text(codes, lo, hi)
        said = _warning_list(plan, names, words, rated_cols, codes[r], span, rule.name)
        texts["warnings"][g] = WARNING_SEPARATOR.join(said) if said else None
    index = inverse.astype(np.int64, copy=False)
    if messages:
        # Rows with a bad cell point past the combinations, at their message.
        index = np.where(first_error >= 0, groups + first_error, index)
        for name in RESULT_COLUMNS:
            texts[name].extend([None] * len(messages))
        texts["error"][groups:] = list(messages)
    return {name: (texts[name], index) for name in RESULT_COLUMNS}


def _warning_list(
    plan: _Plan,
    names: Sequence[str],
    words: str,
    rated: Sequence[tuple[int, int, int]],
    level: str,
    span: tuple[str, str] | None,
    rule_name: str,
) -> list[str]:
    """The warnings of one rating combination, worded from its ranks.

    From the ranks, as ``_result._warning_lines`` words them, because building a
    Classification's evidence per combination costs ten times as much.
    *rated* holds ``(criterion index, low, high)`` in the family's order.
    """
    given = {ci for ci, _, _ in rated}
    unrated = tuple(code for i, code in enumerate(plan.crit_codes) if i not in given)
    return _warning_lines(
        words,
        plan.codes,
        [(names[ci], a, b) for ci, a, b in rated],
        level,
        span,
        rule_name,
        unrated,
    )


def _decode(keys: Any, sizes: Sequence[int], np: Any) -> Any:
    """The per-column state indices of each combination key (mixed radix, last column fastest)."""
    out = np.empty((len(keys), len(sizes)), dtype=np.int64)
    rest = keys.copy()
    for j in range(len(sizes) - 1, -1, -1):
        rest, out[:, j] = np.divmod(rest, sizes[j])
    return out


def _on_columns(rule: Rule, form: Any, ranks: Any, weights: Any) -> Any:
    if type(rule) in _TRUSTED:
        return form(ranks, weights)
    try:
        return form(ranks, weights)
    except JobArchitectureError:
        raise
    except Exception as exc:  # third-party code: say whose fault it is, as call() does
        raise RuleError(
            rule.name, f"on_columns raised {type(exc).__name__}: {exc}", origin_of(rule)
        ) from exc


def _in_range(rule: Rule, ranks: Any, n: int, np: Any) -> Any:
    ranks = np.asarray(ranks)
    if ranks.dtype.kind not in "iu" or (len(ranks) and (ranks.min() < 0 or ranks.max() >= n)):
        raise RuleError(
            rule.name, f"on_columns returned ranks outside 0 to {n - 1}", origin_of(rule)
        )
    return ranks
