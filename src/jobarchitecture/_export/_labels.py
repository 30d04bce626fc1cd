"""What the exports share: which languages a family is written in, the texts a
level's occupation is responsible for, and the column labels of the tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from .. import _model as m


def _texts(obj: Any) -> Iterator[m.Text]:
    if isinstance(obj, m.Text):
        yield obj
    elif attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):
            if f.init:
                yield from _texts(getattr(obj, f.name))
    elif isinstance(obj, tuple):
        for item in obj:
            yield from _texts(item)


def languages(family: m.Family) -> tuple[str, ...]:
    """Dutch, then every language some text of *family* is written in."""
    found = {lang for t in _texts(family) for lang in ("fr", "en") if t.has(lang)}
    return ("nl", *(lang for lang in m.LANGUAGES[1:] if lang in found))


# Column and sheet labels of the xlsx and csv exports, in the three languages.
LABELS: dict[str, dict[str, str]] = {
    "purpose_sheet": {
        "nl": "Doel en resultaatgebieden",
        "fr": "Mission et résultats",
        "en": "Purpose and result areas",
    },
    "criteria_sheet": {"nl": "Criteria", "fr": "Critères", "en": "Criteria"},
    "competencies_sheet": {"nl": "Competenties", "fr": "Compétences", "en": "Competencies"},
    "requirements_sheet": {"nl": "Vereisten", "fr": "Exigences", "en": "Requirements"},
    "notes_sheet": {
        "nl": "Opmerkingen en bronnen",
        "fr": "Remarques et sources",
        "en": "Notes and sources",
    },
    "part": {"nl": "Onderdeel", "fr": "Partie", "en": "Part"},
    "number": {"nl": "Nr.", "fr": "N°", "en": "No."},
    "title": {"nl": "Titel", "fr": "Titre", "en": "Title"},
    "activity": {"nl": "Activiteit", "fr": "Activité", "en": "Activity"},
    "connector": {"nl": "Verbinding", "fr": "Liaison", "en": "Connector"},
    "outcome": {"nl": "Resultaat", "fr": "Résultat", "en": "Outcome"},
    "tasks": {"nl": "Voorbeelden van taken", "fr": "Exemples de tâches", "en": "Example tasks"},
    "optional": {"nl": "Facultatief", "fr": "Facultatif", "en": "Optional"},
    "context": {"nl": "Context", "fr": "Contexte", "en": "Context"},
    "comment": {"nl": "Opmerking", "fr": "Commentaire", "en": "Comment"},
    "purpose": {"nl": "Doel", "fr": "Mission", "en": "Purpose"},
    "result_area": {"nl": "Resultaatgebied", "fr": "Domaine de résultat", "en": "Result area"},
    "criterion": {"nl": "Criterium", "fr": "Critère", "en": "Criterion"},
    "requirement": {"nl": "Vereiste", "fr": "Exigence", "en": "Requirement"},
    "group": {"nl": "Groep", "fr": "Groupe", "en": "Group"},
    "cluster": {"nl": "Cluster", "fr": "Cluster", "en": "Cluster"},
    "competency": {"nl": "Competentie", "fr": "Compétence", "en": "Competency"},
    "code": {"nl": "Code", "fr": "Code", "en": "Code"},
    "marker": {"nl": "Teken", "fr": "Signe", "en": "Marker"},
    "term": {"nl": "Term", "fr": "Terme", "en": "Term"},
    "text": {"nl": "Tekst", "fr": "Texte", "en": "Text"},
    "note": {"nl": "Noot", "fr": "Note", "en": "Note"},
    "source": {"nl": "Bron", "fr": "Source", "en": "Source"},
    "reference": {"nl": "Verwijzing", "fr": "Référence", "en": "Reference"},
    "translation": {"nl": "Vertaling", "fr": "Traduction", "en": "Translation"},
    "language": {"nl": "Taal", "fr": "Langue", "en": "Language"},
    "level": {"nl": "Niveau", "fr": "Niveau", "en": "Level"},
    "scheme_code": {"nl": "Schema en code", "fr": "Schéma et code", "en": "Scheme and code"},
    "reference_note": {
        "nl": "Vindplaats en noot",
        "fr": "Référence et note",
        "en": "Reference and note",
    },
    "behavioural_level": {
        "nl": "Gedragsniveau",
        "fr": "Niveau comportemental",
        "en": "Behavioural level",
    },
    "legend": {
        "nl": "K = kerncompetentie; X = in het basisprofiel van het niveau; een cijfer = het vereiste gedragsniveau",
        "fr": "K = compétence de base; X = dans le profil de base du niveau; un chiffre = le niveau comportemental requis",
        "en": "K = core competency; X = in the level's base profile; a number = the required behavioural level",
    },
    # The words of show and of the documents' "Bereik afgeleid (…)".
    "inferred": {"nl": "Bereik afgeleid", "fr": "Étendue déduite", "en": "Span inferred"},
}


def label(key: str, lang: str) -> str:
    """The label *key* in *lang*."""
    return LABELS[key][lang]


def responsibilities(family: m.Family, level: m.Level, lang: str) -> list[str]:
    """What a function at *level* is responsible for, in *lang*: every result
    area (title: activity, connector, outcome), then each (RG) clause of a
    descriptor covering the level (added to the result areas there). Empty
    when *lang* is not Dutch and some part is not written in it."""
    out: list[str] = []
    for area in family.result_areas:
        parts = (area.title, area.activity, area.outcome)
        if lang != "nl" and not all(p.has(lang) for p in parts):
            return []
        connector = CONNECTORS.get(area.connector, {}).get(lang, area.connector)
        out.append(
            f"{area.title.get(lang)}: {area.activity.get(lang)} {connector} {area.outcome.get(lang)}"
        )
    for criterion in family.criteria:
        d = criterion.at(level)
        for clause in d.clauses if d is not None else ():
            if clause.result_area:
                if lang != "nl" and not clause.text.has(lang):
                    return []
                out.append(clause.text.get(lang))
    return out


# The connectives of result areas; French and English are the plain dictionary
# equivalents, used only where the rest of the sentence is translated too.
CONNECTORS: dict[str, dict[str, str]] = {
    "teneinde": {"nl": "teneinde", "fr": "afin de", "en": "in order to"},
    "met als doel": {"nl": "met als doel", "fr": "dans le but de", "en": "with the aim to"},
}
