"""The public API: shapes, errors, pickling, threads and hostile inputs."""

from __future__ import annotations

import copy
import math
import pickle
import threading
from typing import Any

import pytest

import jstruct
from jstruct.compiler.context import MAX_SCHEMA_DEPTH
from tests.conftest import EXAMPLES

CORE = "https://json-structure.org/meta/core/v0/#"


def doc(**members: Any) -> dict[str, Any]:
    return {"$schema": CORE, "$id": "https://example.com/t", "name": "T", **members}


TREE = {
    "$schema": CORE,
    "$id": "https://example.com/tree",
    "$root": "#/definitions/Node",
    "definitions": {
        "Node": {
            "type": "object",
            "properties": {
                "value": {"type": "int32"},
                "children": {"type": "array", "items": {"type": {"$ref": "#/definitions/Node"}}},
            },
            "required": ["value"],
        }
    },
}


def chain(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"value": 0}
    for i in range(depth - 1):
        node = {"value": i, "children": [node]}
    return node


def test_public_names() -> None:
    for name in jstruct.__all__:
        assert hasattr(jstruct, name)
    assert {"validate", "compile", "check_schema", "is_valid", "SchemaError"} <= set(
        jstruct.__all__
    )


def test_result_shape() -> None:
    result = jstruct.validate(doc(type="int8"), 300)
    assert not result and not result.valid and len(result) == 1
    (error,) = result.errors
    assert error.code == "INSTANCE_INT_RANGE_INVALID"
    assert error.path == "" and error.schema_path == "/type"
    assert "300" in error.message and "int8" in error.message
    assert error.to_dict()["schemaPath"] == "/type"
    assert jstruct.validate(doc(type="int8"), 3).valid


def test_schema_error_lists_every_problem() -> None:
    bad = {
        "$schema": CORE,
        "name": "bad name",
        "type": "object",
        "properties": {"a": {"type": "nope"}, "b-c": {"type": "string"}},
    }
    with pytest.raises(jstruct.SchemaError) as caught:
        jstruct.compile(bad)
    found = {(e.code, e.path) for e in caught.value.errors}
    assert found >= {
        ("SCHEMA_MISSING_ID", ""),
        ("SCHEMA_NAME_INVALID", "/name"),
        ("SCHEMA_TYPE_INVALID", "/properties/a/type"),
        ("SCHEMA_NAME_INVALID", "/properties/b-c"),
    }
    assert jstruct.check_schema(bad).errors == caught.value.errors
    with pytest.raises(jstruct.SchemaError):
        jstruct.validate(bad, {})


@pytest.mark.parametrize("document", [None, [], "schema", 1, True, {}])
def test_schema_that_is_not_a_document(document: Any) -> None:
    report = jstruct.check_schema(document)
    assert not report.valid
    with pytest.raises(jstruct.SchemaError):
        jstruct.compile(document)


def test_pickled_validator_rebuilds_from_its_document() -> None:
    validator = jstruct.compile(TREE)
    clone = pickle.loads(pickle.dumps(validator))
    assert clone.document == TREE
    for instance in (chain(3), {"value": "x"}, {"children": []}):
        assert clone.validate(instance) == validator.validate(instance)
    error = jstruct.SchemaError([jstruct.Error("SCHEMA_X", "m")])
    assert pickle.loads(pickle.dumps(error)).errors == error.errors


def test_validator_is_shared_between_threads() -> None:
    validator = jstruct.compile(TREE)
    good, bad = chain(200), chain(600)
    failures: list[str] = []

    def work() -> None:
        for _ in range(20):
            if not validator.is_valid(good) or validator.is_valid(bad):
                failures.append("verdict")
            codes = {e.code for e in validator.validate(bad).errors}
            if codes != {"INSTANCE_MAX_DEPTH_EXCEEDED"}:
                failures.append(str(codes))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


@pytest.mark.parametrize("depth", [10, 250, 500])  # JSON nesting is 2 * depth - 1
def test_nesting_within_the_limit_validates(depth: int) -> None:
    validator = jstruct.compile(TREE)
    assert validator.is_valid(chain(depth)) and validator.validate(chain(depth)).valid


@pytest.mark.parametrize("depth", [501, 5000, 100_000])
def test_nesting_beyond_the_limit_is_an_error(depth: int) -> None:
    validator = jstruct.compile(TREE)
    instance = chain(depth)
    assert not validator.is_valid(instance)
    codes = [e.code for e in validator.validate(instance).errors]
    assert codes == ["INSTANCE_MAX_DEPTH_EXCEEDED"]


def test_max_depth_is_configurable() -> None:
    validator = jstruct.compile(TREE, max_depth=5)
    assert validator.is_valid(chain(3)) and not validator.is_valid(chain(4))  # 5 and 7 levels


def test_deep_instances_against_non_recursive_schemas() -> None:
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    assert jstruct.validate(doc(type="any"), deep).valid
    assert not jstruct.validate(doc(type="array", items={"type": "string"}), deep).valid
    result = jstruct.validate(doc(type="set", items={"type": "any"}), [deep, deep])
    assert not result.valid


def test_self_containing_instance_does_not_hang() -> None:
    loop: list[Any] = []
    loop.append(loop)
    validator = jstruct.compile(
        {
            "$schema": CORE,
            "$id": "https://example.com/l",
            "$root": "#/definitions/L",
            "definitions": {"L": {"type": "array", "items": {"type": {"$ref": "#/definitions/L"}}}},
        }
    )
    assert not validator.is_valid(loop)
    assert validator.validate(loop).errors[0].code == "INSTANCE_MAX_DEPTH_EXCEEDED"


def test_deeply_nested_schema_is_refused() -> None:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(MAX_SCHEMA_DEPTH * 5):
        schema = {"type": "array", "items": schema}
    report = jstruct.check_schema(doc(**schema))
    assert [e.code for e in report.errors] == ["SCHEMA_MAX_DEPTH_EXCEEDED"]


@pytest.mark.parametrize(
    ("type_name", "value"),
    [
        ("number", math.nan),
        ("number", math.inf),
        ("double", -math.inf),
        ("float", 1e39),
        ("int32", 10**400),
        ("int64", "9" * 5000),
        ("decimal", "1" * 100_000),
        ("string", "\ud800"),
    ],
)
def test_hostile_values_end_in_a_result(type_name: str, value: Any) -> None:
    validator = jstruct.compile(doc(type=type_name))
    result = validator.validate(value)
    assert result.valid == validator.is_valid(value)
    if type_name not in ("string", "decimal"):
        assert not result.valid


@pytest.mark.parametrize(
    "instance",
    [None, True, 0, -1, 2**70, 1.5, math.nan, "", "x" * 10_000, [], {}, [None], {"a": {}}],
)
@pytest.mark.parametrize(
    "type_name",
    [
        "string",
        "boolean",
        "null",
        "int8",
        "uint64",
        "decimal",
        "datetime",
        "uuid",
        "binary",
        "object",
        "any",
    ],
)
def test_any_value_against_any_type(type_name: str, instance: Any) -> None:
    extra: dict[str, Any] = (
        {"properties": {"a": {"type": "string"}}} if type_name == "object" else {}
    )
    validator = jstruct.compile(doc(type=type_name, **extra))
    assert validator.validate(instance).valid == validator.is_valid(instance)


def test_cache_follows_document_content() -> None:
    schema = doc(type="string", maxLength=2)
    assert not jstruct.validate(schema, "abc").valid
    schema["maxLength"] = 5
    assert jstruct.validate(schema, "abc").valid
    assert jstruct.is_valid(schema, "abc")


def test_instance_metadata_members() -> None:
    schema = doc(type="object", properties={"a": {"type": "string"}}, additionalProperties=False)
    instance = {"$schema": schema["$id"], "a": "x"}
    before = copy.deepcopy(instance)
    assert jstruct.validate(schema, instance).valid
    assert instance == before
    result = jstruct.validate(schema, {"$uses": ["Nope"], "a": "x"})
    assert [(e.code, e.path) for e in result.errors] == [("INSTANCE_USES_UNKNOWN_ADDIN", "/$uses")]
    result = jstruct.validate(schema, {"$uses": "Nope", "a": "x"})
    assert [e.code for e in result.errors] == ["INSTANCE_USES_INVALID"]
    nested = {"a": "x", "b": {"$schema": "x"}}
    assert not jstruct.validate(schema, nested).valid


def test_union_reports_branch_reasons() -> None:
    result = jstruct.validate(
        doc(type="object", properties={"v": {"type": ["int8", "null"]}}), {"v": 1000}
    )
    (error,) = result.errors
    assert error.code == "INSTANCE_TYPE_MISMATCH" and error.path == "/v"
    assert {c.code for c in error.context} == {
        "INSTANCE_INT_RANGE_INVALID",
        "INSTANCE_NULL_EXPECTED",
    }


def test_validate_text_locates_every_error(smtp_schema: dict[str, Any]) -> None:
    validator = jstruct.compile(smtp_schema)
    text = (EXAMPLES / "smtp-token-invalid.json").read_bytes()
    located = sorted((e.line, e.column, e.code) for e in validator.validate_text(text).errors)
    assert located == [
        (1, 1, "INSTANCE_REQUIRED_PROPERTY_MISSING"),
        (4, 3, "INSTANCE_BOOLEAN_EXPECTED"),
        (5, 3, "INSTANCE_DATETIME_FORMAT_INVALID"),
    ]
    assert validator.validate_text((EXAMPLES / "smtp-token.json").read_text()).valid


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ('{\n  "id": "a",\n  "id": "b"\n}', "INSTANCE_DUPLICATE_KEY", 3, 3),
        ('{"id": NaN}', "INSTANCE_JSON_INVALID", 1, 8),
        (b'{"id": "\xff"}', "INSTANCE_JSON_INVALID", 1, 9),
        ("", "INSTANCE_JSON_INVALID", 1, 1),
        ("[" * 2000, "INSTANCE_MAX_DEPTH_EXCEEDED", 1, 1001),
    ],
)
def test_validate_text_refuses_what_is_not_json(
    smtp_schema: dict[str, Any], text: str | bytes, code: str, line: int, column: int
) -> None:
    (error,) = jstruct.compile(smtp_schema).validate_text(text).errors
    assert (error.code, error.line, error.column) == (code, line, column)


def test_documents_nested_beyond_the_limit_are_refused() -> None:
    namespaces: dict[str, Any] = {}
    current = namespaces
    for _ in range(20_000):
        current["a"] = {}
        current = current["a"]
    deep = doc(type="string", definitions=namespaces)
    assert [e.code for e in jstruct.check_schema(deep).errors] == ["SCHEMA_MAX_DEPTH_EXCEEDED"]
    itself = doc(type="object")
    itself["properties"] = {"a": itself}  # a document built in Python that contains itself
    assert [e.code for e in jstruct.check_schema(itself).errors] == ["SCHEMA_MAX_DEPTH_EXCEEDED"]
    imported = {
        "$schema": "https://json-structure.org/meta/extended/v0/#",
        "$id": "https://example.com/deep",
        "definitions": namespaces,
    }
    importing = doc(type="string", **{"$import": "https://example.com/deep"})
    importing["$schema"] = "https://json-structure.org/meta/extended/v0/#"
    report = jstruct.check_schema(importing, imports={"https://example.com/deep": imported})
    assert "SCHEMA_IMPORT_INVALID" in {e.code for e in report.errors}
