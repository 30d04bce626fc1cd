"""The fixed words of the HTML, DOCX and site renderers, in nl, fr and en.

Family text comes from the family (with its fallback to Dutch); only the
renderers' own headings and legends are here, one catalogue per language with
the same keys (a test checks that).
"""

from __future__ import annotations

from .._model import Text, check_lang

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "colon": ":",
        "family": "Functiefamilie",
        "families": "Functiefamilies",
        "level": "Niveau",
        "role": "Rol",
        "purpose": "Doel",
        "result_areas": "Resultaatgebieden",
        "optional": "facultatief",
        "context": "Context",
        "tasks": "Voorbeelden van taken / activiteiten",
        "added": "Toegevoegd door (RG)-criteria op dit niveau",
        "dropped": "Vervallen (RG)-resultaatgebieden",
        "alternative": "alternatief binnen een OF-omschrijving",
        "criteria": "Onderscheidende criteria",
        "criterion": "Criterium",
        "competencies": "Competentieprofiel",
        "competency": "Competentie",
        "cluster": "Cluster",
        "core": "Kern (K)",
        "core_short": "K",
        "behaviour": "Gedragsniveau",
        "requirements": "Vereisten",
        "notes": "Opmerkingen",
        "sources": "Bronnen",
        "and": "EN",
        "or": "OF",
        "rg": "RG",
        "rg_title": "wordt op dit niveau een resultaatgebied",
        "inferred": "afgeleid",
        "inferred_title": "Bereik afgeleid (de brontekst verloor de samengevoegde cel)",
        "same": "zelfde omschrijving",
        "changed_from": "Wat verschilt van {level}",
        "compare_title": "{first} → {second}",
        "difference": "Verschil",
        "entering": "nieuw",
        "leaving": "vervalt",
        "level_change": "ander gedragsniveau",
        "no_change": "geen verschil",
        "inserted": "toegevoegd",
        "deleted": "weggelaten",
        "legend_diff": "Legende: toegevoegde woorden zijn gemarkeerd, weggelaten woorden doorgestreept.",
        "same_level": "Beide zijn niveau {code}: er verschilt niets.",
        "below": "Lager niveau",
        "above": "Hoger niveau",
        "house": "Functiehuis",
        "house_intro": "Functiefamilies als kolommen, niveaus als rijen; klik een cel voor het functieprofiel.",
        "scale_federal": "Federale niveaus",
        "scale_flemish": "Vlaamse functieklassen",
        "scale_other": "Schaal",
        "search": "Zoeken",
        "search_placeholder": "Zoek in alle teksten…",
        "search_none": "Geen resultaten.",
        "fallback": "Niet vertaald: deze tekst staat in het Nederlands.",
        "fallback_page": "Sommige teksten staan in het Nederlands (gemarkeerd NL).",
        "fallback_doc": "Sommige teksten staan in het Nederlands.",
        "profile": "Functieprofiel",
        "home": "Overzicht",
        "generated": "Gemaakt met jobarchitecture",
        "definition": "Definitie",
        "print": "Afdrukken",
    },
    "fr": {
        "colon": " :",
        "family": "Famille de fonctions",
        "families": "Familles de fonctions",
        "level": "Niveau",
        "role": "Rôle",
        "purpose": "Objectif",
        "result_areas": "Domaines de résultats",
        "optional": "facultatif",
        "context": "Contexte",
        "tasks": "Exemples de tâches / activités",
        "added": "Ajoutés par les critères (RG) à ce niveau",
        "dropped": "Domaines de résultats (RG) qui disparaissent",
        "alternative": "option d'un descripteur OU",
        "criteria": "Critères distinctifs",
        "criterion": "Critère",
        "competencies": "Profil de compétences",
        "competency": "Compétence",
        "cluster": "Groupe",
        "core": "Clé (K)",
        "core_short": "K",
        "behaviour": "Niveau comportemental",
        "requirements": "Exigences",
        "notes": "Remarques",
        "sources": "Sources",
        "and": "ET",
        "or": "OU",
        "rg": "RG",
        "rg_title": "devient un domaine de résultats à ce niveau",
        "inferred": "déduit",
        "inferred_title": "Étendue déduite (le texte source a perdu la cellule fusionnée)",
        "same": "même descripteur",
        "changed_from": "Ce qui diffère de {level}",
        "compare_title": "{first} → {second}",
        "difference": "Différence",
        "entering": "nouveau",
        "leaving": "disparaît",
        "level_change": "autre niveau comportemental",
        "no_change": "aucune différence",
        "inserted": "ajouté",
        "deleted": "supprimé",
        "legend_diff": "Légende : les mots ajoutés sont surlignés, les mots supprimés barrés.",
        "same_level": "Les deux sont le niveau {code} : rien ne diffère.",
        "below": "Niveau inférieur",
        "above": "Niveau supérieur",
        "house": "Maison des fonctions",
        "house_intro": "Les familles en colonnes, les niveaux en lignes ; cliquez une cellule pour le profil de fonction.",
        "scale_federal": "Niveaux fédéraux",
        "scale_flemish": "Classes de fonctions flamandes",
        "scale_other": "Échelle",
        "search": "Rechercher",
        "search_placeholder": "Rechercher dans tous les textes…",
        "search_none": "Aucun résultat.",
        "fallback": "Non traduit : ce texte est en néerlandais.",
        "fallback_page": "Certains textes n'existent pas en français et sont repris en néerlandais (marqués NL).",
        "fallback_doc": "Certains textes n'existent pas en français et sont repris en néerlandais.",
        "profile": "Profil de fonction",
        "home": "Aperçu",
        "generated": "Généré par jobarchitecture",
        "definition": "Définition",
        "print": "Imprimer",
    },
    "en": {
        "colon": ":",
        "family": "Job family",
        "families": "Job families",
        "level": "Level",
        "role": "Role",
        "purpose": "Purpose",
        "result_areas": "Result areas",
        "optional": "optional",
        "context": "Context",
        "tasks": "Example tasks / activities",
        "added": "Added by (RG) criteria at this level",
        "dropped": "(RG) result areas dropped",
        "alternative": "one option of an OR descriptor",
        "criteria": "Distinguishing criteria",
        "criterion": "Criterion",
        "competencies": "Competency profile",
        "competency": "Competency",
        "cluster": "Cluster",
        "core": "Core (K)",
        "core_short": "K",
        "behaviour": "Behavioural level",
        "requirements": "Requirements",
        "notes": "Notes",
        "sources": "Sources",
        "and": "AND",
        "or": "OR",
        "rg": "RG",
        "rg_title": "becomes a result area at this level",
        "inferred": "inferred",
        "inferred_title": "Span inferred (the source text lost the merged cell)",
        "same": "same descriptor",
        "changed_from": "What differs from {level}",
        "compare_title": "{first} → {second}",
        "difference": "Difference",
        "entering": "new",
        "leaving": "dropped",
        "level_change": "other behavioural level",
        "no_change": "no difference",
        "inserted": "inserted",
        "deleted": "deleted",
        "legend_diff": "Legend: inserted words are highlighted, deleted words struck through.",
        "same_level": "Both are level {code}: nothing differs.",
        "below": "Level below",
        "above": "Level above",
        "house": "Function house",
        "house_intro": "Families as columns, levels as rows; click a cell for its job profile.",
        "scale_federal": "Federal levels",
        "scale_flemish": "Flemish function classes",
        "scale_other": "Scale",
        "search": "Search",
        "search_placeholder": "Search all text…",
        "search_none": "No results.",
        "fallback": "Not translated: this text is in Dutch.",
        "fallback_page": "Some text does not exist in English and is shown in Dutch (marked NL).",
        "fallback_doc": "Some text does not exist in English and is given in Dutch.",
        "profile": "Job profile",
        "home": "Overview",
        "generated": "Made with jobarchitecture",
        "definition": "Definition",
        "print": "Print",
    },
}


def labels(lang: str) -> dict[str, str]:
    """The renderers' fixed words in *lang*.

    Raises:
        LanguageError: *lang* is not one of nl, fr, en.
    """
    return LABELS[check_lang(lang)]


#: What a competency profile is called when it is a family's only one and the
#: framework has no roles: the Flemish families' profile is named after the
#: heading of the source's table ("Competenties"). Such a name says no more than
#: the section heading above it, so it is no role.
_NO_ROLE = frozenset(
    {"competenties", "compétences", "competencies", "competences"}
    | {LABELS[lang]["competencies"].casefold() for lang in LABELS}
)


def role_name(name: Text | None) -> Text | None:
    """*name*, a competency profile's name, when it names a role; None when it is
    only the word for competencies (a Flemish family's one profile), which a
    document shows as no "Role:" line and no "Competency profile: Competencies"
    heading."""
    if name is None:
        return None
    said = (getattr(name, lang) for lang in LABELS)
    if any(s is not None and s.strip().casefold() in _NO_ROLE for s in said):
        return None
    return name
