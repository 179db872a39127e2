"""``jstruct conformance [SUITE...]``: run conformance suites and report."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from jstruct.conformance.loading import (
    ExpectationsError,
    collect_own,
    collect_samples,
    collect_shared,
    collect_test_assets,
    expectations_for,
    is_samples,
    is_shared_root,
    is_test_assets,
    load_expectations,
    own_expectations_dir,
    own_suite_dir,
)
from jstruct.conformance.model import Case, Outcome
from jstruct.conformance.running import DEFAULT_SLOW_SECONDS, Runner
from jstruct.jsontext import JSONTextError

__all__ = ["collect", "main", "summary_line"]


class _UsageError(Exception):
    """A suite that cannot be found or understood: exit status 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jstruct conformance",
        description="Run JSON Structure conformance suites against jstruct. Without SUITE, runs "
        "the project's own suite (conformance/ in a source checkout).",
    )
    parser.add_argument(
        "suites",
        nargs="*",
        metavar="SUITE",
        help="a folder: the project's case-file format, a cross-SDK test-assets folder "
        "(schemas/ + instances/), or a primer samples folder (*/schema.struct.json)",
    )
    parser.add_argument(
        "--samples",
        type=Path,
        metavar="DIR",
        help="the primer samples (samples/core) that test-assets instances/invalid refer to",
    )
    parser.add_argument(
        "--expectations",
        type=Path,
        metavar="FILE",
        help="expectations file for an external suite (default: the project's "
        "conformance/expectations/<suite>.json)",
    )
    parser.add_argument(
        "-k", dest="keyword", metavar="EXPR", help="run cases whose id contains EXPR"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print every case's outcome")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--slow",
        type=float,
        default=DEFAULT_SLOW_SECONDS,
        metavar="SECONDS",
        help=f"report cases slower than this (default {DEFAULT_SLOW_SECONDS:g}; not a failure)",
    )
    return parser


def collect(
    suites: Sequence[Path],
    samples: Path | None = None,
    expectations: Path | None = None,
) -> list[Case]:
    """The cases of the given suite folders (the project's own suite when none is given)."""
    if not suites:
        own = own_suite_dir()
        if own is None:
            raise _UsageError(
                "the project's conformance suite is not here (jstruct is installed without its "
                "source checkout); pass a SUITE folder"
            )
        suites = [own]
    default_dir = own_expectations_dir()
    cases: list[Case] = []
    for suite in suites:
        if not suite.is_dir():
            raise _UsageError(f"{suite}: not a folder")
        if is_test_assets(suite):
            file = expectations or expectations_for(suite, default_dir)
            sample_dir = samples
            if sample_dir is None and is_samples(suite.parent / "primer-samples-core"):
                # The usual side-by-side layout of the shared data needs no flag.
                sample_dir = suite.parent / "primer-samples-core"
            cases += collect_test_assets(suite, sample_dir, load_expectations(file))
        elif is_samples(suite):
            file = expectations or expectations_for(suite, default_dir)
            cases += collect_samples(suite, load_expectations(file))
        elif is_shared_root(suite):
            cases += collect_shared(suite, default_dir)
        elif any(suite.glob("*/*.json")):
            cases += collect_own(suite)
        else:
            raise _UsageError(f"{suite}: not a conformance suite layout this runner knows")
    return cases


def summary_line(outcomes: Iterable[Outcome]) -> str:
    counts = _count(outcomes)
    line = f"{counts['passed']} passed, {counts['failed']} failed"
    if counts["skipped"]:
        line += f", {counts['skipped']} skipped"
    return line


def _count(outcomes: Iterable[Outcome]) -> dict[str, int]:
    counts = {"passed": 0, "failed": 0, "skipped": 0, "slow": 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
        counts["slow"] += outcome.slow
    return counts


def _by_category(outcomes: Sequence[Outcome]) -> dict[str, dict[str, int]]:
    table: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        table.setdefault(outcome.case.category, []).append(outcome)
    return {name: _count(rows) for name, rows in table.items()}


def _write_text(outcomes: Sequence[Outcome], verbose: bool, out: TextIO) -> None:
    table = _by_category(outcomes)
    width = max([len("category"), *map(len, table)])
    out.write(f"{'category':<{width}}  passed  failed  skipped  slow\n")
    for name, c in table.items():
        out.write(
            f"{name:<{width}}  {c['passed']:>6}  {c['failed']:>6}  {c['skipped']:>7}  "
            f"{c['slow']:>4}\n"
        )
    shown = [o for o in outcomes if verbose or o.failed or o.slow]
    if shown:
        out.write("\n")
    for outcome in shown:
        label = outcome.status.upper()
        if outcome.slow:
            label += f" (slow: {outcome.seconds:.2f} s)"
        out.write(f"{label} {outcome.explain()}\n")
    out.write(summary_line(outcomes) + "\n")


def _write_json(outcomes: Sequence[Outcome], out: TextIO) -> None:
    counts = _count(outcomes)
    json.dump(
        {
            "summary": counts,
            "categories": _by_category(outcomes),
            "cases": [o.to_dict() for o in outcomes],
        },
        out,
        indent=2,
        ensure_ascii=False,
    )
    out.write("\n")


def main(argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    """Run the suites named in ``argv``; 0 when everything passed, 1 on a failure, 2 on misuse."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on bad arguments
        return int(exc.code or 0)
    try:
        cases = collect([Path(s) for s in args.suites], args.samples, args.expectations)
    except _UsageError as exc:
        stderr.write(f"jstruct conformance: {exc}\n")
        return 2
    except (ExpectationsError, JSONTextError, OSError) as exc:
        stderr.write(f"jstruct conformance: bad expectations or suite data: {exc}\n")
        return 2
    if args.keyword:
        cases = [c for c in cases if args.keyword in c.id]
    runner = Runner(slow_seconds=args.slow)
    outcomes = [runner.run(case) for case in cases]
    if args.format == "json":
        _write_json(outcomes, stdout)
    else:
        _write_text(outcomes, args.verbose, stdout)
    return 1 if any(o.failed for o in outcomes) else 0
