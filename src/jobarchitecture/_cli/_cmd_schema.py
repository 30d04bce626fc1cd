"""``jobarchitecture schema``: the JSON Schema of the family file format."""

from __future__ import annotations

import argparse

from .._schema import family_schema
from ._common import EXIT_OK, write_json


def run(args: argparse.Namespace) -> int:
    """Print the schema (always JSON; ``--json`` is accepted for symmetry)."""
    write_json(family_schema())
    return EXIT_OK
