"""`classify_table`: each row of a pandas, polars or Arrow table gets exactly what
`classify` gives for it, at column speed."""

from __future__ import annotations

import decimal
import math
import pickle
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture import strategies as jst

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")
np = pytest.importorskip("numpy")

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ["level", "level_span", "spread", "warnings", "error"]


class SecondLowest:
    """A third-party rule without a vectorised form: the second lowest rating."""

    name = "second_lowest"
    monotone = True

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        s = sorted(ranks)
        return s[min(1, len(s) - 1)]


class Stubborn:
    """A broken third-party rule: it returns a rank outside the scale."""

    name = "stubborn"
    monotone = True

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        return 99


RULES: list[Any] = [*ja.rule_names()[:6], SecondLowest(), Stubborn()]


def _as_classify_reads(cell: Any) -> Any:
    # The documented reading of a table cell: a number is the level code it spells.
    if isinstance(cell, float) and math.isnan(cell):
        return None
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float):
        return str(int(cell))
    return cell


def _expected(
    family: ja.Family, header: list[str], row: list[Any], rule: Any, complete: bool, lang: str
) -> list[str | None]:
    """The five result cells `classify` gives for one row."""
    ratings = {h: _as_classify_reads(v) for h, v in zip(header, row, strict=True)}
    try:
        c = ja.classify(family, ratings, rule, complete=complete)
        level = c.level  # a broken rule raises here
    except ja.JobArchitectureError as exc:
        return [None, None, None, None, str(exc)]

    def span(pair: tuple[str, str]) -> str:
        return pair[0] if pair[0] == pair[1] else f"{pair[0]}..{pair[1]}"

    # Worded as to_dict(lang, family) words them: in *lang*, the criteria by their
    # names in it where the family has them.
    said = c.to_dict(lang, family)["warnings"]
    return [
        level,
        None if c.level_span is None else span(c.level_span),
        span(c.spread),
        "; ".join(said) or None,
        None,
    ]


def _cells(family: ja.Family) -> st.SearchStrategy[Any]:
    """A cell of a criterion column: a level in any spelling, a span, empty, or bad."""
    levels = family.scale.levels
    spelled = st.sampled_from(levels).flatmap(
        lambda lv: st.sampled_from([*lv.names(), lv.code.lower(), lv.code.upper()])
    )
    span = st.tuples(st.sampled_from(levels), st.sampled_from(levels)).map(
        lambda p: f"{p[0].code}..{p[1].code}"
    )
    return st.one_of(
        spelled, spelled, span, st.none(), st.just(""), st.just(" "), st.just("ZZ-onbekend")
    )


@st.composite
def _tables(draw: st.DrawFn, mixed: bool = False) -> tuple[Any, ...]:
    family = draw(jst.families(max_levels=4, max_criteria=5))
    criteria = family.criteria
    picked = draw(st.lists(st.sampled_from(criteria), min_size=1, unique=True))
    header = [draw(st.sampled_from([c.code, c.code.upper(), c.name.nl.lower()])) for c in picked]
    if len({h.casefold() for h in header}) < len(header) or any(
        family.criterion(h).code != c.code for h, c in zip(header, picked, strict=True)
    ):
        header = [c.code for c in picked]  # a name that is also another criterion's code
    cell = _cells(family)
    if mixed:
        numeric = [lv.code for lv in family.scale.levels if lv.code.isdigit()]
        extra = [st.just(float("nan")), st.just(True), st.integers(0, 30)]
        if numeric:
            extra.append(
                st.sampled_from(numeric).flatmap(lambda c: st.sampled_from([int(c), float(c)]))
            )
        cell = st.one_of(cell, *extra)
    rows = draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=25))
    rule = draw(st.sampled_from(RULES))
    return (
        family,
        header,
        rows,
        rule,
        draw(st.booleans()),
        draw(st.sampled_from(["nl", "fr", "en"])),
    )


def _result_rows(table: Any) -> list[list[str | None]]:
    """The five result columns of a returned table, as Python values, row by row."""
    if isinstance(table, pa.Table):
        table = pl.from_arrow(table)
    if isinstance(table, pl.DataFrame):
        return [list(r) for r in table.select(RESULTS).rows()]
    frame = table[RESULTS].astype(object)
    return [[None if v is None or v is pd.NA or v != v else v for v in r] for r in frame.values]


@settings(max_examples=150, deadline=None)
@given(_tables())
def test_every_row_is_what_classify_gives_on_every_backend(case: tuple[Any, ...]) -> None:
    """For generated families, ratings, rules, empty and bad cells, pandas, polars and
    Arrow tables each give, row for row, classify's level, span, spread, warnings and error."""
    family, header, rows, rule, complete, lang = case
    expected = [_expected(family, header, r, rule, complete, lang) for r in rows]
    data = {"id": list(range(len(rows))), **{h: [r[j] for r in rows] for j, h in enumerate(header)}}
    schema = {"id": pl.Int64, **dict.fromkeys(header, pl.String)}
    tables = [
        pd.DataFrame(data).astype(dict.fromkeys(header, object)),
        pl.DataFrame(data, schema=schema),
        pa.table(data, schema=pa.schema([("id", pa.int64()), *((h, pa.string()) for h in header)])),
    ]
    for table in tables:
        out = ja.classify_table(family, table, rule=rule, complete=complete, lang=lang)
        assert type(out) is type(table)
        assert _result_rows(out) == expected, type(table)


@settings(max_examples=100, deadline=None)
@given(_tables(mixed=True))
def test_numbers_nan_and_bools_in_a_pandas_column(case: tuple[Any, ...]) -> None:
    """Object columns mixing level strings, integer and float level codes, NaN and
    bools give what classify gives for the numbers spelt as level codes."""
    family, header, rows, rule, complete, lang = case
    expected = [_expected(family, header, r, rule, complete, lang) for r in rows]
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    out = ja.classify_table(family, frame, rule=rule, complete=complete, lang=lang)
    assert _result_rows(out) == expected


@st.composite
def _rank_matrices(draw: st.DrawFn) -> tuple[Any, Any]:
    levels = draw(st.integers(1, 6))
    width = draw(st.integers(1, 7))
    cell = st.integers(-1, levels - 1)
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=40))
    rows = [r if any(v >= 0 for v in r) else [0, *r[1:]] for r in rows]
    weights = draw(
        st.lists(
            st.floats(0, 1e6, allow_nan=False) | st.sampled_from([0.0, 0.5, 1.0, 2.0]),
            min_size=width,
            max_size=width,
        )
    )
    return np.array(rows, dtype=np.int16), np.array(weights, dtype=np.float64)


@settings(max_examples=300, deadline=None)
@given(_rank_matrices(), st.sampled_from(ja.rule_names()[:6]))
def test_vectorised_rules_equal_their_call_row_by_row(matrix: tuple[Any, Any], name: str) -> None:
    """Each built-in rule's on_columns gives, per row, what calling it with that
    row's rated ranks and weights gives, for any weights (rounding included)."""
    ranks, weights = matrix
    rule = ja.get_rule(name)
    got = rule.on_columns(ranks, weights).tolist()  # type: ignore[attr-defined]
    for row, value in zip(ranks.tolist(), got, strict=True):
        rated = [j for j, r in enumerate(row) if r >= 0]
        expected = rule([row[j] for j in rated], [float(weights[j]) for j in rated])
        assert value == expected, (row, weights)


@settings(max_examples=60, deadline=None)
@given(_tables(), st.randoms(use_true_random=False))
def test_row_order_does_not_change_any_row(case: tuple[Any, ...], rng: Any) -> None:
    """Shuffling the rows shuffles the results with them: a row's result depends on it alone."""
    family, header, rows, rule, complete, lang = case
    order = list(range(len(rows)))
    rng.shuffle(order)
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    shuffled = pd.DataFrame([rows[i] for i in order], columns=header, dtype=object)
    first = _result_rows(ja.classify_table(family, frame, rule=rule, complete=complete, lang=lang))
    second = _result_rows(
        ja.classify_table(family, shuffled, rule=rule, complete=complete, lang=lang)
    )
    assert second == [first[i] for i in order]


@settings(max_examples=40, deadline=None)
@given(_tables())
def test_every_way_of_grouping_rows_gives_the_same(case: tuple[Any, ...]) -> None:
    """Grouping by a lookup table, by sorting keys, or by sorting the stacked states
    (for tables too wide for one integer key) gives the same results."""
    from jobarchitecture._classify import _vector

    family, header, rows, rule, complete, lang = case
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    results = []
    for table_limit, key_limit in ((1 << 22, 1 << 62), (0, 1 << 62), (0, 0)):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(_vector, "_TABLE_LIMIT", table_limit)
            mp.setattr(_vector, "_KEY_LIMIT", key_limit)
            out = ja.classify_table(family, frame, rule=rule, complete=complete, lang=lang)
            results.append(_result_rows(out))
    assert results[0] == results[1] == results[2]


def _stored_otherwise(header: list[str], rows: list[list[Any]]) -> dict[str, Any]:
    """The same string cells held as categories, dictionaries and Arrow strings."""
    data = {h: [r[j] for r in rows] for j, h in enumerate(header)}
    enum = pl.Enum(sorted({v for col in data.values() for v in col if v is not None}))
    return {
        "pandas category": pd.DataFrame({h: pd.Categorical(v) for h, v in data.items()}),
        "pandas string[pyarrow]": pd.DataFrame(
            {h: pd.Series(v, dtype="string[pyarrow]") for h, v in data.items()}
        ),
        "polars Categorical": pl.DataFrame(data, schema=dict.fromkeys(header, pl.Categorical)),
        "polars Enum": pl.DataFrame(data, schema=dict.fromkeys(header, enum)),
        "Arrow dictionary": pa.table(
            {h: pa.array(v, pa.string()).dictionary_encode() for h, v in data.items()}
        ),
    }


@settings(max_examples=60, deadline=None)
@given(_tables())
def test_how_a_column_is_stored_does_not_change_any_row(case: tuple[Any, ...]) -> None:
    """Categorical, Enum, dictionary and Arrow-backed string columns, nulls included,
    give row for row what plain string columns give: the storage is not a rating."""
    family, header, rows, rule, complete, lang = case
    plain = pd.DataFrame(rows, columns=header, dtype=object)
    expected = _result_rows(
        ja.classify_table(family, plain, rule=rule, complete=complete, lang=lang)
    )
    for kind, table in _stored_otherwise(header, rows).items():
        out = ja.classify_table(family, table, rule=rule, complete=complete, lang=lang)
        assert _result_rows(out) == expected, kind


def test_polars_categorical_column_with_an_empty_cell() -> None:
    """A polars Categorical or Enum column with a null is classified (it raised
    OverflowError: its Arrow indices are unsigned)."""
    family = ja.get_family("ondersteuners")
    for dtype in (pl.Categorical, pl.Enum(["D", "C", "B"])):
        frame = pl.DataFrame({"id": [1, 2, 3], "kennis": pl.Series(["C", None, "B"], dtype=dtype)})
        out = ja.classify_table(family, frame)
        assert out["level"].to_list() == ["C", None, "B"]
        assert out["error"][1].startswith("no criterion is rated")


def test_input_columns_and_order_are_untouched() -> None:
    """The input's columns, values, order and pandas index come back as they were."""
    family = ja.get_family("ondersteuners")
    frame = pd.DataFrame(
        {"id": [7, 8, 9], "kennis": ["C", "B", "X"], "opmerking": ["a", None, "c"]},
        index=[30, 10, 20],
    )
    before = frame.copy()
    out = ja.classify_table(family, frame)
    assert list(out.columns) == ["id", "kennis", "opmerking", *RESULTS]
    pd.testing.assert_frame_equal(out[before.columns], before)
    pd.testing.assert_frame_equal(frame, before)
    assert list(out["level"].astype(object).where(out["level"].notna(), None)) == ["C", "B", None]


def test_numeric_level_codes_from_polars_and_arrow() -> None:
    """Integer and float columns match levels whose codes or classes are numbers; others are row errors."""
    family = ja.get_family("organisatieondersteuning")
    crit = [c.code for c in family.criteria]
    # 15 is a function class of the band 15/16; 14.5 is no level at all.
    data = {crit[0]: [14, 19, 15, None], crit[1]: [14.0, 19.0, 14.5, float("nan")]}
    pandas_out = ja.classify_table(family, pd.DataFrame(data))
    for table in (pl.DataFrame(data, nan_to_null=True), pa.table(data)):
        out = _result_rows(ja.classify_table(family, table))
        assert out == _result_rows(pandas_out)
    rows = _result_rows(pandas_out)
    assert [r[0] for r in rows] == ["14", "19", None, None]
    assert "unknown level '14.5'" in (rows[2][4] or "")
    assert (rows[3][4] or "").startswith("no criterion is rated")


_DECIMALS = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(["adviseurs", "organisatieondersteuning"]),
    st.lists(st.none() | st.integers(10, 20).map(decimal.Decimal) | _DECIMALS, max_size=20),
)
def test_a_decimal_column_reads_as_the_numbers_it_holds(
    code: str, cells: list[decimal.Decimal | None]
) -> None:
    """Decimal cells (Arrow and polars decimal columns, from Parquet or a database)
    give row for row what the same numbers give as floats: Decimal("12") is level 12,
    Decimal("12.50") an unknown level '12.5'. They were all refused as not a level."""
    family = ja.get_family(code)
    crit = family.criteria[0].code
    floats = pd.DataFrame({crit: [np.nan if v is None else float(v) for v in cells]})
    expected = _result_rows(ja.classify_table(family, floats))
    arrow = pa.table({crit: pa.array(cells, pa.decimal128(12, 2))})
    tables = [arrow, pl.from_arrow(arrow), pd.DataFrame({crit: cells}, dtype=object)]
    for table in tables:
        assert _result_rows(ja.classify_table(family, table)) == expected, type(table)


def test_decimal_level_codes_are_levels() -> None:
    """A decimal128 column of function classes classifies as an integer column does."""
    family = ja.get_family("adviseurs")
    crit = family.criteria[0].code
    cells = [decimal.Decimal("12"), None, decimal.Decimal("17.00")]
    out = ja.classify_table(family, pa.table({crit: pa.array(cells, pa.decimal128(4, 2))}))
    assert out["level"].to_pylist() == ["12", None, "17/18"]


_ANY_CELL = st.one_of(
    st.text(),
    st.sampled_from(["C", "c..b", " n.v.t. ", "B..D", "12", "Niveau C", "–"]),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.booleans(),
    st.none(),
    st.binary(max_size=4),
    st.dates(),
    st.lists(st.sampled_from(["D", "C", "B", "x", ""]), max_size=3),
    st.tuples(st.sampled_from(["D", "C"]), st.sampled_from(["B", 3])),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_ANY_CELL, min_size=2, max_size=2), max_size=12))
# Found by this test: pandas cannot hash a signalling NaN (factorize raised TypeError).
@example(rows=[["", decimal.Decimal("sNaN")]])
def test_any_cell_gives_a_level_or_a_named_error(rows: list[list[Any]]) -> None:
    """Totality: whatever a cell holds (any text, numbers, decimals, bools, bytes,
    dates, lists), every row comes back with a level or an error saying why, never
    both, and classify_table raises nothing; text columns do the same on every backend."""
    family = ja.get_family("ondersteuners")
    header = ["kennis", "Contacten"]
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    texts = {
        h: [v if isinstance(v, str) or v is None else repr(v) for v in col]
        for h, col in frame.items()
    }
    tables = [frame, pd.DataFrame(texts), pl.DataFrame(texts), pa.table(texts)] if rows else [frame]
    for table in tables:
        out = _result_rows(ja.classify_table(family, table))
        assert len(out) == len(rows)
        for level, _span, spread, _warnings, error in out:
            assert (level is None) != (error is None), (level, error)
            assert (spread is None) == (level is None)
            assert error is None or (isinstance(error, str) and error.strip())


def test_list_cells_are_spans_as_in_classify() -> None:
    """Cells holding lists of levels (polars list columns, pandas objects) read as classify reads them."""
    family = ja.get_family("ondersteuners")
    cells = [["C"], ["D", "C"], ["B", "D"], []]
    expected = [_expected(family, ["kennis"], [c], None, False, "nl") for c in cells]
    for table in (pl.DataFrame({"kennis": cells}), pd.DataFrame({"kennis": cells})):
        assert _result_rows(ja.classify_table(family, table)) == expected


def test_columns_maps_names_explicitly() -> None:
    """columns= maps other column names to criteria; unmapped criterion-like columns are carried."""
    family = ja.get_family("ondersteuners")
    frame = pl.DataFrame({"K": ["C", "B"], "kennis": ["Q", "Q"], "Contact": ["B", "B"]})
    out = ja.classify_table(family, frame, columns={"K": "kennis", "Contact": "Contacten"})
    assert out["level"].to_list() == ["C", "B"]
    assert out["kennis"].to_list() == ["Q", "Q"]
    with pytest.raises(ja.UnknownCriterionError, match="did you mean 'kennis'"):
        ja.classify_table(family, frame, columns={"K": "kenis"})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": [1]}, "no column names a criterion of 'ondersteuners'"),
        ({"kennis": ["C"], "KENNIS": ["C"]}, "columns 'kennis' and 'KENNIS' both name"),
        ({"kennis": ["C"], "Level": ["C"]}, "already has result column(s) 'Level'"),
    ],
)
def test_bad_columns_are_one_clear_error(data: dict[str, list[Any]], message: str) -> None:
    """A table without criteria, with a criterion twice or with a result column: a RatingError."""
    with pytest.raises(ja.RatingError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ja.classify_table(ja.get_family("ondersteuners"), pl.DataFrame(data))


def test_repeated_column_names_are_one_clear_error() -> None:
    """A pandas frame with a repeated column name is refused in one line naming it."""
    frame = pd.DataFrame([["C", "x", "y"]], columns=["kennis", "id", "id"])
    with pytest.raises(ja.RatingError) as info:
        ja.classify_table(ja.get_family("ondersteuners"), frame)
    assert str(info.value) == (
        "the table repeats column name(s) 'id': classify_table needs unique column names"
    )


def test_not_a_table_and_bad_arguments() -> None:
    """A non-table, an unknown rule or language are refused at the call."""
    family = ja.get_family("ondersteuners")
    with pytest.raises(TypeError, match="'table' must be a pandas or polars DataFrame"):
        ja.classify_table(family, [{"kennis": "C"}])
    with pytest.raises(
        TypeError, match=r"\(got LazyFrame, which is lazy: pass table.collect\(\)\)"
    ):
        ja.classify_table(family, pl.LazyFrame({"kennis": ["C"]}))
    frame = pl.DataFrame({"kennis": ["C"]})
    with pytest.raises(ja.UnknownRuleError):
        ja.classify_table(family, frame, rule="mediaan")
    with pytest.raises(ja.LanguageError):
        ja.classify_table(family, frame, lang="de")


def test_empty_table_keeps_its_schema() -> None:
    """A table without rows comes back without rows, with the result columns added."""
    out = ja.classify_table(
        ja.get_family("ondersteuners"), pl.DataFrame({"kennis": []}, schema={"kennis": pl.String})
    )
    assert out.columns == ["kennis", *RESULTS]
    assert out.height == 0


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without narwhals, classify_table raises one line naming the tables extra."""
    monkeypatch.setitem(sys.modules, "narwhals.stable.v2", None)
    with pytest.raises(ja.MissingExtraError) as info:
        ja.classify_table(ja.get_family("ondersteuners"), pl.DataFrame({"kennis": ["C"]}))
    assert str(info.value) == (
        "classify_table needs narwhals, which is not installed "
        "(pip install 'jobarchitecture[tables]')"
    )
    assert isinstance(info.value, ImportError)
    assert info.value.extra == "tables"


def test_excel_sheet_read_by_pandas(tmp_path: Path) -> None:
    """A frame from a real .xlsx (numeric levels, empty cells, extra columns) is classified
    as classify classifies each row with the numbers spelt as codes."""
    openpyxl = pytest.importorskip("openpyxl")
    family = ja.get_family("adviseurs")
    crit = [c.code for c in family.criteria]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Personeelsnr", "Functie", *crit[:3], "Opmerking"])
    sheet.append([101, "adviseur", 12, "13/14", 12, "ok"])
    sheet.append([102, "senior", 15, None, "15/16", None])  # 15: the band 15/16, by class
    sheet.append([103, None, None, None, None, "leeg"])
    sheet.append([104, "expert", "17/18", "Waarde 4", "17/18", None])
    sheet.append([105, "junior", 12.0, 12, None, None])
    path = tmp_path / "functies.xlsx"
    book.save(path)
    frame = pd.read_excel(path)
    out = ja.classify_table(family, frame)
    header = crit[:3]
    for i, row in enumerate(frame[header].astype(object).values.tolist()):
        expected = _expected(family, header, row, None, False, "nl")
        assert _result_rows(out.iloc[[i]])[0] == expected
    assert list(out["Personeelsnr"]) == [101, 102, 103, 104, 105]
    levels = _result_rows(out)
    assert [r[0] for r in levels] == ["12", "15/16", None, "17/18", "12"]


def test_dask_partitions_equal_the_single_machine_result() -> None:
    """map_partitions(classify_table) on a local Dask cluster equals one classify_table call."""
    dd = pytest.importorskip("dask.dataframe")
    import dask

    family = ja.get_family("ondersteuners")
    rng = np.random.default_rng(3)
    values = np.array(["D", "C", "B", "C..B", "", "E", None], dtype=object)
    frame = pd.DataFrame({c.code: rng.choice(values, 3000) for c in family.criteria})
    frame["id"] = np.arange(3000)
    single = ja.classify_table(family, frame)
    ddf = dd.from_pandas(frame, npartitions=7)
    meta = single.iloc[:0]
    with dask.config.set(scheduler="threads"):
        spread = ddf.map_partitions(ja.classify_table, family, meta=meta).compute()
    # Dask turns the input's object columns into strings (None becomes NA); the results agree.
    assert list(spread["id"]) == list(single["id"])
    assert _result_rows(spread) == _result_rows(single)


def test_family_pickles_and_classifies_the_same() -> None:
    """A Family survives pickling (as it ships to workers) and classifies the same tables."""
    family = ja.get_family("ondersteuners")
    copy = pickle.loads(pickle.dumps(family))
    assert copy == family
    frame = pl.DataFrame({"kennis": ["C", "B"], "contacten": ["B", None]})
    assert ja.classify_table(copy, frame).equals(ja.classify_table(family, frame))


def test_import_loads_no_table_library() -> None:
    """import jobarchitecture (and classify) loads neither narwhals nor numpy nor a DataFrame library."""
    code = (
        "import sys, jobarchitecture as ja; ja.classify(ja.get_family('ondersteuners'), {'kennis': 'C'}); "
        "print(','.join(m for m in ('narwhals', 'numpy', 'pandas', 'polars', 'pyarrow') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_not_applicable_cells_are_not_rated() -> None:
    """In a DataFrame, n.v.t., nvt, dashes, n/a, n.a. and s.o. (any case) are not rated,
    as None is, on every backend; a family's level of that name keeps it."""
    family = ja.get_family("ondersteuners")
    markers = ["n.v.t.", "NVT", "-", "\u2013", "\u2014", "n/a", "N.A.", "s.o."]
    data = {"kennis": ["C"] * len(markers), "contacten": markers}
    expected = _result_rows(
        ja.classify_table(family, pd.DataFrame({"kennis": ["C"] * 8, "contacten": [None] * 8}))
    )
    for table in (pd.DataFrame(data), pl.DataFrame(data), pa.table(data)):
        assert _result_rows(ja.classify_table(family, table)) == expected
    levels = list(family.scale.levels)
    levels[0] = attrs.evolve(levels[0], aliases=(*levels[0].aliases, "n.v.t."))
    evolved = attrs.evolve(family, scale=attrs.evolve(family.scale, levels=tuple(levels)))
    out = _result_rows(ja.classify_table(evolved, pd.DataFrame({"kennis": ["n.v.t.", "-"]})))
    assert [r[0] for r in out] == [levels[0].code, None]
