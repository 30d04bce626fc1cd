"""Family discovery: entry points of the group ``jobarchitecture.families`` and
files named by ``JOBARCHITECTURE_PATH``.

Listing families parses nothing: an entry point's name is the family code and a
file's stem is its code. A family is parsed on first use and cached.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol, cast

import attrs

from . import _cache
from ._errors import (
    DuplicateFamilyError,
    FamilyError,
    FormatVersionError,
    LimitsError,
    PluginDataError,
    PluginError,
    Problem,
    UnknownFamilyError,
    closest,
    escape_controls,
    log_warning,
)
from ._model import Family

if TYPE_CHECKING:
    from pathlib import Path

    from ._broken import BrokenFamily

#: The entry-point group family plugins register under.
GROUP = "jobarchitecture.families"
#: Data file names looked for inside a plugin package, in this order.
DATA_FILES: tuple[str, ...] = ("family.toml", "family.json")
STRICT_ENV = "JOBARCHITECTURE_STRICT"
PATH_ENV = "JOBARCHITECTURE_PATH"
# _format.SUFFIXES, repeated so that listing files does not import cattrs
# (tests/test_cache.py checks that the two agree).
_SUFFIXES: tuple[str, ...] = (".toml", ".json")

#: What a loader finds: a family object (a plugin built it in code), or a data
#: file's bytes with the name it is reported under, its suffix and, when it is a
#: plain file, its path (the cache is keyed by it).
_Found = Family | tuple[bytes, str, str, str | None]


class _EntryPoint(Protocol):
    name: str
    value: str

    @property
    def dist(self) -> Any: ...

    def load(self) -> Any: ...


@attrs.frozen
class FamilyInfo:
    """Where a family comes from, known without parsing it.

    Attributes:
        code: The family code.
        origin: ``"entry point"`` or ``"path"``.
        distribution: The distribution that provides it (entry points only).
        version: That distribution's version.
        location: The entry point's value or the file's path.
    """

    code: str
    origin: str
    distribution: str | None
    version: str | None
    location: str

    def describe(self) -> str:
        """One phrase naming the source, for messages."""
        if self.distribution:
            return f"{self.distribution} {self.version} ({self.code} = {self.location})"
        return self.location


#: What a plugin can raise that marks it broken. KeyboardInterrupt is left to
#: stop the program, as the user asked; other BaseExceptions are not a plugin's
#: to raise. SystemExit is caught: a plugin must not end its host.
_PLUGIN_FAILURES = (Exception, SystemExit)


def _misregistered(found: str, code: str, info: FamilyInfo, loaded: _Found) -> str:
    """Why a family whose data has code *found* cannot be family *code*, and the
    two ways to fix it: the data's code, or the name the family is found by;
    said as a problem of the data file's ``$.code``, at its line, when there is one."""
    said = f"its data has code {found!r}, but it is registered as {code!r}"
    if isinstance(loaded, Family):  # built in code: no data file to point at
        return f"{said} by its entry point: rename the entry point to {found!r}"
    data, where, suffix, _ = loaded
    if info.origin == "path":
        said += (
            f" by its file name: rename the file to {found}{suffix}, or set its code to {code!r}"
        )
    else:
        said += (
            f" by its entry point: set its code to {code!r}, or rename the entry point to {found!r}"
        )
    line = None
    if suffix == ".toml":
        from ._lines import key_lines

        line = key_lines(data.decode("utf-8", "replace")).get("$.code")
    return str(Problem(where, "$.code", said, line))


def _meant(exc: BaseException, value: str) -> str:
    """``; did you mean 'pkg'?`` when *exc* says that the module the entry point
    *value* names is not installed and a module of a name close to it is (a
    misspelt package in pyproject.toml); else nothing."""
    missing = getattr(exc, "name", None)
    module = value.partition(":")[0].strip()
    if not isinstance(exc, ModuleNotFoundError) or not missing or module.split(".")[0] != missing:
        return ""  # a module the plugin imports is missing, not the plugin itself
    import pkgutil  # only on the error path

    # Names within a few letters' length: a typo, and few enough for closest().
    names = [m.name for m in pkgutil.iter_modules() if abs(len(m.name) - len(missing)) <= 3]
    match = closest(missing, names, cutoff=0.8)
    return f"; did you mean {match!r}?" if match else ""


def _reason(exc: BaseException) -> str:
    """*exc* as one short line; a plugin's exception may not even print."""
    try:
        text = str(exc)
    except Exception:  # a broken __str__ is one more way a plugin can fail
        text = "(its message cannot be shown)"
    if isinstance(exc, SystemExit):
        text = f"the plugin called sys.exit({text})"
    text = escape_controls(" ".join(text.split()))
    if len(text) > _REASON:
        text = text[: _REASON - 3] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


#: The longest reason quoted from a plugin's exception.
_REASON = 300


def _env_strict() -> bool:
    return os.environ.get(STRICT_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def _path_files(spec: str) -> list[Path]:
    if not spec.strip():
        return []
    # pathlib only with JOBARCHITECTURE_PATH: its imports cost a cold start 6 ms.
    from pathlib import Path

    found: list[Path] = []
    for part in spec.split(os.pathsep):
        if not part.strip():
            continue
        p = Path(part).expanduser()
        if p.is_dir():
            found.extend(
                sorted(c for c in p.iterdir() if c.suffix.lower() in _SUFFIXES and c.is_file())
            )
        else:
            # A missing file is reported when its family is loaded, not silently dropped.
            found.append(p)
    return found


class Registry:
    """Finds, loads and caches families.

    Args:
        strict: Raise on the first broken plugin instead of recording it.
            Defaults to the environment variable ``JOBARCHITECTURE_STRICT=1``.
        paths: Files or directories of family files; defaults to
            ``JOBARCHITECTURE_PATH`` (``os.pathsep``-separated).
        entry_points: The entry points to use instead of the installed ones
            (for tests); the group is not filtered.
        use_entry_points: Read installed plugins at all.

    Thread-safe: entry points are read once, and each family is parsed once even
    when first asked for from several threads at once.
    """

    def __init__(
        self,
        *,
        strict: bool | None = None,
        paths: Sequence[str | Path] | None = None,
        entry_points: Iterable[_EntryPoint] | None = None,
        use_entry_points: bool = True,
    ) -> None:
        self.strict = _env_strict() if strict is None else strict
        self._paths = paths
        self._given_eps = None if entry_points is None else list(entry_points)
        self._use_eps = use_entry_points
        self._lock = threading.RLock()
        self._discovered = False
        self._infos: dict[str, FamilyInfo] = {}
        self._loaders: dict[str, Callable[[], _Found]] = {}
        self._cache: dict[str, Family] = {}
        self._broken: dict[str, BrokenFamily] = {}
        self._errors: dict[str, Exception] = {}
        self._duplicates: dict[str, tuple[str, ...]] = {}
        self._extra: dict[str, Family] = {}

    # discovery ------------------------------------------------------------

    def _discover(self) -> None:
        if self._discovered:
            return
        with self._lock:
            if self._discovered:
                return
            claims: dict[str, list[tuple[FamilyInfo, Callable[[], _Found]]]] = {}
            for info, loader in self._entry_point_sources():
                claims.setdefault(info.code, []).append((info, loader))
            for info, loader in self._path_sources():
                claims.setdefault(info.code, []).append((info, loader))
            first: DuplicateFamilyError | None = None
            for code, found in claims.items():
                if len(found) > 1:
                    origins = tuple(i.describe() for i, _ in found)
                    self._duplicates[code] = origins
                    err = DuplicateFamilyError(code, origins)
                    from ._broken import BrokenFamily

                    self._broken[code] = BrokenFamily(code, err.origin, err.reason)
                    first = first or err
                info, loader = found[0]
                self._infos[code] = info
                self._loaders[code] = loader
            # Discovery completes before strict mode raises, so that the other
            # families can still be listed and used.
            self._discovered = True
            if self.strict and first is not None:
                raise first

    def _entry_point_sources(self) -> Iterable[tuple[FamilyInfo, Callable[[], _Found]]]:
        if self._given_eps is not None:
            eps: Iterable[_EntryPoint] = self._given_eps
        elif self._use_eps:
            # Imported here so that importing jobarchitecture stays cheap.
            from ._entrypoints import entry_points

            eps = entry_points(group=GROUP)
        else:
            return
        seen: set[tuple[str, str, str]] = set()
        for ep in eps:
            dist = getattr(ep, "dist", None)
            dist_name = getattr(dist, "name", None) or (
                dist.metadata["Name"] if dist is not None else None
            )
            version = getattr(dist, "version", None) if dist is not None else None
            key = (ep.name, ep.value, dist_name or "")
            # The same distribution can be visible twice on sys.path (an editable
            # and a regular install); that is one claim, not a duplicate.
            if key in seen:
                continue
            seen.add(key)
            info = FamilyInfo(ep.name, "entry point", dist_name, version, ep.value)
            yield info, self._entry_point_loader(ep, info)

    def _path_sources(self) -> Iterable[tuple[FamilyInfo, Callable[[], _Found]]]:
        if self._paths is None:
            spec = os.environ.get(PATH_ENV, "")
            paths = _path_files(spec)
        else:
            paths = _path_files(os.pathsep.join(str(p) for p in self._paths))
        for path in paths:
            code = path.stem
            info = FamilyInfo(code, "path", None, None, str(path))
            yield info, partial(_read_path, path)

    def _entry_point_loader(self, ep: _EntryPoint, info: FamilyInfo) -> Callable[[], _Found]:
        def load() -> _Found:
            source = info.describe()
            try:
                obj = ep.load()
            except _PLUGIN_FAILURES as exc:  # any import-time failure of a third-party plugin
                raise PluginError(
                    info.code, source, f"cannot import: {_reason(exc)}{_meant(exc, ep.value)}"
                ) from exc
            if isinstance(obj, ModuleType):
                return self._from_package(obj, info)
            if isinstance(obj, Family):
                return obj
            if callable(obj):
                try:
                    obj = obj()
                except _PLUGIN_FAILURES as exc:  # the plugin's own code failed
                    raise PluginError(
                        info.code, source, f"calling {ep.value} failed: {_reason(exc)}"
                    ) from exc
            if not isinstance(obj, Family):
                raise PluginError(
                    info.code,
                    source,
                    f"expected a package with {DATA_FILES[0]}, a Family or a callable "
                    f"returning one, got {type(obj).__name__}",
                )
            return obj

        return load

    def _from_package(self, module: ModuleType, info: FamilyInfo) -> _Found:
        source = info.describe()
        if getattr(module, "__path__", None) is None:
            # A plain module (not a package) has no data directory.
            raise PluginError(
                info.code,
                source,
                f"{module.__name__!r} is a module, expected a package holding "
                f"{' or '.join(DATA_FILES)}",
            )
        from ._limits import FILE_SIZE_ENV, Limits, read_at_most, read_file

        limits = Limits.from_env()
        spec = getattr(module, "__spec__", None)
        origin = getattr(module, "__file__", None)
        if (
            spec is not None
            and spec.submodule_search_locations is not None
            and isinstance(origin, str)
            and os.path.isfile(origin)
        ):
            # A package in a directory (what an installed wheel gives): its data
            # files are beside __init__.py, where importlib.resources would find
            # them, read without importing it (5 ms) and with a path to key the
            # family cache by.
            here = os.path.dirname(origin)
            for name in DATA_FILES:
                path = os.path.join(here, name)
                if os.path.isfile(path):
                    # Named by its real path, the file an author opens to fix it,
                    # not by the package ("pkg/family.toml"), which could be any copy.
                    where = os.path.realpath(path)
                    data = read_file(path, where, limits)
                    if isinstance(data, Problem):
                        raise FamilyError([data])
                    return data, where, os.path.splitext(name)[1], path
        else:
            from importlib.resources import files  # zip files, namespace packages ...

            try:
                root = files(module)
            except _PLUGIN_FAILURES as exc:
                raise PluginError(
                    info.code, source, f"cannot read its data: {_reason(exc)}"
                ) from exc
            for name in DATA_FILES:
                where = f"{module.__name__}/{name}"
                try:
                    resource = root.joinpath(name)
                    if not resource.is_file():
                        continue
                    where = str(resource)  # the zip file's path, then the one inside it
                    with resource.open("rb") as handle:
                        raw = read_at_most(handle, limits.max_file_size + 1)
                except OSError as exc:
                    raise PluginError(
                        info.code, source, f"cannot read {where}: {_reason(exc)}"
                    ) from exc
                if len(raw) > limits.max_file_size:
                    raise FamilyError(
                        [
                            Problem(
                                where,
                                "$",
                                f"file has more than the limit of {limits.max_file_size:,} "
                                f"bytes (raise it with {FILE_SIZE_ENV})",
                            )
                        ]
                    )
                return raw, where, os.path.splitext(name)[1], None
        raise PluginError(
            info.code, source, f"package {module.__name__!r} has no {' or '.join(DATA_FILES)}"
        )

    # public API -----------------------------------------------------------

    def codes(self) -> tuple[str, ...]:
        """The codes of every family found, sorted; parses no family file.

        Broken plugins found so far are included (see :meth:`problems`).
        """
        self._discover()
        return tuple(sorted(set(self._infos) | set(self._extra)))

    def info(self, code: str) -> FamilyInfo:
        """Where the family *code* comes from, without parsing it.

        Raises:
            UnknownFamilyError: no family has that code.
        """
        self._discover()
        if code in self._extra:
            return FamilyInfo(code, "registered", None, None, "<registered>")
        try:
            return self._infos[code]
        except KeyError:
            raise self._unknown(code) from None

    def get(self, code: str) -> Family:
        """The family *code*, parsed on first use and cached.

        Raises:
            UnknownFamilyError: no family has that code.
            DuplicateFamilyError: two sources claim the code.
            PluginError: its plugin or file is broken.
            FamilyError: its data is invalid; for an installed plugin, this is also
                a PluginError naming its distribution, and each problem names the
                data file by its real path.
        """
        return cast(Family, self._obtain(code, summary=False))

    def for_classifying(self, code: str) -> Family:
        """The family *code*, or from the cache the part of it classifying reads.

        What :meth:`get` gives, or :func:`_cache.for_classifying` of it when the
        family cache holds this very file: the same level, evidence, warnings and
        explanation for any ratings, without creating the classes of the parts it
        leaves out. For the ``classify`` command; not remembered by the registry.

        Raises:
            The errors of :meth:`get`.
        """
        return cast(Family, self._obtain(code, summary=False, classifying=True))

    def summary(self, code: str) -> _cache.Summary:
        """What ``families`` lists of the family *code*: code, name, government, levels.

        The parsed family's ``code``, ``name.nl``, ``government.nl`` and
        ``scale.codes``, read from the family cache when it holds this very file,
        so that listing does not parse; a broken family raises exactly as
        :meth:`get` does.

        Raises:
            The errors of :meth:`get`.
        """
        found = self._obtain(code, summary=True)
        return found if isinstance(found, tuple) else _cache.summary_of(found)

    def _obtain(
        self, code: str, *, summary: bool, classifying: bool = False
    ) -> Family | _cache.Summary:
        self._discover()
        if not isinstance(code, str):
            raise UnknownFamilyError(code, self.codes())  # codes are strings: no closest
        found = self._cache.get(code) or self._extra.get(code)
        if found is not None:
            return found
        if code in self._duplicates:
            raise DuplicateFamilyError(code, self._duplicates[code])
        if code not in self._loaders:
            raise self._unknown(code)
        with self._lock:
            if code in self._cache:
                return self._cache[code]
            if code in self._errors:
                # The same error again: a broken plugin is not retried on every call.
                raise self._errors[code]
            info = self._infos[code]
            try:
                loaded = self._loaders[code]()
                if isinstance(loaded, Family):
                    family = loaded
                else:
                    data, where, suffix, path = loaded
                    key = None
                    if path is not None:
                        key = _cache.key(data, code, info.distribution, info.version, where)
                        if summary and (listed := _cache.summary(path, key)) is not None:
                            return listed
                        if (
                            classifying
                            and (part := _cache.load_for_classifying(path, key)) is not None
                        ):
                            return part
                        cached = _cache.load(path, key)
                        if cached is not None:
                            self._cache[code] = cached
                            return cached
                    family = _parse(data, where, suffix)
                    if key is not None and path is not None and family.code == code:
                        _cache.store(path, key, family)
                if family.code != code:
                    raise PluginError(
                        code, info.describe(), _misregistered(family.code, code, info, loaded)
                    )
            except (PluginError, FamilyError) as exc:
                # FormatVersionError is left as it is, for those who catch it.
                if isinstance(exc, PluginError | FormatVersionError) or info.origin == "path":
                    self._record(code, info, exc)
                    raise
                # An installed plugin's data: named by its distribution too.
                broken = PluginDataError(code, info.describe(), exc.problems)
                self._record(code, info, broken)
                raise broken from None
            except LimitsError:
                raise  # the user's setting is wrong, not the plugin
            except _PLUGIN_FAILURES as exc:
                # Whatever else a loader raised: the plugin is broken, not the registry.
                error = PluginError(code, info.describe(), _reason(exc))
                self._record(code, info, error)
                raise error from exc
            self._cache[code] = family
            return family

    def _record(self, code: str, info: FamilyInfo, exc: PluginError | FamilyError) -> None:
        reason = exc.reason if isinstance(exc, PluginError) else str(exc)
        from ._broken import BrokenFamily  # created by the first broken plugin (0.3 ms)

        self._broken[code] = BrokenFamily(code, info.describe(), reason)
        self._errors[code] = exc
        log_warning("family %r from %s is broken: %s", code, info.describe(), reason)

    def families(self) -> tuple[Family, ...]:
        """Every family that loads, sorted by code; broken ones are recorded, not raised.

        Raises:
            JobArchitectureError: in strict mode, the first broken plugin.
        """
        out = []
        for code in self.codes():
            try:
                out.append(self.get(code))
            except (PluginError, FamilyError):
                if self.strict:
                    raise
        return tuple(out)

    def problems(self) -> tuple[BrokenFamily, ...]:
        """Broken plugins and files found so far (call :meth:`families` to check all)."""
        self._discover()
        return tuple(self._broken[c] for c in sorted(self._broken))

    def register(self, family: Family) -> None:
        """Add a family object directly (e.g. built in code); it wins over nothing.

        Raises:
            DuplicateFamilyError: a family with that code is already known.
        """
        self._discover()
        with self._lock:
            if family.code in self._infos or family.code in self._extra:
                origin = (
                    self._infos[family.code].describe()
                    if family.code in self._infos
                    else "<registered>"
                )
                raise DuplicateFamilyError(family.code, (origin, "<registered>"))
            self._extra[family.code] = family

    def _unknown(self, code: str) -> UnknownFamilyError:
        options = self.codes()
        return UnknownFamilyError(code, options, closest(code, options))


def _parse(data: bytes, where: str, suffix: str) -> Family:
    """The family in *data*; problems in a TOML file also name their table's line."""
    from . import _format  # only when a family has to be parsed
    from ._limits import Limits

    limits = Limits.from_env()
    parsed = _format.parse(data, where, suffix, limits=limits)
    try:
        return _format.family_from_data(parsed, where, limits=limits)
    except FormatVersionError:
        raise
    except FamilyError as exc:
        if suffix != ".toml":
            raise
        from ._lines import locate  # only on the error path

        raise FamilyError(locate(exc.problems, data.decode("utf-8", "replace"))) from None


def _read_path(path: Path) -> _Found:
    """The bytes of a family file, or (when it cannot be read) the problem, raised."""
    from ._limits import Limits, read_file

    data = read_file(path, str(path), Limits.from_env())
    if isinstance(data, Problem):
        raise FamilyError([data])  # as a direct load_family says it, word for word
    return data, str(path), path.suffix.lower(), str(path)


_default: Registry | None = None
_default_lock = threading.Lock()


def default_registry() -> Registry:
    """The process-wide registry behind :func:`get_family` and :func:`family_codes`."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Registry()
    return _default


def get_family(code: str) -> Family:
    """The installed (or ``JOBARCHITECTURE_PATH``) family with *code*.

    Raises:
        UnknownFamilyError: no family has that code; the error lists the codes.
        PluginError: its plugin is broken (the error says why).
    """
    return default_registry().get(code)


def family_for_classifying(code: str) -> Family:
    """:meth:`Registry.for_classifying` of the process-wide registry."""
    return default_registry().for_classifying(code)


def family_codes() -> tuple[str, ...]:
    """The codes of every installed family, sorted. Parses no family file."""
    return default_registry().codes()
