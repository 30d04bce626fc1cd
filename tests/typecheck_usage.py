"""Not a test module: mypy --strict checks that typed user code can build a
family from plain lists and strings (CI runs mypy on src/ and this file)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import jobarchitecture as ja
from jobarchitecture import testing as jt

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
# Publishing: the comparison and the renderers are typed through the front door.
comparison: ja.Comparison = ja.compare(family, "D", "C")
runs: tuple[ja.WordRun, ...] = comparison.criteria[0].diff("en")
page: str = ja.render_html(ja.profile(family, "C"), "fr")
markdown: str = ja.render_markdown(comparison, "en")
ja.write_docx(comparison, "vergelijking.docx", lang="nl", template=None)
written: list[Path] = ja.build_site("site", [family], lang="en", force=False)

# References from a string source, exports in memory, and a typed diff.
referenced = ja.Family(
    code="eigen",
    name="Eigen familie",
    government="Eigen organisatie",
    scale=ja.Scale("Niveau", [ja.Level("D", "Niveau D", references=[])]),
    purpose=ja.Purpose("Iets doen", "iets te bereiken."),
    references=[ja.Reference("ISCO-08", "4110", "editorial", label="General office clerks")],
)
document: dict[str, object] = ja.to_jsonld(referenced)
table: str = ja.to_csv(referenced, "en")
workbook: bytes = ja.to_xlsx(referenced)
changes: ja.FamilyDiff = ja.diff(family, referenced)
paths: list[str] = [change.path for change in changes]
words: tuple[tuple[str, str], ...] = changes.changes[0].words("nl")

# A rule author's code: a rule with laws and a description, the listing, the kit.


class SecondHighest:
    name = "second_highest"
    monotone = True
    laws = ("monotone", "bounded")

    def describe(self, lang: str) -> str | None:
        return "the second highest rating" if lang == "en" else None

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        s = sorted(ranks)
        return s[-2] if len(s) > 1 else s[0]


laws: tuple[str, ...] = ja.rule_infos("en")[0].laws
usable: list[str] = [i.name for i in ja.rule_infos() if i.usable]
check: jt.Test = jt.monotone(SecondHighest())
by_name: jt.Test = jt.declared_laws("mode")
reach: tuple[ja.Change, ...] = ja.classify(family, {"kennis": "D"}, SecondHighest()).to_reach("C")
# A family code or a file path stands for a family; both levels are codes.
job: ja.JobProfile = ja.profile("ondersteuners", "14")
same_kind: bool = job.level == result.level
problems: list[ja.Problem] = ja.validate("families/eigen.toml")
descriptor: ja.Descriptor | None = family.criteria[0].at("waarde 2", family.scale)
