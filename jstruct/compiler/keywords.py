"""The keyword table: which keywords exist, where they apply, and their compile functions.

Keyword closures guard their own JSON type (a ``maxLength`` check passes any non-string), so
they stay correct under unions and after a failed type gate. Extension keywords are enforced
only when their extension is enabled (D4); otherwise they draw a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jstruct import codes
from jstruct.compiler.context import Compiler, type_label
from jstruct.compiler.equality import canonical
from jstruct.compiler.nodes import ACCEPT, Node, check, describe, gated
from jstruct.compiler.primitives import DECIMAL_TEXT, PRIMITIVE_TYPES, STRING_TYPES
from jstruct.schema import meta

#: compile(compiler, schema, value, keyword_path, gate) -> a node, or None when nothing to check
KeywordCompiler = Callable[[Compiler, dict[str, Any], Any, str, Node], "Node | None"]

ALL = frozenset({"*"})


@dataclass(frozen=True)
class Keyword:
    """Where a keyword may appear and how it compiles (``compile`` None: annotation only)."""

    types: frozenset[str]
    extension: str | None
    compile: KeywordCompiler | None


def non_negative_int(c: Compiler, value: Any, where: str, keyword: str) -> int | None:
    if type(value) is not int or value < 0:
        c.schema_error(
            codes.SCHEMA_INTEGER_CONSTRAINT_INVALID,
            f'"{keyword}" must be a non-negative integer, found {describe(value)}.',
            where,
        )
        return None
    return value


# --- core keywords ---------------------------------------------------------------------------


def compile_max_length(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    limit = non_negative_int(c, value, where, "maxLength")
    if limit is None:
        return None
    minimum = schema.get("minLength")
    if type(minimum) is int and minimum > limit:
        c.schema_error(
            codes.SCHEMA_MIN_GREATER_THAN_MAX,
            f'"minLength" ({minimum}) is greater than "maxLength" ({limit}).',
            where,
        )
    # len() counts code points, as D15 asks.
    return check(
        lambda v: type(v) is not str or len(v) <= limit,
        codes.INSTANCE_STRING_MAX_LENGTH,
        where,
        lambda v: f"String of length {len(v)} exceeds maxLength {limit}.",
    )


def _decimal_digits(text: str) -> tuple[int, int]:
    """(significant digits, fraction digits) of a decimal string that matched the grammar."""
    digits = text.lstrip("-")
    whole, _, fraction = digits.partition(".")
    significant = (whole + fraction).lstrip("0")
    return max(len(significant), 1), len(fraction)


def compile_precision(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    limit = non_negative_int(c, value, where, "precision")
    if limit is None or schema.get("type") != "decimal":
        return None  # on number/float/double it is an annotation
    match = DECIMAL_TEXT.fullmatch

    def fits(v: Any) -> bool:
        return type(v) is not str or match(v) is None or _decimal_digits(v)[0] <= limit

    return check(
        fits,
        codes.INSTANCE_DECIMAL_PRECISION,
        where,
        lambda v: (
            f"Decimal {v} has {_decimal_digits(v)[0]} significant digits; precision allows {limit}."
        ),
    )


def compile_scale(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    limit = non_negative_int(c, value, where, "scale")
    if limit is None or schema.get("type") != "decimal":
        return None
    precision = schema.get("precision")
    if type(precision) is int and precision >= 0 and limit > precision:
        c.schema_error(
            codes.SCHEMA_MIN_GREATER_THAN_MAX,
            f'"scale" ({limit}) is greater than "precision" ({precision}).',
            where,
        )
    match = DECIMAL_TEXT.fullmatch

    def fits(v: Any) -> bool:
        return type(v) is not str or match(v) is None or _decimal_digits(v)[1] <= limit

    return check(
        fits,
        codes.INSTANCE_DECIMAL_PRECISION,
        where,
        lambda v: f"Decimal {v} has {_decimal_digits(v)[1]} fraction digits; scale allows {limit}.",
    )


def _primitive_only(c: Compiler, schema: dict[str, Any], where: str, keyword: str) -> bool:
    type_value = schema.get("type")
    if isinstance(type_value, list):
        c.schema_error(
            codes.SCHEMA_ENUM_CONST_NOT_PRIMITIVE,
            f'"{keyword}" cannot be used with a union type.',
            where,
        )
        return False
    if isinstance(type_value, str) and type_value not in PRIMITIVE_TYPES:
        c.schema_error(
            codes.SCHEMA_ENUM_CONST_NOT_PRIMITIVE,
            f'"{keyword}" is only allowed on primitive types, not on {type_value}.',
            where,
        )
        return False
    return True


def compile_const(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if not _primitive_only(c, schema, where, "const"):
        return None
    if not gate.is_valid(value):
        c.schema_error(
            codes.SCHEMA_CONST_INVALID,
            f"const {describe(value)} is not a valid value of the declared type.",
            where,
        )
        return None
    key = canonical(value)
    shown = describe(value)
    return check(
        lambda v: canonical(v) == key,
        codes.INSTANCE_CONST_MISMATCH,
        where,
        lambda v: f"Value {describe(v)} is not the constant {shown}.",
    )


def compile_enum(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if not _primitive_only(c, schema, where, "enum"):
        return None
    if not isinstance(value, list):
        c.schema_error(
            codes.SCHEMA_ENUM_NOT_ARRAY,
            f'"enum" must be an array, found {type_label(value)}.',
            where,
        )
        return None
    if not value:
        c.schema_error(codes.SCHEMA_ENUM_EMPTY, '"enum" must list at least one value.', where)
        return None
    keys: set[Any] = set()
    for index, item in enumerate(value):
        key = canonical(item)
        if key in keys:
            c.schema_error(
                codes.SCHEMA_ENUM_DUPLICATES,
                f"enum value {describe(item)} appears more than once.",
                f"{where}/{index}",
            )
        keys.add(key)
        if not gate.is_valid(item):
            c.schema_error(
                codes.SCHEMA_ENUM_VALUE_INVALID,
                f"enum value {describe(item)} is not a valid value of the declared type.",
                f"{where}/{index}",
            )
    if c.wire_names:
        # Wire-name mode: instances carry the altenums.json symbols, not the schema values.
        from jstruct.compiler.annotations import wire_enum_values

        value = wire_enum_values(c, schema, value)
        keys = {canonical(item) for item in value}
    allowed = frozenset(keys)
    listing = describe(value, 80)
    if all(type(item) is str for item in value):
        # Strings are their own canonical keys: one hash lookup.
        def is_member(v: Any) -> bool:
            return type(v) is str and v in allowed
    else:

        def is_member(v: Any) -> bool:
            try:
                return canonical(v) in allowed
            except Exception:  # a value too deep to compare cannot be a primitive enum value
                return False

    return check(
        is_member,
        codes.INSTANCE_ENUM_MISMATCH,
        where,
        lambda v: f"Value {describe(v)} is not one of {listing}.",
    )


def compile_string_annotation(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if not isinstance(value, str):
        c.schema_error(
            codes.SCHEMA_KEYWORD_INVALID_TYPE,
            f"This keyword takes a string, found {type_label(value)}.",
            where,
        )
    return None


def compile_content(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    """content* keywords: core annotations of ``binary`` (its gate reads contentEncoding).

    On other types they are the JSON Schema content vocabulary, which JSON Structure files
    under the Validation extension: annotations there, flagged when that is not enabled.
    """
    compile_string_annotation(c, schema, value, where, gate)
    if schema.get("type") != "binary" and not c.enabled(meta.VALIDATION):
        c.schema_warning(
            codes.SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED,
            f'"{where.rsplit("/", 1)[-1]}" on a non-binary type belongs to the '
            f"{meta.VALIDATION} extension, which this document does not enable.",
            where,
        )
    return None


_VALUE_KEYWORDS = frozenset({"const", "enum"})

CORE_KEYWORDS: dict[str, Keyword] = {
    "maxLength": Keyword(STRING_TYPES, None, compile_max_length),
    "precision": Keyword(
        frozenset({"decimal", "number", "float", "double"}), None, compile_precision
    ),
    "scale": Keyword(frozenset({"decimal", "number", "float", "double"}), None, compile_scale),
    "contentEncoding": Keyword(ALL, None, compile_content),
    "contentCompression": Keyword(ALL, None, compile_content),
    "contentMediaType": Keyword(ALL, None, compile_content),
    "const": Keyword(ALL, None, compile_const),
    "enum": Keyword(ALL, None, compile_enum),
}


def keyword_table() -> dict[str, Keyword]:
    from jstruct.compiler.annotations import annotation_table
    from jstruct.compiler.composition import COMPOSITION_TABLE
    from jstruct.compiler.validation import VALIDATION_TABLE

    return {**CORE_KEYWORDS, **VALIDATION_TABLE, **COMPOSITION_TABLE, **annotation_table()}


_TABLE: dict[str, Keyword] | None = None


def table() -> dict[str, Keyword]:
    global _TABLE
    if _TABLE is None:
        _TABLE = keyword_table()
    return _TABLE


def compile_keywords(
    c: Compiler, schema: dict[str, Any], spath: str, type_names: frozenset[str], gate: Node
) -> Node:
    """Join the keyword checks beside ``type`` to the type's gate, in table order."""
    keywords = table()
    nodes: list[Node] = []
    deferred: list[tuple[str, KeywordCompiler, str]] = []
    for name, spec in keywords.items():
        if name not in schema:
            continue
        where = spath + "/" + name
        enabled = spec.extension is None or c.enabled(spec.extension)
        if not enabled:
            c.schema_warning(
                codes.SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED,
                f'"{name}" belongs to the {spec.extension} extension, which this document '
                "does not enable; it is not enforced.",
                where,
            )
        if spec.types is not ALL and type_names and not (type_names & spec.types):
            shown = ", ".join(sorted(type_names))
            c.schema_error(
                codes.SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                f'"{name}" does not apply to {shown}; it applies to '
                f"{', '.join(sorted(spec.types))}.",
                where,
            )
            continue
        if spec.compile is None:
            continue
        if not enabled:
            # A keyword that is not enforced still has to make sense: its shape is checked,
            # its node and its own warnings are dropped.
            warnings = len(c.warnings)
            spec.compile(c, schema, schema[name], where, gate)
            del c.warnings[warnings:]
            continue
        if name in _VALUE_KEYWORDS:
            deferred.append((name, spec.compile, where))
            continue
        node = spec.compile(c, schema, schema[name], where, gate)
        if node is not None and node is not ACCEPT:
            nodes.append(node)
    if deferred:
        # const and enum values must satisfy every other rule of their schema (D36).
        whole = gated(gate, nodes)
        for name, compile_value, where in deferred:
            node = compile_value(c, schema, schema[name], where, whole)
            if node is not None:
                nodes.append(node)
    return gated(gate, nodes)


def compile_typeless(c: Compiler, schema: dict[str, Any], spath: str) -> Node:
    """A schema without ``type``: only composition keywords constrain it."""
    return compile_keywords(c, schema, spath, frozenset(), ACCEPT)
