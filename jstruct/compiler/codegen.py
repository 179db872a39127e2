"""Generated boolean checks for object types.

An object's boolean path written out member by member, with no loop, no tuple unpacking and
no closure call for plain members, is about a quarter faster than the same logic as a loop
(see benchmarks/RESULTS.md). The generated text holds only names this module makes up
(``k0``, ``t0``, ``c0``...): member names, types and checks are bound as constants of the
function's namespace, never formatted into the source. The source is registered with
:mod:`linecache`, so tracebacks and profilers show it.

Set ``JSTRUCT_CODEGEN=0`` to compile the equivalent closures instead; the test suite runs the
conformance cases both ways.
"""

from __future__ import annotations

import functools
import itertools
import linecache
import os
from collections.abc import Callable
from types import CodeType
from typing import Any

__all__ = ["compile_object_check", "enabled", "object_check_source"]

_counter = itertools.count()

Check = Callable[[Any], bool]


def enabled() -> bool:
    """Whether generated checks are in use (read at compile time)."""
    return os.environ.get("JSTRUCT_CODEGEN", "1") != "0"


def object_check_source(
    required_plain: int,
    required_other: int,
    optional_plain: int,
    optional_other: int,
    refined: tuple[bool, ...],
    closed: bool,
    has_extra: bool,
) -> str:
    """The source of ``check(value)`` for an object whose members are numbered in that order.

    Members ``0 .. required_plain-1`` are required with a plain type ``t<i>``, then required
    members with a check ``c<i>``, then optional plain, then optional checked ones. ``refined``
    says, per plain member, whether its refining test ``r<i>`` must run after every type test.
    ``closed``: undeclared members need ``extra`` (``has_extra``) or are refused.
    """
    lines = [
        "def check(value):",
        "    if type(value) is not dict:",
        "        return False",
        "    get = value.get",
    ]
    index = 0
    for _ in range(required_plain):
        lines += [f"    if type(get(k{index}, M)) is not t{index}:", "        return False"]
        index += 1
    for _ in range(required_other):
        lines += [
            f"    m = get(k{index}, M)",
            f"    if m is M or not c{index}(m):",
            "        return False",
        ]
        index += 1
    if closed:
        lines.append(f"    present = {required_plain + required_other}")
    for plain in [True] * optional_plain + [False] * optional_other:
        test = f"type(m) is not t{index}" if plain else f"not c{index}(m)"
        lines += [f"    m = get(k{index}, M)", "    if m is not M:", f"        if {test}:"]
        lines.append("            return False")
        if closed:
            lines.append("        present += 1")
        index += 1
    if closed:
        lines.append("    if len(value) != present:")
        if has_extra:
            lines += [
                "        for name, m in value.items():",
                "            if name not in declared and not extra(m):",
                "                return False",
            ]
        else:
            lines.append("        return False")
    optional_start = required_plain + required_other
    plain_indexes = list(range(required_plain)) + list(
        range(optional_start, optional_start + optional_plain)
    )
    for position, member in enumerate(plain_indexes):
        if not refined[position]:
            continue
        if member < required_plain:
            lines += [f"    if not r{member}(value[k{member}]):", "        return False"]
        else:
            lines += [
                f"    m = get(k{member}, M)",
                f"    if m is not M and not r{member}(m):",
                "        return False",
            ]
    lines.append("    return True")
    return "\n".join(lines) + "\n"


def compile_object_check(
    required_plain: list[tuple[str, type, Check | None]],
    required_other: list[tuple[str, Check]],
    optional_plain: list[tuple[str, type, Check | None]],
    optional_other: list[tuple[str, Check]],
    closed: bool,
    extra: Check | None,
    declared: frozenset[str],
) -> Check:
    """Generate, compile and return the object check (see :func:`object_check_source`)."""
    namespace: dict[str, Any] = {"M": _MISSING, "declared": declared, "extra": extra}
    refined: list[bool] = []
    groups = (required_plain, required_other, optional_plain, optional_other)
    members = itertools.chain.from_iterable(groups)
    for index, entry in enumerate(members):
        namespace[f"k{index}"] = entry[0]
        if len(entry) == 3:  # a plain member: its type, and its refining test if any
            refine = entry[2]
            namespace[f"t{index}"] = entry[1]
            refined.append(refine is not None)
            if refine is not None:
                namespace[f"r{index}"] = refine
        else:
            namespace[f"c{index}"] = entry[1]
    source = object_check_source(
        len(required_plain),
        len(required_other),
        len(optional_plain),
        len(optional_other),
        tuple(refined),
        closed,
        extra is not None,
    )
    exec(_code(source), namespace)
    check: Check = namespace["check"]
    return check


@functools.lru_cache(maxsize=512)
def _code(source: str) -> CodeType:
    """Compiled once per distinct source: objects of the same shape share their code and
    differ only in the constants of their namespaces, so compiling a schema stays cheap."""
    filename = f"<jstruct object check {next(_counter)}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    return compile(source, filename, "exec")


class _Missing:
    """The value ``get`` returns for an absent member: its type is never a JSON type."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()
