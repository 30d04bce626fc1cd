"""A JSON Schema of the family format, generated from the model classes.

Generated rather than hand-written so it cannot drift from what the loader
accepts; the tests check that every bundled family validates against it.
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import attrs

from . import _model as m

_TITLE = "jobarchitecture family"
# Fields that exist on the model but are never written to a file.
_HIDDEN = {(m.Level, "rank")}


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if tp is m.Text:
        _class_schema(m.Text, defs)
        return {
            "anyOf": [{"type": "string"}, {"$ref": "#/$defs/Text"}],
            "description": "Dutch text, or a table of nl (required), fr and en.",
        }
    if tp is m.Clause:
        _class_schema(m.Clause, defs)
        return {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Clause"}]}
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return (
            _type_schema(args[0], defs)
            if len(args) == 1
            else {"anyOf": [_type_schema(a, defs) for a in args]}
        )
    if origin is tuple:
        item = typing.get_args(tp)[0]
        return {"type": "array", "items": _type_schema(item, defs)}
    if origin is dict:
        return {"type": "object"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [e.value for e in tp]}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if attrs.has(tp):
        _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no schema for {tp!r}")  # pragma: no cover - a model change without a schema


def _class_schema(cls: type, defs: dict[str, Any]) -> None:
    name = cls.__name__
    if name in defs:
        return
    defs[name] = {}  # reserve, for recursion
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required = []
    for f in attrs.fields(cls):
        if not f.init or (cls, f.name) in _HIDDEN:
            continue
        props[f.name] = _type_schema(hints[f.name], defs)
        if f.default is attrs.NOTHING:
            required.append(f.name)
    doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    defs[name] = {
        "type": "object",
        "description": doc,
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def family_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a family file, TOML or JSON."""
    defs: dict[str, Any] = {}
    _class_schema(m.Family, defs)
    root = defs.pop("Family")
    root["properties"]["format_version"] = {"const": m.FORMAT_VERSION}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://jobarchitecture.invalid/schema/family-v1.json",
        "title": _TITLE,
        **root,
        "$defs": dict(sorted(defs.items())),
    }
