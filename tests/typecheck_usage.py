"""Not a test module: mypy --strict checks that typed user code can build a
family from plain lists and strings (CI runs mypy on src/ and this file)."""

from __future__ import annotations

from pathlib import Path

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
