"""The building blocks every compiled schema node is made of.

A node is a pair of closures compiled from one schema position:

- ``is_valid(value) -> bool`` returns at the first failure and allocates nothing;
- ``errors(value, path, sink)`` appends every :class:`~jstruct.errors.Error` of ``value`` to
  ``sink``; ``path`` is a tuple of keys and indexes, rendered to a pointer only on failure.

The two are written side by side from the same compiled facts, never derived from each other,
and the conformance runner asserts they agree.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from jstruct import codes
from jstruct.errors import Error, to_pointer

Path = tuple[Any, ...]
Sink = list[Error]
IsValid = Callable[[Any], bool]
Errors = Callable[[Any, Path, Sink], None]


#: Levels of branch reasons an error keeps (unions, composition): a recursive schema failing
#: deep down would otherwise carry one nested record per level of the instance.
CONTEXT_DEPTH = 4


class Node(NamedTuple):
    is_valid: IsValid
    errors: Errors


def _accept(value: Any) -> bool:
    return True


def _no_errors(value: Any, path: Path, sink: Sink) -> None:
    return None


ACCEPT = Node(_accept, _no_errors)


def describe(value: Any, limit: int = 60) -> str:
    """A short JSON rendering of an instance value for messages.

    Containers are rendered only as far as the limit reaches, so describing a huge or deeply
    nested value costs no more than describing a small one.
    """
    if type(value) in _SCALARS:
        text = _scalar(value)
        return text if len(text) <= limit else text[: limit - 3] + "..."
    parts: list[str] = []
    budget = [limit + 1]

    def emit(text: str) -> bool:
        parts.append(text)
        budget[0] -= len(text)
        return budget[0] > 0

    def render(item: Any) -> bool:
        if isinstance(item, dict):
            if not emit("{"):
                return False
            for index, (key, member) in enumerate(item.items()):
                if index and not emit(", "):
                    return False
                if not emit(_scalar(key) + ": ") or not render(member):
                    return False
            return emit("}")
        if isinstance(item, (list, tuple)):
            if not emit("["):
                return False
            for index, member in enumerate(item):
                if index and not emit(", "):
                    return False
                if not render(member):
                    return False
            return emit("]")
        return emit(_scalar(item))

    render(value)
    text = "".join(parts)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value[:200] if len(value) > 200 else value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        # Python refuses to print integers of more than 4300 digits; say what it is instead.
        return str(value) if value.bit_length() < 14000 else "a very large integer"
    if kind is float:
        if value != value:
            return "NaN"
        if value in (math.inf, -math.inf):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, (int, float, Decimal)):  # subclasses, and numbers parsed as Decimal
        return str(value)
    return type(value).__name__


def first_match_reasons(nodes: Sequence[Node], value: Any, path: Path) -> list[Error] | None:
    """None when one of ``nodes`` accepts ``value``; otherwise every node's errors.

    Each node's error path is asked once, in order, and an empty report means that node
    matches, so a union or ``anyOf`` never walks a value twice to find out.
    """
    reasons: list[Error] = []
    for node in nodes:
        mark = len(reasons)
        node.errors(value, path, reasons)
        if len(reasons) == mark:
            return None
    return reasons


def check(predicate: IsValid, code: str, schema_path: str, message: Callable[[Any], str]) -> Node:
    """A node for a single predicate that reports one error when it fails."""

    def errors(value: Any, path: Path, sink: Sink) -> None:
        if not predicate(value):
            sink.append(Error(code, message(value), to_pointer(path), schema_path))

    return Node(predicate, errors)


def conjunction(nodes: Sequence[Node]) -> Node:
    """All of ``nodes`` must hold; every failure is reported."""
    nodes = [n for n in nodes if n is not ACCEPT]
    if not nodes:
        return ACCEPT
    if len(nodes) == 1:
        return nodes[0]
    if len(nodes) == 2:
        (a, ae), (b, be) = nodes

        def is_valid2(value: Any) -> bool:
            return a(value) and b(value)

        def errors2(value: Any, path: Path, sink: Sink) -> None:
            ae(value, path, sink)
            be(value, path, sink)

        return Node(is_valid2, errors2)
    checks = tuple(n.is_valid for n in nodes)
    reporters = tuple(n.errors for n in nodes)

    def is_valid(value: Any) -> bool:
        for c in checks:
            if not c(value):
                return False
        return True

    def errors(value: Any, path: Path, sink: Sink) -> None:
        for r in reporters:
            r(value, path, sink)

    return Node(is_valid, errors)


def gated(gate: Node, checks: Sequence[Node]) -> Node:
    """``gate`` (the type check) first; ``checks`` run only on values that passed it."""
    body = conjunction(checks)
    if body is ACCEPT:
        return gate
    g, ge = gate
    b, be = body

    def is_valid(value: Any) -> bool:
        return g(value) and b(value)

    def errors(value: Any, path: Path, sink: Sink) -> None:
        # The gate's own report tells whether it passed; asking g() first would walk a deep
        # failing value once per level.
        mark = len(sink)
        ge(value, path, sink)
        if len(sink) == mark:
            be(value, path, sink)

    return Node(is_valid, errors)


class Cell:
    """A late-bound node: recursive references point at a cell filled after compiling."""

    __slots__ = ("node",)

    def __init__(self) -> None:
        self.node: Node = ACCEPT

    def as_node(self) -> Node:
        def is_valid(value: Any) -> bool:
            return self.node.is_valid(value)

        def errors(value: Any, path: Path, sink: Sink) -> None:
            self.node.errors(value, path, sink)

        return Node(is_valid, errors)


class _DepthState(threading.local):
    depth = 0


DEPTH = _DepthState()


def depth_limited(node: Node, max_depth: int, schema_path: str) -> Node:
    """Count instance nesting through a container of a recursive schema (D53).

    Only schemas with recursive references can meet unbounded nesting, so only their container
    nodes pay for this; the counter is per thread, so one validator serves many threads.
    """
    inner, inner_errors = node
    state = DEPTH

    def is_valid(value: Any) -> bool:
        depth = state.depth
        if depth >= max_depth:
            return False
        state.depth = depth + 1
        try:
            return inner(value)
        finally:
            state.depth = depth

    def errors(value: Any, path: Path, sink: Sink) -> None:
        depth = state.depth
        if depth >= max_depth:
            sink.append(
                Error(
                    codes.INSTANCE_MAX_DEPTH_EXCEEDED,
                    f"Nesting is deeper than the limit of {max_depth} levels.",
                    to_pointer(path),
                    schema_path,
                )
            )
            return
        state.depth = depth + 1
        try:
            inner_errors(value, path, sink)
        finally:
            state.depth = depth

    return Node(is_valid, errors)
