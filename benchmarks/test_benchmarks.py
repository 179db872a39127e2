"""Workloads A-D under pytest-benchmark; verdicts are checked against jstruct before timing."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import data
import peers
import pytest

import jstruct
from jstruct import api
from jstruct.bulk import validate_ndjson

SMTP_DOC = data.load(data.SMTP_STRUCT)
SMTP_SCHEMA = data.load(data.SMTP_JSON_SCHEMA)
ORDER_DOC = data.load(data.ORDER_STRUCT)
ORDER_SCHEMA = data.load(data.ORDER_JSON_SCHEMA)
SMTP = data.smtp_tokens(1000)
ORDERS = data.orders(20)
ALL_PEERS = (
    "jstruct is_valid",
    "jstruct validate",
    "fastjsonschema",
    "jsonschema-rs",
    "json-structure SDK",
    "msgspec convert",
)


def _contestant(document: dict[str, Any], schema: dict[str, Any], smtp: bool, name: str) -> Any:
    found, missing = peers.dict_contestants(document, schema, smtp)
    if name in missing:
        pytest.skip(missing[name])
    if name not in found:
        pytest.skip(f"{name} does not take part in this workload")
    peers.assert_agree(
        {name: found[name]}, jstruct.Validator(document).is_valid, SMTP if smtp else ORDERS
    )
    return found[name]


def _loop(check: Callable[[Any], bool], items: list[Any]) -> Callable[[], None]:
    def run() -> None:
        for item in items:
            check(item)

    return run


@pytest.mark.parametrize("name", ALL_PEERS)
def test_a_smtp_dicts(benchmark: Any, name: str) -> None:
    check = _contestant(SMTP_DOC, SMTP_SCHEMA, True, name)
    items = [instance for instance, _ in SMTP]
    if name.startswith("json-structure"):
        items = items[:100]
    benchmark(_loop(check, items))


@pytest.mark.parametrize("name", ALL_PEERS[:5])
def test_c_orders(benchmark: Any, name: str) -> None:
    check = _contestant(ORDER_DOC, ORDER_SCHEMA, False, name)
    items = [instance for instance, _ in ORDERS]
    if name.startswith("json-structure"):
        items = items[:3]
    benchmark(_loop(check, items))


@pytest.fixture(scope="module")
def ndjson_file() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tokens.ndjson"
        data.write_smtp_ndjson(path, 50_000)
        yield path


@pytest.mark.parametrize("jobs", [1, 0])
def test_b_ndjson_jstruct(benchmark: Any, ndjson_file: Path, jobs: int) -> None:
    validator = jstruct.Validator(SMTP_DOC)
    benchmark.pedantic(
        lambda: sum(1 for _ in validate_ndjson(validator, ndjson_file, jobs=jobs)), rounds=3
    )


@pytest.mark.parametrize(
    "name", ["json.loads + fastjsonschema", "orjson + jsonschema-rs", "msgspec decode"]
)
def test_b_ndjson_peers(benchmark: Any, ndjson_file: Path, name: str) -> None:
    found, missing = peers.line_contestants(SMTP_DOC, SMTP_SCHEMA)
    if name in missing:
        pytest.skip(missing[name])
    check = found[name]

    def run() -> None:
        with open(ndjson_file, "rb") as handle:
            for line in handle:
                if line.strip():
                    check(line)

    benchmark.pedantic(run, rounds=3)


@pytest.mark.parametrize("document", [SMTP_DOC, ORDER_DOC], ids=["smtp", "order"])
def test_d_compile_cold(benchmark: Any, document: dict[str, Any]) -> None:
    benchmark(lambda: jstruct.Validator(document))


@pytest.mark.parametrize("document", [SMTP_DOC, ORDER_DOC], ids=["smtp", "order"])
def test_d_compile_cached(benchmark: Any, document: dict[str, Any]) -> None:
    api._cached(document)
    benchmark(lambda: api._cached(document))
