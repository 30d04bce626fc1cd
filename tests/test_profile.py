"""profile(): a family's job profile at one level, its renderings, and the law tying it to classify."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture import strategies as jst

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"
SEEDS = ("ondersteuners", "managementondersteuning", "adviseurs", "organisatieondersteuning")
MONOTONE = [name for name in ja.rule_names() if ja.get_rule(name).monotone]


@pytest.fixture(scope="module")
def voorbeeld() -> ja.Family:
    """The example family (levels D < C < B, one role 'expert')."""
    return ja.load_family(EXAMPLE)


def _seed(code: str) -> ja.Family:
    """A seed family, or skip while its plugin does not load yet."""
    try:
        return ja.get_family(code)
    except ja.JobArchitectureError as exc:
        pytest.skip(f"seed family {code!r} does not load yet: {exc}")


def test_a_profile_gathers_the_level_of_every_part(voorbeeld: ja.Family) -> None:
    """The profile holds the purpose, result areas, each criterion's descriptor, competencies and requirements at the level."""
    job = ja.profile(voorbeeld, "C")
    assert (job.family, job.level, job.role) == ("voorbeeld", "C", "expert")
    assert job.purpose == voorbeeld.purpose
    assert [a.code for a in job.result_areas] == ["ondersteuner"]
    assert [(c.code, c.descriptor.levels) for c in job.criteria] == [
        ("kennis", ("C", "B")),
        ("contacten", ("D", "C")),
    ]
    (competency,) = job.competencies
    assert (competency.code, competency.behavioural_level) == ("analyseren", 2)
    assert competency.behaviour == ja.Text("Legt verbanden")
    assert competency.cluster == ja.Text("Omgaan met informatie", fr="Gestion de l'information")
    assert [r.code for r in job.requirements] == ["opleiding"]


def test_rg_descriptors_at_the_level_add_result_areas(voorbeeld: ja.Family) -> None:
    """An (RG) clause of a descriptor at the level is added to the result areas; not at other levels."""
    assert ja.profile(voorbeeld, "D").added_result_areas == ()
    assert ja.profile(voorbeeld, "B").added_result_areas == (
        ja.AddedResultArea(
            "kennis", "B", "Anderen begeleiden met als doel hen te ondersteunen", alternative=True
        ),
    )


def test_level_and_role_are_found_by_any_name(voorbeeld: ja.Family) -> None:
    """The level is named by code, name or alias and the role by code or name, in any case."""
    assert ja.profile(voorbeeld, "waarde 2", "ONDERSTEUNEND/EXPERT") == ja.profile(voorbeeld, "C")


def test_unknown_level_or_role_is_an_error(voorbeeld: ja.Family) -> None:
    """An unknown level raises UnknownLevelError; an unknown role UnknownRoleError listing the roles."""
    with pytest.raises(ja.UnknownLevelError):
        ja.profile(voorbeeld, "E")
    with pytest.raises(ja.UnknownRoleError, match=r"unknown role 'leidinggevend' \(expert\)"):
        ja.profile(voorbeeld, "C", "leidinggevend")


def test_a_role_for_a_family_without_profiles_is_an_error(voorbeeld: ja.Family) -> None:
    """Asking for a role of a family without competency profiles raises UnknownRoleError."""
    bare = ja.Family(
        "kaal", "Kaal", "Test", voorbeeld.scale, voorbeeld.purpose, criteria=voorbeeld.criteria
    )
    assert ja.profile(bare, "C").competencies == ()
    with pytest.raises(ja.UnknownRoleError, match=r"unknown role 'expert' \(\)"):
        ja.profile(bare, "C", "expert")


def test_markdown_in_dutch(voorbeeld: ja.Family) -> None:
    """The Dutch Markdown has the title, purpose, result areas, criteria, competency table and requirements."""
    text = ja.profile(voorbeeld, "C").to_markdown()
    assert text.startswith("# Voorbeeldfamilie — Niveau C\n")
    for part in [
        "## Doel\n\nTaken verzorgen voor een klant teneinde bij te dragen tot de dienstverlening.",
        "### Als ondersteuner",
        "- Brieven opstellen",
        "### Toegevoegd door (RG)-criteria op dit niveau",
        "## Onderscheidende criteria\n\n### Kennis\n\nKennis van procedures is vereist.\n\nOF\n\n",
        "| Analyseren | Omgaan met informatie | 2 — Legt verbanden |",
        "## Vereisten\n\n### Opleidingsniveau en ervaring",
    ]:
        assert part in text


def test_markdown_in_english_and_french_falls_back_to_dutch(voorbeeld: ja.Family) -> None:
    """English and French Markdown translate headings and use translated text where it exists."""
    en = ja.profile(voorbeeld, "C").to_markdown("en")
    assert en.startswith("# Example family — Niveau C\n")
    assert "## Distinguishing criteria" in en
    assert "Kennis van procedures is vereist.\n\nOR\n\n" in en
    # No English purpose: the Dutch sentence keeps its Dutch connector.
    assert "Taken verzorgen voor een klant teneinde bij te dragen" in en
    fr = ja.profile(voorbeeld, "C").to_markdown("fr")
    assert "| Analyseren | Gestion de l'information |" in fr
    with pytest.raises(ValueError, match=r"'lang' must be one of nl, fr, en \(got 'de'\)"):
        ja.profile(voorbeeld, "C").to_markdown("de")


def test_markdown_table_cells_are_escaped() -> None:
    """A '|' or a line break inside a competency cell does not break the Markdown table."""
    family = ja.Family(
        "f",
        "F",
        "G",
        ja.Scale("Niveau", [ja.Level("D", "Niveau D")]),
        ja.Purpose("a", "b"),
        competencies=ja.CompetencyDictionary(
            competencies=(ja.Competency("x", "Plannen | organiseren\nen opvolgen"),)
        ),
        profiles=(ja.CompetencyProfile("r", "R", (ja.ProfileEntry("x", core=True),)),),
    )
    text = ja.profile(family, "D").to_markdown()
    assert "| Plannen \\| organiseren<br>en opvolgen | K |" in text


def test_to_dict_is_json(voorbeeld: ja.Family) -> None:
    """to_dict gives JSON-safe data with codes and texts in the family-file form."""
    data = json.loads(json.dumps(ja.profile(voorbeeld, "B").to_dict()))
    assert (data["family"], data["level"], data["role"]) == ("voorbeeld", "B", "expert")
    assert data["family_name"] == {"nl": "Voorbeeldfamilie", "en": "Example family"}
    assert data["criteria"][1] == {
        "code": "contacten",
        "name": "Contacten",
        "descriptor": {"levels": ["B"], "clauses": ["Advies geven."]},
    }
    assert data["added_result_areas"][0]["criterion"] == "kennis"
    assert data["competencies"][0]["behavioural_level"] == 2


def test_implied_ratings_are_the_level_or_the_descriptor_spans(voorbeeld: ja.Family) -> None:
    """A profile implies every criterion at its level, or at its descriptor's whole span."""
    job = ja.profile(voorbeeld, "C")
    assert job.ratings() == {"kennis": "C", "contacten": "C"}
    assert job.ratings(spans=True) == {"kennis": ("C", "B"), "contacten": ("D", "C")}


# the law -------------------------------------------------------------------


def _law(family: ja.Family, level: str, rule: str) -> None:
    job = ja.profile(family, level)
    assert ja.classify(family, job.ratings(), rule, complete=True).level == level
    # Read as a rater reading only the descriptors would: each at its whole span.
    # Monotone rules then bracket the level between the lower and the upper ends.
    spanned = ja.classify(family, job.ratings(spans=True), rule)
    low, high = spanned.level_span or (spanned.level, spanned.level)
    rank = family.scale.rank
    assert rank(low) <= rank(level) <= rank(high)


@given(jst.families(), st.sampled_from(MONOTONE), st.data())
def test_a_profile_classifies_back_to_its_level(
    family: ja.Family, rule: str, data: st.DataObject
) -> None:
    """The ratings a profile implies classify back to its level, for every monotone built-in rule."""
    _law(family, data.draw(jst.levels(family.scale)).code, rule)


@pytest.mark.parametrize("code", SEEDS)
def test_seed_profiles_classify_back_for_every_level_role_and_monotone_rule(code: str) -> None:
    """For each seed family, level, role and monotone rule, the profile classifies back to its level."""
    family = _seed(code)
    roles = [p.role for p in family.profiles] or [None]
    for level in family.scale.codes:
        for rule in MONOTONE:
            _law(family, level, rule)
        for role in roles:
            job = ja.profile(family, level, role)
            text = job.to_markdown()
            assert all(c.name.nl in text for c in family.criteria)
            json.dumps(job.to_dict())


def test_federal_core_competencies_are_in_every_profile() -> None:
    """In the federal family 'ondersteuners' the five core competencies (K) are in the profile at every level."""
    family = _seed("ondersteuners")
    for level in family.scale.codes:
        core = [c for c in ja.profile(family, level).competencies if c.core]
        assert len(core) == 5


@given(jst.job_profiles())
def test_competency_columns_name_exactly_the_parts_some_competency_has(
    job: ja.JobProfile,
) -> None:
    """competency_columns() lists cluster, core, behavioural_level in that order,
    each exactly when at least one competency of the profile has it."""
    columns = job.competency_columns()
    has = {
        "cluster": any(c.cluster for c in job.competencies),
        "core": any(c.core for c in job.competencies),
        "behavioural_level": any(c.behavioural_level is not None for c in job.competencies),
    }
    assert columns == tuple(k for k in ("cluster", "core", "behavioural_level") if has[k])


def test_every_renderer_shows_the_competency_columns_the_profile_names() -> None:
    """Markdown and the page head the competency table with the columns the profile names."""
    for code in ja.family_codes():
        family = ja.get_family(code)
        job = ja.profile(family, family.scale.levels[-1].code)
        if not job.competencies:
            continue
        expected = 1 + len(job.competency_columns())
        md = job.to_markdown()
        head = next(line for line in md.splitlines() if line.startswith("| Competentie |"))
        assert head.count("|") - 1 == expected, code
        page = ja.render_html(job)
        section = page.split('<table class="competencies">', 1)[1].split("</thead>", 1)[0]
        assert section.count('<th scope="col"') == expected, code


def test_a_role_answers_to_its_french_and_english_names_and_a_typo_gets_a_hint() -> None:
    """A role is found by its name in any language, as criteria are (``--role`` typed as an
    English user reads it), and a mistyped role says which one it may mean."""
    family = ja.get_family("ondersteuners")
    limited = family.profiles[1]
    assert limited.name.en is not None
    assert ja.profile(family, "C", limited.name.en.upper()) == ja.profile(family, "C", limited.role)
    with pytest.raises(ja.UnknownRoleError) as info:
        ja.profile(family, "C", "ondersteunend expert beperkt")
    assert info.value.closest == limited.role
    assert str(info.value).endswith(f"; did you mean {limited.role!r}?")
