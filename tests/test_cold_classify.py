"""The cold classify's shortcuts change nothing: the classifying part of a cached
family, and the model classes created on first use."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture import _cache, _extra, _format, _model, _registry
from jobarchitecture._cli import _cmd_classify, _parser, _quick, main
from jobarchitecture._cli._common import Style
from jobarchitecture.strategies import families

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "voorbeeld.toml"
BUNDLED = ("adviseurs", "managementondersteuning", "ondersteuners", "organisatieondersteuning")
#: The fields the classifying part leaves at their defaults.
DROPPED = ("requirements", "competencies", "profiles", "notes", "sources", "translations")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory of this test, the cache switched on."""
    directory = tmp_path / "cache"
    monkeypatch.setenv(_cache.DIR_ENV, str(directory))
    monkeypatch.delenv(_cache.OFF_ENV, raising=False)
    return directory


def _ratings(family: ja.Family, data: st.DataObject) -> dict[str, str]:
    codes = family.scale.codes
    out: dict[str, str] = {}
    for criterion in data.draw(st.lists(st.sampled_from(family.criteria), min_size=1, unique=True)):
        low = data.draw(st.integers(0, len(codes) - 1))
        high = data.draw(st.integers(low, min(low + 1, len(codes) - 1)))
        out[criterion.code] = codes[low] if low == high else f"{codes[low]}..{codes[high]}"
    return out


def test_the_classifying_part_is_the_family_less_what_it_drops() -> None:
    """for_classifying keeps every field classifying reads and empties only the dropped ones."""
    for code in BUNDLED:
        family = ja.get_family(code)
        part = _cache.for_classifying(family)
        for field in attrs.fields(ja.Family):
            if field.name in DROPPED or field.name == "references":
                empty = ja.CompetencyDictionary() if field.name == "competencies" else ()
                assert getattr(part, field.name) == empty, field.name
            else:
                assert getattr(part, field.name) == getattr(family, field.name), field.name


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(BUNDLED), st.data())
def test_the_classifying_part_classifies_as_the_family(code: str, data: st.DataObject) -> None:
    """Level, fields, warnings, explanation, table and what-if are the same from either."""
    family = ja.get_family(code)
    part = _cache.for_classifying(family)
    ratings = _ratings(family, data)
    full, short = ja.classify(family, ratings), ja.classify(part, ratings)
    assert short.to_dict() == full.to_dict()
    assert short.warnings == full.warnings
    style = Style(io.StringIO())  # not a terminal: no styling
    for lang in ja.LANGUAGES:
        assert short.explain(lang, part) == full.explain(lang, family)
        assert _cmd_classify.render(part, short, lang, style) == _cmd_classify.render(
            family, full, lang, style
        )
    target = data.draw(st.sampled_from(family.scale.codes))
    assert short.to_reach(target) == full.to_reach(target)


@pytest.mark.parametrize(
    "options",
    [[], ["--explain"], ["--json"], ["--lang", "en", "--explain"], ["--target", "B", "--json"]],
)
def test_the_command_prints_the_same_from_the_cache_and_from_the_file(
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
) -> None:
    """classify prints the same with the cache filled as when it parses the family."""
    argv = ["classify", "ondersteuners", "kennis=C", "documenten=B..C", "contacten=B", *options]
    monkeypatch.setenv(_cache.OFF_ENV, "1")
    parsed_code = main(argv)
    parsed = capsys.readouterr()
    monkeypatch.delenv(_cache.OFF_ENV)
    monkeypatch.setattr(_registry, "_default", None)  # a fresh process's registry
    main(argv)  # fills the cache
    capsys.readouterr()
    monkeypatch.setattr(_registry, "_default", None)
    assert main(argv) == parsed_code
    assert capsys.readouterr() == parsed
    assert any(p.suffix == ".classifying" for p in cache.iterdir() for p in p.iterdir())


def test_a_changed_file_never_gives_a_stale_classifying_part(cache: Path, tmp_path: Path) -> None:
    """A family file changed in place, same size and timestamp, gives the new family's part."""
    path = tmp_path / "voorbeeld.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")

    def part() -> ja.Family:
        return ja.Registry(paths=[path], use_entry_points=False).for_classifying("voorbeeld")

    before = part()  # parsed: the whole family, and the cache filled
    assert before == ja.load_family(path)
    assert part() == _cache.for_classifying(before)
    stamp = path.stat()
    name = before.criteria[0].name.nl
    changed = text.replace(name, name[::-1], 1)
    assert changed != text
    assert len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    after = part()
    assert after.criteria[0].name.nl == name[::-1]
    assert after == ja.load_family(path)
    assert part() == _cache.for_classifying(after)


def test_a_cold_classify_creates_none_of_the_extra_classes(cache: Path) -> None:
    """With the cache filled, the classify command imports neither _extra, cattrs nor pathlib,
    and never shlex, which only its error messages use."""
    # pathlib alone costs a cold classify about 6 ms (bench/README.md); shlex and
    # compiling the span-typo pattern at import cost it about 0.6 ms.
    code = (
        "import sys; from jobarchitecture._cli import main; "
        "main(['classify', 'ondersteuners', 'kennis=C', 'contacten=B', '--explain']); "
        "print(sorted(m for m in ('jobarchitecture._extra', 'cattrs', 'pathlib', 'shlex') "
        "if m in sys.modules))"
    )
    env = {**os.environ, _cache.DIR_ENV: str(cache)}
    env.pop("JOBARCHITECTURE_PATH", None)
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr
    # parsed: the file format reads through pathlib
    assert runs[0].stdout.splitlines()[-1] == "['cattrs', 'jobarchitecture._extra', 'pathlib']"
    assert runs[1].stdout.splitlines()[-1] == "[]"
    assert runs[1].stdout.splitlines()[:-1] == runs[0].stdout.splitlines()[:-1]


def test_type_hints_resolve_before_the_extra_classes_exist() -> None:
    """get_type_hints of the model works in a fresh process and names the real classes."""
    code = (
        "import sys, typing, jobarchitecture as ja; "
        "before = 'jobarchitecture._extra' in sys.modules; "
        "h = typing.get_type_hints(ja.Family); "
        "d = typing.get_type_hints(ja.CompetencyDictionary); "
        "print(before, h['notes'] == tuple[ja.Note, ...], "
        "h['references'] == tuple[ja.Reference, ...], d['clusters'] == tuple[ja.CompetencyCluster, ...])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.split() == ["False", "True", "True", "True"], out.stderr


def test_the_extra_classes_answer_by_every_name() -> None:
    """Each extra class is the same object by the front door, _model and _extra."""
    for name in _model.EXTRA:
        assert getattr(ja, name) is getattr(_model, name) is getattr(_extra, name)
        assert name in ja.__all__
    with pytest.raises(AttributeError):
        _model.NoSuchClass  # noqa: B018


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(families())
def test_extra_classes_keep_equality_repr_pickling_and_the_file_format(family: ja.Family) -> None:
    """A family holding extra classes pickles (also as _model named them), reprs and round-trips."""
    data = pickle.dumps(family)
    assert pickle.loads(data) == family
    # A pickle written before the classes moved names them in jobarchitecture._model.
    old = data.replace(b"jobarchitecture._extra", b"jobarchitecture._model")
    assert pickle.loads(old) == family
    assert eval(repr(family.competencies), vars(ja)) == family.competencies
    assert hash(family.profiles) == hash(pickle.loads(data).profiles)
    assert _format.family_from_data(_format.family_to_data(family), check=False) == family


_ARG = st.text(st.sampled_from("abC=.-_ é"), max_size=6)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_ARG.filter(lambda a: not a.startswith("-")), min_size=2, max_size=5),
    st.lists(st.sampled_from(sorted(_quick.FLAGS)), max_size=4),
)
def test_the_quick_classify_namespace_is_the_one_argparse_gives(
    positionals: list[str], flags: list[str]
) -> None:
    """A plain classify line reads as argparse reads it, field for field."""
    argv = ["classify", *positionals, *flags]
    quick = _quick.quick_classify(argv)
    assert quick is not None
    assert vars(quick) == vars(_parser.build_parser("classify").parse_args(argv))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(_ARG, st.sampled_from(["--lang", "en", "--rule", "--target", "-", "--", "-h"])),
        max_size=6,
    )
)
def test_the_quick_classify_leaves_every_other_line_to_argparse(rest: list[str]) -> None:
    """Any line the quick reader accepts argparse reads the same; the rest it leaves alone."""
    for argv in (rest, ["classify", *rest]):
        quick = _quick.quick_classify(argv)
        if quick is None:
            continue
        assert vars(quick) == vars(_parser.build_parser("classify").parse_args(argv))
        assert not any(a.startswith("-") and a not in _quick.FLAGS for a in argv)


def test_the_quick_classify_skips_argparse_for_the_readme_command() -> None:
    """The README's classify command runs without importing argparse, and prints the same."""
    ratings = ["kennis=C", "documenten=C", "contacten=B"]
    code = (
        "import sys; from jobarchitecture._cli import main; "
        f"main(['classify', 'ondersteuners', *{ratings!r}, '--explain']); "
        "print('argparse' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.splitlines()[-1] == "False", out.stderr
    slow = subprocess.run(
        [
            sys.executable,
            "-m",
            "jobarchitecture",
            "classify",
            "--explain",
            "ondersteuners",
            *ratings,
        ],
        capture_output=True,
        text=True,
    )
    assert slow.returncode == 0, slow.stderr
    assert out.stdout.splitlines()[:-1] == slow.stdout.splitlines()
