"""The conformance suites, one pytest test per case, run through jstruct.conformance's runner.

The project's own suite (``conformance/``) always runs; the external JSON Structure suites run when
the shared data folder is present beside the checkout and are skipped, with a reason, otherwise.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from jstruct.conformance import Case, Runner, collect_own, collect_shared, main

OWN = Path(__file__).resolve().parents[1] / "conformance"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "conformance"

OWN_CASES = collect_own(OWN)
# One runner for the whole module, so each schema document is compiled once, not once per test.
RUNNER = Runner()


def _params(cases: list[Case]) -> list[Any]:
    return [pytest.param(case, id=case.id) for case in cases]


def _shared_params() -> list[Any]:
    if not SHARED.is_dir():
        return [
            pytest.param(
                None,
                id="shared-suites",
                marks=pytest.mark.skip(reason=f"external conformance data not found at {SHARED}"),
            )
        ]
    return _params(collect_shared(SHARED, OWN / "expectations"))


def _check(case: Case, record_property: Any) -> None:
    outcome = RUNNER.run(case)
    record_property("seconds", round(outcome.seconds, 3))
    if outcome.status == "skipped":
        pytest.skip(outcome.detail)
    if outcome.failed:
        pytest.fail(outcome.explain(), pytrace=False)


@pytest.mark.parametrize("case", _params(OWN_CASES))
def test_own(case: Case, record_property: Any) -> None:
    _check(case, record_property)


@pytest.mark.parametrize("case", _shared_params())
def test_shared(case: Case, record_property: Any) -> None:
    _check(case, record_property)


def test_own_suite_size() -> None:
    assert len(OWN_CASES) >= 300


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in OWN_CASES]
    assert len(ids) == len(set(ids))


# --- the runner itself ---------------------------------------------------------------------------

_GOOD_SCHEMA = {
    "$schema": "https://json-structure.org/meta/core/v0/#",
    "$id": "https://example.com/runner-test",
    "name": "T",
    "type": "int8",
}


def _suite(tmp_path: Path, groups: list[dict[str, Any]]) -> Path:
    folder = tmp_path / "suite" / "core"
    folder.mkdir(parents=True)
    (folder / "cases.json").write_text(json.dumps(groups), encoding="utf-8")
    return tmp_path / "suite"


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out, err)
    return status, out.getvalue(), err.getvalue()


def test_runner_reports_a_wrong_expectation(tmp_path: Path) -> None:
    suite = _suite(
        tmp_path,
        [
            {
                "description": "g",
                "schema": _GOOD_SCHEMA,
                "tests": [
                    {"description": "right", "data": 1, "valid": True},
                    {"description": "wrong", "data": 1, "valid": False},
                ],
            }
        ],
    )
    status, out, _ = _run([str(suite)])
    assert status == 1
    assert "core/cases.json::g::wrong" in out
    assert out.splitlines()[-1] == "1 passed, 1 failed"


def test_runner_filters_and_speaks_json(tmp_path: Path) -> None:
    suite = _suite(
        tmp_path,
        [
            {
                "description": "g",
                "schema": _GOOD_SCHEMA,
                "tests": [
                    {"description": "a", "data": 1, "valid": True},
                    {
                        "description": "b",
                        "data": 1000,
                        "valid": False,
                        "error": "INSTANCE_INT_RANGE_INVALID",
                        "path": "",
                    },
                ],
            }
        ],
    )
    status, out, _ = _run([str(suite), "-k", "::b", "--format", "json"])
    report = json.loads(out)
    assert status == 0
    assert [c["id"] for c in report["cases"]] == ["core/cases.json::g::b"]
    assert report["summary"]["passed"] == 1


def test_unsupported_option_fails_clearly(tmp_path: Path) -> None:
    suite = _suite(
        tmp_path,
        [{"description": "g", "schema": _GOOD_SCHEMA, "options": {"no_such_option": 1}}],
    )
    status, out, _ = _run([str(suite)])
    assert status == 1
    assert "does not accept the option(s) no_such_option" in out


def test_not_a_suite_is_a_usage_error(tmp_path: Path) -> None:
    status, _, err = _run([str(tmp_path / "missing")])
    assert status == 2
    assert "not a folder" in err
