"""Conditional composition keywords: allOf, anyOf, oneOf, not, if/then/else.

Every subschema is compiled at the same instance level as the schema it sits in and evaluated
independently against the same value: no annotations are shared, nothing is mutated, and an
untaken branch reports nothing. Failures are one error at the value, with the branches' own
errors in its ``context``.
"""

from __future__ import annotations

from typing import Any

from jstruct import codes
from jstruct.compiler.context import Compiler, type_label
from jstruct.compiler.keywords import ALL, Keyword, KeywordCompiler
from jstruct.compiler.nodes import (
    ACCEPT,
    CONTEXT_DEPTH,
    Node,
    Path,
    Sink,
    describe,
    first_match_reasons,
)
from jstruct.errors import Error, to_pointer
from jstruct.schema import meta


def _branches(c: Compiler, value: Any, where: str, keyword: str) -> list[Node] | None:
    """The compiled subschemas of allOf/anyOf/oneOf, or None after reporting a bad shape."""
    if not isinstance(value, list):
        c.schema_error(
            codes.SCHEMA_COMPOSITION_NOT_ARRAY,
            f'"{keyword}" must be an array of schemas, found {type_label(value)}.',
            where,
        )
        return None
    if not value:
        c.schema_error(
            codes.SCHEMA_COMPOSITION_EMPTY,
            f'"{keyword}" must list at least one schema.',
            where,
        )
        return None
    # c.schema reports an item that is not an object (SCHEMA_INVALID_TYPE).
    return [c.schema(sub, f"{where}/{index}") for index, sub in enumerate(value)]


def _single(c: Compiler, value: Any, where: str, keyword: str) -> bool:
    """not / if / then / else take one schema object."""
    if isinstance(value, dict):
        return True
    c.schema_error(
        codes.SCHEMA_KEYWORD_INVALID_TYPE,
        f'"{keyword}" must be a schema (a JSON object), found {type_label(value)}.',
        where,
    )
    return False


def _run(nodes: list[Node], value: Any, path: Path) -> tuple[list[bool], list[Error]]:
    """Each branch's verdict and all their errors, every branch walked once.

    A branch is valid exactly when its error path reports nothing, so asking is_valid first
    (which would walk the value again at every nested level) is not needed.
    """
    verdicts: list[bool] = []
    reasons: list[Error] = []
    for node in nodes:
        mark = len(reasons)
        node.errors(value, path, reasons)
        verdicts.append(len(reasons) == mark)
    return verdicts, reasons


def _context(reasons: list[Error]) -> tuple[Error, ...]:
    return tuple(r.trimmed(CONTEXT_DEPTH) for r in reasons)


def _indexes(indexes: list[int], limit: int = 10) -> str:
    """Branch indexes for a message, bounded so that a long keyword array keeps it short."""
    shown = ", ".join(str(i) for i in indexes[:limit])
    return shown + (", ..." if len(indexes) > limit else "")


def compile_all_of(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    nodes = _branches(c, value, where, "allOf")
    if nodes is None:
        return None
    checks = tuple(node.is_valid for node in nodes)
    total = len(nodes)

    def is_valid(v: Any) -> bool:
        for branch in checks:
            if not branch(v):
                return False
        return True

    def errors(v: Any, path: Path, sink: Sink) -> None:
        verdicts, reasons = _run(nodes, v, path)
        failed = [index for index, ok in enumerate(verdicts) if not ok]
        if not failed:
            return
        shown = _indexes(failed)
        sink.append(
            Error(
                codes.INSTANCE_ALL_OF_FAILED,
                f"Value {describe(v)} fails {len(failed)} of the {total} allOf subschemas "
                f"(index {shown}).",
                to_pointer(path),
                where,
                context=_context(reasons),
            )
        )

    return Node(is_valid, errors)


def compile_any_of(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    nodes = _branches(c, value, where, "anyOf")
    if nodes is None:
        return None
    checks = tuple(node.is_valid for node in nodes)
    total = len(nodes)

    def is_valid(v: Any) -> bool:
        for branch in checks:
            if branch(v):
                return True
        return False

    def errors(v: Any, path: Path, sink: Sink) -> None:
        reasons = first_match_reasons(nodes, v, path)
        if reasons is None:
            return  # a branch matches
        sink.append(
            Error(
                codes.INSTANCE_ANY_OF_NONE_MATCHED,
                f"Value {describe(v)} matches none of the {total} anyOf subschemas.",
                to_pointer(path),
                where,
                context=_context(reasons),
            )
        )

    return Node(is_valid, errors)


def compile_one_of(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    nodes = _branches(c, value, where, "oneOf")
    if nodes is None:
        return None
    checks = tuple(node.is_valid for node in nodes)
    total = len(nodes)

    def is_valid(v: Any) -> bool:
        matched = False
        for branch in checks:
            if branch(v):
                if matched:
                    return False  # a second match settles it
                matched = True
        return matched

    def errors(v: Any, path: Path, sink: Sink) -> None:
        verdicts, failures = _run(nodes, v, path)
        matches = [index for index, ok in enumerate(verdicts) if ok]
        if len(matches) == 1:
            return
        if matches:
            shown = _indexes(matches)
            message = (
                f"Value {describe(v)} matches {len(matches)} of the {total} oneOf subschemas "
                f"(index {shown}); exactly one must match."
            )
            reasons: tuple[Error, ...] = ()
        else:
            message = (
                f"Value {describe(v)} matches 0 of the {total} oneOf subschemas; "
                "exactly one must match."
            )
            reasons = _context(failures)
        sink.append(
            Error(
                codes.INSTANCE_ONE_OF_INVALID_COUNT,
                message,
                to_pointer(path),
                where,
                context=reasons,
            )
        )

    return Node(is_valid, errors)


def compile_not(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if not _single(c, value, where, "not"):
        return None
    matches = c.schema(value, where).is_valid

    def is_valid(v: Any) -> bool:
        return not matches(v)

    def errors(v: Any, path: Path, sink: Sink) -> None:
        if matches(v):
            sink.append(
                Error(
                    codes.INSTANCE_NOT_MATCHED,
                    f'Value {describe(v)} matches the schema in "not".',
                    to_pointer(path),
                    where,
                )
            )

    return Node(is_valid, errors)


def compile_if(
    c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
) -> Node | None:
    if not _single(c, value, where, "if"):
        return None
    condition = c.schema(value, where).is_valid
    base = where.rsplit("/", 1)[0]
    # then/else report their own shape errors through their table entries.
    then_schema = schema.get("then")
    else_schema = schema.get("else")
    then_node = c.schema(then_schema, base + "/then") if isinstance(then_schema, dict) else None
    else_node = c.schema(else_schema, base + "/else") if isinstance(else_schema, dict) else None
    if then_node is None and else_node is None:
        return None  # nothing depends on the condition
    then_valid = (then_node or ACCEPT).is_valid
    else_valid = (else_node or ACCEPT).is_valid

    def is_valid(v: Any) -> bool:
        if condition(v):
            return then_valid(v)
        return else_valid(v)

    def errors(v: Any, path: Path, sink: Sink) -> None:
        if condition(v):
            node, code, branch = then_node, codes.INSTANCE_IF_THEN_FAILED, "then"
        else:
            node, code, branch = else_node, codes.INSTANCE_IF_ELSE_FAILED, "else"
        if node is None:
            return
        reasons: list[Error] = []
        node.errors(v, path, reasons)
        if not reasons:
            return
        outcome = "matches" if branch == "then" else "does not match"
        sink.append(
            Error(
                code,
                f'Value {describe(v)} {outcome} the "if" schema but fails "{branch}".',
                to_pointer(path),
                f"{base}/{branch}",
                context=_context(reasons),
            )
        )

    return Node(is_valid, errors)


def _shape_only(keyword: str) -> KeywordCompiler:
    """then / else: read by the compiler of "if"; alone they have no effect."""

    def compile_branch(
        c: Compiler, schema: dict[str, Any], value: Any, where: str, gate: Node
    ) -> Node | None:
        _single(c, value, where, keyword)
        return None

    return compile_branch


_C = meta.COMPOSITION

#: Table order is check order: a single "not" first, then the arrays, oneOf (which evaluates
#: every branch on failure) last.
COMPOSITION_TABLE: dict[str, Keyword] = {
    "not": Keyword(ALL, _C, compile_not),
    "allOf": Keyword(ALL, _C, compile_all_of),
    "anyOf": Keyword(ALL, _C, compile_any_of),
    "if": Keyword(ALL, _C, compile_if),
    "then": Keyword(ALL, _C, _shape_only("then")),
    "else": Keyword(ALL, _C, _shape_only("else")),
    "oneOf": Keyword(ALL, _C, compile_one_of),
}
