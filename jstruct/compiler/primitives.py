"""Type gates for the primitive types (D10-D21): one compile function per type."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jstruct import codes
from jstruct.compiler.nodes import Node, check, describe
from jstruct.formats import BINARY_CHECKERS
from jstruct.formats.identifiers import is_json_pointer, is_uri_reference, is_uuid
from jstruct.formats.temporal import is_date, is_datetime, is_duration, is_time

if TYPE_CHECKING:
    from jstruct.compiler.context import Compiler

JSON_INTEGER_RANGES: dict[str, tuple[int, int]] = {
    "int8": (-(2**7), 2**7 - 1),
    "uint8": (0, 2**8 - 1),
    "int16": (-(2**15), 2**15 - 1),
    "uint16": (0, 2**16 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "uint32": (0, 2**32 - 1),
    "integer": (-(2**31), 2**31 - 1),
}
STRING_INTEGER_RANGES: dict[str, tuple[int, int]] = {
    "int64": (-(2**63), 2**63 - 1),
    "uint64": (0, 2**64 - 1),
    "int128": (-(2**127), 2**127 - 1),
    "uint128": (0, 2**128 - 1),
}
FLOAT_TYPES = frozenset({"number", "double", "float", "float8"})
STRING_FORMATTED_TYPES = frozenset(
    {"date", "datetime", "time", "duration", "uuid", "uri", "jsonpointer", "binary"}
)
NUMERIC_TYPES = (
    frozenset(JSON_INTEGER_RANGES) | frozenset(STRING_INTEGER_RANGES) | FLOAT_TYPES | {"decimal"}
)
STRING_TYPES = frozenset({"string"}) | STRING_FORMATTED_TYPES
PRIMITIVE_TYPES = NUMERIC_TYPES | STRING_TYPES | {"boolean", "null"}
FLOAT32_MAX = 3.4028234663852886e38

_SIGNED_INT_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_UNSIGNED_INT_TEXT = re.compile(r"(?:0|[1-9][0-9]*)")
DECIMAL_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    kind = type(value)
    if kind is bool:
        return "boolean"
    if kind is str:
        return "string"
    if kind is dict:
        return "object"
    if kind is list:
        return "array"
    if kind is int or kind is float or isinstance(value, Decimal):
        return "number"
    return kind.__name__


def is_number(value: Any) -> bool:
    """A finite JSON number; booleans are not numbers (D10, D14)."""
    kind = type(value)
    if kind is float:
        return value - value == 0.0  # false for NaN and the infinities
    if kind is int:
        return True
    return isinstance(value, Decimal) and value.is_finite()


#: Gate ``is_valid`` functions that mean "exactly this Python type, then (optionally) this test
#: on it", keyed by identity. Container compilers look their members' gates up here and check
#: them inline (``type(v) is t``) instead of calling one closure per member, and run the
#: refining tests (regexes) only after every cheap type test passed. Each entry must accept
#: exactly what its gate accepts; the gates below are shared functions so identity works.
PLAIN_GATES: dict[Callable[[Any], bool], tuple[type, Callable[[Any], bool] | None]] = {}


def _is_str(v: Any) -> bool:
    return type(v) is str


def _is_bool(v: Any) -> bool:
    return v is True or v is False


def _is_null(v: Any) -> bool:
    return v is None


PLAIN_GATES[_is_str] = (str, None)
PLAIN_GATES[_is_bool] = (bool, None)  # True and False are the only instances of bool
PLAIN_GATES[_is_null] = (type(None), None)


def compile_string(c: Compiler, schema: dict[str, Any], spath: str) -> Node:
    return check(
        _is_str,
        codes.INSTANCE_STRING_EXPECTED,
        spath + "/type",
        lambda v: f"Expected a string, got {_type_name(v)} {describe(v)}.",
    )


def compile_boolean(c: Compiler, schema: dict[str, Any], spath: str) -> Node:
    return check(
        _is_bool,
        codes.INSTANCE_BOOLEAN_EXPECTED,
        spath + "/type",
        lambda v: f"Expected a boolean, got {_type_name(v)} {describe(v)}.",
    )


def compile_null(c: Compiler, schema: dict[str, Any], spath: str) -> Node:
    return check(
        _is_null,
        codes.INSTANCE_NULL_EXPECTED,
        spath + "/type",
        lambda v: f"Expected null, got {_type_name(v)} {describe(v)}.",
    )


def _json_integer(name: str) -> Callable[[Compiler, dict[str, Any], str], Node]:
    low, high = JSON_INTEGER_RANGES[name]

    # Python's json gives int only for literals without fraction or exponent (D11).
    # One gate per type name (not per schema position) so PLAIN_GATES can recognise it.
    def is_valid(value: Any) -> bool:
        return type(value) is int and low <= value <= high

    def in_range(value: int) -> bool:
        return low <= value <= high

    PLAIN_GATES[is_valid] = (int, in_range)

    def compile_json_integer(c: Compiler, schema: dict[str, Any], spath: str) -> Node:
        where = spath + "/type"

        def errors(value: Any, path: Any, sink: Any) -> None:
            if type(value) is not int:
                sink.append(
                    c.error(
                        codes.INSTANCE_INTEGER_EXPECTED,
                        f"Expected {name}, an integer written without fraction or exponent, "
                        f"got {_type_name(value)} {describe(value)}.",
                        path,
                        where,
                    )
                )
            elif not low <= value <= high:
                sink.append(
                    c.error(
                        codes.INSTANCE_INT_RANGE_INVALID,
                        f"Value {describe(value)} is out of range for {name} ({low}..{high}).",
                        path,
                        where,
                    )
                )

        return Node(is_valid, errors)

    return compile_json_integer


def _string_integer(name: str) -> Callable[[Compiler, dict[str, Any], str], Node]:
    low, high = STRING_INTEGER_RANGES[name]
    grammar = _SIGNED_INT_TEXT if low < 0 else _UNSIGNED_INT_TEXT
    fullmatch = grammar.fullmatch
    # Longest legal text: the digits of the bound plus a sign; longer strings are rejected
    # before int() so that hostile inputs never reach Python's int-from-text limits.
    max_len = len(str(low)) if low < 0 else len(str(high))

    def is_valid(value: Any) -> bool:
        return type(value) is str and text_ok(value)

    def text_ok(value: str) -> bool:
        return (
            len(value) <= max_len + 1 and fullmatch(value) is not None and low <= int(value) <= high
        )

    PLAIN_GATES[is_valid] = (str, text_ok)

    def compile_string_integer(c: Compiler, schema: dict[str, Any], spath: str) -> Node:
        where = spath + "/type"

        def errors(value: Any, path: Any, sink: Any) -> None:
            if type(value) is not str or fullmatch(value) is None:
                sink.append(
                    c.error(
                        codes.INSTANCE_DECIMAL_EXPECTED,
                        f"Expected {name} as a string of decimal digits"
                        f"{'' if low < 0 else ' without sign'}, got {describe(value)}.",
                        path,
                        where,
                    )
                )
            elif len(value) > max_len + 1 or not low <= int(value) <= high:
                sink.append(
                    c.error(
                        codes.INSTANCE_INT_RANGE_INVALID,
                        f"Value {describe(value)} is out of range for {name} ({low}..{high}).",
                        path,
                        where,
                    )
                )

        return Node(is_valid, errors)

    return compile_string_integer


def _float(name: str) -> Callable[[Compiler, dict[str, Any], str], Node]:
    def compile_float(c: Compiler, schema: dict[str, Any], spath: str) -> Node:
        where = spath + "/type"
        if name != "float":
            return check(
                is_number,
                codes.INSTANCE_NUMBER_EXPECTED,
                where,
                lambda v: f"Expected {name}, a finite number, got {_type_name(v)} {describe(v)}.",
            )

        def is_valid(value: Any) -> bool:
            return is_number(value) and -FLOAT32_MAX <= value <= FLOAT32_MAX

        def errors(value: Any, path: Any, sink: Any) -> None:
            if not is_number(value):
                sink.append(
                    c.error(
                        codes.INSTANCE_NUMBER_EXPECTED,
                        f"Expected float, a finite number, got {_type_name(value)} "
                        f"{describe(value)}.",
                        path,
                        where,
                    )
                )
            elif not -FLOAT32_MAX <= value <= FLOAT32_MAX:
                sink.append(
                    c.error(
                        codes.INSTANCE_NUMBER_RANGE_INVALID,
                        f"Value {describe(value)} is beyond the binary32 range of float.",
                        path,
                        where,
                    )
                )

        return Node(is_valid, errors)

    return compile_float


_decimal_fullmatch = DECIMAL_TEXT.fullmatch


def _decimal_text_ok(v: str) -> bool:
    return _decimal_fullmatch(v) is not None


def _is_decimal(v: Any) -> bool:
    return type(v) is str and _decimal_fullmatch(v) is not None


PLAIN_GATES[_is_decimal] = (str, _decimal_text_ok)


def compile_decimal(c: Compiler, schema: dict[str, Any], spath: str) -> Node:
    return check(
        _is_decimal,
        codes.INSTANCE_DECIMAL_EXPECTED,
        spath + "/type",
        lambda v: f'Expected decimal as a string such as "12.50", got {describe(v)}.',
    )


def _formatted(
    name: str, predicate: Callable[[str], bool], code: str, what: str
) -> Callable[[Compiler, dict[str, Any], str], Node]:
    def is_valid(value: Any) -> bool:
        return type(value) is str and predicate(value)

    # One entry per type name (binary: per encoding, see compile_binary), never per schema.
    PLAIN_GATES[is_valid] = (str, predicate)

    def compile_formatted(c: Compiler, schema: dict[str, Any], spath: str) -> Node:
        where = spath + "/type"

        def errors(value: Any, path: Any, sink: Any) -> None:
            if type(value) is not str:
                sink.append(
                    c.error(
                        codes.INSTANCE_STRING_EXPECTED,
                        f"Expected {name} as a string, got {_type_name(value)} {describe(value)}.",
                        path,
                        where,
                    )
                )
            elif not predicate(value):
                sink.append(c.error(code, f"Value {describe(value)} is not {what}.", path, where))

        return Node(is_valid, errors)

    return compile_formatted


def compile_binary(c: Compiler, schema: dict[str, Any], spath: str) -> Node:
    encoding = schema.get("contentEncoding", "base64")
    predicate = BINARY_CHECKERS.get(encoding) if isinstance(encoding, str) else None
    if predicate is None:
        c.schema_error(
            codes.SCHEMA_CONTENT_ENCODING_INVALID,
            f"contentEncoding {describe(encoding)} is not one of "
            f"{', '.join(sorted(BINARY_CHECKERS))}.",
            spath + "/contentEncoding",
        )
        # The schema is rejected; the node only has to exist.
        encoding = "base64"
    compile_encoded = _BINARY_COMPILERS.get(encoding)
    if compile_encoded is None:
        # One per encoding, so PLAIN_GATES does not grow with every schema compiled.
        compile_encoded = _BINARY_COMPILERS.setdefault(
            encoding,
            _formatted(
                "binary",
                BINARY_CHECKERS[encoding],
                codes.INSTANCE_BINARY_ENCODING_INVALID,
                f"valid {encoding} data",
            ),
        )
    return compile_encoded(c, schema, spath)


_BINARY_COMPILERS: dict[str, Callable[[Compiler, dict[str, Any], str], Node]] = {}


PRIMITIVE_COMPILERS: dict[str, Callable[[Compiler, dict[str, Any], str], Node]] = {
    "string": compile_string,
    "boolean": compile_boolean,
    "null": compile_null,
    **{name: _json_integer(name) for name in JSON_INTEGER_RANGES},
    **{name: _string_integer(name) for name in STRING_INTEGER_RANGES},
    **{name: _float(name) for name in FLOAT_TYPES},
    "decimal": compile_decimal,
    "date": _formatted(
        "date", is_date, codes.INSTANCE_DATE_FORMAT_INVALID, "an RFC 3339 full-date"
    ),
    "datetime": _formatted(
        "datetime",
        is_datetime,
        codes.INSTANCE_DATETIME_FORMAT_INVALID,
        "an RFC 3339 date-time with a time-zone offset",
    ),
    "time": _formatted(
        "time", is_time, codes.INSTANCE_TIME_FORMAT_INVALID, "a time of the form hh:mm:ss"
    ),
    "duration": _formatted(
        "duration", is_duration, codes.INSTANCE_DURATION_FORMAT_INVALID, "an ISO 8601 duration"
    ),
    "uuid": _formatted("uuid", is_uuid, codes.INSTANCE_UUID_FORMAT_INVALID, "an RFC 9562 UUID"),
    "uri": _formatted(
        "uri", is_uri_reference, codes.INSTANCE_URI_FORMAT_INVALID, "an RFC 3986 URI reference"
    ),
    "jsonpointer": _formatted(
        "jsonpointer",
        is_json_pointer,
        codes.INSTANCE_JSONPOINTER_FORMAT_INVALID,
        "an RFC 6901 JSON Pointer",
    ),
    "binary": compile_binary,
}
