"""$import / $importdefs: sources the caller allows (D8), mounting, rewriting, limits, pickling."""

from __future__ import annotations

import copy
import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

import jstruct
from jstruct.schema.imports import MAX_IMPORT_DEPTH

EXT = "https://json-structure.org/meta/extended/v0/#"
CORE = "https://json-structure.org/meta/core/v0/#"
PEOPLE = "https://example.com/people"


def people() -> dict[str, Any]:
    return {
        "$schema": EXT,
        "$id": PEOPLE,
        "name": "Person",
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "address": {"type": {"$ref": "#/definitions/Address"}},
        },
        "required": ["name"],
        "definitions": {
            "Address": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
            },
            "Geo": {"Point": {"type": "object", "properties": {"x": {"type": "double"}}}},
        },
    }


def importer(
    definitions: dict[str, Any], ref: str = "#/definitions/Person", **root: Any
) -> dict[str, Any]:
    return {
        "$schema": EXT,
        "$id": "https://example.com/main",
        "name": "Main",
        "type": "object",
        "properties": {"p": {"type": {"$ref": ref}}},
        "required": ["p"],
        "definitions": definitions,
        **root,
    }


def codes_of(document: dict[str, Any], **options: Any) -> set[str]:
    with pytest.raises(jstruct.SchemaError) as info:
        jstruct.compile(document, **options)
    return {e.code for e in info.value.errors}


def test_import_from_a_dict_mounts_root_type_and_definitions() -> None:
    v = jstruct.compile(importer({"$import": PEOPLE}), imports={PEOPLE: people()})
    assert v.is_valid({"p": {"name": "Ann", "address": {"city": "Oslo"}}})
    result = v.validate({"p": {"name": "Ann", "address": {}}})
    assert [(e.code, e.path) for e in result.errors] == [
        ("INSTANCE_REQUIRED_PROPERTY_MISSING", "/p/address")
    ]


def test_caller_document_is_not_mutated() -> None:
    document = importer({"People": {"$import": PEOPLE}}, "#/definitions/People/Person")
    source = people()
    before, source_before = copy.deepcopy(document), copy.deepcopy(source)
    jstruct.compile(document, imports={PEOPLE: source})
    assert document == before
    assert source == source_before


def test_namespace_mount_rewrites_nested_refs() -> None:
    document = importer({"People": {"$import": PEOPLE}}, "#/definitions/People/Person")
    document["properties"]["g"] = {"type": {"$ref": "#/definitions/People/Geo/Point"}}
    v = jstruct.compile(document, imports={PEOPLE: people()})
    assert v.is_valid({"p": {"name": "A", "address": {"city": "B"}}, "g": {"x": 1}})
    assert not v.is_valid({"p": {"name": "A", "address": {"city": 1}}})
    assert not v.is_valid({"p": {"name": "A"}, "g": {"x": "1"}})


def test_root_level_import_and_importdefs() -> None:
    v = jstruct.compile(importer({}, **{"$import": PEOPLE}), imports={PEOPLE: people()})
    assert v.is_valid({"p": {"name": "x"}})
    assert codes_of(importer({"$importdefs": PEOPLE}), imports={PEOPLE: people()}) == {
        "SCHEMA_REF_NOT_FOUND"
    }


def test_local_definition_shadows_imported() -> None:
    local = {"type": "object", "properties": {"zip": {"type": "string"}}, "required": ["zip"]}
    v = jstruct.compile(importer({"$import": PEOPLE, "Address": local}), imports={PEOPLE: people()})
    assert v.is_valid({"p": {"name": "A", "address": {"zip": "1"}}})
    assert not v.is_valid({"p": {"name": "A", "address": {"city": "Oslo"}}})


def test_import_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "people.json"
    path.write_text(json.dumps(people()))
    v = jstruct.compile(importer({"$import": PEOPLE}), imports={PEOPLE: str(path)})
    assert v.is_valid({"p": {"name": "Ann"}})
    v2 = jstruct.compile(importer({"$import": PEOPLE}), imports={PEOPLE: path})
    assert v2.is_valid({"p": {"name": "Ann"}})


def test_unmapped_uri_missing_file_and_not_a_schema(tmp_path: Path) -> None:
    assert "SCHEMA_IMPORT_NOT_ALLOWED" in codes_of(importer({"$import": PEOPLE}))
    missing = str(tmp_path / "nope.json")
    assert "SCHEMA_IMPORT_NOT_FOUND" in codes_of(
        importer({"$import": PEOPLE}), imports={PEOPLE: missing}
    )
    assert "SCHEMA_IMPORT_INVALID" in codes_of(
        importer({"$import": PEOPLE}), imports={PEOPLE: {"hello": 1}}
    )
    broken = tmp_path / "broken.json"
    broken.write_text("{nope")
    assert "SCHEMA_IMPORT_INVALID" in codes_of(
        importer({"$import": PEOPLE}), imports={PEOPLE: str(broken)}
    )


def test_import_disabled_says_so() -> None:
    document = importer({"$import": PEOPLE}, **{"$schema": CORE})
    with pytest.raises(jstruct.SchemaError) as info:
        jstruct.compile(document, imports={PEOPLE: people()})
    errors = [e for e in info.value.errors if e.code == "SCHEMA_IMPORT_NOT_ALLOWED"]
    assert errors and "JSONStructureImport" in errors[0].message
    assert errors[0].schema_path == "/definitions/$import"
    document["$uses"] = ["JSONStructureImport"]
    assert jstruct.compile(document, imports={PEOPLE: people()}).is_valid({"p": {"name": "x"}})


def test_cycles_are_reported() -> None:
    a = {"$schema": EXT, "$id": "urn:a", "definitions": {"A": {"type": "string"}}}
    b = {"$schema": EXT, "$id": "urn:b", "definitions": {"B": {"type": "string"}}}
    a["definitions"]["$import"] = "urn:b"
    b["definitions"]["$import"] = "urn:a"
    found = codes_of(importer({"$import": "urn:a"}), imports={"urn:a": a, "urn:b": b})
    assert "SCHEMA_IMPORT_CIRCULAR" in found
    main = importer({"$import": "urn:self"}, **{"$id": "urn:self"})
    assert "SCHEMA_IMPORT_CIRCULAR" in codes_of(main, imports={"urn:self": main})


def test_diamond_is_not_a_cycle() -> None:
    leaf = {"$schema": EXT, "$id": "urn:leaf", "definitions": {"L": {"type": "string"}}}
    left = {"$schema": EXT, "$id": "urn:left", "definitions": {"$import": "urn:leaf"}}
    right = {"$schema": EXT, "$id": "urn:right", "definitions": {"$importdefs": "urn:leaf"}}
    document = importer(
        {"X": {"$import": "urn:left"}, "Y": {"$import": "urn:right"}}, "#/definitions/X/L"
    )
    sources = {"urn:leaf": leaf, "urn:left": left, "urn:right": right}
    assert jstruct.compile(document, imports=sources).is_valid({"p": "s"})


def test_too_deep_chain() -> None:
    sources: dict[str, Any] = {}
    for i in range(MAX_IMPORT_DEPTH + 2):
        doc: dict[str, Any] = {"$schema": EXT, "$id": f"urn:d{i}", "definitions": {}}
        doc["definitions"][f"T{i}"] = {"type": "string"}
        doc["definitions"]["$import"] = f"urn:d{i + 1}"
        sources[f"urn:d{i}"] = doc
    del sources[f"urn:d{MAX_IMPORT_DEPTH + 1}"]["definitions"]["$import"]
    assert "SCHEMA_IMPORT_TOO_DEEP" in codes_of(
        importer({"$import": "urn:d0"}, "#/definitions/T0"), imports=sources
    )
    short = importer({"$import": f"urn:d{MAX_IMPORT_DEPTH - 5}"}, "#/definitions/T30")
    assert jstruct.compile(short, imports=sources).is_valid({"p": "x"})


def _library(tmp_path: Path) -> Path:
    root = tmp_path / "schemas"
    (root / "person-library").mkdir(parents=True)
    (root / "common").mkdir()
    member = {
        "$schema": EXT,
        "$id": "https://example.com/member",
        "name": "Person",
        "type": "object",
        "properties": {"home": {"type": {"$ref": "#/definitions/Address"}}},
        "$importdefs": "../common/address.json",
    }
    address = {
        "$schema": EXT,
        "$id": "https://example.com/address",
        "definitions": {"Address": {"type": "object", "properties": {"zip": {"type": "string"}}}},
    }
    (root / "person-library" / "schema.struct.json").write_text(json.dumps(member))
    (root / "common" / "address.json").write_text(json.dumps(address))
    return root


def test_import_dir_relative_references(tmp_path: Path) -> None:
    root = _library(tmp_path)
    document = importer({"$import": "person-library/schema.struct.json"})
    v = jstruct.compile(document, import_dir=root)
    assert v.is_valid({"p": {"home": {"zip": "1"}}})
    assert not v.is_valid({"p": {"home": {"zip": 1}}})
    assert "SCHEMA_IMPORT_NOT_ALLOWED" in codes_of(document)


def test_import_dir_refuses_escapes(tmp_path: Path) -> None:
    root = _library(tmp_path)
    outside = tmp_path / "secret.json"
    outside.write_text(json.dumps(people()))
    for reference in ("../secret.json", "person-library/../../secret.json", str(outside)):
        found = codes_of(importer({"$import": reference}), import_dir=root)
        assert "SCHEMA_IMPORT_NOT_ALLOWED" in found, reference
    if hasattr(os, "symlink"):
        os.symlink(outside, root / "link.json")
        found = codes_of(importer({"$import": "link.json"}), import_dir=root)
        assert "SCHEMA_IMPORT_NOT_ALLOWED" in found
    assert "SCHEMA_IMPORT_NOT_FOUND" in codes_of(
        importer({"$import": "person-library/none.json"}), import_dir=root
    )


def test_bad_options_raise() -> None:
    with pytest.raises(TypeError):
        jstruct.compile(importer({}), imports={PEOPLE: 5})
    with pytest.raises(ValueError):
        jstruct.compile(importer({}), import_dir="/definitely/not/here")


def test_pickled_validator_with_imports(tmp_path: Path) -> None:
    path = tmp_path / "people.json"
    path.write_text(json.dumps(people()))
    for source in (people(), str(path)):
        v = jstruct.compile(importer({"$import": PEOPLE}), imports={PEOPLE: source})
        clone = pickle.loads(pickle.dumps(v))
        for data in ({"p": {"name": "A"}}, {"p": {}}, {"p": {"name": "A", "address": {}}}):
            assert clone.validate(data) == v.validate(data)
    v = jstruct.compile(
        importer({"$import": "person-library/schema.struct.json"}),
        import_dir=_library(tmp_path),
    )
    clone = pickle.loads(pickle.dumps(v))
    assert clone.is_valid({"p": {"home": {"zip": "1"}}})
    assert not clone.is_valid({"p": {"home": {"zip": 1}}})


def test_check_schema_reports_import_errors() -> None:
    from jstruct.validator import check_document

    report = check_document(importer({"$import": PEOPLE}))
    assert "SCHEMA_IMPORT_NOT_ALLOWED" in {e.code for e in report.errors}
    assert check_document(importer({"$import": PEOPLE}), imports={PEOPLE: people()}).valid
