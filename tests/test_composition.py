"""Conditional composition (allOf, anyOf, oneOf, not, if/then/else) through the public API."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import jstruct

VALIDATION = "https://json-structure.org/meta/validation/v0/#"
EXTENDED = "https://json-structure.org/meta/extended/v0/#"
CORE = "https://json-structure.org/meta/core/v0/#"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def doc(meta: str = VALIDATION, **members: Any) -> dict[str, Any]:
    return {"$schema": meta, "$id": "https://example.com/t", "name": "T", **members}


def errors_of(schema: dict[str, Any], instance: Any) -> tuple[jstruct.Error, ...]:
    validator = jstruct.compile(schema)
    result = validator.validate(instance)
    assert validator.is_valid(instance) is result.valid
    return result.errors


def codes_of(schema: dict[str, Any], instance: Any) -> list[str]:
    return [e.code for e in errors_of(schema, instance)]


def schema_codes(schema: dict[str, Any]) -> set[str]:
    return {e.code for e in jstruct.check_schema(schema).errors}


SHORT_OR_INT = [{"type": "string", "maxLength": 2}, {"type": "int32"}]


def test_all_of() -> None:
    schema = doc(
        type="string",
        allOf=[{"type": "string", "minLength": 2}, {"type": "string", "maxLength": 4}],
    )
    assert codes_of(schema, "abc") == []
    (error,) = errors_of(schema, "a")
    assert (error.code, error.path, error.schema_path) == ("INSTANCE_ALL_OF_FAILED", "", "/allOf")
    assert [e.code for e in error.context] == ["INSTANCE_STRING_MIN_LENGTH"]
    assert error.context[0].schema_path == "/allOf/0/minLength"
    # The node's own type is checked first and alone.
    assert codes_of(schema, 5) == ["INSTANCE_STRING_EXPECTED"]


def test_any_of() -> None:
    schema = doc(type="any", anyOf=SHORT_OR_INT)
    assert codes_of(schema, "ab") == []
    assert codes_of(schema, 7) == []
    (error,) = errors_of(schema, "abc")
    assert error.code == "INSTANCE_ANY_OF_NONE_MATCHED"
    assert [e.code for e in error.context] == [
        "INSTANCE_STRING_MAX_LENGTH",
        "INSTANCE_INTEGER_EXPECTED",
    ]


def test_one_of_counts_matches() -> None:
    schema = doc(
        type="any",
        oneOf=[{"type": "int32", "minimum": 0}, {"type": "int32", "maximum": 10}],
    )
    assert codes_of(schema, -5) == []
    assert codes_of(schema, 20) == []
    (both,) = errors_of(schema, 5)
    assert both.code == "INSTANCE_ONE_OF_INVALID_COUNT"
    assert "matches 2 of the 2" in both.message
    (none,) = errors_of(schema, "x")
    assert "matches 0 of the 2" in none.message
    assert len(none.context) == 2


def test_one_of_all_branches_matching_fails() -> None:
    schema = doc(
        type="object",
        properties={"a": {"type": "string"}, "b": {"type": "string"}},
        oneOf=[
            {"type": "object", "properties": {"a": {"type": "string"}}},
            {"type": "object", "properties": {"b": {"type": "string"}}},
        ],
    )
    assert codes_of(schema, {"a": "x"}) == ["INSTANCE_ONE_OF_INVALID_COUNT"]


def test_not() -> None:
    schema = doc(type="any", **{"not": {"type": ["null", "boolean"]}})
    assert codes_of(schema, 5) == []
    (error,) = errors_of(schema, None)
    assert (error.code, error.schema_path) == ("INSTANCE_NOT_MATCHED", "/not")


IF_THEN_ELSE = doc(
    type="object",
    properties={"country": {"type": "string"}, "postal_code": {"type": "string"}},
    **{
        "if": {
            "type": "object",
            "properties": {"country": {"type": "string", "const": "US"}},
            "required": ["country"],
        },
        "then": {
            "type": "object",
            "properties": {"postal_code": {"type": "string", "pattern": "^[0-9]{5}$"}},
            "required": ["postal_code"],
        },
        "else": {
            "type": "object",
            "properties": {"postal_code": {"type": "string", "pattern": "^[A-Z0-9 ]+$"}},
        },
    },
)


@pytest.mark.parametrize(
    ("instance", "expected"),
    [
        ({"country": "US", "postal_code": "12345"}, []),
        ({"country": "US", "postal_code": "K1A"}, ["INSTANCE_IF_THEN_FAILED"]),
        ({"country": "US"}, ["INSTANCE_IF_THEN_FAILED"]),
        ({"country": "CA", "postal_code": "K1A 0B6"}, []),
        ({"country": "CA", "postal_code": "k1a"}, ["INSTANCE_IF_ELSE_FAILED"]),
        ({}, []),  # a failing "if" is not an error; else passes
        ({"country": "CA"}, []),  # the untaken "then" reports nothing
    ],
)
def test_if_then_else(instance: dict[str, Any], expected: list[str]) -> None:
    assert codes_of(IF_THEN_ELSE, instance) == expected


def test_if_then_error_carries_the_branch_reasons() -> None:
    (error,) = errors_of(IF_THEN_ELSE, {"country": "US", "postal_code": "K1A"})
    assert error.schema_path == "/then"
    assert [(e.code, e.path) for e in error.context] == [
        ("INSTANCE_STRING_PATTERN_MISMATCH", "/postal_code")
    ]


@pytest.mark.parametrize(
    "members",
    [
        {"if": {"type": "string", "maxLength": 2}},
        {"then": {"type": "string", "maxLength": 1}},
        {"else": {"type": "string", "maxLength": 1}},
    ],
)
def test_if_then_else_without_their_partners_do_nothing(members: dict[str, Any]) -> None:
    schema = doc(type="string", **members)
    assert jstruct.check_schema(schema).warnings == ()
    assert codes_of(schema, "abcdef") == []


def test_typeless_branches_and_nesting() -> None:
    schema = doc(
        type="int32",
        allOf=[
            {"anyOf": [{"type": "int32", "maximum": 10}, {"type": "int32", "minimum": 100}]},
            {"not": {"type": "int32", "const": 5}},
        ],
    )
    assert codes_of(schema, 3) == []
    assert codes_of(schema, 150) == []
    (error,) = errors_of(schema, 5)
    assert error.code == "INSTANCE_ALL_OF_FAILED"
    assert [e.code for e in error.context] == ["INSTANCE_NOT_MATCHED"]
    assert codes_of(schema, 50) == ["INSTANCE_ALL_OF_FAILED"]


def test_branches_do_not_share_declared_properties() -> None:
    schema = doc(
        type="object",
        properties={"a": {"type": "string"}, "b": {"type": "int32"}},
        allOf=[
            {
                "type": "object",
                "properties": {"a": {"type": "string"}},
                "additionalProperties": False,
            },
            {"type": "object", "properties": {"b": {"type": "int32"}}},
        ],
    )
    assert codes_of(schema, {"a": "x"}) == []
    (error,) = errors_of(schema, {"a": "x", "b": 1})
    assert [(e.code, e.path) for e in error.context] == [
        ("INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED", "/b")
    ]


def test_references_in_branches_and_recursion() -> None:
    schema = {
        "$schema": VALIDATION,
        "$id": "https://example.com/pets",
        "$root": "#/definitions/Pet",
        "definitions": {
            "Cat": {
                "type": "object",
                "properties": {"meow": {"type": "boolean"}},
                "required": ["meow"],
                "additionalProperties": False,
            },
            "Dog": {
                "type": "object",
                "properties": {"bark": {"type": "boolean"}},
                "required": ["bark"],
                "additionalProperties": False,
            },
            "Pet": {
                "type": "any",
                "oneOf": [
                    {"type": {"$ref": "#/definitions/Cat"}},
                    {"type": {"$ref": "#/definitions/Dog"}},
                ],
            },
        },
    }
    assert codes_of(schema, {"meow": True}) == []
    assert codes_of(schema, {"meow": True, "bark": True}) == ["INSTANCE_ONE_OF_INVALID_COUNT"]
    tree = {
        "$schema": VALIDATION,
        "$id": "https://example.com/tree",
        "$root": "#/definitions/Node",
        "definitions": {
            "Node": {
                "type": "object",
                "properties": {
                    "v": {"type": "int32"},
                    "kids": {"type": "array", "items": {"type": {"$ref": "#/definitions/Node"}}},
                },
                "anyOf": [
                    {
                        "type": "object",
                        "properties": {"v": {"type": "int32", "minimum": 0}},
                        "required": ["v"],
                    },
                    {
                        "type": "object",
                        "properties": {
                            "kids": {
                                "type": "array",
                                "items": {"type": {"$ref": "#/definitions/Node"}},
                                "minItems": 1,
                            }
                        },
                        "required": ["kids"],
                    },
                ],
            }
        },
    }
    assert codes_of(tree, {"v": 1, "kids": [{"v": 2}, {"kids": [{"v": 3}]}]}) == []
    (error,) = errors_of(tree, {"v": 1, "kids": [{"v": -2}]})
    assert (error.code, error.path) == ("INSTANCE_ANY_OF_NONE_MATCHED", "/kids/0")


def test_instances_are_not_mutated() -> None:
    schema = doc(
        type="object",
        properties={"a": {"type": "int32"}},
        anyOf=[{"type": "object", "properties": {"a": {"type": "int32"}}}],
    )
    instance = {"$schema": "https://example.com/t", "a": "x"}
    before = json.dumps(instance, sort_keys=True)
    errors_of(schema, instance)
    assert json.dumps(instance, sort_keys=True) == before


# --- enablement --------------------------------------------------------------------------------


def test_composition_off_under_core_and_extended() -> None:
    for meta, uses in ((CORE, None), (EXTENDED, None), (EXTENDED, ["JSONStructureValidation"])):
        schema = doc(meta, type="string", **{"not": {"type": "string", "const": "x"}})
        if uses is not None:
            schema["$uses"] = uses
        report = jstruct.check_schema(schema)
        assert report.valid
        assert [w.code for w in report.warnings] == ["SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"]
        assert codes_of(schema, "x") == []


def test_composition_on_through_uses() -> None:
    schema = doc(EXTENDED, type="string", **{"not": {"type": "string", "const": "x"}})
    schema["$uses"] = ["JSONStructureConditionalComposition"]
    assert jstruct.check_schema(schema).warnings == ()
    assert codes_of(schema, "x") == ["INSTANCE_NOT_MATCHED"]


def test_validation_keywords_in_branches_follow_their_own_extension() -> None:
    schema = doc(
        EXTENDED, type="any", anyOf=[{"type": "string", "minLength": 5}, {"type": "int32"}]
    )
    schema["$uses"] = ["JSONStructureConditionalComposition"]
    assert [w.code for w in jstruct.check_schema(schema).warnings] == [
        "SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"
    ]
    assert codes_of(schema, "ab") == []
    assert codes_of(schema, True) == ["INSTANCE_ANY_OF_NONE_MATCHED"]


# --- schema errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "code"),
    [
        ({"allOf": {"type": "string"}}, "SCHEMA_COMPOSITION_NOT_ARRAY"),
        ({"anyOf": "string"}, "SCHEMA_COMPOSITION_NOT_ARRAY"),
        ({"oneOf": None}, "SCHEMA_COMPOSITION_NOT_ARRAY"),
        ({"allOf": []}, "SCHEMA_COMPOSITION_EMPTY"),
        ({"anyOf": []}, "SCHEMA_COMPOSITION_EMPTY"),
        ({"oneOf": []}, "SCHEMA_COMPOSITION_EMPTY"),
        ({"not": [{"type": "string"}]}, "SCHEMA_KEYWORD_INVALID_TYPE"),
        ({"not": "string"}, "SCHEMA_KEYWORD_INVALID_TYPE"),
        ({"if": [{"type": "string"}], "then": {"type": "string"}}, "SCHEMA_KEYWORD_INVALID_TYPE"),
        ({"if": {"type": "string"}, "then": "x"}, "SCHEMA_KEYWORD_INVALID_TYPE"),
        ({"else": 5}, "SCHEMA_KEYWORD_INVALID_TYPE"),
        ({"allOf": [5]}, "SCHEMA_INVALID_TYPE"),
        ({"allOf": [{"type": "strin"}]}, "SCHEMA_TYPE_INVALID"),
        ({"anyOf": [{"type": "string", "minLength": -1}]}, "SCHEMA_INTEGER_CONSTRAINT_INVALID"),
    ],
)
def test_schema_errors(members: dict[str, Any], code: str) -> None:
    assert code in schema_codes(doc(type="string", **members))


# --- hostile shapes ----------------------------------------------------------------------------


def _nested_all_of(depth: int) -> dict[str, Any]:
    inner: dict[str, Any] = {"type": "int32", "maximum": 10}
    for _ in range(depth):
        inner = {"allOf": [inner, {"type": "int32"}]}
    return inner


def test_deeply_nested_all_of_stays_fast() -> None:
    schema = doc(type="int32", allOf=[_nested_all_of(150)])
    validator = jstruct.compile(schema)
    started = time.perf_counter()
    for _ in range(100):
        assert validator.is_valid(5)
    result = validator.validate(50)
    assert time.perf_counter() - started < 2
    assert [e.code for e in result.errors] == ["INSTANCE_ALL_OF_FAILED"]
    # Branch reasons nest a few levels deep only, as for unions.
    reason = result.errors[0]
    depth = 0
    while reason.context:
        reason = reason.context[0]
        depth += 1
    assert 1 <= depth <= 4
    assert reason.code == "INSTANCE_ALL_OF_FAILED"


def _recursive_any_of(depth: int) -> tuple[dict[str, Any], dict[str, Any]]:
    schema = {
        "$schema": VALIDATION,
        "$id": "https://example.com/deep",
        "$root": "#/definitions/Node",
        "definitions": {
            "Node": {
                "type": "object",
                "properties": {
                    "v": {"type": "int32"},
                    "next": {"type": {"$ref": "#/definitions/Node"}},
                },
                "anyOf": [
                    {"type": "object", "properties": {"v": {"type": "int32", "minimum": 0}}},
                    {"type": "object", "properties": {"v": {"type": "int32", "maximum": -10}}},
                ],
            }
        },
    }
    instance: dict[str, Any] = {"v": -1}  # fails both branches at the bottom
    for _ in range(depth):
        instance = {"v": 1, "next": instance}
    return schema, instance


def test_deep_recursive_failure_is_reported_where_it_happens() -> None:
    schema, instance = _recursive_any_of(300)
    validator = jstruct.compile(schema)
    assert not validator.is_valid(instance)
    errors = validator.validate(instance).errors
    # Only the innermost node fails its anyOf; the levels above match their first branch.
    assert [(e.code, e.path) for e in errors] == [("INSTANCE_ANY_OF_NONE_MATCHED", "/next" * 300)]
    assert [e.code for e in errors[0].context] == [
        "INSTANCE_NUMBER_MINIMUM",
        "INSTANCE_NUMBER_MAXIMUM",
    ]


def test_one_of_stops_at_the_second_match() -> None:
    validator = jstruct.compile(doc(type="any", oneOf=[{"type": "int32"}] * 2000))
    # The boolean path settles after two matches; the error path counts them all.
    started = time.perf_counter()
    for _ in range(1000):
        assert not validator.is_valid(1)
    boolean_time = time.perf_counter() - started
    (error,) = validator.validate(1).errors
    assert "matches 2000 of the 2000" in error.message
    assert boolean_time < 1


def test_sdk_deeply_nested_all_of_asset() -> None:
    path = SHARED / "conformance/sdk-test-assets/schemas/adversarial"
    path = path / "deeply-nested-allof.struct.json"
    if not path.exists():
        pytest.skip(f"{path} is not present (a checkout without ../shared)")
    validator = jstruct.compile(json.loads(path.read_text(encoding="utf-8")))
    for value in ("a", 5, True, None):
        assert validator.is_valid(value)
    assert codes_of(json.loads(path.read_text(encoding="utf-8")), 1.5) == ["INSTANCE_ALL_OF_FAILED"]


# --- the boolean path agrees with the error path -----------------------------------------------

MIXED = doc(
    type="any",
    allOf=[{"not": {"type": "null"}}],
    anyOf=[
        {"type": "string", "minLength": 2},
        {
            "type": "int32",
            "oneOf": [{"type": "int32", "maximum": 0}, {"type": "int32", "multipleOf": 2}],
        },
        {"type": "object", "properties": {"k": {"type": "boolean"}}, "required": ["k"]},
    ],
    **{
        "if": {"type": "string"},
        "then": {"type": "string", "pattern": "^[ab]+$"},
        "else": {"not": {"type": "boolean"}},
    },
)
MIXED_VALIDATOR = jstruct.compile(MIXED)

_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=5),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet="abc", max_size=4),
    st.dictionaries(
        st.sampled_from(["k", "z"]), st.one_of(st.booleans(), st.integers()), max_size=2
    ),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(_values)
@example("ab")
@example(-3)
@example(4)
@example({"k": True})
def test_is_valid_agrees_with_validate(value: Any) -> None:
    result = MIXED_VALIDATOR.validate(value)
    assert MIXED_VALIDATOR.is_valid(value) is result.valid
    assert result.valid or result.errors
