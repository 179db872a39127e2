"""Alternate names, units, relations: shape checked when enabled, never enforced (D4)."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import jstruct
from jstruct.validator import check_document

VAL = "https://json-structure.org/meta/validation/v0/#"
CORE = "https://json-structure.org/meta/core/v0/#"
REL = "https://json-structure.org/meta/relations/v0/#"


def doc(meta: str = VAL, **root: Any) -> dict[str, Any]:
    return {"$schema": meta, "$id": "https://example.com/t", "name": "T", **root}


def errors(document: dict[str, Any]) -> set[str]:
    return {e.code for e in check_document(document).errors}


def warnings(document: dict[str, Any], **options: Any) -> set[str]:
    return {e.code for e in check_document(document, **options).warnings}


@pytest.mark.parametrize(
    ("keyword", "value", "code"),
    [
        ("altnames", "x", "SCHEMA_ALTNAMES_NOT_OBJECT"),
        ("altnames", {"json": 1}, "SCHEMA_ALTNAMES_VALUE_NOT_STRING"),
        ("descriptions", {"lang:en": 1}, "SCHEMA_ANNOTATION_INVALID"),
        ("unit", 1, "SCHEMA_ANNOTATION_INVALID"),
        ("ucumUnit", "", "SCHEMA_ANNOTATION_INVALID"),
        ("currency", None, "SCHEMA_ANNOTATION_INVALID"),
        ("symbol", [], "SCHEMA_ANNOTATION_INVALID"),
        ("symbols", {"default": 2}, "SCHEMA_ANNOTATION_INVALID"),
    ],
)
def test_bad_shapes_are_schema_errors_when_enabled(keyword: str, value: Any, code: str) -> None:
    assert code in errors(doc(type="double", **{keyword: value}))
    # Off (core meta-schema): plain annotations, silently ignored.
    off = doc(CORE, type="double", **{keyword: value})
    assert not errors(off)
    assert not warnings(off)


def test_annotations_never_reject_instances() -> None:
    v = jstruct.compile(
        doc(
            type="double",
            unit="m/s",
            ucumUnit="m/s",
            symbol="m/s",
            symbols={"lang:de": "m/s"},
            altnames={"json": "speed", "lang:de": "Tempo"},
            descriptions={"lang:de": "Geschwindigkeit"},
        )
    )
    assert v.warnings == ()
    assert v.is_valid(3.5)
    assert not v.is_valid("3.5")


def test_altenums_rules() -> None:
    base = {"type": "string", "enum": ["a", "b"]}
    assert not errors(doc(**base, altenums={"json": {"a": "A"}, "lang:de": {"b": "B"}}))
    assert "SCHEMA_ANNOTATION_INVALID" in errors(doc(type="string", altenums={"json": {}}))
    assert "SCHEMA_ANNOTATION_INVALID" in errors(doc(**base, altenums={"json": {"c": "C"}}))
    assert "SCHEMA_ANNOTATION_INVALID" in errors(
        doc(**base, altenums={"json": {"a": "X", "b": "X"}})
    )


def test_soft_problems_warn() -> None:
    assert warnings(doc(type="decimal", currency="eur")) == {"SCHEMA_ANNOTATION_UNEXPECTED_VALUE"}
    assert warnings(doc(type="string", unit="m")) == {"SCHEMA_ANNOTATION_UNEXPECTED_VALUE"}
    assert warnings(doc(type="string", altnames={"lang:": "x"})) == {
        "SCHEMA_ANNOTATION_UNEXPECTED_VALUE"
    }
    assert not warnings(doc(type="array", items={"type": "double"}, unit="m"))


def _book(**overrides: Any) -> dict[str, Any]:
    relation = {"targettype": {"$ref": "#/definitions/Author"}, "cardinality": "single"}
    relation.update(overrides.pop("relation", {}))
    return doc(
        REL,
        type="object",
        properties={"title": {"type": "string"}},
        identity=overrides.pop("identity", ["title"]),
        relations={overrides.pop("name", "author"): relation},
        definitions={
            "Author": {
                "type": "object",
                "properties": {"id": {"type": "string"}},
                "identity": ["id"],
            },
            "Plain": {"type": "object", "properties": {"x": {"type": "string"}}},
        },
    )


def test_relations() -> None:
    assert not errors(_book())
    assert jstruct.compile(_book()).is_valid({"title": "x", "author": 1})
    bad = [
        _book(identity=["isbn"]),
        _book(identity="title"),
        _book(name="title"),
        _book(relation={"cardinality": "some"}),
        _book(relation={"targettype": {"$ref": "#/definitions/Plain"}}),
        _book(relation={"targettype": "#/definitions/Author"}),
        _book(relation={"scope": "#/nowhere"}),
        _book(relation={"qualifiertype": {"$ref": "#/definitions/Missing"}}),
        doc(REL, type="string", identity=["a"]),
    ]
    for document in bad:
        assert "SCHEMA_ANNOTATION_INVALID" in errors(document)
    # The validation meta-schema does not enable Relations: ignored.
    assert not errors(doc(type="string", identity=5))


def _wire() -> dict[str, Any]:
    return doc(
        type="object",
        properties={
            "first_name": {"type": "string", "altnames": {"json": "first-name"}},
            "kind": {"type": "string", "enum": ["x_y", "z"], "altenums": {"json": {"x_y": "x-y"}}},
        },
        required=["first_name"],
        additionalProperties=False,
    )


def test_wire_names_mode() -> None:
    v = jstruct.compile(_wire(), wire_names=True)
    assert v.is_valid({"first-name": "A", "kind": "x-y"})
    assert v.is_valid({"first-name": "A", "kind": "z"})
    assert not v.is_valid({"first_name": "A"})
    assert not v.is_valid({"first-name": "A", "kind": "x_y"})
    codes = {(e.code, e.path) for e in v.validate({"first_name": "A"}).errors}
    assert ("INSTANCE_REQUIRED_PROPERTY_MISSING", "") in codes
    assert ("INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED", "/first_name") in codes
    default = jstruct.compile(_wire())
    assert default.is_valid({"first_name": "A", "kind": "x_y"})
    assert not default.is_valid({"first-name": "A"})


def test_wire_names_survive_pickling() -> None:
    v = jstruct.compile(_wire(), wire_names=True)
    clone = pickle.loads(pickle.dumps(v))
    assert clone.is_valid({"first-name": "A"})
    assert not clone.is_valid({"first_name": "A"})


def test_wire_name_conflict_and_disabled_extension() -> None:
    conflict = doc(
        type="object",
        properties={"a": {"type": "string", "altnames": {"json": "b"}}, "b": {"type": "string"}},
    )
    with pytest.raises(jstruct.SchemaError) as info:
        jstruct.compile(conflict, wire_names=True)
    assert {e.code for e in info.value.errors} == {"SCHEMA_WIRE_NAME_CONFLICT"}
    assert jstruct.compile(conflict).is_valid({"a": "1", "b": "2"})
    off = _wire()
    off["$schema"] = CORE
    del off["properties"]["kind"]
    assert warnings(off, wire_names=True) == {"SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"}
    assert jstruct.compile(off, wire_names=True).is_valid({"first_name": "A"})
