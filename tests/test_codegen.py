"""Generated object checks: the source they are built from, and agreement with the closures."""

from __future__ import annotations

import linecache
from pathlib import Path

import pytest

import jstruct
from jstruct.compiler import codegen
from jstruct.conformance import Runner, collect_own

OWN = Path(__file__).resolve().parents[1] / "conformance"

SMALL_SHAPE = """\
def check(value):
    if type(value) is not dict:
        return False
    get = value.get
    if type(get(k0, M)) is not t0:
        return False
    m = get(k1, M)
    if m is M or not c1(m):
        return False
    present = 2
    m = get(k2, M)
    if m is not M:
        if type(m) is not t2:
            return False
        present += 1
    if len(value) != present:
        return False
    m = get(k2, M)
    if m is not M and not r2(m):
        return False
    return True
"""


def test_source_snapshot() -> None:
    source = codegen.object_check_source(1, 1, 1, 0, (False, True), closed=True, has_extra=False)
    assert source == SMALL_SHAPE


def test_member_names_never_enter_the_source() -> None:
    hostile = 'a"); import os; os.system("x'
    schema = {
        "$schema": "https://json-structure.org/meta/core/v0/#",
        "$id": "https://example.com/t",
        "name": "T",
        "type": "object",
        "properties": {"ok": {"type": "string"}},
        "additionalProperties": {"type": "string"},
    }
    validator = jstruct.compile(schema)
    assert validator.is_valid({"ok": "x", hostile: "y"})
    assert not validator.is_valid({"ok": "x", hostile: 1})
    sources = [
        "".join(lines)
        for name, (_, _, lines, _) in linecache.cache.items()
        if name.startswith("<jstruct object check")
    ]
    assert sources and not any(hostile in text for text in sources)


def test_own_suite_passes_without_generated_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JSTRUCT_CODEGEN", "0")
    assert not codegen.enabled()
    runner = Runner()
    failures = [o.explain() for o in map(runner.run, collect_own(OWN)) if o.failed]
    assert failures == []
