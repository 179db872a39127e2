"""The boolean path and the error path agree, on random instances and on near misses.

``is_valid`` has fast paths (inline type checks of plain members, counted required members)
that the error path does not share, so this checks ``is_valid(x) == validate(x).valid`` and
that an invalid instance always has at least one error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jstruct

ROOT = Path(__file__).resolve().parent.parent

SMTP = json.loads((ROOT / "examples" / "smtp-token.struct.json").read_text())
ORDER = json.loads((ROOT / "benchmarks" / "schemas" / "order.struct.json").read_text())
RECURSIVE = {
    "$schema": "https://json-structure.org/meta/core/v0/#",
    "$id": "https://example.com/tree",
    "$root": "#/definitions/Node",
    "definitions": {
        "Node": {
            "type": "object",
            "properties": {
                "label": {"type": "string"},
                "weight": {"type": "int32"},
                "children": {"type": "array", "items": {"type": {"$ref": "#/definitions/Node"}}},
            },
            "required": ["label"],
            "additionalProperties": False,
        }
    },
}
UNIONS = {
    "$schema": "https://json-structure.org/meta/core/v0/#",
    "$id": "https://example.com/unions",
    "name": "Unions",
    "type": "object",
    "properties": {
        "a": {"type": ["string", "int32", "null"]},
        "b": {"type": ["boolean", "datetime"]},
        "c": {"type": ["int64", "decimal", "double"]},
        "d": {"type": "map", "values": {"type": ["uuid", "date", "null"]}},
        "e": {"type": "set", "items": {"type": ["string", "uint8"]}},
    },
    "required": ["a", "b"],
}

SMTP_VALID = json.loads((ROOT / "examples" / "smtp-token.json").read_text())
ORDER_VALID = {
    "orderId": "9007199254740993",
    "customer": "c-1",
    "placedAt": "2024-01-15T10:30:00Z",
    "status": "paid",
    "total": "12.50",
    "items": [
        {"sku": "A-1", "productId": "17", "quantity": 2, "unitPrice": "6.25", "giftWrap": True}
    ],
    "attributes": {"channel": "web"},
    "location": [52.5, 13.4],
    "payment": {"card": {"last4": "4242", "expires": "2029-08-31"}},
}
TREE_VALID = {"label": "root", "weight": 1, "children": [{"label": "leaf", "children": []}]}
UNIONS_VALID = {
    "a": None,
    "b": "2024-01-15T10:30:00+02:00",
    "c": "-12.5",
    "d": {"x": "2024-02-29"},
    "e": ["a", 3],
}

CASES = [
    (SMTP, SMTP_VALID),
    (ORDER, ORDER_VALID),
    (RECURSIVE, TREE_VALID),
    (UNIONS, UNIONS_VALID),
]
VALIDATORS = [jstruct.Validator(schema) for schema, _ in CASES]

# Values just inside and just outside the rules the schemas use.
NEAR_MISSES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1.0,
    2**31 - 1,
    2**31,
    -(2**31) - 1,
    255,
    256,
    float("nan"),
    "",
    "x" * 33,
    "2024-02-29T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2024-02-30T10:00:00Z",
    "2024-01-15T10:30:00",
    "2024-01-15 10:30:00Z",
    "2024-01-15T10:30:00.5z",
    "2024-02-29",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "01",
    "12,50",
    "1.",
    "0.0",
    "123e4567-e89b-12d3-a456-426614174000",
    [],
    [1, 1],
    {},
    {"card": {"last4": "1", "expires": "2029-08-31"}, "invoice": {"dueDays": 1}},
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)
mutant = st.sampled_from(NEAR_MISSES) | json_values


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every member and element position inside ``value``."""
    out: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, member in value.items():
            out.append((*prefix, key))
            out.extend(_paths(member, (*prefix, key)))
    elif isinstance(value, list):
        for index, element in enumerate(value):
            out.append((*prefix, index))
            out.extend(_paths(element, (*prefix, index)))
    return out


@st.composite
def near_miss(draw: st.DrawFn, valid: Any) -> Any:
    """A copy of ``valid`` with one position replaced, removed, or given an extra member."""
    instance = json.loads(json.dumps(valid))
    paths = _paths(instance)
    path = draw(st.sampled_from(paths))
    parent = instance
    for token in path[:-1]:
        parent = parent[token]
    action = draw(st.sampled_from(("replace", "remove", "extra")))
    if action == "replace":
        parent[path[-1]] = draw(mutant)
    elif action == "remove":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(st.sampled_from(("extra", "label", "zz", "a")))] = draw(mutant)
    else:
        parent.append(draw(mutant))
    return instance


def _agree(validator: jstruct.Validator, instance: Any) -> None:
    result = validator.validate(instance)
    assert validator.is_valid(instance) == result.valid
    if not result.valid:
        assert len(result.errors) >= 1


def test_examples_are_valid() -> None:
    for validator, (_, valid) in zip(VALIDATORS, CASES, strict=True):
        assert validator.is_valid(valid), validator


@pytest.mark.parametrize("case", range(len(CASES)))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_near_misses_agree(case: int, data: st.DataObject) -> None:
    instance = data.draw(near_miss(CASES[case][1]))
    _agree(VALIDATORS[case], instance)


@pytest.mark.parametrize("case", range(len(CASES)))
@settings(max_examples=50, deadline=None)
@given(instance=json_values)
def test_random_values_agree(case: int, instance: Any) -> None:
    _agree(VALIDATORS[case], instance)
