"""Annotation vocabularies: Alternate Names, Units, Relations (and wire-name mode).

These keywords never reject an instance (D4). When their extension is enabled their shape is
checked at schema time; when it is not, they are ordinary unknown keywords, which core treats as
custom annotations, so they are ignored without a warning (the "not enabled" warning is for
keywords that would have been enforced). Every compile function here returns None.

Because the extension switch is checked inside the compile functions, the table entries carry
``extension=None`` and ``types=ALL``: the generic checks of the keyword table would otherwise warn
about a disabled extension, or reject a type mismatch even while the extension is off.

Semantic Annotations has no keyword whose shape the digest pins down; its keywords stay plain
annotations.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from jstruct import codes
from jstruct.compiler.context import Compiler, is_identifier, type_label
from jstruct.compiler.nodes import Node
from jstruct.pointers import parse_fragment
from jstruct.schema import meta

__all__ = ["annotation_table", "wire_enum_values", "wire_member_names", "wire_name"]

# RFC 5646 language tag, simplified to its syntax (subtags of letters and digits).
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_CURRENCY = re.compile(r"[A-Z]{3}")
_NUMERIC_TYPES = frozenset(
    {
        "number",
        "integer",
        "float8",
        "float",
        "double",
        "decimal",
        "int8",
        "uint8",
        "int16",
        "uint16",
        "int32",
        "uint32",
        "int64",
        "uint64",
        "int128",
        "uint128",
    }
)
_CARDINALITIES = ("single", "multiple")


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else type_label(value)


def _check_purpose_key(c: Compiler, key: str, where: str) -> None:
    """``lang:<tag>`` keys are reserved for localised values; a malformed tag only warns."""
    if key.startswith("lang:") and _LANGUAGE_TAG.fullmatch(key[5:]) is None:
        c.schema_warning(
            codes.SCHEMA_ANNOTATION_UNEXPECTED_VALUE,
            f"{key!r} does not name a BCP 47 language tag after 'lang:'.",
            where,
        )


def _string_map(
    c: Compiler, value: Any, where: str, keyword: str, not_object: str, not_string: str
) -> dict[str, str] | None:
    """A purpose -> string map (``altnames``, ``descriptions``, ``symbols``)."""
    if not isinstance(value, dict):
        c.schema_error(
            not_object,
            f'"{keyword}" must be an object mapping purposes to strings, found '
            f"{type_label(value)}.",
            where,
        )
        return None
    good = True
    for key, text in value.items():
        at = f"{where}/{_escape(key)}"
        if not isinstance(text, str):
            c.schema_error(
                not_string,
                f'"{keyword}" values must be strings; {key!r} maps to {type_label(text)}.',
                at,
            )
            good = False
        _check_purpose_key(c, key, at)
    return value if good else None


# --- Alternate Names -------------------------------------------------------------------------


def _wire_mode_off(c: Compiler, value: Any, where: str, keyword: str) -> None:
    """Wire-name mode would have used this keyword, but its extension is off: say so."""
    if c.wire_names and isinstance(value, dict) and "json" in value:
        c.schema_warning(
            codes.SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED,
            f'"{keyword}" belongs to the {meta.ALTERNATE_NAMES} extension, which this document '
            "does not enable; wire-name mode does not use it.",
            where,
        )


def compile_altnames(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if not c.enabled(meta.ALTERNATE_NAMES):
        _wire_mode_off(c, value, where, "altnames")
    else:
        _string_map(
            c,
            value,
            where,
            "altnames",
            codes.SCHEMA_ALTNAMES_NOT_OBJECT,
            codes.SCHEMA_ALTNAMES_VALUE_NOT_STRING,
        )
    return None


def compile_descriptions(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if c.enabled(meta.ALTERNATE_NAMES):
        _string_map(
            c,
            value,
            where,
            "descriptions",
            codes.SCHEMA_ANNOTATION_INVALID,
            codes.SCHEMA_ANNOTATION_INVALID,
        )
    return None


def _enum_key(item: Any) -> str:
    """How an enum value is written as an ``altenums`` key (JSON object keys are strings)."""
    return item if isinstance(item, str) else json.dumps(item)


def compile_altenums(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if not c.enabled(meta.ALTERNATE_NAMES):
        _wire_mode_off(c, value, where, "altenums")
        return None
    enum = schema.get("enum")
    if not isinstance(enum, list):
        c.schema_error(
            codes.SCHEMA_ANNOTATION_INVALID,
            '"altenums" only applies next to "enum".',
            where,
        )
        return None
    if not isinstance(value, dict):
        c.schema_error(
            codes.SCHEMA_ANNOTATION_INVALID,
            f'"altenums" must map purposes to {{enum value: symbol}} objects, found '
            f"{type_label(value)}.",
            where,
        )
        return None
    known = {_enum_key(item) for item in enum}
    for purpose, symbols in value.items():
        at = f"{where}/{_escape(purpose)}"
        _check_purpose_key(c, purpose, at)
        if not isinstance(symbols, dict):
            c.schema_error(
                codes.SCHEMA_ANNOTATION_INVALID,
                f'"altenums" entry {purpose!r} must map enum values to symbols, found '
                f"{type_label(symbols)}.",
                at,
            )
            continue
        seen: dict[str, str] = {}
        for item, symbol in symbols.items():
            item_at = f"{at}/{_escape(item)}"
            if item not in known:
                c.schema_error(
                    codes.SCHEMA_ANNOTATION_INVALID,
                    f'"altenums" names {item!r}, which is not one of the enum values.',
                    item_at,
                )
            if not isinstance(symbol, str):
                c.schema_error(
                    codes.SCHEMA_ANNOTATION_INVALID,
                    f'"altenums" symbols must be strings; {item!r} maps to {type_label(symbol)}.',
                    item_at,
                )
                continue
            # Two values with one wire symbol could not be told apart when reading JSON.
            if purpose == "json" and symbol in seen:
                c.schema_error(
                    codes.SCHEMA_ANNOTATION_INVALID,
                    f"enum values {seen[symbol]!r} and {item!r} share the JSON symbol {symbol!r}.",
                    item_at,
                )
            seen.setdefault(symbol, item)
    return None


# --- Units -----------------------------------------------------------------------------------


def _string_keyword(keyword: str) -> Callable[[Compiler, dict[str, Any], Any, str, Node], None]:
    def compile_unit(
        c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
    ) -> None:
        if not c.enabled(meta.UNITS):
            return None
        if not isinstance(value, str) or not value:
            c.schema_error(
                codes.SCHEMA_ANNOTATION_INVALID,
                f'"{keyword}" must be a non-empty string, found {_show(value)}.',
                where,
            )
            return None
        if keyword == "currency" and _CURRENCY.fullmatch(value) is None:
            c.schema_warning(
                codes.SCHEMA_ANNOTATION_UNEXPECTED_VALUE,
                f"currency {value!r} is not an ISO 4217 code (three capital letters).",
                where,
            )
        type_value = schema.get("type")
        if (
            keyword in ("unit", "ucumUnit", "currency")
            and isinstance(type_value, str)
            and type_value not in _NUMERIC_TYPES
            and type_value not in ("array", "set", "map")  # the meta-schema allows these too
        ):
            c.schema_warning(
                codes.SCHEMA_ANNOTATION_UNEXPECTED_VALUE,
                f'"{keyword}" describes numbers; on a {type_value} it has no meaning.',
                where,
            )
        return None

    return compile_unit


def compile_symbols(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if c.enabled(meta.UNITS):
        _string_map(
            c,
            value,
            where,
            "symbols",
            codes.SCHEMA_ANNOTATION_INVALID,
            codes.SCHEMA_ANNOTATION_INVALID,
        )
    return None


# --- Relations -------------------------------------------------------------------------------


def _declared_properties(c: Compiler, schema: dict[str, Any]) -> set[str] | None:
    """Own and inherited property names; None when a base cannot be read (then not checked)."""
    names: set[str] = set()
    pending = [schema]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        own = current.get("properties")
        if isinstance(own, dict):
            names.update(own)
        bases = current.get("$extends")
        for ref in bases if isinstance(bases, list) else [bases] if bases else []:
            tokens = parse_fragment(ref)
            target = c.lookup(tokens) if tokens is not None else None
            if not isinstance(target, dict):
                return None
            pending.append(target)
    return names


def _relations_applies(c: Compiler, schema: dict[str, Any], where: str, keyword: str) -> bool:
    if not c.enabled(meta.RELATIONS):
        return False
    if schema.get("type") not in ("object", "tuple"):
        c.schema_error(
            codes.SCHEMA_ANNOTATION_INVALID,
            f'"{keyword}" applies to object and tuple types only.',
            where,
        )
        return False
    return True


def compile_identity(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if not _relations_applies(c, schema, where, "identity"):
        return None
    if not isinstance(value, list) or not value:
        c.schema_error(
            codes.SCHEMA_ANNOTATION_INVALID,
            f'"identity" must be a non-empty array of property names, found {type_label(value)}.',
            where,
        )
        return None
    declared = _declared_properties(c, schema)
    for index, name in enumerate(value):
        at = f"{where}/{index}"
        if not isinstance(name, str):
            c.schema_error(
                codes.SCHEMA_ANNOTATION_INVALID,
                f'"identity" entries must be property names, found {type_label(name)}.',
                at,
            )
        elif value.index(name) != index:
            c.schema_error(codes.SCHEMA_ANNOTATION_INVALID, f"identity lists {name!r} twice.", at)
        elif declared is not None and name not in declared:
            c.schema_error(
                codes.SCHEMA_ANNOTATION_INVALID,
                f"identity names {name!r}, which is not a declared property.",
                at,
            )
    return None


def _type_ref(c: Compiler, value: Any, at: str, keyword: str) -> dict[str, Any] | None:
    """The type a ``{"$ref": ...}`` relation member points at, or None (reported)."""
    ref = value.get("$ref") if isinstance(value, dict) else None
    tokens = parse_fragment(ref)
    target = c.lookup(tokens) if tokens is not None else None
    if not isinstance(target, dict) or "type" not in target:
        c.schema_error(
            codes.SCHEMA_ANNOTATION_INVALID,
            f'"{keyword}" must be {{"$ref": "#/definitions/..."}} naming a declared type.',
            at,
        )
        return None
    return target


def _check_scope(c: Compiler, value: Any, at: str) -> None:
    pointers = value if isinstance(value, list) else [value]
    if not pointers:
        c.schema_error(codes.SCHEMA_ANNOTATION_INVALID, '"scope" must not be empty.', at)
    for index, pointer in enumerate(pointers):
        here = f"{at}/{index}" if isinstance(value, list) else at
        tokens = parse_fragment(pointer)
        if tokens is None or (tokens and c.lookup(tokens) is None):
            c.schema_error(
                codes.SCHEMA_ANNOTATION_INVALID,
                f"scope {_show(pointer)} does not point at a location in this document.",
                here,
            )


def compile_relations(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if not _relations_applies(c, schema, where, "relations"):
        return None
    if not isinstance(value, dict):
        c.schema_error(
            codes.SCHEMA_ANNOTATION_INVALID,
            f'"relations" must map relation names to declarations, found {type_label(value)}.',
            where,
        )
        return None
    declared = _declared_properties(c, schema) or set()
    for name, declaration in value.items():
        at = f"{where}/{_escape(name)}"
        if not is_identifier(name):
            c.schema_error(
                codes.SCHEMA_ANNOTATION_INVALID,
                f"Relation names must match [A-Za-z_][A-Za-z0-9_]*; {name!r} does not.",
                at,
            )
        elif name in declared:
            c.schema_error(
                codes.SCHEMA_ANNOTATION_INVALID,
                f"Relation {name!r} has the name of a property of this type.",
                at,
            )
        if not isinstance(declaration, dict):
            c.schema_error(
                codes.SCHEMA_ANNOTATION_INVALID,
                f"Relation {name!r} must be an object, found {type_label(declaration)}.",
                at,
            )
            continue
        target = _type_ref(c, declaration.get("targettype"), at + "/targettype", "targettype")
        if target is not None and "identity" not in target:
            c.schema_error(
                codes.SCHEMA_ANNOTATION_INVALID,
                f'The target type of relation {name!r} declares no "identity".',
                at + "/targettype",
            )
        if declaration.get("cardinality") not in _CARDINALITIES:
            c.schema_error(
                codes.SCHEMA_ANNOTATION_INVALID,
                f'"cardinality" of relation {name!r} must be "single" or "multiple", found '
                f"{_show(declaration.get('cardinality'))}.",
                at + "/cardinality",
            )
        if "scope" in declaration:
            _check_scope(c, declaration["scope"], at + "/scope")
        if "qualifiertype" in declaration:
            _type_ref(c, declaration["qualifiertype"], at + "/qualifiertype", "qualifiertype")
    return None


# --- wire-name mode --------------------------------------------------------------------------


def _json_alternate(c: Compiler, schema: Any, keyword: str) -> Any:
    if not c.wire_names or not c.enabled(meta.ALTERNATE_NAMES) or not isinstance(schema, dict):
        return None
    alternates = schema.get(keyword)
    return alternates.get("json") if isinstance(alternates, dict) else None


def wire_name(c: Compiler, name: str, member: Any) -> str:
    """The member name an instance uses for property ``name`` (its ``altnames.json``)."""
    alternate = _json_alternate(c, member, "altnames")
    return alternate if isinstance(alternate, str) else name


def wire_member_names(
    c: Compiler, declared: dict[str, tuple[Any, str]], spath: str
) -> dict[str, str]:
    """Property name -> instance member name, for the properties that are renamed.

    Two properties that end up with one member name could not be told apart in an instance,
    so that is a schema error in wire-name mode.
    """
    rename: dict[str, str] = {}
    owner: dict[str, str] = {}
    for name, (member, where) in declared.items():
        wire = wire_name(c, name, member)
        if wire != name:
            rename[name] = wire
        if wire in owner:
            c.schema_error(
                codes.SCHEMA_WIRE_NAME_CONFLICT,
                f"Properties {owner[wire]!r} and {name!r} are both written {wire!r} in "
                "instances (altnames.json).",
                where,
            )
        owner.setdefault(wire, name)
    return rename


def wire_enum_values(c: Compiler, schema: dict[str, Any], values: list[Any]) -> list[Any]:
    """The enum values as an instance writes them (``altenums.json`` symbols)."""
    symbols = _json_alternate(c, schema, "altenums")
    if not isinstance(symbols, dict):
        return values
    out: list[Any] = []
    for item in values:
        symbol = symbols.get(_enum_key(item))
        out.append(symbol if isinstance(symbol, str) else item)
    return out


ANNOTATION_KEYWORDS: dict[str, Any] = {
    "altnames": compile_altnames,
    "altenums": compile_altenums,
    "descriptions": compile_descriptions,
    "unit": _string_keyword("unit"),
    "ucumUnit": _string_keyword("ucumUnit"),
    "currency": _string_keyword("currency"),
    "symbol": _string_keyword("symbol"),
    "symbols": compile_symbols,
    "identity": compile_identity,
    "relations": compile_relations,
}


def annotation_table() -> dict[str, Any]:
    """Keyword-table entries (built lazily: the Keyword class lives in keywords.py)."""
    from jstruct.compiler.keywords import ALL, Keyword

    return {name: Keyword(ALL, None, fn) for name, fn in ANNOTATION_KEYWORDS.items()}
