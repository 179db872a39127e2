"""Validation extension keywords (D40-D45) through the public API."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jstruct

VALIDATION = "https://json-structure.org/meta/validation/v0/#"
CORE = "https://json-structure.org/meta/core/v0/#"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SDK_ASSETS = SHARED / "conformance" / "sdk-test-assets"


def doc(meta: str = VALIDATION, **members: Any) -> dict[str, Any]:
    return {"$schema": meta, "$id": "https://example.com/t", "name": "T", **members}


def codes_of(schema: dict[str, Any], instance: Any) -> list[str]:
    validator = jstruct.compile(schema)
    result = validator.validate(instance)
    assert validator.is_valid(instance) is result.valid
    return [e.code for e in result.errors]


def schema_codes(schema: dict[str, Any]) -> set[str]:
    return {e.code for e in jstruct.check_schema(schema).errors}


def warning_codes(schema: dict[str, Any]) -> set[str]:
    return {e.code for e in jstruct.check_schema(schema).warnings}


# --- numeric keywords --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "instance", "expected"),
    [
        ({"type": "int32", "minimum": 10}, 10, []),
        ({"type": "int32", "minimum": 10}, 9, ["INSTANCE_NUMBER_MINIMUM"]),
        ({"type": "int32", "maximum": 10}, 11, ["INSTANCE_NUMBER_MAXIMUM"]),
        ({"type": "number", "exclusiveMinimum": 0}, 0, ["INSTANCE_NUMBER_EXCLUSIVE_MINIMUM"]),
        ({"type": "number", "exclusiveMaximum": 1}, 1.0, ["INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM"]),
        ({"type": "double", "minimum": -1.5}, -1.5, []),
        # D40: string bounds on string-encoded types compare as numbers, not text.
        ({"type": "int64", "minimum": "10"}, "9", ["INSTANCE_NUMBER_MINIMUM"]),
        ({"type": "int64", "maximum": "99"}, "100", ["INSTANCE_NUMBER_MAXIMUM"]),
        ({"type": "uint128", "minimum": "5"}, "40", []),
        (
            {"type": "int64", "minimum": "9007199254740993"},
            "9007199254740992",
            ["INSTANCE_NUMBER_MINIMUM"],
        ),
        ({"type": "decimal", "minimum": "10.5"}, "10.50", []),
        ({"type": "decimal", "minimum": "10.5"}, "2", ["INSTANCE_NUMBER_MINIMUM"]),
        (
            {"type": "decimal", "exclusiveMaximum": "0"},
            "0.0",
            ["INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM"],
        ),
        # The draft-04 boolean form makes minimum/maximum exclusive.
        (
            {"type": "int32", "minimum": 5, "exclusiveMinimum": True},
            5,
            ["INSTANCE_NUMBER_EXCLUSIVE_MINIMUM"],
        ),
        (
            {"type": "int32", "maximum": 5, "exclusiveMaximum": True},
            5,
            ["INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM"],
        ),
        ({"type": "int32", "minimum": 5, "exclusiveMinimum": False}, 5, []),
        ({"type": "int64", "minimum": "5", "exclusiveMinimum": True}, "10", []),
        # The type gate reports first; bounds never see a value of the wrong type.
        ({"type": "int32", "minimum": 10}, "15", ["INSTANCE_INTEGER_EXPECTED"]),
    ],
)
def test_bounds(members: dict[str, Any], instance: Any, expected: list[str]) -> None:
    assert codes_of(doc(**members), instance) == expected


@pytest.mark.parametrize(
    ("members", "instance", "valid"),
    [
        ({"type": "number", "multipleOf": 0.1}, 0.3, True),
        ({"type": "number", "multipleOf": 0.1}, 0.7, True),
        ({"type": "number", "multipleOf": 0.1}, 0.35, False),
        ({"type": "double", "multipleOf": 0.01}, 19.99, True),
        ({"type": "double", "multipleOf": 0.01}, 19.999, False),
        ({"type": "number", "multipleOf": 1.5}, -3, True),
        ({"type": "number", "multipleOf": 0.1}, 1e308, True),
        ({"type": "int32", "multipleOf": 3}, 0, True),
        ({"type": "int32", "multipleOf": 3}, 10, False),
        ({"type": "decimal", "multipleOf": "0.1"}, "12345678901234567890.1", True),
        ({"type": "decimal", "multipleOf": "0.1"}, "0.35", False),
        ({"type": "int64", "multipleOf": "3"}, "9007199254740993", True),
        ({"type": "int64", "multipleOf": "3"}, "9007199254740994", False),
        ({"type": "uint128", "multipleOf": "7"}, "7" + "0" * 30, True),
    ],
)
def test_multiple_of_is_exact(members: dict[str, Any], instance: Any, valid: bool) -> None:
    validator = jstruct.compile(doc(**members))
    assert validator.is_valid(instance) is valid
    result = validator.validate(instance)
    assert result.valid is valid
    if not valid:
        assert [e.code for e in result.errors] == ["INSTANCE_NUMBER_MULTIPLE_OF"]


def test_bounds_ignore_other_types_in_a_union() -> None:
    schema = doc(
        type="object",
        properties={"v": {"type": ["string", "int32", "int64"], "minimum": 5}},
    )
    validator = jstruct.compile(schema)
    assert validator.is_valid({"v": 7})
    assert not validator.is_valid({"v": 3})
    assert not validator.is_valid({"v": "3"})  # numeric text: an int64 below the bound
    assert validator.is_valid({"v": "abc"})  # a plain string: minimum does not apply


def test_string_bound_through_a_reference() -> None:
    schema = doc(
        type="object",
        properties={"v": {"type": {"$ref": "#/definitions/Big"}, "maximum": "100"}},
        definitions={"Big": {"type": "int64"}},
    )
    assert codes_of(schema, {"v": "101"}) == ["INSTANCE_NUMBER_MAXIMUM"]
    assert codes_of(schema, {"v": "99"}) == []


@pytest.mark.parametrize(
    ("members", "code"),
    [
        ({"type": "int32", "multipleOf": 0}, "SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID"),
        ({"type": "number", "multipleOf": -0.5}, "SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID"),
        ({"type": "decimal", "multipleOf": "0.00"}, "SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID"),
        ({"type": "int32", "minimum": 10, "maximum": 5}, "SCHEMA_MIN_GREATER_THAN_MAX"),
        ({"type": "int64", "minimum": "10", "maximum": "9"}, "SCHEMA_MIN_GREATER_THAN_MAX"),
        ({"type": "decimal", "minimum": "10.5", "maximum": "9.99"}, "SCHEMA_MIN_GREATER_THAN_MAX"),
        ({"type": "int32", "minimum": 5, "exclusiveMaximum": 5}, "SCHEMA_MIN_GREATER_THAN_MAX"),
        (
            {"type": "int32", "minimum": 5, "exclusiveMinimum": True, "maximum": 5},
            "SCHEMA_MIN_GREATER_THAN_MAX",
        ),
        ({"type": "int64", "minimum": 10}, "SCHEMA_NUMBER_CONSTRAINT_INVALID"),
        ({"type": "decimal", "maximum": 1.5}, "SCHEMA_NUMBER_CONSTRAINT_INVALID"),
        ({"type": "int32", "minimum": "10"}, "SCHEMA_NUMBER_CONSTRAINT_INVALID"),
        ({"type": "int64", "minimum": "ten"}, "SCHEMA_NUMBER_CONSTRAINT_INVALID"),
        ({"type": "int32", "exclusiveMinimum": None}, "SCHEMA_NUMBER_CONSTRAINT_INVALID"),
        ({"type": "number", "multipleOf": True}, "SCHEMA_NUMBER_CONSTRAINT_INVALID"),
        ({"type": "string", "minimum": 5}, "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE"),
        ({"type": "boolean", "maximum": 1}, "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE"),
    ],
)
def test_numeric_schema_errors(members: dict[str, Any], code: str) -> None:
    assert code in schema_codes(doc(**members))


def test_text_valid_range_is_not_empty() -> None:
    # "9" < "10" numerically although not as text.
    assert jstruct.check_schema(doc(type="int64", minimum="9", maximum="10")).valid


# --- string keywords ---------------------------------------------------------------------------


def test_min_length_counts_code_points() -> None:
    schema = doc(type="string", minLength=3)
    assert codes_of(schema, "😀😀😀") == []
    assert codes_of(schema, "😀😀") == ["INSTANCE_STRING_MIN_LENGTH"]
    assert codes_of(schema, "e\u0301e") == []


def test_min_length_greater_than_max_length_is_reported_once() -> None:
    errors = jstruct.check_schema(doc(type="string", minLength=5, maxLength=3)).errors
    assert [e.code for e in errors] == ["SCHEMA_MIN_GREATER_THAN_MAX"]


@pytest.mark.parametrize(
    ("pattern", "instance", "valid"),
    [
        ("[0-9]{3}", "ab123cd", True),  # unanchored search, as ECMAScript test()
        ("^\\d+$", "\u0661\u0662", False),  # \d is ASCII only
        ("^abc$", "abc\n", False),  # $ does not match before a final newline
        ("^\\p{L}+$", "Ωmega", True),
        ("(?<=ab+)c", "abbbc", True),
        ("", "anything", True),
    ],
)
def test_pattern_is_ecmascript(pattern: str, instance: str, valid: bool) -> None:
    codes = codes_of(doc(type="string", pattern=pattern), instance)
    assert codes == ([] if valid else ["INSTANCE_STRING_PATTERN_MISMATCH"])


@pytest.mark.parametrize("pattern", ["[a-", "(abc", "*a", "a{2,1}", "(?P<x>a)", "(?i)abc"])
def test_invalid_pattern(pattern: str) -> None:
    assert schema_codes(doc(type="string", pattern=pattern)) == {"SCHEMA_PATTERN_INVALID"}


def test_pattern_not_a_string() -> None:
    assert schema_codes(doc(type="string", pattern=5)) == {"SCHEMA_PATTERN_NOT_STRING"}


def test_redos_pattern_times_out_instead_of_hanging() -> None:
    validator = jstruct.compile(doc(type="string", pattern="(a+)+$"))
    hostile = "a" * 50_000 + "!"
    started = time.perf_counter()
    result = validator.validate(hostile)
    assert not validator.is_valid(hostile)
    elapsed = time.perf_counter() - started
    assert [e.code for e in result.errors] == ["INSTANCE_PATTERN_TIMEOUT"]
    assert result.errors[0].path == ""
    assert elapsed < 5
    assert validator.is_valid("aaaa")
    assert codes_of(doc(type="string", pattern="(a+)+$"), "aa!") == [
        "INSTANCE_STRING_PATTERN_MISMATCH"
    ]


def test_redos_in_pattern_properties_names() -> None:
    schema = doc(
        type="object",
        properties={"id": {"type": "string"}},
        patternProperties={"^(a+)+$": {"type": "int32"}},
    )
    validator = jstruct.compile(schema)
    instance = {"a" * 50_000 + "!": 1}
    assert not validator.is_valid(instance)
    errors = validator.validate(instance).errors
    assert [e.code for e in errors] == ["INSTANCE_PATTERN_TIMEOUT"]


@pytest.mark.parametrize(
    ("name", "bad", "code"),
    [
        ("email", "plainaddress", "INSTANCE_FORMAT_EMAIL_INVALID"),
        ("uri", "http://exa mple.com/", "INSTANCE_FORMAT_URI_INVALID"),
        ("uri-reference", "a b", "INSTANCE_FORMAT_URI_REFERENCE_INVALID"),
        ("date", "2023-02-29", "INSTANCE_FORMAT_DATE_INVALID"),
        ("time", "10:30:00", "INSTANCE_FORMAT_TIME_INVALID"),
        ("date-time", "2024-01-15 10:30:00Z", "INSTANCE_FORMAT_DATETIME_INVALID"),
        ("uuid", "{123e4567-e89b-12d3-a456-426614174000}", "INSTANCE_FORMAT_UUID_INVALID"),
        ("ipv4", "256.0.0.1", "INSTANCE_FORMAT_IPV4_INVALID"),
        ("ipv6", "2001:db8::1::2", "INSTANCE_FORMAT_IPV6_INVALID"),
        ("hostname", "-example.com", "INSTANCE_FORMAT_HOSTNAME_INVALID"),
        ("idn-email", "plainaddress", "INSTANCE_FORMAT_INVALID"),
        ("idn-hostname", "a..b", "INSTANCE_FORMAT_INVALID"),
        ("iri", "http://example.com/<tag>", "INSTANCE_FORMAT_INVALID"),
        ("iri-reference", "<tag>", "INSTANCE_FORMAT_INVALID"),
        ("uri-template", "/users/{id", "INSTANCE_FORMAT_INVALID"),
        ("relative-json-pointer", "01/a", "INSTANCE_FORMAT_INVALID"),
        ("regex", "(?i)abc", "INSTANCE_FORMAT_INVALID"),
        ("json-pointer", "a/b", "INSTANCE_FORMAT_INVALID"),
        ("duration", "P1YT", "INSTANCE_FORMAT_INVALID"),
    ],
)
def test_format_is_asserted(name: str, bad: str, code: str) -> None:
    schema = doc(type="string", format=name)
    assert jstruct.check_schema(schema).warnings == ()
    assert codes_of(schema, bad) == [code]


def test_unknown_format_warns_and_is_not_enforced() -> None:
    schema = doc(type="string", format="credit-card")
    report = jstruct.check_schema(schema)
    assert report.valid
    assert [w.code for w in report.warnings] == ["SCHEMA_FORMAT_UNKNOWN"]
    assert jstruct.compile(schema).is_valid("anything")


@pytest.mark.parametrize("value", [5, ["email"], None])
def test_format_must_be_a_string(value: Any) -> None:
    assert schema_codes(doc(type="string", format=value)) == {"SCHEMA_KEYWORD_INVALID_TYPE"}


# --- arrays and sets ---------------------------------------------------------------------------


def test_item_counts() -> None:
    schema = doc(type="array", items={"type": "int32"}, minItems=2, maxItems=3)
    assert codes_of(schema, [1]) == ["INSTANCE_MIN_ITEMS"]
    assert codes_of(schema, [1, 2, 3]) == []
    assert codes_of(schema, [1, 2, 3, 4]) == ["INSTANCE_MAX_ITEMS"]
    set_schema = doc(type="set", items={"type": "string"}, minItems=1)
    assert codes_of(set_schema, []) == ["INSTANCE_MIN_ITEMS"]


@pytest.mark.parametrize(
    ("instance", "unique"),
    [
        ([1, 1.0], False),
        ([True, 1], True),
        ([False, 0], True),
        ([{"a": 1, "b": 2}, {"b": 2, "a": 1}], False),
        ([{"a": [1]}, {"a": [1.0]}], False),
        ([[1, 2], [2, 1]], True),
        (["\u00e9", "e\u0301"], True),
        ([None, None], False),
    ],
)
def test_unique_items_uses_json_equality(instance: list[Any], unique: bool) -> None:
    schema = doc(type="array", items={"type": "any"}, uniqueItems=True)
    codes = codes_of(schema, instance)
    assert codes == ([] if unique else ["INSTANCE_ARRAY_NOT_UNIQUE"])


def test_unique_items_error_is_at_the_array() -> None:
    schema = doc(
        type="object",
        properties={"tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}},
    )
    (error,) = jstruct.compile(schema).validate({"tags": ["a", "b", "a"]}).errors
    assert (error.code, error.path, error.schema_path) == (
        "INSTANCE_ARRAY_NOT_UNIQUE",
        "/tags",
        "/properties/tags/uniqueItems",
    )


def test_unique_items_shape() -> None:
    schema = doc(type="array", items={"type": "int32"}, uniqueItems="yes")
    assert schema_codes(schema) == {"SCHEMA_UNIQUE_ITEMS_NOT_BOOLEAN"}
    # Redundant on a set, but accepted.
    assert jstruct.check_schema(doc(type="set", items={"type": "int32"}, uniqueItems=True)).valid


def test_contains_and_its_counts() -> None:
    base = {
        "type": "array",
        "items": {"type": "int32"},
        "contains": {"type": "int32", "minimum": 10},
    }
    assert codes_of(doc(**base), [1, 15]) == []
    assert codes_of(doc(**base), [1, 2]) == ["INSTANCE_CONTAINS_NONE"]
    assert codes_of(doc(**base), []) == ["INSTANCE_CONTAINS_NONE"]
    bounded = doc(**base, minContains=2, maxContains=3)
    assert codes_of(bounded, [10, 1]) == ["INSTANCE_MIN_CONTAINS"]
    assert codes_of(bounded, [10, 11, 12, 13]) == ["INSTANCE_MAX_CONTAINS"]
    # No match fails contains and minContains, each on its own.
    assert codes_of(bounded, [1]) == ["INSTANCE_CONTAINS_NONE", "INSTANCE_MIN_CONTAINS"]
    # D42: minContains 0 does not relax contains.
    assert codes_of(doc(**base, minContains=0), [1]) == ["INSTANCE_CONTAINS_NONE"]
    on_set = doc(type="set", items={"type": "int32"}, contains={"type": "int32", "const": 7})
    assert codes_of(on_set, [1, 2]) == ["INSTANCE_CONTAINS_NONE"]


def test_contains_follows_references() -> None:
    schema = doc(
        type="object",
        properties={
            "list": {
                "type": "array",
                "items": {"type": "int32"},
                "contains": {"type": {"$ref": "#/definitions/Big"}},
            }
        },
        definitions={"Big": {"type": "int32", "minimum": 100}},
    )
    assert codes_of(schema, {"list": [1, 200]}) == []
    (error,) = jstruct.compile(schema).validate({"list": [1, 2]}).errors
    assert (error.code, error.path) == ("INSTANCE_CONTAINS_NONE", "/list")


@pytest.mark.parametrize(
    ("members", "code"),
    [
        ({"minItems": -1}, "SCHEMA_INTEGER_CONSTRAINT_INVALID"),
        ({"maxItems": 1.5}, "SCHEMA_INTEGER_CONSTRAINT_INVALID"),
        ({"maxItems": True}, "SCHEMA_INTEGER_CONSTRAINT_INVALID"),
        ({"minItems": 3, "maxItems": 1}, "SCHEMA_MIN_GREATER_THAN_MAX"),
        ({"minContains": 1}, "SCHEMA_CONTAINS_REQUIRED"),
        ({"maxContains": 1}, "SCHEMA_CONTAINS_REQUIRED"),
        (
            {"contains": {"type": "int32"}, "minContains": 3, "maxContains": 2},
            "SCHEMA_MIN_GREATER_THAN_MAX",
        ),
        ({"contains": {"type": "int32"}, "minContains": -1}, "SCHEMA_INTEGER_CONSTRAINT_INVALID"),
        ({"contains": "int32"}, "SCHEMA_KEYWORD_INVALID_TYPE"),
        ({"contains": {"type": "int33"}}, "SCHEMA_TYPE_INVALID"),
    ],
)
def test_array_schema_errors(members: dict[str, Any], code: str) -> None:
    assert code in schema_codes(doc(type="array", items={"type": "int32"}, **members))


# --- objects and maps --------------------------------------------------------------------------


def test_property_counts_and_root_metadata() -> None:
    schema = doc(
        type="object",
        properties={"a": {"type": "int32"}, "b": {"type": "int32"}},
        minProperties=1,
        maxProperties=1,
    )
    assert codes_of(schema, {}) == ["INSTANCE_MIN_PROPERTIES"]
    assert codes_of(schema, {"a": 1, "b": 2}) == ["INSTANCE_MAX_PROPERTIES"]
    assert codes_of(schema, {"x": 1}) == []
    # D5: the instance root's $schema is metadata, not a counted member.
    assert codes_of(schema, {"$schema": "https://example.com/t", "a": 1}) == []


def test_dependent_required() -> None:
    schema = doc(
        type="object",
        properties={
            "card": {"type": "string"},
            "cvv": {"type": "string"},
            "zip": {"type": "string"},
        },
        dependentRequired={"card": ["cvv", "zip"]},
    )
    assert codes_of(schema, {"cvv": "1"}) == []
    assert codes_of(schema, {"card": "1", "cvv": "2", "zip": "3"}) == []
    errors = jstruct.compile(schema).validate({"card": "1"}).errors
    assert [e.code for e in errors] == ["INSTANCE_DEPENDENT_REQUIRED"] * 2
    assert "'cvv'" in errors[0].message and "'zip'" in errors[1].message


@pytest.mark.parametrize("value", [{"a": "b"}, ["a", "b"], {"a": [1]}])
def test_dependent_required_shape(value: Any) -> None:
    schema = doc(type="object", properties={"a": {"type": "int32"}}, dependentRequired=value)
    assert schema_codes(schema) == {"SCHEMA_DEPENDENT_REQUIRED_INVALID"}


def test_pattern_properties_do_not_declare_members() -> None:
    members = {
        "type": "object",
        "properties": {"id": {"type": "string"}},
        "patternProperties": {"^x_": {"type": "int32"}},
    }
    assert codes_of(doc(**members), {"x_n": 5}) == []
    (error,) = jstruct.compile(doc(**members)).validate({"x_n": "five"}).errors
    assert (error.code, error.path) == ("INSTANCE_INTEGER_EXPECTED", "/x_n")
    closed = doc(**members, additionalProperties=False)
    assert codes_of(closed, {"x_n": 5}) == ["INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"]


def test_several_patterns_apply_to_one_member() -> None:
    schema = doc(
        type="object",
        properties={"id": {"type": "string"}},
        patternProperties={
            "^a": {"type": "string", "minLength": 2},
            "b$": {"type": "string", "maxLength": 3},
        },
    )
    assert codes_of(schema, {"ab": "xyz"}) == []
    assert codes_of(schema, {"ab": "x"}) == ["INSTANCE_STRING_MIN_LENGTH"]
    assert codes_of(schema, {"ab": "wxyz"}) == ["INSTANCE_STRING_MAX_LENGTH"]


def test_property_names() -> None:
    schema = doc(
        type="object",
        properties={"abc": {"type": "int32"}},
        propertyNames={"type": "string", "pattern": "^[a-z]+$", "maxLength": 5},
    )
    validator = jstruct.compile(schema)
    assert validator.is_valid({"abc": 1, "de": 2})
    (error,) = validator.validate({"aBc": 1}).errors
    assert error.code == "INSTANCE_PROPERTY_NAME_INVALID"
    assert error.path == ""
    assert [e.code for e in error.context] == ["INSTANCE_STRING_PATTERN_MISMATCH"]


def test_name_schemas_must_describe_strings() -> None:
    schema = doc(
        type="object", properties={"a": {"type": "int32"}}, propertyNames={"type": "int32"}
    )
    assert schema_codes(schema) == {"SCHEMA_KEYWORD_INVALID_TYPE"}
    keys = doc(type="map", values={"type": "int32"}, keyNames={"type": "uuid"})
    assert jstruct.check_schema(keys).valid


def test_has_on_objects_and_maps() -> None:
    on_object = doc(
        type="object",
        properties={"a": {"type": "int32"}},
        has={"type": "int32", "minimum": 100},
    )
    assert codes_of(on_object, {"a": 1, "z": 100}) == []
    assert codes_of(on_object, {"a": 1}) == ["INSTANCE_HAS_NONE"]
    on_map = doc(type="map", values={"type": "int32"}, has={"type": "int32", "minimum": 100})
    assert codes_of(on_map, {"x": 5, "y": 200}) == []
    assert codes_of(on_map, {}) == ["INSTANCE_HAS_NONE"]


def test_map_keywords() -> None:
    schema = doc(
        type="map",
        values={"type": "any"},
        minEntries=1,
        maxEntries=2,
        keyNames={"type": "string", "pattern": "^[a-z_]+$"},
        patternKeys={"^num_": {"type": "int32"}},
    )
    assert codes_of(schema, {}) == ["INSTANCE_MAP_MIN_ENTRIES"]
    assert codes_of(schema, {"a": 1, "b": 2, "c": 3}) == ["INSTANCE_MAP_MAX_ENTRIES"]
    assert codes_of(schema, {"Up": 1}) == ["INSTANCE_MAP_KEY_INVALID"]
    (error,) = jstruct.compile(schema).validate({"num_a": "x"}).errors
    assert (error.code, error.path) == ("INSTANCE_INTEGER_EXPECTED", "/num_a")


@pytest.mark.parametrize(
    ("members", "code"),
    [
        (
            {"type": "map", "values": {"type": "int32"}, "minProperties": 1},
            "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE",
        ),
        (
            {"type": "object", "properties": {"a": {"type": "int32"}}, "maxEntries": 1},
            "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE",
        ),
        (
            {"type": "map", "values": {"type": "int32"}, "dependentRequired": {"a": ["b"]}},
            "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE",
        ),
        ({"type": "string", "has": {"type": "string"}}, "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE"),
        (
            {"type": "map", "values": {"type": "int32"}, "maxEntries": "2"},
            "SCHEMA_INTEGER_CONSTRAINT_INVALID",
        ),
        (
            {"type": "map", "values": {"type": "int32"}, "minEntries": 3, "maxEntries": 2},
            "SCHEMA_MIN_GREATER_THAN_MAX",
        ),
        (
            {
                "type": "object",
                "properties": {"a": {"type": "int32"}},
                "minProperties": 3,
                "maxProperties": 2,
            },
            "SCHEMA_MIN_GREATER_THAN_MAX",
        ),
        (
            {
                "type": "object",
                "properties": {"a": {"type": "int32"}},
                "patternProperties": {"[a-": {"type": "int32"}},
            },
            "SCHEMA_PATTERN_INVALID",
        ),
        (
            {
                "type": "map",
                "values": {"type": "int32"},
                "patternKeys": {"(abc": {"type": "int32"}},
            },
            "SCHEMA_PATTERN_INVALID",
        ),
        (
            {"type": "object", "properties": {"a": {"type": "int32"}}, "patternProperties": []},
            "SCHEMA_KEYWORD_INVALID_TYPE",
        ),
        (
            {"type": "object", "properties": {"a": {"type": "int32"}}, "has": True},
            "SCHEMA_KEYWORD_INVALID_TYPE",
        ),
    ],
)
def test_object_and_map_schema_errors(members: dict[str, Any], code: str) -> None:
    assert code in schema_codes(doc(**members))


# --- default and enablement --------------------------------------------------------------------


def test_default_is_never_injected() -> None:
    schema = doc(
        type="object",
        properties={"a": {"type": "int32", "default": 5}, "b": {"type": "string"}},
        required=["a"],
        maxProperties=1,
    )
    assert jstruct.check_schema(schema).warnings == ()
    assert codes_of(schema, {}) == ["INSTANCE_REQUIRED_PROPERTY_MISSING"]
    assert codes_of(schema, {"a": 1}) == []


def test_default_that_does_not_fit_warns() -> None:
    schema = doc(type="object", properties={"a": {"type": "int32"}}, default={"a": "x"})
    report = jstruct.check_schema(schema)
    assert report.valid
    assert [(w.code, w.path) for w in report.warnings] == [("SCHEMA_DEFAULT_INVALID", "/default")]
    assert jstruct.compile(schema).is_valid({"a": 1})


def test_keywords_off_without_the_extension() -> None:
    schema = doc(
        CORE,
        type="object",
        properties={
            "n": {"type": "int32", "minimum": 10, "multipleOf": 5},
            "s": {"type": "string", "pattern": "^[a-z]+$", "format": "email"},
            "a": {"type": "array", "items": {"type": "int32"}, "minItems": 2},
        },
        minProperties=4,
    )
    report = jstruct.check_schema(schema)
    assert report.valid
    assert {w.code for w in report.warnings} == {"SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"}
    assert len(report.warnings) == 6
    assert codes_of(schema, {"n": 3, "s": "ABC", "a": [1]}) == []
    assert codes_of(schema, {"n": "3"}) == ["INSTANCE_INTEGER_EXPECTED"]


def test_extended_meta_schema_with_uses() -> None:
    schema = doc(
        "https://json-structure.org/meta/extended/v0/#",
        type="string",
        minLength=3,
    )
    assert warning_codes(schema) == {"SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"}
    assert codes_of(schema, "a") == []
    enabled = {**schema, "$uses": ["JSONStructureValidation"]}
    assert warning_codes(enabled) == set()
    assert codes_of(enabled, "a") == ["INSTANCE_STRING_MIN_LENGTH"]


# --- the boolean path agrees with the error path -----------------------------------------------

MANY = doc(
    type="object",
    properties={
        "n": {"type": "int32", "minimum": -10, "exclusiveMaximum": 50, "multipleOf": 3},
        "x": {"type": "number", "exclusiveMinimum": 0, "maximum": 1.5, "multipleOf": 0.25},
        "s": {"type": "string", "minLength": 2, "maxLength": 5, "pattern": "^[a-c]+$"},
        "ip": {"type": "string", "format": "ipv4"},
        "big": {"type": "int64", "minimum": "-5", "maximum": "9007199254740993"},
        "d": {"type": "decimal", "multipleOf": "0.5", "exclusiveMinimum": "-1"},
        "u": {"type": ["int32", "string"], "minimum": 0},
        "tags": {
            "type": "array",
            "items": {"type": "string"},
            "minItems": 1,
            "maxItems": 4,
            "uniqueItems": True,
            "contains": {"type": "string", "const": "a"},
            "maxContains": 1,
        },
        "m": {
            "type": "map",
            "values": {"type": "int32"},
            "minEntries": 1,
            "maxEntries": 3,
            "keyNames": {"type": "string", "pattern": "^[a-z]+$"},
            "patternKeys": {"^k": {"type": "int32", "minimum": 0}},
            "has": {"type": "int32", "maximum": 0},
        },
        "o": {
            "type": "object",
            "properties": {"p": {"type": "int32"}},
            "patternProperties": {"^x": {"type": "int32", "maximum": 3}},
            "propertyNames": {"type": "string", "maxLength": 2},
            "has": {"type": "int32"},
        },
    },
    minProperties=1,
    maxProperties=6,
    dependentRequired={"n": ["s"]},
)

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-20, max_value=60),
    st.floats(min_value=-2, max_value=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.25, 0.5, 1.5, 0.3]),
    st.text(alphabet="abck.01-", max_size=6),
    st.sampled_from(["10.0.0.1", "256.1.1.1", "9007199254740993", "-5", "1.5", "-1", "abc"]),
)
# One level of nesting reaches every keyword above; deeper recursion only slows generation.
_json = st.one_of(
    _scalars,
    st.lists(_scalars, max_size=5),
    st.dictionaries(st.text(alphabet="abkx", max_size=3), _scalars, max_size=4),
)
_instances = st.dictionaries(
    st.sampled_from(["n", "x", "s", "ip", "big", "d", "u", "tags", "m", "o", "zz"]),
    _json,
    max_size=7,
)


MANY_VALIDATOR = jstruct.compile(MANY)


@settings(max_examples=300, deadline=None)
@given(_instances)
def test_is_valid_agrees_with_validate(instance: dict[str, Any]) -> None:
    result = MANY_VALIDATOR.validate(instance)
    assert MANY_VALIDATOR.is_valid(instance) is result.valid
    assert result.valid or result.errors


# --- the SDK test assets -----------------------------------------------------------------------


def _sdk_dir(*parts: str) -> Path:
    path = SDK_ASSETS.joinpath(*parts)
    if not path.is_dir():
        pytest.skip(f"{path} is not present (a checkout without ../shared)")
    return path


def _asset_instance(data: dict[str, Any]) -> Any:
    if "value" in data:
        return data["value"]
    return {k: v for k, v in data.items() if not k.startswith("_")}


#: Warning assets outside the validation extension: contentEncoding/contentMediaType are core
#: keywords of "binary" (D21), so this asset is judged by the core keyword rules and by
#: conformance/expectations/sdk-test-assets.json, not here.
_NOT_VALIDATION_ASSETS = {"content-keywords-without-uses.struct.json"}


def test_sdk_validation_assets() -> None:
    schemas = _sdk_dir("schemas", "validation")
    instances = _sdk_dir("instances", "validation")
    checked = 0
    for schema_file in sorted(schemas.glob("*.struct.json")):
        name = schema_file.name[: -len(".struct.json")]
        document = json.loads(schema_file.read_text(encoding="utf-8"))
        report = jstruct.check_schema(document)
        assert report.valid, (name, report.errors)
        assert report.warnings == (), (name, report.warnings)
        validator = jstruct.compile(document)
        for instance_file in sorted((instances / name).glob("*.json")):
            data = json.loads(instance_file.read_text(encoding="utf-8"))
            instance = _asset_instance(data)
            result = validator.validate(instance)
            assert not validator.is_valid(instance), instance_file
            assert data["_expectedError"] in {e.code for e in result.errors}, (
                instance_file,
                result.errors,
            )
            checked += 1
    assert checked > 0


def test_sdk_warning_assets() -> None:
    warnings_dir = _sdk_dir("schemas", "warnings")
    problems: list[str] = []
    for schema_file in sorted(warnings_dir.glob("*.struct.json")):
        if schema_file.name in _NOT_VALIDATION_ASSETS:
            continue
        report = jstruct.check_schema(json.loads(schema_file.read_text(encoding="utf-8")))
        found = {w.code for w in report.warnings}
        expected = (
            set()
            if schema_file.name == "all-extension-keywords-with-uses.struct.json"
            else {"SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"}
        )
        if not report.valid or found != expected:
            problems.append(f"{schema_file.name}: {report.errors} {sorted(found)}")
    assert problems == []
