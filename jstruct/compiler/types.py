"""Type compilers: one function per type name, plus references and unions.

Each returns the node of the type's own rules (the "gate"); keywords that sit beside ``type``
are compiled separately in :mod:`jstruct.compiler.keywords` and joined to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jstruct import codes
from jstruct.compiler import codegen
from jstruct.compiler.annotations import wire_member_names
from jstruct.compiler.context import COMPOSITION_KEYWORDS, Compiler, is_identifier, type_label
from jstruct.compiler.equality import TooDeep, first_duplicate
from jstruct.compiler.nodes import (
    ACCEPT,
    CONTEXT_DEPTH,
    Node,
    Path,
    Sink,
    describe,
    first_match_reasons,
)
from jstruct.compiler.primitives import (
    PLAIN_GATES,
    PRIMITIVE_COMPILERS,
    PRIMITIVE_TYPES,
    _type_name,
)
from jstruct.errors import Error, escape_token, to_pointer
from jstruct.pointers import fragment, parse_fragment

Tokens = tuple[str, ...]
_MISSING = object()

COMPOUND_TYPES = frozenset({"object", "array", "set", "map", "tuple", "choice", "any"})
#: Keywords whose presence next to "$ref" would be silently lost (D6).
_STRUCTURAL = frozenset(
    {
        "type",
        "properties",
        "items",
        "values",
        "choices",
        "tuple",
        "required",
        "additionalProperties",
        "enum",
        "const",
        "$extends",
        "abstract",
        "selector",
        "maxLength",
        "precision",
        "scale",
        "definitions",
        "$root",
    }
)


# --- object shapes and $extends --------------------------------------------------------------


@dataclass
class Shape:
    """The members of an object or tuple type after merging its bases and active add-ins."""

    properties: dict[str, tuple[Any, str]] = field(default_factory=dict)
    required: list[str] = field(default_factory=list)
    required_sets: list[list[str]] | None = None
    required_path: str = ""


def base_tokens(c: Compiler, schema: dict[str, Any], spath: str) -> list[Tokens]:
    """The pointers named by ``$extends`` (a pointer or an array of pointers)."""
    value = schema.get("$extends")
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(i, str) for i in items):
        c.schema_error(
            codes.SCHEMA_EXTENDS_INVALID,
            '"$extends" must be a JSON Pointer or a non-empty array of JSON Pointers.',
            spath + "/$extends",
        )
        return []
    found: list[Tokens] = []
    for index, ref in enumerate(items):
        where = spath + "/$extends" + (f"/{index}" if isinstance(value, list) else "")
        tokens = parse_fragment(ref)
        if tokens is None:
            c.schema_error(
                codes.SCHEMA_EXTENDS_INVALID,
                f'{ref!r} is not a local JSON Pointer such as "#/definitions/Base".',
                where,
            )
            continue
        target = c.lookup(tokens)
        if not isinstance(target, dict) or "type" not in target:
            c.schema_error(
                codes.SCHEMA_EXTENDS_NOT_FOUND,
                f"$extends target {ref} is not a type declared in this document.",
                where,
            )
            continue
        found.append(tokens)
    return found


def collect_shape(
    c: Compiler,
    schema: dict[str, Any],
    spath: str,
    tokens: Tokens | None,
    seen: tuple[Tokens, ...] = (),
    is_addin: bool = False,
) -> Shape:
    """Merge ``$extends`` bases (in order, first base wins) with the type's own members."""
    shape = Shape(required_path=spath + "/required")
    if tokens is not None:
        seen = (*seen, tokens)
    own_type = schema.get("type")
    for base in base_tokens(c, schema, spath):
        if base in seen:
            c.schema_error(
                codes.SCHEMA_EXTENDS_CIRCULAR,
                f"$extends chain returns to {fragment(base)}.",
                spath + "/$extends",
            )
            continue
        target = c.lookup(base)
        if not is_addin and target.get("abstract") is not True:
            c.schema_error(
                codes.SCHEMA_EXTENDS_INVALID,
                f"$extends target {fragment(base)} is not abstract.",
                spath + "/$extends",
            )
        base_kind = target.get("type")
        wanted = "object" if own_type == "choice" else own_type
        if base_kind != wanted:
            c.schema_error(
                codes.SCHEMA_EXTENDS_INVALID,
                f"A {own_type} cannot extend {fragment(base)}, which is a {base_kind}.",
                spath + "/$extends",
            )
            continue
        inherited = collect_shape(c, target, to_pointer(base), base, seen)
        for name, member in inherited.properties.items():
            shape.properties.setdefault(name, member)
        shape.required.extend(n for n in inherited.required if n not in shape.required)
        if shape.required_sets is None:
            shape.required_sets = inherited.required_sets
    inherited_names = set(shape.properties)
    own = schema.get("properties", {})
    if not isinstance(own, dict):
        c.schema_error(
            codes.SCHEMA_PROPERTIES_NOT_OBJECT,
            f'"properties" must be an object, found {type_label(own)}.',
            spath + "/properties",
        )
        own = {}
    for name, member in own.items():
        where = spath + "/properties/" + _escape(name)
        if not is_identifier(name):
            c.schema_error(
                codes.SCHEMA_NAME_INVALID,
                f"Property names must match [A-Za-z_][A-Za-z0-9_]*; {name!r} does not.",
                where,
            )
        if name in inherited_names:
            c.schema_error(
                codes.SCHEMA_PROPERTY_REDEFINED,
                f"Property {name!r} is inherited through $extends and cannot be redefined.",
                where,
            )
            continue
        shape.properties[name] = (member, where)
    _merge_required(c, schema, spath, shape)
    return shape


def _merge_required(c: Compiler, schema: dict[str, Any], spath: str, shape: Shape) -> None:
    if "required" not in schema:
        return
    value = schema["required"]
    where = spath + "/required"
    if not isinstance(value, list):
        c.schema_error(
            codes.SCHEMA_REQUIRED_NOT_ARRAY,
            f'"required" must be an array, found {type_label(value)}.',
            where,
        )
        return
    if value and all(isinstance(v, list) for v in value):
        sets: list[list[str]] = []
        for i, group in enumerate(value):
            names = [n for n in group if _check_required_name(c, n, f"{where}/{i}")]
            sets.append(names)
        shape.required_sets = sets
        return
    for i, name in enumerate(value):
        if _check_required_name(c, name, f"{where}/{i}") and name not in shape.required:
            shape.required.append(name)


def _check_required_name(c: Compiler, name: Any, where: str) -> bool:
    if not isinstance(name, str):
        c.schema_error(
            codes.SCHEMA_REQUIRED_ITEM_NOT_STRING,
            f'"required" entries must be property names (strings), found {type_label(name)}.',
            where,
        )
        return False
    return True


def _escape(name: object) -> str:
    # Documents built in Python may carry non-string keys; they are reported, not crashed on.
    return escape_token(name)


def _check_abstract(c: Compiler, schema: dict[str, Any], spath: str, tokens: Tokens | None) -> bool:
    abstract = schema.get("abstract", False)
    if not isinstance(abstract, bool):
        c.schema_error(
            codes.SCHEMA_ABSTRACT_INVALID, '"abstract" must be true or false.', spath + "/abstract"
        )
        return False
    if abstract and not tokens:
        # Only a named declaration can be a base; an inline abstract type could never be used.
        c.schema_error(
            codes.SCHEMA_ABSTRACT_INVALID,
            "Abstract types must be declared in definitions; an inline abstract type would be "
            "the type of an element.",
            spath + "/abstract",
        )
    if abstract and "additionalProperties" in schema:
        c.schema_error(
            codes.SCHEMA_ABSTRACT_ADDITIONAL_PROPERTIES,
            'Abstract types are always open: "additionalProperties" is not allowed on them.',
            spath + "/additionalProperties",
        )
    return abstract


def object_shape(c: Compiler, schema: dict[str, Any], spath: str, tokens: Tokens | None) -> Shape:
    """The shape of an object type, with the properties of the active add-ins merged in."""
    is_addin = tokens is not None and tokens in c.addin_tokens()
    shape = collect_shape(c, schema, spath, tokens, is_addin=is_addin)
    if tokens is not None:
        for addin in c.addin_targets.get(tokens, ()):
            addin_schema = c.lookup(addin)
            own = addin_schema.get("properties", {})
            if isinstance(own, dict):
                for name, member in own.items():
                    shape.properties.setdefault(
                        name, (member, to_pointer(addin) + "/properties/" + _escape(name))
                    )
            required = addin_schema.get("required", [])
            if isinstance(required, list):
                shape.required.extend(
                    n for n in required if isinstance(n, str) and n not in shape.required
                )
    return shape


# --- object ----------------------------------------------------------------------------------


def compile_object(
    c: Compiler, schema: dict[str, Any], spath: str, tokens: Tokens | None = None
) -> Node:
    _check_abstract(c, schema, spath, tokens)
    shape = object_shape(c, schema, spath, tokens)
    return build_object(c, schema, spath, shape)


def build_object(
    c: Compiler,
    schema: dict[str, Any],
    spath: str,
    shape: Shape,
    allow: frozenset[str] = frozenset(),
) -> Node:
    """The object node for a merged shape; ``allow`` names extra members always accepted."""
    declared = shape.properties
    for i, name in enumerate(shape.required):
        if name not in declared:
            c.schema_error(
                codes.SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED,
                f"Required property {name!r} is not declared in properties.",
                f"{shape.required_path}/{i}",
            )
    for i, group in enumerate(shape.required_sets or ()):
        for j, name in enumerate(group):
            if name not in declared:
                c.schema_error(
                    codes.SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED,
                    f"Required property {name!r} is not declared in properties.",
                    f"{shape.required_path}/{i}/{j}",
                )
    # Wire-name mode: instances spell members by their altnames.json names; required follows.
    rename = wire_member_names(c, declared, spath) if c.wire_names else {}
    members: dict[str, Node] = {}
    for name, (member, where) in declared.items():
        members[rename.get(name, name)] = c.child(member, where)
    for name in allow:
        members.setdefault(name, ACCEPT)

    additional = schema.get("additionalProperties", True)
    additional_path = spath + "/additionalProperties"
    extra: Node | None
    if additional is True:
        extra = ACCEPT
    elif additional is False:
        extra = None
    elif isinstance(additional, dict):
        extra = c.child(additional, additional_path)
    else:
        c.schema_error(
            codes.SCHEMA_ADDITIONAL_PROPERTIES_INVALID,
            '"additionalProperties" must be true, false or a schema.',
            additional_path,
        )
        extra = ACCEPT
    required = tuple(rename.get(n, n) for n in shape.required)
    required_sets = tuple(frozenset(rename.get(n, n) for n in g) for g in shape.required_sets or ())
    type_path = spath + "/type"
    required_path = shape.required_path
    reporters = {name: node for name, node in members.items()}
    required_names = frozenset(required)
    # Members that are bare primitives are tested before their error path is entered: the
    # test cannot recurse, so asking it first never re-walks a subtree.
    leaves = {name: n.is_valid for name, n in members.items() if n.is_valid in PLAIN_GATES}
    open_members = extra is ACCEPT
    is_valid = _object_check(
        {name: node.is_valid for name, node in members.items()},
        required,
        required_sets,
        None if open_members else (extra.is_valid if extra is not None else None),
        open_members,
    )

    def errors(value: Any, path: Path, sink: Sink) -> None:
        if type(value) is not dict:
            sink.append(
                Error(
                    codes.INSTANCE_OBJECT_EXPECTED,
                    f"Expected an object, got {_type_name(value)} {describe(value)}.",
                    to_pointer(path),
                    type_path,
                )
            )
            return
        for name in required if not value.keys() >= required_names else ():
            if name not in value:
                sink.append(
                    Error(
                        codes.INSTANCE_REQUIRED_PROPERTY_MISSING,
                        f"Required property {name!r} is missing.",
                        to_pointer(path),
                        required_path,
                    )
                )
        if required_sets and not _sets_ok(value, required_sets):
            complete = sum(1 for group in required_sets if value.keys() >= group)
            detail = "none of them is complete" if not complete else f"{complete} are complete"
            sink.append(
                Error(
                    codes.INSTANCE_REQUIRED_SETS_MISMATCH,
                    f"Exactly one set of required properties must be present; {detail}.",
                    to_pointer(path),
                    required_path,
                )
            )
        for name, member in value.items():
            leaf = leaves.get(name)
            if leaf is not None and leaf(member):
                continue  # a valid primitive member: no path to build, nothing to report
            node = reporters.get(name)
            if node is None:
                if open_members:
                    continue
                if extra is None:
                    sink.append(
                        Error(
                            codes.INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED,
                            f"Property {name!r} is not declared and additional properties "
                            "are not allowed.",
                            to_pointer((*path, name)),
                            additional_path,
                        )
                    )
                else:
                    extra.errors(member, (*path, name), sink)
            else:
                node.errors(member, (*path, name), sink)

    return c.container(Node(is_valid, errors), spath)


def _sets_ok(value: dict[str, Any], required_sets: tuple[frozenset[str], ...]) -> bool:
    """Exactly one of the required sets is fully present (D30)."""
    keys = value.keys()
    return sum(1 for group in required_sets if keys >= group) == 1


def _object_check(
    checks: dict[str, Callable[[Any], bool]],
    required: tuple[str, ...],
    required_sets: tuple[frozenset[str], ...],
    extra_valid: Callable[[Any], bool] | None,
    open_members: bool,
) -> Callable[[Any], bool]:
    """The boolean path of an object: driven by the schema's members, not the instance's.

    Each declared member costs one ``dict.get``; a member whose gate is a plain primitive
    (``PLAIN_GATES``) is tested inline by exact type, and its refining test (a date-time
    pattern, an int64 range) runs only after every cheap test passed. Undeclared members are
    looked at only when the object is closed or has an ``additionalProperties`` schema, and
    only when the instance has more members than were found declared.
    """
    required_names = frozenset(required)
    required_plain: list[tuple[str, type]] = []
    required_other: list[tuple[str, Callable[[Any], bool]]] = []
    optional_plain: list[tuple[str, type]] = []
    optional_other: list[tuple[str, Callable[[Any], bool]]] = []
    refiners: list[tuple[str, Callable[[Any], bool]]] = []
    for name, check in checks.items():
        plain = PLAIN_GATES.get(check)
        if plain is not None:
            kind, refine = plain
            (required_plain if name in required_names else optional_plain).append((name, kind))
            if refine is not None:
                refiners.append((name, refine))
        else:
            (required_other if name in required_names else optional_other).append((name, check))
    declared = frozenset(checks)
    if not required_sets and codegen.enabled():
        refining = dict(refiners)
        return codegen.compile_object_check(
            [(name, kind, refining.get(name)) for name, kind in required_plain],
            required_other,
            [(name, kind, refining.get(name)) for name, kind in optional_plain],
            optional_other,
            not open_members,
            extra_valid,
            declared,
        )
    rp, ro, op, oo = (
        tuple(required_plain),
        tuple(required_other),
        tuple(optional_plain),
        tuple(optional_other),
    )
    refine_all = tuple(refiners)
    count_required = len(rp) + len(ro)
    closed = not open_members
    missing = _MISSING

    def is_valid(value: Any) -> bool:
        if type(value) is not dict:
            return False
        get = value.get
        for name, kind in rp:
            if type(get(name, missing)) is not kind:  # a missing member is the sentinel's type
                return False
        for name, check in ro:
            member = get(name, missing)
            if member is missing or not check(member):
                return False
        present = count_required
        for name, kind in op:
            member = get(name, missing)
            if member is not missing:
                if type(member) is not kind:
                    return False
                present += 1
        for name, check in oo:
            member = get(name, missing)
            if member is not missing:
                if not check(member):
                    return False
                present += 1
        if closed and len(value) != present:
            if extra_valid is None:
                return False
            for name, member in value.items():
                if name not in declared and not extra_valid(member):
                    return False
        if required_sets and not _sets_ok(value, required_sets):
            return False
        for name, test in refine_all:
            member = get(name, missing)
            if member is not missing and not test(member):
                return False
        return True

    return is_valid


# --- array, set, map -------------------------------------------------------------------------


def _required_schema(c: Compiler, schema: dict[str, Any], spath: str, key: str, code: str) -> Node:
    if key not in schema:
        c.schema_error(code, f'A {schema.get("type")} needs "{key}".', spath)
        return ACCEPT
    return c.child(schema[key], f"{spath}/{key}")


def _expected(code: str, what: str, type_path: str) -> Callable[[Any, Path, Sink], None]:
    def report(value: Any, path: Path, sink: Sink) -> None:
        sink.append(
            Error(
                code,
                f"Expected {what}, got {_type_name(value)} {describe(value)}.",
                to_pointer(path),
                type_path,
            )
        )

    return report


def compile_array(
    c: Compiler, schema: dict[str, Any], spath: str, tokens: Tokens | None = None
) -> Node:
    item, item_errors = _required_schema(
        c, schema, spath, "items", codes.SCHEMA_ARRAY_MISSING_ITEMS
    )
    wrong_type = _expected(codes.INSTANCE_ARRAY_EXPECTED, "an array", spath + "/type")

    def is_valid(value: Any) -> bool:
        if type(value) is not list:
            return False
        for element in value:
            if not item(element):
                return False
        return True

    def errors(value: Any, path: Path, sink: Sink) -> None:
        if type(value) is not list:
            wrong_type(value, path, sink)
            return
        for index, element in enumerate(value):
            item_errors(element, (*path, index), sink)

    return c.container(Node(is_valid, errors), spath)


def compile_set(
    c: Compiler, schema: dict[str, Any], spath: str, tokens: Tokens | None = None
) -> Node:
    item, item_errors = _required_schema(
        c, schema, spath, "items", codes.SCHEMA_ARRAY_MISSING_ITEMS
    )
    wrong_type = _expected(codes.INSTANCE_SET_EXPECTED, "an array (set)", spath + "/type")
    type_path = spath + "/type"

    def duplicate(value: list[Any]) -> int | None:
        try:
            return first_duplicate(value)
        except TooDeep:
            return -1

    def is_valid(value: Any) -> bool:
        if type(value) is not list:
            return False
        for element in value:
            if not item(element):
                return False
        return duplicate(value) is None

    def errors(value: Any, path: Path, sink: Sink) -> None:
        if type(value) is not list:
            wrong_type(value, path, sink)
            return
        for index, element in enumerate(value):
            item_errors(element, (*path, index), sink)
        repeated = duplicate(value)
        if repeated == -1:
            sink.append(
                Error(
                    codes.INSTANCE_MAX_DEPTH_EXCEEDED,
                    "A set element is nested too deeply to compare.",
                    to_pointer(path),
                    type_path,
                )
            )
        elif repeated is not None:
            sink.append(
                Error(
                    codes.INSTANCE_SET_DUPLICATE,
                    f"Set element {describe(value[repeated])} at index {repeated} repeats an "
                    "earlier element.",
                    to_pointer((*path, repeated)),
                    type_path,
                )
            )

    return c.container(Node(is_valid, errors), spath)


def compile_map(
    c: Compiler, schema: dict[str, Any], spath: str, tokens: Tokens | None = None
) -> Node:
    entry, entry_errors = _required_schema(
        c, schema, spath, "values", codes.SCHEMA_MAP_MISSING_VALUES
    )
    wrong_type = _expected(codes.INSTANCE_MAP_EXPECTED, "an object (map)", spath + "/type")

    def is_valid(value: Any) -> bool:
        if type(value) is not dict:
            return False
        for member in value.values():
            if not entry(member):
                return False
        return True

    def errors(value: Any, path: Path, sink: Sink) -> None:
        if type(value) is not dict:
            wrong_type(value, path, sink)
            return
        for key, member in value.items():
            entry_errors(member, (*path, key), sink)

    return c.container(Node(is_valid, errors), spath)


# --- tuple -----------------------------------------------------------------------------------


def compile_tuple(
    c: Compiler, schema: dict[str, Any], spath: str, tokens: Tokens | None = None
) -> Node:
    _check_abstract(c, schema, spath, tokens)
    if "tuple" not in schema or ("properties" not in schema and "$extends" not in schema):
        c.schema_error(
            codes.SCHEMA_TUPLE_MISSING_DEFINITION,
            'A tuple needs "properties" and a "tuple" array naming their order.',
            spath,
        )
        return ACCEPT
    shape = collect_shape(c, schema, spath, tokens)
    order = schema["tuple"]
    where = spath + "/tuple"
    if not isinstance(order, list) or not all(isinstance(n, str) for n in order):
        c.schema_error(
            codes.SCHEMA_TUPLE_ORDER_NOT_ARRAY,
            '"tuple" must be an array of property names.',
            where,
        )
        return ACCEPT
    if len(set(order)) != len(order) or set(order) != set(shape.properties):
        c.schema_error(
            codes.SCHEMA_TUPLE_ORDER_MISMATCH,
            '"tuple" must name every declared property exactly once, and nothing else.',
            where,
        )
        return ACCEPT
    elements = [c.child(*shape.properties[name]) for name in order]
    checks = tuple(e.is_valid for e in elements)
    size = len(elements)
    wrong_type = _expected(codes.INSTANCE_TUPLE_EXPECTED, "an array (tuple)", spath + "/type")

    def is_valid(value: Any) -> bool:
        if type(value) is not list or len(value) != size:
            return False
        for check, element in zip(checks, value, strict=True):
            if not check(element):
                return False
        return True

    def errors(value: Any, path: Path, sink: Sink) -> None:
        if type(value) is not list:
            wrong_type(value, path, sink)
            return
        if len(value) != size:
            sink.append(
                Error(
                    codes.INSTANCE_TUPLE_LENGTH_MISMATCH,
                    f"The tuple has {len(value)} elements; it must have exactly {size}.",
                    to_pointer(path),
                    where,
                )
            )
            return
        for index, (node, element) in enumerate(zip(elements, value, strict=True)):
            node.errors(element, (*path, index), sink)

    return c.container(Node(is_valid, errors), spath)


# --- choice ----------------------------------------------------------------------------------


def compile_choice(
    c: Compiler, schema: dict[str, Any], spath: str, tokens: Tokens | None = None
) -> Node:
    if "choices" not in schema:
        c.schema_error(codes.SCHEMA_CHOICE_MISSING_CHOICES, 'A choice needs "choices".', spath)
        return ACCEPT
    choices = schema["choices"]
    where = spath + "/choices"
    if not isinstance(choices, dict) or not choices:
        c.schema_error(
            codes.SCHEMA_CHOICES_NOT_OBJECT,
            '"choices" must be a non-empty object mapping choice names to schemas.',
            where,
        )
        return ACCEPT
    if "$extends" in schema:
        return _inline_choice(c, schema, spath, choices)
    if "selector" in schema:
        c.schema_error(
            codes.SCHEMA_SELECTOR_INVALID,
            '"selector" only applies to inline choices, which "$extends" an abstract base.',
            spath + "/selector",
        )
    variants = {
        name: c.child(member, f"{where}/{_escape(name)}") for name, member in choices.items()
    }
    checks = {name: node.is_valid for name, node in variants.items()}
    wrong_type = _expected(codes.INSTANCE_CHOICE_EXPECTED, "an object (choice)", spath + "/type")
    names = ", ".join(repr(n) for n in choices)

    def is_valid(value: Any) -> bool:
        if type(value) is not dict or len(value) != 1:
            return False
        for name, member in value.items():
            check = checks.get(name)
            return check is not None and check(member)
        return False

    def errors(value: Any, path: Path, sink: Sink) -> None:
        if type(value) is not dict:
            wrong_type(value, path, sink)
            return
        if not value:
            sink.append(
                Error(
                    codes.INSTANCE_CHOICE_SELECTOR_MISSING,
                    f"A choice needs exactly one member naming one of {names}; found none.",
                    to_pointer(path),
                    where,
                )
            )
            return
        if len(value) > 1:
            sink.append(
                Error(
                    codes.INSTANCE_CHOICE_MULTIPLE_MATCHES,
                    f"A choice needs exactly one member; found {len(value)}.",
                    to_pointer(path),
                    where,
                )
            )
            return
        for name, member in value.items():
            node = variants.get(name)
            if node is None:
                sink.append(
                    Error(
                        codes.INSTANCE_CHOICE_UNKNOWN,
                        f"{name!r} is not a choice; expected one of {names}.",
                        to_pointer((*path, name)),
                        where,
                    )
                )
            else:
                node.errors(member, (*path, name), sink)

    return c.container(Node(is_valid, errors), spath)


def _declared_names(c: Compiler, member: Any) -> set[str]:
    """Property names a choice variant declares (through its reference and bases)."""
    if not isinstance(member, dict):
        return set()
    target: Any = member
    type_value = member.get("type")
    tokens: Tokens | None = None
    if isinstance(type_value, dict):
        tokens = parse_fragment(type_value.get("$ref"))
        target = c.lookup(tokens) if tokens is not None else None
    if not isinstance(target, dict) or target.get("type") != "object":
        return set()
    names: set[str] = set()
    seen: set[Tokens] = set()
    pending: list[dict[str, Any]] = [target]
    while pending:
        current = pending.pop()
        own = current.get("properties")
        if isinstance(own, dict):
            names.update(own)
        extends = current.get("$extends")
        for ref in extends if isinstance(extends, list) else [extends]:
            base = parse_fragment(ref) if isinstance(ref, str) else None
            if base is not None and base not in seen:
                seen.add(base)
                found = c.lookup(base)
                if isinstance(found, dict):
                    pending.append(found)
    return names


def _inline_choice(
    c: Compiler, schema: dict[str, Any], spath: str, choices: dict[str, Any]
) -> Node:
    for base in base_tokens(c, schema, spath):
        if c.lookup(base).get("abstract") is not True:
            c.schema_error(
                codes.SCHEMA_EXTENDS_INVALID,
                f"An inline choice extends an abstract base; {fragment(base)} is not abstract.",
                spath + "/$extends",
            )
    selector = schema.get("selector")
    if not isinstance(selector, str) or not selector:
        c.schema_error(
            codes.SCHEMA_SELECTOR_INVALID,
            'An inline choice needs "selector", the name of the member that picks the variant.',
            spath + "/selector",
        )
        return ACCEPT
    where = spath + "/choices"
    variants: dict[str, tuple[Node, bool]] = {}
    for name, member in choices.items():
        node = c.child(member, f"{where}/{_escape(name)}")
        # The selector member is always allowed; it is stripped unless the variant declares it.
        variants[name] = (node, selector not in _declared_names(c, member))
    wrong_type = _expected(codes.INSTANCE_CHOICE_EXPECTED, "an object (choice)", spath + "/type")
    selector_path = spath + "/selector"
    names = ", ".join(repr(n) for n in choices)

    def without_selector(value: dict[str, Any]) -> dict[str, Any]:
        rest = dict(value)
        del rest[selector]
        return rest

    def is_valid(value: Any) -> bool:
        if type(value) is not dict:
            return False
        picked = value.get(selector)
        variant = variants.get(picked) if type(picked) is str else None
        if variant is None:
            return False
        node, strip = variant
        return node.is_valid(without_selector(value) if strip else value)

    def errors(value: Any, path: Path, sink: Sink) -> None:
        if type(value) is not dict:
            wrong_type(value, path, sink)
            return
        picked = value.get(selector, _MISSING)
        if picked is _MISSING:
            sink.append(
                Error(
                    codes.INSTANCE_CHOICE_SELECTOR_MISSING,
                    f"The selector member {selector!r} is missing.",
                    to_pointer(path),
                    selector_path,
                )
            )
            return
        if type(picked) is not str:
            sink.append(
                Error(
                    codes.INSTANCE_CHOICE_SELECTOR_NOT_STRING,
                    f"The selector member {selector!r} must be a string, got {describe(picked)}.",
                    to_pointer((*path, selector)),
                    selector_path,
                )
            )
            return
        variant = variants.get(picked)
        if variant is None:
            sink.append(
                Error(
                    codes.INSTANCE_CHOICE_UNKNOWN,
                    f"{picked!r} is not a choice; expected one of {names}.",
                    to_pointer((*path, selector)),
                    where,
                )
            )
            return
        node, strip = variant
        subject = without_selector(value) if strip else value
        node.errors(subject, path, sink)

    return c.container(Node(is_valid, errors), spath)


def compile_any(
    c: Compiler, schema: dict[str, Any], spath: str, tokens: Tokens | None = None
) -> Node:
    return ACCEPT


# --- references and unions -------------------------------------------------------------------


def compile_reference(c: Compiler, type_value: dict[str, Any], spath: str) -> tuple[Node, Any]:
    """``{"$ref": "#/definitions/..."}`` as the value of ``type`` (D6)."""
    if "$ref" not in type_value:
        c.schema_error(
            codes.SCHEMA_TYPE_OBJECT_MISSING_REF,
            'An object as "type" must be a reference: {"$ref": "#/definitions/..."}.',
            spath,
        )
        return ACCEPT, None
    for key in type_value:
        if key in _STRUCTURAL:
            c.schema_error(
                codes.SCHEMA_REF_SIBLINGS,
                f'Beside "$ref" only annotations are allowed; {key!r} would be ignored.',
                f"{spath}/{_escape(key)}",
            )
    ref = type_value["$ref"]
    where = spath + "/$ref"
    tokens = parse_fragment(ref)
    if tokens is None or len(tokens) < 2 or tokens[0] != "definitions":
        c.schema_error(
            codes.SCHEMA_REF_INVALID,
            f'{describe(ref)} is not a local reference of the form "#/definitions/Name".',
            where,
        )
        return ACCEPT, None
    target = c.lookup(tokens)
    if target is None:
        c.schema_error(codes.SCHEMA_REF_NOT_FOUND, f"Reference target {ref} does not exist.", where)
        return ACCEPT, None
    if not isinstance(target, dict) or not (
        "type" in target or any(k in target for k in COMPOSITION_KEYWORDS)
    ):
        c.schema_error(
            codes.SCHEMA_REF_NOT_TYPE,
            f"Reference target {ref} is a namespace, not a type declaration.",
            where,
        )
        return ACCEPT, None
    if target.get("abstract") is True:
        c.schema_error(
            codes.SCHEMA_REF_ABSTRACT,
            f"Reference target {ref} is abstract and cannot be used as a type.",
            where,
        )
        return ACCEPT, None
    target_type = target.get("type")
    return c.definition(tokens), target_type if isinstance(target_type, str) else None


def compile_union(c: Compiler, members: list[Any], spath: str) -> Node:
    """``type`` as an array: primitive names and references; the first match wins (D34)."""
    if not members:
        c.schema_error(codes.SCHEMA_TYPE_ARRAY_EMPTY, "A union needs at least one type.", spath)
        return ACCEPT
    nodes: list[Node] = []
    labels: list[str] = []
    for index, member in enumerate(members):
        where = f"{spath}/{index}"
        if isinstance(member, str):
            if member in PRIMITIVE_COMPILERS:
                nodes.append(PRIMITIVE_COMPILERS[member](c, {"type": member}, spath))
                labels.append(member)
            elif member in COMPOUND_TYPES:
                c.schema_error(
                    codes.SCHEMA_UNION_INVALID,
                    f"A union lists primitive types and references; {member!r} must be "
                    "declared in definitions and referenced.",
                    where,
                )
            else:
                c.schema_error(codes.SCHEMA_TYPE_INVALID, f"Unknown type {member!r}.", where)
        elif isinstance(member, dict) and "$ref" in member:
            node, _ = compile_reference(c, member, where)
            nodes.append(node)
            labels.append(str(member["$ref"]))
        else:
            c.schema_error(
                codes.SCHEMA_UNION_INVALID,
                'A union member must be a primitive type name or a {"$ref"} object; '
                "inline compound types are not allowed.",
                where,
            )
    checks = tuple(n.is_valid for n in nodes)
    expected = " or ".join(labels)

    def is_valid(value: Any) -> bool:
        for check in checks:
            if check(value):
                return True
        return False

    def errors(value: Any, path: Path, sink: Sink) -> None:
        # Each member's errors are collected once; an empty list means that member matches.
        # (Asking is_valid first would re-walk the value at every nested union.)
        reasons = first_match_reasons(nodes, value, path)
        if reasons is None:
            return
        sink.append(
            Error(
                codes.INSTANCE_TYPE_MISMATCH,
                f"Value {describe(value)} matches none of the union's types ({expected}).",
                to_pointer(path),
                spath,
                context=tuple(r.trimmed(CONTEXT_DEPTH) for r in reasons),
            )
        )

    return Node(is_valid, errors)


def _primitive(
    compile_type: Callable[[Compiler, dict[str, Any], str], Node],
) -> Callable[[Compiler, dict[str, Any], str, Tokens | None], Node]:
    def compile_primitive(
        c: Compiler, schema: dict[str, Any], spath: str, tokens: Tokens | None = None
    ) -> Node:
        return compile_type(c, schema, spath)

    return compile_primitive


TYPE_COMPILERS: dict[str, Callable[[Compiler, dict[str, Any], str, Tokens | None], Node]] = {
    **{name: _primitive(fn) for name, fn in PRIMITIVE_COMPILERS.items()},
    "object": compile_object,
    "array": compile_array,
    "set": compile_set,
    "map": compile_map,
    "tuple": compile_tuple,
    "choice": compile_choice,
    "any": compile_any,
}

ALL_TYPES = frozenset(TYPE_COMPILERS)
assert PRIMITIVE_TYPES | COMPOUND_TYPES == ALL_TYPES
