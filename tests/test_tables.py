"""The type and keyword tables are the coverage list: every name of the drafts has an entry."""

from __future__ import annotations

from jstruct.compiler.keywords import table
from jstruct.compiler.types import TYPE_COMPILERS
from jstruct.schema import meta

CORE_TYPES = {
    "string", "boolean", "null", "number", "integer", "int8", "uint8", "int16", "uint16",
    "int32", "uint32", "int64", "uint64", "int128", "uint128", "float8", "float", "double",
    "decimal", "date", "datetime", "time", "duration", "uuid", "uri", "jsonpointer", "binary",
    "object", "array", "set", "map", "tuple", "any", "choice",
}  # fmt: skip

# Keywords that constrain or annotate a value beside "type"; structural ones (properties,
# items, values, choices, tuple, required, additionalProperties, $extends, abstract, selector)
# are read by their type's compiler.
CORE_KEYWORDS = {"maxLength", "precision", "scale", "contentEncoding", "contentCompression",
                 "contentMediaType", "const", "enum"}  # fmt: skip
VALIDATION_KEYWORDS = {
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength",
    "pattern", "format", "minItems", "maxItems", "uniqueItems", "contains", "minContains",
    "maxContains", "minProperties", "maxProperties", "dependentRequired", "patternProperties",
    "propertyNames", "has", "minEntries", "maxEntries", "keyNames", "patternKeys", "default",
}  # fmt: skip
COMPOSITION_KEYWORDS = {"allOf", "anyOf", "oneOf", "not", "if", "then", "else"}
ANNOTATION_KEYWORDS = {
    "altnames", "altenums", "descriptions", "unit", "ucumUnit", "currency", "symbol",
    "symbols", "identity", "relations",
}  # fmt: skip


def test_every_type_has_a_compiler() -> None:
    assert set(TYPE_COMPILERS) == CORE_TYPES


def test_every_keyword_has_an_entry() -> None:
    expected = CORE_KEYWORDS | VALIDATION_KEYWORDS | COMPOSITION_KEYWORDS | ANNOTATION_KEYWORDS
    assert set(table()) == expected


def test_extension_keywords_belong_to_their_extension() -> None:
    keywords = table()
    assert {keywords[k].extension for k in VALIDATION_KEYWORDS} == {meta.VALIDATION}
    assert {keywords[k].extension for k in COMPOSITION_KEYWORDS} == {meta.COMPOSITION}
    assert {keywords[k].extension for k in CORE_KEYWORDS} == {None}
