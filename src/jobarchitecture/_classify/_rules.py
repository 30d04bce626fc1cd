"""Classification rules: how the ratings of a family's criteria combine into one level.

No published rule says how the distinguishing criteria combine (DOMAIN.md), so
the rule is pluggable. A rule sees level *ranks* (0 = the lowest level of the
scale), one per rated criterion, with the criteria's weights in the same order,
and returns one rank. Built-in rules are looked up by name; third-party rules
come from the entry-point group ``jobarchitecture.rules``, read once and only
when a name is not built in.
"""

from __future__ import annotations

import difflib
import math
import threading
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from .._errors import RuleError, UnknownRuleError, log_warning

#: The entry-point group third-party rules register under.
GROUP = "jobarchitecture.rules"
#: The rule used when neither the caller nor the family names one.
DEFAULT_RULE = "lower_median"


class Rule(Protocol):
    """A classification rule (indelingsregel).

    Attributes:
        name: The rule's name, as given to :func:`classify` and in results.
        monotone: Raising any criterion's rating never lowers the result. Tests
            and users rely on this flag; set it only when it is true.

    Calling a rule with the ranks of the rated criteria (0 = lowest level; at
    least one rank) and their weights (same order, each >= 0) returns the rank
    of the resulting level, one of the given ranks or between them.
    """

    @property
    def name(self) -> str: ...

    @property
    def monotone(self) -> bool: ...

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int: ...


class ColumnRule(Rule, Protocol):
    """A rule that can also run on whole columns: its vectorised form (optional).

    ``on_columns(ranks, weights)`` takes a 2-D numpy integer array of ranks, one
    row per rating set and one column per criterion, -1 where a criterion is not
    rated (every row rates at least one), and a 1-D float array of the columns'
    weights. It returns a 1-D integer array: for each row, what calling the rule
    with that row's rated ranks and weights, in column order, returns.
    :func:`~jobarchitecture.classify_table` uses it when present; a rule
    without it is called once per distinct rating combination, with the same
    results.
    """

    def on_columns(self, ranks: Any, weights: Any, /) -> Any: ...


def columns_form(rule: Rule) -> Any:
    """The vectorised form of *rule* (its ``on_columns``), or None when it has none."""
    form = getattr(rule, "on_columns", None)
    return form if callable(form) else None


def _sorted_rated(ranks: Any) -> tuple[Any, Any]:
    # Each row sorted with the unrated (-1) last, and the number rated per row.
    import numpy as np

    rated = ranks >= 0
    high = np.where(rated, ranks, np.iinfo(ranks.dtype).max)
    return np.sort(high, axis=1), rated.sum(axis=1)


def _pick(table: Any, column: Any) -> Any:
    import numpy as np

    return table[np.arange(len(table)), column]


class _Builtin:
    """Base of the built-in rules: a name, a monotone flag and a description in nl and en."""

    __slots__ = ()
    name: str = ""
    monotone: bool = True
    #: True when the rule reads the weights; the others ignore them.
    weighted: bool = False
    summary_en: str = ""
    summary_nl: str = ""

    def __repr__(self) -> str:
        return f"<rule {self.name!r}>"

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        raise NotImplementedError


class _LowerMedian(_Builtin):
    __slots__ = ()
    name = "lower_median"
    summary_en = (
        "the lower median: the highest level that more than half of the rated "
        "criteria reach (with an even number of criteria, the lower of the two middle ratings)"
    )
    summary_nl = (
        "de ondermediaan: het hoogste niveau dat meer dan de helft van de beoordeelde "
        "criteria haalt (bij een even aantal criteria de laagste van de twee middelste beoordelingen)"
    )

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        s = sorted(ranks)
        return s[(len(s) - 1) // 2]

    def on_columns(self, ranks: Any, weights: Any, /) -> Any:
        s, k = _sorted_rated(ranks)
        return _pick(s, (k - 1) // 2)


class _UpperMedian(_Builtin):
    __slots__ = ()
    name = "upper_median"
    summary_en = (
        "the upper median: the highest level that at least half of the rated criteria "
        "reach (with an even number of criteria, the higher of the two middle ratings)"
    )
    summary_nl = (
        "de bovenmediaan: het hoogste niveau dat minstens de helft van de beoordeelde "
        "criteria haalt (bij een even aantal criteria de hoogste van de twee middelste beoordelingen)"
    )

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        s = sorted(ranks)
        return s[len(s) // 2]

    def on_columns(self, ranks: Any, weights: Any, /) -> Any:
        s, k = _sorted_rated(ranks)
        return _pick(s, k // 2)


class _Minimum(_Builtin):
    __slots__ = ()
    name = "minimum"
    summary_en = "the lowest rating: every rated criterion must reach the level"
    summary_nl = "de laagste beoordeling: elk beoordeeld criterium moet het niveau halen"

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        return min(ranks)

    def on_columns(self, ranks: Any, weights: Any, /) -> Any:
        return _sorted_rated(ranks)[0][:, 0]


class _Maximum(_Builtin):
    __slots__ = ()
    name = "maximum"
    summary_en = "the highest rating: one criterion at the level suffices"
    summary_nl = "de hoogste beoordeling: één criterium op het niveau volstaat"

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        return max(ranks)

    def on_columns(self, ranks: Any, weights: Any, /) -> Any:
        return ranks.max(axis=1)


class _Weighted(_Builtin):
    __slots__ = ()
    name = "weighted"
    weighted = True
    summary_en = (
        "the weighted lower median: the lowest level at or below which at least half "
        "of the rated criteria's total weight lies (weights from the family or the caller)"
    )
    summary_nl = (
        "de gewogen ondermediaan: het laagste niveau waarop of waaronder minstens de helft "
        "van het totale gewicht van de beoordeelde criteria ligt (gewichten uit de familie of "
        "van de gebruiker)"
    )

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        # fsum: the total does not depend on the order of the criteria.
        total = math.fsum(weights)
        if total <= 0:
            # No rated criterion carries weight: every criterion counts the same.
            s = sorted(ranks)
            return s[(len(s) - 1) // 2]
        pairs = sorted(zip(ranks, weights, strict=True))
        acc = 0.0
        for rank, weight in pairs:
            acc += weight
            if 2 * acc >= total:
                return rank
        return pairs[-1][0]  # only reached through rounding

    def on_columns(self, ranks: Any, weights: Any, /) -> Any:
        import numpy as np

        rated = ranks >= 0
        # math.fsum per distinct set of rated criteria: the same total as __call__, exactly.
        bits = rated.astype(np.int64) @ (1 << np.arange(ranks.shape[1], dtype=np.int64))
        patterns, which = np.unique(bits, return_inverse=True)
        totals = np.array(
            [math.fsum(w for j, w in enumerate(weights) if p >> j & 1) for p in patterns.tolist()]
        )[which]
        high = np.where(rated, ranks, np.iinfo(ranks.dtype).max)
        w = np.where(rated, weights[None, :], 0.0)
        # Sorted by (rank, weight) as __call__ sorts its pairs, then summed left to
        # right as it does, so rounding is the same.
        order = np.lexsort((w, high), axis=1)
        s = np.take_along_axis(high, order, axis=1)
        acc = np.cumsum(np.take_along_axis(w, order, axis=1), axis=1)
        k = rated.sum(axis=1)
        hit = (2 * acc >= totals[:, None]) & (np.arange(ranks.shape[1])[None, :] < k[:, None])
        out = _pick(s, np.where(hit.any(axis=1), hit.argmax(axis=1), k - 1))
        unweighted = totals <= 0
        if unweighted.any():
            out[unweighted] = _pick(np.sort(high[unweighted], axis=1), (k[unweighted] - 1) // 2)
        return out


class _Mode(_Builtin):
    __slots__ = ()
    name = "mode"
    monotone = False
    summary_en = (
        "the most frequent rating, the lowest of them on a tie (not monotone: raising "
        "one criterion can lower the result)"
    )
    summary_nl = (
        "de meest voorkomende beoordeling, bij gelijke stand de laagste (niet monotoon: "
        "één criterium verhogen kan het resultaat verlagen)"
    )

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        counts: dict[int, int] = {}
        for r in ranks:
            counts[r] = counts.get(r, 0) + 1
        best = max(counts.values())
        return min(r for r, c in counts.items() if c == best)

    def on_columns(self, ranks: Any, weights: Any, /) -> Any:
        import numpy as np

        top = int(ranks.max()) + 1
        counts = np.stack([(ranks == r).sum(axis=1) for r in range(top)], axis=1)
        return counts.argmax(axis=1)  # the first maximum: the lowest rank on a tie


#: The built-in rules by name, in the order the documentation lists them.
BUILTINS: dict[str, _Builtin] = {
    r.name: r
    for r in (_LowerMedian(), _UpperMedian(), _Minimum(), _Maximum(), _Weighted(), _Mode())
}


def _key(name: str) -> str:
    return name.strip().casefold().replace("-", "_").replace(" ", "_")


def _origin(ep: Any) -> str:
    dist = getattr(ep, "dist", None)
    dist_name = getattr(dist, "name", None) if dist is not None else None
    version = getattr(dist, "version", None) if dist is not None else None
    where = f"{ep.name} = {ep.value}"
    return f"{dist_name} {version} ({where})" if dist_name else f"entry point ({where})"


def is_rule(obj: object) -> bool:
    """True when *obj* looks like a :class:`Rule`: a str name, a bool monotone, callable."""
    return (
        isinstance(getattr(obj, "name", None), str)
        and isinstance(getattr(obj, "monotone", None), bool)
        and callable(obj)
    )


class _RuleSet:
    """Third-party rules from entry points: names read once, each rule loaded on first use.

    Args:
        entry_points: Entry points to use instead of the installed ones (tests).
    """

    def __init__(self, entry_points: Iterable[Any] | None = None) -> None:
        self._given = None if entry_points is None else list(entry_points)
        self._lock = threading.Lock()
        self._claims: dict[str, list[Any]] | None = None
        self._loaded: dict[str, Rule] = {}

    def _discover(self) -> dict[str, list[Any]]:
        if self._claims is not None:
            return self._claims
        with self._lock:
            if self._claims is None:
                if self._given is not None:
                    eps: Iterable[Any] = self._given
                else:
                    # Imported here so that importing jobarchitecture stays cheap.
                    from .._entrypoints import entry_points

                    eps = entry_points(group=GROUP)
                claims: dict[str, list[Any]] = {}
                seen: set[tuple[str, str]] = set()
                for ep in eps:
                    if (ep.name, ep.value) in seen:
                        continue  # one distribution visible twice on sys.path
                    seen.add((ep.name, ep.value))
                    if ep.name in BUILTINS:
                        # A built-in name means the same thing everywhere; a plugin
                        # cannot redefine it, but it should hear why it is ignored.
                        log_warning(
                            "rule %r from %s ignored: it is a built-in rule name",
                            ep.name,
                            _origin(ep),
                        )
                        continue
                    claims.setdefault(ep.name, []).append(ep)
                self._claims = claims
        return self._claims

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self._discover()))

    def get(self, name: str) -> Rule | None:
        """The third-party rule *name*, loaded and checked; None when none is installed.

        Raises:
            RuleError: two plugins claim the name, or the plugin is broken.
        """
        if name in self._loaded:
            return self._loaded[name]
        claims = self._discover().get(name)
        if not claims:
            return None
        if len(claims) > 1:
            origins = " and ".join(_origin(ep) for ep in claims)
            raise RuleError(name, f"{len(claims)} plugins claim this name: {origins}")
        ep = claims[0]
        origin = _origin(ep)
        try:
            obj = ep.load()
            if isinstance(obj, type):
                obj = obj()  # a rule class: rules are stateless, one instance serves all
        except Exception as exc:  # any import-time failure of third-party code
            raise RuleError(name, f"cannot load: {type(exc).__name__}: {exc}", origin) from exc
        if not is_rule(obj):
            raise RuleError(
                name,
                "expected an object with a str 'name', a bool 'monotone' and a "
                f"__call__(ranks, weights) (got {type(obj).__name__})",
                origin,
            )
        if obj.name != name:
            raise RuleError(
                name, f"the entry point is named {name!r} but the rule calls itself {obj.name!r}"
            )
        with self._lock:
            self._loaded.setdefault(name, obj)
        return self._loaded[name]


_plugins = _RuleSet()


def get_rule(name: str) -> Rule:
    """The rule called *name*: a built-in or an installed plugin rule.

    Names match case-insensitively, with ``-`` or a space for ``_``.

    Raises:
        UnknownRuleError: no rule has that name; lists the names and the closest.
        RuleError: the plugin providing it is broken.
    """
    found = BUILTINS.get(name)
    if found is not None:
        return found
    key = _key(name)
    found = BUILTINS.get(key)
    if found is not None:
        return found
    plugin = _plugins.get(name) or (_plugins.get(key) if key != name else None)
    if plugin is not None:
        return plugin
    options = rule_names()
    match = difflib.get_close_matches(key, options, n=1, cutoff=0.5)
    raise UnknownRuleError(name, options, match[0] if match else None)


def rule_names() -> tuple[str, ...]:
    """Every rule name: the built-ins first (default first), then installed plugins, sorted."""
    return (*BUILTINS, *_plugins.names())


def resolve_rule(rule: str | Rule) -> Rule:
    """*rule* itself when it is a rule object, else the rule of that name.

    Raises:
        UnknownRuleError: see :func:`get_rule`.
        TypeError: *rule* is neither a name nor a rule.
    """
    if isinstance(rule, str):
        return get_rule(rule)
    if isinstance(rule, _Builtin) or is_rule(rule):
        return rule
    raise TypeError(
        "'rule' must be a rule name or an object with 'name', 'monotone' and "
        f"__call__(ranks, weights) (got {type(rule).__name__})"
    )


def describe(rule_name: str, lang: str = "en") -> str | None:
    """The one-line description of a built-in rule in *lang* (nl or en), or None."""
    builtin = BUILTINS.get(rule_name)
    if builtin is None:
        return None
    return builtin.summary_nl if lang == "nl" else builtin.summary_en
