"""Write the golden inputs and outputs of ``classify-batch`` (run once, with the code to pin).

The outputs in ``batch/`` were made by the row-by-row implementation before the
vectorised engine replaced it (commit e8f19ea); ``tests/test_batch_golden.py``
checks that every later version writes the same bytes. Rerun only to add a case:
``uv run python tests/golden/make_batch.py --force``.
"""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "batch"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "voorbeeld.toml"

LEVELS_OS = ["D", "C", "B", "d", "c", "b", "Niveau C", "D..C", "C..B", "D..B", "", " ", "E", "B..D"]
CRITERIA_OS = [
    "kennis",
    "documenten",
    "praktische_organisatie",
    "procedures",
    "verbetering",
    "vragen_of_klachten",
    "contacten",
]


def _csv(path: Path, rows: list[list[str]], delimiter: str = ",", end: str = "\n") -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter, lineterminator=end).writerows(rows)


def inputs() -> list[dict[str, object]]:
    rng = random.Random(11)
    cases: list[dict[str, object]] = []
    # voorbeeld, scattered bad rows and awkward cells
    rows = [["id", "naam", "kennis", "Contacten"]]
    for i in range(300):
        kind = rng.choice(["good"] * 6 + ["level", "empty", "long", "short", "span", "quoted"])
        good = [rng.choice("DCB"), rng.choice(["D", "c", "b", "Niveau C", "waarde 2", "D..C"])]
        if kind == "level":
            rows.append([f"f{i}", "x", "E", good[1]])
        elif kind == "empty":
            rows.append([f"f{i}", "x", "", " "])
        elif kind == "long":
            rows.append([f"f{i}", "x", *good, "te veel"])
        elif kind == "short":
            rows.append([f"f{i}", "x"])
        elif kind == "span":
            rows.append([f"f{i}", "x", "B..D", good[1]])
        elif kind == "quoted":
            rows.append([f"f{i}", f'functie "{i}",\nmet regel', *good])
        else:
            rows.append([f"f{i}", f"functie {i}", *good])
        if i % 50 == 7:
            rows.append([])
    _csv(HERE / "voorbeeld.csv", rows)
    cases.append({"name": "voorbeeld", "input": "voorbeeld.csv", "family": "voorbeeld", "args": []})
    cases.append(
        {
            "name": "voorbeeld-json",
            "input": "voorbeeld.csv",
            "family": "voorbeeld",
            "args": ["--json"],
        }
    )
    cases.extend(
        {
            "name": f"voorbeeld-{rule}",
            "input": "voorbeeld.csv",
            "family": "voorbeeld",
            "args": ["--rule", rule],
        }
        for rule in ("weighted", "mode", "upper_median", "maximum")
    )
    # ondersteuners: seven criteria, names and codes as headers, ';' and CRLF
    header = ["Nr", "Kennis", *CRITERIA_OS[1:6], "CONTACTEN", "opmerking"]
    rows = [header]
    for i in range(500):
        cells = [
            rng.choice(LEVELS_OS) if rng.random() < 0.3 else rng.choice("DCB") for _ in range(7)
        ]
        rows.append([str(i), *cells, rng.choice(["", "ok", "zie; nota"])])
    _csv(HERE / "ondersteuners.csv", rows, delimiter=";", end="\r\n")
    cases.append(
        {
            "name": "ondersteuners",
            "input": "ondersteuners.csv",
            "family": "ondersteuners",
            "args": [],
        }
    )
    # adviseurs: level codes that look like numbers, aliases, tab-separated with a BOM
    fam_crit = [
        "complexiteit_van_het_advies_of_de_begeleiding",
        "aard_van_de_relatie_met_de_klant",
        "optimalisatie_van_de_werking_beleidsadvies",
        "interpersoonlijke_relaties",
        "organisatie_en_samenwerkingsvorm",
    ]
    values = ["12", "13/14", "15/16", "17/18", "Waarde 1", "FK 15/16", "12..13/14", "", "11"]
    rows = [["code", *fam_crit]]
    rows += [[f"a{i}", *(rng.choice(values) for _ in fam_crit)] for i in range(300)]
    with (HERE / "adviseurs.tsv").open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows(rows)
    cases.append({"name": "adviseurs", "input": "adviseurs.tsv", "family": "adviseurs", "args": []})
    cases.append(
        {
            "name": "adviseurs-weighted",
            "input": "adviseurs.tsv",
            "family": "adviseurs",
            "args": ["--rule", "weighted"],
        }
    )
    return cases


def main() -> None:
    if (HERE / "cases.json").exists() and "--force" not in sys.argv:
        sys.exit("the goldens exist; pass --force to remake them (only with the code to pin)")
    HERE.mkdir(parents=True, exist_ok=True)
    cases = inputs()
    families = Path(tempfile.mkdtemp())
    shutil.copy(EXAMPLE, families / "voorbeeld.toml")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBARCHITECTURE")}
    env["JOBARCHITECTURE_PATH"] = str(families)
    for case in cases:
        out = HERE / f"{case['name']}.out"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "jobarchitecture",
                "classify-batch",
                str(case["family"]),
                str(HERE / str(case["input"])),
                "-o",
                str(out),
                *map(str, case["args"]),
            ],  # type: ignore[call-overload]
            capture_output=True,
            env=env,
            check=False,
        )
        case["exit"] = done.returncode
        case["stderr"] = done.stderr.decode()
    (HERE / "cases.json").write_text(json.dumps(cases, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(families)


if __name__ == "__main__":
    main()
