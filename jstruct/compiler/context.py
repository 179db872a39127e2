"""The compiler: one walk over a schema document that checks it and builds its closures.

Checking and compiling are one pass: every compile function reports the problems of the part it
reads into the compiler and returns the closures for it, so a document's problems are all
reported together and no rule is written twice.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from jstruct import codes
from jstruct.compiler.nodes import ACCEPT, Cell, Node, Path, depth_limited
from jstruct.errors import Error, to_pointer
from jstruct.pointers import fragment, parse_fragment, resolve
from jstruct.schema.imports import ImportSources

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ABSOLUTE_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s]*")

#: Schema nesting beyond this is refused, so that compiling never exhausts the stack.
MAX_SCHEMA_DEPTH = 200
#: Default limit of instance nesting (D53).
DEFAULT_MAX_DEPTH = 1000

#: Composition keywords make an object a (typeless) schema rather than a namespace.
COMPOSITION_KEYWORDS = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else")


def is_identifier(name: object) -> bool:
    return isinstance(name, str) and IDENTIFIER.fullmatch(name) is not None


def ensure_recursion_limit(frames: int) -> None:
    """Raise (never lower) the interpreter's recursion limit to ``frames``.

    Closures recurse once or twice per level of nesting; the default limit of 1000 frames would
    stop a legitimate instance long before the documented depth limit.
    """
    if sys.getrecursionlimit() < frames:
        sys.setrecursionlimit(frames)


class Compiler:
    """Compiles one schema document; collects its errors and warnings."""

    def __init__(
        self,
        document: dict[str, Any],
        *,
        max_depth: int = DEFAULT_MAX_DEPTH,
        addins: frozenset[str] = frozenset(),
        track_depth: bool = False,
        imports: ImportSources | None = None,
        wire_names: bool = False,
    ) -> None:
        self.document = document
        #: where $import may read from (D8); None: only already-expanded documents compile
        self.import_sources = imports
        #: read member names and enum symbols through altnames.json / altenums.json
        self.wire_names = wire_names
        self.max_depth = max_depth
        self.track_depth = track_depth
        self.errors: list[Error] = []
        self.warnings: list[Error] = []
        self.features: frozenset[str] = frozenset()
        self.active_addins = addins
        #: add-in properties merged into a type, by the type's pointer tokens
        self.addin_targets: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        self.offers: dict[str, list[tuple[str, ...]]] = {}
        self.compiled: dict[tuple[str, ...], Node] = {}
        self.cells: dict[tuple[str, ...], Cell] = {}
        self.stack: list[tuple[tuple[str, ...], int]] = []
        self.container_depth = 0
        self.schema_depth = 0
        self.recursive = False
        self._reported: set[tuple[str, str]] = set()

    # --- reporting ---------------------------------------------------------------------------

    @staticmethod
    def error(code: str, message: str, path: Path, schema_path: str) -> Error:
        """An instance error (built only on the error path)."""
        return Error(code, message, to_pointer(path), schema_path)

    def schema_error(self, code: str, message: str, spath: str) -> None:
        if (code, spath) in self._reported:
            return
        self._reported.add((code, spath))
        self.errors.append(Error(code, message, spath, spath))

    def schema_warning(self, code: str, message: str, spath: str) -> None:
        if (code, spath) in self._reported:
            return
        self._reported.add((code, spath))
        self.warnings.append(Error(code, message, spath, spath))

    def enabled(self, feature: str) -> bool:
        return feature in self.features

    # --- schema positions --------------------------------------------------------------------

    def schema(self, schema: Any, spath: str, tokens: tuple[str, ...] | None = None) -> Node:
        """Compile the schema at a schema position (``spath`` is its pointer)."""
        if not isinstance(schema, dict):
            self.schema_error(
                codes.SCHEMA_INVALID_TYPE,
                f"A schema must be a JSON object, found {type_label(schema)}.",
                spath,
            )
            return ACCEPT
        if self.schema_depth >= MAX_SCHEMA_DEPTH:
            self.schema_error(
                codes.SCHEMA_MAX_DEPTH_EXCEEDED,
                f"Schemas nested deeper than {MAX_SCHEMA_DEPTH} levels are not supported.",
                spath,
            )
            return ACCEPT
        self.schema_depth += 1
        try:
            return self._schema(schema, spath, tokens)
        finally:
            self.schema_depth -= 1

    def _schema(self, schema: dict[str, Any], spath: str, tokens: tuple[str, ...] | None) -> Node:
        from jstruct.compiler.keywords import compile_keywords, compile_typeless
        from jstruct.compiler.types import TYPE_COMPILERS, compile_reference, compile_union

        if "$id" in schema and spath:
            self.schema_error(
                codes.SCHEMA_ID_INVALID,
                '"$id" is only allowed at the document root.',
                spath + "/$id",
            )
        type_value = schema.get("type")
        if "abstract" in schema and type_value not in ("object", "tuple"):
            self.schema_error(
                codes.SCHEMA_ABSTRACT_INVALID,
                '"abstract" applies to object and tuple types only.',
                spath + "/abstract",
            )
        if type_value is None:
            if "$ref" in schema:
                self.schema_error(
                    codes.SCHEMA_REF_NOT_IN_TYPE,
                    '"$ref" is only allowed as the value of "type": write '
                    '{"type": {"$ref": "..."}}.',
                    spath + "/$ref",
                )
                return ACCEPT
            if any(k in schema for k in COMPOSITION_KEYWORDS):
                return compile_typeless(self, schema, spath)
            self.schema_error(codes.SCHEMA_MISSING_TYPE, 'A schema needs a "type".', spath)
            return ACCEPT
        if isinstance(type_value, str):
            compile_type = TYPE_COMPILERS.get(type_value)
            if compile_type is None:
                self.schema_error(
                    codes.SCHEMA_TYPE_INVALID,
                    f"Unknown type {type_value!r}.",
                    spath + "/type",
                )
                return ACCEPT
            gate = compile_type(self, schema, spath, tokens)
            return compile_keywords(self, schema, spath, frozenset({type_value}), gate)
        if isinstance(type_value, dict):
            gate, target_type = compile_reference(self, type_value, spath + "/type")
            names = frozenset({target_type}) if target_type else frozenset()
            return compile_keywords(self, schema, spath, names, gate)
        if isinstance(type_value, list):
            gate = compile_union(self, type_value, spath + "/type")
            return compile_keywords(self, schema, spath, self.union_types(type_value), gate)
        self.schema_error(
            codes.SCHEMA_TYPE_INVALID,
            f'"type" must be a type name, a {{"$ref"}} object or an array, '
            f"found {type_label(type_value)}.",
            spath + "/type",
        )
        return ACCEPT

    def child(self, schema: Any, spath: str) -> Node:
        """Compile a schema one instance level down (inside a container)."""
        self.container_depth += 1
        try:
            return self.schema(schema, spath)
        finally:
            self.container_depth -= 1

    def container(self, node: Node, spath: str) -> Node:
        """Wrap a container's node with the depth counter when the schema is recursive."""
        if self.track_depth:
            return depth_limited(node, self.max_depth, spath)
        return node

    # --- definitions and references ----------------------------------------------------------

    def lookup(self, tokens: tuple[str, ...]) -> Any:
        return resolve(self.document, tokens)

    def definition(self, tokens: tuple[str, ...]) -> Node:
        """The node of the type declared at ``tokens``, compiled once and shared."""
        done = self.compiled.get(tokens)
        if done is not None:
            return done
        for entry, depth in self.stack:
            if entry == tokens:
                if depth == self.container_depth:
                    self.schema_error(
                        codes.SCHEMA_REF_CIRCULAR,
                        f"{fragment(tokens)} refers back to itself without passing through "
                        "an object, array, set, map, tuple or choice.",
                        to_pointer(tokens),
                    )
                    return ACCEPT
                self.recursive = True
                cell = self.cells.setdefault(tokens, Cell())
                return cell.as_node()
        target = self.lookup(tokens)
        self.stack.append((tokens, self.container_depth))
        # A definition starts a fresh nesting count: its depth is its own, not its user's.
        saved_depth, self.schema_depth = self.schema_depth, 0
        try:
            node = self.schema(target, to_pointer(tokens), tokens)
        finally:
            self.schema_depth = saved_depth
            self.stack.pop()
        self.compiled[tokens] = node
        pending = self.cells.get(tokens)
        if pending is not None:
            pending.node = node
        return node

    def walk_definitions(self, namespace: Any, tokens: tuple[str, ...]) -> None:
        """Check a namespace and compile every type declared in it (unused ones too)."""
        spath = to_pointer(tokens)
        if not isinstance(namespace, dict):
            self.schema_error(
                codes.SCHEMA_DEFINITIONS_INVALID,
                f"A namespace must be a JSON object, found {type_label(namespace)}.",
                spath,
            )
            return
        for name, member in namespace.items():
            member_tokens = (*tokens, name)
            if name in ("$import", "$importdefs"):
                continue  # already expanded by the import stage
            if not is_identifier(name):
                self.schema_error(
                    codes.SCHEMA_NAME_INVALID,
                    f"Type and namespace names must match [A-Za-z_][A-Za-z0-9_]*; "
                    f"{name!r} does not.",
                    to_pointer(member_tokens),
                )
                continue
            if isinstance(member, dict) and (
                "type" in member
                or "$ref" in member
                or any(k in member for k in COMPOSITION_KEYWORDS)
            ):
                self.definition(member_tokens)
            else:
                self.walk_definitions(member, member_tokens)

    def union_types(self, members: list[Any]) -> frozenset[str]:
        """The type names a union can take, for checking which keywords apply."""
        names: set[str] = set()
        for member in members:
            if isinstance(member, str):
                names.add(member)
            elif isinstance(member, dict):
                tokens = parse_fragment(member.get("$ref"))
                target = self.lookup(tokens) if tokens is not None else None
                if isinstance(target, dict) and isinstance(target.get("type"), str):
                    names.add(target["type"])
        return frozenset(names)

    def addin_tokens(self) -> set[tuple[str, ...]]:
        """Pointers of every type named in ``$offers``."""
        return {t for targets in self.offers.values() for t in targets}


def type_label(value: Any) -> str:
    """The JSON type name of a schema value, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
