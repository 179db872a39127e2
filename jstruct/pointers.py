"""RFC 6901 JSON Pointers: parsing ``#/...`` references and walking documents."""

from __future__ import annotations

from typing import Any

from jstruct.errors import escape_token, to_pointer

__all__ = [
    "escape_token",
    "nesting_exceeds",
    "parse_fragment",
    "resolve",
    "to_pointer",
    "unescape_token",
]

_MISSING = object()


def unescape_token(token: str) -> str | None:
    """``~1`` -> ``/`` and ``~0`` -> ``~``; None when a ``~`` is followed by anything else."""
    if "~" not in token:
        return token
    out: list[str] = []
    i = 0
    while i < len(token):
        ch = token[i]
        if ch == "~":
            nxt = token[i + 1 : i + 2]
            if nxt == "0":
                out.append("~")
            elif nxt == "1":
                out.append("/")
            else:
                return None
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def parse_fragment(ref: object) -> tuple[str, ...] | None:
    """Tokens of a local reference ``#/a/b``; None when it is not a well-formed local pointer.

    ``#`` alone is the document root ``()``. Percent-encoding is not decoded: JSON Structure
    references name definitions, which are identifiers, so ``%`` can only be a mistake.
    """
    if not isinstance(ref, str) or not ref.startswith("#"):
        return None
    body = ref[1:]
    if body == "":
        return ()
    if not body.startswith("/"):
        return None
    tokens: list[str] = []
    for raw in body[1:].split("/"):
        token = unescape_token(raw)
        if token is None:
            return None
        tokens.append(token)
    return tuple(tokens)


def resolve(document: Any, tokens: tuple[str, ...]) -> Any:
    """The value at ``tokens`` in a JSON document, or None when there is none."""
    node = document
    for token in tokens:
        if isinstance(node, dict):
            node = node.get(token, _MISSING)
        elif isinstance(node, list) and token.isdigit() and (token == "0" or token[0] != "0"):
            index = int(token)
            node = node[index] if index < len(node) else _MISSING
        else:
            return None
        if node is _MISSING:
            return None
    return node


def fragment(tokens: tuple[str, ...]) -> str:
    """``#`` followed by the pointer of ``tokens``."""
    return "#" + to_pointer(tokens)


def nesting_exceeds(document: Any, limit: int) -> bool:
    """Whether objects and arrays in ``document`` nest deeper than ``limit`` levels.

    Iterative and bounded, so a hostile document (even one built in Python that contains
    itself) is measured without recursion and without looping forever.
    """
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False
