"""validate_many and validate_ndjson: order, line numbers, broken lines, located errors."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import jstruct
from jstruct import bulk, codes
from jstruct.bulk import NdjsonRecord, validate_many, validate_ndjson

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "examples" / "smtp-token.struct.json").read_text())
GOOD: dict[str, Any] = json.loads((ROOT / "examples" / "smtp-token.json").read_text())
BAD = dict(GOOD, createContact="yes")
GOOD_LINE = json.dumps(GOOD).encode()
BAD_LINE = json.dumps(BAD).encode()


def _summary(records: list[NdjsonRecord]) -> list[tuple[int, bool, list[tuple[Any, ...]]]]:
    return [
        (r.line, r.valid, [(e.code, e.path, e.line, e.column) for e in r.result.errors])
        for r in records
    ]


def test_validate_many_in_order() -> None:
    validator = jstruct.Validator(SCHEMA)
    results = list(validate_many(validator, [GOOD, BAD, GOOD, 3]))
    assert [r.valid for r in results] == [True, False, True, False]
    assert results[1].errors[0].path == "/createContact"


def test_ndjson_lines_blank_broken_and_located() -> None:
    text = b"\n".join([GOOD_LINE, b"", b"   ", BAD_LINE, b'{"id": "x",', GOOD_LINE]) + b"\n"
    records = list(validate_ndjson(SCHEMA, io.BytesIO(text)))
    assert [(r.line, r.valid) for r in records] == [(1, True), (4, False), (5, False), (6, True)]
    bad = records[1].result.errors
    assert [e.code for e in bad] == [codes.INSTANCE_BOOLEAN_EXPECTED]
    assert bad[0].line == 4
    assert bad[0].column == BAD_LINE.decode().index('"createContact"') + 1
    broken = records[2].result.errors
    assert broken[0].code == codes.INSTANCE_JSON_INVALID
    assert (broken[0].line, broken[0].column) == (5, 12)


def test_ndjson_crlf_and_no_final_newline() -> None:
    text = b"\r\n".join([GOOD_LINE, b"", BAD_LINE, b"[1,"])
    records = list(validate_ndjson(SCHEMA, io.BytesIO(text)))
    assert [(r.line, r.valid) for r in records] == [(1, True), (3, False), (4, False)]
    assert records[2].result.errors[0].column == 4  # after "[1,", not counting the CR


def test_ndjson_duplicate_key() -> None:
    records = list(validate_ndjson(SCHEMA, [b'{"id": "a", "id": "b"}']))
    assert records[0].result.errors[0].code == codes.INSTANCE_DUPLICATE_KEY
    assert records[0].line == 1


def test_ndjson_sources_agree(tmp_path: Path) -> None:
    lines = [GOOD_LINE, BAD_LINE, b"", b"nope", GOOD_LINE] * 50
    text = b"\n".join(lines) + b"\n"
    path = tmp_path / "in.ndjson"
    path.write_bytes(text)
    expected = _summary(list(validate_ndjson(SCHEMA, io.BytesIO(text))))
    assert _summary(list(validate_ndjson(SCHEMA, path))) == expected
    assert _summary(list(validate_ndjson(SCHEMA, str(path), chunk_size=100))) == expected
    assert _summary(list(validate_ndjson(SCHEMA, iter(lines)))) == expected
    with_newlines = [line + b"\n" for line in lines]
    assert _summary(list(validate_ndjson(SCHEMA, with_newlines, chunk_size=7))) == expected
    assert len(expected) == 200


@pytest.mark.parametrize("jobs", [1, 2])
def test_ndjson_parallel_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    # A low threshold and small chunks make a small file take the process-pool path.
    monkeypatch.setattr(bulk, "PARALLEL_THRESHOLD", 1000)
    lines = [GOOD_LINE, b"", BAD_LINE, b'{"id": ', GOOD_LINE.replace(b" ", b"\t")] * 40
    text = b"\r\n".join(lines) + b"\r\n"
    path = tmp_path / "in.ndjson"
    path.write_bytes(text)
    validator = jstruct.Validator(SCHEMA)
    serial = _summary(list(validate_ndjson(validator, io.BytesIO(text), chunk_size=512)))
    got = _summary(list(validate_ndjson(validator, path, jobs=jobs, chunk_size=512)))
    assert got == serial
    assert [line for line, _, _ in got][:4] == [1, 3, 4, 5]
    assert got[1][2][0][2:] == (3, BAD_LINE.decode().index('"createContact"') + 1)


def test_arguments_checked() -> None:
    with pytest.raises(ValueError):
        list(validate_ndjson(SCHEMA, [], jobs=-1))
    with pytest.raises(ValueError):
        list(validate_ndjson(SCHEMA, [], chunk_size=0))
