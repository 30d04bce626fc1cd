"""Saving and loading: the round trip law, and the JSON Schema agreeing with the loader."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import jobarchitecture as ja
from jobarchitecture import strategies as jst

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"


def _bundled() -> list[ja.Family]:
    return [ja.get_family(code) for code in ja.family_codes()]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(jst.families())
def test_save_then_load_gives_an_equal_family(family: ja.Family) -> None:
    """Loading what was saved as JSON gives an equal family, for any valid family."""
    text = ja.dumps_family(family)
    assert ja.family_from_data(json.loads(text), "<roundtrip>") == family
    assert ja.loads_family(text) == family
    assert ja.loads_family(text.encode("utf-8")) == family


def test_loads_family_reads_text_as_load_family_reads_a_file(tmp_path: Path) -> None:
    """JSON and TOML text give the family the file gives; problems name the source and line."""
    toml = EXAMPLE.read_text(encoding="utf-8")
    family = ja.load_family(EXAMPLE)
    assert ja.loads_family(toml, format="toml") == family
    assert ja.loads_family(toml.encode("utf-8"), format="TOML") == family
    broken = toml.replace('code = "kennis"', "code = 7", 1)
    assert broken != toml
    (tmp_path / "broken.toml").write_text(broken, encoding="utf-8")
    with pytest.raises(ja.FamilyError) as from_file:
        ja.load_family(tmp_path / "broken.toml")
    with pytest.raises(ja.FamilyError) as from_text:
        ja.loads_family(broken, format="toml", source=str(tmp_path / "broken.toml"))
    assert str(from_text.value) == str(from_file.value)
    assert f"{tmp_path / 'broken.toml'}:" in str(from_text.value)
    with pytest.raises(ja.FamilyError) as row:
        ja.loads_family('{"code": 1}', source="db row 7")
    assert str(row.value).splitlines()[0] == (
        'db row 7: $.code: expected a string, got 1 (write "1", in quotes)'
    )
    assert all(line.startswith("db row 7: $.") for line in str(row.value).splitlines())


@pytest.mark.parametrize(
    ("text", "kwargs", "message"),
    [
        (
            "{}",
            {"format": "yaml"},
            "<string>: $: unknown format 'yaml' (expected 'json' or 'toml')",
        ),
        ("{", {}, "<string>:1: $: invalid JSON"),
        ("[]", {}, "<string>: $: expected a table, got []"),
        (
            "{}" + " " * 20,
            {"limits": ja.Limits(max_file_size=10)},
            "<string>: $: text has 22 bytes",
        ),
        (b"\xff{}", {}, "<string>: $: not UTF-8 text (byte 0)"),
    ],
)
def test_loads_family_refuses_bad_text_in_one_line(
    text: str | bytes, kwargs: dict[str, object], message: str
) -> None:
    """Bad text is a FamilyError whose line names the source, where, and what was expected."""
    with pytest.raises(ja.FamilyError) as exc:
        ja.loads_family(text, **kwargs)  # type: ignore[arg-type]
    assert str(exc.value).startswith(message)
    assert len(str(exc.value).splitlines()) == 1


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(jst.families())
def test_generated_families_match_the_schema(family: ja.Family) -> None:
    """Every valid family's JSON form validates against the generated JSON Schema."""
    jsonschema.validate(ja.family_to_data(family), ja.family_schema())


def test_save_family_writes_loadable_json_and_toml(tmp_path: Path) -> None:
    """save_family writes JSON or TOML, by the suffix, that load_family reads back equal;
    other suffixes are refused."""
    family = ja.load_family(EXAMPLE)
    ja.save_family(family, tmp_path / "v.json")
    assert ja.load_family(tmp_path / "v.json") == family
    ja.save_family(family, tmp_path / "v.TOML")
    assert (tmp_path / "v.TOML").read_text("utf-8").startswith('code = "voorbeeld"\n')
    assert ja.load_family(tmp_path / "v.TOML") == family
    with pytest.raises(ValueError, match=r"'path' must end in \.json or \.toml \(got 'v\.yaml'\)"):
        ja.save_family(family, tmp_path / "v.yaml")


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(jst.families())
def test_toml_written_reads_back_as_the_same_family(family: ja.Family) -> None:
    """dumps_family(format="toml") is the inverse of loads_family(format="toml"), for any
    valid family: what a program writes for an author to edit loads back equal."""
    text = ja.dumps_family(family, format="toml")
    assert ja.loads_family(text, format="toml") == family


def test_bundled_families_written_as_toml_read_back_equal() -> None:
    """Each installed family, written as TOML (multi-line texts on their lines), loads back equal."""
    for family in _bundled():
        text = ja.dumps_family(family, format="toml")
        assert ja.loads_family(text, format="toml", source=family.code) == family
        assert "\\n" not in text, family.code  # line breaks stay line breaks, for people


def test_writing_toml_without_its_extra_says_which_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without tomli-w, TOML output is a MissingExtraError naming the extra; JSON needs nothing."""
    import sys

    family = ja.load_family(EXAMPLE)
    monkeypatch.setitem(sys.modules, "tomli_w", None)
    with pytest.raises(ja.MissingExtraError, match=r"pip install 'jobarchitecture\[toml\]'"):
        ja.dumps_family(family, format="toml")
    with pytest.raises(ja.MissingExtraError):
        ja.save_family(family, tmp_path / "v.toml")
    assert not (tmp_path / "v.toml").exists()
    assert ja.loads_family(ja.dumps_family(family)) == family
    with pytest.raises(ja.ExportError, match=r"'format' must be 'json' or 'toml' \(got 'yaml'\)"):
        ja.dumps_family(family, format="yaml")


def test_toml_and_json_load_the_same_family(tmp_path: Path) -> None:
    """A TOML family and its JSON rendering load to equal objects."""
    family = ja.load_family(EXAMPLE)
    (tmp_path / "v.json").write_text(ja.dumps_family(family), encoding="utf-8")
    assert ja.load_family(tmp_path / "v.json") == family


def test_serialised_form_has_the_documented_keys() -> None:
    """The serialised family exposes code, scale.levels[].code, criteria[].code, descriptors[].levels and result_areas."""
    data = ja.family_to_data(ja.load_family(EXAMPLE))
    assert data["code"] == "voorbeeld"
    assert [lvl["code"] for lvl in data["scale"]["levels"]] == ["D", "C", "B"]
    assert [c["code"] for c in data["criteria"]] == ["kennis", "contacten"]
    assert data["criteria"][0]["descriptors"][1]["levels"] == ["C", "B"]
    assert data["result_areas"][0]["code"] == "ondersteuner"
    assert data["format_version"] == 1


def test_schema_rejects_what_the_loader_rejects() -> None:
    """The schema refuses unknown keys and a text table without nl, as the loader does."""
    schema = ja.family_schema()
    data = ja.family_to_data(ja.load_family(EXAMPLE))
    jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "titel": "x"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "name": {"en": "x"}}, schema)


def test_bundled_families_round_trip_and_match_the_schema() -> None:
    """Each installed family validates, matches the schema and survives a JSON round trip."""
    families = _bundled()
    assert families, "no families installed"
    schema = ja.family_schema()
    for family in families:
        assert ja.validate(family) == [], family.code
        data = ja.family_to_data(family)
        jsonschema.validate(data, schema)
        assert ja.family_from_data(json.loads(json.dumps(data))) == family


def test_saving_a_family_under_another_suffix_is_one_export_error(tmp_path: Path) -> None:
    """save_family refuses a path ending in neither .json nor .toml with a
    JobArchitectureError (and ValueError)."""
    family = ja.load_family(EXAMPLE)
    with pytest.raises(
        ja.ExportError, match=r"^'path' must end in \.json or \.toml \(got 'family\.yml'\)$"
    ) as info:
        ja.save_family(family, tmp_path / "family.yml")
    assert isinstance(info.value, ValueError)
    assert not (tmp_path / "family.yml").exists()
