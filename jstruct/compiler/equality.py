"""JSON data-model equality (D32) through hashable canonical keys.

Numbers compare by value (``1 == 1.0``), booleans never equal numbers, strings by code points,
arrays by order, objects regardless of member order.
"""

from __future__ import annotations

from typing import Any

__all__ = ["TooDeep", "canonical", "first_duplicate", "json_equal"]

_MAX_DEPTH = 1000


class TooDeep(Exception):
    """A value nested beyond the canonicalisation limit."""


def canonical(value: Any, depth: int = 0) -> Any:
    """A hashable key: two JSON values are equal exactly when their keys are equal."""
    kind = type(value)
    if kind is str or value is None:
        return value
    if kind is bool:
        return ("b", value)
    if kind is int or kind is float:
        return value
    if depth >= _MAX_DEPTH:
        raise TooDeep
    if kind is list or kind is tuple:
        return ("a", tuple(canonical(v, depth + 1) for v in value))
    if kind is dict:
        return ("o", frozenset((k, canonical(v, depth + 1)) for k, v in value.items()))
    if isinstance(value, bool):
        return ("b", bool(value))
    # Decimal and other numbers hash and compare by value like int and float; values outside
    # the JSON data model that cannot be hashed only equal themselves.
    try:
        hash(value)
    except TypeError:
        return ("?", id(value))
    return value


def json_equal(a: Any, b: Any) -> bool:
    try:
        return bool(canonical(a) == canonical(b))
    except TooDeep:
        return a is b


def first_duplicate(items: list[Any]) -> int | None:
    """Index of the first element equal to an earlier one, or None when all are distinct.

    Raises :class:`TooDeep` for elements nested beyond the limit.
    """
    seen: set[Any] = set()
    add = seen.add
    for index, item in enumerate(items):
        key = canonical(item)
        if key in seen:
            return index
        add(key)
    return None
