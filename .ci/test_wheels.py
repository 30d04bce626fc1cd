"""Build every distribution of the workspace as a wheel, install them into a fresh
venv and run the test suite there, so the tests exercise what users install.

Run from the repository root: `uv run python .ci/test_wheels.py [pytest args]`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "jobarchitecture",
    *sorted(
        f"jobarchitecture-{p.name}"
        for p in (ROOT / "plugins").iterdir()
        if (p / "pyproject.toml").is_file()
    ),
]
TEST_DEPS = ["pytest>=8", "hypothesis>=6.100", "jsonschema>=4", "openpyxl>=3.1"]
# classify_table (the tables extra) and the DataFrame libraries its tests feed it.
TEST_DEPS += ["narwhals>=1.30", "numpy>=1.26", "pandas>=2.2", "polars>=1.0", "pyarrow>=15"]


def main() -> int:
    uv = os.environ.get("UV") or shutil.which("uv") or "uv"
    with tempfile.TemporaryDirectory(prefix="ja-wheels-") as tmp:
        dist = Path(tmp) / "dist"
        for package in PACKAGES:
            subprocess.run(
                [uv, "build", "--quiet", "--wheel", "--package", package, "--out-dir", str(dist)],
                cwd=ROOT,
                check=True,
            )
        wheels = sorted(str(w) for w in dist.glob("*.whl"))
        print(f"built {len(wheels)} wheels: {', '.join(Path(w).name for w in wheels)}")
        venv = Path(tmp) / "venv"
        subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
        python = venv / "bin" / "python"
        subprocess.run(
            [uv, "pip", "install", "--quiet", "--python", str(python), *wheels, *TEST_DEPS],
            check=True,
        )
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"PYTHONPATH", "VIRTUAL_ENV", "JOBARCHITECTURE_PATH"}
        }
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        # -m "not e2e": the e2e test builds wheels itself; here everything already is one.
        # -p no:cacheprovider: leave the source tree as it was.
        cmd = [
            str(python),
            "-m",
            "pytest",
            "-m",
            "not e2e",
            "-p",
            "no:cacheprovider",
            *sys.argv[1:],
        ]
        check = subprocess.run(
            [
                str(python),
                "-c",
                "import jobarchitecture, sys; sys.exit('site-packages' not in jobarchitecture.__file__)",
            ],
            cwd=ROOT,
            env=env,
        )
        if check.returncode:
            print("jobarchitecture was not imported from the wheel", file=sys.stderr)
            return 1
        return subprocess.run(cmd, cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
