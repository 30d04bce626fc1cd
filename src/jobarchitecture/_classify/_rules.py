"""Classification rules: how the ratings of a family's criteria combine into one level.

No published rule says how the distinguishing criteria combine (DOMAIN.md), so
the rule is pluggable. A rule sees level *ranks* (0 = the lowest level of the
scale), one per rated criterion, with the criteria's weights in the same order,
and returns one rank. Built-in rules are looked up by name; third-party rules
come from the entry-point group ``jobarchitecture.rules``, read once and only
when a name is not built in.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from .._errors import JobArchitectureError, RuleError, UnknownRuleError, closest, log_warning
from .._model import Text, check_lang

if TYPE_CHECKING:
    from ._ruleinfo import RuleInfo

#: The entry-point group third-party rules register under.
GROUP = "jobarchitecture.rules"
#: The rule used when neither the caller nor the family names one.
DEFAULT_RULE = "lower_median"
#: The laws a rule can declare (``laws``), as the testing kit checks them.
#:
#: ``unanimous``: every rating at one level gives that level; ``bounded``: the
#: result lies between the lowest and the highest rating; ``monotone``: raising a
#: rating never lowers the result; ``order_invariant``: the order of the ratings
#: does not matter.
LAWS = ("unanimous", "bounded", "monotone", "order_invariant")


class Rule(Protocol):
    """A classification rule (indelingsregel).

    Attributes:
        name: The rule's name, as given to :func:`classify` and in results.
        monotone: Raising any criterion's rating never lowers the result. Tests
            and users rely on this flag; set it only when it is true.

    Calling a rule with the ranks of the rated criteria (0 = lowest level; at
    least one rank) and their weights (same order, each >= 0) returns the rank
    of the resulting level, one of the given ranks or between them.

    Optional members, read when present:

    - ``laws``: the names from :data:`LAWS` the rule obeys, as data (default:
      ``("monotone",)`` when *monotone* is true, else none). ``monotone`` must
      agree with it.
    - ``describe(lang)``: a one-line description in ``nl``, ``fr`` or ``en``
      (None when there is none in that language), or ``description``: one
      string, or a mapping from language to string. :meth:`Classification.explain`
      shows it, falling back to Dutch, then English.
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
    """Base of the built-in rules: a name, its laws and a description in nl, fr and en."""

    __slots__ = ()
    name: str = ""
    monotone: bool = True
    laws: tuple[str, ...] = LAWS
    #: True when the rule reads the weights; the others ignore them.
    weighted: bool = False
    summary_en: str = ""
    summary_nl: str = ""
    summary_fr: str = ""

    def __repr__(self) -> str:
        return f"<rule {self.name!r}>"

    def describe(self, lang: str) -> str:
        """The rule in one line in *lang* (nl, fr or en)."""
        return Text(self.summary_nl, self.summary_fr, self.summary_en).get(lang)

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        raise NotImplementedError


class _LowerMedian(_Builtin):
    __slots__ = ()
    name = "lower_median"
    summary_en = (
        "the lower median: the highest level that more than half of the rated "
        "criteria reach; with an even number of criteria, the lower of the two middle ratings"
    )
    summary_nl = (
        "de ondermediaan: het hoogste niveau dat meer dan de helft van de beoordeelde "
        "criteria haalt; bij een even aantal criteria de laagste van de twee middelste beoordelingen"
    )

    summary_fr = (
        "la médiane inférieure : le niveau le plus élevé atteint par plus de la moitié des "
        "critères évalués ; avec un nombre pair de critères, la plus basse des deux évaluations "
        "du milieu"
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
        "reach; with an even number of criteria, the higher of the two middle ratings"
    )
    summary_nl = (
        "de bovenmediaan: het hoogste niveau dat minstens de helft van de beoordeelde "
        "criteria haalt; bij een even aantal criteria de hoogste van de twee middelste beoordelingen"
    )

    summary_fr = (
        "la médiane supérieure : le niveau le plus élevé atteint par au moins la moitié des "
        "critères évalués ; avec un nombre pair de critères, la plus haute des deux évaluations "
        "du milieu"
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

    summary_fr = "l'évaluation la plus basse : chaque critère évalué doit atteindre le niveau"

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        return min(ranks)

    def on_columns(self, ranks: Any, weights: Any, /) -> Any:
        return _sorted_rated(ranks)[0][:, 0]


class _Maximum(_Builtin):
    __slots__ = ()
    name = "maximum"
    summary_en = "the highest rating: one criterion at the level suffices"
    summary_nl = "de hoogste beoordeling: één criterium op het niveau volstaat"

    summary_fr = "l'évaluation la plus haute : un seul critère au niveau suffit"

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
        "of the rated criteria's total weight lies; weights from the family or the caller"
    )
    summary_nl = (
        "de gewogen ondermediaan: het laagste niveau waarop of waaronder minstens de helft "
        "van het totale gewicht van de beoordeelde criteria ligt; gewichten uit de familie of "
        "van de gebruiker"
    )

    summary_fr = (
        "la médiane inférieure pondérée : le niveau le plus bas auquel ou sous lequel se trouve "
        "au moins la moitié du poids total des critères évalués ; poids de la famille ou de "
        "l'utilisateur"
    )

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        # math is a shared library (0.4 ms to load): only the weighted rule needs it,
        # and a cached import costs a call far less than fsum itself.
        import math

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
        import math

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
    laws = ("unanimous", "bounded", "order_invariant")
    summary_en = (
        "the most frequent rating, the lowest of them on a tie; not monotone: raising "
        "one criterion can lower the result"
    )
    summary_nl = (
        "de meest voorkomende beoordeling, bij gelijke stand de laagste; niet monotoon: "
        "één criterium verhogen kan het resultaat verlagen"
    )

    summary_fr = (
        "l'évaluation la plus fréquente, la plus basse en cas d'égalité ; non monotone : "
        "relever un critère peut abaisser le résultat"
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


def _dist(ep: Any) -> tuple[str | None, str | None]:
    dist = getattr(ep, "dist", None)
    return getattr(dist, "name", None), getattr(dist, "version", None)


def is_rule(obj: object) -> bool:
    """True when *obj* looks like a :class:`Rule`: a str name, a bool monotone, callable."""
    return (
        isinstance(getattr(obj, "name", None), str)
        and isinstance(getattr(obj, "monotone", None), bool)
        and callable(obj)
    )


def laws_of(rule: Rule) -> tuple[str, ...]:
    """The laws *rule* declares, in the order of :data:`LAWS`.

    Without a ``laws`` member, a monotone rule declares ``monotone`` only.

    Raises:
        RuleError: ``laws`` is not a collection of law names, names an unknown
            law, or disagrees with ``monotone``.
    """
    declared = getattr(rule, "laws", None)
    if declared is None:
        return ("monotone",) if rule.monotone else ()
    if isinstance(declared, str) or not isinstance(declared, Iterable):
        raise RuleError(
            rule.name,
            f"'laws' must be a collection of law names ({', '.join(LAWS)}), "
            f"got {type(declared).__name__}",
        )
    names = set(declared)
    unknown = sorted((x for x in names if x not in LAWS), key=repr)
    if unknown:
        # A misspelt law ('monotonic') is the common case: name the one meant.
        hints = [h for x in unknown if isinstance(x, str) and (h := closest(x, LAWS))]
        hint = f"; did you mean {', '.join(repr(h) for h in hints)}?" if hints else ""
        raise RuleError(
            rule.name,
            f"unknown law {', '.join(repr(x) for x in unknown)} in 'laws' "
            f"(laws: {', '.join(LAWS)}){hint}",
        )
    if ("monotone" in names) != rule.monotone:
        listed = "lists" if "monotone" in names else "does not list"
        raise RuleError(rule.name, f"'monotone' is {rule.monotone} but 'laws' {listed} 'monotone'")
    return tuple(law for law in LAWS if law in names)


def _one_line(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return " ".join(value.split())


def description_of(rule: Rule, lang: str = "en") -> str | None:
    """*rule*'s one-line description in *lang*, else in Dutch, else in English; None without one.

    Raises:
        LanguageError: *lang* is not nl, fr or en.
        RuleError: the rule's ``describe`` raised.
    """
    check_lang(lang)
    langs = dict.fromkeys((lang, "nl", "en"))
    method = getattr(rule, "describe", None)
    description = getattr(rule, "description", None)
    for one in langs:
        if callable(method):
            try:
                text = method(one)
            except Exception as exc:  # third-party code: report it as that rule's fault
                raise RuleError(
                    rule.name, f"describe({one!r}) raised {type(exc).__name__}: {exc}"
                ) from exc
        elif isinstance(description, Text | Mapping):
            text = description.get(one)
        else:
            text = description
        found = _one_line(text)
        if found is not None:
            return found
    return None


#: A plugin rule that takes a built-in name; ``jobarchitecture rules`` shows it.
SHADOW_REASON = "takes the name of a built-in rule, so the built-in rule is used instead"


class _RuleSet:
    """Third-party rules from entry points: names read once, each rule loaded on first use.

    Args:
        entry_points: Entry points to use instead of the installed ones (tests).
    """

    def __init__(self, entry_points: Iterable[Any] | None = None) -> None:
        self._given = None if entry_points is None else list(entry_points)
        self._lock = threading.Lock()
        self._claims: dict[str, list[Any]] | None = None
        self._shadows: list[Any] = []
        self._loaded: dict[str, Rule] = {}
        self._failed: dict[str, RuleError] = {}

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
                        # cannot redefine it. Kept, so that `jobarchitecture rules`
                        # and the CLI can show it to the user, not only to a log.
                        self._shadows.append(ep)
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
        """The names of the plugin rules that load and check out, sorted."""
        return tuple(name for name in sorted(self._discover()) if self._usable(name))

    def _usable(self, name: str) -> bool:
        try:
            return self.get(name) is not None
        except RuleError:
            return False

    def shadowing(self, name: str) -> tuple[str, ...]:
        """Where the plugins come from that try to take the built-in name *name*."""
        self._discover()
        return tuple(_origin(ep) for ep in self._shadows if ep.name == name)

    def origin(self, rule: object) -> str | None:
        """The distribution and entry point of a plugin rule, or None.

        A rule object the caller made itself (``MyRule()``, not the name) counts
        as the plugin's when an entry point of its name points into its module.
        """
        for name, loaded in self._loaded.items():
            if loaded is rule:
                claims = self._discover().get(name) or []
                return _origin(claims[0]) if claims else None
        own: object = getattr(rule, "name", None)
        module = getattr(rule, "__module__", None) or type(rule).__module__
        mine = self._discover().get(own) if isinstance(own, str) else None
        if mine and len(mine) == 1 and mine[0].value.partition(":")[0].strip() == module:
            # An editable install maps no module to its distribution
            # (packages_distributions), but its entry points still say whose it is.
            return _origin(mine[0])
        return None

    def infos(self, lang: str) -> list[RuleInfo]:
        """Every plugin rule, usable or broken, and every plugin taking a built-in name."""
        from ._ruleinfo import RuleInfo

        out: list[RuleInfo] = []
        for name, claims in sorted(self._discover().items()):
            dist, version = _dist(claims[0]) if len(claims) == 1 else (None, None)
            source = " and ".join(_origin(ep) for ep in claims)
            try:
                rule = self.get(name)
                assert rule is not None  # claimed names always have entry points
                out.append(
                    RuleInfo(name, source, dist, version, laws_of(rule), description_of(rule, lang))
                )
            except RuleError as exc:
                out.append(RuleInfo(name, source, dist, version, broken=exc.reason))
        for ep in sorted(self._shadows, key=lambda ep: (ep.name, ep.value)):
            dist, version = _dist(ep)
            out.append(RuleInfo(ep.name, _origin(ep), dist, version, broken=SHADOW_REASON))
        return out

    def get(self, name: str) -> Rule | None:
        """The third-party rule *name*, loaded and checked; None when none is installed.

        Raises:
            RuleError: two plugins claim the name, or the plugin is broken.
        """
        if name in self._loaded:
            return self._loaded[name]
        if name in self._failed:
            raise self._failed[name]
        claims = self._discover().get(name)
        if not claims:
            return None
        try:
            rule = self._load(name, claims)
        except RuleError as exc:
            with self._lock:
                self._failed.setdefault(name, exc)
            raise
        with self._lock:
            self._loaded.setdefault(name, rule)
        return self._loaded[name]

    def _load(self, name: str, claims: list[Any]) -> Rule:
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
                name,
                f"the entry point is named {name!r} but the rule calls itself {obj.name!r}",
                origin,
            )
        try:
            # Checked once here, so that a bad declaration shows in `rules`, not mid-run.
            laws_of(obj)
            description_of(obj, "nl")
        except RuleError as exc:
            raise RuleError(name, exc.reason, origin) from exc
        return obj  # type: ignore[no-any-return]


_plugins = _RuleSet()


def get_rule(name: str) -> Rule:
    """The rule called *name*: a built-in or an installed plugin rule.

    Names match case-insensitively, with ``-`` or a space for ``_``.

    Raises:
        UnknownRuleError: no rule has that name; lists the names and the closest.
        RuleError: the plugin providing it is broken.
    """
    if not isinstance(name, str):
        raise UnknownRuleError(name, rule_names())  # names are strings: no closest
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
    raise UnknownRuleError(name, options, closest(key, options))


def rule_names() -> tuple[str, ...]:
    """Every usable rule name: the built-ins first (default first), then plugins, sorted.

    A plugin rule that cannot load or fails its checks is left out;
    :func:`rule_infos` lists it with the reason.
    """
    return (*BUILTINS, *_plugins.names())


def rule_infos(lang: str = "en") -> tuple[RuleInfo, ...]:
    """Every rule with its source, laws and description in *lang*, broken plugins included.

    The built-ins come first, then plugin rules by name, then plugins that try to
    take a built-in's name (listed as broken).

    Raises:
        LanguageError: *lang* is not nl, fr or en.
    """
    from ._ruleinfo import RuleInfo  # only the rule listing creates the class (0.5 ms)

    check_lang(lang)
    builtins = [
        RuleInfo(r.name, "built-in", laws=r.laws, description=r.describe(lang))
        for r in BUILTINS.values()
    ]
    return (*builtins, *_plugins.infos(lang))


def shadowing(name: str) -> tuple[str, ...]:
    """Where the installed plugins come from that try to take the built-in rule name *name*."""
    key = _key(name)
    return _plugins.shadowing(key) if key in BUILTINS else ()


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


def origin_of(rule: object) -> str | None:
    """Where a third-party rule comes from: its distribution and entry point or module."""
    found = _plugins.origin(rule)
    if found is not None:
        return found
    module = getattr(rule, "__module__", None) or type(rule).__module__
    where = f"{module}.{getattr(rule, '__qualname__', type(rule).__qualname__)}"
    # Imported only on this error path: reading every distribution's metadata is slow.
    from importlib import metadata

    dists = metadata.packages_distributions().get(module.partition(".")[0], [])
    if not dists:
        return where
    return f"{dists[0]} {metadata.version(dists[0])} ({where})"


def call(rule: Rule, ranks: Sequence[int], weights: Sequence[float]) -> Any:
    """Apply a third-party *rule*; an exception from it becomes a RuleError naming it.

    A :class:`JobArchitectureError` passes through: a rule may refuse ratings.
    """
    try:
        return rule(ranks, weights)
    except JobArchitectureError:
        raise
    except Exception as exc:  # third-party code: say whose fault it is, not "internal error"
        raise RuleError(rule.name, f"raised {type(exc).__name__}: {exc}", origin_of(rule)) from exc


def describe(rule: str | Rule, lang: str = "en") -> str | None:
    """The one-line description of a rule (by name or object) in *lang*, or None.

    A rule that is not installed (e.g. a classification read back elsewhere),
    or whose plugin is broken, has none.
    """
    if isinstance(rule, str):
        found: Rule | None = BUILTINS.get(rule)
        if found is None:
            try:
                found = _plugins.get(rule)
            except RuleError:
                return None
        if found is None:
            return None
        rule = found
    try:
        return description_of(rule, lang)
    except RuleError:
        return None
