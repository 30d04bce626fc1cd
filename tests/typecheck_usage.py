"""Not a test module: mypy --strict checks that typed user code can build a
family from plain lists and strings (CI runs mypy on src/ and this file)."""

from __future__ import annotations

import jobarchitecture as ja

scale = ja.Scale(
    "Niveau",
    [ja.Level("D", "Niveau D"), ja.Level("C", "Niveau C", aliases=["Waarde 2"], classes=[13, 14])],
)
family = ja.Family(
    code="eigen",
    name=ja.Text("Eigen familie", en="Own family"),
    government="Eigen organisatie",
    scale=scale,
    purpose=ja.Purpose("Iets doen", "iets te bereiken."),
    result_areas=[
        ja.ResultArea("ra", "Als iemand", "iets doen", "iets te bereiken.", tasks=["Een taak"])
    ],
    criteria=[
        ja.Criterion("kennis", "Kennis", [ja.Descriptor(["D", "C"], ["Kennis is vereist."])])
    ],
    competencies=ja.CompetencyDictionary(
        clusters=[ja.CompetencyCluster("info", "Omgaan met informatie")],
        competencies=[
            ja.Competency(
                "analyseren", "Analyseren", levels=[ja.BehaviouralLevel(1, "Ziet de essentie")]
            )
        ],
    ),
    profiles=[ja.CompetencyProfile("expert", "Expert", [ja.ProfileEntry("analyseren", ["D"], 1)])],
    notes=[ja.Note("n", "Een noot")],
    sources=[ja.Source("Bron", "bron.txt")],
    translations=[ja.Translation("en", "own")],
)
result: ja.Classification = ja.classify(family, {"kennis": "D"})
level: str = result.level
# A family code or a file path stands for a family; both levels are codes.
job: ja.JobProfile = ja.profile("ondersteuners", "14")
same_kind: bool = job.level == result.level
problems: list[ja.Problem] = ja.validate("families/eigen.toml")
descriptor: ja.Descriptor | None = family.criteria[0].at("waarde 2", family.scale)
