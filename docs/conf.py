"""Sphinx configuration of the jobarchitecture site.

Build it with ``uv run sphinx-build -W --keep-going -b html docs docs/_build/html``;
it needs no network. Pages under ``_generated/`` and ``families/`` are written
by ``_ext/jadocs.py`` from the installed library and plugins at every build.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

import jobarchitecture

project = "jobarchitecture"
author = "jobarchitecture developers"
copyright = "jobarchitecture developers"
release = jobarchitecture.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "jadocs",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_generated", "_ext", "README.md"]

# Docstrings are Google style ("Args:", "Raises:"), signatures carry the types.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_use_ivar = True  # "Attributes:" as one compact field list per class
python_use_unqualified_type_names = True
add_module_names = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"jobarchitecture {release}"
html_show_sourcelink = False
html_theme_options = {"navigation_with_keys": True}
