"""Any document, however malformed, ends in a report or a SchemaError: never another exception."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jstruct
from jstruct.validator import check_document

KEYWORDS = [
    "type", "properties", "items", "values", "choices", "tuple", "required",
    "additionalProperties", "enum", "const", "$extends", "abstract", "selector", "maxLength",
    "precision", "scale", "definitions", "$root", "$ref", "name", "$id", "$uses", "$offers",
    "minimum", "maximum", "exclusiveMinimum", "multipleOf", "minLength", "pattern", "format",
    "minItems", "uniqueItems", "contains", "minContains", "maxContains", "minProperties",
    "dependentRequired", "patternProperties", "propertyNames", "has", "keyNames", "patternKeys",
    "default", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "contentEncoding",
    "altnames", "altenums", "unit", "currency", "identity", "relations", "$import", "A", "B",
]  # fmt: skip
TYPE_NAMES = ["string", "int8", "uint64", "decimal", "object", "array", "set", "map", "tuple",
              "choice", "any", "datetime", "binary", "null", "bogus"]  # fmt: skip
REFS = ["#/definitions/A", "#/definitions/B", "#/definitions/N/C", "#", "#/x~2", "A"]
META = [
    "https://json-structure.org/meta/core/v0/#",
    "https://json-structure.org/meta/extended/v0/#",
    "https://json-structure.org/meta/validation/v0/#",
]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.sampled_from(TYPE_NAMES + REFS + ["", "^(a+)+$", "(", "x"]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYWORDS), inner, max_size=5),
    ),
    max_leaves=30,
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(st.dictionaries(st.sampled_from(KEYWORDS), values, max_size=8))
    document["$schema"] = draw(st.sampled_from(META))
    document["$id"] = "https://example.com/fuzz"
    if draw(st.booleans()):
        document["definitions"] = {
            "A": draw(values),
            "B": draw(values),
            "N": {"C": draw(values)},
        }
    return document


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), values)
def test_malformed_documents_never_escape(document: dict[str, Any], instance: Any) -> None:
    report = check_document(document)
    try:
        validator = jstruct.compile(document)
    except jstruct.SchemaError as error:
        assert not report.valid and error.errors == report.errors
        return
    assert report.valid
    result = validator.validate(instance)
    assert result.valid == validator.is_valid(instance)
