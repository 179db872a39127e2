"""Validation extension keywords (numeric, string, array, set, object and map).

Every keyword compiles to a node whose closures do only per-instance work: bounds are parsed,
patterns compiled and sets built here, once. Each closure passes values of a JSON type its
keyword does not apply to, so keywords stay correct beside a union ``type``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from jstruct import codes
from jstruct.compiler.context import Compiler, type_label
from jstruct.compiler.equality import TooDeep, first_duplicate
from jstruct.compiler.keywords import ALL, Keyword, KeywordCompiler, non_negative_int
from jstruct.compiler.nodes import Node, Path, Sink, check, describe
from jstruct.compiler.primitives import (
    DECIMAL_TEXT,
    FLOAT_TYPES,
    JSON_INTEGER_RANGES,
    STRING_INTEGER_RANGES,
    STRING_TYPES,
    is_number,
)
from jstruct.errors import Error, escape_token, to_pointer
from jstruct.formats import FORMAT_CHECKERS, EcmaPattern, PatternSyntaxError, PatternTimeout
from jstruct.formats import compile_pattern as compile_ecma
from jstruct.schema import meta

Number = int | float | Decimal

#: Types whose instances are JSON strings holding a number; their bounds are strings too (D40).
STRING_NUMERIC = frozenset(STRING_INTEGER_RANGES) | {"decimal"}
#: Types whose instances are JSON numbers; their bounds are JSON numbers.
JSON_NUMERIC = frozenset(JSON_INTEGER_RANGES) | FLOAT_TYPES
NUMERIC = STRING_NUMERIC | JSON_NUMERIC
#: Types a key-name schema may have: every type whose instances are JSON strings.
NAME_TYPES = STRING_TYPES | STRING_NUMERIC

_decimal_match = DECIMAL_TEXT.fullmatch


def _type_names(c: Compiler, schema: dict[str, Any]) -> frozenset[str]:
    """The type names the schema's instances can have (empty when unknown or typeless)."""
    type_value = schema.get("type")
    if isinstance(type_value, str):
        return frozenset({type_value})
    if isinstance(type_value, list):
        return c.union_types(type_value)
    if isinstance(type_value, dict):
        return c.union_types([type_value])
    return frozenset()


def _text_number(text: str) -> int | Decimal:
    """The value of numeric text that matched the decimal grammar, exactly."""
    # int() is fastest for ordinary integers, but refuses digit strings beyond a few thousand
    # characters; Decimal reads any length exactly and compares exactly with int and float.
    if "." not in text and len(text) < 40:
        return int(text)
    return Decimal(text)


def _quiet_number(value: Any) -> Number | None:
    """A bound's value for the range check, or None (its form errors are reported elsewhere)."""
    if type(value) in (int, float) and is_number(value):
        return value
    if type(value) is str and _decimal_match(value) is not None:
        return _text_number(value)
    return None


def _ratio(value: Number) -> tuple[int, int]:
    """``value`` as an exact fraction (numerator, denominator) in lowest terms."""
    if type(value) is int:
        return value, 1
    if type(value) is float:
        # repr() is the shortest text that reads back as this float: the number the author wrote.
        return Decimal(repr(value)).as_integer_ratio()
    return Decimal(value).as_integer_ratio()


# --- numeric keywords --------------------------------------------------------------------------


def _parse_bound(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, keyword: str
) -> tuple[Number, bool, bool] | None:
    """(bound, applies to JSON numbers, applies to numeric strings), or None after an error.

    String-encoded types take string bounds and JSON-number types number bounds (D40); a union
    of both kinds takes either. Without a known type the bound's form decides.
    """
    names = _type_names(c, schema)
    numbers = bool(names & JSON_NUMERIC)
    strings = bool(names & STRING_NUMERIC)
    if not numbers and not strings:
        numbers = type(value) in (int, float)
        strings = type(value) is str
    if numbers and type(value) in (int, float) and is_number(value):
        return value, numbers, strings
    if strings and type(value) is str and _decimal_match(value) is not None:
        return _text_number(value), numbers, strings
    if numbers and strings:
        expected = "a number, or a numeric string for the string-encoded types"
    elif strings:
        expected = 'a numeric JSON string such as "10" (the type is string-encoded)'
    else:
        expected = "a finite JSON number"
    c.schema_error(
        codes.SCHEMA_NUMBER_CONSTRAINT_INVALID,
        f'"{keyword}" must be {expected}, found {describe(value)}.',
        where,
    )
    return None


def _reader(numbers: bool, strings: bool) -> Callable[[Any], Number | None]:
    """A function giving an instance's numeric value, or None when the bound does not apply."""

    def read(value: Any) -> Number | None:
        kind = type(value)
        if kind is str:
            if strings and _decimal_match(value) is not None:
                return _text_number(value)
            return None
        if numbers and (kind is int or kind is float or kind is Decimal):
            return value
        return None

    return read


def _check_range(c: Compiler, schema: dict[str, Any], where: str) -> None:
    """Report bounds that leave no value at all, once per schema (reported at the upper bound)."""
    lower: tuple[Number, bool] | None = None
    upper: tuple[Number, bool, str] | None = None
    for key, strict in (
        ("minimum", schema.get("exclusiveMinimum") is True),
        ("exclusiveMinimum", True),
    ):
        bound = _quiet_number(schema.get(key))
        if bound is not None and (lower is None or (bound, strict) > lower):
            lower = (bound, strict)
    for key, strict in (
        ("maximum", schema.get("exclusiveMaximum") is True),
        ("exclusiveMaximum", True),
    ):
        bound = _quiet_number(schema.get(key))
        if bound is not None and (
            upper is None or bound < upper[0] or (bound == upper[0] and strict)
        ):
            upper = (bound, strict, key)
    if lower is None or upper is None:
        return
    (low, low_strict), (high, high_strict, key) = lower, upper
    if low > high or (low == high and (low_strict or high_strict)):
        c.schema_error(
            codes.SCHEMA_MIN_GREATER_THAN_MAX,
            f"The lower bound {low} and the upper bound {high} leave no value in range.",
            where.rsplit("/", 1)[0] + "/" + key,
        )


def _bound_keyword(
    keyword: str,
    lower: bool,
    strict_keyword: str | None,
) -> KeywordCompiler:
    """``minimum``/``maximum`` (``strict_keyword``: the draft-04 boolean that makes them strict)
    and ``exclusiveMinimum``/``exclusiveMaximum`` (``strict_keyword`` None)."""

    def compile_bound(
        c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
    ) -> Node | None:
        if strict_keyword is None and type(value) is bool:
            return None  # the draft-04 form: it modifies minimum/maximum, which reads it
        parsed = _parse_bound(c, schema, value, where, keyword)
        if parsed is None:
            return None
        _check_range(c, schema, where)
        bound, numbers, strings = parsed
        strict = strict_keyword is None or schema.get(strict_keyword) is True
        if lower:
            holds = operator.gt if strict else operator.ge
            code = (
                codes.INSTANCE_NUMBER_EXCLUSIVE_MINIMUM if strict else codes.INSTANCE_NUMBER_MINIMUM
            )
            rule = "greater than" if strict else "at least"
        else:
            holds = operator.lt if strict else operator.le
            code = (
                codes.INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM if strict else codes.INSTANCE_NUMBER_MAXIMUM
            )
            rule = "less than" if strict else "at most"
        read = _reader(numbers, strings)
        shown = describe(value)

        def within(v: Any) -> bool:
            kind = type(v)
            if kind is int or kind is float:  # the common case, without a call to read()
                return not numbers or holds(v, bound)
            number = read(v)
            return number is None or holds(number, bound)

        return check(
            within,
            code,
            where,
            lambda v: f"Value {describe(v)} must be {rule} {shown} ({keyword}).",
        )

    return compile_bound


def compile_multiple_of(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    parsed = _parse_bound(c, schema, value, where, "multipleOf")
    if parsed is None:
        return None
    step, numbers, strings = parsed
    if not step > 0:
        c.schema_error(
            codes.SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID,
            f'"multipleOf" must be greater than 0, found {describe(value)}.',
            where,
        )
        return None
    # Exact rational arithmetic (D40): x / step is an integer iff x_num * step_den is divisible
    # by x_den * step_num, so 0.3 is a multiple of 0.1 although 0.3 / 0.1 != 3.0 in binary.
    step_num, step_den = _ratio(step)
    read = _reader(numbers, strings)
    shown = describe(value)

    def divides(v: Any) -> bool:
        if type(v) is int and numbers:
            return (v * step_den) % step_num == 0
        number = read(v)
        if number is None:
            return True
        num, den = _ratio(number)
        return (num * step_den) % (den * step_num) == 0

    return check(
        divides,
        codes.INSTANCE_NUMBER_MULTIPLE_OF,
        where,
        lambda v: f"Value {describe(v)} is not a multiple of {shown}.",
    )


# --- string keywords ---------------------------------------------------------------------------


def compile_min_length(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    limit = non_negative_int(c, value, where, "minLength")
    if limit is None or limit == 0:
        return None
    # minLength > maxLength is reported by maxLength's compiler (a core keyword), once.
    return check(
        lambda v: type(v) is not str or len(v) >= limit,
        codes.INSTANCE_STRING_MIN_LENGTH,
        where,
        lambda v: f"String of length {len(v)} is shorter than minLength {limit}.",
    )


def _regex(c: Compiler, source: Any, where: str, keyword: str) -> EcmaPattern | None:
    """An ECMAScript pattern (D41), or None after reporting why it cannot be one."""
    if type(source) is not str:
        c.schema_error(
            codes.SCHEMA_PATTERN_NOT_STRING,
            f'"{keyword}" must be a regular expression string, found {type_label(source)}.',
            where,
        )
        return None
    try:
        return compile_ecma(source)
    except PatternSyntaxError as exc:
        c.schema_error(codes.SCHEMA_PATTERN_INVALID, f"{exc}.", where)
        return None


def _timeout_error(source: str, path: Path, where: str, subject: str) -> Error:
    return Error(
        codes.INSTANCE_PATTERN_TIMEOUT,
        f"Matching {subject} against pattern {source!r} ran past its time budget.",
        to_pointer(path),
        where,
    )


def compile_pattern(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    pattern = _regex(c, value, where, "pattern")
    if pattern is None:
        return None
    search = pattern.search
    source = pattern.source

    def is_valid(v: Any) -> bool:
        if type(v) is not str:
            return True
        try:
            return search(v)
        except PatternTimeout:
            return False

    def errors(v: Any, path: Path, sink: Sink) -> None:
        if type(v) is not str:
            return
        try:
            matched = search(v)
        except PatternTimeout:
            sink.append(_timeout_error(source, path, where, "the string"))
            return
        if not matched:
            sink.append(
                Error(
                    codes.INSTANCE_STRING_PATTERN_MISMATCH,
                    f"String {describe(v)} does not match the pattern {source!r}.",
                    to_pointer(path),
                    where,
                )
            )

    return Node(is_valid, errors)


#: The catalogue's specific codes; the other format names report INSTANCE_FORMAT_INVALID.
FORMAT_CODES: dict[str, str] = {
    "email": codes.INSTANCE_FORMAT_EMAIL_INVALID,
    "uri": codes.INSTANCE_FORMAT_URI_INVALID,
    "uri-reference": codes.INSTANCE_FORMAT_URI_REFERENCE_INVALID,
    "date": codes.INSTANCE_FORMAT_DATE_INVALID,
    "time": codes.INSTANCE_FORMAT_TIME_INVALID,
    "date-time": codes.INSTANCE_FORMAT_DATETIME_INVALID,
    "uuid": codes.INSTANCE_FORMAT_UUID_INVALID,
    "ipv4": codes.INSTANCE_FORMAT_IPV4_INVALID,
    "ipv6": codes.INSTANCE_FORMAT_IPV6_INVALID,
    "hostname": codes.INSTANCE_FORMAT_HOSTNAME_INVALID,
}


def compile_format(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if type(value) is not str:
        c.schema_error(
            codes.SCHEMA_KEYWORD_INVALID_TYPE,
            f'"format" must be a format name (a string), found {type_label(value)}.',
            where,
        )
        return None
    checker = FORMAT_CHECKERS.get(value)
    if checker is None:
        c.schema_warning(
            codes.SCHEMA_FORMAT_UNKNOWN,
            f"Unknown format {value!r}; it is not enforced. Known formats: "
            f"{', '.join(sorted(FORMAT_CHECKERS))}.",
            where,
        )
        return None
    return check(
        lambda v: type(v) is not str or checker(v),
        FORMAT_CODES.get(value, codes.INSTANCE_FORMAT_INVALID),
        where,
        lambda v: f"String {describe(v)} is not a valid {value}.",
    )


# --- counts of items, properties and entries ---------------------------------------------------


def _count_keyword(
    keyword: str, code: str, container: type, noun: str, minimum_of: str | None = None
) -> KeywordCompiler:
    """A min/max count keyword; a max keyword names its min partner in ``minimum_of``."""
    lower = minimum_of is None and keyword.startswith("min")

    def compile_count(
        c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
    ) -> Node | None:
        limit = non_negative_int(c, value, where, keyword)
        if limit is None:
            return None
        if minimum_of is not None:
            low = schema.get(minimum_of)
            if type(low) is int and low > limit:
                c.schema_error(
                    codes.SCHEMA_MIN_GREATER_THAN_MAX,
                    f'"{minimum_of}" ({low}) is greater than "{keyword}" ({limit}).',
                    where,
                )
        if lower:
            if limit == 0:
                return None

            def enough(v: Any) -> bool:
                return type(v) is not container or len(v) >= limit

            return check(
                enough,
                code,
                where,
                lambda v: f"{len(v)} {noun} are fewer than {keyword} {limit}.",
            )

        def few_enough(v: Any) -> bool:
            return type(v) is not container or len(v) <= limit

        return check(
            few_enough,
            code,
            where,
            lambda v: f"{len(v)} {noun} are more than {keyword} {limit}.",
        )

    return compile_count


def compile_unique_items(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if type(value) is not bool:
        c.schema_error(
            codes.SCHEMA_UNIQUE_ITEMS_NOT_BOOLEAN,
            f'"uniqueItems" must be true or false, found {describe(value)}.',
            where,
        )
        return None
    if not value or schema.get("type") == "set":
        return None  # a set's own type already rejects duplicates

    def duplicate(v: list[Any]) -> int | None:
        try:
            return first_duplicate(v)
        except TooDeep:
            return -1

    def is_valid(v: Any) -> bool:
        return type(v) is not list or duplicate(v) is None

    def errors(v: Any, path: Path, sink: Sink) -> None:
        if type(v) is not list:
            return
        index = duplicate(v)
        if index == -1:
            sink.append(
                Error(
                    codes.INSTANCE_MAX_DEPTH_EXCEEDED,
                    "An array element is nested too deeply to compare for uniqueItems.",
                    to_pointer(path),
                    where,
                )
            )
        elif index is not None:
            sink.append(
                Error(
                    codes.INSTANCE_ARRAY_NOT_UNIQUE,
                    f"Element {describe(v[index])} at index {index} repeats an earlier element "
                    "(uniqueItems).",
                    to_pointer(path),
                    where,
                )
            )

    return Node(is_valid, errors)


def _subschema_object(c: Compiler, value: Any, where: str, keyword: str) -> bool:
    if isinstance(value, dict):
        return True
    c.schema_error(
        codes.SCHEMA_KEYWORD_INVALID_TYPE,
        f'"{keyword}" must be a schema (a JSON object), found {type_label(value)}.',
        where,
    )
    return False


def _count_bound(schema: dict[str, Any], keyword: str) -> int | None:
    # Malformed values are reported by the keyword's own compiler; here they are ignored.
    value = schema.get(keyword)
    return value if type(value) is int and value >= 0 else None


def compile_contains(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if not _subschema_object(c, value, where, "contains"):
        return None
    node = c.child(value, where)
    match = node.is_valid
    low = _count_bound(schema, "minContains")
    high = _count_bound(schema, "maxContains")
    # contains always needs one match; minContains 0 does not relax that (D42).
    need = max(1, low or 0)
    base = where.rsplit("/", 1)[0]

    def is_valid(v: Any) -> bool:
        if type(v) is not list:
            return True
        count = 0
        for element in v:
            if match(element):
                count += 1
                if high is None:
                    if count >= need:
                        return True
                elif count > high:
                    return False
        return count >= need

    def errors(v: Any, path: Path, sink: Sink) -> None:
        if type(v) is not list:
            return
        count = 0
        for element in v:
            if match(element):
                count += 1
        pointer = to_pointer(path)
        if count == 0:
            sink.append(
                Error(
                    codes.INSTANCE_CONTAINS_NONE,
                    "No element matches the contains schema.",
                    pointer,
                    where,
                )
            )
        # Each keyword holds on its own: no match at all fails minContains >= 1 as well.
        if low is not None and count < low:
            sink.append(
                Error(
                    codes.INSTANCE_MIN_CONTAINS,
                    f"{count} elements match the contains schema; minContains is {low}.",
                    pointer,
                    base + "/minContains",
                )
            )
        if high is not None and count > high:
            sink.append(
                Error(
                    codes.INSTANCE_MAX_CONTAINS,
                    f"{count} elements match the contains schema; maxContains is {high}.",
                    pointer,
                    base + "/maxContains",
                )
            )

    return Node(is_valid, errors)


def _contains_bound(keyword: str, minimum_of: str | None) -> KeywordCompiler:
    """minContains / maxContains: shape checks only; the contains node enforces them."""

    def compile_contains_bound(
        c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
    ) -> Node | None:
        limit = non_negative_int(c, value, where, keyword)
        if "contains" not in schema:
            c.schema_error(
                codes.SCHEMA_CONTAINS_REQUIRED,
                f'"{keyword}" needs "contains" beside it.',
                where,
            )
        if limit is not None and minimum_of is not None:
            low = schema.get(minimum_of)
            if type(low) is int and low > limit:
                c.schema_error(
                    codes.SCHEMA_MIN_GREATER_THAN_MAX,
                    f'"{minimum_of}" ({low}) is greater than "{keyword}" ({limit}).',
                    where,
                )
        return None

    return compile_contains_bound


# --- object and map keywords -------------------------------------------------------------------


def compile_dependent_required(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if not isinstance(value, dict):
        c.schema_error(
            codes.SCHEMA_DEPENDENT_REQUIRED_INVALID,
            '"dependentRequired" must map property names to arrays of property names, '
            f"found {type_label(value)}.",
            where,
        )
        return None
    rules: list[tuple[str, tuple[str, ...], frozenset[str]]] = []
    for name, needed in value.items():
        if not isinstance(needed, list) or not all(type(n) is str for n in needed):
            c.schema_error(
                codes.SCHEMA_DEPENDENT_REQUIRED_INVALID,
                f"dependentRequired[{name!r}] must be an array of property names, "
                f"found {describe(needed)}.",
                where + "/" + escape_token(name),
            )
            continue
        if needed:
            rules.append((name, tuple(needed), frozenset(needed)))
    if not rules:
        return None
    table = tuple(rules)

    def is_valid(v: Any) -> bool:
        if type(v) is not dict:
            return True
        keys = v.keys()
        for trigger, _, needed in table:
            if trigger in v and not keys >= needed:
                return False
        return True

    def errors(v: Any, path: Path, sink: Sink) -> None:
        if type(v) is not dict:
            return
        for trigger, needed, _ in table:
            if trigger not in v:
                continue
            for name in needed:
                if name not in v:
                    sink.append(
                        Error(
                            codes.INSTANCE_DEPENDENT_REQUIRED,
                            f"Property {trigger!r} requires property {name!r}, which is missing.",
                            to_pointer(path),
                            where,
                        )
                    )

    return Node(is_valid, errors)


def compile_has(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if not _subschema_object(c, value, where, "has"):
        return None
    match = c.child(value, where).is_valid

    def is_valid(v: Any) -> bool:
        if type(v) is not dict:
            return True
        for member in v.values():
            if match(member):
                return True
        return False

    return check(
        is_valid,
        codes.INSTANCE_HAS_NONE,
        where,
        lambda v: "No member value matches the has schema.",
    )


def _pattern_members(keyword: str) -> KeywordCompiler:
    """patternProperties / patternKeys: values of members whose name matches a pattern (D43)."""

    def compile_pattern_members(
        c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
    ) -> Node | None:
        if not isinstance(value, dict):
            c.schema_error(
                codes.SCHEMA_KEYWORD_INVALID_TYPE,
                f'"{keyword}" must map regular expressions to schemas, found {type_label(value)}.',
                where,
            )
            return None
        rules: list[tuple[Callable[[str], bool], str, str, Node]] = []
        for source, member_schema in value.items():
            at = where + "/" + escape_token(source)
            pattern = _regex(c, source, at, keyword)
            node = c.child(member_schema, at)
            if pattern is not None:
                rules.append((pattern.search, source, at, node))
        if not rules:
            return None
        table = tuple(rules)

        def is_valid(v: Any) -> bool:
            if type(v) is not dict:
                return True
            try:
                for name, member in v.items():
                    for search, _, _, node in table:
                        if search(name) and not node.is_valid(member):
                            return False
            except PatternTimeout:
                return False
            return True

        def errors(v: Any, path: Path, sink: Sink) -> None:
            if type(v) is not dict:
                return
            for name, member in v.items():
                for search, source, at, node in table:
                    try:
                        hit = search(name)
                    except PatternTimeout:
                        sink.append(_timeout_error(source, (*path, name), at, "the member name"))
                        continue
                    if hit:  # a valid member reports nothing
                        node.errors(member, (*path, name), sink)

        return Node(is_valid, errors)

    return compile_pattern_members


def _names_keyword(keyword: str, code: str, noun: str) -> KeywordCompiler:
    """propertyNames / keyNames: every member name validates against a string schema."""

    def compile_names(
        c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
    ) -> Node | None:
        if not _subschema_object(c, value, where, keyword):
            return None
        name_type = value.get("type")
        if isinstance(name_type, str) and name_type not in NAME_TYPES:
            c.schema_error(
                codes.SCHEMA_KEYWORD_INVALID_TYPE,
                f'"{keyword}" checks names, which are strings; its type cannot be {name_type}.',
                where + "/type",
            )
            return None
        # Names sit at the member's own level, not one level down.
        node = c.schema(value, where)
        match = node.is_valid

        def is_valid(v: Any) -> bool:
            if type(v) is not dict:
                return True
            for name in v:
                if not match(name):
                    return False
            return True

        def errors(v: Any, path: Path, sink: Sink) -> None:
            if type(v) is not dict:
                return
            for name in v:
                if match(name):
                    continue
                reasons: list[Error] = []
                node.errors(name, path, reasons)
                sink.append(
                    Error(
                        code,
                        f"The {noun} {name!r} does not satisfy {keyword}.",
                        to_pointer(path),
                        where,
                        context=tuple(reasons),
                    )
                )

        return Node(is_valid, errors)

    return compile_names


# --- annotations -------------------------------------------------------------------------------


def compile_default(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    # An annotation (D45): never injected, never enforced; a default its own type rejects is
    # almost certainly a mistake, so say so.
    try:
        fits = gate.is_valid(value)
    except (RecursionError, TooDeep):
        fits = True
    if not fits:
        c.schema_warning(
            codes.SCHEMA_DEFAULT_INVALID,
            f"The default {describe(value)} is not a valid value of this schema's type.",
            where,
        )
    return None


# --- the table ---------------------------------------------------------------------------------

# String-valued types: "string" and the ones with a textual form (date, uri, uuid...).
# Length and pattern constraints are common on those in published schemas, and mean the same.
_STRING = STRING_TYPES
_ARRAYS = frozenset({"array", "set"})
_OBJECT = frozenset({"object"})
_MAP = frozenset({"map"})
_V = meta.VALIDATION


def _kw(types: frozenset[str], compile_fn: KeywordCompiler) -> Keyword:
    return Keyword(types, _V, compile_fn)


#: Table order is check order: cheap comparisons first, subschemas and regexes last.
VALIDATION_TABLE: dict[str, Keyword] = {
    "minimum": _kw(NUMERIC, _bound_keyword("minimum", True, "exclusiveMinimum")),
    "maximum": _kw(NUMERIC, _bound_keyword("maximum", False, "exclusiveMaximum")),
    "exclusiveMinimum": _kw(NUMERIC, _bound_keyword("exclusiveMinimum", True, None)),
    "exclusiveMaximum": _kw(NUMERIC, _bound_keyword("exclusiveMaximum", False, None)),
    "minLength": _kw(_STRING, compile_min_length),
    "minItems": _kw(_ARRAYS, _count_keyword("minItems", codes.INSTANCE_MIN_ITEMS, list, "items")),
    "maxItems": _kw(
        _ARRAYS, _count_keyword("maxItems", codes.INSTANCE_MAX_ITEMS, list, "items", "minItems")
    ),
    "minProperties": _kw(
        _OBJECT,
        _count_keyword("minProperties", codes.INSTANCE_MIN_PROPERTIES, dict, "properties"),
    ),
    "maxProperties": _kw(
        _OBJECT,
        _count_keyword(
            "maxProperties", codes.INSTANCE_MAX_PROPERTIES, dict, "properties", "minProperties"
        ),
    ),
    "minEntries": _kw(
        _MAP, _count_keyword("minEntries", codes.INSTANCE_MAP_MIN_ENTRIES, dict, "entries")
    ),
    "maxEntries": _kw(
        _MAP,
        _count_keyword("maxEntries", codes.INSTANCE_MAP_MAX_ENTRIES, dict, "entries", "minEntries"),
    ),
    "multipleOf": _kw(NUMERIC, compile_multiple_of),
    "dependentRequired": _kw(_OBJECT, compile_dependent_required),
    "format": _kw(_STRING, compile_format),
    "pattern": _kw(_STRING, compile_pattern),
    "uniqueItems": _kw(_ARRAYS, compile_unique_items),
    "contains": _kw(_ARRAYS, compile_contains),
    "minContains": _kw(_ARRAYS, _contains_bound("minContains", None)),
    "maxContains": _kw(_ARRAYS, _contains_bound("maxContains", "minContains")),
    "has": _kw(_OBJECT | _MAP, compile_has),
    "propertyNames": _kw(
        _OBJECT,
        _names_keyword("propertyNames", codes.INSTANCE_PROPERTY_NAME_INVALID, "property name"),
    ),
    "keyNames": _kw(_MAP, _names_keyword("keyNames", codes.INSTANCE_MAP_KEY_INVALID, "map key")),
    "patternProperties": _kw(_OBJECT, _pattern_members("patternProperties")),
    "patternKeys": _kw(_MAP, _pattern_members("patternKeys")),
    "default": _kw(ALL, compile_default),
}
